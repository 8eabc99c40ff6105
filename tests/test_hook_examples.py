"""The set-ups in examples/hooks/ run: each try.sh sends a good reply (which
reaches the fake sendmail) and a poor one (refused with status 65 and held)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

HOOKS = REPO / "examples" / "hooks"


def _has_git_send_email() -> bool:
    if shutil.which("git") is None:
        return False
    exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout
    return os.path.exists(os.path.join(exec_path.strip(), "git-send-email"))


@pytest.mark.slow  # each try.sh runs the hook twice, in a fresh Python with spaCy
@pytest.mark.parametrize("client,available,exit_line", [
    ("msmtp", True, "tonecheck-msmtp exited 65"),
    ("neomutt", shutil.which("neomutt") is not None, "neomutt exited 1"),
    ("git-send-email", None, "git send-email exited 65"),
])
def test_try_sh(tmp_path, client, available, exit_line):
    if available is None:
        available = _has_git_send_email()
    if not available:
        pytest.skip(f"{client} is not installed (Debian: apt-get install "
                    f"{'git-email' if client == 'git-send-email' else client})")
    env = dict(os.environ, TMPDIR=str(tmp_path), PYTHONPATH=str(REPO),
               TONECHECK=f"{sys.executable} -m tonecheck", NO_COLOR="1")
    result = subprocess.run(["sh", str(HOOKS / client / "try.sh")], capture_output=True,
                            env=env, timeout=180, text=True)
    out = result.stdout
    assert "exited 0" in out and exit_line in out, out + result.stderr
    assert "positivity.no-problem" in result.stderr
    [work] = [p for p in tmp_path.iterdir() if p.is_dir() and p.name.startswith("tmp")]
    assert sorted(p.name for p in (work / "sent").iterdir()) == ["1.argv", "1.eml"]
    [held] = (work / "held").glob("*.eml")
    assert b"No problem!" in held.read_bytes()
    assert b"Your refund went out today" in (work / "sent" / "1.eml").read_bytes()
