"""Where a match stands in the reply, for rules whose wording is only a fault
in some places: an "Unfortunately" that opens the reply (``position``), a
"we can't" with no alternative after it (``unless_after``), a "soon" that is
the company's own promise (``requires_before``) and not a hope
(``unless_before``). Their regexes are RE2 patterns (rules/regex.py).

All of these run only on a rule's matches, never on every doc.
"""
from __future__ import annotations

from typing import Sequence


#: Words of a greeting line ("@user Hi there!", "Hello Sam,"): a reply's
#: opening is the first sentence after them.
GREETING_WORDS = frozenset(
    "hi hello hey dear greetings howdy hiya heya good morning afternoon evening day there all "
    "everyone team folks again".split())
LEAD_INS = frozenset("hi hello hey so and but well ok okay oh".split())


def _token_at(doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _is_greeting_word(token, previous) -> bool:
    if token.is_punct or token.is_space or token.text.startswith("@") or not token.text.strip():
        return True
    if token.lower_ in GREETING_WORDS:
        return True
    # A name after a greeting word: "Hi Cassie", "Hello Mr Smith".
    return token.is_title and previous is not None and (
        previous.lower_ in GREETING_WORDS or previous.is_title)


def at_sentence_start(doc, char: int) -> bool:
    """The match opens its sentence, after lead-ins ("So, ...") or a greeting
    with a name ("Hi Sam, unfortunately ...")."""
    token = _token_at(doc, char)
    if token is None:
        return False
    before = doc[token.sent.start:token.i]
    if len(before) and before[0].lower_ in GREETING_WORDS:
        comma = next((t.i for t in before[:5] if t.text == ","), None)
        if comma is not None:
            before = doc[comma + 1:token.i]
    return all(t.is_punct or t.is_space or t.text.startswith("@") or t.lower_ in LEAD_INS
               for t in before)


def at_reply_start(doc, char: int) -> bool:
    """The match opens the reply: it opens the first sentence that holds more
    than @mentions and a greeting ("@user Hello, Unfortunately, ...")."""
    token = _token_at(doc, char)
    if token is None or not at_sentence_start(doc, char):
        return False
    sent = token.sent
    previous = None
    for t in doc[:sent.start]:
        if not _is_greeting_word(t, previous):
            return False
        if not (t.is_punct or t.is_space):
            previous = t
    return True


def sentence_window(doc, start: int, end: int, sentences: int) -> tuple[int, int]:
    """Character span from the start of the match's sentence to the end of the
    ``sentences``-th sentence from it (1 = the match's own)."""
    token = _token_at(doc, start)
    if token is None:
        return start, end
    sent = token.sent
    last = sent
    for _ in range(sentences - 1):
        if last.end >= len(doc):
            break
        last = doc[last.end].sent
    return sent.start_char, max(end, last.end_char)


def found_after(doc, start: int, end: int, regexes: Sequence) -> bool:
    """One of ``regexes`` occurs after the match, in its sentence or the next
    ("we can't refund it, but I can ...")."""
    from .base import doc_text

    _lo, hi = sentence_window(doc, start, end, 2)
    window = doc_text(doc)[end:hi]
    return any(r.search(window) for r in regexes)


def found_before(doc, start: int, regexes: Sequence) -> bool:
    """One of ``regexes`` occurs in the match's sentence before the match."""
    lo, _hi = sentence_window(doc, start, start + 1, 1)
    from .base import doc_text

    window = doc_text(doc)[lo:start]
    return any(r.search(window) for r in regexes)
