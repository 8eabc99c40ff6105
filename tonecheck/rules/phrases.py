"""Helpers shared by the rule types that report indexed token spans."""
from __future__ import annotations

from typing import Iterable

from ..positions import SpanIndex
from .base import Hit, url_spans


def spans_to_hits(rule, doc, spans: Iterable[tuple[int, int, int]], replacements_for,
                  tie_break=None) -> list[Hit]:
    """Turn (group, start_token, end_token) spans into hits: longest match
    first, overlaps dropped, words inside web addresses ignored (a URL slug
    is not wording), ``position`` and ``exceptions`` applied. Where several
    groups match the same span, ``tie_break(group, span_text)`` (lowest
    first) picks the one kept."""
    def order(s):
        return (s[1], -s[2], tie_break(s[0], doc[s[1]:s[2]].text) if tie_break else 0)

    hits: list[Hit] = []
    taken_until = -1
    urls = None
    for group, start, end in sorted(spans, key=order):
        if start < taken_until:
            continue
        span = doc[start:end]
        cstart, cend = span.start_char, span.end_char
        if urls is None:
            urls = _url_index(doc)
        if (urls and urls.overlaps(cstart, cend)) or not rule.keep(doc, cstart, cend):
            continue
        taken_until = end
        hits.append(Hit(cstart, cend, replacements_for(group)))
    return hits


def _url_index(doc) -> SpanIndex:
    """The doc's web addresses as a :class:`SpanIndex`, built once per doc."""
    data = doc.user_data
    index = data.get("tonecheck.url_index")
    if index is None:
        index = data["tonecheck.url_index"] = SpanIndex(url_spans(doc))
    return index
