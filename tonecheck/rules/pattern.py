"""``extends: pattern``: spaCy Matcher token patterns, for wording that needs
token logic ("you need to <verb>", "just" before an instruction)."""
from __future__ import annotations

from .base import Field, Rule, replace_field
from .phrases import spans_to_hits

_TAGGER_KEYS = {"POS", "TAG", "MORPH"}
_PARSER_KEYS = {"DEP", "HEAD", "SENT_START", "IS_SENT_START"}


def _is_patterns(v) -> bool:
    return isinstance(v, list) and bool(v) and all(
        isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in v)


def _keys(patterns) -> set[str]:
    return {k.upper() for p in patterns for tok in p for k in tok}


class PatternRule(Rule):
    """Flags spans matched by any of ``patterns`` (spaCy token patterns,
    validated when the pack loads). ``LEMMA`` compares tonecheck's match key:
    the lowercased lemma with contractions expanded ("n't" -> "not")."""

    extends = "pattern"
    FIELDS = {"patterns": Field(_is_patterns, "a list of token patterns (lists of mappings)", True),
              "replace": replace_field}

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.patterns = spec["patterns"]

    @property
    def needs(self):
        keys = _keys(self.patterns)
        need = set()
        if keys & _TAGGER_KEYS:
            need.add("tagger")
        if keys & {"DEP", "HEAD"}:
            need.add("parser")
        return frozenset(need)

    def register(self, index) -> None:
        index.add_patterns(self, 0, self.patterns)

    def match(self, doc):
        return spans_to_hits(self, doc, self.indexed_hits(doc), lambda _g: self.replace)
