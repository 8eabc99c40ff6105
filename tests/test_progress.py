"""The progress bar: on stderr, only for a watcher, only after a second."""
from __future__ import annotations

import io

from rich.console import Console

from tonecheck.progress import ProgressBar, wanted


class _Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_wanted_when_stderr_is_a_terminal_and_the_output_is_not():
    assert wanted(None, stdout=_Stream(False), stderr=_Stream(True))
    assert not wanted(None, stdout=_Stream(True), stderr=_Stream(True))  # findings show it
    assert not wanted(None, stdout=_Stream(False), stderr=_Stream(False))  # CI logs
    assert wanted(True, stdout=_Stream(True), stderr=_Stream(False))
    assert not wanted(False, stdout=_Stream(False), stderr=_Stream(True))


def test_appears_only_after_the_delay_and_is_gone_at_the_end():
    now = [0.0]
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    bar = ProgressBar(True, delay=1.0, console=console, clock=lambda: now[0])
    bar.advance("a.txt")
    now[0] = 0.5
    bar.advance("b.txt")
    assert not bar.shown and out.getvalue() == ""
    now[0] = 1.5
    bar.advance("macros/c\x1b[2J.txt")
    assert bar.shown and bar.count == 3
    bar.close()
    assert not bar.shown
    assert "\x1b[2J" not in out.getvalue()  # a file name is shown escaped


def test_disabled_draws_nothing():
    out = io.StringIO()
    bar = ProgressBar(False, delay=0, console=Console(file=out, force_terminal=True))
    bar.advance("a.txt")
    bar.close()
    assert out.getvalue() == "" and not bar.shown


def test_cli_keeps_stderr_clean_off_a_terminal(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text("No problem.\n")
    result = run_cli("check", "--format", "sarif", "--progress", str(tmp_path))
    assert result.stderr == ""
    assert result.stdout.lstrip().startswith("{")
