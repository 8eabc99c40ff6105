"""Unicode classes such as ``[^\\pL\\pN_]`` cost RE2 a large program and an
automaton with a transition for every byte class, so a regex runs on text
with no letter, digit or space beyond ASCII (nearly every reply: curly
quotes, dashes and emoji are none of those) with its letter, digit and space
classes narrowed to their ASCII members, and the joined search that sifts
replies uses every property class widened (ASCII members plus every
non-ASCII character). On such text the narrowed form must match exactly what
the pattern matches, and on any text the widened form must find at least as
much."""
from __future__ import annotations

import csv

import pytest
import re2
from conftest import SHARED_EVAL

from tonecheck.rules import load_rules
from tonecheck.rules.regex import Regex, _options, _plain, _prepare, _widened

REPLIES = SHARED_EVAL / "support-replies" / "agent_turns.csv"
ACCENTED = str.maketrans({"e": "é", "a": "à", "o": "ö", "u": "ü", "c": "ç", "n": "ñ"})


@pytest.fixture(scope="module")
def pack():
    """(patterns, plain texts, other texts): every regex of the default
    pack, with the rules' examples and a third of the real replies and
    messages, split by whether they hold a letter, digit or space beyond ASCII."""
    rules = load_rules((), include_default=True).rules
    texts = [t for r in rules for t in (*r.bad_examples, *r.good_examples, *r.softened_examples)]
    if REPLIES.exists():
        with open(REPLIES, newline="", encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh)):
                if n % 3 == 0:
                    texts += [row["agent_text"], row["previous_customer_text"]]
    texts = [t for t in texts if isinstance(t, str)]
    texts += [t.replace("'", "’").replace(" - ", " — ") + " 😢" for t in texts[:300]]
    texts += [t.translate(ACCENTED) for t in texts[:400]]
    plain = [t for t in texts if _plain(t)]
    other = [t for t in texts if not _plain(t)]
    patterns = sorted({_prepare(rx.pattern) for r in rules for rx in r.all_regexes()})
    return patterns, plain, other


def _matches(rx, text: str) -> list[tuple]:
    data = text.encode("utf-8", "surrogatepass")
    return [tuple(m.span(g) for g in range(rx.groups + 1)) for m in rx.finditer(data)]


def test_the_pack_has_unicode_classes_to_narrow(pack):
    patterns, _, _ = pack
    assert sum(_widened(p) != p for p in patterns) >= 20


def test_narrowed_classes_match_exactly_the_same_where_no_letter_is_beyond_ascii(pack):
    patterns, plain, _ = pack
    assert len(plain) > 800 and sum(not t.isascii() for t in plain) > 300
    for pattern in patterns:
        full = re2.compile(pattern, _options())
        narrow = re2.compile(_widened(pattern, narrow=True), _options())
        for text in plain:
            assert _matches(narrow, text) == _matches(full, text), (pattern, text)


@pytest.mark.parametrize("text, plain", [
    ("We’re sorry — “soon” 😢", True),
    ("Thanks!", True),
    ("Hola José", False),          # a letter beyond ASCII
    ("call\u00a0us", False),       # a no-break space is a space
    ("²", False),                  # a digit-like number
    ("\U000e0fff", False),         # unassigned: a future letter, for all we know
])
def test_text_is_plain_when_no_letter_digit_or_space_is_beyond_ascii(text, plain):
    assert _plain(text) is plain


def test_widened_classes_find_at_least_what_the_full_ones_find(pack):
    patterns, _, other = pack
    assert len(other) > 400
    for pattern in patterns:
        full, wide = re2.compile(pattern, _options()), re2.compile(_widened(pattern), _options())
        for text in other:
            data = text.encode("utf-8", "surrogatepass")
            if full.search(data):
                assert wide.search(data), (pattern, text)


def test_a_regex_matches_letters_beyond_ascii_in_text_that_has_them():
    rx = Regex(r"(?i)(?:^|[^\pL])(?P<flag>no problem)(?:[^\pL]|$)")
    assert list(rx.spans("Sure, no problem!")) == [(6, 16)]
    assert list(rx.spans("Sure’no problem 😊")) == [(5, 15)]
    assert list(rx.spans("Olé, no problem!")) == [(5, 15)]
    assert list(rx.spans("Sureñno problem")) == []  # ñ is a letter: not a word start
    assert list(rx.spans("Sure-no problem")) == [(5, 15)]


@pytest.mark.parametrize("pattern, ascii_match, ascii_miss, wider", [
    (r"[^\pL\pN_]x", "-x", "ax", "éx"),         # inside a negated class
    (r"\pLs", "as", "1s", "½s"),                  # outside a class
    (r"(?i)[\pN.]s", "9s", "as", "Ⅻs"),          # inside a class, case-blind
    (r"\p{^L}-", "1-", "a-", "é-"),                # a negated property
    (r"[]\pN]z", "]z", "az", "éz"),               # "]" first in a class
    (r"[[:alpha:]\pN]", "7", "_", "é"),           # beside a POSIX class
])
def test_property_classes_are_widened_inside_and_outside_brackets(pattern, ascii_match,
                                                                   ascii_miss, wider):
    widened = re2.compile(_widened(pattern), _options())
    assert "\\p" not in widened.pattern
    assert widened.fullmatch(ascii_match) and not widened.fullmatch(ascii_miss)
    assert widened.fullmatch(wider)


@pytest.mark.parametrize("pattern", [r"\PLx", r"[\PL]x", r"[^\PL]x", r"\p{^L}x", r"[^\pL\pN]x", r"\pZx"])
def test_narrowed_classes_and_complements_agree_on_quotes_and_emoji(pattern):
    full = re2.compile(pattern, _options())
    narrow = re2.compile(_widened(pattern, narrow=True), _options())
    for text in ("’x", "😢x", "ax", "1x", " x", "-x", "—x"):
        assert bool(narrow.fullmatch(text)) == bool(full.fullmatch(text)), (pattern, text)


def test_case_blind_classes_do_not_widen_into_ascii_letters():
    # (?i) would match "k" and "s" to the Kelvin sign and the long s.
    widened = re2.compile(_widened(r"(?i)[\pN\pZ]"), _options())
    assert not widened.fullmatch("k") and not widened.fullmatch("s")
    assert re2.compile(_widened(r"(?i)\pL"), _options()).fullmatch("\u212a")


@pytest.mark.parametrize("pattern", [
    r"a\\pL",              # an escaped backslash, then the letters "pL"
    r"\Q\pL\E",            # quoted text
    r"[^\p{Greek}]",       # no ASCII member: "[^]" would mean something else
    r"\p{NotAProperty}",   # RE2 would reject it; left for RE2 to say so
])
def test_what_cannot_be_rewritten_for_sure_is_left_as_it_is(pattern):
    assert _widened(pattern) == pattern


def test_regexes_are_sifted_by_the_literals_a_match_must_hold():
    from tonecheck.rules.sifting import RegexFilter

    sift = RegexFilter()
    for pattern in (r"(?i)(?:^|[^\pL\pN_])(?P<flag>can't\s+be\s+(?:refunded|released))",
                    r"(?i)\bpolicy\b", r"\[[A-Z][A-Za-z ]*\]"):
        sift.add(Regex(pattern))
    assert sift.candidates("The deposit CAN'T BE RELEASED early.") == [0]
    assert sift.candidates("Per our Policy, [Name]") == [1, 2]
    # the placeholder pattern holds no literal: a joined search of its own sifts it
    assert sift.candidates("Thanks for waiting, it's on its way.") == []


@pytest.mark.parametrize("pattern, chars", [
    (r"\[[A-Z][A-Za-z ]*\]", {"["}),
    (r"(?:\{\{\s*\w+|%[A-Z]+%)", {"{", "%"}),  # each branch needs one
    (r"(?:^|[^A-Za-z0-9_])X{3,}", {"X"}),
    (r"\x{5B}name\x{5D}", {"["}),                  # RE2's escapes
    (r"x?\[", {"["}),                               # an optional literal is not needed
    (r"(?i)\[k\]", {"["}),                          # nor a letter under case folding
    (r"(?i)k+", None),                              # which may fold beyond ASCII (K, the Kelvin sign)
    (r"(?:\[|\w)", None),                           # a branch with no short set
    (r"[[:alpha:]]+\]", None),                       # a POSIX class, which Python reads otherwise
    (r"\pL+", None),                                # Python cannot read it
])
def test_a_short_set_of_characters_every_match_holds(pattern, chars):
    from tonecheck.rules.sifting import _required_chars

    assert _required_chars(pattern) == (None if chars is None else frozenset(chars))


def test_the_placeholder_check_is_searched_only_where_its_characters_are(pack, linter):
    from tonecheck.rules.sifting import RegexFilter, _required_chars

    # the default pack's: its placeholder check needs "[", "{", "<", "%" or "X"
    assert linter.index.regex_filter._any_chars == frozenset("[{<%X")

    sift = RegexFilter()
    sift.add(Regex(r"\[(?:[A-Z][A-Z0-9_ ]+)\]|\{\{\s*\w+\s*\}\}"))
    sift.compile()
    assert sift._any_chars == frozenset("[{")
    assert sift.candidates("Hi {{ name }}") == [0]
    assert sift.candidates("Hi [NAME]") == [0]
    assert sift.candidates("Hi there") == []
    # on the pack's texts, no match of a pattern lacks all of its characters
    patterns, plain, other = pack
    for pattern in patterns:
        chars = _required_chars(_widened(pattern))
        if chars is None:
            continue
        rx = re2.compile(pattern)
        for text in plain + other:
            if rx.search(text.encode("utf-8", "surrogatepass")):
                assert any(c in text for c in chars), (pattern, text)


def test_a_large_joined_search_gets_a_memory_budget_for_its_size():
    from tonecheck.rules.sifting import RegexFilter

    small, large = RegexFilter(), RegexFilter()
    small.add(Regex(r"[0-9]{3}"))
    # no literal any match must hold: all of them go to the joined search
    for n in range(90):
        large.add(Regex(rf"(?i)(?:^|[^\pL\pN_])[a-{chr(98 + n % 24)}][\pL-]+\s+(?:[\pL-]+\s+){{0,3}}"
                        rf"[0-9]{{{n % 7 + 1}}}(?:$|[^\pL\pN_])"))
    small.compile()
    large.compile()
    assert small._any._max_mem is None  # RE2's default
    assert large._any.compile().programsize * 1024 > _options().max_mem
    assert large._any._max_mem > _options().max_mem
    # the budget changes how fast it searches, never what it finds
    assert large.candidates("ab cd 1234") == list(range(90))
    assert large.candidates("nothing here") == []
