"""HTML files (and HTML reply fields of helpdesk exports): the text only,
with its offsets mapped back to the markup.

Read with the standard library's ``html.parser``: text between tags is
copied as it stands in the source (so a finding's line and column are those
of the file), an entity (``&amp;``, ``&#39;``) becomes its character placed
on the entity, and block elements and ``<br>`` separate lines. Not checked:
comments, ``<script>``, ``<style>``, ``<head>``, ``<code>``/``<pre>`` and
attribute values (link targets). One file is one reply, titled by its
``<title>`` when it has one.
"""
from __future__ import annotations

from html import unescape
from html.parser import HTMLParser

from ..positions import LineIndex
from .segments import Builder, Reply, make_reply

_SKIP = frozenset({"script", "style", "head", "title", "code", "pre", "template", "noscript",
                   "svg", "math", "textarea", "select"})
_BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                    "tr", "td", "th", "table", "blockquote", "section", "article", "header",
                    "footer", "hr", "dd", "dt", "dl", "body", "html", "address", "figure",
                    "figcaption", "main", "nav", "aside", "details", "summary", "form"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed",
                   "source", "track", "wbr"})


class _Parser(HTMLParser):
    def __init__(self, source: str, lines: LineIndex):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.starts = lines._starts
        self.out = Builder()
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP and tag not in _VOID:
            self.skip += 1
            self.in_title = self.in_title or tag == "title"
        if tag in _BLOCK:
            self.out.sep("\n\n" if tag != "br" else "\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self.out.sep("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
            if tag == "title":
                self.in_title = False
        if tag in _BLOCK:
            self.out.sep("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        if data.isspace():
            self.out.sep("\n" if "\n" in data else " ")
            return
        at = self._offset()
        if self.source.startswith(data, at):
            self.out.take(self.source, at, at + len(data))
        else:  # CDATA and such: placed where it starts
            self.out.put(data, at, len(data))

    def _ref(self, raw: str):
        if self.skip:
            if self.in_title:
                self.title.append(unescape(raw))
            return
        self.out.put(unescape(raw), self._offset(), len(raw))

    def handle_entityref(self, name):
        self._ref(f"&{name};")

    def handle_charref(self, name):
        self._ref(f"&#{name};")


def html_builder(source: str, lines: LineIndex | None = None) -> tuple[Builder, str]:
    """The text of the HTML ``source`` (as a builder over it) and its title."""
    parser = _Parser(source, lines or LineIndex(source))
    parser.feed(source)
    parser.close()
    return parser.out, " ".join("".join(parser.title).split())


def read_html(source: str) -> list[Reply]:
    lines = LineIndex(source)
    builder, title = html_builder(source, lines)
    reply = make_reply(builder, title, source, lines, "html")
    return [reply] if reply is not None else []
