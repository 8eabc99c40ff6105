"""The formatter interface and the run summary every formatter receives."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import IO, Sequence

from ..findings import FileReport, Severity


@dataclass
class Summary:
    files: int = 0
    counts: dict = field(default_factory=lambda: {s: 0 for s in Severity})
    unreadable: int = 0  # files reported on stderr and skipped
    unreadable_paths: list = field(default_factory=list)  # their names, for CI reports
    baselined: int = 0  # findings left out because --baseline holds them
    #: Reports: one per file, or one per reply of a multi-reply file (whose
    #: reports come one after another), so ``files`` counts files.
    replies: int = 0
    _last: tuple = ()

    def add(self, report: FileReport) -> None:
        self.replies += 1
        key = (report.path,)
        if not report.title or key != self._last:
            self.files += 1
        self._last = key if report.title else ()
        for f in report.findings:
            self.counts[f.severity] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Formatter:
    """Receives reports one at a time, so long runs stream. Only data goes to
    ``out``; notices and errors go to stderr elsewhere."""

    def __init__(self, out: IO[str], *, explain: bool = False, color: bool | None = None,
                 many: bool = False, config: str | None = None, rules: Sequence = (),
                 threshold: Severity | None = Severity.WARNING, statistics: bool = False):
        self.out = out
        self.rules = tuple(rules)  # the rules reported on (for formats that list them)
        self.threshold = threshold  # lowest severity that fails the run (None: --fail-on never)
        self.statistics = statistics  # --statistics: findings per rule
        self.config = config  # the config file used (None: none found, or --no-config)
        self.explain = explain
        self.color = color
        self.many = many  # a library run (many files) rather than one draft

    def start(self) -> None:
        pass

    def file(self, report: FileReport) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        pass


def report_title(report) -> str | None:
    """The reply's title or id in a multi-reply file (``None`` for a file
    that is one reply); read defensively, as not every input sets one."""
    title = getattr(report, "title", None)
    return str(title) if title not in (None, "") else None


def relative_path(path: str) -> str:
    """``path`` as CI tools want it: relative to the current directory (the
    checkout) when it is inside it, with forward slashes; ``-`` for stdin."""
    if path == "-":
        return path
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive (Windows)
            rel = path
        if not rel.startswith(".."):
            path = rel
    else:
        path = os.path.normpath(path)
    return path.replace(os.sep, "/")
