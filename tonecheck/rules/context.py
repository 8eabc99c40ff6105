"""Where a match stands in the reply, for rules whose wording is only a fault
in some places: an "Unfortunately" that opens the reply (``position``), a
"we can't" with no alternative after it (``unless_after``), a "soon" that is
the company's own promise (``requires_before``) and not a hope
(``unless_before``). Their regexes are RE2 patterns (rules/regex.py).

All of these run only on a rule's matches, never on every doc.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Sequence

from ..nlp import sentence_of, token_table

#: Context is read at most this many characters from a match: a real
#: sentence is shorter, and a reply that is one endless sentence of matches
#: stays linear in time.
CONTEXT_LIMIT = 1000

#: Words of a greeting line ("@user Hi there!", "Hello Sam,"): a reply's
#: opening is the first sentence after them.
GREETING_WORDS = frozenset(
    "hi hello hey dear greetings howdy hiya heya good morning afternoon evening day there all "
    "everyone team folks again".split())
LEAD_INS = frozenset("hi hello hey so and but well ok okay oh".split())


def _token_index_at(doc, char: int) -> int | None:
    """The index of the token that holds character ``char``, read from the
    doc's token table; None for a character in the space after a token
    (Doc.char_span's "expand" reading)."""
    table = token_table(doc)
    idx, length = table.idx, table.length
    k = bisect_right(idx, char) - 1
    return k if k >= 0 and char < idx[k] + length[k] else None


def _token_at(doc, char: int):
    k = _token_index_at(doc, char)
    return None if k is None else doc[k]


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
    sent = sentence_of(doc, token.i)
    begin = sent.start
    if token.i > begin and doc[begin].lower_ in GREETING_WORDS:
        comma = next((t.i for t in doc[begin:min(begin + 5, token.i)] if t.text == ","), None)
        if comma is not None:
            begin = comma + 1
    return _lead_in_end(doc, begin, sent.end) >= token.i


def _lead_in_end(doc, begin: int, end: int) -> int:
    """The first token from ``begin`` (before ``end``) that is not punctuation,
    space, an @mention or a lead-in word; remembered per doc, so many matches
    in one sentence do not each walk its opening again."""
    cache = doc.user_data.setdefault("tonecheck.lead_in_end", {})
    found = cache.get(begin)
    if found is None:
        found = end
        for t in doc[begin:end]:
            if not (t.is_punct or t.is_space or t.text.startswith("@") or t.lower_ in LEAD_INS):
                found = t.i
                break
        cache[begin] = found
    return found


def at_reply_start(doc, char: int) -> bool:
    """The match opens the reply: it opens the first sentence that holds more
    than @mentions and a greeting ("@user Hello, Unfortunately, ..."), or
    only a greeting, emoji, dashes and a bare apology come before it ("Hi
    Ana 👋 Unfortunately ...", "Hi Ana - sadly ...", "Sorry, unfortunately
    ...", "I'm sorry but I'm afraid ...")."""
    token = _token_at(doc, char)
    if token is None:
        return False
    if at_sentence_start(doc, char) and sentence_of(doc, token.i).start <= _greeting_end(doc):
        return True
    return _only_preamble_before(doc, token.i)


#: Words of a bare apology or exclamation that may come before the reply's
#: first real words ("Sorry, unfortunately ...", "Oh no, sadly ...").
APOLOGY_WORDS = frozenset(
    "sorry apologies apology so very really truly terribly but oh no ah alas hmm".split())
#: "I'm" / "we are" ..., allowed only in a preamble that apologises ("I'm sorry but ...").
_APOLOGY_SUBJECTS = frozenset("i we 'm am 're are ’m ’re".split())
#: A preamble longer than this is a sentence of its own, not a greeting.
PREAMBLE_LIMIT = 30
#: A stock thank-you that opens many templates ("Thanks for reaching out.",
#: "Thank you for contacting us!"): after "thanks"/"thank", these words
#: still count as preamble, once a "for" has come (a bare "Thanks!" answers
#: something the customer said, so the reply has begun).
_THANKS = frozenset("thanks thank thx ty".split())
_THANKS_TAIL = frozenset(("you", "for", "reaching", "out", "contacting", "us", "getting", "in", "touch",
                          "your", "the", "message", "tweet", "dm", "writing", "to", "back",
                          "so", "much", "very"))


def _only_preamble_before(doc, i: int) -> bool:
    """Every token before token ``i`` is an @mention, punctuation, an emoji
    or other symbol, a greeting word (with the name after it), a lead-in
    word or a bare apology."""
    if i == 0 or i > PREAMBLE_LIMIT:
        return i == 0
    previous, apologised, subjects, thanked = None, False, False, False
    for t in doc[:i]:
        text = t.text
        if t.is_space or t.is_punct or text.startswith("@") or not any(c.isalnum() for c in text):
            continue
        lower = t.lower_
        if _is_greeting_word(t, previous) or lower in LEAD_INS:
            pass  # "Hi", "Hello Sam", "So"
        elif lower in _THANKS:
            thanked = "thanks"
        elif thanked and lower in _THANKS_TAIL:
            if lower == "for":
                thanked = "for"  # "Thanks for reaching out."
        elif lower in APOLOGY_WORDS:
            apologised = apologised or lower in ("sorry", "apologies", "apology")
        elif lower in _APOLOGY_SUBJECTS:
            subjects = True
        else:
            return False
        previous = t
    if thanked == "thanks":  # a bare "Thanks!" answers something: the reply has begun
        return False
    return apologised or not subjects


def _greeting_end(doc) -> int:
    """Index of the first token that is not part of the opening @mentions and
    greeting (``len(doc)`` if there is none), found once per doc."""
    data = doc.user_data
    end = data.get("tonecheck.greeting_end")
    if end is None:
        end, previous = len(doc), None
        for t in doc:
            if not _is_greeting_word(t, previous):
                end = t.i
                break
            if not (t.is_punct or t.is_space):
                previous = t
        data["tonecheck.greeting_end"] = end
    return end


#: A line that is an item of a list ("- gift cards", "2. Open Settings").
_LIST_ITEM = re.compile(r"\s*(?:[-*•·◦‣–]|\d{1,2}[.)])\s")


def sentence_window(doc, start: int, end: int, sentences: int) -> tuple[int, int]:
    """Character span from the start of the match's sentence to the end of the
    ``sentences``-th sentence from it (1 = the match's own). The items of a
    list that follows count with the sentence that introduces them, not as
    sentences of their own ("We can't refund:" / "- gift cards" / "-
    downloads" / "You can exchange them"), up to ``CONTEXT_LIMIT`` characters.

    Read from the doc's token table (a rule asks this of each match up to four
    times; spaCy's Span and Token objects cost far more than the ints)."""
    k = _token_index_at(doc, start)
    if k is None:
        return start, end
    table = token_table(doc)
    idx, length, starts = table.idx, table.length, table.starts
    n, last = len(idx), len(starts) - 1

    def stop(s: int) -> int:  # the token after sentence ``s``
        return starts[s + 1] if s < last else n

    def end_char(s: int) -> int:
        final = stop(s) - 1
        return idx[final] + length[final]

    sent = last_sent = bisect_right(starts, k) - 1
    text = None
    for _ in range(sentences - 1):
        if stop(last_sent) >= n:
            break
        last_sent += 1
        while stop(last_sent) < n and end_char(last_sent) < end + CONTEXT_LIMIT:
            if text is None:
                from .base import doc_text

                text = doc_text(doc)
            if not _LIST_ITEM.match(text, idx[starts[last_sent]], end_char(last_sent)):
                break
            last_sent += 1
    return idx[starts[sent]], max(end, end_char(last_sent))


def found_after(doc, start: int, end: int, regexes: Sequence, sentences: int = 2) -> bool:
    """One of ``regexes`` occurs after the match, in its sentence or the next
    ("we can't refund it, but I can ..."; ``sentences`` counts the match's
    own), a list in between counting as part of the sentence that introduces
    it."""
    from .base import doc_text

    _lo, hi = sentence_window(doc, start, end, sentences)
    window = doc_text(doc)[end:min(hi, end + CONTEXT_LIMIT)]
    return any(r.search(window) for r in regexes)


def found_before(doc, start: int, regexes: Sequence) -> bool:
    """One of ``regexes`` occurs in the match's sentence before the match."""
    from .base import doc_text

    lo, _hi = sentence_window(doc, start, start + 1, 1)
    window = doc_text(doc)[max(lo, start - CONTEXT_LIMIT):start]
    return any(r.search(window) for r in regexes)
