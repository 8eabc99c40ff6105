"""Plain-text input: bytes to text, with one-line errors for what cannot be read."""
from __future__ import annotations

import codecs
import sys
from pathlib import Path

from ..errors import InputError
from ..files import os_error_message, read_capped

# Far beyond any reply or template file (a megabyte is some 200 pages), and
# within spaCy's default limit of a million characters per text.
MAX_BYTES = 1_000_000

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _where(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data`` as UTF-8 (or the Unicode encoding its BOM names).
    Returns the text and the encoding used."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes); expected text", path=name)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        line, column = _where(data, exc.start)
        raise InputError(f"cannot decode byte 0x{data[exc.start]:02x} as {encoding} "
                         f"(byte offset {exc.start}); save the file as UTF-8",
                         path=name, line=line, column=column) from None


def read_path(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of the file ``path``: regular files only (a FIFO or device is
    refused unread), at most ``max_bytes``, decoded as :func:`decode` does."""
    name = str(path)
    return decode(read_capped(path, max_bytes, what="file", error=InputError), name)[0]


def read_stdin(max_bytes: int = MAX_BYTES) -> str:
    if sys.stdin is None:  # started with stdin closed (`tonecheck check - <&-`)
        raise InputError("stdin is closed; pass a file or pipe text in", path="-")
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # a replaced stdin (tests) that only has text
            return sys.stdin.read()
        data = stream.read(max_bytes + 1)
    except OSError as exc:  # e.g. EBADF: descriptor 0 is not open
        raise InputError(f"cannot read stdin: {os_error_message(exc)}", path="-") from None
    if len(data) > max_bytes:
        raise InputError(f"input is too large (over {max_bytes:,} bytes)", path="-")
    return decode(data, "-")[0]
