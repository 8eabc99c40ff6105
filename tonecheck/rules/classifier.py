"""``extends: classifier``: a linear model over each sentence's words.

The phrase rules name wording one family at a time; a sentence can be
curt, scripted or defensive in words no family lists. A classifier rule
weighs every sentence with a logistic model whose weights ship as data
beside the rule file (``weights:``), fitted by ``benchmarks/fit_tone_model.py``
on hand-marked replies, and flags a sentence whose probability reaches
``threshold``. Each finding names the words that weighed most, and its span
runs over them, so it stays explained like any other rule's.

Features are counts read from the token table: the match key (the
lowercased lemma) of each word, and each pair of neighbouring words in lower
case, with the sentence's edges as words of their own ("<s> no"). Handles
and hashtags are left out (they say who, not how); numbers and web
addresses are read as one stand-in each.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from itertools import accumulate, compress, repeat
from pathlib import Path

from ..nlp import token_table
from .base import Field, Hit, Rule, doc_text, int_field, str_field

FORMAT = "tonecheck-sentence-model/1"
START, END = "<s>", "</s>"
NUM, URL = "<num>", "<url>"
#: Word keys whose reading is kept (a few MB at most).
MAX_CACHED = 100_000
#: At most this many bytes of weights (the default pack's are about 0.5 MB).
MAX_WEIGHTS_BYTES = 16 * 1024 * 1024


def _is_probability(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v < 1


def word_class(word: str) -> str | None:
    """What the model reads a token as: "" to skip it (a handle or hashtag
    says who, not how), a stand-in for a number ("<num>": "by 5 pm" is a
    definite time, whatever the time) or a web address ("<url>"), or None
    for the word itself. A masked template variable reads as what it masks."""
    first = word[:1]
    if first in ("@", "#"):
        return ""
    if first.isdigit():
        return NUM
    if word.startswith(("http", "www.")) or ("/" in word and "." in word):
        return URL
    return None


def read_as(strings, key: int) -> int:
    """The key the model reads a word's key as: 0 for a space or a skipped
    word, a stand-in's key, or the key itself (:func:`word_class`)."""
    word = strings[key]
    kind = "" if word.isspace() else word_class(word)
    return key if kind is None else _ids()[kind] if kind else 0


def sentence_keys(strings, table, start: int, end: int) -> list[tuple[int, int, int]]:
    """(token, lemma key, lowercase key) of the tokens of ``start:end``, as
    the model reads them (:func:`read_as`; tokens read as 0 twice left out).
    A token's unigram is its lemma key; the pairs run over the tokens whose
    lowercase key is not 0, so a handle or a space between two words leaves
    them neighbours."""
    out = []
    for i in range(start, end):
        lemma, lower = read_as(strings, table.lemma[i]), read_as(strings, table.lower[i])
        if lemma or lower:
            out.append((i, lemma, lower))
    return out


def _pairs(keys: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """(token, lowercase key) of the keys in the pair sequence."""
    return [(i, low) for i, _lem, low in keys if low]


def feature_counts(strings, keys: list[tuple[int, int, int]]) -> Counter:
    """Each feature of a sentence's :func:`sentence_keys` by name
    ("u:<lemma>", "b:<lower> <lower>"), with how often it occurs: what the
    fitting script learns from, and what the rule sums (on the keys)."""
    names = {key: name for name, key in _ids().items()}

    def name(key: int) -> str:
        return names.get(key) or strings[key]

    out: Counter = Counter("u:" + name(lem) for _i, lem, _low in keys if lem)
    seq = [START] + [name(low) for _i, low in _pairs(keys)] + [END]
    out.update(f"b:{a} {b}" for a, b in zip(seq, seq[1:]))
    return out


class _PairTable:
    """The bigram weights in a form summed fast: each word that occurs in a
    bigram gets a small number (1 for every other word, 0 for none), pairs
    are looked up by their numbers (small ints hash fast; a 64-bit key does
    not), and the pairs with a sentence's edges are lists indexed by the
    word's number."""

    OTHER = 1

    def __init__(self, bigrams: dict[tuple[int, int], float]):
        start, end = _ids()[START], _ids()[END]
        words = sorted({k for pair in bigrams for k in pair} - {start, end})
        self.numbers = {key: n for n, key in enumerate(words, 2)}
        self.size = len(words) + 2
        self.opening = [0.0] * self.size
        self.closing = [0.0] * self.size
        self.weights: dict[tuple[int, int], float] = {}
        for (a, b), w in bigrams.items():
            if a == start and b != end:
                self.opening[self.numbers[b]] = w
            elif b == end and a != start:
                self.closing[self.numbers[a]] = w
            elif a != start and b != end:
                self.weights[(self.numbers[a], self.numbers[b])] = w

    def number(self, key: int) -> int:
        return self.numbers.get(key, self.OTHER)


class ClassifierRule(Rule):
    """Flags sentences a fitted linear model scores at or above ``threshold``.

    - ``weights``: a JSON file beside the rule file (``format``
      ``tonecheck-sentence-model/1``: ``bias``, ``unigrams`` by lemma and
      ``bigrams`` by "word word").
    - ``threshold``: the probability (0-1) at which a sentence is flagged.
    - ``explain``: how many of the words that weighed most the message names
      and the span covers (default 3).
    The message's ``{words}`` is replaced by those words. A classifier rule
    defers to the other rules: its finding is dropped where it overlaps
    another rule's, so no words are flagged twice.
    """

    extends = "classifier"
    whole_text = True
    defers = True
    phrase_exceptions = False  # exceptions are words whose weight is ignored
    FIELDS = {"weights": Field(lambda v: str_field.check(v), "a file name (JSON weights)", True),
              "threshold": Field(_is_probability, "a number between 0 and 1", True),
              "explain": int_field}

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.threshold = float(spec["threshold"])
        self.explain = max(1, spec.get("explain", 3))
        # The decision in log-odds: no exp() per sentence.
        self._cut = math.log(self.threshold / (1 - self.threshold))
        self.weights_path = self._resolve(spec["weights"])
        self._ignored = frozenset(e.lower() for e in self.exceptions)
        #: Per lemma key met so far: its unigram weight (as read, :func:`read_as`).
        self._weight: dict[int, float] = {}
        #: Per lowercase key met so far: its number in the pair table (0: skipped).
        self._word_id: dict[int, int] = {}
        # The shipped pack's weights are read when the linter warms up or on
        # first use; any other pack's now, so a broken file fails at load.
        self._model = None if self.bundled else self._load()

    def _resolve(self, name: str) -> Path:
        path = Path(name)
        if not path.is_absolute() and self.source not in ("<memory>", "config"):
            path = Path(self.source).parent / path
        return path

    # -- the weights ------------------------------------------------------------
    def _load(self):
        from spacy.strings import get_string_id

        path = self.weights_path
        try:
            if path.stat().st_size > MAX_WEIGHTS_BYTES:
                raise self.error("weights", f"{path} is larger than {MAX_WEIGHTS_BYTES} bytes")
            data = json.loads(path.read_bytes().decode("utf-8"))
        except OSError as exc:
            raise self.error("weights", f"cannot read {path}: {exc.strerror or exc}") from None
        except (UnicodeDecodeError, ValueError) as exc:
            raise self.error("weights", f"{path} is not a JSON file: {exc}") from None
        if not (isinstance(data, dict) and data.get("format") == FORMAT
                and isinstance(data.get("bias"), (int, float))
                and all(isinstance(data.get(k), dict) and all(
                    isinstance(w, (int, float)) and not isinstance(w, bool)
                    for w in data[k].values()) for k in ("unigrams", "bigrams"))):
            raise self.error("weights", f"{path} is not a {FORMAT} file (bias, unigrams and "
                                        "bigrams of numbers)")
        ignored = self._ignored
        unigrams = {get_string_id(k): float(w) for k, w in data["unigrams"].items()
                    if k not in ignored}
        bigrams = {}
        for key, w in data["bigrams"].items():
            a, _, b = key.partition(" ")
            if not b or a in ignored or b in ignored:
                continue
            bigrams[(get_string_id(a), get_string_id(b))] = float(w)
        return float(data["bias"]), unigrams, bigrams, _PairTable(bigrams)

    def warm(self) -> None:
        """Read the weights now (an unreadable file is an error naming it)."""
        if self._model is None:
            self._model = self._load()

    # -- matching ---------------------------------------------------------------
    def match(self, doc):
        if not len(doc):
            return []
        if self._model is None:
            self.warm()
        bias, _unigrams, _bigrams, table_ = self._model
        table = token_table(doc)
        strings = doc.vocab.strings
        # Each token's unigram weight and its word's number in the pair table,
        # cached per key; then every step is a map, a filter, an index or a
        # sum run in C, once for the reply.
        words = list(map(self._weight.get, table.lemma))
        if None in words:
            words = [w if w is not None else self._learn_weight(strings, k)
                     for w, k in zip(words, table.lemma)]
        ids = list(map(self._word_id.get, table.lower))
        if None in ids:
            ids = [i if i is not None else self._learn_id(strings, k)
                   for i, k in zip(ids, table.lower)]
        kept = list(compress(ids, ids))  # the pair sequence: skipped words left out
        pairs = list(map(table_.weights.get, zip(kept, kept[1:]), repeat(0.0)))
        bounds = [0, *accumulate(map(bool, ids))]  # pair-sequence words before each token
        opening, closing, cut = table_.opening, table_.closing, self._cut
        starts = table.starts + [len(doc)]
        hits = []
        for s, e in zip(starts, starts[1:]):
            a, b = bounds[s], bounds[e]
            if a == b:
                continue
            z = (bias + sum(words[s:e]) + sum(pairs[a:b - 1])
                 + opening[kept[a]] + closing[kept[b - 1]])
            if z >= cut:
                hit = self._explained(doc, table, sentence_keys(strings, table, s, e), s)
                if hit is not None:
                    hits.append(hit)
        return hits

    def _learn_weight(self, strings, key: int) -> float:
        if len(self._weight) >= MAX_CACHED:  # a service meets new numbers and addresses forever
            self._weight.clear()
        weight = self._weight[key] = self._model[1].get(read_as(strings, key), 0.0)
        return weight

    def _learn_id(self, strings, key: int) -> int:
        if len(self._word_id) >= MAX_CACHED:
            self._word_id.clear()
        read = read_as(strings, key)
        number = self._word_id[key] = self._model[3].number(read) if read else 0
        return number

    def _explained(self, doc, table, keys: list[tuple[int, int, int]], s: int) -> Hit | None:
        """The hit for a flagged sentence (opening at token ``s``; its
        :func:`sentence_keys`): its weightiest words, covered and named."""
        _bias, unigrams, bigrams, _pairs_table = self._model
        text = doc_text(doc)
        ids = _ids()
        found: dict = {}
        for i, lem, _low in keys:
            w = unigrams.get(lem) if lem else None
            if w is not None:
                found.setdefault(("u", lem), (w, i, i))
        read = _pairs(keys)
        seq = [ids[START]] + [low for _i, low in read] + [ids[END]]
        for k in range(len(seq) - 1):
            w = bigrams.get((seq[k], seq[k + 1]))
            if w is not None:
                first = read[k - 1][0] if k else read[0][0]
                last = read[k][0] if k < len(read) else read[-1][0]
                found.setdefault(("b", seq[k], seq[k + 1]), (w, first, last))
        # Named and covered: the weightiest words. A stop or a comma on its
        # own weighs but names nothing, and a word in most replies ("you",
        # "be") names little: named only if nothing else is.
        punct, lemma = table.punct, table.lemma
        ranked = sorted((v for v in found.values()
                         if v[0] > 0 and not (punct[v[1]] and punct[v[2]])), key=lambda v: -v[0])
        common = _common_lemmas()
        top = [v for v in ranked if v[1] != v[2] or lemma[v[1]] not in common][:self.explain]
        top = top or ranked[:1]
        if not top:
            return None
        spans = [_whole_words(text, table.idx, table.length, s, a, b) for _w, a, b in top]
        names = ", ".join(dict.fromkeys(f'"{text[a:b]}"' for a, b in spans))
        return Hit(min(a for a, _b in spans), max(b for _a, b in spans), detail=names)

    def format_message(self, matched: str, excused: bool = False, detail: str = "") -> str:
        return super().format_message(matched, excused).replace("{words}", detail)


def _whole_words(text: str, idx, length, sentence: int, first: int, last: int) -> tuple[int, int]:
    """The characters of tokens ``first``-``last`` as words: a contraction's
    second half takes its first ("'m afraid" -> "I'm afraid"), and the
    punctuation around them is left out ("not us." -> "not us")."""
    if first > sentence and text[idx[first]:idx[first] + 1] in "'n" and \
            text[idx[first]:idx[first] + length[first]].lower() in _CLITICS:
        first -= 1
    a, b = idx[first], idx[last] + length[last]
    while b - a > 1 and text[b - 1] in _EDGE_PUNCT:
        b -= 1
    while b - a > 1 and text[a] in _EDGE_PUNCT:
        a += 1
    return a, b


_CLITICS = frozenset("'m 're 's 've 'd 'll n't".split())
_EDGE_PUNCT = frozenset(".,;:!?")

#: Words in at least this share of real replies name little on their own.
COMMON_SHARE = 0.2


@lru_cache(maxsize=1)
def _common_lemmas() -> frozenset[int]:
    from spacy.strings import get_string_id

    from .index import word_rates

    return frozenset(get_string_id(w) for w, share in word_rates()["lemma"].items()
                     if share >= COMMON_SHARE)


@lru_cache(maxsize=1)
def _ids() -> dict[str, int]:
    """The keys of the stand-ins (spaCy is imported when first needed)."""
    from spacy.strings import get_string_id

    return {name: get_string_id(name) for name in (START, END, NUM, URL)}

