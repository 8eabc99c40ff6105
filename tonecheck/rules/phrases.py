"""Helpers shared by the rule types that report indexed token spans."""
from __future__ import annotations

import re
from typing import Iterable

from ..positions import SpanIndex
from .base import Hit, doc_text, url_spans


def spans_to_hits(rule, doc, spans: Iterable[tuple[int, int, int]], replacements_for,
                  tie_break=None) -> list[Hit]:
    """Turn (group, start_token, end_token) spans into hits: longest match
    first, overlaps dropped, words inside web addresses ignored (a URL slug
    is not wording), ``position`` and ``exceptions`` applied. Where several
    groups match the same span, ``tie_break(group, span_text)`` (lowest
    first) picks the one kept.

    Matches that overlap or touch inside one run of characters without a
    space ("!!!!!!" for "!!!", "?!?!") are one hit, with the first match's
    replacements: one run, one finding, and its fix leaves nothing to fix."""
    def order(s):
        return (s[1], -s[2], tie_break(s[0], doc[s[1]:s[2]].text) if tie_break else 0)

    hits: list[Hit] = []
    taken_until = -1
    glued = False  # whether the last hit holds no space (so a run can extend it)
    urls = None
    text = None
    for group, start, end in sorted(spans, key=order):
        if glued and start <= taken_until < end and _no_space_between(doc, taken_until - 1, end):
            last = doc[end - 1]
            hits[-1] = hits[-1]._replace(end=last.idx + len(last))
            taken_until = end
            continue
        if start < taken_until:
            continue
        span = doc[start:end]
        cstart, cend = span.start_char, span.end_char
        if urls is None:
            urls = _url_index(doc)
            text = doc_text(doc)
        if (urls and urls.overlaps(cstart, cend)) or not rule.keep(doc, cstart, cend):
            continue
        glued = _SPACE.search(text, cstart, cend) is None
        if not glued and glued_marks(text, Hit(cstart, cend), space=True):
            continue  # "! ?" is two marks, not the run "!?"
        taken_until = end
        hits.append(Hit(cstart, cend, replacements_for(group)))
    if hits and any(glued_marks(text, h) for h in hits):
        hits = [_whole_run(text, h) for h in hits]
    return hits


def glued_marks(text: str, hit: Hit, space: bool = False) -> bool:
    """Whether ``hit`` is punctuation only ("!!!", "?!"; with ``space``,
    spaces between the marks allowed)."""
    return not any(c.isalnum() or (c.isspace() and not space) for c in text[hit.start:hit.end])


def _whole_run(text: str, hit: Hit) -> Hit:
    """A hit of punctuation marks grown over the marks of the same kinds right
    before and after it ("?" + "!!!" + "?!"): fixing part of a run would leave
    marks that make a new one."""
    if not glued_marks(text, hit):
        return hit
    kinds = set(text[hit.start:hit.end])
    start, end = hit.start, hit.end
    while start > 0 and text[start - 1] in kinds:
        start -= 1
    while end < len(text) and text[end] in kinds:
        end += 1
    return hit._replace(start=start, end=end)


_SPACE = re.compile(r"\s")


def _no_space_between(doc, first: int, end: int) -> bool:
    """Tokens ``first`` to ``end - 1`` follow each other with no space."""
    return all(not doc[i].whitespace_ and not doc[i + 1].is_space for i in range(first, end - 1))


def _url_index(doc) -> SpanIndex:
    """The doc's web addresses as a :class:`SpanIndex`, built once per doc."""
    data = doc.user_data
    index = data.get("tonecheck.url_index")
    if index is None:
        index = data["tonecheck.url_index"] = SpanIndex(url_spans(doc))
    return index
