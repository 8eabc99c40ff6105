"""The shared matchers: every rule's phrases and token patterns, compiled once.

Literal phrases go into one PhraseMatcher per attribute (fast at any size);
only rules that need token logic use the Matcher. Running the index over a
doc leaves ``{rule_id: [(group, start, end), ...]}`` in
``doc.user_data["tonecheck.hits"]``.
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.attrs import LEMMA, LOWER, NORM, ORTH

from .base import HITS_KEY

_ATTRS = {"lemma": "LEMMA", "norm": "NORM", "lower": "LOWER"}


class MatchIndex:
    def __init__(self, pipeline):
        from spacy.matcher import Matcher, PhraseMatcher

        self.pipeline = pipeline
        self._phrase_matchers = {}
        self._new_phrase_matcher = lambda attr: PhraseMatcher(pipeline.vocab, attr=attr)
        self._new_matcher = lambda: Matcher(pipeline.vocab, validate=True)
        #: One token Matcher per pattern rule: the Matcher tries every pattern
        #: at every token, so one shared Matcher costs as much as all the
        #: pattern rules together on every doc.
        self._matchers: dict[str, object] = {}
        self._keys: dict[int, tuple[str, int]] = {}  # match_id -> (rule id, group)
        # Matcher prefilter: for each token pattern, the tokens it cannot match
        # without that name literal values (LOWER/LEMMA/NORM/ORTH words). A
        # rule's Matcher runs only on docs that hold a word of each such token
        # of one of its patterns (or always, if a pattern has none), so
        # results are unchanged.
        #: Each pattern's rarest-looking required token goes into the phrase
        #: matchers under a key of its own (found in C, with the rule's
        #: phrases); match id -> (rule id, the pattern's other required tokens).
        self._gate_keys: dict[int, tuple[str, tuple]] = {}
        self._always: list[str] = []  # rules with a pattern that requires no literal word
        self._gate_names: tuple[str, ...] = ()
        self._gate_ids: list[int] = []

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

        matcher = self._matchers.get(rule.id)
        if matcher is None:
            matcher = self._matchers[rule.id] = self._new_matcher()
        try:
            matcher.add(self._key(rule.id, group), patterns)
        except MatchPatternError as exc:
            detail = " ".join(str(exc).split())
            raise rule.error(key, f"invalid token pattern: {detail}") from None
        except (ValueError, TypeError, KeyError) as exc:
            raise rule.error(key, f"invalid token pattern: {exc}") from None
        strings = self.pipeline.vocab.strings
        for pattern in patterns:
            needed = [(attr, frozenset(strings.add(w) for w in words), words)
                      for attr, words in sorted(_required(pattern), key=_commonness)]
            if not needed:
                if rule.id not in self._always:
                    self._always.append(rule.id)
                continue
            attr, _ids, words = needed[0]
            rest = tuple((a, ids) for a, ids, _w in needed[1:])
            gate = f"tonecheck.gate#{len(self._gate_keys)}"
            self._gate_keys[strings.add(gate)] = (rule.id, rest)
            matcher = self._phrase_matchers.get(attr)
            if matcher is None:
                matcher = self._phrase_matchers[attr] = self._new_phrase_matcher(attr)
            matcher.add(gate, [_word_doc(self.pipeline.vocab, attr, w) for w in words])
            used = set(self._gate_names) | {a for a, _i in rest}
            self._gate_names = tuple(n for n in _GATE_ATTRS if n in used)
            self._gate_ids = [_GATE_ATTRS[n] for n in self._gate_names]

    def __call__(self, doc):
        hits: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        keys, gate_keys = self._keys, self._gate_keys
        gated = []  # (rule id, other required tokens) of the patterns whose gate word is here
        for matcher in self._phrase_matchers.values():
            for match_id, start, end in matcher(doc):
                gate = gate_keys.get(match_id)
                if gate is not None:
                    gated.append(gate)
                    continue
                rule_id, group = keys[match_id]
                hits[rule_id].append((group, start, end))
        if gated or self._always:
            for rule_id in self._runnable(doc, gated):
                for match_id, start, end in self._matchers[rule_id](doc):
                    rule_id, group = keys[match_id]
                    hits[rule_id].append((group, start, end))
        doc.user_data[HITS_KEY] = hits
        return hits

    def _runnable(self, doc, gated) -> list[str]:
        """Pattern rules one of whose patterns could match ``doc``: its gate
        word is there (``gated``), and so is a word of each of its other
        required tokens. In the order the rules were added."""
        run = set(self._always)
        present = None
        for rule_id, rest in gated:
            if rule_id in run:
                continue
            if rest and present is None:  # read the doc's words once, when needed
                array = doc.to_array(self._gate_ids)
                columns = array.T.tolist() if array.ndim == 2 else [array.tolist()]
                present = dict(zip(self._gate_names, map(set, columns)))
            if all(not words.isdisjoint(present[a]) for a, words in rest):
                run.add(rule_id)
        return [r for r in self._matchers if r in run] if run else []


_LITERAL_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM",
                  "LEMMA": "LEMMA"}
#: The attributes a gate can test, by name (in the order they are read).
_GATE_ATTRS = {"ORTH": ORTH, "LOWER": LOWER, "NORM": NORM, "LEMMA": LEMMA}
_REQUIRED_OP = re.compile(r"^(?:1|\+|\{[1-9]\d*(?:,\d*)?\})$")


# Words found in most replies: a token that allows one of them says little.
_COMMON = frozenset("a an the i you we it is be 's are was were to of and in for on that this "
                    "these do did does have has had not can will would your our my me us with "
                    "at by or as if so but get take make go see know need want help".split())


def _commonness(required: tuple[str, list[str]]) -> tuple[bool, int]:
    words = required[1]
    return (not _COMMON.isdisjoint(w.lower() for w in words), len(words))


def _word_doc(vocab, attr: str, word: str):
    """A one-token doc whose ``attr`` is ``word``, for the phrase matcher."""
    from spacy.tokens import Doc

    doc = Doc(vocab, words=[word])
    if attr == "LEMMA":
        doc[0].lemma_ = word
    elif attr == "NORM":
        doc[0].norm_ = word
    return doc


def _required(pattern) -> list[tuple[str, list[str]]]:
    """The tokens ``pattern`` cannot match without, as (attr, words) for each
    one that names literal values; tokens with other tests are left out."""
    out = []
    for token in pattern:
        if not isinstance(token, dict):
            return []
        spec = {str(k).upper(): v for k, v in token.items()}
        if not _REQUIRED_OP.match(str(spec.get("OP", "1"))):
            continue
        for key, value in spec.items():
            attr = _LITERAL_ATTRS.get(key)
            if attr is None:
                continue
            if isinstance(value, str):
                out.append((attr, [value]))
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) \
                    and value["IN"] and all(isinstance(w, str) for w in value["IN"]):
                out.append((attr, value["IN"]))
    return out
