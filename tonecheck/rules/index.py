"""The shared matchers: every rule's phrases and token patterns, compiled once.

Literal phrases go into one PhraseMatcher per attribute (fast at any size);
only rules that need token logic use the Matcher, and the rules' whole-text
regexes are sifted together (:class:`~.sifting.RegexFilter`: by the words
and literal strings their matches must hold). Running the index over a doc leaves
``{rule_id: [(group, start, end), ...]}`` in ``doc.user_data[HITS_KEY]``
(a rule whose regex may match is there too), for those rules which of their
regexes may match in ``doc.user_data[REGEX_HITS_KEY]``, and where each rule's
exception phrases were found in ``doc.user_data[EXCEPTIONS_KEY]``. The rules
in the hits are the ones that run on the doc: one whose exception phrases
alone are there has nothing to flag.

Spending less is never allowed to change a result; tests/test_index_prefilter.py
checks that against plain matching.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from ..nlp import TokenTable, shared_keys, token_table
from .base import EXCEPTION_GROUP, EXCEPTIONS_KEY, HITS_KEY, REGEX_HITS_KEY, doc_text
from .pattern import op_bound
from .rates import RARE_RATE as _RARE_RATE
from .rates import word_rates
from .sifting import RegexFilter

_ATTRS = {"lemma": "LEMMA", "norm": "NORM", "lower": "LOWER"}


class MatchIndex:
    def __init__(self, pipeline):
        from spacy.matcher import Matcher, PhraseMatcher

        self.pipeline = pipeline
        self._phrase_matchers = {}
        self._new_phrase_matcher = lambda attr: PhraseMatcher(pipeline.vocab, attr=attr)
        self._new_matcher = lambda validate: Matcher(pipeline.vocab, validate=validate)
        #: Each token pattern gets a Matcher of its own, run only on docs
        #: that hold a word of every token the pattern names literally (LOWER/
        #: LEMMA/NORM/ORTH values), and only on the stretches around its gate
        #: (its rarest-looking words) that a match could reach: the Matcher
        #: makes a Token and tests IN/NOT_IN lists in Python at every token it
        #: reads, so running every pattern on every doc would cost more than
        #: all the other rules together. The gate goes into the phrase
        #: matchers under a key of its own (found in C, with the rules'
        #: phrases); gate key -> the patterns it opens.
        self._keys: dict[int, tuple[str, int]] = {}  # match_id -> (rule id, group)
        self._gate_keys: dict[int, list[_Gated]] = {}
        #: gate key -> (match key, pattern) of each pattern it opens, and, for
        #: gates that open several, one Matcher holding them all (finish()):
        #: where two or more are worth running around a gate, it reads the
        #: tokens once for all of them (a Matcher's cost is mostly per token).
        self._gate_patterns: dict[int, list[tuple[str, list]]] = {}
        self._merged: dict[int, object] = {}
        #: gate key -> one test for all its patterns (see :func:`_screen`)
        self._screens: dict[int, tuple] = {}
        self._always: list = []  # Matchers of patterns that require no literal word
        self._word_keys: dict[tuple, int] = {}  # (attr, phrases) -> its phrase key
        self._word_key_ids: set[int] = set()
        #: Every rule's whole-text regexes, searched for together; number in
        #: the filter -> (rule id, the regex's position in the rule's list).
        self._regexes = RegexFilter()
        self._regex_owners: list[tuple[str, int]] = []

    @property
    def regex_filter(self) -> RegexFilter:
        """The sifting of every rule's whole-text regexes."""
        return self._regexes

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
        from spacy.attrs import IDS

        column = IDS[attr]
        # The phrase matcher keeps each phrase's values as a tuple of ints;
        # sharing the ints across phrases saves about a megabyte.
        matcher.add(self._key(rule.id, group), [shared_keys(doc.to_array(column).tolist()) for doc in docs])

    def add_patterns(self, rule, group: int, patterns: list, key: str = "patterns") -> None:
        """Match spaCy Matcher token patterns, validated now (the bundled
        pack's are validated by the test suite)."""
        from spacy.errors import MatchPatternError

        match_key = self._key(rule.id, group)
        for number, pattern in enumerate(patterns, 1):
            matcher = self._new_matcher(not rule.bundled)
            try:
                matcher.add(match_key, [pattern])
            except (MatchPatternError, ValueError, TypeError, KeyError) as exc:
                detail = _PATTERN_NUMBER.sub("", " ".join(str(exc).split()))
                raise rule.error(key, f"invalid token pattern (pattern {number}): "
                                      f"{detail}") from None
            self._add_gated(matcher, pattern, match_key)

    def _add_gated(self, matcher, pattern: list, match_key: str) -> None:
        """File a pattern's Matcher under its gate (the rarest-looking words
        every match holds: one token's, or two adjacent tokens'), with the
        words of its other required tokens, looked up in the doc's token
        table once the gate is found. A word tested on ORTH, which has no
        column, is looked for by its LOWER value: every token spelled so has
        it."""
        pieces = _pieces([(pos, "LOWER", [w.lower() for w in words]) if attr == "ORTH" else (pos, attr, words)
                          for pos, attr, words in _required(pattern)])
        if not pieces:
            self._always.append(matcher)
            return
        pieces.sort(key=_rank)
        gate, needs = pieces[0], []
        for _, attr, phrases, _pos in pieces[1:]:
            column = _TABLE_COLUMNS[attr]
            for k in range(len(phrases[0])):  # each word of a two-word piece on its own
                need = (TokenTable._fields.index(column),
                        frozenset(_word_values(self.pipeline.vocab, attr, [p[k] for p in phrases])))
                if need not in needs:
                    needs.append(need)
        before, after = _around(pattern, gate[3])
        key = self._word_key(gate[1], gate[2])
        self._gate_keys.setdefault(key, []).append(
            _Gated(matcher, tuple(needs), before, after))
        self._gate_patterns.setdefault(key, []).append((match_key, pattern))
        self._screens.pop(key, None)  # built again by finish()
        self._merged.pop(key, None)

    def _word_key(self, attr: str, phrases: list[list[str]]) -> int:
        """The phrase-matcher key found wherever tokens' ``attr`` values are
        one of ``phrases`` (one key per distinct phrase set; short, as the
        phrase matcher looks each match's key up as a string)."""
        unique = tuple(sorted({tuple(p) for p in phrases}))
        key = self._word_keys.get((attr, unique))
        if key is None:
            name = f"tonecheck.w{len(self._word_keys)}"
            key = self._word_keys[attr, unique] = self.pipeline.vocab.strings.add(name)
            self._word_key_ids.add(key)
            matcher = self._phrase_matchers.get(attr)
            if matcher is None:
                matcher = self._phrase_matchers[attr] = self._new_phrase_matcher(attr)
            matcher.add(name, [_word_values(self.pipeline.vocab, attr, p) for p in unique])
        return key

    def add_regexes(self, rule, regexes: list) -> None:
        """Search the doc's text for ``regexes`` (the rule's list of
        :class:`~.regex.Regex`): the rule runs on a doc where one matched and
        finds which in ``doc.user_data[REGEX_HITS_KEY]``."""
        for position, regex in enumerate(regexes):
            self._regexes.add(regex)
            self._regex_owners.append((rule.id, position))

    def finish(self) -> None:
        """Build what needs every rule registered first (the sifting of the
        regexes, the gates' screens), so that the first check does not pay for it."""
        self._regexes.compile()
        self._screens = {key: screen for key, gated in self._gate_keys.items()
                         if (screen := _screen(gated)) is not None}
        for key, patterns in self._gate_patterns.items():
            if len(patterns) > 1 and key not in self._merged:
                merged = self._new_matcher(False)  # each pattern was validated on its own
                for match_key, pattern in patterns:
                    merged.add(match_key, [pattern])
                self._merged[key] = merged

    def warm_up(self, texts) -> None:
        """Make the regex sifting's tests ready and run it over ``texts``
        (RE2 builds the automaton of its joined search lazily, state by
        state, as new text comes)."""
        self._regexes.make_ready()
        for text in texts:
            self._regexes.candidates(text)

    def __call__(self, doc):
        """Run the shared matchers over ``doc``: its hits, also left in its user_data."""
        return self.run([doc])[0]

    def run(self, docs: list) -> list[dict]:
        """Run the shared matchers over ``docs``, each matcher over all of
        them before the next: a matcher's tables then stay in the CPU's
        caches from one doc to the next (run reply by reply, with the rest of
        a check between two docs, RE2's automata cost three to four times as
        much). Returns each doc's hits, also left in its user_data."""
        all_hits: list[dict[str, list[tuple[int, int, int]]]] = [defaultdict(list) for _ in docs]
        if self._regex_owners:
            owners, candidates = self._regex_owners, self._regexes.candidates
            for doc, hits in zip(docs, all_hits):
                found_regexes: dict[str, list[int]] = {}
                for number in candidates(doc_text(doc)):
                    rule_id, position = owners[number]
                    found_regexes.setdefault(rule_id, []).append(position)
                    hits.setdefault(rule_id, [])  # so the rule runs on this doc
                doc.user_data[REGEX_HITS_KEY] = found_regexes
        keys, word_keys = self._keys, self._word_key_ids
        # per doc: pattern gate key -> where it was found
        founds: list[dict[int, list[int]]] = [{} for _ in docs]
        all_excepted: list[dict[str, list[tuple[int, int]]]] = [{} for _ in docs]
        for matcher in self._phrase_matchers.values():
            for doc, hits, found, excepted in zip(docs, all_hits, founds, all_excepted):
                for match_id, start, end in matcher(doc):
                    if match_id in word_keys:
                        found.setdefault(match_id, []).append(start)
                        continue
                    rule_id, group = keys[match_id]
                    if group == EXCEPTION_GROUP:
                        excepted.setdefault(rule_id, []).append((start, end))
                    else:
                        hits[rule_id].append((group, start, end))
        for matcher in self._always:
            for doc, hits in zip(docs, all_hits):
                for match_id, start, end in matcher(doc):
                    rule_id, group = keys[match_id]
                    hits[rule_id].append((group, start, end))
        for doc, hits, found, excepted in zip(docs, all_hits, founds, all_excepted):
            if found:
                self._gated(doc, found, hits)
            doc.user_data[HITS_KEY] = hits
            doc.user_data[EXCEPTIONS_KEY] = excepted
        return all_hits

    def _gated(self, doc, found: dict[int, list[int]], hits) -> None:
        """Run each pattern whose gate is in the doc on the stretches around
        the gate that a match could reach, where the pattern's other required
        words are too: every match holds the gate and those words, so none is
        lost, and the Matcher's cost is per token it reads."""
        keys, gate_keys, screens, n = self._keys, self._gate_keys, self._screens, len(doc)
        table = token_table(doc)
        for word, starts in found.items():
            gated = gate_keys[word]
            one = starts[0] if len(starts) == 1 else None
            screen = screens.get(word)
            if screen is not None:
                before, after, tests = screen
                lo = (one if one is not None else min(starts)) - before
                hi = (one if one is not None else max(starts)) + after + 1
                lo, hi = (lo if lo > 0 else 0), (hi if hi < n else n)
                for column, ids in tests:
                    if not ids.isdisjoint(table[column][lo:hi]):
                        break
                else:
                    continue  # no pattern under this gate has its first need near it
            runs = []  # (Matcher, windows) of each pattern whose words are near the gate
            for matcher, needs, before, after in gated:
                if one is not None and before is not None and after is not None:
                    lo, hi = one - before, one + after + 1  # the usual case, inline
                    windows = ((lo if lo > 0 else 0, hi if hi < n else n),)
                else:
                    windows = _windows(starts, before, after, n)
                near = []
                for lo, hi in windows:
                    for column, ids in needs:
                        if ids.isdisjoint(table[column][lo:hi]):
                            break
                    else:
                        near.append((lo, hi))
                if near:
                    runs.append((matcher, near))
            if len(runs) > 1:
                # The gate's patterns together, once over the stretches: each
                # match lies in its own pattern's stretch, and a pattern whose
                # words are not in a stretch finds nothing there.
                runs = [(self._merged[word], _merged([w for _, near in runs for w in near]))]
            for matcher, windows in runs:
                for lo, hi in windows:
                    for match_id, start, end in matcher(doc[lo:hi]):
                        rule_id, group = keys[match_id]
                        hits[rule_id].append((group, lo + start, lo + end))


def _screen(gated: list) -> tuple | None:
    """One test for all the patterns under a gate, most of which a doc
    that holds the gate does not hold the rest of: (before, after, tests),
    where ``before``/``after`` bound every pattern's stretch and ``tests``
    are (column, ids) with each pattern's first need merged by column. No
    id of a test in that stretch: none of the patterns can match. None
    where a pattern has no needs or no bound."""
    if any(not g.needs or g.before is None or g.after is None for g in gated):
        return None
    merged: dict[int, set[int]] = {}
    for g in gated:
        column, ids = g.needs[0]
        merged.setdefault(column, set()).update(ids)
    return (max(g.before for g in gated), max(g.after for g in gated),
            tuple((column, frozenset(ids)) for column, ids in merged.items()))


class _Gated(NamedTuple):
    """One token pattern's Matcher and what a doc must hold for it to be
    worth running, besides its gate: for each of ``needs`` (the number of
    a token-table column, ids; the rarest first), one of the ids in that
    column within the stretch a match can reach. ``before`` and ``after``:
    how many tokens a match can hold before and after the gate's first
    token (None: no bound). Unpacked as a plain tuple where it runs."""

    matcher: object
    needs: tuple
    before: int | None
    after: int | None


def _windows(starts: list[int], before: int | None, after: int | None, n: int
             ) -> list[tuple[int, int]]:
    """The token ranges a match can cover that holds the gate found at
    ``starts``, overlapping ones merged."""
    if before is None or after is None:
        return [(0, n)]
    return _merged([(max(0, s - before), min(n, s + after + 1)) for s in starts])


def _merged(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges, overlapping or touching ones joined."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(windows):
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _around(pattern, position: int) -> tuple[int | None, int | None]:
    """How many tokens a match of ``pattern`` can hold before and after the
    first token matched by the pattern's token at ``position`` (None if a
    token may repeat without bound). A token that repeats may do so on
    either side of the one found."""
    tops = [_top(token) for token in pattern]
    if None in tops:
        return None, None
    extra = tops[position] - 1
    return sum(tops[:position]) + extra, extra + sum(tops[position + 1:])


def _top(token) -> int | None:
    """The most tokens ``token`` can match (None: no bound)."""
    return op_bound(next((str(v) for k, v in token.items() if str(k).upper() == "OP"), "1"))


_PATTERN_NUMBER = re.compile(r"Pattern \d+:\s*")


_LITERAL_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM",
                  "LEMMA": "LEMMA"}
#: Where each attribute's words are looked up, past the gate: a token-table column.
_TABLE_COLUMNS = {"LOWER": "lower", "NORM": "norm", "LEMMA": "lemma"}
_REQUIRED_OP = re.compile(r"^(?:1|\+|\{[1-9]\d*(?:,\d*)?\})$")
_MAX_GATE_PHRASES = 64  # two-token gates with more word pairs than this are not tried

#: Only tokens whose words are in at least this share of replies are paired:
#: a rarer one gates well alone.
_PAIR_MIN_RATE = 0.05
#: Two adjacent words together, as a share of the rarer one's replies (the
#: median over the 265 commonest word pairs of the real replies is 0.39).
_PAIR_FACTOR = 0.3


def _rate(attr: str, words: list[str]) -> float:
    """About how many replies hold a token with one of ``words`` (as a share)."""
    table = word_rates()["lemma" if attr == "LEMMA" else "lower"]
    return min(1.0, sum(table.get(w.lower(), _RARE_RATE) for w in words))


def _rank(piece: tuple):
    """Rarest first: by the share of replies expected to hold the piece
    (ties: as listed)."""
    return piece[0]


def _pieces(required: list[tuple[int, str, list[str]]]) -> list[tuple]:
    """``required`` as (rate, attr, phrases, position in the pattern)
    pieces, each a test every match passes: two adjacent tokens of common
    words tested on the same attribute become one two-word piece (a pair
    of common words is far rarer than either), the others stay single.
    Rate: about what share of replies hold the piece (:func:`_rate`)."""
    pieces, paired = [], set()
    rates = [_rate(attr, words) for _pos, attr, words in required]
    for i, (pos, attr, words) in enumerate(required):
        if i in paired or rates[i] < _PAIR_MIN_RATE:
            continue
        for j, (pos2, attr2, words2) in enumerate(required):
            if j not in paired and pos2 == pos + 1 and attr2 == attr and rates[j] >= _PAIR_MIN_RATE \
                    and len(words) * len(words2) <= _MAX_GATE_PHRASES:
                paired.update((i, j))
                pieces.append((min(rates[i], rates[j]) * _PAIR_FACTOR, attr,
                               [[a, b] for a in words for b in words2], pos))
                break
    for i, (pos, attr, words) in enumerate(required):
        if i not in paired:
            pieces.append((rates[i], attr, [[w] for w in words], pos))
    return pieces


def _word_values(vocab, attr: str, words: list[str]) -> tuple[int, ...]:
    """The ``attr`` values (string hashes) tokens of ``words`` hold, as the
    phrase matcher and the token table compare them: LEMMA and NORM as
    given, LOWER lowercased, ORTH as written."""
    add = vocab.strings.add
    if attr == "LOWER":
        return shared_keys(add(w.lower()) for w in words)
    return shared_keys(add(w) for w in words)


def _required(pattern) -> list[tuple[int, str, list[str]]]:
    """The tokens ``pattern`` cannot match without, as (position in the
    pattern, attr, words) for each test of literal values; tokens with only
    other tests are left out."""
    out = []
    for pos, token in enumerate(pattern):
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
                out.append((pos, attr, [value]))
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) \
                    and value["IN"] and all(isinstance(w, str) for w in value["IN"]):
                out.append((pos, attr, value["IN"]))
    return out
