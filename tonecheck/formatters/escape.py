"""Making text safe to print: what a reply or a file name holds must never
reach the terminal as a control sequence, and must never break a record.

:func:`visible` spells out, as Python-style escapes, every character that a
terminal would act on or that would split a ``path:line:col`` line: C0 and
C1 controls (ESC, BEL, CR, LF...), DEL, bidirectional overrides and
isolates (which reorder what is shown), and the Unicode line and paragraph
separators. A file name that is not valid UTF-8 reaches Python with its
bad bytes as lone surrogates (``surrogateescape``); they are shown as the
bytes they stand for (``\\xff``), so printing never fails on them.

:func:`path_fields` gives the JSON form of a path: ``path`` is always valid
UTF-8 text and ``path_base64`` carries the exact bytes when they are not.
"""
from __future__ import annotations

import base64
import os
import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control, bidi and separator character escaped."""
    if _UNSAFE.search(text) is None:  # the common case: nothing to do
        return text
    return _UNSAFE.sub(_escape, text)


def path_fields(path: str) -> dict[str, str]:
    """The JSON fields for a file name: ``{"path": text}`` and, when the
    name's bytes are not valid UTF-8, ``"path_base64"`` with those bytes
    (``path`` then shows each undecodable byte as U+FFFD)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(path) if _only_escaped(path) else path.encode("utf-8", "surrogatepass")
        return {"path": raw.decode("utf-8", "replace"),
                "path_base64": base64.b64encode(raw).decode("ascii")}
    return {"path": path}


def _only_escaped(path: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in path)
