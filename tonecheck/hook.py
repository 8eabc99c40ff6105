"""``tonecheck hook``: a sendmail-compatible wrapper that checks a message
before it goes out, and never loses it.

A mail client runs it in place of sendmail (``set sendmail="tonecheck hook"``).
It reads the whole message from stdin first, then:

1. loads the config and saves a recovery copy of the message in the held
   folder (``<id>.sending.eml``, written atomically), before the slow part;
2. decides: send unchecked (an ``X-Tonecheck: skip`` header, or every
   recipient on the config's ``hook.skip`` list), or check it (a running
   ``tonecheck serve`` when ``--server`` names one, else in-process);
3. on a pass, hands the bytes unchanged to the real sendmail with the same
   arguments, deletes the recovery copy when sendmail succeeds, and returns
   sendmail's status. On a failed check, an internal error (broken rule pack,
   bad config, crash, Ctrl-C) or a failed sendmail, it renames the recovery
   copy to ``<id>.eml``, says why and where on stderr, and exits non-zero
   (:class:`~tonecheck.exitcodes.HookExit`) so the mail client keeps the
   draft. ``hook.on_error: send`` sends on an internal error instead (and
   says so).

So a message is always either accepted by sendmail or kept in the held
folder; a ``*.sending.eml`` left there means tonecheck was killed outright
(SIGKILL, power loss) while checking or sending: it may or may not have gone
out.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from .exitcodes import HookExit

DEFAULT_SENDMAIL = "/usr/sbin/sendmail"
#: Seconds to wait for a ``tonecheck serve`` before checking in-process.
DEFAULT_SERVER_TIMEOUT = 2.0
SKIP_HEADER = "X-Tonecheck"
#: Findings listed on stderr when a message is refused; the rest are counted.
SHOWN_FINDINGS = 6

#: The hook's own options (with a value); everything else goes to sendmail.
_OWN_VALUED = {"--sendmail": "sendmail", "--server": "server", "--config": "config",
               "--fail-on": "fail_on", "--held-dir": "held_dir"}
_OWN_FLAGS = {"--no-config": "no_config", "--no-server": "no_server", "--help": "help"}
_FAIL_ON = ("error", "warning", "suggestion", "never")

#: sendmail (and msmtp) options whose value may be the next argument
#: (``-f addr``; ``-faddr`` is one argument).
_TAKES_VALUE = frozenset("BCFLNORVXafhpr")
#: ``-b`` modes and options that do not submit a message: handed to sendmail as is.
_NOT_A_MESSAGE_MODES = frozenset("pivtdDhHP")

HELP = """Check an outgoing message, then hand it to the real sendmail.

A drop-in for sendmail in a mail client: it takes sendmail's arguments,
reads the message on stdin and checks what the agent wrote (quoted text and
signatures are skipped). A message that passes goes to the real sendmail
byte for byte, with the same arguments, and its exit status is returned.
A message that fails is not sent: the findings are printed on stderr, the
message is saved in the held folder and the exit status is 65, so the mail
client keeps the draft. When tonecheck itself fails (a broken rule pack, a
bad config, a crash) the message is saved and not sent (status 70) unless
the config says hook.on_error: send.

\b
Hook options (before sendmail's own arguments):
  --sendmail CMD   the real sendmail command (default: config hook.sendmail,
                   else /usr/sbin/sendmail); may carry arguments
  --server URL     check with a running `tonecheck serve`; falls back to
                   checking here when it does not answer
  --fail-on LEVEL  error|warning|suggestion|never (default: config, else warning)
  --held-dir DIR   where refused messages are saved
  --config FILE, --no-config, --no-server

\b
Held folder: --held-dir, else $TONECHECK_HELD_DIR, else config hook.held_dir,
else $XDG_STATE_HOME/tonecheck/held (~/.local/state/tonecheck/held).
Send a message as written with the header "X-Tonecheck: skip".
"""


class HookUsageError(Exception):
    """Arguments the hook cannot make sense of."""


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: handled like Ctrl-C (the message is kept)."""


@dataclass
class HookArgs:
    sendmail: str | None = None
    server: str | None = None
    config: str | None = None
    fail_on: str | None = None
    held_dir: str | None = None
    no_config: bool = False
    no_server: bool = False
    help: bool = False
    #: Arguments for the real sendmail, exactly as given.
    sendmail_args: list[str] = field(default_factory=list)
    #: Recipients named on the command line.
    recipients: list[str] = field(default_factory=list)
    #: ``-t``: sendmail reads the recipients from the message's headers.
    header_recipients: bool = False
    #: ``-bs``: SMTP on stdin, which the hook does not speak.
    smtp: bool = False
    #: A mode that submits no message (``-bp``, ``-q``...): passed straight on.
    no_message: bool = False


def parse_args(argv: list[str]) -> HookArgs:
    """Split the hook's own options from sendmail's and find the recipients.

    The hook's options are long options it knows, anywhere before ``--``;
    every other argument is sendmail's and is passed on in order, untouched
    (``--`` included)."""
    out = HookArgs()
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            out.sendmail_args.extend(argv[i:])
            break
        name, eq, value = arg.partition("=")
        if name in _OWN_VALUED:
            if not eq:
                if i + 1 >= len(argv):
                    raise HookUsageError(f"{name} needs a value")
                i += 1
                value = argv[i]
            if not value.strip():
                raise HookUsageError(f"{name} needs a value")
            if name == "--fail-on" and value not in _FAIL_ON:
                raise HookUsageError(f"--fail-on must be one of {', '.join(_FAIL_ON)}, "
                                     f"got {value!r}")
            setattr(out, _OWN_VALUED[name], value)
        elif arg in _OWN_FLAGS:
            setattr(out, _OWN_FLAGS[arg], True)
        else:
            out.sendmail_args.append(arg)
        i += 1
    _read_sendmail_args(out)
    return out


def _read_sendmail_args(out: HookArgs) -> None:
    args = out.sendmail_args
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out.recipients.extend(args[i + 1:])
            return
        if arg.startswith("--"):  # msmtp's long options (--from=x); never recipients
            pass
        elif arg.startswith("-") and len(arg) > 1:
            letter, rest = arg[1], arg[2:]
            if letter == "t" and set(rest) <= {"i", "t"}:
                out.header_recipients = True
            elif letter == "b":
                mode = rest or (args[i + 1] if i + 1 < len(args) else "m")
                i += 0 if rest else 1
                out.smtp |= mode == "s"
                out.no_message |= mode in _NOT_A_MESSAGE_MODES
            elif letter in ("q", "I"):
                out.no_message = True
            elif letter in _TAKES_VALUE and not rest:
                i += 1  # the value is the next argument
        else:
            out.recipients.append(arg)
        i += 1


# -- the held folder --------------------------------------------------------------
def default_held_dir(env) -> Path:
    state = env.get("XDG_STATE_HOME") or ""
    base = Path(state) if os.path.isabs(state) else Path(env.get("HOME") or Path.home()) / \
        ".local" / "state"
    return base / "tonecheck" / "held"


def _fallback_held_dir() -> Path:
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"tonecheck-held-{uid}"


def _message_id() -> str:
    import secrets
    import time

    return time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(4)


def _subject_slug(raw: bytes) -> str:
    """A few safe words of the Subject for the held file's name ("" if none)."""
    import re

    match = re.search(rb"^subject:[ \t]*(.*)$", raw.split(b"\n\n", 1)[0].split(b"\r\n\r\n")[0],
                      re.IGNORECASE | re.MULTILINE)
    if not match:
        return ""
    words = re.findall(r"[a-z0-9]+", match.group(1).decode("ascii", "ignore").lower())
    return "-".join(words)[:40].strip("-")


class Keeper:
    """Holds on to one message: the recovery copy, and the held file."""

    def __init__(self, raw: bytes, folder: Path, say):
        self.raw = raw
        self.folder = folder
        self.say = say
        self.name = _message_id()
        self.spool: Path | None = None
        self.held: Path | None = None

    def _ensure(self, folder: Path) -> None:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def save_recovery_copy(self) -> None:
        """Write ``<id>.sending.eml`` (best effort: a failure here is reported
        by :meth:`hold` if the message must be kept)."""
        from .writing import write_atomic

        target = self.folder / f"{self.name}.sending.eml"
        try:
            self._ensure(self.folder)
            self.spool = write_atomic(target, self.raw)
        except OSError:
            self.spool = None
        except BaseException:
            # A signal after the rename (during the folder's fsync): the copy
            # is whole on disk, so hold() must move it rather than write a second.
            if target.exists():
                self.spool = target
            raise

    def discard_recovery_copy(self) -> None:
        if self.spool is not None:
            try:
                os.unlink(self.spool)
            except OSError:
                pass
            self.spool = None

    def hold(self) -> Path | None:
        """Keep the message as ``<id>[-subject].eml``; the path, or None when
        no folder would take it. Never raises."""
        from .writing import move_durably, write_atomic

        if self.held is not None:
            return self.held
        try:
            slug = _subject_slug(self.raw)
        except Exception:
            slug = ""
        final = f"{self.name}-{slug}.eml" if slug else f"{self.name}.eml"
        if self.spool is not None:
            try:
                self.held = move_durably(self.spool, self.folder / final)
                self.spool = None
                return self.held
            except OSError:
                pass
        for folder in (self.folder, _fallback_held_dir()):
            try:
                self._ensure(folder)
                self.held = write_atomic(folder / final, self.raw)
                self.discard_recovery_copy()
                return self.held
            except OSError as exc:
                self.say(f"could not save the message in {folder}: "
                         f"{exc.strerror or exc}")
            except BaseException:  # a second Ctrl-C while saving: try the next folder
                continue
        return self.spool  # the recovery copy, if there is one


# -- checking -------------------------------------------------------------------------
@dataclass
class Settings:
    """What the hook does, from its options, the environment and the config."""

    sendmail: str = DEFAULT_SENDMAIL
    server: str | None = None
    server_timeout: float = DEFAULT_SERVER_TIMEOUT
    fail_on: str = "warning"
    on_error: str = "hold"
    skip: tuple[str, ...] = ()
    held_dir: Path | None = None
    linter_options: dict = field(default_factory=dict)
    gates: dict = field(default_factory=dict)


def load_settings(args: HookArgs, env) -> Settings:
    """Settings from the config (``--config``, the nearest ``.tonecheck.yml``,
    or ``$XDG_CONFIG_HOME/tonecheck/config.yml``), overridden by options."""
    from .config import find_config, load_config

    path = None
    if not args.no_config:
        path = Path(args.config) if args.config else find_config() or _user_config(env)
    cfg = load_config(path)
    hook = cfg.hook
    held = args.held_dir or env.get("TONECHECK_HELD_DIR") or hook.get("held_dir")
    return Settings(
        sendmail=args.sendmail or hook.get("sendmail") or DEFAULT_SENDMAIL,
        server=None if args.no_server else (args.server or hook.get("server")),
        server_timeout=hook.get("server_timeout", DEFAULT_SERVER_TIMEOUT),
        fail_on=args.fail_on or cfg.fail_on or "warning",
        on_error=hook.get("on_error", "hold"),
        skip=tuple(s.lower() for s in hook.get("skip", ())),
        held_dir=Path(held).expanduser() if held else None,
        linter_options={"rules": cfg.rules, "select": cfg.select, "ignore": cfg.ignore,
                        "model": cfg.model or env.get("TONECHECK_MODEL"),
                        "include_default": cfg.default_rules, "severity": cfg.severity,
                        "vocabulary": cfg.vocabulary},
        gates={k: v for k, v in (("empathy", cfg.min_empathy),
                                 ("positivity", cfg.min_positivity)) if v is not None},
    )


def _user_config(env) -> Path | None:
    base = env.get("XDG_CONFIG_HOME") or ""
    folder = Path(base) if os.path.isabs(base) else Path(env.get("HOME") or Path.home()) / ".config"
    for name in ("config.yml", "config.yaml"):
        if (folder / "tonecheck" / name).is_file():
            return folder / "tonecheck" / name
    return None


def _headers(raw: bytes):
    from email import policy
    from email.parser import BytesParser

    # compat32 never raises on odd headers; only the header block is parsed.
    return BytesParser(policy=policy.compat32).parsebytes(raw, headersonly=True)


def skip_reason(raw: bytes, args: HookArgs, settings: Settings) -> str | None:
    """Why this message goes out unchecked, or None."""
    headers = _headers(raw)
    for value in headers.get_all(SKIP_HEADER, []):
        if str(value).strip().lower() == "skip":
            return f"the message has the header \"{SKIP_HEADER}: skip\""
    if not settings.skip:
        return None
    from email.utils import getaddresses

    recipients = [r for r in args.recipients]
    if args.header_recipients:
        recipients += [str(v) for name in ("To", "Cc", "Bcc") for v in headers.get_all(name, [])]
    addresses = [addr.lower() for _, addr in getaddresses(recipients) if addr]
    if addresses and all(_on_skip_list(a, settings.skip) for a in addresses):
        return "every recipient is on the hook.skip list"
    return None


def _on_skip_list(address: str, skip: tuple[str, ...]) -> bool:
    domain = address.rpartition("@")[2]
    for entry in skip:
        if "@" in entry.lstrip("@"):
            if address == entry:
                return True
        else:
            entry = entry.lstrip("@")
            if domain == entry or domain.endswith("." + entry):
                return True
    return False


def check_message(raw: bytes, settings: Settings, notices: list[str]) -> dict:
    """The report (the CLI's JSON shape) for the message: from the service
    when one answers, else in-process. Raises on an internal error."""
    if settings.server:
        import base64

        from .client import check_remote

        payload = {"email": {"base64": base64.b64encode(raw).decode("ascii")}}
        opts = settings.linter_options
        if opts.get("select"):
            payload["select"] = list(opts["select"])
        if opts.get("ignore"):
            payload["ignore"] = list(opts["ignore"])
        try:
            report = check_remote(settings.server, payload, timeout=settings.server_timeout)
        except ValueError as exc:  # a URL that is not one
            report = None
            notices.append(f"--server: {exc}")
        if report is not None:
            return report
        notices.append(f"the service at {settings.server} did not answer; checked here instead")
    import tonecheck

    # One message per run: compile only the regexes its text reaches.
    return tonecheck.check_email(raw, warm=False, **settings.linter_options).to_dict()


def failing_findings(report: dict, settings: Settings) -> list[dict]:
    """Findings at or above ``fail_on``, plus a score under a gate."""
    from .findings import Severity

    findings = list(report.get("findings") or ())
    scores = report.get("scores") or {}
    for name, minimum in settings.gates.items():
        value = scores.get(name)
        if isinstance(value, (int, float)) and round(value) < minimum:
            findings.append({"rule": f"score.min-{name}", "severity": "error", "line": 1,
                             "column": 1, "message": f"{name} score {round(value)} is below "
                                                    f"the minimum of {minimum:g}"})
    if settings.fail_on == "never":
        return []
    threshold = Severity.parse(settings.fail_on)
    known = {s.label for s in Severity}
    return [f for f in findings
            if f.get("severity") in known and Severity.parse(f["severity"]) >= threshold]


def describe(findings: list[dict], fail_on: str) -> list[str]:
    lines = [f"not sent: {len(findings)} finding{'s' if len(findings) != 1 else ''} "
             f"at or above {fail_on}"]
    for f in findings[:SHOWN_FINDINGS]:
        match = f" \"{f['match']}\"" if f.get("match") else ""
        lines.append(f"  {f.get('line', '?')}:{f.get('column', '?')} {f.get('severity')}"
                     f"{match}: {f.get('message', '')} [{f.get('rule', '')}]")
    if len(findings) > SHOWN_FINDINGS:
        lines.append(f"  … and {len(findings) - SHOWN_FINDINGS} more")
    return lines


# -- delivery -------------------------------------------------------------------------
def sendmail_command(settings: Settings, args: HookArgs) -> list[str]:
    import shlex

    try:
        command = shlex.split(settings.sendmail)
    except ValueError as exc:
        raise HookUsageError(f"cannot read the sendmail command {settings.sendmail!r}: "
                             f"{exc}") from None
    if not command:
        raise HookUsageError("the sendmail command is empty")
    return command + args.sendmail_args


def deliver(command: list[str], raw: bytes | None) -> int:
    """Run the real sendmail with ``raw`` on stdin (None: the hook's own
    stdin); its exit status (128+N when a signal N ended it). Raises
    ``OSError`` when it cannot be started."""
    import subprocess

    if raw is None:
        code = subprocess.run(command).returncode
    else:
        code = subprocess.run(command, input=raw).returncode
    return 128 - code if code < 0 else code


# -- the hook -------------------------------------------------------------------------
class Hook:
    """One run of the hook. :meth:`run` returns the exit status and never raises."""

    def __init__(self, argv, stdin=None, stderr=None, env=None, stdout=None):
        self.argv = list(argv)
        self.stdin = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
        self.stderr = stderr if stderr is not None else sys.stderr
        self.stdout = stdout if stdout is not None else sys.stdout
        self.env = os.environ if env is None else env
        self.args: HookArgs | None = None
        self.settings: Settings | None = None
        self.keeper: Keeper | None = None
        #: True once sendmail was started: from then on it is never run again.
        self.handed_over = False

    def say(self, message: str) -> None:
        try:
            print(f"tonecheck: {message}", file=self.stderr, flush=True)
        except Exception:  # stderr closed: nothing more can be said
            pass

    def run(self) -> int:
        try:
            args, usage = parse_args(self.argv), None
            self.args = args
        except HookUsageError as exc:
            args, usage = None, exc
        if args is not None and args.help:
            print(HELP.replace("\b\n", ""), file=self.stdout)
            return 0
        if args is not None and args.smtp:
            self.say("tonecheck hook reads a message on stdin, it does not speak SMTP (-bs); "
                     "nothing was sent")
            return HookExit.USAGE
        if args is not None and args.no_message:
            return self._pass_straight_on(args)
        try:
            raw = self._read_message()
        except BaseException as exc:  # incl. Ctrl-C while reading: nothing whole to keep
            self.say(f"could not read the message: {_what(exc)}; nothing was sent")
            return HookExit.INTERRUPTED if isinstance(exc, KeyboardInterrupt) else HookExit.INTERNAL
        if not raw.strip():
            self.say("no message on stdin; nothing was sent (a mail client runs tonecheck "
                     "hook as its sendmail and pipes the message in)")
            return HookExit.USAGE
        # Until the config is read (it may name another folder): the option,
        # the environment, or the default.
        early = (args.held_dir if args is not None else None) or self.env.get("TONECHECK_HELD_DIR")
        self.keeper = Keeper(raw, Path(early).expanduser() if early else
                             default_held_dir(self.env), self.say)
        try:
            if usage is not None:
                return self._hold(f"bad hook arguments: {usage}", HookExit.USAGE)
            return self._check_and_send(args, raw)
        except BaseException as exc:
            return self._internal_error(exc)

    def _read_message(self) -> bytes:
        if getattr(self.stdin, "isatty", lambda: False)():
            return b""  # a person at a terminal, not a mail client: nothing to read
        data = self.stdin.read()
        return data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data

    def _pass_straight_on(self, args: HookArgs) -> int:
        try:
            self.settings = load_settings(args, self.env)
            return deliver(sendmail_command(self.settings, args), None)
        except Exception as exc:
            self.say(f"could not run sendmail: {_what(exc)}")
            return HookExit.UNAVAILABLE

    def _check_and_send(self, args: HookArgs, raw: bytes) -> int:
        self.settings = settings = load_settings(args, self.env)
        if settings.held_dir is not None:
            self.keeper.folder = settings.held_dir
        command = sendmail_command(settings, args)
        self.keeper.save_recovery_copy()
        reason = skip_reason(raw, args, settings)
        if reason is not None:
            self.say(f"sent without checking: {reason}")
            return self._send(command, raw)
        notices: list[str] = []
        report = check_message(raw, settings, notices)
        for notice in notices + list(report.get("notices") or ()):
            self.say(notice)
        failing = failing_findings(report, settings)
        if failing:
            first, *rest = describe(failing, settings.fail_on)
            self.say(first)
            for line in rest:
                self._echo(line)
            code = self._hold(None, HookExit.REFUSED)
            if self.keeper.held is not None:
                self.say(f"reword the reply and send it again; to send it as written, add "
                         f"the header \"{SKIP_HEADER}: skip\"")
            return code
        return self._send(command, raw)

    def _echo(self, line: str) -> None:
        try:
            print(line, file=self.stderr, flush=True)
        except Exception:
            pass

    def _send(self, command: list[str], raw: bytes) -> int:
        self.handed_over = True
        try:
            code = deliver(command, raw)
        except OSError as exc:
            return self._hold(f"could not start the sendmail command {command[0]!r}: "
                              f"{exc.strerror or exc}", HookExit.UNAVAILABLE)
        if code != 0:
            return self._hold(f"sendmail ({command[0]}) exited with status {code}", code)
        self.keeper.discard_recovery_copy()
        return 0

    def _hold(self, why: str | None, code: int) -> int:
        """Keep the message, say where, and return ``code`` (or
        :attr:`HookExit.UNSAVED` when it could not be kept anywhere)."""
        if why:
            self.say(f"not sent: {why}" if not self.handed_over else why)
        held = self.keeper.hold()
        if held is None:
            self.say("the message could NOT be saved; it was not sent, and your mail client "
                     "still has it")
            return HookExit.UNSAVED
        self.say(f"the message is saved in {held}")
        return code

    def _internal_error(self, exc: BaseException) -> int:
        from .errors import InputError

        interrupted = isinstance(exc, (KeyboardInterrupt, _Terminated, SystemExit))
        what = ("interrupted" if interrupted else
                f"cannot check this message: {_what(exc)}" if isinstance(exc, InputError) else
                f"tonecheck failed: {_what(exc)}")
        if os.environ.get("TONECHECK_DEBUG") and not interrupted:
            import traceback

            traceback.print_exception(exc, file=self.stderr)
        if self.handed_over:
            # sendmail was started: it may or may not have taken the message.
            return self._hold(f"{what} while sendmail ran; the message may or may not have "
                              f"gone out", HookExit.INTERNAL)
        fail_open = self.settings is not None and self.settings.on_error == "send"
        if fail_open and not interrupted:
            self.say(f"{what}; sending the message unchecked (hook.on_error: send)")
            try:
                return self._send(sendmail_command(self.settings, self.args), self.keeper.raw)
            except BaseException as again:
                return self._hold(f"and then: {_what(again)}", HookExit.INTERNAL)
        return self._hold(f"{what}", HookExit.INTERRUPTED if interrupted else HookExit.INTERNAL)


def _what(exc: BaseException) -> str:
    text = str(exc).strip()
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    from .errors import TonecheckError

    if isinstance(exc, TonecheckError) and exc.path in (None, "-"):
        return " ".join(exc.message.split())  # "-" would only stand for the message
    if isinstance(exc, (TonecheckError, HookUsageError)):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _on_signal(signum, frame):
    raise _Terminated(f"signal {signum}")


def main(argv: list[str]) -> int:
    """The console entry: SIGTERM and SIGHUP are handled like Ctrl-C, so the
    message is kept whatever ends the run (short of SIGKILL, which leaves the
    recovery copy)."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, _on_signal)
            except (ValueError, OSError):  # not the main thread
                pass
    return Hook(argv).run()


class _RawArgsCommand(click.Command):
    """Takes the arguments untouched: sendmail's flags (``-oi``, ``-f addr``,
    ``--``) are not click's to parse, and a bad one must not lose the message."""

    def parse_args(self, ctx, args):
        ctx.meta["tonecheck.hook.argv"] = list(args)
        return []


def _command() -> None:
    ctx = click.get_current_context()
    ctx.exit(main(ctx.meta["tonecheck.hook.argv"]))


command = _RawArgsCommand(
    "hook", callback=_command, help=HELP, add_help_option=False,
    short_help="Check a message before sendmail sends it (a drop-in for sendmail).",
    options_metavar="[--sendmail CMD] [--server URL] [SENDMAIL-ARGS]...")
