"""The progress bar of a long ``check`` run: rich, on stderr, only where
someone is watching (stderr is a terminal) and the report goes elsewhere (a
file or a pipe: ``--format sarif > out.sarif``), and only once the run has
taken a second, so short runs never flash one. On a terminal the findings
themselves show the run moving, and a bar redrawn between them would tear
their lines. It is transient: gone when the run ends, so stderr keeps only
the notices."""
from __future__ import annotations

import sys
import time

DELAY = 1.0  # seconds before the bar appears

#: The bar on screen, if any: notices are printed above it (:func:`print_above`).
_shown: "ProgressBar | None" = None


def print_above(line: str) -> bool:
    """Print a stderr line above the bar on screen; False when there is none
    (the caller prints it as usual)."""
    bar = _shown
    if bar is None or bar._bar is None:
        return False
    bar._bar.console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)
    return True


def wanted(flag: bool | None, stdout=None, stderr=None) -> bool:
    """``--progress``/``--no-progress`` win; by default: stderr a terminal, stdout not."""
    if flag is not None:
        return flag
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    return _isatty(stderr) and not _isatty(stdout)


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class ProgressBar:
    """Counts checked replies; draws from the first update after ``delay``."""

    def __init__(self, enabled: bool, *, delay: float = DELAY, console=None, clock=time.monotonic):
        self.enabled = enabled
        self.delay = delay
        self.clock = clock
        self._console = console
        self._start = clock()
        self._bar = None
        self._task = None
        self.count = 0

    def advance(self, path: str) -> None:
        if not self.enabled:
            return
        self.count += 1
        if self._bar is None:
            if self.clock() - self._start < self.delay:
                return
            self._open()
        from .formatters.escape import visible

        name = visible(path)
        if len(name) > 50:
            name = "…" + name[-49:]
        self._bar.update(self._task, completed=self.count, name=name)

    def _open(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn)

        console = self._console or Console(stderr=True)
        self._bar = Progress(SpinnerColumn(), TextColumn("checked {task.completed} replies"),
                             BarColumn(bar_width=None), TimeElapsedColumn(),
                             TextColumn("{task.fields[name]}", style="dim"),
                             console=console, transient=True, redirect_stdout=False,
                             redirect_stderr=False)
        self._task = self._bar.add_task("check", total=None, name="")
        self._bar.start()
        global _shown
        _shown = self

    def close(self) -> None:
        global _shown
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        if _shown is self:
            _shown = None

    @property
    def shown(self) -> bool:
        return self._bar is not None
