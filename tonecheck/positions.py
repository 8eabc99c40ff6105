"""Character offsets: to 1-based line and column, between the normalised text
the rules read and the text as written, and overlap tests over many spans.

Each structure is built once per text and answers in O(log n), so nothing
here grows with the number of findings times the size of the reply.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable, Sequence

_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Maps offsets in one text to (line, column), both 1-based.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r`` (old Mac files); a
    ``\\r\\n`` pair counts as one break, so columns are the same whatever the
    file's line endings. Other separators (U+2028, form feed) do not start a
    line: editors disagree about them.
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str):
        starts = [0]
        if "\r" in text:
            starts.extend(m.end() for m in _BREAK.finditer(text))
        else:
            find = text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end offsets of ``line`` (1-based), without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(text)
        if end > start and text[end - 1] == "\r":
            end -= 1
        return start, end


class SpanIndex:
    """Half-open spans ``[a, b)``, asked whether any of them overlaps a given
    span: sorted starts plus the running maximum of the ends, so each question
    is one bisection whatever the number of spans."""

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [a for a, _b in ordered]
        reach, furthest = [], -1
        for _a, b in ordered:
            if b > furthest:
                furthest = b
            reach.append(furthest)
        self._reach = reach

    def __bool__(self) -> bool:
        return bool(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span ``[a, b)`` has ``a < end`` and ``start < b``."""
        k = bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start


class OffsetMap:
    """Offsets in a normalised text back to offsets in the text as written,
    where normalising dropped characters (zero-width and format characters)
    or turned one character into several (a ligature into its letters).

    ``changes`` holds, in text order, one ``(norm_at, width, orig_at)`` per
    such character: it sits at ``orig_at`` in the original and became
    ``width`` characters (0 when dropped) at ``norm_at`` in the normalised
    text. Every other character maps one to one.
    """

    __slots__ = ("_at", "_changes", "_len")

    def __init__(self, changes: Sequence[tuple[int, int, int]], original_length: int):
        self._changes = list(changes)
        self._at = [c[0] for c in self._changes]
        self._len = original_length

    def _locate(self, j: int) -> int:
        """The original offset of the character at normalised offset ``j``
        (for a character widened into several, the one it came from)."""
        k = bisect_right(self._at, j)
        if not k:
            return j
        at, width, orig = self._changes[k - 1]
        if j < at + width:
            return orig
        return min(j - at - width + orig + 1, self._len)

    def start(self, j: int) -> int:
        """Where a span starting at normalised offset ``j`` starts in the
        original (after any dropped characters just before it)."""
        return self._locate(j)

    def end(self, j: int) -> int:
        """Where a span ending at normalised offset ``j`` ends in the original:
        just after the character it ends with (before any dropped characters
        that follow it)."""
        return self._locate(j - 1) + 1 if j > 0 else 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        s = self.start(start)
        return s, max(s, self.end(end)) if end > start else s


class ChainedOffsets:
    """Two offset maps one after the other: ``second`` maps the final text
    back to an intermediate one, and ``first`` maps that to the original."""

    __slots__ = ("first", "second")

    def __init__(self, first: OffsetMap, second: OffsetMap):
        self.first, self.second = first, second

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.first.span(*self.second.span(start, end))
