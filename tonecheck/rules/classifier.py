"""``extends: classifier``: a linear model over each sentence's words.

The phrase rules name wording one family at a time; a sentence can be
curt, scripted or defensive in words no family lists. A classifier rule
weighs every sentence with a logistic model whose weights ship as data
beside the rule file (``weights:``), fitted by ``benchmarks/fit_tone_model.py``
on hand-marked replies, and flags a sentence whose probability reaches
``threshold``. Each finding names the words that weighed most, and its span
runs over them, so it stays explained like any other rule's.

Features are binary and read from the token table: the match key (the
lowercased lemma) of each word, and each pair of neighbouring words in lower
case, with the sentence's edges as words of their own ("<s> no"). Handles
and hashtags are left out (they say who, not how); numbers and web
addresses are read as one stand-in each.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from .base import Field, Hit, Rule, int_field, str_field

FORMAT = "tonecheck-sentence-model/1"
START, END = "<s>", "</s>"
NUM, URL = "<num>", "<url>"
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


def sentence_keys(table, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(token, lemma key, lowercase key) of each token of ``start:end`` that
    the model reads: not spaces nor skipped words (:func:`word_class`)."""
    idx, length, space, lemma, lower = table.idx, table.length, table.space, table.lemma, table.lower
    ids = _ids()
    out = []
    for i in range(start, end):
        if space[i]:
            continue
        kind = word_class(text[idx[i]:idx[i] + length[i]])
        if kind is None:
            out.append((i, lemma[i], lower[i]))
        elif kind:
            out.append((i, ids[kind], ids[kind]))
    return out


def feature_names(strings, keys: list[tuple[int, int, int]]) -> dict[str, tuple[int, int]]:
    """Each feature of a sentence's :func:`sentence_keys` by name
    ("u:<lemma>", "b:<lower> <lower>"), with the first and last tokens it
    was read from (for the fitting script; the rule works on the keys)."""
    names = {key: name for name, key in _ids().items()}

    def name(key: int) -> str:
        return names.get(key) or strings[key]

    out: dict[str, tuple[int, int]] = {}
    for i, lem, _low in keys:
        out.setdefault("u:" + name(lem), (i, i))
    seq = [(-1, START)] + [(i, name(low)) for i, _lem, low in keys] + [(-1, END)]
    for (i, a), (j, b) in zip(seq, seq[1:]):
        out.setdefault(f"b:{a} {b}", (i if i >= 0 else j, j if j >= 0 else i))
    return out


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
        return float(data["bias"]), unigrams, bigrams

    def warm(self) -> None:
        """Read the weights now (an unreadable file is an error naming it)."""
        if self._model is None:
            self._model = self._load()

    # -- matching ---------------------------------------------------------------
    def match(self, doc):
        from ..nlp import token_table
        from .base import doc_text

        if not len(doc):
            return []
        self.warm()
        bias, unigrams, bigrams = self._model
        table = token_table(doc)
        text = doc_text(doc)
        idx, length, punct, lemma = table.idx, table.length, table.punct, table.lemma
        starts = table.starts + [len(doc)]
        start_id, end_id = _ids()[START], _ids()[END]
        hits = []
        for s, e in zip(starts, starts[1:]):
            keys = sentence_keys(table, text, s, e)
            if not keys:
                continue
            # Binary features: each counts once in a sentence.
            found: dict = {}
            for i, lem, _low in keys:
                w = unigrams.get(lem)
                if w is not None:
                    found.setdefault(("u", lem), (w, i, i))
            seq = [start_id] + [low for _i, _lem, low in keys] + [end_id]
            for k in range(len(seq) - 1):
                w = bigrams.get((seq[k], seq[k + 1]))
                if w is not None:
                    first = keys[k - 1][0] if k else keys[0][0]
                    last = keys[k][0] if k < len(keys) else keys[-1][0]
                    found.setdefault(("b", seq[k], seq[k + 1]), (w, first, last))
            z = bias + sum(v[0] for v in found.values())
            if z < self._cut:
                continue
            # Named and covered: the weightiest words. A stop or a comma on
            # its own weighs but names nothing, and a word in most replies
            # ("you", "be") names little: named only if nothing else is.
            ranked = sorted((v for key, v in found.items()
                             if v[0] > 0 and not (punct[v[1]] and punct[v[2]])),
                            key=lambda v: -v[0])
            common = _common_lemmas()
            top = [v for v in ranked if v[1] != v[2] or lemma[v[1]] not in common][:self.explain]
            top = top or ranked[:1]
            if not top:
                continue
            spans = [_whole_words(text, idx, length, s, a, b) for _w, a, b in top]
            names = ", ".join(dict.fromkeys(f'"{text[a:b]}"' for a, b in spans))
            hits.append(Hit(min(a for a, _b in spans), max(b for _a, b in spans), detail=names))
        return hits

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

