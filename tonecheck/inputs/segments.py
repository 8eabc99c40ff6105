"""Replies cut out of a source file (Markdown, HTML, helpdesk exports), each
with a map from its offsets back to the file's.

A reader builds each reply's text with a :class:`Builder`: pieces of the
source copied as they are (``take``), decoded text that stands for some
source characters (``put``: a JSON escape, an HTML entity) and separators
that stand for nothing (``sep``: a line break between two paragraphs). The
resulting :class:`~tonecheck.inputs.email.reply.OffsetMap` sends any offset
of the reply to the file. ``Reply.finish(report)`` moves a report on the
reply onto the file: spans, lines and columns then point into the source,
and the report carries the reply's ``title``.

Other stages (template variables, suppressions, ``--fix``) get what they
need from :class:`Reply`: ``source`` (the file's text), ``offsets`` and
``spans()`` (the source spans the reply was cut from).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..positions import LineIndex
from .email.reply import OffsetMap, move_report


class Builder:
    """Collects a reply's text and its pieces of the source."""

    __slots__ = ("parts", "pieces", "n", "_pending")

    def __init__(self):
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int, int]] = []  # (text_start, source_start, length)
        self.n = 0
        self._pending = ""

    def __bool__(self) -> bool:
        return bool(self.pieces)

    def _flush(self) -> None:
        if self._pending:
            if self.pieces:  # never lead with a separator
                self.parts.append(self._pending)
                self.n += len(self._pending)
            self._pending = ""

    def take(self, source: str, start: int, end: int) -> None:
        """Copy ``source[start:end]`` into the reply."""
        if end <= start:
            return
        self._flush()
        if self.pieces:
            cs, ss, n = self.pieces[-1]
            if cs + n == self.n and ss + n == start:
                self.pieces[-1] = (cs, ss, n + end - start)
                self.parts.append(source[start:end])
                self.n += end - start
                return
        self.pieces.append((self.n, start, end - start))
        self.parts.append(source[start:end])
        self.n += end - start

    def put(self, text: str, at: int, width: int) -> None:
        """Add ``text`` standing for the ``width`` source characters at ``at``."""
        if not text:
            return
        self._flush()
        self.pieces.append((self.n, at, max(1, min(len(text), width))))
        self.parts.append(text)
        self.n += len(text)

    def sep(self, text: str) -> None:
        """A separator (maps to the end of the piece before it); repeated
        separators keep the longest, and none leads or trails the reply."""
        if len(text) > len(self._pending):
            self._pending = text

    def text(self) -> str:
        return "".join(self.parts)


class Composed:
    """``outer(inner(offset))``: a reply cut from a decoded value (an HTML
    string inside a JSON export) back to the file."""

    __slots__ = ("inner", "outer")

    def __init__(self, inner, outer):
        self.inner, self.outer = inner, outer

    def __call__(self, offset: int, end: bool = False) -> int:
        if end and offset > 0:
            return self(offset - 1) + 1
        return self.outer(self.inner(offset))


@dataclass(frozen=True)
class Reply:
    """One reply of a multi-reply file."""

    text: str                  # what is checked
    title: str                 # heading, macro title, row title... ("" when there is none)
    source: str                # the whole file's text: what findings point into
    offsets: Callable          # reply offset -> source offset (``offsets(o, end=True)``)
    lines: LineIndex           # of ``source``, shared by every reply of the file
    kind: str = "text"         # "markdown", "html", "json", "yaml", "csv"
    notices: tuple[str, ...] = ()
    context: str = ""          # the customer's message, when the format holds one

    @property
    def line(self) -> int:
        """The line of the file where the reply's text starts."""
        return self.lines.position(self.offsets(0))[0]

    def finish(self, report):
        return remap(report, self)


def make_reply(builder: Builder, title: str, source: str, lines: LineIndex, kind: str,
               outer=None) -> Reply | None:
    """The reply ``builder`` holds (None when it has no words)."""
    text = builder.text()
    if not builder or not text.strip():
        return None
    offsets = OffsetMap(builder.pieces)
    if outer is not None:
        offsets = Composed(offsets, outer)
    return Reply(text, " ".join(title.split()), source, offsets, lines, kind)


def remap(report, reply: Reply):
    """``report`` (on ``reply.text``) with every span, line and column moved
    onto the file, and the reply's title."""
    return move_report(report, reply.offsets, reply.lines, text=reply.source,
                       title=reply.title or f"line {reply.line}",
                       notices=tuple(report.notices) + reply.notices)
