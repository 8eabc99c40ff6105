"""Applying findings' replacements to a text: what ``tonecheck check --fix`` calls
(through :mod:`tonecheck.autofix`, which reads and writes the files).

Only replacements are applied (drop-ins for exactly the matched words);
advice never is.
"""
from __future__ import annotations

from typing import Iterable

_CLOSING_PUNCT = ",.;:!?)"


def apply_fixes(text: str, findings: Iterable) -> str:
    """``text`` with each finding's span replaced by its first replacement.

    Findings without replacements are skipped. Where spans overlap, the one
    starting first (the longer, on a tie) wins. Edits go right to left so
    earlier offsets stay valid. Where a replacement is empty (the words are
    deleted), the join is tidied: no doubled space, no space before
    punctuation, no leading space at the start of a line.
    """
    for f in reversed(chosen_fixes(findings)):
        new = f.replacements[0]
        before, after = text[:f.start], text[f.end:]
        if not new:
            before, after = _tidy(before, after)
        text = before + new + after
    return text


def chosen_fixes(findings: Iterable) -> list:
    """The findings :func:`apply_fixes` pastes, in text order: those with a
    replacement and a span, the first (then the longer) of overlapping ones."""
    chosen, taken_until = [], -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.replacements and f.end > f.start and f.start >= taken_until:
            chosen.append(f)
            taken_until = f.end
    return chosen


def _tidy(before: str, after: str) -> tuple[str, str]:
    """Close the gap left by deleted words."""
    if before.endswith(" ") and (not after or after[0] == " " or after[0] in _CLOSING_PUNCT):
        before = before[:-1]
    elif (not before or before.endswith("\n")) and after.startswith(" "):
        after = after[1:]
    return before, after
