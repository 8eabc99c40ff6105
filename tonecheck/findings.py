"""The values a check produces: severities, findings, per-file reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]

    @property
    def label(self) -> str:
        return self.name.lower()

    # ``str(Severity.WARNING)`` and f-strings read "warning", as in the CLI and
    # JSON (an IntEnum would print "2"); ordering and comparison stay numeric.
    def __str__(self) -> str:
        return self.label

    def __format__(self, spec: str) -> str:
        return format(self.label, spec)


SEVERITY_NAMES = tuple(s.label for s in Severity)


@dataclass(frozen=True, slots=True)
class Finding:
    """One flagged phrasing. ``start``/``end`` are a half-open character span
    into the checked text; ``line``/``column`` are 1-based. ``replacements``
    are drop-ins for exactly the matched words (``tonecheck.fixes`` pastes
    the first); ``advice`` is guidance for the agent, never applied."""

    rule: str
    severity: Severity
    category: str
    message: str
    match: str
    start: int
    end: int
    line: int
    column: int
    replacements: tuple[str, ...] = ()
    end_line: int = 0
    end_column: int = 0
    link: str = ""
    #: The sentence holding the match, as a character span (for showing it
    #: in context); equal to start/end when there is none.
    sentence_start: int = 0
    sentence_end: int = 0
    advice: str = ""

    @property
    def suggestions(self) -> tuple[str, ...]:
        """The replacements, under their JSON name (kept for older callers)."""
        return self.replacements

    def to_dict(self) -> dict[str, Any]:
        data = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.label,
            "message": self.message,
            "match": self.match,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "suggestions": list(self.replacements),
            "advice": self.advice,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
        }
        if self.link:
            data["link"] = self.link
        return data


@dataclass(frozen=True, slots=True)
class FileReport:
    """Everything tonecheck found in one file (or stdin, path ``-``)."""

    path: str
    text: str
    findings: tuple[Finding, ...]
    scores: Any = None  # tonecheck.scoring.Scores, or None when scoring is off
    notices: tuple[str, ...] = field(default=())
    #: What ``line``/``column`` count in for an email: "message" (lines of the
    #: message file) or "decoded-body" (of the decoded body); "" for text.
    location: str = ""
    #: The reply's title (heading, macro title, CSV row title) in a file that
    #: holds several replies (Markdown, HTML, JSON/YAML/CSV exports); "" otherwise.
    title: str = ""

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
        }
        if self.title:
            data["title"] = self.title
        data["findings"] = [f.to_dict() for f in self.findings]
        if self.location:
            data["location"] = self.location
        if self.scores is not None:
            data["scores"] = self.scores.to_dict()
        return data
