"""An RFC 822/MIME message to the body the agent wrote, decoded.

The standard library parses (``email`` with policy ``default``); this module
chooses the part (``text/plain``, else ``text/html``; attachments are never
bodies), undoes the transfer encoding and the charset, and works out where
findings can point: at lines of the message itself when the part is stored
as plain 7/8-bit text, else at lines of the decoded body.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from ...errors import InputError

#: Larger messages are refused before parsing (the 1 MB limit of checked
#: text applies to the reply; a message may carry large attachments).
MAX_MESSAGE_BYTES = 256 * 1024 * 1024
#: A body part larger than this is not a reply (HTML is converted first).
MAX_PART_BYTES = 32 * 1024 * 1024
MESSAGE, DECODED = "message", "decoded-body"
_PLAIN_ENCODINGS = frozenset({"7bit", "8bit", "binary", ""})
#: Charset labels that mean windows-1252 in practice (as WHATWG decodes them).
_LATIN = frozenset({"ascii", "iso8859-1", "latin-1", "cp1252"})
_FATAL = {
    "NoBoundaryInMultipartDefect": "it is multipart but declares no MIME boundary",
    "StartBoundaryNotFoundDefect": "its MIME boundary never appears in the body",
}


@dataclass
class Body:
    """The chosen body part, decoded to text."""

    text: str             # the body as text (HTML already converted)
    source: str           # the text findings point into
    offset: int           # where ``text`` starts in ``source``
    location: str         # MESSAGE or DECODED
    html: bool = False
    quotes: list[str] = field(default_factory=list)  # quoted mail removed from HTML
    notices: list[str] = field(default_factory=list)


def parse_message(raw: bytes, name: str = "-") -> Body:
    """The agent's body part of ``raw``; :class:`InputError` (one line,
    naming ``name``) when the message cannot be read."""
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise TypeError("an email message is bytes; encode text first (e.g. .encode())")
    raw = bytes(raw)
    if len(raw) > MAX_MESSAGE_BYTES:
        raise InputError(f"message is too large ({len(raw):,} bytes; the limit is "
                         f"{MAX_MESSAGE_BYTES:,})", path=name)
    if not raw.strip():
        raise InputError("empty message; expected an RFC 822 email", path=name)
    try:
        return _parse(raw, name)
    except InputError:
        raise
    except Exception as exc:  # the parser is lenient; anything else is a broken message
        raise InputError(f"cannot read the message as MIME ({type(exc).__name__}: {exc})",
                         path=name) from None


def _parse(raw: bytes, name: str) -> Body:
    import email
    from email import policy

    msg = email.message_from_bytes(raw, policy=policy.default)
    if not len(msg.keys()):
        raise InputError("not an email message: it does not start with header lines "
                         "(From:, Subject:, Content-Type: ...)", path=name)
    for part in msg.walk():
        for defect in part.defects:
            why = _FATAL.get(type(defect).__name__)
            if why:
                raise InputError(f"malformed MIME: {why}", path=name)
    notices: list[str] = []
    part = msg.get_body(preferencelist=("plain",))
    if part is not None and not _payload(part, name, notices).strip():
        part = None  # an empty text/plain beside an HTML version
    if part is None:
        part = msg.get_body(preferencelist=("html",))
    if part is None:
        raise InputError(f"no text/plain or text/html part to check (the message is "
                         f"{msg.get_content_type()})", path=name)
    data = _payload(part, name, notices)
    if len(data) > MAX_PART_BYTES:
        raise InputError(f"the message body is too large ({len(data):,} bytes)", path=name)
    text, notice = decode_text(data, part.get_content_charset())
    if notice:
        notices.append(f"{name}: {notice}")
    if part.get_content_subtype() == "html":
        from .html import html_to_text

        converted = html_to_text(text)
        return Body(converted.text, converted.text, 0, DECODED, True, converted.quotes, notices)
    cte = str(part.get("content-transfer-encoding", "")).strip().lower()
    if cte in _PLAIN_ENCODINGS and data:
        at = _locate(raw, data)
        if at >= 0:
            prefix = raw[:at].decode("utf-8", "replace")
            suffix = raw[at + len(data):].decode("utf-8", "replace")
            return Body(text, prefix + text + suffix, len(prefix), MESSAGE, notices=notices)
    return Body(text, text, 0, DECODED, notices=notices)


def _payload(part, name: str, notices: list[str]) -> bytes:
    """The part's bytes with the transfer encoding undone."""
    cache = getattr(part, "_tonecheck_payload", None)
    if cache is not None:
        return cache
    data = part.get_payload(decode=True) or b""
    kinds = {type(d).__name__ for d in part.defects}
    if "InvalidBase64LengthDefect" in kinds:
        raise InputError("malformed MIME: the base64 body is cut short and cannot be decoded",
                         path=name)
    if "InvalidBase64PaddingDefect" in kinds:
        notices.append(f"{name}: the base64 body is cut short; checked what could be decoded")
    if "InvalidBase64CharactersDefect" in kinds:
        notices.append(f"{name}: the base64 body has stray characters; they were skipped")
    cte = str(part.get("content-transfer-encoding", "")).strip().lower()
    if cte and cte not in _PLAIN_ENCODINGS | {"base64", "quoted-printable", "x-uuencode",
                                              "uuencode", "x-uue", "uue"}:
        notices.append(f"{name}: unknown Content-Transfer-Encoding {cte!r}; read the body as is")
    part._tonecheck_payload = data
    return data


def _locate(raw: bytes, data: bytes) -> int:
    """Where the part's bytes sit in the message (after the top headers)."""
    head = raw.find(b"\n\n")
    crlf = raw.find(b"\r\n\r\n")
    ends = [x for x in (head + 2 if head >= 0 else -1, crlf + 4 if crlf >= 0 else -1) if x >= 0]
    start = min(ends) if ends else 0
    return raw.find(data, start)


def _cp1252(data: bytes) -> str:
    """windows-1252, with the five bytes it leaves undefined read as Latin-1."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return "".join(data[i:i + 1].decode("cp1252", "strict") if data[i] not in
                       (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(data[i]) for i in range(len(data)))


def decode_text(data: bytes, declared: str | None) -> tuple[str, str | None]:
    """Decode a body in its declared charset. A missing, unknown or wrong
    charset never fails: the text is read as UTF-8 if it is valid UTF-8, else
    as windows-1252, and the second value says so (else None)."""
    label = (declared or "").strip().strip('"').lower()
    try:
        codec = codecs.lookup(label).name if label else None
    except LookupError:
        codec = None
    ascii_only = data.isascii()
    if codec and (codec not in _LATIN or ascii_only):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            pass
        else:
            if not ascii_only and codec not in ("utf-8", "utf-16", "utf-32") \
                    and _is_utf8(data) and _single_byte(codec):
                return data.decode("utf-8"), (f"the body is UTF-8 although it declares "
                                              f"charset {declared!r}; read it as UTF-8")
            return text, None
    if ascii_only:
        text = data.decode("ascii")
        return text, (None if not label or codec else
                      f"unknown charset {declared!r}; the body is plain ASCII")
    if codec in _LATIN and not _is_utf8(data):
        return _cp1252(data), None  # latin-1 labels read as windows-1252, as browsers do
    if _is_utf8(data):
        what = f"charset {declared!r} does not fit the body" if label else "no charset declared"
        return data.decode("utf-8"), f"{what}; read it as UTF-8"
    what = (f"unknown charset {declared!r}" if label and not codec else
            f"charset {declared!r} does not fit the body" if label else "no charset declared")
    return _cp1252(data), f"{what}; read it as windows-1252"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _single_byte(codec: str) -> bool:
    try:
        return len(bytes(range(256)).decode(codec, "replace")) == 256
    except Exception:
        return False
