"""The shared matchers: every rule's phrases and token patterns, compiled once.

Literal phrases go into one PhraseMatcher per attribute (fast at any size);
only rules that need token logic use the Matcher. Running the index over a
doc leaves ``{rule_id: [(group, start, end), ...]}`` in
``doc.user_data["tonecheck.hits"]``.
"""
from __future__ import annotations

from collections import defaultdict

_ATTRS = {"lemma": "LEMMA", "norm": "NORM", "lower": "LOWER"}


class MatchIndex:
    def __init__(self, pipeline):
        from spacy.matcher import Matcher, PhraseMatcher

        self.pipeline = pipeline
        self._phrase_matchers = {}
        self._new_phrase_matcher = lambda attr: PhraseMatcher(pipeline.vocab, attr=attr)
        self.matcher = Matcher(pipeline.vocab, validate=True)
        self._n_patterns = 0
        self._keys: dict[int, tuple[str, int]] = {}  # match_id -> (rule id, group)

    def _key(self, rule_id: str, group: int) -> str:
        key = f"{rule_id}#{group}"
        self._keys[self.pipeline.vocab.strings.add(key)] = (rule_id, group)
        return key

    def add_phrases(self, rule, group: int, phrases: list[str], attr: str = "lemma") -> None:
        """Match any of ``phrases`` (as words, compared on ``attr``)."""
        attr = _ATTRS[attr]
        matcher = self._phrase_matchers.get(attr)
        if matcher is None:
            matcher = self._phrase_matchers[attr] = self._new_phrase_matcher(attr)
        docs = self.pipeline.phrase_docs(phrases)
        for phrase, doc in zip(phrases, docs):
            if not len(doc):
                raise rule.error("phrases", f"phrase {phrase!r} has no words")
        matcher.add(self._key(rule.id, group), docs)

    def add_patterns(self, rule, group: int, patterns: list, key: str = "patterns") -> None:
        """Match spaCy Matcher token patterns, validated now."""
        from spacy.errors import MatchPatternError

        try:
            self.matcher.add(self._key(rule.id, group), patterns)
        except MatchPatternError as exc:
            detail = " ".join(str(exc).split())
            raise rule.error(key, f"invalid token pattern: {detail}") from None
        except (ValueError, TypeError, KeyError) as exc:
            raise rule.error(key, f"invalid token pattern: {exc}") from None
        self._n_patterns += len(patterns)

    def __call__(self, doc):
        hits: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        keys = self._keys
        for matcher in self._phrase_matchers.values():
            for match_id, start, end in matcher(doc):
                rule_id, group = keys[match_id]
                hits[rule_id].append((group, start, end))
        if self._n_patterns:
            for match_id, start, end in self.matcher(doc):
                rule_id, group = keys[match_id]
                hits[rule_id].append((group, start, end))
        doc.user_data["tonecheck.hits"] = hits
        return hits
