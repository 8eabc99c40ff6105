"""``tonecheck serve``: a warm local service that checks replies over HTTP.

A one-shot ``tonecheck check`` pays a second of start-up (importing spaCy);
a check in a warm process takes well under a millisecond. This module keeps
one linter warm behind a small JSON API on 127.0.0.1, for mail-client
add-ons, helpdesk integrations and ``tonecheck hook --server``:

    POST /check   {"text": ..., "context"?, "email"?, "select"?, "ignore"?}
                  -> the CLI's JSON report for one file, plus "version" and "notices"
    GET  /health  -> {"status": "ok", ...}
    GET  /rules   -> what ``tonecheck rules list --format json`` prints

Two layers: :class:`Service` turns a decoded request into a report and knows
nothing of HTTP; :class:`Server` and its handler do the transport, with the
limits a local service needs (loopback only unless asked, a body-size cap,
one deadline per request against slow clients, a connection cap, JSON
errors and never a traceback for a client's mistake).

Standard library ``http.server`` with a thread per connection: no new
dependency, and the work per request is a fraction of a millisecond under
one lock, so an event loop or a worker pool would buy nothing here.
"""
from __future__ import annotations

import base64
import binascii
import inspect
import io
import ipaddress
import json
import signal
import socket
import sys
import threading
import time
from collections import OrderedDict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Sequence
from urllib.parse import urlsplit

from . import __version__
from .errors import TonecheckError
from .formatters.json import SCHEMA_VERSION
from .inputs.text import MAX_BYTES

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8977
#: Seconds a client has for each request, from the moment the server starts
#: waiting for it (keep-alive idle time included) to the last byte of the body.
DEFAULT_TIMEOUT = 10.0
#: Largest request body. The text itself is capped at 1 MB as in the CLI;
#: this leaves room for JSON escapes (``\\u00e9`` is 6 bytes for 2) and for an
#: email's headers, HTML part, base64 and attachments.
DEFAULT_MAX_BODY = 8 * 1024 * 1024
#: Connections served at once; more are answered 503 straight away.
DEFAULT_MAX_CONNECTIONS = 512
#: Distinct select/ignore combinations whose notices are remembered.
SELECTION_CACHE = 256
#: Limits on select/ignore in one request (they are rule ids and prefixes).
MAX_SELECTORS = 200
MAX_SELECTOR_LENGTH = 200

FIELDS = ("text", "context", "email", "select", "ignore", "path")
MAX_PATH = 4096  # characters of a request's "path"


class RequestError(Exception):
    """A client's mistake: answered with ``status`` and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# -- the checking side ------------------------------------------------------------

class Service:
    """One warm linter and the per-request choices on top of it.

    The linter is built once with every rule reported; a request's
    ``select``/``ignore`` filters the findings. That gives exactly what the
    CLI's ``--select``/``--ignore`` give, because scores never depend on the
    selection (see :class:`tonecheck.engine.Linter`), and it needs one linter
    however many combinations clients send.

    ``select``/``ignore`` here are the service's defaults (from the command
    line or the config file); a request's ``select`` replaces them and its
    ``ignore`` adds to them, as on the command line.
    """

    def __init__(self, *, rules: Sequence = (), include_default: bool = True,
                 model: str | None = None, select: Sequence[str] = (),
                 ignore: Sequence[str] = (), scores: bool = True,
                 min_empathy: float | None = None, min_positivity: float | None = None,
                 severity: dict | None = None, vocabulary: dict | None = None,
                 config=None):
        from .engine import get_linter
        from .rules.docs import rule_to_dict

        self.options: dict[str, Any] = dict(
            rules=tuple(str(r) for r in rules), include_default=include_default, model=model,
            scores=scores, min_empathy=min_empathy, min_positivity=min_positivity,
            severity=severity or None, vocabulary=vocabulary or None)
        self.linter = get_linter(**self.options)  # warm: compiled before the first request
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        #: The config file (:class:`tonecheck.config.Config`) whose ``exclude``
        #: and per-glob ``overrides`` apply to a request that names its ``path``.
        self.config = config
        runnable = {r.id for r in self.linter.rules}
        self._skipped = [r for r in self.linter.ruleset.rules if r.id not in runnable]
        self._lock = threading.Lock()
        self._selections: OrderedDict = OrderedDict()
        self._selections_lock = threading.Lock()
        self.rules_body = _encode({"version": 1, "rules": [rule_to_dict(r) for r in
                                                          self.linter.ruleset.rules]})
        self.checked = 0
        self.check(text="Thanks for your patience.")  # warm every lazy table before serving
        self.checked = 0
        self.started = time.time()

    # -- feature detection: email input and context land separately ------------
    @staticmethod
    def _api():
        import tonecheck

        return tonecheck

    @property
    def has_email(self) -> bool:
        return callable(getattr(self._api(), "check_email", None))

    @property
    def has_context(self) -> bool:
        try:
            return "context" in inspect.signature(self._api().check).parameters
        except (TypeError, ValueError):  # pragma: no cover - not introspectable
            return False

    def health(self) -> dict:
        return {"status": "ok", "version": __version__, "rules": len(self.linter.ruleset.rules),
                "model": self.linter.pipeline.name, "email": self.has_email,
                "context": self.has_context, "checked": self.checked,
                "uptime_s": round(time.time() - self.started, 1)}

    # -- one check ------------------------------------------------------------------
    def check(self, *, text: str | None = None, email: bytes | None = None,
              context: str | None = None, select: Sequence[str] | None = None,
              ignore: Sequence[str] = (), path: str | None = None) -> dict:
        """The report for ``text`` (or the raw ``email``) as a JSON-ready dict.

        ``path`` names the file the text comes from (an editor add-on checking a
        macro): the config's ``exclude`` and per-glob ``overrides`` then apply
        as they do to that file on the command line (``select``, ``ignore``,
        template mode and, for text, ``severity``).

        Raises :class:`RequestError` for what the client must change and
        :class:`~tonecheck.errors.TonecheckError` for input tonecheck cannot
        read (both are the client's to fix)."""
        api = self._api()
        options = dict(self.options)
        select = self.select if select is None or not select else tuple(select)
        ignore = self.ignore + tuple(ignore)
        item, excluded = None, False
        if path is not None:
            from .config import is_excluded, options_for

            item = {}
            if self.config is not None:
                excluded = is_excluded(self.config, path)
                item = options_for(self.config, path, select, ignore)
                select, ignore = item.pop("select", select), item.pop("ignore", ignore)
        if context is not None:
            if not self.has_context:
                raise RequestError(501, "'context' is not supported by this tonecheck yet "
                                        "(tonecheck.check has no context= option); leave it out")
            options["context"] = context
        if email is not None:
            check_email = getattr(api, "check_email", None)
            if not callable(check_email):
                raise RequestError(501, "email input is not available in this tonecheck yet "
                                        "(tonecheck.check_email is missing); send the reply as "
                                        "'text'")
            # One check at a time: spaCy's pipeline and the matchers are shared
            # state, not documented as thread-safe; a check takes ~0.3 ms.
            with self._lock:
                report = check_email(email, **options)
        else:
            with self._lock:
                if context is not None:
                    report = api.check(text, **options)
                elif item is not None:
                    report = next(self.linter.check_many([(path, text, item)]))
                else:
                    report = self.linter.check_text(text)
        self.checked += 1  # a statistic: a lost update under a race costs nothing
        notices, keep = self._selection(select, ignore)
        if excluded:
            notices = (f"{path}: excluded by the config's 'exclude'; no findings are "
                       f"reported for it", *notices)
            keep = _nothing
        data = report.to_dict()
        if path is not None:
            data["path"] = path
        if keep is not None:
            data["findings"] = [f for f in data["findings"] if keep(f["rule"], f["category"])]
        return {"version": SCHEMA_VERSION, **data,
                "notices": [*notices, *getattr(report, "notices", ())]}

    def _selection(self, select: tuple, ignore: tuple):
        """Notices for this selection and the filter it applies (None: keep all).
        Remembered per combination, at most :data:`SELECTION_CACHE` of them."""
        key = (select, ignore)
        with self._selections_lock:
            hit = self._selections.get(key)
            if hit is not None:
                self._selections.move_to_end(key)
                return hit
        from .selection import is_enabled, unknown_selectors

        notices = list(self.linter.pipeline.notices)
        skipped = [r.id for r in self._skipped if is_enabled(r.id, r.category, select, ignore)]
        if skipped:
            notices.append(f"skipped {len(skipped)} rule(s) that need a trained spaCy pipeline "
                           f"({', '.join(skipped)}); start the service with --model, e.g. "
                           f"--model en_core_web_sm")
        for s in unknown_selectors(select + ignore, self.linter.ruleset.rules):
            notices.append(f"warning: select/ignore {s!r} matches no rule")

        def keep(rule: str, category: str) -> bool:
            # Score gates (--min-empathy) are not rules: always reported, as in the CLI.
            return rule.startswith("score.") or is_enabled(rule, category, select, ignore)

        hit = (tuple(notices), keep if (select or ignore) else None)
        with self._selections_lock:
            self._selections[key] = hit
            while len(self._selections) > SELECTION_CACHE:
                self._selections.popitem(last=False)
        return hit


def _nothing(rule: str, category: str) -> bool:
    return False  # an excluded file: not even the score gates are reported


def parse_check_request(body: bytes) -> dict:
    """Decode and validate a ``POST /check`` body into keyword arguments for
    :meth:`Service.check`. Raises :class:`RequestError` with the reason."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise RequestError(400, "the body is not UTF-8; send JSON encoded as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise RequestError(400, f"the body is not valid JSON: {exc.msg} at line {exc.lineno} "
                                f"column {exc.colno}") from None
    except RecursionError:
        raise RequestError(400, "the body is not valid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise RequestError(400, f"the body must be a JSON object like {{\"text\": \"...\"}}, "
                                f"got {_json_type(data)}")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise RequestError(400, f"unknown field(s) {', '.join(map(repr, unknown))}; "
                                f"allowed: {', '.join(FIELDS)}")
    text, email = data.get("text"), data.get("email")
    if (text is None) == (email is None):
        raise RequestError(400, "give exactly one of 'text' (the reply) and 'email' "
                                "(the whole message)")
    out: dict[str, Any] = {}
    if text is not None:
        out["text"] = _text_field("text", text)
    else:
        out["email"] = _email_field(email)
    if data.get("context") is not None:
        out["context"] = _text_field("context", data["context"])
    for name in ("select", "ignore"):
        if data.get(name) is not None:
            out[name] = _selectors(name, data[name])
    if data.get("path") is not None:
        path = data["path"]
        if not isinstance(path, str) or not path.strip() or len(path) > MAX_PATH:
            raise RequestError(400, f"'path' must be the file's path as a non-empty string "
                                    f"(at most {MAX_PATH:,} characters)")
        out["path"] = path
    return out


def _json_type(value) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "true/false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


def _text_field(name: str, value) -> str:
    if not isinstance(value, str):
        raise RequestError(400, f"'{name}' must be a string, got {_json_type(value)}")
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise RequestError(400, f"'{name}' holds a lone surrogate (\\u{ord(value[exc.start]):04x}"
                                f" at character {exc.start}); send valid Unicode") from None
    if size > MAX_BYTES:
        raise RequestError(413, f"'{name}' is too large ({size:,} bytes of UTF-8; "
                                f"the limit is {MAX_BYTES:,})")
    return value


def _email_field(value) -> bytes:
    """``"email"`` is the raw message as a string (sent as its UTF-8 bytes) or
    ``{"base64": "..."}`` for the exact bytes (any charset, 8-bit parts)."""
    if isinstance(value, str):
        try:
            return value.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raise RequestError(400, "'email' holds a lone surrogate; send the exact bytes as "
                                    "{\"base64\": \"...\"}") from None
    if isinstance(value, dict):
        if set(value) != {"base64"} or not isinstance(value["base64"], str):
            raise RequestError(400, "'email' as an object must be {\"base64\": \"<the raw "
                                    "message, base64-encoded>\"}")
        try:
            return base64.b64decode("".join(value["base64"].split()), validate=True)
        except (binascii.Error, ValueError):
            raise RequestError(400, "'email.base64' is not valid base64") from None
    raise RequestError(400, f"'email' must be the raw message as a string or "
                            f"{{\"base64\": \"...\"}}, got {_json_type(value)}")


def _selectors(name: str, value) -> tuple[str, ...]:
    """A list of rule ids, prefixes or categories, or one comma-separated string."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RequestError(400, f"'{name}' must be a list of rule ids, prefixes or "
                                f"categories (or one comma-separated string)")
    out = tuple(v.strip() for v in value if v.strip())
    if len(out) > MAX_SELECTORS or any(len(v) > MAX_SELECTOR_LENGTH for v in out):
        raise RequestError(400, f"'{name}' is too long (at most {MAX_SELECTORS} entries "
                                f"of {MAX_SELECTOR_LENGTH} characters)")
    return out


def _encode(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


# -- the HTTP side ----------------------------------------------------------------

class _DeadlineReader(io.RawIOBase):
    """The socket as the handler reads it, with one deadline for a whole
    request rather than a time-out per read, so a client that trickles a
    byte every few seconds is dropped too."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.deadline = float("inf")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("request deadline passed")
        self.sock.settimeout(left)
        return self.sock.recv_into(buffer)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a client saves a connect per check
    server_version = f"tonecheck/{__version__}"
    sys_version = ""
    server: "Server"

    ROUTES = {"/check": "POST", "/health": "GET", "/rules": "GET"}

    def setup(self) -> None:
        self.timeout = self.server.timeout_s
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._reader = _DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self._reader, 65536)
        self._extra_headers: list = []

    def handle_one_request(self) -> None:
        # One deadline for the wait for a request line (keep-alive idle time
        # included), then a fresh one for the headers and the body together;
        # writing the answer gets the plain socket time-out.
        self._reader.deadline = time.monotonic() + self.server.timeout_s
        super().handle_one_request()

    def parse_request(self) -> bool:
        self._reader.deadline = time.monotonic() + self.server.timeout_s
        return super().parse_request()

    # Every method goes through one router, so a wrong method is a JSON 405.
    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_HEAD(self) -> None:
        self._route("HEAD")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    def do_PATCH(self) -> None:
        self._route("PATCH")

    def do_OPTIONS(self) -> None:
        self._route("OPTIONS")

    def _route(self, method: str) -> None:
        self.server.begin()
        try:
            path = urlsplit(self.path).path
            allowed = self.ROUTES.get(path)
            if allowed is None:
                raise RequestError(404, f"no such endpoint {path!r}; try POST /check, "
                                        f"GET /health or GET /rules")
            if method != allowed:
                self._extra_headers = [("Allow", allowed)]
                raise RequestError(405, f"{path} takes {allowed}, not {method}")
            if path == "/check":
                self._check()
            elif path == "/health":
                self._send(200, _encode(self.server.service.health()))
            else:
                self._send(200, self.server.service.rules_body)
        except RequestError as exc:
            self._error(exc.status, exc.message)
        except TonecheckError as exc:  # input tonecheck cannot read (e.g. an email)
            self._error(422, str(exc))
        except (TimeoutError, ConnectionError):
            self.close_connection = True  # the client is gone or too slow: nobody to tell
        except Exception as exc:  # a bug in tonecheck: one line on the console, a 500 JSON
            self.server.report(f"internal error on {method} {self.path}: "
                               f"{type(exc).__name__}: {exc}")
            self._error(500, f"internal error: {type(exc).__name__}; see the service's log")
        finally:
            self.server.end()

    def _check(self) -> None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            raise RequestError(411, "send the body with a Content-Length (chunked bodies are "
                                    "not accepted)")
        length = self.headers.get("Content-Length")
        if length is None:
            self.close_connection = True
            raise RequestError(411, "POST /check needs a Content-Length header")
        if not length.strip().isdigit():
            self.close_connection = True
            raise RequestError(400, f"bad Content-Length {length!r}")
        size = int(length)
        if size > self.server.max_body:
            self.close_connection = True  # the body stays unread
            raise RequestError(413, f"request body too large ({size:,} bytes; the limit is "
                                    f"{self.server.max_body:,})")
        ctype = self.headers.get("Content-Type", "application/json").split(";")[0].strip()
        if ctype.lower() not in ("application/json", "text/json") \
                and not ctype.lower().endswith("+json"):
            self.close_connection = True
            raise RequestError(415, f"send Content-Type: application/json (got {ctype!r})")
        try:
            body = self.rfile.read(size)
        except TimeoutError:
            self.close_connection = True
            raise RequestError(408, "the request body did not arrive in time "
                                    f"({self.server.timeout_s:g} s)") from None
        if len(body) < size:
            self.close_connection = True  # the client closed mid-body
            return
        request = parse_check_request(body)
        self._send(200, _encode(self.server.service.check(**request)))

    # -- writing --------------------------------------------------------------------
    def _error(self, status: int, message: str) -> None:
        self._send(status, _encode({"error": message, "status": status}))

    def _send(self, status: int, body: bytes) -> None:
        """The whole answer in one write (two small writes meet Nagle and
        delayed ACKs: 40 ms stalls on keep-alive connections)."""
        phrase = HTTPStatus(status).phrase
        head = [f"HTTP/1.1 {status} {phrase}", f"Server: {self.server_version}",
                "Content-Type: application/json; charset=utf-8",
                f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in getattr(self, "_extra_headers", ())]
        self._extra_headers = []
        if self.close_connection or self.request_version != "HTTP/1.1":
            head.append("Connection: close")
            self.close_connection = True
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        if self.command != "HEAD":
            data += body
        self.connection.settimeout(self.server.timeout_s)
        self.wfile.write(data)
        if self.server.access_log:
            self.server.report(f'{self.client_address[0]} "{self.requestline}" {status} '
                               f"{len(body)}")

    def send_error(self, code, message=None, explain=None) -> None:
        """http.server's own errors (bad request line, 414, 431, 501) as JSON."""
        self.close_connection = True
        if not hasattr(self, "request_version"):
            self.request_version = "HTTP/1.0"
        self.command = getattr(self, "command", None) or ""
        try:
            self._error(code, message or HTTPStatus(code).phrase)
        except OSError:
            pass

    def log_message(self, format, *args) -> None:
        """http.server's console lines (time-outs, bad requests) are the
        client's business; shown only with --access-log."""
        if self.server.access_log:
            self.server.report(f"{self.client_address[0]}: " + (format % args))


class Server(ThreadingHTTPServer):
    """A :class:`ThreadingHTTPServer` with the service's limits."""

    daemon_threads = True
    block_on_close = False  # idle keep-alive connections must not hold up a stop; see drain()
    request_queue_size = 1024  # the default 5 drops connections in a burst of clients
    allow_reuse_address = True

    def __init__(self, address, service: Service | None, *, timeout: float = DEFAULT_TIMEOUT,
                 max_body: int = DEFAULT_MAX_BODY,
                 max_connections: int = DEFAULT_MAX_CONNECTIONS, access_log: bool = False,
                 family: int = socket.AF_INET, log=None):
        self.address_family = family
        self.service = service
        self.timeout_s = timeout
        self.max_body = max_body
        self.access_log = access_log
        self._log = log or (lambda line: print(f"tonecheck: {line}", file=sys.stderr,
                                               flush=True))
        self._slots = threading.BoundedSemaphore(max_connections)
        self._active = 0
        self._active_lock = threading.Lock()
        super().__init__(address, _Handler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        host = self.server_address[0]
        return f"http://{'[' + host + ']' if ':' in host else host}:{self.port}"

    def report(self, line: str) -> None:
        self._log(line)

    # in-flight requests (not idle keep-alive connections), for a graceful stop
    def begin(self) -> None:
        with self._active_lock:
            self._active += 1

    def end(self) -> None:
        with self._active_lock:
            self._active -= 1

    def drain(self, grace: float) -> None:
        """Wait up to ``grace`` seconds for requests being answered."""
        end = time.monotonic() + grace
        while self._active and time.monotonic() < end:
            time.sleep(0.01)

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(blocking=False):
            try:  # over the cap: a short answer now beats a queue nobody sees
                body = b'{"error": "too many connections; try again", "status": 503}'
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: "
                                b"application/json\r\nConnection: close\r\nContent-Length: "
                                + str(len(body)).encode() + b"\r\n\r\n" + body)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except Exception:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address) -> None:
        """No traceback on the console: a client that went away is normal,
        anything else is one line."""
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):
            return
        self.report(f"internal error serving {client_address[0]}: {type(exc).__name__}: {exc}")


def is_loopback(host: str) -> bool:
    """Whether every address ``host`` names is a loopback address."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        return False
    addresses = {info[4][0].split("%")[0] for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


def make_server(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                service: Service | None = None, service_options: dict | None = None,
                allow_remote: bool = False, **limits) -> Server:
    """A bound server, not yet serving (call ``serve_forever``). ``port=0``
    picks a free port (``server.port``). Without ``service`` one is built
    from ``service_options`` (the keywords of :class:`Service`) once the
    port is bound. A host that is not loopback is refused unless
    ``allow_remote``: the service has no authentication."""
    if not allow_remote and not is_loopback(host):
        raise TonecheckError(f"refusing to listen on {host!r}: not a loopback address; "
                             f"the service has no authentication (pass --host explicitly to "
                             f"listen there anyway)")
    try:
        family, _, _, _, sockaddr = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM,
                                                       flags=socket.AI_PASSIVE)[0]
    except socket.gaierror as exc:
        raise TonecheckError(f"cannot resolve --host {host!r}: {exc.strerror}") from None
    try:
        server = Server(sockaddr[:2], service, family=family, **limits)
    except OSError as exc:
        raise TonecheckError(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                             + ("; pick another --port" if exc.errno == 98 else "")) from None
    if service is None:  # built after the bind, so a taken port fails before the slow part
        try:
            server.service = Service(**(service_options or {}))
        except BaseException:
            server.server_close()
            raise
    return server


def run(*, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, allow_remote: bool = False,
        service_options: dict | None = None, grace: float = 5.0, **limits) -> int:
    """Serve until SIGINT (exit code 130) or SIGTERM (0); requests being
    answered get ``grace`` seconds to finish."""
    say = lambda line: print(f"tonecheck: {line}", file=sys.stderr, flush=True)  # noqa: E731
    if allow_remote and not is_loopback(host):
        say(f"warning: listening on {host}, beyond this machine: anyone who can reach it "
            f"can use the service (no authentication, no TLS)")
    server = make_server(host, port, allow_remote=allow_remote,
                         service_options=service_options, **limits)
    code = {"exit": 0}

    def stop(signum, frame):
        code["exit"] = 130 if signum == signal.SIGINT else 0
        # shutdown() waits for serve_forever, which runs in this thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    for notice in server.service.linter.pipeline.notices:
        say(notice)
    say(f"serving on {server.url} (POST /check, GET /health, GET /rules); "
        f"Ctrl-C to stop")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        server.drain(grace)
        for s, handler in previous.items():
            signal.signal(s, handler)
    say("stopped")
    return code["exit"]
