"""Every rule documents itself with examples, and the examples are the tests:
each bad example must trigger its rule, each good example must not, each
softened example must trigger it only at the rule's lower ``excused_severity``,
and each ``fixed:`` example must be exactly what the rule's first replacement makes of
its text."""
from __future__ import annotations

import pytest

from tonecheck.engine import Linter
from tonecheck.examples import run_examples
from tonecheck.rules import load_rules
from tonecheck.rules.regex import Regex

PACK = load_rules()
_LINTER = None


def _results():
    global _LINTER
    if _LINTER is None:
        _LINTER = Linter(scores=False)
    return {(r.rule, r.kind, r.text): r for r in run_examples(_LINTER)}


CASES = [(rule.id, kind, text) for rule in PACK.rules
         for kind, texts in (("bad", rule.bad_examples), ("good", rule.good_examples),
                             ("softened", rule.softened_examples),
                             ("fixed", [t for t, _ in rule.fixed_examples]))
         for text in texts]


@pytest.fixture(scope="module")
def results():
    return _results()


@pytest.mark.parametrize("rule_id,kind,text", CASES,
                         ids=[f"{r}:{k}:{i}" for i, (r, k, _) in enumerate(CASES)])
def test_example(results, rule_id, kind, text):
    result = results[(rule_id, kind, text)]
    assert result.passed, result.describe()


@pytest.mark.parametrize("rule", PACK.rules, ids=[r.id for r in PACK.rules])
def test_every_rule_has_bad_and_good_examples(rule):
    assert rule.bad_examples, f"{rule.id} has no bad examples"
    assert rule.good_examples, f"{rule.id} has no good examples"


@pytest.mark.parametrize("rule", [r for r in PACK.rules if r.has_replacements],
                         ids=[r.id for r in PACK.rules if r.has_replacements])
def test_every_rule_with_replacements_shows_one_applied(rule):
    assert rule.fixed_examples, f"{rule.id} offers replacements but has no fixed: example"


def test_the_default_pack_is_substantial():
    categories = {r.category for r in PACK.rules}
    assert len(PACK.rules) >= 60
    assert {"positivity", "empathy", "ownership", "courtesy", "clarity", "timeliness",
            "honesty", "professionalism", "structure"} <= categories


def test_no_rule_is_skipped_on_the_default_pipeline():
    linter = Linter(scores=False)
    assert len(linter.rules) == len(PACK.rules), linter.notices


SOFTENING = [r for r in PACK.rules if r.excused_severity is not None]


@pytest.mark.parametrize("rule", SOFTENING, ids=[r.id for r in SOFTENING])
def test_a_softened_match_says_why_it_is_milder(rule):
    # The plain message ("closes the door") is what the context disproved.
    assert rule.excused_message, f"{rule.id} softens matches but has no excused_message"
    assert rule.format_message("x", excused=True) != rule.format_message("x")


def test_the_bundled_pack_passes_the_checks_skipped_at_run_time():
    """The bundled pack is not checked at start-up as a team's pack is (its
    YAML's shape, spaCy's validation of its token patterns, its regexes
    compiled before use): tens of milliseconds that every hook run would
    pay. Here each check runs."""
    from spacy.matcher import Matcher

    from tonecheck.nlp import load_pipeline

    from tonecheck.rules.base import flat_patterns
    from tonecheck.rules.loader import _FastLoader, _check_shape, default_pack_path, pack_files

    for path in pack_files(default_pack_path()):  # its YAML is not shape-checked at start-up
        _check_shape(path.read_text(encoding="utf-8"), _FastLoader)
    vocab = load_pipeline().vocab
    assert all(rule.bundled for rule in PACK.rules)
    for rule in PACK.rules:
        for key in ("regex", "unless_after", "cleared_after", "cleared_before", "requires_before",
                    "unless_before"):
            for pattern in flat_patterns(rule.spec.get(key, ())):
                Regex(pattern)  # raises RegexError where RE2 cannot run it
        if rule.extends == "pattern":
            Matcher(vocab, validate=True).add(rule.id, rule.matcher_patterns)


def test_no_bundled_rule_lists_the_same_words_twice():
    """A repeated phrase or exception changes nothing but the reading: one
    entry of each is enough (spellings that differ, such as "can't" and
    "cannot", are separate entries on purpose)."""
    repeats = {}
    for rule in PACK.rules:
        for key in ("phrases", "exceptions", "regex"):
            entries = [str(x) for x in rule.spec.get(key) or () if isinstance(x, str)]
            twice = sorted({x for x in entries if entries.count(x) > 1})
            if twice:
                repeats[f"{rule.id} {key}"] = twice
    assert not repeats, repeats
