"""tonecheck serve over a real socket on 127.0.0.1 (an ephemeral port, the
server in a thread of this process; one subprocess test is marked slow)."""
from __future__ import annotations

import base64
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import tonecheck
from conftest import poll
from tonecheck.client import check_remote
from tonecheck.errors import TonecheckError
from tonecheck.findings import FileReport
from tonecheck.serve import Service, is_loopback, make_server

def _has_serve_command() -> bool:
    from tonecheck.cli import cli

    return "serve" in cli.commands


needs_command = pytest.mark.skipif(not _has_serve_command(),
                                   reason="tonecheck.cli has no serve command yet")

REPLY = ("Hi Sam, thanks for reaching out. Unfortunately we cannot refund this order. "
         "No problem, just send us the receipt. I understand how frustrating this must be.")
TIMEOUT = 0.5  # the servers' per-request deadline in these tests


@pytest.fixture(scope="module")
def service():
    return Service()


def _start(service, **limits):
    lines: list[str] = []
    server = make_server("127.0.0.1", 0, service=service, timeout=limits.pop("timeout", TIMEOUT),
                         log=lines.append, **limits)
    server.log_lines = lines
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    return server, thread


def _stop(server, thread):
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def server(service):
    server, thread = _start(service)
    yield server
    _stop(server, thread)


@pytest.fixture
def quiet(server):
    """Nothing reaches the service's console while a test runs."""
    del server.log_lines[:]
    yield
    assert server.log_lines == []


def request(server, method, path, body=None, headers=None, conn=None):
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    hdrs = {"Content-Type": "application/json"} if body is not None else {}
    hdrs.update(headers or {})
    try:
        conn.request(method, path, body=body, headers=hdrs)
        response = conn.getresponse()
        data = response.read()
        assert response.getheader("Content-Type", "").startswith("application/json")
        return response.status, json.loads(data), response
    finally:
        if own:
            conn.close()


def expected(text, **options):
    data = tonecheck.check(text, **options).to_dict()
    return {"version": 1, **data}


# -- endpoints ----------------------------------------------------------------------

def test_check_gives_the_cli_report_for_one_file(server, quiet):
    status, data, _ = request(server, "POST", "/check", {"text": REPLY})
    assert status == 200
    notices = data.pop("notices")
    assert data == expected(REPLY)
    assert isinstance(notices, list)
    assert {f["rule"] for f in data["findings"]} >= {"positivity.no-problem"}


def test_select_and_ignore_filter_like_the_cli(server, quiet):
    for select, ignore in ((["positivity"], []), ([], ["positivity"]),
                           (["positivity", "empathy"], ["positivity.no-problem"])):
        status, data, _ = request(server, "POST", "/check",
                                  {"text": REPLY, "select": select, "ignore": ignore})
        assert status == 200
        data.pop("notices")
        assert data == expected(REPLY, select=tuple(select), ignore=tuple(ignore))
    # a comma-separated string works too, and a typo is a notice, not an error
    status, data, _ = request(server, "POST", "/check",
                              {"text": REPLY, "select": "positivity, no-such-rule"})
    assert status == 200
    assert {f["category"] for f in data["findings"]} == {"positivity"}
    assert any("'no-such-rule' matches no rule" in n for n in data["notices"])


def test_scores_do_not_depend_on_the_selection(server, quiet):
    _, everything, _ = request(server, "POST", "/check", {"text": REPLY})
    _, one, _ = request(server, "POST", "/check", {"text": REPLY, "select": ["clarity"]})
    assert one["scores"] == everything["scores"]


def test_a_path_gets_the_config_s_overrides_and_exclude(tmp_path):
    # The service applies the config file to a request that names its file,
    # as `tonecheck check` does to that file: per-glob overrides and exclude.
    from tonecheck.config import load_config

    config = tmp_path / ".tonecheck.yml"
    config.write_text("exclude: [drafts/old/]\n"
                      "overrides:\n"
                      "  - files: ['macros/legal/**']\n"
                      "    ignore: [positivity.no-problem]\n"
                      "    severity: {courtesy: error}\n", encoding="utf-8")
    service = Service(config=load_config(config))
    text = "No problem. You need to send the receipt."

    def found(**kw):
        return {f["rule"]: f["severity"] for f in service.check(text=text, **kw)["findings"]}

    plain = found()
    assert plain == found(path="macros/billing/refund.txt")
    assert plain["positivity.no-problem"] == "warning" and plain["courtesy.demand"] == "warning"
    legal = found(path="macros/legal/terms.txt")
    assert "positivity.no-problem" not in legal and legal["courtesy.demand"] == "error"
    assert service.check(text=text, path="macros/legal/terms.txt")["path"] == "macros/legal/terms.txt"
    excluded = service.check(text=text, path="drafts/old/x.txt")
    assert excluded["findings"] == [] and any("excluded" in n for n in excluded["notices"])
    assert excluded["scores"] == service.check(text=text)["scores"]


def test_health_and_rules(server, service, quiet):
    status, health, _ = request(server, "GET", "/health")
    assert status == 200 and health["status"] == "ok"
    assert health["version"] == tonecheck.__version__
    assert health["rules"] == len(service.linter.ruleset.rules)
    assert health["email"] is hasattr(tonecheck, "check_email")
    status, rules, _ = request(server, "GET", "/rules?x=1")
    assert status == 200 and rules["version"] == 1
    assert len(rules["rules"]) == health["rules"]
    assert {"id", "severity", "category", "message", "examples"} <= set(rules["rules"][0])


def test_keep_alive_answers_many_requests_on_one_connection(server, quiet):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        sock_ids = set()
        for text in ("No problem!", "Happy to help.", REPLY):
            status, data, _ = request(server, "POST", "/check", {"text": text}, conn=conn)
            assert status == 200 and data["path"] == "-"
            sock_ids.add(id(conn.sock))
        assert len(sock_ids) == 1
    finally:
        conn.close()


def test_client_gets_the_same_report(server, quiet):
    data = check_remote(server.url, {"text": REPLY}, timeout=5)
    data.pop("notices")
    assert data == expected(REPLY)


# -- the client's mistakes: 4xx JSON, nothing on the console ---------------------------

@pytest.mark.parametrize("body, status, words", [
    (b"{not json", 400, "not valid JSON"),
    (b"\xff\xfe", 400, "not UTF-8"),
    (b"[" * 100_000, 400, "JSON"),
    (b'["text"]', 400, "must be a JSON object"),
    (b'{"text": 1}', 400, "'text' must be a string"),
    (b'{"text": "hi", "colour": "red"}', 400, "unknown field(s) 'colour'"),
    (b'{}', 400, "exactly one of 'text'"),
    (b'{"text": "hi", "email": "From: a"}', 400, "exactly one of 'text'"),
    (b'{"text": "hi", "select": 3}', 400, "'select' must be a list"),
    (b'{"text": "hi", "ignore": [1]}', 400, "'ignore' must be a list"),
    (b'{"text": "hi", "context": []}', 400, "'context' must be a string"),
    (b'{"text": "\\ud800"}', 400, "lone surrogate"),
    (b'{"email": {"base64": "%%%"}}', 400, "not valid base64"),
    (b'{"email": {"b64": "aGk="}}', 400, 'must be {"base64"'),
    (b'{"email": 5}', 400, "'email' must be the raw message"),
    (b'{"text": "hi", "path": 7}', 400, "'path' must be the file's path"),
    (b'{"text": "hi", "path": " "}', 400, "'path' must be the file's path"),
])
def test_bad_requests_are_400_with_a_reason(server, quiet, body, status, words):
    got, data, response = request(server, "POST", "/check", body)
    assert (got, data["status"]) == (status, status)
    assert words in data["error"], data["error"]
    assert "Traceback" not in data["error"]


def test_text_over_one_megabyte_is_413(server, quiet):
    status, data, _ = request(server, "POST", "/check", {"text": "a" * 1_000_001})
    assert status == 413 and "1,000,000" in data["error"]


def test_body_over_the_cap_is_413_without_reading_it(server, quiet):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 999999999\r\n\r\n{")
        answer = _read_all(s)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"Connection: close" in answer and b"too large" in answer


@pytest.mark.parametrize("method, path, status, allow", [
    ("GET", "/check", 405, "POST"), ("POST", "/health", 405, "GET"), ("DELETE", "/rules", 405, "GET"),
    ("GET", "/", 404, None), ("POST", "/nope", 404, None),
])
def test_wrong_method_or_path(server, quiet, method, path, status, allow):
    got, data, response = request(server, method, path)
    assert got == status == data["status"]
    assert response.getheader("Allow") == allow


def test_missing_length_wrong_type_and_unknown_method(server, quiet):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"POST /check HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _read_all(s).startswith(b"HTTP/1.1 411 ")
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"POST /check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        assert _read_all(s).startswith(b"HTTP/1.1 411 ")
    status, data, _ = request(server, "POST", "/check", "text=hi",
                              {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415 and "application/json" in data["error"]
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"BREW /check HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = _read_all(s)
    assert answer.startswith(b"HTTP/1.1 501 ") and b'"status": 501' in answer
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"garbage\r\n\r\n")
        assert b'"status": 400' in _read_all(s)


def _read_all(sock) -> bytes:
    out = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return out
        out += chunk


# -- email and context land separately: 501 until they do ------------------------------

def test_email_is_501_until_check_email_exists(server, quiet, monkeypatch):
    monkeypatch.delattr(tonecheck, "check_email", raising=False)
    status, data, _ = request(server, "POST", "/check", {"email": "From: a@b\n\nNo problem!"})
    assert status == 501 and "check_email" in data["error"]


def test_email_as_string_or_base64_goes_to_check_email(server, quiet, monkeypatch):
    seen = []

    def check_email(raw: bytes, **options):
        seen.append(raw)
        return FileReport(path="<email>", text="x", findings=(), notices=("from the parser",))

    monkeypatch.setattr(tonecheck, "check_email", check_email, raising=False)
    raw = "From: a@b\nContent-Type: text/plain; charset=latin-1\n\nCaf\xe9".encode("latin-1")
    status, data, _ = request(server, "POST", "/check",
                              {"email": {"base64": base64.encodebytes(raw).decode()}})
    assert status == 200 and data["path"] == "<email>"
    assert "from the parser" in data["notices"]
    status, _, _ = request(server, "POST", "/check", {"email": "From: a@b\n\nMerci \u00e9"})
    assert status == 200
    assert seen == [raw, "From: a@b\n\nMerci \u00e9".encode("utf-8")]


def test_context_is_501_until_check_takes_it_then_passed(server, quiet, monkeypatch):
    status, data, _ = request(server, "POST", "/check", {"text": "Hi", "context": "Angry!"})
    if "context" not in __import__("inspect").signature(tonecheck.check).parameters:
        assert status == 501 and "context" in data["error"]
    original, seen = tonecheck.check, []

    def check(text, *, path="-", context=None, **options):
        seen.append(context)
        return original(text, path=path, **options)

    monkeypatch.setattr(tonecheck, "check", check)
    status, data, _ = request(server, "POST", "/check", {"text": "Hi", "context": "Angry!"})
    assert status == 200 and seen == ["Angry!"]


MESSAGE = (b"From: agent@example.com\r\nTo: sam@example.com\r\nSubject: Re: refund\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
           b"I don't know when it ships.\r\n\r\n"
           b"On Mon, 1 Jan 2024, Sam wrote:\r\n"
           b"> No problem if it is late, but this is the THIRD time I'm writing. I'm furious!\r\n")


@pytest.mark.skipif(not hasattr(tonecheck, "check_email"), reason="no tonecheck.check_email yet")
def test_a_real_email_as_string_and_base64_gives_the_in_process_report(server, quiet):
    want = {"version": 1, **tonecheck.check_email(MESSAGE).to_dict()}
    for email in (MESSAGE.decode(), {"base64": base64.b64encode(MESSAGE).decode()}):
        status, data, _ = request(server, "POST", "/check", {"email": email})
        assert status == 200
        data.pop("notices")
        assert data == want
    rules = {f["rule"] for f in want["findings"]}
    assert "positivity.no-problem" not in rules  # that is the customer's, quoted
    assert "empathy.acknowledge-upset-customer" in rules  # read from the quote


def test_context_reaches_the_check(server, quiet):
    if "context" not in __import__("inspect").signature(tonecheck.check).parameters:
        pytest.skip("tonecheck.check has no context= yet")
    context = "This is the third time I'm writing! I'm furious, nobody helps."
    status, data, _ = request(server, "POST", "/check",
                              {"text": "Your order ships Monday.", "context": context})
    assert status == 200
    data.pop("notices")
    assert data == expected("Your order ships Monday.", context=context)


def test_unreadable_input_is_422_and_a_bug_is_500_one_line(server, monkeypatch):
    def broken(raw, **options):
        raise TonecheckError("no text part in this message")

    monkeypatch.setattr(tonecheck, "check_email", broken, raising=False)
    status, data, _ = request(server, "POST", "/check", {"email": "x"})
    assert status == 422 and "no text part" in data["error"]

    def crash(raw, **options):
        raise KeyError("oops")

    monkeypatch.setattr(tonecheck, "check_email", crash)
    del server.log_lines[:]
    status, data, _ = request(server, "POST", "/check", {"email": "x"})
    assert status == 500 and data["error"] == "internal error: KeyError; see the service's log"
    assert len(server.log_lines) == 1 and "KeyError" in server.log_lines[0]
    assert "Traceback" not in server.log_lines[0]
    del server.log_lines[:]
    # and the service goes on
    assert request(server, "POST", "/check", {"text": "Hi"})[0] == 200


# -- slow clients, the connection cap, loopback ----------------------------------------

def test_a_stalled_client_is_dropped_while_others_are_answered(server, quiet):
    stalled = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    try:
        start = time.monotonic()
        stalled.sendall(b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 100\r\n\r\n{\"te")
        for _ in range(3):  # the others are answered meanwhile
            assert request(server, "POST", "/check", {"text": "Happy to help."})[0] == 200
        assert time.monotonic() - start < TIMEOUT / 2
        answer = _read_all(stalled)
        elapsed = time.monotonic() - start
    finally:
        stalled.close()
    assert answer.startswith(b"HTTP/1.1 408 ") and b"Connection: close" in answer
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + 1.5
    assert request(server, "GET", "/health")[0] == 200


def test_a_client_trickling_bytes_is_dropped_at_the_deadline(server, quiet):
    """A byte every 50 ms never trips a per-read time-out; the request's
    deadline drops it all the same."""
    trickle = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    start = time.monotonic()
    dropped = None
    try:
        for b in b"POST /check HTTP/1.1\r\nHost: x\r\n" * 10:
            try:
                trickle.sendall(bytes([b]))
            except (BrokenPipeError, ConnectionResetError):
                dropped = time.monotonic() - start
                break
            time.sleep(0.05)
    finally:
        trickle.close()
    assert dropped is not None and TIMEOUT * 0.9 <= dropped < TIMEOUT + 1.5


def test_an_idle_keep_alive_connection_is_closed_after_the_time_out(server, quiet):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        assert request(server, "GET", "/health", conn=conn)[0] == 200
        conn.sock.settimeout(TIMEOUT + 2)
        assert conn.sock.recv(10) == b""
    finally:
        conn.close()


def test_over_the_connection_cap_is_503(service):
    server, thread = _start(service, max_connections=2)
    held = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(2)]
    try:
        # The server counts a connection once its thread takes it: poll, as a
        # busy machine may take a while.
        status, data = poll(lambda: request(server, "GET", "/health")[:2], lambda r: r[0] == 503)
        assert status == 503 and "too many connections" in data["error"]
    finally:
        for s in held:
            s.close()
    assert poll(lambda: request(server, "GET", "/health")[0], lambda code: code == 200) == 200
    _stop(server, thread)


def test_loopback_only_unless_asked(service):
    assert is_loopback("127.0.0.1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("")
    with pytest.raises(TonecheckError, match="not a loopback address"):
        make_server("0.0.0.0", 0, service=service)


def test_a_taken_port_is_one_line_before_spacy_loads(service):
    server, thread = _start(service)
    try:
        with pytest.raises(TonecheckError, match="cannot listen on 127.0.0.1:"):
            make_server("127.0.0.1", server.port)  # no service: would build one after the bind
    finally:
        _stop(server, thread)


@needs_command
def test_a_taken_port_from_the_cli_is_exit_2(service, run_cli):
    server, thread = _start(service)
    try:
        from click.testing import CliRunner

        from tonecheck.cli import cli

        result = CliRunner().invoke(cli, ["serve", "--port", str(server.port)])
        assert result.exit_code == 2
        assert "cannot listen on" in result.output and "Traceback" not in result.output
    finally:
        _stop(server, thread)


# -- load ----------------------------------------------------------------------------

def _rss_kb() -> int:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))


def test_200_concurrent_requests_are_all_answered_correctly(server, quiet):
    texts = [f"Hi {i}, no problem! I don't know when it ships. Thanks, {i}." for i in range(200)]
    want = {t: expected(t) for t in texts}
    barrier = threading.Barrier(200, timeout=10)

    def one(text):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            conn.connect()
            barrier.wait()  # all 200 connected at once, then all send
            status, data, _ = request(server, "POST", "/check", {"text": text}, conn=conn)
            data.pop("notices")
            return status, data == want[text]
        finally:
            conn.close()

    threads_before = threading.active_count()
    rss_before = _rss_kb()
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=200) as pool:
        results = list(pool.map(one, texts, timeout=30))
    elapsed = time.monotonic() - start
    assert results == [(200, True)] * 200
    assert elapsed < 20
    assert _rss_kb() - rss_before < 100_000  # KB: 200 threads and their answers, not a leak
    deadline = time.monotonic() + 5  # every connection's thread ends
    while threading.active_count() > threads_before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() <= threads_before


# -- the command ---------------------------------------------------------------------

@pytest.mark.slow
@needs_command
@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_tonecheck_serve_command(tmp_path, sig, code):
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "serve", "--port", "0",
                             "--no-config", "--timeout", "2"],
                            stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        line = proc.stderr.readline()
        match = re.search(r"serving on (http://127\.0\.0\.1:\d+)", line)
        assert match, line
        url = match.group(1)
        report = check_remote(url, {"text": "No problem!"}, timeout=10)
        assert report["findings"][0]["rule"] == "positivity.no-problem"
        proc.send_signal(sig)
        assert proc.wait(15) == code
        rest = proc.stderr.read()
        assert "stopped" in rest and "Traceback" not in rest
        assert check_remote(url, {"text": "hi"}, timeout=1) is None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_the_example_client(server, quiet):
    from conftest import REPO

    script = str(REPO / "examples" / "serve_client.py")
    draft = REPO / "examples" / "drafts" / "refund-delay.txt"
    p = subprocess.run([sys.executable, script, "--url", server.url, str(draft)],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 1, p.stderr
    assert "[positivity.no-problem] -> My pleasure" in p.stdout
    assert re.search(r"scores: empathy \d+/100", p.stdout)
    p = subprocess.run([sys.executable, script, "--url", server.url, "--select", "courtesy"],
                       input="Happy to help!", capture_output=True, text=True, timeout=30)
    assert p.returncode == 0 and "scores:" in p.stdout
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    p = subprocess.run([sys.executable, script, "--url", f"http://127.0.0.1:{free}"],
                       input="hi", capture_output=True, text=True, timeout=30)
    assert p.returncode == 2 and "cannot reach" in p.stderr


@pytest.mark.skipif(not hasattr(tonecheck, "check_email"), reason="no tonecheck.check_email yet")
def test_the_hook_gets_the_in_process_report_from_the_service(server, quiet):
    hook = pytest.importorskip("tonecheck.hook")
    for options in ({}, {"select": ("honesty",), "ignore": ("honesty.dont-know",)}):
        settings = hook.Settings(server=server.url, server_timeout=5, linter_options=options)
        notices: list[str] = []
        remote = hook.check_message(MESSAGE, settings, notices)
        assert notices == []  # the service answered
        remote.pop("notices"), remote.pop("version")
        assert remote == tonecheck.check_email(MESSAGE, **options).to_dict()


def test_health_counts_checks(service):
    before = service.health()["checked"]
    service.check(text="Happy to help.")
    assert service.health()["checked"] == before + 1
