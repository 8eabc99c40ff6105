"""The spaCy pipeline, built once per process.

By default it is offline and small: ``spacy.blank("en")``, sentence
boundaries (at sentence punctuation and at line breaks) and a lookup lemma
table from spacy-lookups-data. A trained pipeline is used when one is
installed and named. Either way the last component rewrites ``LEMMA`` into
tonecheck's match key, the lowercased lookup lemma of ``NORM``, so that
"I didn't know", "I dont know" and "I don’t know" all read "i do not know".
"""
from __future__ import annotations

import warnings
from functools import lru_cache

# Same-length replacements only, so offsets into the normalised text are
# offsets into the original.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})

# Lookup-table entries that would make phrase matching surprising.
_LEMMA_OVERRIDES = {"'s": "'s", "better": "better", "best": "best", "data": "data"}


def normalise(text: str) -> str:
    """Text as the pipeline sees it (curly apostrophes made straight)."""
    return text.translate(_APOSTROPHES)


class Pipeline:
    """A loaded spaCy ``Language`` plus what tonecheck knows about it."""

    def __init__(self, nlp, *, trained: bool, name: str, notices: tuple[str, ...] = ()):
        self.nlp = nlp
        self.trained = trained
        self.name = name
        self.notices = notices
        self.vocab = nlp.vocab

    def _assigns(self) -> set[str]:
        out: set[str] = set()
        for name in self.nlp.pipe_names:
            out.update(self.nlp.get_pipe_meta(name).assigns)
            if self.nlp.get_pipe_meta(name).factory == "attribute_ruler":
                out.add("token.pos")  # maps tags (or words) to POS without declaring it
        return out

    @property
    def has_tagger(self) -> bool:
        return self.trained and bool(self._assigns() & {"token.pos", "token.tag", "token.morph"})

    @property
    def has_parser(self) -> bool:
        return self.trained and "token.dep" in self._assigns()

    def pipe(self, texts, batch_size: int = 256):
        return self.nlp.pipe((normalise(t) for t in texts), batch_size=batch_size)

    def make_doc(self, text: str):
        """A fully processed doc for one short text (rule patterns, examples)."""
        return self.nlp(normalise(text))

    def phrase_docs(self, texts):
        """Docs for PhraseMatcher patterns: the tokenizer plus the match-key
        component only. Phrase matching compares LEMMA/NORM/LOWER, which no
        other component changes, so this equals ``make_doc`` for patterns and
        skips sentence boundaries (and a trained model's tagger/parser) per phrase."""
        keys = self.nlp.get_pipe("tonecheck_keys")
        return [keys(doc) for doc in self.nlp.tokenizer.pipe(normalise(t) for t in texts)]


def _lemma_table() -> dict[str, str]:
    """spacy-lookups-data's English lemma lookup table as a plain dict.

    Read straight from the package's gzipped JSON (~20 ms); going through
    ``spacy.lookups.load_lookups`` gives the same mapping but costs ~90 ms of
    start-up (entry-point discovery and hashing every key into a ``Table``)."""
    import gzip
    import json
    import os

    try:
        import spacy_lookups_data

        path = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data",
                            "en_lemma_lookup.json.gz")
        with gzip.open(path, "rb") as fh:
            return json.loads(fh.read())
    except (ImportError, OSError, ValueError):
        from spacy.lookups import load_lookups

        return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def _register_components() -> None:
    from spacy.language import Language

    if "tonecheck_keys" in Language.factories:
        return

    @Language.factory("tonecheck_keys")
    def make_keys(nlp, name):  # noqa: ARG001 - spaCy's factory signature
        return MatchKeys(nlp.vocab, _lemma_table())


_NOT_START = 2**64 - 1  # spaCy's -1 ("not a sentence start") in a uint64 array


class MatchKeys:
    """Sets each token's LEMMA to the lowercased lookup lemma of its NORM and,
    unless a parser has done it, sets sentence starts: after sentence-final
    punctuation (the rule of spaCy's Sentencizer) and after a line break.

    Everything is read and written as whole arrays: creating a Token object
    per token costs more than the work itself.
    """

    def __init__(self, vocab, table):
        import numpy
        from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, NORM, SENT_START
        from spacy.pipeline.sentencizer import Sentencizer

        self.strings = vocab.strings
        self.table = table
        self.cache: dict[int, int] = {}  # NORM hash -> LEMMA hash
        self._np = numpy
        # Sentence-final punctuation as a lexeme flag: computed once per word
        # type, then read with the other token attributes in one array.
        enders = frozenset(Sentencizer.default_punct_chars)
        is_ender = vocab.add_flag(lambda text: text in enders)
        self._read = [NORM, IS_SPACE, IS_PUNCT, is_ender]
        self._lemma, self._lemma_and_start = [LEMMA], [LEMMA, SENT_START]

    def _key(self, norm_hash: int) -> int:
        norm = self.strings[norm_hash].lower()
        lemma = _LEMMA_OVERRIDES.get(norm) or self.table.get(norm) or norm
        key = self.strings.add(lemma.lower())
        self.cache[norm_hash] = key
        return key

    def __call__(self, doc):
        if not len(doc):
            return doc
        np = self._np
        get, key = self.cache.get, self._key
        rows = doc.to_array(self._read).tolist()
        lemmas = [get(r[0]) or key(r[0]) for r in rows]
        if doc.has_annotation("SENT_START"):  # a parser or senter has set them
            doc.from_array(self._lemma, np.array(lemmas, dtype=np.uint64).reshape(-1, 1))
        else:
            starts = self._sentence_starts(doc, rows)
            doc.from_array(self._lemma_and_start,
                           np.array([lemmas, starts], dtype=np.uint64).T)
        return doc

    @staticmethod
    def _sentence_starts(doc, rows) -> list[int]:
        """1 for a token that opens a sentence, -1 (as uint64) otherwise.

        A token opens one when it is the first, when it is not punctuation and
        sentence-final punctuation came since the last opener (spaCy's
        Sentencizer rule), or when it follows a line break that ends a line
        of its own (see :func:`_breaks_sentence`). A plain loop is faster
        than numpy on reply-sized arrays."""
        starts = [_NOT_START] * len(rows)
        starts[0] = 1
        seen_end = False
        last = len(rows) - 1
        for i, (_norm, space, punct, ender) in enumerate(rows):
            if ender:
                seen_end = True
            elif seen_end and not punct:
                starts[i] = 1
                seen_end = False
            if space and i < last and "\n" in doc[i].text and _breaks_sentence(doc, rows, i):
                starts[i + 1] = 1
        return starts


def _breaks_sentence(doc, rows, i: int) -> bool:
    """Whether the line break at token ``i`` ends a sentence: a blank line
    does, and so does a break after punctuation ("Hi Maria,") or before a
    capital, digit or bullet ("Thanks" / "Sam"). A hard-wrapped line that
    runs on in lower case ("we will" / "fix it") does not."""
    if doc[i].text.count("\n") > 1 or i == 0 or rows[i - 1][2]:
        return True
    first = doc[i + 1].text[:1]
    return not first.isalpha() or first.isupper()


def _add_shouted_contractions(tokenizer) -> None:
    """spaCy splits "don't" and "Don't" but not "DON'T"; teach it the
    capitalised forms so shouted contractions match like any other."""
    from spacy.symbols import NORM, ORTH

    rules = tokenizer.rules
    for orth, pieces in list(rules.items()):
        upper = orth.upper()
        if len(pieces) < 2 or upper == orth or upper in rules:
            continue
        if "'" not in orth and pieces[-1][ORTH].lower() != "nt":
            continue
        tokenizer.add_special_case(upper, [
            {ORTH: p[ORTH].upper(), NORM: p.get(NORM, p[ORTH].lower())} for p in pieces])


def _blank():
    import spacy

    nlp = spacy.blank("en")
    _add_shouted_contractions(nlp.tokenizer)
    nlp.add_pipe("tonecheck_keys")
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Pipeline:
    """The pipeline for ``model`` (a spaCy package name or path), or the
    offline default when ``model`` is None. A named model that is not
    installed falls back to the default with a notice."""
    _register_components()
    if not model:
        return Pipeline(_blank(), trained=False, name="blank:en")
    import spacy

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nlp = spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        notice = (f"spaCy pipeline {model!r} could not be loaded ({first[:120]}); "
                  "using the offline default")
        return Pipeline(_blank(), trained=False, name="blank:en", notices=(notice,))
    except Exception as exc:  # noqa: BLE001 - an installed package that is no pipeline
        nlp = exc
    from spacy.language import Language

    if not isinstance(nlp, Language):
        from .errors import TonecheckError

        why = f"{type(nlp).__name__}: {str(nlp).splitlines()[0][:120] if str(nlp) else ''}"
        raise TonecheckError(f"--model {model!r} is installed but is not a spaCy pipeline "
                             f"({why.rstrip(': ')})")
    nlp.add_pipe("tonecheck_keys", last=True)
    return Pipeline(nlp, trained=True, name=model)
