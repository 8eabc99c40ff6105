"""``extends: existence``: words that should not be there at all."""
from __future__ import annotations

from .base import REGEX_HITS_KEY, Rule, doc_text, match_field, regex_list_field, replace_field, \
    str_list_field
from .phrases import spans_to_hits


class ExistenceRule(Rule):
    """Flags any of ``phrases`` (compared on ``match``) or ``regex``
    (RE2 regular expressions, case-sensitive unless they say ``(?i)``; a
    group named ``flag`` marks the words to flag, the rest is context), with
    the rule's message, optional drop-in ``replace`` wordings and advice."""

    extends = "existence"
    FIELDS = {"phrases": str_list_field,
              "regex": regex_list_field,
              "match": match_field,
              "replace": replace_field}

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.phrases = list(spec.get("phrases", ()))
        self.regexes = self.compile_regexes("regex")
        if not self.phrases and not self.regexes:
            raise self.error("phrases", "an existence rule needs 'phrases' or 'regex'")
        self.attr = spec.get("match", "lemma")

    def register(self, index) -> None:
        if self.phrases:
            index.add_phrases(self, 0, self.phrases, self.attr)
        if self.regexes:
            index.add_regexes(self, self.regexes)

    def match(self, doc):
        hits = spans_to_hits(self, doc, self.indexed_hits(doc), lambda _g: self.replace)
        regexes = self.regexes
        if regexes:
            found = doc.user_data.get(REGEX_HITS_KEY)
            if found is not None:  # the index has sifted them all at once
                regexes = [regexes[i] for i in found.get(self.id, ())]
            text = doc_text(doc)
            for regex in regexes:
                for start, end in regex.spans(text):
                    hit = self.hit(doc, start, end, self.replace)
                    if hit is not None:
                        hits.append(hit)
            # A phrase and a regex of the rule can find the same or overlapping
            # words: report them once, as the longest match that starts first.
            hits.sort(key=lambda h: (h.start, -h.end))
            kept = []
            for h in hits:
                if not kept or h.start >= kept[-1].end:
                    kept.append(h)
            hits = kept
        return hits
