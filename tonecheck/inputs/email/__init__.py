"""Email input: an RFC 822/MIME message to the agent's reply, ready to check.

``read_email(raw, name)`` parses the message (``parse.py``), converts an
HTML-only body (``html.py``), sets the quoted thread and the signature aside
(``reply.py``) and returns an :class:`EmailReply`: the text to check, the
text findings point into (the message, or the decoded body), the map between
the two, and the quoted customer message as context. ``finish(report)``
moves a report on the checked text onto that source.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...errors import InputError
from ...positions import LineIndex
from ..text import MAX_BYTES
from .parse import DECODED, MESSAGE, MAX_MESSAGE_BYTES, parse_message
from .reply import OffsetMap, move_report, split_reply

#: File name suffixes read as email messages.
EMAIL_SUFFIXES = frozenset({".eml"})


@dataclass(frozen=True)
class EmailReply:
    text: str             # the agent's reply: what is checked
    source: str           # what findings point into (see ``location``)
    location: str         # "message" or "decoded-body"
    offsets: OffsetMap    # offsets in ``text`` -> offsets in ``source``
    context: str = ""     # the customer's quoted message, unquoted
    notices: tuple[str, ...] = ()
    html: bool = False

    def finish(self, report):
        """``report`` (on ``self.text``) with every span, line and column
        moved onto ``self.source``."""
        return remap(report, self.source, self.offsets, self.location, self.notices)


def read_email(raw: bytes, name: str = "-", max_bytes: int = MAX_BYTES) -> EmailReply:
    """The agent's reply in the message ``raw``. Raises :class:`InputError`
    (one line naming ``name``) for a message that cannot be read."""
    body = parse_message(raw, name)
    reply = split_reply(body.text)
    size = len(reply.text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise InputError(f"the reply is too large to check ({size:,} bytes of text outside "
                         f"the quoted mail; the limit is {max_bytes:,})", path=name)
    notices = list(body.notices)
    if not reply.text.strip():
        notices.append(f"{name}: the message has no text of its own outside the quoted mail "
                       f"and the signature")
    context = reply.context
    if body.quotes and body.quotes[0]:  # HTML: the quote element, less its attribution
        quoted = split_reply(body.quotes[0])
        context = quoted.text.strip() or quoted.context or body.quotes[0]
    return EmailReply(reply.text, body.source, body.location, reply.offsets.shifted(body.offset),
                      context, tuple(notices), body.html)


def read_email_path(path, max_bytes: int = MAX_BYTES) -> EmailReply:
    """:func:`read_email` on a file (the message size is not limited by
    ``max_bytes``; the reply text is)."""
    from ...files import read_capped

    # Regular files only (a FIFO or device is refused unread), with a byte cap.
    data = read_capped(path, MAX_MESSAGE_BYTES, what="message", error=InputError)
    return read_email(data, str(path), max_bytes)


def remap(report, source: str, offsets: OffsetMap, location: str, notices=()):
    """A report on a checked text, moved onto ``source`` through ``offsets``."""
    return move_report(report, offsets, LineIndex(source), text=source, location=location,
                       notices=tuple(report.notices) + tuple(notices))


__all__ = ["DECODED", "EMAIL_SUFFIXES", "MESSAGE", "EmailReply", "read_email",
           "read_email_path", "remap"]
