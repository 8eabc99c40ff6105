"""A team vocabulary in the config: banned terms with the words to use
instead, and jargon to flag, without writing a rule file."""
from __future__ import annotations

import json

import pytest

import tonecheck
from tonecheck.config import load_config
from tonecheck.errors import TonecheckError
from tonecheck.exitcodes import ExitCode

VOCABULARY = {"banned": {"utilize": "use", "reach out": ["contact us", "write to us"],
                         "ticket": []},
              "jargon": ["SLA", "escalation matrix"]}


def rules_and_fixes(text, **options):
    report = tonecheck.check(text, vocabulary=VOCABULARY, **options)
    return [(f.rule, f.match, f.replacements) for f in report.findings
            if f.rule.startswith("vocabulary.")]


def test_a_banned_term_is_flagged_with_the_team_s_words():
    assert rules_and_fixes("Please reach out, we utilize a new portal.") == [
        ("vocabulary.banned", "reach out", ("contact us", "write to us")),
        ("vocabulary.banned", "utilize", ("use",))]


def test_a_banned_term_with_no_replacement_is_flagged_with_advice_only():
    assert rules_and_fixes("Your ticket is open.") == [("vocabulary.banned", "ticket", ())]


def test_jargon_is_flagged():
    assert rules_and_fixes("Per the escalation matrix, the SLA is 4 hours.") == [
        ("vocabulary.jargon", "escalation matrix", ()), ("vocabulary.jargon", "SLA", ())]


def test_vocabulary_rules_are_ordinary_rules_for_selection_and_severity():
    report = tonecheck.check("Please reach out.", vocabulary=VOCABULARY,
                             severity={"vocabulary": "error"})
    assert [str(f.severity) for f in report.findings if f.category == "vocabulary"] == ["error"]
    assert rules_and_fixes("Please reach out.", ignore=("vocabulary",)) == []


def test_vocabulary_in_the_config_file(run_cli, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".tonecheck.yml").write_text(
        "vocabulary:\n  banned: {utilize: use}\n  jargon: [SLA]\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--format", "json", "--select", "vocabulary", "-",
                     input="We utilize the SLA.")
    assert result.exit_code == ExitCode.FINDINGS
    found = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["suggestions"]) for f in found] == [
        ("vocabulary.banned", ["use"]), ("vocabulary.jargon", [])]


@pytest.mark.parametrize("text,fragment", [
    ("vocabulary: [a]\n", "expected a mapping with banned"),
    ("vocabulary: {banned: [a]}\n", "banned: expected a mapping of term"),
    ("vocabulary: {jargon: SLA}\n", "jargon: expected a list of terms"),
    ("vocabulary: {banend: {a: b}}\n", "unknown key 'banend'"),
])
def test_a_bad_vocabulary_is_one_line_naming_the_file(tmp_path, text, fragment):
    cfg = tmp_path / ".tonecheck.yml"
    cfg.write_text(text)
    with pytest.raises(TonecheckError) as info:
        load_config(cfg)
    assert ".tonecheck.yml:1: key 'vocabulary'" in str(info.value)
    assert fragment in str(info.value)


def test_the_service_uses_the_config_s_vocabulary_and_severities():
    from tonecheck.serve import Service

    service = Service(vocabulary=VOCABULARY, severity={"vocabulary": "error"})
    found = service.check(text="We utilize it.")["findings"]
    assert [(f["rule"], f["severity"]) for f in found if f["category"] == "vocabulary"] == [
        ("vocabulary.banned", "error")]
