"""Multi-reply files, by suffix: Markdown (a reply per section), HTML, and
helpdesk exports (JSON, YAML, CSV). ``read_replies(path, options)`` gives a
file's :class:`~tonecheck.inputs.segments.Reply` values, in file order."""
from __future__ import annotations

import os

from ..errors import InputError
from ..files import read_capped
from .exports import ExportOptions, read_csv, read_json, read_yaml
from .segments import Reply
from .text import MAX_BYTES, decode

#: An export holds many replies: the file may be this large; each reply in
#: it still has the text limit (inputs.text.MAX_BYTES).
MAX_LIBRARY_BYTES = 64_000_000

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
EXPORT_SUFFIXES = frozenset({".json", ".yaml", ".yml", ".csv", ".tsv"})
LIBRARY_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | EXPORT_SUFFIXES


_DEFAULTS = ExportOptions()


def is_library_path(path: str) -> bool:
    return path != "-" and os.path.splitext(path)[1].lower() in LIBRARY_SUFFIXES


def parse_source(source: str, suffix: str, name: str,
                 options: ExportOptions = _DEFAULTS) -> list[Reply]:
    """The replies in ``source``, read as the format ``suffix`` names."""
    suffix = suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        from .markdown import read_markdown

        return read_markdown(source)
    if suffix in HTML_SUFFIXES:
        from .html import read_html

        return read_html(source)
    if suffix == ".json":
        return read_json(source, name, options)
    if suffix in (".yaml", ".yml"):
        return read_yaml(source, name, options)
    if suffix in (".csv", ".tsv"):
        return read_csv(source, name, options, "\t" if suffix == ".tsv" else None)
    raise InputError(f"not a multi-reply format: {suffix}", path=name)


def read_replies(path: str, options: ExportOptions = _DEFAULTS,
                 max_bytes: int = MAX_BYTES) -> list[Reply]:
    """The replies of the file ``path`` (each at most ``max_bytes`` of text)."""
    data = read_capped(path, max(MAX_LIBRARY_BYTES, max_bytes), what="file", error=InputError)
    suffix = os.path.splitext(path)[1].lower()
    if suffix in MARKDOWN_SUFFIXES | HTML_SUFFIXES and len(data) > max_bytes:
        raise InputError(f"file is too large ({len(data):,} bytes; the limit is "
                         f"{max_bytes:,})", path=path)
    source, _ = decode(data, path)
    replies = parse_source(source, suffix, path, options)
    for reply in replies:
        size = len(reply.text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise InputError(f"the reply {reply.title!r} is too large to check ({size:,} "
                             f"bytes; the limit is {max_bytes:,})", path=path,
                             line=reply.line)
    return replies
