"""Inline suppressions: a comment in the file turns a rule off where it is.

* On a line (.txt, and any other file): ``tonecheck: ignore[positivity.no-problem]``
  turns those rules off on that line; in YAML, write it as a comment,
  ``# tonecheck: ignore[rule-id]``. A line that holds nothing but the
  comment turns them off on the next line instead (the comment above the
  text, as in YAML). ``ignore[a, b]`` names several rules; ``ignore`` with
  no brackets turns every rule off on the line.
* A region (.md and .html): ``<!-- tonecheck-disable rule-id -->`` …
  ``<!-- tonecheck-enable -->``; without ids it disables every rule, and
  without an enable it lasts to the end of the file.

Rule names work like ``--ignore``: an id, a dotted prefix or a category.
Suppressions are read from the raw source text of the file and matched by
the findings' line numbers, so they work whatever reader turned the file
into replies. ``--report-unused-suppressions`` lists those that suppress
nothing (stale after an edit).
"""
from __future__ import annotations

import dataclasses
import re

from .selection import _specificity

_LINE = re.compile(r"tonecheck:\s*ignore(?:\[([^\]\n]{0,500})\])?")
_REGION = re.compile(r"<!--\s*tonecheck-(disable|enable)\b([^>\n]{0,500}?)\s*-->")
#: A line holding only a suppression comment (it applies to the next line).
_ALONE = re.compile(r"\s*(?:#|//|<!--|;)?\s*tonecheck:\s*ignore(?:\[[^\]\n]*\])?\s*(?:-->)?\s*")
REGION_SUFFIXES = (".md", ".markdown", ".html", ".htm")


@dataclasses.dataclass
class Suppression:
    """One suppression comment: ``rules`` (None: every rule) on ``first``
    to ``last`` (1-based lines, inclusive), written on line ``line``."""

    line: int
    first: int
    last: int
    rules: tuple[str, ...] | None
    text: str
    used: set = dataclasses.field(default_factory=set)
    #: The comment's own columns on its line (1-based, end exclusive): never checked.
    columns: tuple[int, int] = (0, 0)

    def is_comment(self, f) -> bool:
        """Whether finding ``f`` lies in the suppression comment itself."""
        a, b = self.columns
        return f.line == self.line and f.end_line == self.line and a <= f.column < b

    def covers(self, rule: str, category: str, line: int) -> str | None:
        """The name (or "*") that suppresses ``rule`` on ``line``, if any."""
        if not self.first <= line <= self.last:
            return None
        if self.rules is None:
            return "*"
        return next((r for r in self.rules if _specificity(r, rule, category)), None)

    def unused(self) -> list[str]:
        if self.rules is None:
            return [] if self.used else ["*"]
        return [r for r in self.rules if r not in self.used]


def _names(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    names = tuple(n for n in re.split(r"[\s,]+", text.strip()) if n)
    return names or None


def parse(text: str, regions: bool) -> list[Suppression]:
    """Every suppression in the source ``text`` of a file."""
    out: list[Suppression] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if "tonecheck" not in line:
            continue
        for m in _LINE.finditer(line):
            target = number + 1 if _ALONE.fullmatch(line) else number
            out.append(Suppression(number, target, target, _names(m.group(1)), m.group(),
                                   columns=(m.start() + 1, m.end() + 1)))
    if regions:
        open_: list[Suppression] = []
        for number, line in enumerate(lines, 1):
            for m in _REGION.finditer(line):
                names = _names(m.group(2))
                if m.group(1) == "disable":
                    s = Suppression(number, number, len(lines), names, m.group(),
                                    columns=(m.start() + 1, m.end() + 1))
                    open_.append(s)
                    out.append(s)
                    continue
                for s in list(open_):  # enable: closes the regions it names (all without ids)
                    if names is None or s.rules is None or set(s.rules) & set(names):
                        s.last = number
                        open_.remove(s)
    return out


class Suppressor:
    """Applies a run's suppressions file by file and remembers which were used."""

    def __init__(self, read_source):
        #: path -> source text, or None when it cannot be read (nothing suppressed)
        self._read = read_source
        self._files: dict[str, list[Suppression]] = {}

    def _of(self, path: str, fallback: str) -> list[Suppression]:
        found = self._files.get(path)
        if found is None:
            text = fallback if path == "-" else self._read(path)
            found = parse(text or "", regions=path == "-" or path.lower().endswith(
                REGION_SUFFIXES))
            self._files[path] = found
        return found

    def apply(self, report):
        """``report`` without the findings its file's comments suppress."""
        sups = self._of(report.path, report.text)  # read even without findings (unused)
        if not sups or not report.findings:
            return report
        kept = []
        for f in report.findings:
            hit = None
            if any(s.is_comment(f) for s in sups):
                continue
            for s in sups:
                name = s.covers(f.rule, f.category, f.line)
                if name is not None:
                    s.used.add(name)
                    hit = s
            if hit is None:
                kept.append(f)
        if len(kept) == len(report.findings):
            return report
        return dataclasses.replace(report, findings=tuple(kept))

    def unused(self) -> list[str]:
        """``path:line: ...`` for each suppression that suppressed nothing."""
        out = []
        for path, sups in self._files.items():
            for s in sups:
                for name in s.unused():
                    what = "every rule" if name == "*" else name
                    out.append(f"{path}:{s.line}: unused suppression ({what} is not reported "
                               f"there): {s.text}")
        return out
