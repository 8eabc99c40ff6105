"""Markdown files: prose only, one reply per heading-delimited section.

Parsed with markdown-it-py (CommonMark, plus tables and strikethrough). What
is checked is the text of paragraphs, list items, block quotes and table
cells, with the markup taken out (``**``, ``[``, ``]``...). Not checked:
code blocks and fences, inline code, link and image targets (a link's words
are checked), image alt text, autolinks and raw HTML (comments included).

Each heading starts a new reply titled by the heading's words; text before
the first heading is a reply of its own (untitled). A saved-replies file
keeps each reply's text in a fence under its heading; so a fence tagged
``markdown``, ``md``, ``text`` or ``txt``, or an untagged fence that is the
only content of its section, is read as the reply (itself parsed as
Markdown: a ``bash`` fence inside it is still code).

markdown-it-py gives blocks their source lines but not inline tokens their
columns, so each inline run is found in the source: its lines in the block's
lines, then each piece of text in the run, in order.
"""
from __future__ import annotations

from bisect import bisect_right

from ..positions import LineIndex
from .segments import Builder, Reply, make_reply

REPLY_FENCES = frozenset({"markdown", "md", "text", "txt", "plaintext", "plain"})
_BLOCK_ENDS = frozenset({"paragraph_close", "list_item_close", "blockquote_close", "tr_close",
                         "th_close", "td_close", "heading_close", "table_close", "hr"})


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _Walker:
    def __init__(self, source: str):
        self.source = source
        self.index = LineIndex(source)
        self.starts = self.index._starts
        self.cursor = 0  # source offset: everything before it is placed
        self.md = _parser()

    def line_start(self, line: int) -> int:  # 0-based line
        return self.starts[min(line, len(self.starts) - 1)]

    # -- inline runs ----------------------------------------------------------------
    def _place_lines(self, content: str, first_line: int | None):
        """Where each line of ``content`` starts in the source, as two lists
        (content offsets, source offsets)."""
        src = self.source
        if first_line is not None:
            self.cursor = max(self.cursor, self.line_start(first_line))
        c_starts, s_starts = [], []
        c = 0
        for part in content.split("\n"):
            at = src.find(part, self.cursor) if part else self.cursor
            if at < 0:
                at = self.cursor
            c_starts.append(c)
            s_starts.append(at)
            self.cursor = at + len(part)
            c += len(part) + 1
        return c_starts, s_starts

    def inline(self, token, out: Builder, first_line: int | None) -> None:
        content = token.content
        c_starts, s_starts = self._place_lines(content, first_line)

        def src(c: int) -> int:
            k = bisect_right(c_starts, c) - 1
            return s_starts[k] + c - c_starts[k]

        def emit(a: int, b: int) -> None:
            # a content span, cut at line breaks (the source may hold prefixes between)
            while a < b:
                nl = content.find("\n", a, b)
                stop = b if nl < 0 else nl
                at = src(a)
                if self.source.startswith(content[a:stop], at):
                    out.take(self.source, at, at + stop - a)
                else:  # not found where expected: the words still, placed near
                    out.put(content[a:stop], at, stop - a)
                if nl < 0:
                    break
                out.sep("\n")
                a = nl + 1

        pos = 0
        autolink = 0
        for child in token.children or ():
            kind = child.type
            if kind == "text":
                text = child.content
                at = content.find(text, pos)
                if at >= 0:
                    if not autolink:
                        emit(at, at + len(text))
                    pos = at + len(text)
                elif not autolink:  # entities or escapes: placed word by word
                    pos = self._words(text, content, pos, emit, out, src)
            elif kind in ("softbreak", "hardbreak"):
                out.sep("\n")
                nl = content.find("\n", pos)
                pos = nl + 1 if nl >= 0 else pos
            elif kind == "code_inline":
                at = content.find(child.markup, pos)
                if at >= 0:
                    inner = content.find(child.content, at + len(child.markup))
                    close = content.find(child.markup, max(inner, at) + len(child.content)
                                         if inner >= 0 else at + len(child.markup))
                    pos = close + len(child.markup) if close >= 0 else pos
                out.sep(" ")
            elif kind == "html_inline":
                at = content.find(child.content, pos)
                pos = at + len(child.content) if at >= 0 else pos
            elif kind == "link_open":
                if child.markup == "autolink" or child.info == "auto":
                    autolink += 1
                    at = content.find("<", pos)
                    pos = at + 1 if at >= 0 else pos
                else:
                    at = content.find("[", pos)
                    pos = at + 1 if at >= 0 else pos
            elif kind == "link_close":
                if autolink:
                    autolink -= 1
                    at = content.find(">", pos)
                    pos = at + 1 if at >= 0 else pos
                else:
                    pos = self._after_target(content, pos)
            elif kind == "image":
                at = content.find("![", pos)
                if at >= 0:
                    close = content.find("]", at)
                    pos = self._after_target(content, close) if close >= 0 else pos
                out.sep(" ")

    @staticmethod
    def _words(text: str, content: str, pos: int, emit, out: Builder, src) -> int:
        """Text that differs from its source (``&amp;``, ``\\*``): each word
        found in order where it stands as written, else placed at the cursor."""
        import re

        last = 0
        for m in re.finditer(r"\S+", text):
            if m.start() > last:
                out.sep(" ")
            word = m.group()
            at = content.find(word, pos, pos + len(word) + 16)
            if at >= 0:
                emit(at, at + len(word))
                pos = at + len(word)
            else:
                out.put(word, src(min(pos, max(len(content) - 1, 0))), len(word))
            last = m.end()
        return pos

    @staticmethod
    def _after_target(content: str, pos: int) -> int:
        """Past a link's ``](target "title")`` or ``][ref]`` (``pos`` is at or
        before the closing bracket)."""
        close = content.find("]", pos)
        if close < 0:
            return pos
        j = close + 1
        if j < len(content) and content[j] == "(":
            depth, j = 0, j
            while j < len(content):
                ch = content[j]
                if ch == "\\":
                    j += 2
                    continue
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        return j + 1
                j += 1
            return len(content)
        if j < len(content) and content[j] == "[":
            end = content.find("]", j)
            return end + 1 if end >= 0 else j
        return j

    # -- blocks ---------------------------------------------------------------------
    def blocks(self, tokens, out: Builder, line_offset: int, nested: bool,
               reply_fence=lambda i: False, on_heading=None) -> None:
        """Walk block tokens into ``out``; ``on_heading(i, title)`` returns a
        new builder for the next section (top level only)."""
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            first = tok.map[0] + line_offset if tok.map else None
            if kind == "heading_open" and on_heading is not None:
                inline = tokens[i + 1]
                title = "".join(c.content for c in inline.children or ()
                                if c.type in ("text", "code_inline"))
                self._place_lines(inline.content, first)
                out = on_heading(first, title)
                i += 3
                continue
            if kind == "inline":
                self.inline(tok, out, first if tok.map else None)
            elif kind in ("fence", "code_block"):
                info = (tok.info or "").strip().split(maxsplit=1)
                lang = info[0].lower() if info else ""
                if kind == "fence" and (lang in REPLY_FENCES or (not lang and reply_fence(i))):
                    out.sep("\n\n")
                    sub = self.md.parse(tok.content)
                    self.blocks(sub, out, (tok.map[0] + 1 + line_offset), True)
                    out.sep("\n\n")
                elif tok.map:
                    self.cursor = max(self.cursor, self.line_start(tok.map[1] + line_offset))
                out.sep("\n\n")
            elif kind == "html_block":
                if tok.map:
                    self.cursor = max(self.cursor, self.line_start(tok.map[1] + line_offset))
                out.sep("\n\n")
            elif kind in _BLOCK_ENDS:
                out.sep("\n\n" if kind != "td_close" and kind != "th_close" else "\n")
            i += 1


def read_markdown(source: str) -> list[Reply]:
    """The replies of a Markdown file: one per heading-delimited section."""
    walker = _Walker(source)
    tokens = walker.md.parse(source)
    # Sections whose only content is fences: an untagged fence there is the reply.
    only_fences: set[int] = set()
    section_fences: list[int] = []
    prose = False
    for i, tok in enumerate(tokens + [None]):
        if tok is None or tok.type == "heading_open":
            if not prose:
                only_fences.update(section_fences)
            section_fences, prose = [], False
            continue
        if tok.level == 0 and tok.type == "fence":
            section_fences.append(i)
        elif tok.type == "inline" and not (i and tokens[i - 1].type == "heading_open"):
            prose = True

    sections: list[tuple[str, Builder]] = [("", Builder())]

    def on_heading(line, title):
        sections.append((title, Builder()))
        return sections[-1][1]

    walker.blocks(tokens, sections[0][1], 0, False, reply_fence=only_fences.__contains__,
                  on_heading=on_heading)
    replies = []
    for title, builder in sections:
        reply = make_reply(builder, title, source, walker.index, "markdown")
        if reply is not None:
            replies.append(reply)
    return replies
