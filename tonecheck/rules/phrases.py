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
    hits: list[Hit] = []
    taken_until = -1
    glued = False  # whether the last hit holds no space (so a run can extend it)
    urls = None
    text = None
    for group, start, end in _in_order(doc, spans, tie_break):
        if glued and start <= taken_until < end:
            last = doc[end - 1]
            grown = last.idx + len(last)
            if _SPACE.search(text, hits[-1].end, grown) is None:  # no space between
                hits[-1] = hits[-1]._replace(end=grown)
                taken_until = end
                continue
        if start < taken_until:
            continue
        span = doc[start:end]
        cstart, cend = span.start_char, span.end_char
        if urls is None:
            urls = _url_index(doc)
            text = doc_text(doc)
        if urls and urls.overlaps(cstart, cend):
            continue
        hit = rule.hit(doc, cstart, cend, replacements_for(group))
        if hit is None:
            continue
        glued = _SPACE.search(text, cstart, cend) is None
        if not glued and glued_marks(text, Hit(cstart, cend), space=True):
            continue  # "! ?" is two marks, not the run "!?"
        taken_until = end
        hits.append(hit)
    if hits and any(glued_marks(text, h) for h in hits):
        hits = [_whole_run(text, h) for h in hits]
    return hits


def _in_order(doc, spans, tie_break) -> list[tuple[int, int, int]]:
    """``spans`` by start, longest first; where several groups match the
    same tokens, by ``tie_break`` (asked only then: it reads the span's text)."""
    ordered = sorted(spans, key=_start_longest)
    if tie_break is None:
        return ordered
    out, i, n = [], 0, len(ordered)
    while i < n:
        j = i + 1
        while j < n and ordered[j][1:] == ordered[i][1:]:
            j += 1
        if j - i == 1:
            out.append(ordered[i])
        else:
            text = doc[ordered[i][1]:ordered[i][2]].text
            out.extend(sorted(ordered[i:j], key=lambda s: tie_break(s[0], text)))
        i = j
    return out


def _start_longest(span):
    return (span[1], -span[2])


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


def _url_index(doc) -> SpanIndex:
    """The doc's web addresses as a :class:`SpanIndex`, built once per doc."""
    data = doc.user_data
    index = data.get("tonecheck.url_index")
    if index is None:
        index = data["tonecheck.url_index"] = SpanIndex(url_spans(doc))
    return index
