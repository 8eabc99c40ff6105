"""Helpers shared by the rule types that report indexed token spans."""
from __future__ import annotations

from typing import Iterable

from .base import Hit, url_spans


def spans_to_hits(rule, doc, spans: Iterable[tuple[int, int, int]], suggestions_for) -> list[Hit]:
    """Turn (group, start_token, end_token) spans into hits: longest match
    first, overlaps dropped, words inside web addresses ignored (a URL slug
    is not wording), ``position`` and ``exceptions`` applied."""
    hits: list[Hit] = []
    taken_until = -1
    for group, start, end in sorted(spans, key=lambda s: (s[1], -s[2])):
        if start < taken_until:
            continue
        span = doc[start:end]
        cstart, cend = span.start_char, span.end_char
        if any(a < cend and cstart < b for a, b in url_spans(doc)) \
                or not rule.keep(doc, cstart, cend):
            continue
        taken_until = end
        hits.append(Hit(cstart, cend, suggestions_for(group)))
    return hits
