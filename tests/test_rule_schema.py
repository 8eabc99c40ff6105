"""Rule packs are validated strictly; each mistake is one line naming the
file, the rule, the key and the line."""
from __future__ import annotations

import textwrap

import pytest

from conftest import TEAM_RULE
from tonecheck.errors import RuleError
from tonecheck.rules import load_rules

GOOD = "rules:\n" + textwrap.indent(TEAM_RULE, "  ")


def load(write_pack, text):
    return load_rules([write_pack(text)], include_default=False)


def error_for(write_pack, text) -> str:
    with pytest.raises(RuleError) as info:
        rules = load(write_pack, text)
        from tonecheck.engine import Linter  # invalid patterns surface when compiled
        Linter([write_pack(text)], include_default=False, scores=False)
        assert rules  # pragma: no cover
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_valid_pack_loads(write_pack):
    (rule,) = load(write_pack, GOOD).rules
    assert rule.id == "team.hold-on" and rule.severity.label == "warning"


def test_a_plain_list_of_rules_is_accepted(write_pack):
    text = textwrap.dedent(GOOD.replace("rules:\n", ""))
    assert [r.id for r in load(write_pack, text).rules] == ["team.hold-on"]


def test_unknown_key(write_pack):
    msg = error_for(write_pack, GOOD.replace("    phrases:", "    phrasez: [x]\n    phrases:"))
    assert "pack.yml:7:" in msg and "'team.hold-on'" in msg and "'phrasez'" in msg
    assert "unknown key" in msg


def test_missing_required_field(write_pack):
    msg = error_for(write_pack, GOOD.replace("    severity: warning\n", ""))
    assert "pack.yml:" in msg and "'severity'" in msg and "missing required key" in msg


def test_bad_severity(write_pack):
    msg = error_for(write_pack, GOOD.replace("severity: warning", "severity: fatal"))
    assert "pack.yml:5:" in msg and "'severity'" in msg and "suggestion, warning, error" in msg


def test_unknown_rule_type(write_pack):
    msg = error_for(write_pack, GOOD.replace("extends: existence", "extends: grammar"))
    assert "pack.yml:3:" in msg and "unknown rule type 'grammar'" in msg


def test_invalid_token_pattern(write_pack):
    text = GOOD.replace("extends: existence", "extends: pattern").replace(
        "phrases: [hold on]", "patterns: [[{LOWER: hold, OPX: '+'}]]")
    msg = error_for(write_pack, text)
    assert "'team.hold-on'" in msg and "'patterns'" in msg and "invalid token pattern" in msg


def test_invalid_regex(write_pack):
    msg = error_for(write_pack, GOOD.replace("phrases: [hold on]", "regex: ['(unclosed']"))
    assert "'regex'" in msg


def test_broken_yaml_names_the_line(write_pack):
    msg = error_for(write_pack, GOOD.replace("    message: Sounds", "    message: [Sounds"))
    assert "pack.yml:" in msg and "invalid YAML" in msg


def test_duplicate_rule_ids_in_one_pack(write_pack):
    second = GOOD.split("rules:\n", 1)[1]
    msg = error_for(write_pack, GOOD + second)
    assert "defined twice" in msg


def test_examples_are_required(write_pack):
    msg = error_for(write_pack, GOOD.replace(
        "    examples: {bad: [Hold on a sec.], good: [Hold onto your receipt.]}\n", ""))
    assert "'examples'" in msg


def test_a_team_pack_can_override_a_default_rule(write_pack):
    from tonecheck.rules import load_rules as load_all

    default = load_all()
    target = default.rules[0]
    text = GOOD.replace("team.hold-on", target.id)
    merged = load_all([write_pack(text)])
    assert len(merged.rules) == len(default.rules)
    assert merged.by_id(target.id).message == "Sounds like the customer is interrupting."
