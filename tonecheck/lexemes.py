"""What spaCy's English tokenizer works out for a word it has not met,
answered at once for plain words.

The first time spaCy meets a string it runs the tokenizer's affix searches
on it (prefix, suffix, infix, URL: about 5 us, most of it the suffix regex,
an alternation of some 200 patterns anchored at the end that Python's ``re``
tries at every position) and computes two dozen lexical attributes in
Python (about 6 us). A reply checked once meets a few new words each, and a
long one a few dozen: that is a third of a fresh process's check.

Most new strings are plain words: ASCII letters only ("refund", "Hermione").
None of the English affix patterns can match one (each needs a character
that is not a letter, or a digit before a unit), and the costly attributes
have a short answer for one. :func:`blank_english` is ``spacy.blank("en")``
with stand-ins in front of spaCy's own functions that answer plain words
directly and pass any other string to the original (the affix searches
remember those answers: see :class:`_AffixSearch`), so every result is the
one spaCy gives; tests/test_lexemes.py holds each stand-in to its original
over every word of the drafts and real replies and a set of awkward strings.
The tokenizer is built once with them, by a tokenizer factory of its own
(setting a search on a built tokenizer reloads its 1,500 special cases, 40
ms each time); the getters are replaced only where they are spaCy's
English ones, checked by identity. A trained pipeline keeps its own.
"""
from __future__ import annotations

from functools import lru_cache


class _AffixSearch:
    """A regex's ``search``/``match``/``finditer`` that answers "no match"
    for plain words at once and remembers its answers for other strings.

    Remembering matters because spaCy's tokenizer does not cache a chunk that
    holds a special case ("don't.", "I'm," "can't!"): it splits such a chunk
    again, with all four searches, every time it meets it. The answers depend
    on the string alone, so a remembered one is the one the regex gives.

    A plain word with one mark of punctuation after it ("order," "soon.") is
    the other common new chunk: no prefix can match it, and a suffix can only
    be the mark itself, so the suffix search tries that one position
    (``search(string, pos)``; lookbehinds still see the word).

    It keeps the pattern (``.pattern``) for spaCy's tokenizer serialisation,
    which reads ``fn.__self__.pattern``."""

    __slots__ = ("pattern", "_regex", "_suffix", "_search", "_match", "_finditer")

    def __init__(self, regex, suffix: bool = False):
        self.pattern = regex.pattern
        self._regex, self._suffix = regex, suffix
        self._search = lru_cache(maxsize=_REMEMBERED)(regex.search)
        self._match = lru_cache(maxsize=_REMEMBERED)(regex.match)
        self._finditer = lru_cache(maxsize=_REMEMBERED)(lambda s: tuple(regex.finditer(s)))

    def search(self, string):
        if string.isascii():
            if string.isalpha():
                return None
            if string[-1:] in _MARKS and string[:-1].isalpha():
                return self._regex.search(string, len(string) - 1) if self._suffix else None
        return self._search(string)

    def match(self, string):
        return None if string.isascii() and string.isalpha() else self._match(string)

    def finditer(self, string):
        return () if string.isascii() and string.isalpha() else self._finditer(string)


#: One mark after a plain word: what the shortcut in :meth:`_AffixSearch.search` covers.
_MARKS = frozenset(",.;:!?")
#: Strings whose answers each search remembers (a few hundred kilobytes at most).
_REMEMBERED = 4096


#: The tokenizer factory :func:`blank_english` names in its config.
TOKENIZER_FACTORY = "tonecheck.english_tokenizer.v1"


def _english_tokenizer(nlp):
    """spaCy's English tokenizer (what its "spacy.Tokenizer.v1" factory
    builds from the language's defaults), with each affix and URL search
    behind an :class:`_AffixSearch`."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = nlp.Defaults
    url = defaults.url_match
    return Tokenizer(
        nlp.vocab,
        rules=defaults.tokenizer_exceptions,
        prefix_search=_AffixSearch(compile_prefix_regex(defaults.prefixes)).search,
        suffix_search=_AffixSearch(compile_suffix_regex(defaults.suffixes), suffix=True).search,
        infix_finditer=_AffixSearch(compile_infix_regex(defaults.infixes)).finditer,
        token_match=defaults.token_match,
        url_match=_AffixSearch(url.__self__).match if url is not None else None)


def _register_tokenizer() -> None:
    from spacy.util import registry

    if TOKENIZER_FACTORY not in registry.tokenizers:
        registry.tokenizers.register(TOKENIZER_FACTORY, func=lambda: _english_tokenizer)


def blank_english():
    """``spacy.blank("en")`` with the plain-word stand-ins in its tokenizer
    and lexical attribute getters."""
    import spacy

    _register_tokenizer()
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_FACTORY}}})
    try:
        _speed_up_getters(nlp.vocab)
    except (ValueError, AttributeError, ImportError):  # a spaCy whose getters differ
        pass
    return nlp


def _speed_up_getters(vocab) -> None:
    """Replace each of ``vocab``'s lexical attribute getters that is
    spaCy's English one with its stand-in."""
    from spacy import attrs
    from spacy.lang import lex_attrs as common
    from spacy.lang.en import lex_attrs as english

    getters = vocab.lex_attr_getters
    if not isinstance(getters, dict):
        return
    number_words = frozenset(english._num_words) | frozenset(english._ordinal_words)

    def like_num(text: str) -> bool:
        if text.isascii() and text.isalpha():
            # the original's digit, fraction and ordinal tests all need a digit
            return text.lower() in number_words
        return english.like_num(text)

    def like_url(text: str) -> bool:
        if "." not in text and not text.startswith("http"):
            return False if text else common.like_url(text)
        return common.like_url(text)

    def like_email(text: str) -> bool:
        return "@" in text and common.like_email(text)

    def is_ascii(text: str) -> bool:
        return text.isascii()

    def word_shape(text: str) -> str:
        # runs of one shape character stop at four: "Xxxxx" for "Hermione"
        if text.isascii() and text.isalpha() and len(text) < 100:
            if text.islower():
                return _LOWER_SHAPES[min(len(text), 4)]
            if text.isupper():
                return _UPPER_SHAPES[min(len(text), 4)]
            if text[0].isupper() and text[1:].islower():
                return "X" + _LOWER_SHAPES[min(len(text) - 1, 4)]
        return common.word_shape(text)

    def starts_alnum(original):
        def getter(text: str) -> bool:
            # a letter or digit is in no punctuation or currency category
            if text[:1].isalnum():
                return False
            return original(text)
        getter.__name__ = original.__name__
        return getter

    quotes, left, right, brackets = (frozenset(_tuple_constant(f)) for f in (
        common.is_quote, common.is_left_punct, common.is_right_punct, common.is_bracket))

    stand_ins = {
        attrs.LIKE_NUM: (english.like_num, like_num),
        attrs.LIKE_URL: (common.like_url, like_url),
        attrs.LIKE_EMAIL: (common.like_email, like_email),
        attrs.IS_ASCII: (common.is_ascii, is_ascii),
        attrs.SHAPE: (common.word_shape, word_shape),
        attrs.IS_PUNCT: (common.is_punct, starts_alnum(common.is_punct)),
        attrs.IS_CURRENCY: (common.is_currency, starts_alnum(common.is_currency)),
        attrs.IS_QUOTE: (common.is_quote, quotes.__contains__),
        attrs.IS_LEFT_PUNCT: (common.is_left_punct, left.__contains__),
        attrs.IS_RIGHT_PUNCT: (common.is_right_punct, right.__contains__),
        attrs.IS_BRACKET: (common.is_bracket, brackets.__contains__),
    }
    for attr, (original, stand_in) in stand_ins.items():
        if getters.get(attr) is original:
            getters[attr] = stand_in


def _tuple_constant(function) -> tuple[str, ...]:
    """The tuple of strings a spaCy ``is_quote``-style getter tests membership
    in (its one tuple constant), so the stand-in's set is spaCy's own list."""
    found = [c for c in function.__code__.co_consts
             if isinstance(c, tuple) and c and all(isinstance(s, str) for s in c)]
    if len(found) != 1:
        raise ValueError(f"{function.__name__}: not one tuple of strings")
    return found[0]


_LOWER_SHAPES = ("", "x", "xx", "xxx", "xxxx")
_UPPER_SHAPES = ("", "X", "XX", "XXX", "XXXX")
