"""`tonecheck hook` behind a real mail client, end to end: neomutt in batch
mode sends through ``$sendmail``, which is the hook in front of a fake
sendmail that records its arguments and the bytes it gets. A recorder in
front of the hook keeps exactly what neomutt piped, so "byte-identical" is
checked against the client's own output, not against a reconstruction."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO
from tonecheck.exitcodes import HookExit

pytestmark = [
    pytest.mark.slow,  # each send starts a Python with spaCy (about 2 s)
    pytest.mark.skipif(shutil.which("neomutt") is None,
                       reason="neomutt is not installed (.ci/run installs it from Debian's "
                              "packages: apt-get install neomutt)"),
]

RECORDER = """#!/bin/sh
# What neomutt pipes to its $sendmail, kept before the hook sees it.
cat > "{out}/piped"
"$@" < "{out}/piped"
echo $? > "{out}/hook-status"
exit $(cat "{out}/hook-status")
"""
FAKE_SENDMAIL = """#!/bin/sh
printf '%s\\n' "$@" > "{out}/argv"
cat > "{out}/delivered"
"""


@pytest.fixture
def neomutt(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name, text in (("recorder", RECORDER), ("fake-sendmail", FAKE_SENDMAIL)):
        script = tmp_path / name
        script.write_text(text.format(out=out))
        script.chmod(0o755)
    held = tmp_path / "held"
    # neomutt splits $sendmail on white space, so the paths must have none.
    hook = (f"{tmp_path / 'recorder'} {sys.executable} -m tonecheck hook --no-config "
            f"--sendmail {tmp_path / 'fake-sendmail'}")
    assert " " not in str(tmp_path) + sys.executable
    muttrc = tmp_path / "muttrc"
    muttrc.write_text(f'set sendmail="{hook}"\n'
                      'set from="agent@example.com"\nset realname="Jo"\nset use_from=yes\n'
                      'set copy=no\nset record=""\nset charset="utf-8"\n'
                      'set send_charset="utf-8"\n')
    env = dict(os.environ, HOME=str(tmp_path), TONECHECK_HELD_DIR=str(held),
               PYTHONPATH=str(REPO), NO_COLOR="1")

    def send(body: str, subject: str = "Your refund", to: str = "sam@example.com"):
        for f in out.iterdir():
            f.unlink()
        return subprocess.run(["neomutt", "-n", "-F", str(muttrc), "-s", subject, to],
                              input=body.encode("utf-8"), capture_output=True, env=env,
                              cwd=tmp_path, timeout=120)

    def read(name):
        path = out / name
        return path.read_bytes() if path.exists() else None

    send.read = read
    send.held = lambda: sorted(held.glob("*.eml")) if held.exists() else []
    return send


def test_a_good_reply_is_delivered_byte_identical(neomutt):
    result = neomutt("Hi Sam,\n\nThanks for your patience. Your refund went out today "
                     "and should reach your card by Friday.\n\nBest,\nJo\n")
    assert result.returncode == 0, result.stderr.decode()
    piped = neomutt.read("piped")
    assert b"Subject: Your refund" in piped and b"Your refund went out today" in piped
    assert neomutt.read("delivered") == piped
    assert neomutt.read("argv").decode().splitlines() == ["--", "sam@example.com"]
    assert neomutt.held() == []


def test_a_bad_reply_is_refused_and_kept(neomutt):
    result = neomutt("No problem! I don't know when it ships, you need to wait.\n")
    assert result.returncode == 1
    assert b"Could not send the message" in result.stdout + result.stderr
    assert neomutt.read("hook-status") == f"{int(HookExit.REFUSED)}\n".encode()
    assert neomutt.read("delivered") is None and neomutt.read("argv") is None
    [held] = neomutt.held()
    assert held.read_bytes() == neomutt.read("piped")
    assert held.name.endswith("-your-refund.eml")


def test_quoted_customer_text_triggers_nothing(neomutt):
    body = ("Hi Sam,\n\nThanks for your patience. Your refund went out today.\n\nBest,\nJo\n\n"
            "On Mon, 23 Nov 2026 at 09:12, Sam <sam@example.com> wrote:\n"
            "> No problem if it takes a few days, but I don't know which card you\n"
            "> refunded. You need to tell me.\n")
    result = neomutt(body, subject="Re: where is my refund")
    assert result.returncode == 0, result.stderr.decode()
    assert neomutt.read("delivered") == neomutt.read("piped")
    assert b"> No problem if it takes" in neomutt.read("delivered")
