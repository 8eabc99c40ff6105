"""What ``tonecheck check`` reads: each PATH to the text to check, and each
report back onto what was read.

A text file is checked as it is. A Markdown, HTML or helpdesk-export file
holds several replies (``inputs.library``): each is checked on its own, and
its report points into the file and carries the reply's title. An email
message (a ``.eml`` file, or any PATH with ``--email``, stdin included) is
checked for the agent's reply only,
and its report is moved back onto the message (or its decoded body). With a
context (``--context FILE``: the customer's message), or the customer's
message quoted in an email, replies get the context-aware empathy check.
"""
from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Callable

from . import text as _text
from .text import read_path, read_stdin


def is_email_path(path: str) -> bool:
    from .email import EMAIL_SUFFIXES

    return path != "-" and Path(path).suffix.lower() in EMAIL_SUFFIXES


def read_context(path: str) -> str:
    """The customer's message from ``path``: a text file, or an email (its
    own text, without what it quotes)."""
    if is_email_path(path):
        from .email import read_email_path

        return read_email_path(path).text
    return read_stdin() if path == "-" else read_path(path)


def _read_stdin_bytes() -> bytes:
    import sys

    from .email.parse import MAX_MESSAGE_BYTES

    from ..errors import InputError
    from ..files import os_error_message

    if sys.stdin is None:  # started with stdin closed (`tonecheck check --email - <&-`)
        raise InputError("stdin is closed; pass a file or pipe text in", path="-")
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # a replaced stdin (tests) that only has text
            return sys.stdin.read().encode("utf-8", "surrogateescape")
        data = stream.read(MAX_MESSAGE_BYTES + 1)
    except OSError as exc:  # e.g. EBADF: descriptor 0 is not open
        raise InputError(f"cannot read stdin: {os_error_message(exc)}", path="-") from None
    if len(data) > MAX_MESSAGE_BYTES:
        raise InputError(f"message is too large (over {MAX_MESSAGE_BYTES:,} bytes)", path="-")
    return data


class Sources:
    """Reads PATHs in order and finishes their reports in the same order.

    ``read(path)`` returns the text to check (or raises ``InputError``);
    ``finish(report)`` must then be called with each report, in order.
    """

    def __init__(self, linter, *, email: bool = False, context: str | None = None,
                 notice: Callable[[str], None] | None = None, max_bytes: int | None = None,
                 exports=None):
        self.linter = linter
        self.exports = exports  # inputs.exports.ExportOptions (--field, --column...)
        self.email = email
        self.context = context
        self.notice = notice or (lambda message: None)
        self.max_bytes = max_bytes  # None: the text reader's own limit (inputs.text.MAX_BYTES)
        self._pending: deque = deque()

    def read(self, path: str) -> str:
        if self.email or is_email_path(path):
            from .email import read_email, read_email_path

            limit = _text.MAX_BYTES if self.max_bytes is None else self.max_bytes
            if path == "-":
                reply = read_email(_read_stdin_bytes(), "-", limit)
            else:
                reply = read_email_path(path, limit)
            for message in reply.notices:
                self.notice(message)
            self._pending.append(reply)
            return reply.text
        limit = () if self.max_bytes is None else (self.max_bytes,)
        text = read_stdin(*limit) if path == "-" else read_path(path, *limit)
        self._pending.append(None)
        return text

    def read_all(self, path: str) -> list[str]:
        """The texts of every reply in ``path``: one for a text file or an
        email, one per section, macro or row for a multi-reply file
        (``inputs.library``); each needs its ``finish`` call."""
        from .library import is_library_path

        if self.email or not is_library_path(path):
            return [self.read(path)]
        from .exports import ExportOptions
        from .library import read_replies

        limit = () if self.max_bytes is None else (self.max_bytes,)
        replies = read_replies(path, self.exports or ExportOptions(), *limit)
        if not replies:
            self.notice(f"{path}: no replies found in this file; skipped")
        self._pending.extend(replies)
        return [r.text for r in replies]

    def finish(self, report):
        from ..contextual import with_context

        reply = self._pending.popleft() if self._pending else None
        context = self.context
        if context is None and reply is not None:
            context = reply.context
        report = with_context(self.linter, report, context)
        return reply.finish(report) if reply is not None else report
