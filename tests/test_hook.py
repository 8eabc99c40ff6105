"""`tonecheck hook`: sendmail's arguments pass through, a passing message
reaches sendmail byte for byte, and a message is never lost: it is sent, or
refused and saved, whatever fails (the check, the config, the rule pack,
sendmail, a crash, Ctrl-C, SIGTERM; SIGKILL leaves the recovery copy)."""
from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import tonecheck
from conftest import REPO
from tonecheck import hook
from tonecheck.exitcodes import HookExit

GOOD = (b"From: Agent <agent@example.com>\r\nTo: Sam <sam@example.com>\r\n"
        b"Subject: Your refund\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Hi Sam,\r\n\r\nThanks for your patience. Your refund went out today.\r\n"
        b"\r\nBest,\r\nJo\r\n\xe2\x80\x94 Caf\xc3\xa9 team")  # 8-bit text, no final newline
BAD = (b"From: agent@example.com\nTo: sam@example.com\nSubject: Re: refund\n\n"
       b"No problem! I don't know when it ships, you need to wait.\n")
QUOTED = (b"From: agent@example.com\nTo: sam@example.com\nSubject: Re: refund\n\n"
          b"Thanks for your patience. Your refund went out today.\n\n"
          b"> No problem, I said, but I don't know when it ships.\n")

FAKE_SENDMAIL = """#!/bin/sh
# Records its arguments (one a line) and the bytes on stdin; exits $FAKE_RC.
printf '%s\\n' "$@" > "{out}/argv"
cat > "{out}/stdin"
exit ${{FAKE_RC:-0}}
"""


def _fake_check_email(raw: bytes, **options):
    """Stands in for ``tonecheck.check_email`` where it has not landed: the
    plain-text body without ``>`` lines, through the real linter."""
    from email import policy
    from email.parser import BytesParser

    from tonecheck.engine import get_linter

    msg = BytesParser(policy=policy.default).parsebytes(raw)
    body = msg.get_body(("plain",)).get_content()
    text = "".join(line for line in body.splitlines(True) if not line.startswith(">"))
    return get_linter(**options).check_text(text, path="-")


@pytest.fixture
def checker(monkeypatch):
    """Counts calls to the checker; the real check_email when it exists."""
    real = getattr(tonecheck, "check_email", None) or _fake_check_email
    calls = []

    def check_email(raw, **options):
        calls.append(raw)
        return real(raw, **options)

    monkeypatch.setattr(tonecheck, "check_email", check_email, raising=False)
    return calls


@pytest.fixture
def box(tmp_path, monkeypatch):
    """A fake sendmail, a held folder and a run() that calls the hook."""
    monkeypatch.chdir(tmp_path)  # no .tonecheck.yml of the repo's
    out = tmp_path / "sent"
    out.mkdir()
    fake = tmp_path / "fake-sendmail"
    fake.write_text(FAKE_SENDMAIL.format(out=out))
    fake.chmod(0o755)
    held = tmp_path / "held"
    monkeypatch.setattr(hook, "_fallback_held_dir", lambda: tmp_path / "fallback")

    class Box:
        pass

    b = Box()
    b.tmp, b.out, b.fake, b.held = tmp_path, out, fake, held
    b.env = {"HOME": str(tmp_path), "TONECHECK_HELD_DIR": str(held), "PATH": os.environ["PATH"]}

    def run(*args, message=GOOD, config=None, env=None):
        argv = ["--sendmail", str(fake)]
        if config is not None:
            cfg = tmp_path / ".tonecheck.yml"
            cfg.write_text(config)
            argv += ["--config", str(cfg)]
        else:
            argv.append("--no-config")
        err = io.StringIO()
        environ = dict(b.env, **(env or {}))
        old = os.environ.get("FAKE_RC")
        if "FAKE_RC" in environ:
            os.environ["FAKE_RC"] = environ["FAKE_RC"]
        try:
            code = hook.Hook(argv + list(args), stdin=io.BytesIO(message), stderr=err,
                             env=environ, stdout=io.StringIO()).run()
        finally:
            if old is None:
                os.environ.pop("FAKE_RC", None)
            else:
                os.environ["FAKE_RC"] = old
        b.stderr = err.getvalue()
        return code

    b.run = run
    b.sent = lambda: (out / "stdin").read_bytes() if (out / "stdin").exists() else None
    b.argv = lambda: (out / "argv").read_text().splitlines()
    b.held_files = lambda: sorted(p for p in held.glob("*") if p.is_file()) if held.exists() else []
    return b


# -- arguments ----------------------------------------------------------------------
def test_own_options_are_taken_and_sendmails_pass_through_in_order():
    args = hook.parse_args(["--sendmail", "msmtp -a work", "--server=http://127.0.0.1:1",
                            "-oem", "-oi", "-f", "jo@example.com", "-F", "Jo",
                            "--read-envelope-from", "--", "sam@example.com", "-odd@example.com"])
    assert args.sendmail == "msmtp -a work" and args.server == "http://127.0.0.1:1"
    assert args.sendmail_args == ["-oem", "-oi", "-f", "jo@example.com", "-F", "Jo",
                                  "--read-envelope-from", "--", "sam@example.com",
                                  "-odd@example.com"]
    # -f and -F values are not recipients; after "--" everything is.
    assert args.recipients == ["sam@example.com", "-odd@example.com"]
    assert hook.parse_args(["-t", "-i"]).header_recipients
    assert hook.parse_args(["-fjo@example.com", "sam@example.com"]).recipients == ["sam@example.com"]
    assert hook.parse_args(["-bp"]).no_message and hook.parse_args(["-q"]).no_message
    assert hook.parse_args(["-bs"]).smtp


@pytest.mark.parametrize("argv", [["--fail-on", "sometimes"], ["--sendmail"], ["--sendmail="]])
def test_bad_hook_arguments_are_usage_errors(argv):
    with pytest.raises(hook.HookUsageError):
        hook.parse_args(argv)


def test_bad_hook_arguments_still_keep_the_message(box, checker):
    code = box.run("--fail-on", "sometimes", "--", "sam@example.com")
    assert code == HookExit.USAGE
    assert box.sent() is None and not checker
    [held] = box.held_files()
    assert held.read_bytes() == GOOD and "--fail-on must be one of" in box.stderr


# -- passing ------------------------------------------------------------------------
def test_a_passing_message_goes_out_byte_for_byte_with_its_arguments(box, checker):
    code = box.run("-oi", "-f", "jo@example.com", "--", "sam@example.com")
    assert code == 0, box.stderr
    assert box.sent() == GOOD
    assert box.argv() == ["-oi", "-f", "jo@example.com", "--", "sam@example.com"]
    assert checker == [GOOD]
    assert box.held_files() == []  # the recovery copy is gone once sendmail took it
    assert box.stderr == ""


def test_sendmails_exit_status_is_returned_and_the_message_kept(box, checker):
    code = box.run("--", "sam@example.com", env={"FAKE_RC": "75"})
    assert code == 75
    [held] = box.held_files()
    assert held.read_bytes() == GOOD
    assert "exited with status 75" in box.stderr and str(held) in box.stderr


def test_a_missing_sendmail_keeps_the_message(box, checker, tmp_path):
    argv = ["--sendmail", str(tmp_path / "no-such-sendmail"), "--no-config", "sam@example.com"]
    err = io.StringIO()
    code = hook.Hook(argv, stdin=io.BytesIO(GOOD), stderr=err, env=box.env).run()
    assert code == HookExit.UNAVAILABLE
    [held] = box.held_files()
    assert held.read_bytes() == GOOD and "could not start" in err.getvalue()


# -- refusing -------------------------------------------------------------------------
def test_a_failing_message_is_not_sent_but_saved_and_the_path_printed(box, checker):
    code = box.run("--", "sam@example.com", message=BAD)
    assert code == HookExit.REFUSED
    assert box.sent() is None
    [held] = box.held_files()
    assert held.read_bytes() == BAD
    assert held.name.endswith("-re-refund.eml") and oct(held.stat().st_mode)[-3:] == "600"
    assert str(held) in box.stderr
    assert "positivity.no-problem" in box.stderr and "not sent" in box.stderr
    assert "X-Tonecheck: skip" in box.stderr  # how to send it anyway
    assert "Traceback" not in box.stderr


def test_fail_on_from_the_option_and_the_config(box, checker):
    assert box.run("--fail-on", "error", "sam@example.com", message=BAD) == 0
    assert box.sent() == BAD
    assert box.run("sam@example.com", message=BAD, config="fail_on: never\n") == 0


def test_a_score_gate_refuses(box, checker):
    code = box.run("sam@example.com", message=GOOD, config="min_positivity: 100\n")
    assert code == HookExit.REFUSED and box.sent() is None
    assert "score.min-positivity" in box.stderr


def test_quoted_customer_text_is_not_judged(box, checker):
    assert box.run("--", "sam@example.com", message=QUOTED) == 0, box.stderr
    assert box.sent() == QUOTED


# -- internal errors: keep by default, send when configured ------------------------
def _crash(raw, **options):
    raise RuntimeError("boom")


def test_a_crash_in_the_checker_keeps_the_message_and_says_so(box, monkeypatch):
    monkeypatch.setattr(tonecheck, "check_email", _crash, raising=False)
    code = box.run("--", "sam@example.com")
    assert code == HookExit.INTERNAL and box.sent() is None
    [held] = box.held_files()
    assert held.read_bytes() == GOOD
    assert "tonecheck failed: RuntimeError: boom" in box.stderr and str(held) in box.stderr
    assert "Traceback" not in box.stderr


def test_ctrl_c_keeps_the_message_even_when_failing_open(box, monkeypatch):
    def interrupted(raw, **options):
        raise KeyboardInterrupt

    monkeypatch.setattr(tonecheck, "check_email", interrupted, raising=False)
    code = box.run("sam@example.com", config="hook: {on_error: send}\n")
    assert code == HookExit.INTERRUPTED and box.sent() is None
    [held] = box.held_files()
    assert held.read_bytes() == GOOD


def test_fail_open_sends_on_a_crash_and_says_so(box, monkeypatch):
    monkeypatch.setattr(tonecheck, "check_email", _crash, raising=False)
    code = box.run("-oi", "--", "sam@example.com", config="hook:\n  on_error: send\n")
    assert code == 0 and box.sent() == GOOD
    assert box.argv() == ["-oi", "--", "sam@example.com"]
    assert "sending the message unchecked" in box.stderr
    assert box.held_files() == []


def test_a_broken_rule_pack_keeps_the_message(box, checker):
    (box.tmp / "team.yml").write_text("- id: team.x\n  extends: nonsense\n")
    code = box.run("sam@example.com", config="rules: [team.yml]\n")
    assert code == HookExit.INTERNAL and box.sent() is None
    [held] = box.held_files()
    assert held.read_bytes() == GOOD
    assert "team.yml" in box.stderr


def test_a_broken_config_keeps_the_message(box, checker):
    code = box.run("sam@example.com", config="hook:\n  on_eror: send\n")
    assert code == HookExit.INTERNAL and box.sent() is None
    assert [p.read_bytes() for p in box.held_files()] == [GOOD]
    assert ".tonecheck.yml:2: key 'hook': unknown key 'on_eror'" in box.stderr


def test_the_recovery_copy_is_on_disk_while_checking(box, monkeypatch):
    seen = []

    def look(raw, **options):
        seen.extend(p.read_bytes() for p in box.held.glob("*.sending.eml"))
        return _fake_check_email(raw, **options)

    monkeypatch.setattr(tonecheck, "check_email", look, raising=False)
    assert box.run("sam@example.com") == 0
    assert seen == [GOOD] and box.held_files() == []


def test_when_the_held_folder_is_unusable_another_is_tried(box, checker):
    box.held.write_text("a file where the folder should be")
    code = box.run("sam@example.com", message=BAD)
    assert code == HookExit.REFUSED
    [held] = (box.tmp / "fallback").glob("*.eml")
    assert held.read_bytes() == BAD and str(held) in box.stderr


def test_when_nothing_takes_a_copy_the_exit_status_says_so(box, checker, monkeypatch):
    box.held.write_text("not a folder")
    (box.tmp / "fallback").write_text("not a folder either")
    code = box.run("sam@example.com", message=BAD)
    assert code == HookExit.UNSAVED and box.sent() is None
    assert "could NOT be saved" in box.stderr


def test_no_message_is_a_usage_error_and_nothing_is_sent(box, checker):
    assert box.run("sam@example.com", message=b"") == HookExit.USAGE
    assert box.sent() is None and "no message" in box.stderr


# -- escape hatches -----------------------------------------------------------------
def test_x_tonecheck_skip_sends_unchecked_header_and_all(box, checker):
    message = b"X-Tonecheck: skip\n" + BAD
    assert box.run("--", "sam@example.com", message=message) == 0
    assert box.sent() == message and checker == []
    assert "X-Tonecheck: skip" in box.stderr


@pytest.mark.parametrize("recipients,checked", [
    (["boss@example.com"], False),
    (["ops@team.example.org", "boss@example.com"], False),
    (["boss@example.com", "sam@customer.example"], True),  # one customer: checked
    (["boss@example.com.evil"], True),
])
def test_skip_list_only_when_every_recipient_is_on_it(box, checker, recipients, checked):
    config = "hook:\n  skip: [boss@example.com, example.org]\n"
    code = box.run("--", *recipients, message=BAD, config=config)
    assert (code == HookExit.REFUSED) is checked
    assert bool(checker) is checked


def test_skip_list_reads_the_headers_with_dash_t(box, checker):
    config = "hook:\n  skip: ['@example.com']\n"
    assert box.run("-t", "-oi", message=BAD, config=config) == 0
    assert checker == [] and box.sent() == BAD


def test_modes_that_send_no_message_go_straight_to_sendmail(box, checker):
    assert box.run("-bp") == 0
    assert box.argv() == ["-bp"] and checker == []


# -- the service ----------------------------------------------------------------------
class _Service(BaseHTTPRequestHandler):
    reports: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(body)
        data = json.dumps({"version": 1, "path": "-", "notices": [], "findings": [
            {"rule": "remote.rule", "severity": "warning", "line": 1, "column": 1,
             "message": "from the service", "match": "x"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_a_running_service_is_used(box, checker):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Service)
    server.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        code = box.run("--server", f"http://127.0.0.1:{server.server_address[1]}",
                       "sam@example.com")
    finally:
        server.shutdown()
    assert code == HookExit.REFUSED and "remote.rule" in box.stderr and checker == []
    import base64

    assert base64.b64decode(server.requests[0]["email"]["base64"]) == GOOD


def test_a_silent_service_falls_back_to_checking_here(box, checker):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens once closed
    code = box.run("--server", f"http://127.0.0.1:{port}", "sam@example.com")
    assert code == 0 and checker == [GOOD]
    assert "did not answer; checked here instead" in box.stderr


# -- a real process: signals ----------------------------------------------------------
def _hook_process(box, tmp_path):
    """The hook in its own process, stuck on a service that accepts and never
    answers (so it is mid-check when the signal comes). The wait for the
    service is long, so a busy machine that runs the test late cannot let the
    hook give up on it, check in-process and send before the signal."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    config = tmp_path / "hook-config.yml"
    config.write_text("hook:\n  server_timeout: 60\n")
    env = dict(os.environ, **box.env, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tonecheck", "hook", "--sendmail", str(box.fake),
         "--config", str(config),
         "--server", f"http://127.0.0.1:{listener.getsockname()[1]}", "--", "sam@example.com"],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    proc.stdin.write(GOOD)
    proc.stdin.close()
    deadline = time.monotonic() + 30
    while not list(box.held.glob("*.sending.eml")):
        assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
        time.sleep(0.02)
    return proc, listener


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_hook_leaves_the_message_on_disk(box, tmp_path, sig):
    proc, listener = _hook_process(box, tmp_path)
    with listener:
        proc.send_signal(sig)
        proc.wait(timeout=30)
        stderr = proc.stderr.read().decode()
    assert box.sent() is None
    [kept] = box.held_files()
    assert kept.read_bytes() == GOOD
    if sig == signal.SIGTERM:  # handled: the copy becomes a held message
        assert proc.returncode == HookExit.INTERRUPTED
        assert kept.name.endswith("-your-refund.eml") and str(kept) in stderr
        assert "Traceback" not in stderr
    else:  # no handler runs: the recovery copy stays, named as one
        assert kept.name.endswith(".sending.eml")


def test_a_signal_just_after_the_recovery_copy_is_written_keeps_one_copy(tmp_path, monkeypatch):
    from tonecheck import writing

    def interrupted(folder):
        raise hook._Terminated("signal 15")

    monkeypatch.setattr(writing, "fsync_dir", interrupted)
    keeper = hook.Keeper(GOOD, tmp_path, say=lambda text: None)
    with pytest.raises(hook._Terminated):
        keeper.save_recovery_copy()
    monkeypatch.undo()
    held = keeper.hold()
    assert [p.name for p in tmp_path.iterdir()] == [held.name]
    assert held.read_bytes() == GOOD and held.name.endswith("-your-refund.eml")


def test_the_command_line_entry(run_cli, box, checker, monkeypatch):
    monkeypatch.setenv("TONECHECK_HELD_DIR", str(box.held))
    result = run_cli("hook", "--help")
    assert result.exit_code == 0 and "X-Tonecheck: skip" in result.output
    from click.testing import CliRunner

    from tonecheck.cli import cli

    result = CliRunner().invoke(cli, ["hook", "--sendmail", str(box.fake), "--no-config",
                                      "-oi", "--", "sam@example.com"], input=GOOD)
    assert result.exit_code == 0, result.output
    assert box.sent() == GOOD and box.argv() == ["-oi", "--", "sam@example.com"]


# -- the config block -----------------------------------------------------------------
def test_the_hook_block_of_the_config(tmp_path):
    from tonecheck.config import load_config
    from tonecheck.errors import TonecheckError

    cfg_file = tmp_path / ".tonecheck.yml"
    cfg_file.write_text("hook:\n  sendmail: msmtp -a work\n  skip: example.org, lead@example.com\n"
                        "  held_dir: held\n  server_timeout: 0.5\n  on_error: send\n")
    assert load_config(cfg_file).hook == {
        "sendmail": "msmtp -a work", "skip": ("example.org", "lead@example.com"),
        "held_dir": str(tmp_path / "held"), "server_timeout": 0.5, "on_error": "send"}
    for text, fragment in (("hook:\n  on_error: maybe\n", ":2: key 'hook': 'on_error'"),
                           ("hook:\n  sendmail: x\n  server_timeout: 600\n", ":3: key 'hook'"),
                           ("hook: [a]\n", ":1: key 'hook': expected a mapping")):
        cfg_file.write_text(text)
        with pytest.raises(TonecheckError) as info:
            load_config(cfg_file)
        assert fragment in str(info.value), str(info.value)


@pytest.mark.skipif(not hasattr(tonecheck, "check_email"), reason="no tonecheck.check_email yet")
@pytest.mark.parametrize("message", [b"just a line of text, no headers\n",
                                     b"\x00\x01binary\xff\xfe",
                                     b"Content-Type: multipart/mixed; boundary=x\n\n--x\n"
                                     b"Content-Type: image/png\n\nAAAA\n--x--\n"])
def test_a_message_that_cannot_be_read_is_kept(box, message):
    code = box.run("sam@example.com", message=message)
    assert code == HookExit.INTERNAL and box.sent() is None
    assert [p.read_bytes() for p in box.held_files()] == [message]
    assert "cannot check this message: " in box.stderr and "-: " not in box.stderr
