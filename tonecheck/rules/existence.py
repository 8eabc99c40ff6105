"""``extends: existence``: words that should not be there at all."""
from __future__ import annotations

import re

from .base import Field, Hit, Rule, doc_text, match_field, replace_field, str_list_field
from .phrases import spans_to_hits


def _valid_regexes(v) -> bool:
    if not isinstance(v, list) or not v:
        return False
    for pattern in v:
        if not isinstance(pattern, str):
            return False
        try:
            re.compile(pattern)
        except re.error:
            return False
    return True


class ExistenceRule(Rule):
    """Flags any of ``phrases`` (compared on ``match``) or ``regex``
    (Python regular expressions, case-sensitive unless they say ``(?i)``),
    with the rule's message, optional drop-in ``replace`` wordings and advice."""

    extends = "existence"
    FIELDS = {"phrases": str_list_field,
              "regex": Field(_valid_regexes, "a list of valid regular expressions"),
              "match": match_field,
              "replace": replace_field}

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.phrases = list(spec.get("phrases", ()))
        self.regexes = [re.compile(p) for p in spec.get("regex", ())]
        if not self.phrases and not self.regexes:
            raise self.error("phrases", "an existence rule needs 'phrases' or 'regex'")
        self.attr = spec.get("match", "lemma")
        self.whole_text = bool(self.regexes)

    def register(self, index) -> None:
        if self.phrases:
            index.add_phrases(self, 0, self.phrases, self.attr)

    def match(self, doc):
        hits = spans_to_hits(self, doc, self.indexed_hits(doc), lambda _g: self.replace)
        if self.regexes:
            text = doc_text(doc)
            for regex in self.regexes:
                for m in regex.finditer(text):
                    if m.end() > m.start() and self.keep(doc, m.start(), m.end()):
                        hits.append(Hit(m.start(), m.end(), self.replace))
            hits.sort()
        return hits
