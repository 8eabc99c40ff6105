"""The plain-word stand-ins for spaCy's affix searches and lexical attributes
(tonecheck/lexemes.py) give spaCy's own answers, on every string."""
from __future__ import annotations

import csv
import random
import re

import pytest

from conftest import REPO, SHARED_EVAL

#: Strings at the edges of each stand-in's shortcut.
AWKWARD = [
    "", "a", "A", "I", "ab", "Ab", "aB", "AB", "abcd", "Abcd", "ABCD", "abcde", "Abcde", "ABCDE",
    "aaaaaaa", "AAAAAAA", "Hermione", "McDonald", "iPhone", "x" * 99, "x" * 100, "X" * 150,
    "first", "First", "FIRST", "twenty", "Twenty", "million", "1st", "22nd", "3rd", "4th",
    "1,000", "+5", "-3", "±2", "~7", "1/2", "12/25/2024", "3.5", "5km", "km", "10%", "%",
    "http", "https", "http://", "http://x", "https://example.com/a?b=c", "www.", "www.a",
    "example.com", "a.b", ".com", "end.", "x@y.z", "@handle", "me@example.com", "a@b",
    "'s", "'S", "’s", "'", "''", "``", '"', "«", "»", "‘", "’", "“", "”", "(", ")", "[", "]",
    "{", "}", "<", ">", "$", "US$", "£5", "€", "…", "...", "—", "–", "-", "--", "!!!", "?!",
    "ß", "ǅ", "İ", "Straße", "naïve", "café", "Ⅻ", "١٢", "²", "一", "😀", "👍🏽", "a-b",
    "don't", "DON'T", "e.g.", "U.S.", "#123", "%ORDER_ID%", "{{name}}", "[Name]", "12:30",
]


def _corpus_words() -> list[str]:
    """Whitespace chunks of the drafts in the repo and the shared replies,
    with leading and trailing punctuation stripped too."""
    texts: list[str] = []
    for path in sorted((REPO / "benchmarks" / "gold").glob("drafts_*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            texts.extend(row["text"] for row in csv.DictReader(f))
    replies = SHARED_EVAL / "support-replies" / "agent_turns.csv"
    if replies.exists():
        with replies.open(newline="", encoding="utf-8") as f:
            texts.extend(" ".join(row.values()) for row in csv.DictReader(f))
    words: set[str] = set()
    for text in texts:
        for chunk in text.split():
            words.add(chunk)
            words.add(chunk.strip(".,!?;:()\"'"))
    return sorted(words)


def _random_strings(n: int = 3000) -> list[str]:
    rng = random.Random(7)
    pool = "abcXYZ019.,'@/:-_$%&#é ß’…😀"
    return ["".join(rng.choice(pool) for _ in range(rng.randint(1, 9))) for _ in range(n)]


def _words_and_a_mark() -> list[str]:
    """Every one- and two-letter word, and a sample of longer ones, each with
    one mark of punctuation after it (the suffix search's shortcut)."""
    import string

    letters = string.ascii_letters
    rng = random.Random(11)
    words = list(letters) + [a + b for a in letters for b in letters]
    words += ["".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(2000)]
    return [w + mark for w in words for mark in ",.;:!?"]


@pytest.fixture(scope="module")
def strings() -> list[str]:
    return AWKWARD + _corpus_words() + _random_strings() + _words_and_a_mark()


@pytest.fixture(scope="module")
def english():
    import spacy

    from tonecheck.lexemes import blank_english

    return spacy.blank("en"), blank_english()


def test_every_stand_in_is_in_the_blank_english_pipeline(english):
    from spacy.attrs import IS_PUNCT, IS_QUOTE, LIKE_NUM, LIKE_URL, SHAPE

    from tonecheck.lexemes import _AffixSearch

    plain, fast = english
    for name in ("prefix_search", "suffix_search", "infix_finditer", "url_match"):
        assert isinstance(getattr(fast.tokenizer, name).__self__, _AffixSearch), name
    for attr in (LIKE_NUM, LIKE_URL, SHAPE, IS_PUNCT, IS_QUOTE):
        assert fast.vocab.lex_attr_getters[attr] is not plain.vocab.lex_attr_getters[attr]


def test_lexical_attributes_are_spacys(english, strings):
    plain, fast = english
    getters = plain.vocab.lex_attr_getters
    for attr, original in getters.items():
        stand_in = fast.vocab.lex_attr_getters[attr]
        if stand_in is original:
            continue
        for s in strings:
            try:
                want = original(s)
            except IndexError:  # spaCy's like_url on ""
                with pytest.raises(IndexError):
                    stand_in(s)
                continue
            assert stand_in(s) == want, (attr, s)


def _spans(result):
    if result is None:
        return None
    if isinstance(result, re.Match):
        return result.span()
    return [m.span() for m in result]


@pytest.mark.parametrize("name", ["prefix_search", "suffix_search", "infix_finditer",
                                  "url_match"])
def test_affix_searches_are_spacys(english, strings, name):
    plain, fast = english
    original, stand_in = getattr(plain.tokenizer, name), getattr(fast.tokenizer, name)
    assert stand_in is not original
    for s in strings:
        assert _spans(stand_in(s)) == _spans(original(s)), (name, s)
    for s in strings[:500]:  # asked again: the remembered answer
        assert _spans(stand_in(s)) == _spans(original(s)), (name, s)


def test_tokens_and_their_attributes_are_spacys(english, strings):
    plain, fast = english
    from spacy.attrs import (IS_ALPHA, IS_ASCII, IS_PUNCT, IS_QUOTE, LIKE_EMAIL, LIKE_NUM,
                             LIKE_URL, LOWER, NORM, ORTH, SHAPE)

    columns = [ORTH, LOWER, NORM, SHAPE, LIKE_NUM, LIKE_URL, LIKE_EMAIL, IS_ALPHA, IS_ASCII,
               IS_PUNCT, IS_QUOTE]
    text = " ".join(strings)
    a, b = plain(text), fast(text)
    assert [t.text for t in a] == [t.text for t in b]
    assert (a.to_array(columns) == b.to_array(columns)).all()


def test_the_tokenizer_still_serialises(english):
    _plain, fast = english
    assert fast.tokenizer.to_bytes()


def test_the_special_cases_are_spacys(english):
    plain, fast = english
    assert fast.tokenizer.rules == plain.tokenizer.rules
    text = "I can't, don't and won't: e.g. Mr. Smith's U.S. trip at 3 p.m. :) <3"
    assert [t.text for t in plain(text)] == [t.text for t in fast(text)]
