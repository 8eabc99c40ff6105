"""Helpdesk exports: JSON, YAML and CSV files holding many replies.

JSON and YAML
    The Zendesk macros export (``{"macros": [{"title": ..., "actions":
    [{"field": "comment_value" | "comment_value_html", "value": ...}]}]}``,
    also a bare list of macros or ``{"macro": {...}}``) is read without
    options: each macro's comment action is a reply titled by the macro's
    title (``comment_value_html`` is read as HTML). Other shapes take a field
    path (``--field``, config ``field:``):

    ``macros[].actions[?field=comment_value].value``

    ``name`` steps into a key, ``[]`` (or ``[*]``) into every item of a list,
    ``[N]`` into item N (0-based), ``[?key=value]`` into the items whose
    ``key`` is ``value``. A reply's title is the nearest enclosing object's
    ``--title-field`` (default: the first of title, name, subject, id), else
    its path (``macros[3]``). A field whose path names ``html`` is read as
    HTML. A value that is a list (Zendesk's ``["channel:all", "text"]``) is
    read as its last string.

    Findings point into the file: JSON strings are located by a small
    scanner (each escape maps to its backslash), YAML scalars by PyYAML's
    marks and then word by word inside them.

CSV (and TSV)
    One reply a row: the text column is ``--column`` (a header name, or a
    1-based number), else the first header among body, content, text,
    reply, message, response, answer, agent_text; the title column is
    ``--title-column``, else the first among title, name, subject, id. The
    delimiter is a tab for ``.tsv``, else ``,`` or ``;`` (whichever the
    header line has more of).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..errors import InputError
from ..positions import LineIndex
from .segments import Builder, Reply, make_reply

DEFAULT_TITLE_KEYS = ("title", "name", "subject", "id")
TEXT_COLUMNS = ("body", "content", "text", "reply", "message", "response", "answer",
                "agent_text", "comment", "description")
TITLE_COLUMNS = ("title", "name", "subject", "id")
ZENDESK_FIELDS = ("comment_value", "comment_value_html")


class NotAnExport(InputError):
    """A JSON or YAML file in which no replies were found (no Zendesk shape,
    no ``--field`` match): an error when named, skipped in a folder walk
    (a folder may hold other JSON and YAML files)."""


@dataclass(frozen=True)
class ExportOptions:
    """How to find replies in an export (CLI ``--field``... or config)."""

    fields: tuple[str, ...] = ()
    title_field: str | None = None
    column: str | None = None
    title_column: str | None = None


# -- located values ------------------------------------------------------------------
class Located(str):
    """A string value that knows where it is in the file: ``piece(builder)``
    copies it into a reply's text with its source offsets."""

    def pieces(self, builder: Builder) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class _JsonStr(Located):
    def pieces(self, builder: Builder) -> None:
        src, start, end = self.source, self.start, self.end
        if src.find("\\", start, end) < 0:
            builder.take(src, start, end)
            return
        pos = start
        for m in _ESCAPE.finditer(src, start, end):
            builder.take(src, pos, m.start())
            builder.put(json.loads('"' + m.group() + '"'), m.start(), m.end() - m.start())
            pos = m.end()
        builder.take(src, pos, end)


_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}(?:\\u[0-9a-fA-F]{4})?|.)", re.DOTALL)
_WORD = re.compile(r"\S+")


class _YamlStr(Located):
    def pieces(self, builder: Builder) -> None:
        """Word by word: a YAML scalar may be folded, indented or escaped,
        and each word is found in order in the scalar's source."""
        src, cursor, end = self.source, self.start, self.end
        last = 0
        for m in _WORD.finditer(self):
            gap = self[last:m.start()]
            if gap:
                builder.sep("\n\n" if gap.count("\n") > 1 else "\n" if "\n" in gap else " ")
            word = m.group()
            at = src.find(word, cursor, end)
            if at < 0:
                builder.put(word, cursor, len(word))
            else:
                builder.take(src, at, at + len(word))
                cursor = at + len(word)
            last = m.end()


def _located(cls, value: str, source: str, start: int, end: int) -> Located:
    out = cls(value)
    out.source, out.start, out.end = source, start, end
    return out


# -- JSON ----------------------------------------------------------------------------
_WS = re.compile(r"[ \t\n\r]*")
_LITERAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def parse_json(source: str, name: str):
    """The JSON document ``source`` with every string value a :class:`Located`.

    Fast path: ``json.loads`` builds the values (in C) and every string token
    of the source, found in order by one regular expression, is paired with
    the keys and strings of the values walked in document order. A document
    with a repeated key (where the pairing would slip) is read again by the
    scanner below, which locates each string as it parses."""
    try:
        tree = json.loads(source)  # the errors, with line and column, come from here
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", path=name, line=exc.lineno,
                         column=exc.colno) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", path=name) from None
    tokens = _STRING.finditer(source)

    def pair(node):
        if isinstance(node, str):
            m = next(tokens)
            return _located(_JsonStr, node, source, m.start() + 1, m.end() - 1)
        if isinstance(node, dict):
            for key, value in node.items():
                next(tokens)
                node[key] = pair(value)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                node[i] = pair(value)
        return node

    try:
        tree = pair(tree)
        if next(tokens, None) is None:
            return tree
    except (StopIteration, RecursionError):
        pass
    return _scan_json(source, name)


def _scan_json(source: str, name: str):
    from json.decoder import scanstring

    ws, literal = _WS.match, _LITERAL.match

    def value(i: int):
        c = source[i]
        if c == '"':
            s, j = scanstring(source, i + 1, True)
            return _located(_JsonStr, s, source, i + 1, j - 1), j
        if c == "{":
            out = {}
            i = ws(source, i + 1).end()
            if source[i] == "}":
                return out, i + 1
            while True:
                key, i = scanstring(source, i + 1, True)
                i = ws(source, i).end() + 1  # the colon
                i = ws(source, i).end()
                out[key], i = value(i)
                i = ws(source, i).end()
                if source[i] == "}":
                    return out, i + 1
                i = ws(source, i + 1).end()
        if c == "[":
            items = []
            i = ws(source, i + 1).end()
            if source[i] == "]":
                return items, i + 1
            while True:
                item, i = value(i)
                items.append(item)
                i = ws(source, i).end()
                if source[i] == "]":
                    return items, i + 1
                i = ws(source, i + 1).end()
        m = literal(source, i)
        return json.loads(m.group()), m.end()

    try:
        return value(ws(source, 0).end())[0]
    except RecursionError:
        raise InputError("JSON is nested too deeply to read", path=name) from None


# -- YAML ----------------------------------------------------------------------------
def parse_yaml(source: str, name: str, lines: LineIndex):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(source, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", path=name,
                         line=mark.line + 1 if mark else None,
                         column=mark.column + 1 if mark else None) from None
    starts = lines._starts

    def at(mark) -> int:
        return starts[min(mark.line, len(starts) - 1)] + mark.column

    def convert(node, depth=0):
        if depth > 200:
            raise InputError("YAML is nested too deeply to read", path=name)
        if isinstance(node, yaml.MappingNode):
            return {str(k.value): convert(v, depth + 1) for k, v in node.value
                    if isinstance(k, yaml.ScalarNode)}
        if isinstance(node, yaml.SequenceNode):
            return [convert(v, depth + 1) for v in node.value]
        if isinstance(node, yaml.ScalarNode):
            return _located(_YamlStr, node.value, source, at(node.start_mark), at(node.end_mark))
        return None

    return convert(root) if root is not None else None


# -- field paths ---------------------------------------------------------------------
_STEP = re.compile(r"\[(\*|\d*|\?[^=\]]+=[^\]]*)\]|([^.\[\]]+)|\.")


def parse_field(path: str) -> list[tuple[str, str]]:
    """``macros[].actions[?field=x].value`` -> steps: ("key", "macros"),
    ("all", ""), ("key", "actions"), ("where", "field=x"), ("key", "value")."""
    steps, pos = [], 0
    while pos < len(path):
        m = _STEP.match(path, pos)
        if m is None or m.end() == pos:
            raise InputError(f"--field {path!r}: cannot read it at {path[pos:]!r} (expected "
                             f"name, [], [N] or [?key=value] steps, e.g. "
                             f"macros[].actions[?field=comment_value].value)")
        sel, key = m.group(1), m.group(2)
        if key is not None:
            steps.append(("key", key))
        elif sel is not None:
            if sel in ("", "*"):
                steps.append(("all", ""))
            elif sel.startswith("?"):
                steps.append(("where", sel[1:]))
            else:
                steps.append(("index", sel))
        pos = m.end()
    if not steps:
        raise InputError("--field: empty path")
    return steps


def walk_field(root, steps):
    """``(value, ancestors, where)`` for each value the path reaches;
    ``where`` reads like ``macros[3].actions[0].value``."""
    found = [(root, (), "")]
    for kind, arg in steps:
        nxt = []
        for node, anc, where in found:
            if kind == "key":
                if isinstance(node, dict) and arg in node:
                    nxt.append((node[arg], anc + (node,), f"{where}.{arg}" if where else arg))
            elif isinstance(node, list):
                if kind == "all":
                    items = list(enumerate(node))
                elif kind == "index":
                    k = int(arg)
                    items = [(k, node[k])] if k < len(node) else []
                else:
                    key, _, want = arg.partition("=")
                    items = [(k, x) for k, x in enumerate(node)
                             if isinstance(x, dict) and str(x.get(key.strip())) == want.strip()]
                nxt.extend((x, anc, f"{where}[{k}]") for k, x in items)
        found = nxt
    return found


def _title(ancestors, keys) -> str | None:
    for node in reversed(ancestors):
        for key in keys:
            value = node.get(key) if isinstance(node, dict) else None
            if isinstance(value, str) and value.strip():
                return value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return str(value)
    return None


def _text_of(value):
    if isinstance(value, list):  # Zendesk: ["channel:all", "the text"]
        value = next((v for v in reversed(value) if isinstance(v, Located)), None)
    return value if isinstance(value, Located) else None


def _reply(value: Located, html: bool, title: str, source: str, lines: LineIndex,
           kind: str) -> Reply | None:
    if html:
        from .email.reply import OffsetMap

        from .html import html_builder

        outer = Builder()
        value.pieces(outer)
        inner, _ = html_builder(str(value))
        return make_reply(inner, title, source, lines, kind, outer=OffsetMap(outer.pieces))
    builder = Builder()
    value.pieces(builder)
    return make_reply(builder, title, source, lines, kind)


def _zendesk(root):
    """(value, ancestors, where, html) of each Zendesk macro comment, or None."""
    if isinstance(root, dict) and isinstance(root.get("macros"), list):
        macros, base = root["macros"], "macros"
    elif isinstance(root, dict) and isinstance(root.get("macro"), dict):
        macros, base = [root["macro"]], "macro"
    elif isinstance(root, list) and root and all(isinstance(m, dict) and "actions" in m
                                                 for m in root):
        macros, base = root, ""
    else:
        return None
    out = []
    for k, macro in enumerate(macros):
        actions = macro.get("actions") if isinstance(macro, dict) else None
        for j, action in enumerate(actions if isinstance(actions, list) else ()):
            if isinstance(action, dict) and action.get("field") in ZENDESK_FIELDS:
                out.append((action.get("value"), (macro, action), f"{base}[{k}].actions[{j}]",
                            action["field"].endswith("_html")))
    return out


def read_tree(root, source: str, lines: LineIndex, kind: str, options: ExportOptions,
              name: str) -> list[Reply]:
    title_keys = (options.title_field,) if options.title_field else DEFAULT_TITLE_KEYS
    if options.fields:
        hits = []
        for path in options.fields:
            html = "html" in path.lower()
            hits += [(v, anc, where, html) for v, anc, where in walk_field(root, parse_field(path))]
        hits.sort(key=lambda h: getattr(_text_of(h[0]), "start", 0))
    else:
        hits = _zendesk(root)
        if hits is None:
            raise NotAnExport("no replies found: not a Zendesk macros export; name the field "
                             "that holds them with --field (e.g. --field 'items[].body')",
                             path=name)
    replies = []
    for value, ancestors, where, html in hits:
        text = _text_of(value)
        if text is None:
            continue
        title = _title(ancestors, title_keys) or where
        reply = _reply(text, html, title, source, lines, kind)
        if reply is not None:
            replies.append(reply)
    return replies


def read_json(source: str, name: str, options: ExportOptions) -> list[Reply]:
    return read_tree(parse_json(source, name), source, LineIndex(source), "json", options, name)


def read_yaml(source: str, name: str, options: ExportOptions) -> list[Reply]:
    lines = LineIndex(source)
    return read_tree(parse_yaml(source, name, lines), source, lines, "yaml", options, name)


# -- CSV -----------------------------------------------------------------------------
def _csv_rows(source: str, delimiter: str):
    """Rows of ``(value, start, end, quoted)`` cells; a quoted cell's span
    is inside its quotes."""
    d = re.escape(delimiter)
    cell = re.compile(rf'"((?:[^"]|"")*)"|([^{d}\r\n]*)')
    row, pos, n = [], 0, len(source)
    if source.startswith("\ufeff"):
        pos = 1
    while pos <= n:
        m = cell.match(source, pos)
        if m.group(1) is not None:
            row.append((m.group(1).replace('""', '"'), m.start() + 1, m.end() - 1, True))
        else:
            row.append((m.group(2), m.start(), m.end(), False))
        pos = m.end()
        if pos < n and source[pos] == delimiter:
            pos += 1
            continue
        if pos < n and source[pos] not in "\r\n":  # text after a closing quote: keep it
            stop = min((i for i in (source.find(delimiter, pos), source.find("\n", pos))
                        if i >= 0), default=n)
            pos = stop
            if pos < n and source[pos] == delimiter:
                pos += 1
                continue
        yield row
        row = []
        if pos >= n:
            return
        pos += 2 if source.startswith("\r\n", pos) else 1
        if pos >= n:
            return


def _column(header: list[str], wanted: str | None, defaults, what: str, name: str):
    names = [h.strip().lower() for h in header]
    if wanted:
        if wanted.isdigit() and 1 <= int(wanted) <= len(header):
            return int(wanted) - 1
        if wanted.strip().lower() in names:
            return names.index(wanted.strip().lower())
        raise InputError(f"no column {wanted!r} (the header has: {', '.join(header)})",
                         path=name)
    for d in defaults:
        if d in names:
            return names.index(d)
    if what == "title":
        return None
    raise NotAnExport(f"which column holds the replies? name it with --column (the header "
                     f"has: {', '.join(header)})", path=name)


class _CsvCell(Located):
    def pieces(self, builder: Builder) -> None:
        src, start, end = self.source, self.start, self.end
        pos = start
        while True:
            q = src.find('""', pos, end) if self.quoted else -1
            if q < 0:
                builder.take(src, pos, end)
                return
            builder.take(src, pos, q)
            builder.put('"', q, 2)
            pos = q + 2


def read_csv(source: str, name: str, options: ExportOptions, delimiter: str | None = None
             ) -> list[Reply]:
    lines = LineIndex(source)
    if delimiter is None:
        first = source.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = _csv_rows(source, delimiter)
    header = next(rows, None)
    if header is None:
        return []
    header = [c[0] for c in header]
    col = _column(header, options.column, TEXT_COLUMNS, "text", name)
    tcol = _column(header, options.title_column, TITLE_COLUMNS, "title", name)
    replies = []
    for row in rows:
        if len(row) <= col:
            continue
        value, start, end, quoted = row[col]
        cell = _located(_CsvCell, value, source, start, end)
        cell.quoted = quoted
        title = row[tcol][0] if tcol is not None and tcol < len(row) else ""
        if not title:
            title = f"row {lines.position(start)[0]}"
        html = "html" in header[col].lower()
        reply = _reply(cell, html, title, source, lines, "csv")
        if reply is not None:
            replies.append(reply)
    return replies
