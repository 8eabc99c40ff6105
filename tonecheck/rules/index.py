"""The shared matchers: every rule's phrases and token patterns, compiled once.

Literal phrases go into one PhraseMatcher per attribute (fast at any size);
only rules that need token logic use the Matcher. Running the index over a
doc leaves ``{rule_id: [(group, start, end), ...]}`` in
``doc.user_data["tonecheck.hits"]``.
"""
from __future__ import annotations

from collections import defaultdict

from .base import HITS_KEY

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
        # Matcher prefilter: for each token pattern, one token it cannot match
        # without (a required LOWER/LEMMA/NORM/ORTH literal). Those words go
        # into the phrase matchers under one key: a doc where none is found
        # cannot match any pattern, so the (slow) Matcher is skipped for it;
        # otherwise it runs in full, so results are unchanged.
        self._anchor_key = pipeline.vocab.strings.add("tonecheck.anchor")
        self._always_match = False

    def _key(self, rule_id: str, group: int) -> str:
        key = f"{rule_id}#{group}"
        self._keys[self.pipeline.vocab.strings.add(key)] = (rule_id, group)
        return key

    def add_phrases(self, rule, group: int, phrases: list[str], attr: str = "lemma",
                    key: str = "phrases") -> None:
        """Match any of ``phrases`` (as words, compared on ``attr``); ``key``
        names the YAML key they came from, for errors."""
        attr = _ATTRS[attr]
        matcher = self._phrase_matchers.get(attr)
        if matcher is None:
            matcher = self._phrase_matchers[attr] = self._new_phrase_matcher(attr)
        docs = self.pipeline.phrase_docs(phrases)
        for phrase, doc in zip(phrases, docs):
            if not len(doc):
                raise rule.error(key, f"phrase {phrase!r} has no words")
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
        for pattern in patterns:
            anchor = _anchor(pattern)
            if anchor is None:
                self._always_match = True
            else:
                attr, words = anchor
                matcher = self._phrase_matchers.get(attr)
                if matcher is None:
                    matcher = self._phrase_matchers[attr] = self._new_phrase_matcher(attr)
                docs = [_word_doc(self.pipeline.vocab, attr, w) for w in words]
                matcher.add("tonecheck.anchor", docs)

    def __call__(self, doc):
        hits: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        keys = self._keys
        anchor, anchored = self._anchor_key, False
        for matcher in self._phrase_matchers.values():
            for match_id, start, end in matcher(doc):
                if match_id == anchor:
                    anchored = True
                    continue
                rule_id, group = keys[match_id]
                hits[rule_id].append((group, start, end))
        if self._n_patterns and (self._always_match or anchored):
            for match_id, start, end in self.matcher(doc):
                rule_id, group = keys[match_id]
                hits[rule_id].append((group, start, end))
        doc.user_data[HITS_KEY] = hits
        return hits


def _word_doc(vocab, attr: str, word: str):
    """A one-token doc whose ``attr`` is ``word``, for the phrase matcher."""
    from spacy.tokens import Doc

    doc = Doc(vocab, words=[word])
    if attr == "LEMMA":
        doc[0].lemma_ = word
    elif attr == "NORM":
        doc[0].norm_ = word
    return doc


_LITERAL_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM",
                  "LEMMA": "LEMMA"}
# Words too common to be a useful anchor when a rarer one is available.
_COMMON = frozenset("a an the i you we it is be 's are was were to of and in for on that this "
                    "these do did does have has had not can will would your our my me us with "
                    "at by or as if so but get take make go see know need want help".split())


def _anchor(pattern) -> tuple[str, list[str]] | None:
    """A required token of ``pattern`` with literal values: ``(attr, words)``,
    rarest-looking first; None when the pattern has no such token."""
    best = None
    for token in pattern:
        if not isinstance(token, dict):
            return None
        spec = {str(k).upper(): v for k, v in token.items()}
        if spec.get("OP", "1") not in ("1", "+"):
            continue
        for key, value in spec.items():
            attr = _LITERAL_ATTRS.get(key)
            if attr is None:
                continue
            if isinstance(value, str):
                words = [value]
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) \
                    and value["IN"] and all(isinstance(w, str) for w in value["IN"]):
                words = value["IN"]
            else:
                continue
            rank = (bool(_COMMON.intersection(w.lower() for w in words)), len(words))
            if best is None or rank < best[0]:
                best = (rank, attr, words)
    return None if best is None else (best[1], best[2])

