"""The spaCy pipeline, built once per process.

By default it is offline and small: ``spacy.blank("en")``, sentence
boundaries (at sentence punctuation and at line breaks) and a lookup lemma
table from spacy-lookups-data. A trained pipeline is used when one is
installed and named. Either way the last component rewrites ``LEMMA`` into
tonecheck's match key, the lowercased lookup lemma of ``NORM``, so that
"I didn't know", "I dont know" and "I don’t know" all read "i do not know".
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
import warnings
from functools import cached_property, lru_cache
from itertools import compress
from typing import NamedTuple

from .positions import ChainedOffsets, OffsetMap

#: Lookup-table lemmas replaced where they would make words match that mean
#: different things ("worse" -> "wrong", "best" -> "well") or are plain
#: errors ("does" -> "doe").
_LEMMA_OVERRIDES = {"'s": "'s", "better": "better", "best": "best", "worse": "worse",
                    "worst": "worst", "data": "data", "does": "do"}

#: Read as an apostrophe: curly quotes, the modifier letter, the prime, and
#: the acute accent that Spanish and German keyboards give ("don´t").
_APOSTROPHES = frozenset("\u2019\u2018\u02bc\u2032\u00b4")
#: A backtick typed for an apostrophe ("can`t"): between a letter and a
#: contraction's ending only, since Markdown code spans use it too.
_BACKTICK_APOSTROPHE = re.compile(r"(?<=[A-Za-z])`(?=(?:t|s|re|ve|ll|d|m)\b)", re.IGNORECASE)
#: A negative contraction typed without its apostrophe ("dont", "cant",
#: "isnt"): the apostrophe goes back in, before the "t", so that a pack's
#: regexes, written with "n't", read it as well. Only these: "were",
#: "well", "its" and "ill" are words of their own. The match is the "n"
#: alone and the word before it a look behind (one per word length): a
#: pattern that starts with a letter is searched for ten times faster than
#: one that starts at a word boundary.
_NO_APOSTROPHE = re.compile(
    r"n(?=t\b)(?:(?<=\b(?:do|is|ca|wo|ai)n)|(?<=\b(?:did|are|was|has|had)n)"
    r"|(?<=\b(?:does|were|have|must|need)n)|(?<=\b(?:could|would)n)|(?<=\bshouldn))",
    re.IGNORECASE)
_LINE_SEPARATORS = frozenset("\u2028\u2029\x85")
_LONE_CR = re.compile(r"\r(?!\n)")
#: Control characters that are not whitespace (NUL, backspace, escape, DEL, C1
#: controls): not letters, so they separate words like a space.
_CONTROLS = frozenset(chr(c) for c in [*range(0x00, 0x09), *range(0x0e, 0x1c), *range(0x7f, 0xa0)]
                      if chr(c) not in _LINE_SEPARATORS)
#: An ASCII text without these reads as it is (bar lone carriage returns).
_ASCII_TO_FOLD = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\r]")
#: Gaps between two words that spaCy would keep as tokens of their own, so
#: that no phrase pattern matches across them: a run of spaces or a tab
#: inside a line ("as I  said"), and a hard-wrapped line break whose next
#: line runs on in lower case ("we apologize for any" / "inconvenience").
#: Each reads as one space. A break after punctuation or before a capital
#: stays (it may end a greeting or a sentence; see :func:`_breaks_sentence`).
_GAPS = re.compile(r"(?=[ \t\r\n])(?<=\S)(?: {2,}|[ \t]*\t[ \t]*|(?<=[^\W_])[ \t]*\r?\n[ \t]*(?=[a-z]))(?=\S)")


def _replacement(char: str) -> str:
    """What one character becomes for matching (see :func:`normalise`)."""
    if char in _CONTROLS:
        return " "
    if char.isascii():
        return char
    if char in _APOSTROPHES:
        return "'"
    if char in _LINE_SEPARATORS:
        return "\n"
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    if category == "Cf":
        return ""
    if category == "Cs":  # a lone surrogate: no text to match, and spaCy cannot encode it
        return "\ufffd"
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1 and not category.startswith("L"):
        # "…" -> "...", "½" -> "1⁄2", "™" -> "TM": no wording hides in these,
        # and keeping them whole keeps most replies on the same-length path.
        return char
    return folded


class _Table(dict):
    """``str.translate`` table, filled in as characters are first seen."""

    def __missing__(self, code: int) -> str:
        if len(self) > _TABLE_LIMIT:  # a text of every code point: stay bounded
            self.clear()
        out = self[code] = _replacement(chr(code))
        return out


class _WidthTable(dict):
    """Maps each character that normalises to exactly one character to
    nothing and every other to itself: translating a text with it leaves
    only the characters that change the text's length."""

    def __missing__(self, code: int) -> str | None:
        if len(self) > _TABLE_LIMIT:
            self.clear()
        out = self[code] = None if len(_TABLE[code]) == 1 else chr(code)
        return out


_TABLE_LIMIT = 50_000
_TABLE = _Table()
_WIDTH = _WidthTable()


def normalise(text: str) -> str:
    """Text as the rules see it: compatibility forms folded (NFKC, so
    fullwidth or styled letters read as plain ones), every Unicode space a
    space, U+2028/U+2029 a line break, a lone carriage return a line break,
    curly apostrophes (and "´", and "`" inside a contraction) straight,
    control characters (NUL, escape, DEL) a space, invisible format
    characters (zero-width space and joiners, soft hyphen, word joiner, BOM,
    bidi marks) dropped, and a gap inside a line or a hard wrap one space
    (see :data:`_GAPS`).
    "no\u00a0problem", "ｎｏ ｐｒｏｂｌｅｍ" and "no pro\u00adblem" all read
    "no problem". The result can be shorter or longer than ``text``; use
    :func:`normalise_with_offsets` to map offsets back."""
    return normalise_with_offsets(text)[0]


def normalise_with_offsets(text: str) -> tuple[str, OffsetMap | None]:
    """:func:`normalise`, plus the map from offsets in the result back to
    offsets in ``text``, or None when every character kept its place (the
    usual case: plain ASCII, curly quotes, non-breaking spaces, accents)."""
    norm, offsets = _fold_characters(text)
    if "`" in norm:
        norm = _BACKTICK_APOSTROPHE.sub("'", norm)
    if _NO_APOSTROPHE.search(norm) is not None:
        norm, apostrophes = _fold_contractions(norm)
        offsets = apostrophes if offsets is None else ChainedOffsets(offsets, apostrophes)
    # Substring tests first: most replies hold none of these (0.1 us against 5).
    if not ("  " in norm or "\t" in norm or "\n" in norm) or _GAPS.search(norm) is None:
        return norm, offsets
    norm, gaps = _fold_gaps(norm)
    return norm, gaps if offsets is None else ChainedOffsets(offsets, gaps)


def _fold_contractions(text: str) -> tuple[str, OffsetMap]:
    """``text`` with the apostrophe of each :data:`_NO_APOSTROPHE` put back
    ("dont" -> "don't"), and the map back: the "n" became "n'"."""
    parts, changes, last, shift = [], [], 0, 0
    for m in _NO_APOSTROPHE.finditer(text):
        n_at = m.end() - 1
        parts.append(text[last:m.end()])
        parts.append("'")
        changes.append((n_at + shift, 2, n_at))
        shift += 1
        last = m.end()
    parts.append(text[last:])
    return "".join(parts), OffsetMap(changes, len(text))


def _fold_gaps(text: str) -> tuple[str, OffsetMap]:
    """``text`` with each of :data:`_GAPS` one space, and the map back."""
    parts, changes, last, shift = [], [], 0, 0
    for m in _GAPS.finditer(text):
        start, end = m.span()
        parts.append(text[last:start])
        parts.append(" ")
        for i in range(start + 1, end):  # the first character stays, as a space
            changes.append((i - shift, 0, i))
            shift += 1
        last = end
    parts.append(text[last:])
    return "".join(parts), OffsetMap(changes, len(text))


def _fold_characters(text: str) -> tuple[str, OffsetMap | None]:
    """The character folding of :func:`normalise` (every step but the gaps)."""
    if text.isascii() and not _ASCII_TO_FOLD.search(text):
        return text, None
    norm = text.translate(_TABLE)
    if "\r" in norm:
        norm = _LONE_CR.sub("\n", norm)
    odd = text.translate(_WIDTH)
    if not odd:
        return norm, None
    # Only the few characters that change width need a record; find them
    # with one regular-expression pass instead of a loop over every character.
    changes, shift = [], 0
    table = _TABLE
    for m in re.finditer("[" + re.escape("".join(set(odd))) + "]", text):
        i = m.start()
        width = len(table[ord(text[i])])
        changes.append((i + shift, width, i))
        shift += width - 1
    return norm, OffsetMap(changes, len(text))


class Pipeline:
    """A loaded spaCy ``Language`` plus what tonecheck knows about it."""

    def __init__(self, nlp, *, trained: bool, name: str, notices: tuple[str, ...] = ()):
        self.nlp = nlp
        self.trained = trained
        self.name = name
        self.notices = notices
        self.vocab = nlp.vocab
        # spaCy's ``nlp.pipeline`` builds a new list on every read; the
        # components are all added before a Pipeline is made.
        self._components = tuple(component for _name, component in nlp.pipeline)

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
        return self.nlp.pipe((self.doc_input(normalise(t)) for t in texts),
                             batch_size=batch_size)

    def run(self, doc_input):
        """The pipeline over one :meth:`doc_input` (a text or a pre-tokenized
        doc), its components called in turn: what ``nlp.pipe`` does for a
        batch of one, without its batching."""
        from spacy.tokens import Doc

        doc = doc_input if isinstance(doc_input, Doc) else self.nlp.make_doc(doc_input)
        for component in self._components:
            doc = component(doc)
        return doc

    def make_doc(self, text: str):
        """A fully processed doc for one text (rule patterns, examples)."""
        return self.run(self.doc_input(normalise(text)))

    def doc_input(self, text: str):
        """What to give ``nlp.pipe`` for an (already normalised) text: the
        text itself, or, when it is longer than ``MAX_SEGMENT`` or holds a
        run of characters without a space that would be costly to tokenize
        (:func:`costly_run`), a doc tokenized piece by piece (see
        :func:`segments`). spaCy's tokenizer takes time quadratic (or worse)
        in the length of a run of punctuation ("!!!!..."), so no piece it
        sees holds a long one."""
        if len(text) <= MAX_UNCHECKED:
            return text  # at worst a few milliseconds whatever it holds
        if len(text) <= MAX_SEGMENT:
            for m in _LONG_RUNS.finditer(text):
                if costly_run(m.group()):
                    break
            else:
                return text  # no long run, or web addresses, long words: cheap as they are
        return self.tokenize_pieces(segments(text))

    def tokenize_pieces(self, pieces: list[str]):
        """One doc from the tokens of each piece in turn (the doc's text is
        the pieces joined). Attributes the tokenizer sets per token (the
        ``NORM`` of "n't" in "don't") are kept; no sentence starts are set."""
        import numpy
        from spacy.attrs import NORM
        from spacy.tokens import Doc

        words, spaces, norms = [], [], []
        for doc in self.nlp.tokenizer.pipe(pieces):
            for token in doc:
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
            norms.extend(doc.to_array(NORM).tolist())
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            doc.from_array([NORM], numpy.array(norms, dtype=numpy.uint64).reshape(-1, 1))
        return doc

    def phrase_docs(self, texts):
        """Docs for PhraseMatcher patterns: the tokenizer plus the match-key
        component only. Phrase matching compares LEMMA/NORM/LOWER, which no
        other component changes, so this equals ``make_doc`` for patterns and
        skips sentence boundaries (and a trained model's tagger/parser) per phrase."""
        keys = self.nlp.get_pipe("tonecheck_keys").keys_only
        tokenize = self.phrase_tokenizer
        return [keys(tokenize(normalise(t))) for t in texts]

    @cached_property
    def phrase_tokenizer(self) -> "PhraseTokenizer":
        return PhraseTokenizer(self.nlp.tokenizer)


class PhraseTokenizer:
    """The tokenizer for short phrases (rules' phrases, the scores'
    markers; building a linter tokenizes thousands): a phrase of plain ASCII
    words between single spaces, none of them a special case of the
    tokenizer ("cannot", "dont"), is those words, which the tokenizer's
    affix rules would not split; anything else goes to the tokenizer.
    tests/test_engine.py holds the two to the same tokens on every bundled
    phrase."""

    def __init__(self, tokenizer):
        from spacy.tokenizer import Tokenizer

        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        # Only spaCy's English tokenizer is known to keep plain words whole;
        # any other (a custom one, another language's) tokenizes every phrase.
        self.quick = isinstance(tokenizer, Tokenizer) and self.vocab.lang == "en"
        self.special = frozenset(getattr(tokenizer, "rules", None) or ()) if self.quick else ()
        self._norms: dict[str, str] = {}  # word -> its NORM (the markers repeat few words)
        self._norm_keys: dict[str, int] = {}  # a NORM -> the NORM hash of a token of it

    def __call__(self, text: str):
        from spacy.tokens import Doc

        words = self._plain_words(text)
        if words:
            return Doc(self.vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
        return self.tokenizer(text)

    def norms(self, text: str) -> tuple[str, ...]:
        """The NORM of each token of ``text`` (what the scores' markers are
        matched on), without making a doc where the words are plain."""
        words = self._plain_words(text)
        if words:
            memo, vocab = self._norms, self.vocab
            return tuple(memo.get(w) or memo.setdefault(w, vocab[w].norm_) for w in words)
        from spacy.attrs import NORM

        doc = self.tokenizer(text)  # read as an array: a Token object per word costs more
        strings = self.vocab.strings
        return tuple(strings[h] for h in doc.to_array(NORM).tolist()) if len(doc) else ()

    def norm_keys(self, text: str) -> tuple[int, ...]:
        """What a phrase matcher on NORM compares for the phrase ``text``:
        the NORM hashes of a doc of its norms (a norm's own norm), as a
        tuple whose ints are shared (:func:`shared_keys`)."""
        memo, vocab = self._norm_keys, self.vocab
        return shared_keys(memo.get(w) or memo.setdefault(w, vocab[w].norm) for w in self.norms(text))

    def distinct_norm_keys(self, phrases) -> list[tuple[int, ...]]:
        """:meth:`norm_keys` of each of ``phrases``, in order, leaving out
        empty ones and repeats (phrases that differ only where NORM does
        not, such as "ok" and "okay")."""
        seen: set[tuple[int, ...]] = set()
        out = []
        for phrase in phrases:
            keys = self.norm_keys(phrase)
            if keys and keys not in seen:
                seen.add(keys)
                out.append(keys)
        return out

    def _plain_words(self, text: str) -> list[str] | None:
        if not self.quick:
            return None
        words = text.split(" ")
        special = self.special
        if all(w.isascii() and w.isalpha() and w not in special for w in words):
            return words
        return None


#: Longest run of non-space characters spaCy's tokenizer is always given
#: whole; a longer one is cut when it is costly (see costly_run).
MAX_RUN = 40
#: Texts up to this long are tokenized whole without looking (the worst,
#: 256 apostrophes, takes about 6 ms).
MAX_UNCHECKED = 256
#: A web or e-mail address is cut only when longer than this.
MAX_LINK_RUN = 1000
#: A run with at most this many marks (characters neither letter nor digit) is
#: cheap however long: the tokenizer strips prefixes and suffixes one at a time.
MAX_CHEAP_MARKS = 8
#: Longest text tokenized in one call; longer ones are cut at line breaks.
MAX_SEGMENT = 20_000
_LONG_RUNS = re.compile(r"\S{%d,}" % (MAX_RUN + 1))
_NON_SPACE = re.compile(r"\S")
_MARK = re.compile(r"[\W_]")


def costly_run(run: str) -> bool:
    """Whether spaCy's tokenizer would take more than linear time over this
    run of non-space characters: one longer than ``MAX_RUN`` with more than
    ``MAX_CHEAP_MARKS`` marks, unless it is a web or e-mail address of up to
    ``MAX_LINK_RUN`` characters, at most half of them marks (real replies
    hold long links, and cutting one would change its tokens)."""
    if len(run) <= MAX_RUN:
        return False
    marks = len(run) - len(_MARK.sub("", run))
    if marks <= MAX_CHEAP_MARKS:
        return False
    if len(run) <= MAX_LINK_RUN and 2 * marks <= len(run) and (
            "://" in run or "www." in run or "@" in run):
        return False
    return True


def segments(text: str, max_run: int = MAX_RUN, max_segment: int = MAX_SEGMENT) -> list[str]:
    """``text`` cut into consecutive pieces (joined, they are ``text``) that
    spaCy's tokenizer handles in linear time: every run of more than
    ``max_run`` non-space characters is cut into pieces of at most
    ``max_run`` if it is costly to tokenize (:func:`costly_run`), where a
    letter or digit meets another character if one is near ("!!!!" /
    "Thanks"), and the text is cut every ``max_segment``
    characters or so, where a line (else a word) begins. A cut before a word
    that follows whitespace gives the tokens the whole text would give."""
    cuts = []
    for m in _LONG_RUNS.finditer(text):
        a, b = m.span()
        if not costly_run(m.group()):
            continue
        while b - a > max_run:
            a = _cut_in_run(text, a, a + max_run)
            cuts.append(a)
    pos, n = 0, len(text)
    while n - pos > max_segment:
        lo, hi = pos + max_segment // 2, pos + max_segment
        j = text.rfind("\n", lo, hi)
        if j == -1:
            j = text.rfind(" ", lo, hi)
        m = _NON_SPACE.search(text, j + 1) if j != -1 else None
        if m is None or m.start() >= n:
            pos = hi  # no break near: the run cuts already bound this stretch
            continue
        cuts.append(m.start())
        pos = m.start()
    if not cuts:
        return [text]
    cuts = sorted(set(cuts))
    bounds = [0, *cuts, n]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def _cut_in_run(text: str, start: int, limit: int) -> int:
    """Where to cut a run of non-space characters that starts at ``start``:
    the last place at most ``limit`` (and past the middle) where a letter or
    digit meets something else, else ``limit``."""
    for i in range(limit, (start + limit) // 2, -1):
        if text[i - 1].isalnum() != text[i].isalnum():
            return i
    return limit


TOKENS_KEY = "tonecheck.tokens"


class TokenTable(NamedTuple):
    """What the rules and scores read of every token, as columns, read from
    the doc in one array when the pipeline runs (each ``Doc.to_array`` call
    has a fixed cost, and every reply needs all of these)."""

    norm: list[int]
    space: list[int]
    punct: list[int]
    alpha: list[int]
    upper: list[int]
    length: list[int]
    idx: list[int]
    lower: list[int]
    lemma: list[int]  # tonecheck's match key
    starts: list[int]  # the tokens that open a sentence, 0 first


def token_table(doc) -> TokenTable:
    """The doc's :class:`TokenTable`, read once per doc."""
    data = doc.user_data
    table = data.get(TOKENS_KEY)
    if table is None:
        table = data[TOKENS_KEY] = _read_table(doc)
    return table


def _read_table(doc, starts: list[int] | None = None, columns: list | None = None,
                lemmas: list[int] | None = None) -> TokenTable:
    """The table of ``doc``; the caller may pass what it knows: the sentence
    openers, the columns of :func:`_table_attrs` (and more after them) and
    the match keys."""
    if not len(doc):
        return TokenTable([], [], [], [], [], [], [], [], [], [0])
    if columns is None:
        columns = doc.to_array(_table_attrs()).T.tolist()
    if lemmas is None:
        from spacy.attrs import LEMMA

        lemmas = doc.to_array(LEMMA).tolist()
    if starts is None:
        starts = [0]
        if doc.has_annotation("SENT_START"):
            from spacy.attrs import SENT_START

            flags = doc.to_array(SENT_START).tolist()
            starts.extend(i for i in range(1, len(flags)) if flags[i] == 1)
    return TokenTable(*columns[:_TABLE_COLUMNS], lemmas, starts)


_TABLE_COLUMNS = 8  # the columns read from the doc's array


@lru_cache(maxsize=1)
def _table_attrs() -> list[int]:
    from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_UPPER, LENGTH, LOWER, NORM

    return [NORM, IS_SPACE, IS_PUNCT, IS_ALPHA, IS_UPPER, LENGTH, IDX, LOWER]


def sentence_starts(doc) -> list[int]:
    """Indices of the tokens that open a sentence (0 first), read once per
    doc: spaCy's ``token.sent`` walks the sentence on every call, which is
    quadratic over a long sentence with many matches."""
    return token_table(doc).starts


def sentence_of(doc, i: int):
    """The sentence holding token ``i`` (what ``doc[i].sent`` gives), found
    by bisection."""
    starts = sentence_starts(doc)
    k = bisect_right(starts, i) - 1
    return doc[starts[k]:starts[k + 1] if k + 1 < len(starts) else len(doc)]


def _lemma_table():
    """spacy-lookups-data's English lemma lookup table, as a :class:`LemmaTable`.

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
            return LemmaTable(json.loads(fh.read()))
    except (ImportError, OSError, ValueError):
        from spacy.lookups import load_lookups

        return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


class LemmaTable:
    """A word -> lemma mapping kept as a sorted array of the words' 64-bit
    hashes and a list of shared lemma strings: the 41,582 English entries
    take under 2 MB this way where a dict of strings takes 5.7 (every
    process, every worker, keeps one). Two words with the same 64-bit hash
    would share a lemma; tests/test_engine.py checks every entry.
    A lookup is a bisection, about a microsecond, and MatchKeys caches each
    word type's lemma anyway."""

    __slots__ = ("_keys", "_lemmas", "_hash")

    def __init__(self, mapping: dict[str, str]):
        from array import array

        import numpy
        from spacy.strings import get_string_id

        hashes = numpy.fromiter(map(get_string_id, mapping), dtype=numpy.uint64, count=len(mapping))
        order = numpy.argsort(hashes, kind="stable")
        self._keys = array("Q")
        self._keys.frombytes(hashes[order].tobytes())
        self._hash = get_string_id  # spaCy's StringStore hash
        # one string per distinct lemma: "run" for "ran", "runs", "running"
        memo: dict[str, str] = {}
        lemmas = [memo.setdefault(v, v) for v in mapping.values()]
        self._lemmas = [lemmas[i] for i in order.tolist()]

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, word: str, default=None):
        key = self._hash(word)
        keys = self._keys
        i = bisect_left(keys, key)
        if i < len(keys) and keys[i] == key:
            return self._lemmas[i]
        return default


_SHARED_KEYS: dict[int, int] = {}


def shared_keys(values) -> tuple[int, ...]:
    """``values`` (string hashes) as a tuple whose ints are shared with every
    other tuple made here: the phrase matchers keep one tuple per phrase, and
    a 64-bit hash is a 36-byte object of its own each time it is made."""
    memo = _SHARED_KEYS
    return tuple(memo.setdefault(v, v) for v in values)


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
        from spacy.attrs import LEMMA, NORM, SENT_START
        from spacy.pipeline.sentencizer import Sentencizer

        self.strings = vocab.strings
        self.table = table
        self.cache: dict[int, int] = {}  # NORM hash -> LEMMA hash
        self._np = numpy
        # Sentence-final punctuation as a lexeme flag: computed once per word
        # type, then read with the other token attributes in one array.
        enders = frozenset(Sentencizer.default_punct_chars)
        is_ender = vocab.add_flag(lambda text: text in enders)
        self._read = [*_table_attrs(), is_ender]  # the token table, then is_ender
        self._lemma, self._lemma_and_start = [LEMMA], [LEMMA, SENT_START]
        self._norm = NORM

    def _key(self, norm_hash: int) -> int:
        norm = self.strings[norm_hash].lower()
        lemma = _LEMMA_OVERRIDES.get(norm) or self.table.get(norm) or norm
        key = self.strings.add(lemma.lower())
        self.cache[norm_hash] = key
        return key

    def keys_only(self, doc):
        """Set the match keys and nothing else (for phrase patterns, which
        need no sentences and no token table)."""
        if len(doc):
            get, key = self.cache.get, self._key
            lemmas = [get(h) or key(h) for h in doc.to_array(self._norm).tolist()]
            doc.from_array(self._lemma, self._np.array(lemmas, dtype=self._np.uint64).reshape(-1, 1))
        return doc

    def __call__(self, doc):
        if not len(doc):
            return doc
        np = self._np
        get, key = self.cache.get, self._key
        columns = doc.to_array(self._read).T.tolist()
        lemmas = [get(h) or key(h) for h in columns[0]]
        if doc.has_annotation("SENT_START"):  # a parser or senter has set them
            doc.from_array(self._lemma, np.array(lemmas, dtype=np.uint64).reshape(-1, 1))
            starts = None
        else:
            flags, starts = self._sentence_starts(doc, columns)
            doc.from_array(self._lemma_and_start,
                           np.array([lemmas, flags], dtype=np.uint64).T)
        doc.user_data[TOKENS_KEY] = _read_table(doc, starts, columns, lemmas)
        return doc

    @staticmethod
    def _sentence_starts(doc, columns) -> tuple[list[int], list[int]]:
        """Per token, 1 if it opens a sentence and -1 (as uint64) if not;
        and the indices of the openers.

        A token opens one when it is the first, when it is not punctuation or
        whitespace and sentence-final punctuation came since the last opener
        (spaCy's Sentencizer rule; a paragraph break after a full stop stays
        with the sentence it ends, so that no sentence is only whitespace), or
        when it follows a line break that ends a line of its own (see
        :func:`_breaks_sentence`). Only the sentence-final
        punctuation and the whitespace tokens are visited (``compress`` finds
        them in C), which halves the cost of a loop over every token (7.8 ->
        3.9 us a reply)."""
        spaces, puncts, enders = columns[1], columns[2], columns[-1]
        n = len(spaces)
        flags = [_NOT_START] * n
        flags[0] = 1
        starts = [0]
        positions = range(n)
        scan = 0  # tokens before this are settled
        for end in compress(positions, enders):
            if end < scan:
                continue
            scan = end + 1  # past the punctuation that follows, to a word
            while scan < n and (enders[scan] or puncts[scan] or spaces[scan]):
                scan += 1
            if scan < n:
                flags[scan] = 1
                starts.append(scan)
        breaks = False
        for i in compress(positions, spaces):
            if i < n - 1 and flags[i + 1] != 1 and "\n" in doc[i].text \
                    and _breaks_sentence(doc, puncts, i):
                flags[i + 1] = 1
                breaks = True
        if breaks:
            starts = [i for i, f in enumerate(flags) if f == 1]
        return flags, starts


def _breaks_sentence(doc, puncts, i: int) -> bool:
    """Whether the line break at token ``i`` ends a sentence: a blank line
    does, and so does a break after punctuation ("Hi Maria,") or before a
    capital, digit or bullet ("Thanks" / "Sam"). A hard-wrapped line that
    runs on in lower case ("we will" / "fix it") does not."""
    if doc[i].text.count("\n") > 1 or i == 0 or puncts[i - 1]:
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


def _norm_bare_contractions(tokenizer) -> None:
    """Give "im", "thats", "shouldve" the NORMs of "i'm", "that's",
    "should've": spaCy splits both spellings but leaves some bare second
    halves without a NORM, and rules and score markers match on NORM."""
    from spacy.symbols import NORM, ORTH

    for orth, pieces in list(tokenizer.rules.items()):
        if len(pieces) != 2 or not orth.isalpha() or all(NORM in p for p in pieces):
            continue
        marked = tokenizer(pieces[0][ORTH] + "'" + pieces[1][ORTH])
        if len(marked) == 2:
            tokenizer.add_special_case(orth, [
                {**p, NORM: p.get(NORM) or t.norm_} for p, t in zip(pieces, marked)])


def _blank():
    from .lexemes import blank_english

    nlp = blank_english()  # spacy.blank("en"), faster on words it meets first
    _norm_bare_contractions(nlp.tokenizer)
    _add_shouted_contractions(nlp.tokenizer)
    nlp.add_pipe("tonecheck_keys")
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Pipeline:
    """The pipeline for ``model`` (a spaCy package name or path), or the
    offline default when ``model`` is None. A named model that is not
    installed falls back to the default with a notice."""
    from .spacy_import import import_spacy

    import_spacy()  # the first spaCy import, lean in a tonecheck command
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
