"""The regex sifting (tonecheck.rules.sifting): a pattern is tested on a text
only where the text holds the words and literals every match of it holds, so
the sifting lets through every text a pattern matches and few others."""
from __future__ import annotations

from tonecheck.rules.regex import Regex
from tonecheck.rules.sifting import RegexFilter


def _sifting(*patterns: str) -> RegexFilter:
    sift = RegexFilter()
    for pattern in patterns:
        sift.add(Regex(pattern))
    sift.compile()
    return sift


def test_a_pattern_is_a_candidate_where_its_words_and_literals_are():
    sift = _sifting(r"(?i)(?:^|[^\pL])(?P<flag>we\s+(?:never|don't)\s+refund)(?:[^\pL]|$)",
                    r"(?i)(?:^|[^\pL])as I (?:already|previously) said ")
    assert sift.candidates("Sorry, we never refund gift cards.") == [0]
    assert sift.candidates("As I already said before, no.") == [1]
    assert sift.candidates("We don't refund, as I previously said earlier") == [0, 1]
    assert sift.candidates("We will refund you, as I said.") == []
    assert sift.candidates("refund never we") == []  # the words, but not in a row


def test_each_alternative_is_opened_by_its_own_words():
    sift = _sifting(r"(?i)(?:^|[^\pL])(?:calm down|relax, please|settle down) ")
    assert sift.candidates("Please calm down and wait") == [0]
    assert sift.candidates("OK, relax, please and wait") == [0]
    assert sift.candidates("Please settle the bill") == []


def test_a_pattern_with_no_whole_word_is_tested_on_its_literals():
    sift = _sifting(r"(?i)unfortu\pL*y", r"\[[A-Z][a-z]+\]")
    assert sift.candidates("Unfortunatly not") == [0]
    assert sift.candidates("Hi [Name]") == [1]  # the placeholder: by a joined search
    assert sift.candidates("fortunately yes") == []


def test_strings_with_quotes_and_backslashes_are_looked_for_as_they_are():
    sift = _sifting(r"""(?i)(?:^|[^\pL])it's "final" \\ done """, r"(?i)(?:^|[^\pL])don't '''x''' ")
    assert sift.candidates('As they say: it\'s "final" \\ done here') == [0]
    assert sift.candidates("Please don't '''x''' now") == [1]
    assert sift.candidates("it's final done") == []


def test_the_shipped_tests_are_the_ones_this_code_makes_for_the_bundled_pack(linter):
    # A run with an empty cache (a fresh install, a CI runner) reads the bundled
    # pack's tests from this file instead of parsing every pattern.
    import json

    from tonecheck.rules.sifting import SHIPPED, made_tests

    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    made = made_tests(linter.index.regex_filter.patterns)
    assert shipped["code"] == made["code"], \
        "tonecheck/rules/sifting_tests.json is stale: run python benchmarks/sifting_tests.py --write"
    assert sum(pattern in shipped["tests"] for pattern in made["tests"]) >= 0.9 * len(made["tests"])
    for pattern, tests in made["tests"].items():
        if pattern in shipped["tests"]:
            assert shipped["tests"][pattern] == tests, pattern


def test_shipped_tests_from_other_code_are_not_read(tmp_path, monkeypatch):
    import json

    from tonecheck.rules import sifting

    planted = tmp_path / "sifting_tests.json"
    pattern = r"(?i)(?:^|[^\pL])we never refund "
    # a test that would sift the pattern out of every text, from some other code
    planted.write_text(json.dumps({"code": "other", "tests": {pattern: [[["zzz"]], []]}}), encoding="utf-8")
    monkeypatch.setattr(sifting, "SHIPPED", planted)
    monkeypatch.setenv("TONECHECK_NO_CACHE", "1")
    sifting.shipped_tests.cache_clear()
    try:
        assert sifting.shipped_tests() == {}
        assert _sifting(pattern).candidates("Sorry, we never refund it") == [0]
    finally:
        sifting.shipped_tests.cache_clear()
