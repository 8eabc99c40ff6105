"""``extends: classifier``: a linear model over each sentence's words.

The phrase rules name wording one family at a time; a sentence can be
curt, scripted or defensive in words no family lists. A classifier rule
weighs every sentence with a logistic model whose weights ship as data
beside the rule file (``weights:``), fitted by ``benchmarks/fit_tone_model.py``
on hand-marked replies, and flags a sentence whose probability reaches
``threshold``. Each finding names the words that weighed most, and its span
runs over them, so it stays explained like any other rule's.

Features are counts read from the token table: each word's match key (its
lowercased lemma) and each pair of neighbouring words' keys, with the
sentence's edges as words of their own ("<s> no"). Handles, hashtags and
spaces are left out (they say who, not how); numbers and web addresses are
read as one stand-in each.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from itertools import accumulate, compress, repeat
from pathlib import Path

from ..errors import TonecheckError
from ..files import read_capped
from ..nlp import token_table
from .base import TEMPLATE_KEY, Field, Hit, Rule, bool_field, doc_text, int_field, str_field

FORMAT = "tonecheck-sentence-model/1"
START, END = "<s>", "</s>"
NUM, URL = "<num>", "<url>"
#: Word keys whose reading is kept (a few MB at most).
MAX_CACHED = 100_000
#: At most this many bytes of weights (the default pack's are about 0.4 MB).
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


def sentence_keys(strings, table, start: int, end: int) -> list[tuple[int, int]]:
    """(token, key) of the tokens of ``start:end`` the model reads: each
    token's lemma key as :func:`read_as` gives it, tokens read as 0 left out
    (so a handle or a space between two words leaves them neighbours)."""
    out = []
    for i in range(start, end):
        key = read_as(strings, table.lemma[i])
        if key:
            out.append((i, key))
    return out


def feature_counts(strings, keys: list[tuple[int, int]]) -> Counter:
    """Each feature of a sentence's :func:`sentence_keys` by name
    ("u:<lemma>", "b:<lemma> <lemma>"), with how often it occurs: what the
    fitting script learns from, and what the rule sums (on the keys)."""
    names = {key: name for name, key in _ids().items()}

    def name(key: int) -> str:
        return names.get(key) or strings[key]

    words = [name(key) for _i, key in keys]
    out: Counter = Counter("u:" + w for w in words)
    seq = [START, *words, END]
    out.update(f"b:{a} {b}" for a, b in zip(seq, seq[1:]))
    return out


class _Numbers:
    """The weights in a form summed fast. Each word the model weighs gets a
    small number (1 for any other word, 0 for a word not read), so a
    token's unigram weight is an index into a list and a pair is looked up
    by two small ints (a 64-bit key hashes slower); the pairs with a
    sentence's edges are lists indexed by the word's number."""

    OTHER = 1

    def __init__(self, unigrams: dict[int, float], bigrams: dict[tuple[int, int], float]):
        start, end = _ids()[START], _ids()[END]
        words = sorted(({k for pair in bigrams for k in pair} | set(unigrams)) - {start, end})
        self.numbers = {key: n for n, key in enumerate(words, 2)}
        size = len(words) + 2
        self.unigram = [0.0] * size
        for key, w in unigrams.items():
            if key in self.numbers:
                self.unigram[self.numbers[key]] = w
        self.opening = [0.0] * size
        self.closing = [0.0] * size
        self.pairs: dict[tuple[int, int], float] = {}
        for (a, b), w in bigrams.items():
            if a == start and b != end:
                self.opening[self.numbers[b]] = w
            elif b == end and a != start:
                self.closing[self.numbers[a]] = w
            elif a != start and b != end:
                self.pairs[(self.numbers[a], self.numbers[b])] = w

    def number(self, key: int) -> int:
        return self.numbers.get(key, self.OTHER)


class ClassifierRule(Rule):
    """Flags sentences a fitted linear model scores at or above ``threshold``.

    - ``weights``: a JSON file beside the rule file (``format``
      ``tonecheck-sentence-model/1``: ``bias``, ``unigrams`` by lemma and
      ``bigrams`` by "lemma lemma").
    - ``threshold``: the probability (0-1) at which a sentence is flagged.
    - ``explain``: how many of the words that weighed most the message names
      and the span covers (default 3).
    - ``templates``: whether saved replies checked as templates are weighed
      (default true; false for a model that, like the shipped one, was not
      found useful on macro libraries).
    The message's ``{words}`` is replaced by those words. A classifier rule
    defers to the other rules: its finding is dropped where it overlaps
    another rule's, so no words are flagged twice; and its findings do not
    enter the scores.
    """

    extends = "classifier"
    whole_text = True
    defers = True
    # A learned hunch, fitted to what leads mark and not to the scores'
    # labels: it neither costs points nor hides the words it covers from the
    # scores' markers.
    scored = False
    phrase_exceptions = False  # exceptions are words whose weight is ignored
    FIELDS = {"weights": Field(lambda v: str_field.check(v), "a file name (JSON weights)", True),
              "threshold": Field(_is_probability, "a number between 0 and 1", True),
              "explain": int_field,
              "templates": bool_field}

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.threshold = float(spec["threshold"])
        self.explain = max(1, spec.get("explain", 3))
        #: Whether saved replies read as templates (--templates) are weighed.
        self.templates = spec.get("templates", True)
        # The decision in log-odds: no exp() per sentence.
        self._cut = math.log(self.threshold / (1 - self.threshold))
        self.weights_path = self._resolve(spec["weights"])
        self._ignored = frozenset(e.lower() for e in self.exceptions)
        #: Per lemma key met so far: its word's number (0: not read; read_as).
        self._number: dict[int, int] = {}
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
            # A regular file only (a FIFO or device is refused unread), capped.
            raw = read_capped(path, MAX_WEIGHTS_BYTES, what="weights file")
        except TonecheckError as exc:
            raise self.error("weights", f"{path}: {exc.message}") from None
        try:
            data = json.loads(raw.decode("utf-8"))
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
        return float(data["bias"]), _Numbers(unigrams, bigrams)

    def warm(self) -> None:
        """Read the weights now (an unreadable file is an error naming it)."""
        if self._model is None:
            self._model = self._load()

    # -- matching ---------------------------------------------------------------
    def match(self, doc):
        if not len(doc) or (not self.templates and TEMPLATE_KEY in doc.user_data):
            return []
        if self._model is None:
            self.warm()
        bias, numbers = self._model
        table = token_table(doc)
        # Each token's word number, cached per lemma key; then every step is
        # a map, a filter, an index or a sum run in C, once for the reply.
        ids = list(map(self._number.get, table.lemma))
        if None in ids:
            strings = doc.vocab.strings
            ids = [n if n is not None else self._learn(strings, k) for n, k in zip(ids, table.lemma)]
        words = list(map(numbers.unigram.__getitem__, ids))
        kept = list(compress(ids, ids))  # the words read, in order
        pairs = list(map(numbers.pairs.get, zip(kept, kept[1:]), repeat(0.0)))
        bounds = [0, *accumulate(map(bool, ids))]  # words read before each token
        opening, closing, cut = numbers.opening, numbers.closing, self._cut
        starts = table.starts + [len(doc)]
        hits = []
        for s, e in zip(starts, starts[1:]):
            a, b = bounds[s], bounds[e]
            if a == b:
                continue
            z = (bias + sum(words[s:e]) + sum(pairs[a:b - 1])
                 + opening[kept[a]] + closing[kept[b - 1]])
            if z >= cut:
                read = [i for i in range(s, e) if ids[i]]
                hit = self._explained(doc, table, read, kept[a:b], s)
                if hit is not None:
                    hits.append(hit)
        return hits

    def _learn(self, strings, key: int) -> int:
        if len(self._number) >= MAX_CACHED:  # a service meets new numbers and addresses forever
            self._number.clear()
        read = read_as(strings, key)
        number = self._number[key] = self._model[1].number(read) if read else 0
        return number

    def _explained(self, doc, table, read: list[int], nums: list[int], s: int) -> Hit | None:
        """The hit for a flagged sentence (opening at token ``s``; ``read``:
        the tokens the model read in it, ``nums``: their words' numbers): its
        weightiest words, covered and named."""
        numbers = self._model[1]
        text = doc_text(doc)
        # Each feature with a positive weight, by its words' numbers, with the
        # first and last tokens it was read from.
        found: dict = {}
        for i, n in zip(read, nums):
            if numbers.unigram[n] > 0:
                found.setdefault(("u", n), (numbers.unigram[n], i, i))
        last = len(read) - 1
        pairs = [(("<s>", nums[0]), numbers.opening[nums[0]], 0, 0)]
        pairs += [((nums[k - 1], nums[k]), numbers.pairs.get((nums[k - 1], nums[k]), 0.0), k - 1, k)
                  for k in range(1, len(read))]
        pairs.append(((nums[last], "</s>"), numbers.closing[nums[last]], last, last))
        for pair, w, a, b in pairs:
            if w > 0:
                found.setdefault(("b", pair), (w, read[a], read[b]))
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

    @property
    def doc_message(self) -> str:
        return self.message.replace("{words}", "the words that weighed most")


def _whole_words(text: str, idx, length, sentence: int, first: int, last: int) -> tuple[int, int]:
    """The characters of tokens ``first``-``last`` as words: a contraction's
    second half takes its first ("'m afraid" -> "I'm afraid"), and the
    punctuation and spaces around them are left out ("not us." -> "not us",
    a pair ", the" -> "the")."""
    if first > sentence and text[idx[first]:idx[first] + 1] in "'n" and \
            text[idx[first]:idx[first] + length[first]].lower() in _CLITICS:
        first -= 1
    a, b = idx[first], idx[last] + length[last]
    while b - a > 1 and (text[b - 1] in _EDGE_PUNCT or text[b - 1].isspace()):
        b -= 1
    while b - a > 1 and (text[a] in _EDGE_PUNCT or text[a].isspace()):
        a += 1
    return a, b


_CLITICS = frozenset("'m 're 's 've 'd 'll n't".split())
_EDGE_PUNCT = frozenset(".,;:!?")

#: Words in at least this share of real replies name little on their own.
COMMON_SHARE = 0.2


@lru_cache(maxsize=1)
def _common_lemmas() -> frozenset[int]:
    from spacy.strings import get_string_id

    from .rates import word_rates

    return frozenset(get_string_id(w) for w, share in word_rates()["lemma"].items()
                     if share >= COMMON_SHARE)


@lru_cache(maxsize=1)
def _ids() -> dict[str, int]:
    """The keys of the stand-ins (spaCy is imported when first needed)."""
    from spacy.strings import get_string_id

    return {name: get_string_id(name) for name in (START, END, NUM, URL)}

