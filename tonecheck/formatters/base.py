"""The formatter interface and the run summary every formatter receives."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

from ..findings import FileReport, Severity


@dataclass
class Summary:
    files: int = 0
    counts: dict = field(default_factory=lambda: {s: 0 for s in Severity})
    unreadable: int = 0  # files reported on stderr and skipped

    def add(self, report: FileReport) -> None:
        self.files += 1
        for f in report.findings:
            self.counts[f.severity] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Formatter:
    """Receives reports one at a time, so long runs stream. Only data goes to
    ``out``; notices and errors go to stderr elsewhere."""

    def __init__(self, out: IO[str], *, explain: bool = False, color: bool | None = None,
                 many: bool = False, config: str | None = None):
        self.out = out
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
