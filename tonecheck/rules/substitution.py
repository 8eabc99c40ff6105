"""``extends: substitution``: a phrase and the wordings to use instead."""
from __future__ import annotations

from ..nlp import normalise
from .base import Field, Rule, match_field
from .phrases import spans_to_hits


def _is_swap(v) -> bool:
    # "" deletes the words; [] flags the phrase with no drop-in (advice only).
    return isinstance(v, dict) and bool(v) and all(
        isinstance(k, str) and k.strip() and (
            isinstance(s, str) or (isinstance(s, list) and all(isinstance(x, str) for x in s)))
        for k, s in v.items())


class SubstitutionRule(Rule):
    """Flags each phrase in ``swap`` and offers its replacements.

    ``swap`` maps a phrase to one drop-in replacement or a list of them (an
    empty list: no drop-in for that phrase, the rule's advice only). Phrases
    are compared on ``match`` (``lemma`` by default, so inflections and
    contractions match too; ``lower`` for exact words).
    """

    extends = "substitution"
    FIELDS = {"swap": Field(_is_swap, "a mapping of phrase to replacement(s)", True),
              "match": match_field}

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        swap = spec["swap"]
        self.phrases = list(swap)
        self.replacements = [tuple([s] if isinstance(s, str) else s) for s in swap.values()]
        self.attr = spec.get("match", "lemma")
        self._written = [normalise(p).lower() for p in self.phrases]

    def register(self, index) -> None:
        for group, phrase in enumerate(self.phrases):
            index.add_phrases(self, group, [phrase], self.attr)

    def match(self, doc):
        return spans_to_hits(self, doc, self.indexed_hits(doc),
                             lambda group: self.replacements[group], self._inexact)

    @property
    def has_replacements(self) -> bool:
        return any(self.replacements)

    def _inexact(self, group: int, text: str) -> int:
        """0 when the phrase is the matched words as written: "problems" gets
        the swap for "problems", not the one for "problem" (same lemma).
        ``text`` comes from the doc, which is already normalised."""
        return int(text.lower() != self._written[group])
