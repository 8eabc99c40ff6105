"""The agent's own words in an email body: quoted history and the signature
are set aside, and every kept character keeps its offset in the body.

An email reply carries more than the agent wrote: the customer's message
quoted under "On <date>, <name> wrote:" or ``>`` marks, Outlook's
"-----Original Message-----" or "From: ... Sent: ..." block with the whole
thread beneath it, and a signature (after the ``-- `` line, or the name,
title and phone number under "Best regards,"). Only the agent's text is
checked; the quoted customer message is kept as *context* (it tells whether
the customer was upset, see ``tonecheck.scoring.upset``).

The body is read line by line; a line is kept or skipped whole, so the
checked text is the kept lines joined, and :class:`OffsetMap` maps each of its
characters back to the body. The markers are data (the tables below).

mail-parser-reply was tried first and not used: it strips every line and
rewrites line endings before it splits (so offsets cannot be mapped back),
and its signature rule cuts everything after any line that starts with
"Thanks," or "- " (a support reply's opening thanks, a list of steps).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# -- markers, as data -------------------------------------------------------------------
#: "On Mon, 3 Mar 2025 at 10:02, Anna <anna@example.com> wrote:" and its
#: counterparts in other languages (one line, or two when a client wraps it).
ATTRIBUTION = (
    r"On\b.{3,}\bwrote\s*:",                    # en (Gmail, Apple Mail, Thunderbird)
    r"Am\b.{3,}\bschrieb\b.*:",                 # de
    r"Le\b.{3,}\ba écrit\s*:",                  # fr
    r"El\b.{3,}\bescribió\s*:",                 # es
    r"Em\b.{3,}\bescreveu\s*:",                 # pt
    r"Il\b.{3,}\bha scritto\s*:",               # it
    r"Op\b.{3,}\bschreef\b.*:",                 # nl
    r"Den\b.{3,}\bskrev\b.*:",                  # da, sv, no
)
#: "<name> wrote:" with no date: history only when quoted lines follow.
SHORT_ATTRIBUTION = r".{1,120}\b(?:wrote|writes|schrieb|a écrit|escribió)\s*:"
#: Lines after which everything is earlier mail (no reply text follows them).
SEPARATORS = (
    r"-{2,}\s*Original Message\s*-{2,}",
    r"-{2,}\s*Ursprüngliche Nachricht\s*-{2,}",
    r"-{2,}\s*Message d'origine\s*-{2,}",
    r"-{2,}\s*Mensaje original\s*-{2,}",
    r"-{2,}\s*Forwarded message\s*-{2,}",
    r"Begin forwarded message\s*:",
    r"_{20,}",                                   # Outlook's rule above "From: ... Sent: ..."
)
#: Outlook's header block of the quoted message: a "From:" line with a
#: "Sent:"/"Date:" line among the next few (labels in several languages).
FROM_LABELS = ("From", "Von", "De", "Van", "Da", "Fra", "Från")
SENT_LABELS = ("Sent", "Date", "Gesendet", "Datum", "Envoyé", "Enviado", "Fecha", "Verzonden",
               "Inviato", "Data", "Sendt", "Skickat")
#: Lines a phone or mail app appends; they and what follows are signature.
DEVICE_FOOTERS = (
    r"Sent from my \w[\w ]{0,40}", r"Sent from (?:Mail|Outlook|Yahoo Mail) for \w+",
    r"Get Outlook for \w+", r"Sent from Outlook", r"Sent with \w+ ?Mail",
    r"Von meinem \w+ gesendet", r"Envoyé de mon \w+", r"Enviado desde mi \w+",
)
#: Sign-offs: when one of these is a line of its own near the end, the short
#: lines under it (name, title, company, phone) are the signature. The
#: sign-off itself is the agent's wording and is checked.
SIGN_OFFS = (
    "best regards", "kind regards", "warm regards", "warmest regards", "regards", "best",
    "best wishes", "all the best", "many thanks", "thanks", "thank you", "thanks again",
    "cheers", "sincerely", "yours sincerely", "sincerely yours", "yours truly", "respectfully",
    "take care", "talk soon", "with thanks", "with gratitude", "warmly", "thanks so much",
    "thank you so much", "have a great day", "have a good day", "have a nice day",
    "mit freundlichen grüßen", "viele grüße", "cordialement", "bien à vous", "saludos",
    "un saludo", "atentamente", "met vriendelijke groet", "cordiali saluti",
)
MAX_SIGNATURE_LINES = 6   # under a sign-off: name, title, company, phone, mail, web
MAX_SIGNATURE_WORDS = 8   # per line; a longer line is prose, not a signature

_ATTRIBUTION_RE = re.compile(r"^\s*(?:" + "|".join(ATTRIBUTION) + r")\s*$", re.IGNORECASE)
_SHORT_ATTRIBUTION_RE = re.compile(r"^\s*" + SHORT_ATTRIBUTION + r"\s*$", re.IGNORECASE)
_SEPARATOR_RE = re.compile(r"^\s*(?:" + "|".join(SEPARATORS) + r")\s*$", re.IGNORECASE)
_FROM_RE = re.compile(r"^\s*\**(?:" + "|".join(FROM_LABELS) + r")\s?:\**\s*\S", re.IGNORECASE)
_SENT_RE = re.compile(r"^\s*\**(?:" + "|".join(SENT_LABELS) + r")\s?:\**\s*\S", re.IGNORECASE)
_DEVICE_RE = re.compile(r"^\s*(?:" + "|".join(DEVICE_FOOTERS) + r")\W*$", re.IGNORECASE)
_SIGN_OFF_RE = re.compile(r"^\s*(?:" + "|".join(re.escape(s) for s in SIGN_OFFS)
                          + r")\s*[,.!\-–—]*\s*$", re.IGNORECASE)
_QUOTE_RE = re.compile(r"^[ \t]*>")
_QUOTE_PREFIX_RE = re.compile(r"^(?:[ \t]*>)+ ?")
_DASHES = ("--", "-- ", "—", "–")
FROM_WINDOW = 5  # "Sent:" within this many lines after "From:"
_HEADER_LINE_RE = re.compile(r"^\s*\**[A-Z][\w -]{0,20}\s?:\**(?:\s|$)")


# -- offsets ---------------------------------------------------------------------------
class OffsetMap:
    """Offsets in the checked text -> offsets in the source it was cut from.

    The checked text is pieces of the source laid end to end, with a line
    break added between pieces that were not adjacent (so sentences do not
    run across a skipped quote). ``pieces`` are ``(checked_start,
    source_start, length)``.
    """

    __slots__ = ("pieces", "_starts")

    def __init__(self, pieces: list[tuple[int, int, int]]):
        self.pieces = pieces or [(0, 0, 0)]
        self._starts = [p[0] for p in self.pieces]

    def __call__(self, offset: int, end: bool = False) -> int:
        """The source offset of ``offset``; with ``end=True``, of an exclusive
        span end (which then stays in the piece its last character is in)."""
        if end and offset > 0:
            return self(offset - 1) + 1
        i = max(bisect_right(self._starts, offset) - 1, 0)
        cs, ss, n = self.pieces[i]
        return ss + min(max(offset - cs, 0), n)

    def shifted(self, by: int) -> "OffsetMap":
        """The same map onto a source that has ``by`` more characters in front."""
        return OffsetMap([(c, s + by, n) for c, s, n in self.pieces])


def move_report(report, offsets: OffsetMap, lines, **changes):
    """``report`` on a checked text with every span, line and column moved
    onto the source through ``offsets`` (``lines``: a LineIndex of the
    source); ``changes`` are further fields of the moved report."""
    import dataclasses

    def move(f):
        start = offsets(f.start)
        end = start if f.end <= f.start else max(start, offsets(f.end, end=True))
        line, column = lines.position(start)
        end_line, end_column = lines.position(end)
        s0 = offsets(f.sentence_start)
        s1 = max(offsets(f.sentence_end, end=True), s0)
        return dataclasses.replace(f, start=start, end=end, line=line, column=column,
                                   end_line=end_line, end_column=end_column,
                                   sentence_start=s0, sentence_end=s1)

    scores = report.scores
    if scores is not None:
        signals = tuple(s._replace(start=offsets(s.start), end=offsets(s.end, end=True))
                        if s.start >= 0 else s for s in scores.signals)
        sentences = tuple(s._replace(start=offsets(s.start), end=offsets(s.end, end=True))
                          for s in scores.sentences)
        scores = dataclasses.replace(scores, signals=signals, sentences=sentences)
    return dataclasses.replace(report, findings=tuple(move(f) for f in report.findings),
                               scores=scores, **changes)


# -- the split -------------------------------------------------------------------------
@dataclass
class Reply:
    """An email body split into the agent's text and the rest."""

    text: str                  # the agent's lines, joined (what is checked)
    offsets: OffsetMap         # text offsets -> body offsets
    context: str = ""          # the latest quoted message (the customer's), unquoted
    skipped: dict[str, int] = field(default_factory=dict)  # kind -> lines skipped


def _lines(body: str) -> list[tuple[int, int, str]]:
    """(start, end with line break, text without it) of every line."""
    out, pos, n = [], 0, len(body)
    while pos < n:
        nl = body.find("\n", pos)
        end = n if nl == -1 else nl + 1
        line = body[pos:end].rstrip("\r\n")
        out.append((pos, end, line))
        pos = end
    return out


def _outlook_header(lines, i) -> bool:
    if not _FROM_RE.match(lines[i][2]):
        return False
    return any(_SENT_RE.match(lines[j][2]) for j in range(i + 1, min(i + 1 + FROM_WINDOW,
                                                                      len(lines))))


def _next_nonblank(lines, i) -> int:
    while i < len(lines) and not lines[i][2].strip():
        i += 1
    return i


def split_reply(body: str) -> Reply:
    """Split ``body`` (a plain-text email body) into the agent's reply, the
    quoted customer message and the signature."""
    lines = _lines(body)
    n = len(lines)
    kind = ["agent"] * n
    cut = n  # from here on, everything is earlier mail
    history_start = None  # where the latest quoted message starts, after a cut
    i = 0
    while i < n:
        text = lines[i][2]
        if _QUOTE_RE.match(text):
            kind[i] = "quote"
        elif _SEPARATOR_RE.match(text) or _outlook_header(lines, i):
            cut = i
            break
        elif _ATTRIBUTION_RE.match(text) or (
                i + 1 < n and text.strip() and not _QUOTE_RE.match(lines[i + 1][2])
                and _ATTRIBUTION_RE.match(text + " " + lines[i + 1][2])):
            two = not _ATTRIBUTION_RE.match(text)
            after = _next_nonblank(lines, i + 2 if two else i + 1)
            kind[i] = "quote"
            if two:
                kind[i + 1] = "quote"
            if after < n and not _QUOTE_RE.match(lines[after][2]):
                cut, history_start = i, after  # unquoted history under the attribution
                break
            i += 2 if two else 1
            continue
        elif _SHORT_ATTRIBUTION_RE.match(text):
            after = _next_nonblank(lines, i + 1)
            if after < n and _QUOTE_RE.match(lines[after][2]):
                kind[i] = "quote"
        elif text.rstrip() in _DASHES[:2] or text.strip() == "-- " or _DEVICE_RE.match(text):
            # The signature runs to the next quote or history marker.
            j = i
            while j < n and not (_QUOTE_RE.match(lines[j][2]) or _SEPARATOR_RE.match(lines[j][2])
                                 or _outlook_header(lines, j)
                                 or _ATTRIBUTION_RE.match(lines[j][2])):
                kind[j] = "signature"
                j += 1
            i = j
            continue
        i += 1
    for j in range(cut, n):
        kind[j] = "history"
    _sign_off(lines, kind)

    # -- context: the latest quoted message ----------------------------------------
    context = _quoted_context(lines, kind, cut, history_start)

    # -- the agent's text, with its map --------------------------------------------------
    pieces: list[tuple[int, int, int]] = []
    parts: list[str] = []
    pos = 0
    prev_end = None
    for j, (start, end, _t) in enumerate(lines):
        if kind[j] != "agent":
            continue
        if prev_end is not None and start == prev_end:
            cs, ss, ln = pieces[-1]
            pieces[-1] = (cs, ss, ln + end - start)
        else:
            if pieces:
                parts.append("\n")
                pos += 1
            pieces.append((pos, start, end - start))
        parts.append(body[start:end])
        pos += end - start
        prev_end = end
    skipped: dict[str, int] = {}
    for k in kind:
        if k != "agent":
            skipped[k] = skipped.get(k, 0) + 1
    return Reply("".join(parts), OffsetMap(pieces), context, skipped)


def _sign_off(lines, kind) -> None:
    """Mark the short lines under a closing sign-off ("Best regards,") at the
    end of the agent's last block as signature; the sign-off stays."""
    agent = [j for j, k in enumerate(kind) if k == "agent" and lines[j][2].strip()]
    if len(agent) < 2:
        return
    last = agent[-1]
    # The block the last agent line is in: no quote or signature between.
    tail = []
    for j in reversed(agent):
        if any(kind[x] not in ("agent",) for x in range(j, last + 1)):
            break
        tail.append(j)
        if len(tail) > MAX_SIGNATURE_LINES + 1:
            break
    tail.reverse()
    for pos, j in enumerate(tail):
        if j == agent[0] or not _SIGN_OFF_RE.match(lines[j][2]):
            continue
        under = tail[pos + 1:]
        if not under or len(under) > MAX_SIGNATURE_LINES:
            continue
        if all(_signature_line(lines[x][2]) for x in under):
            for x in range(j + 1, last + 1):
                kind[x] = "signature"
            return


def _signature_line(text: str) -> bool:
    words = text.split()
    if len(words) > MAX_SIGNATURE_WORDS:
        return False
    # Prose ends a sentence; a name, title, phone number or address does not
    # (short lines such as "Acme Inc." may).
    return not (text.rstrip().endswith((".", "!", "?")) and len(words) > 3)


def _quoted_context(lines, kind, cut, history_start) -> str:
    """The most recent quoted message: the first-level ``>`` lines (deeper
    levels are older mail), or the message under the first history marker."""
    quoted = []
    for j, k in enumerate(kind):
        if k != "quote":
            continue
        text = lines[j][2]
        if not _QUOTE_RE.match(text):
            continue  # an attribution line
        depth = len(re.match(r"^[ \t>]*", text).group().replace(" ", "").replace("\t", ""))
        if depth == 1:
            stripped = _QUOTE_PREFIX_RE.sub("", text, count=1)
            if not (_ATTRIBUTION_RE.match(stripped) or _SHORT_ATTRIBUTION_RE.match(stripped)):
                quoted.append(stripped)
    if quoted:
        return "\n".join(quoted).strip()
    if cut >= len(lines):
        return ""
    # Under Outlook's header block or a separator: skip the header lines, then
    # read up to the next header block.
    j = history_start if history_start is not None else cut + 1
    while history_start is None and j < len(lines) and (
            not lines[j][2].strip() or _SEPARATOR_RE.match(lines[j][2])
            or _HEADER_LINE_RE.match(lines[j][2])):
        j += 1
    out = []
    while j < len(lines):
        t = lines[j][2]
        if (_SEPARATOR_RE.match(t) or _outlook_header(lines, j) or _ATTRIBUTION_RE.match(t)
                or _QUOTE_RE.match(t)):
            break
        out.append(t)
        j += 1
    return "\n".join(out).strip()
