"""The literals every match of a regex holds (tonecheck.rules.literals), which
the regex sifting looks for in a text: what they are for a few shapes of
pattern, and, for every bundled regex, that a text it matches is never
sifted out, whatever its case, its spaces and what touches its words."""
from __future__ import annotations

import pytest

from tonecheck.rules.literals import folded, required


def test_neighbouring_literals_are_joined_and_spaces_read_as_one_space():
    # "we\s+not": the match holds "we" and a space, and a space and "not"
    assert required(r"(?i)we\s+not") == ("and", (("lit", "we "), ("lit", " not")))
    assert required("(?i)that(?:'s| is) it") == ("or", (("lit", "that is it"), ("lit", "that's it")))
    assert required("stop[ \n]asking") == ("lit", "stop asking")


def test_optional_parts_and_classes_require_nothing():
    assert required(r"(?i)(?:please\s+)?send\w*") == ("lit", "send")
    assert required(r"[A-Z][a-z]+ing") == ("lit", "ing")
    assert required(r"\w+") is None
    assert required("(?:so|ok)") is None  # too short to sift by
    assert required(r"(?:^|[^\pL\pN_])(?:we|you) owe") == ("or", (("lit", "we owe"), ("lit", "you owe")))


def test_one_emoji_is_literal_enough():
    assert required("[🙄😒]") == ("or", (("lit", "😒"), ("lit", "🙄")))


def test_what_python_does_not_read_requires_nothing():
    assert required("[[:alpha:]]+ing") is None
    assert required(r"(?P<a>x)(?P<a>y)abc") is None


def test_literals_are_looked_for_in_the_folded_text():
    # case-folded as RE2's case-insensitive matching folds, every space read as " "
    assert folded("WE  CAN'T\nREFUND \u017fTRASSE") == "we  can't refund strasse"
    assert "we can't" in folded("We\tCan't")


def _variants(text: str) -> list[str]:
    # case, spaces, the letters RE2's case folding matches beyond ASCII,
    # and what may touch a word: digits, letters beyond ASCII
    return [text, text.upper(), text.replace(" ", "\n"), text.replace(" ", " \t"),
            text.replace(" ", "\r\n "), text.replace("s", "\u017f").replace("K", "\u212a"),
            "9" + text.replace(" ", "9 ") + "9", "é" + text.replace(" ", "é ") + "é"]


def test_no_text_a_bundled_regex_matches_is_sifted_out(linter):
    sifting = linter.index.regex_filter
    owners = linter.index._regex_owners
    rules = {rule.id: rule for rule in linter.rules}
    texts = [t for rule in linter.rules for t in (*rule.bad_examples, *rule.good_examples)
             if isinstance(t, str)]
    missed = []
    for text in texts:
        for variant in _variants(text):
            candidates = set(sifting.candidates(variant))
            for number, (rule_id, position) in enumerate(owners):
                if number not in candidates and next(rules[rule_id].regexes[position].spans(variant), None):
                    missed.append((rule_id, position, variant))
    assert not missed, missed[:5]


def test_the_sifting_tests_are_kept_between_runs(tmp_path, monkeypatch):
    import json

    from tonecheck.rules import sifting as sifting_module
    from tonecheck.rules.regex import Regex
    from tonecheck.rules.sifting import _filter_forms, _tests

    monkeypatch.setenv("TONECHECK_CACHE_DIR", str(tmp_path))
    regexes = [Regex(r"(?i)we\s+never\s+refund"), Regex(r"(?i)not[ \n]ours")]
    first = _filter_forms(regexes)
    assert first == [_tests(r) for r in regexes]

    def unread(_rx):
        raise AssertionError("read again")

    with monkeypatch.context() as again:
        again.setattr(sifting_module, "_tests", unread)
        assert _filter_forms(regexes) == json.loads(json.dumps(first))  # from the cache, as lists
    # another list of patterns is another entry
    assert _filter_forms(regexes[:1]) == first[:1]


@pytest.mark.parametrize("planted", [
    ["(?s)x"],                                 # not what the sifting stores
    '[["x"]]',                                 # one form for two patterns
    '[[[], [[["no"], []]]], [[], [[[1], []]]]]',  # a number where a word goes
    '[[[], [[["no"], "x"]]], [[], []]]',       # a string where sets go
])
def test_a_cache_entry_of_the_wrong_shape_is_read_again(tmp_path, monkeypatch, planted):
    from tonecheck.rules import parsed_cache
    from tonecheck.rules.regex import Regex
    from tonecheck.rules.sifting import RegexFilter

    monkeypatch.setenv("TONECHECK_CACHE_DIR", str(tmp_path))
    patterns = [r"(?i)we\s+never\s+refund", r"(?i)not[ \n]ours"]
    data = "\0".join(patterns).encode()
    parsed_cache.store(data, "sifting", planted)
    sift = RegexFilter()
    for pattern in patterns:
        sift.add(Regex(pattern))
    assert sift.candidates("We never refund: the fault is not ours") == [0, 1]
