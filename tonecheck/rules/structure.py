"""``extends: structure``: what a whole reply should contain."""
from __future__ import annotations

import re

from .base import (Field, Hit, Rule, _phrases_regex, doc_text, int_field, str_list_field,
                   word_count)

_LEAD = re.compile(r"^(?:\s|@\w+[:,]?|[^\w\s])*")


class StructureRule(Rule):
    """Checks that a reply opens with a greeting or ends with a closing.

    - ``require: greeting``: the reply starts (after @mentions) with one of
      ``phrases``.
    - ``require: closing``: one of ``phrases`` appears in the last
      ``within`` sentences (default 2).
    Replies shorter than ``min_words`` (default 25) are left alone: a one-line
    answer in a chat needs neither.
    """

    extends = "structure"
    whole_text = True
    FIELDS = {"require": Field(lambda v: v in ("greeting", "closing"), "greeting or closing", True),
              "phrases": Field(lambda v: str_list_field.check(v) and bool(v),
                               "a non-empty list of strings", True),
              "within": int_field,
              "min_words": int_field}

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.require = spec["require"]
        self.within = spec.get("within", 2)
        self.min_words = spec.get("min_words", 25)
        self._phrases = _phrases_regex(spec["phrases"])

    def match(self, doc):
        # Token count first: it bounds the word count and costs nothing.
        if len(doc) < max(self.min_words, 1) or word_count(doc) < max(self.min_words, 1):
            return []
        text = doc_text(doc)
        if self.require == "greeting":
            lead = _LEAD.match(text).end()
            if self._phrases.match(text, lead):
                return []
            first = next((s for s in doc.sents if s.text.strip()), None)
            end = first.start_char + len(first.text.rstrip()) if first is not None else len(text)
            return [Hit(lead, max(end, lead))]
        sents = [s for s in doc.sents if s.text.strip()]
        tail = sents[-self.within:] if self.within else sents[-1:]
        if any(self._phrases.search(text, s.start_char, s.end_char) for s in tail):
            return []
        last = sents[-1]
        return [Hit(last.start_char, last.start_char + len(last.text.rstrip()))]
