"""Character offsets to 1-based line and column, computed once per text."""
from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps offsets in one text to (line, column), both 1-based.

    Lines end at ``\\n``; a ``\\r\\n`` pair counts as one break, so columns are
    the same whatever the file's line endings.
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str):
        starts = [0]
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
