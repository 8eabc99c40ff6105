"""Replacements and advice: the schema that tells them apart, applying the
first replacement (``tonecheck.fixes``), and how both are shown."""
from __future__ import annotations

import json

import pytest

from tonecheck.engine import Linter
from tonecheck.errors import RuleError
from tonecheck.exitcodes import ExitCode
from tonecheck.findings import Finding, Severity
from tonecheck.fixes import apply_fixes
from tonecheck.rules import load_rules

PACK = """\
- id: team.kindly
  extends: substitution
  category: professionalism
  severity: suggestion
  message: Drop "{match}".
  swap: {kindly: "", "at this point in time": now, "per se": []}
  advice: 'Just ask: "Could you send the receipt?"'
  examples:
    bad:
      - {text: "Please kindly send the receipt.", fixed: "Please send the receipt."}
      - "It isn't broken per se."
    good: [Please send the receipt.]
- id: team.hold-on
  extends: existence
  category: courtesy
  severity: warning
  message: Sounds like the customer is interrupting.
  phrases: [hold on]
  replace: [one moment]
  examples:
    bad: [{text: "Hold on, I'm checking.", fixed: "One moment, I'm checking."}]
    good: [Hold onto your receipt.]
"""


def finding(start, end, *replacements):
    return Finding(rule="r", severity=Severity.WARNING, category="c", message="m", match="",
                   start=start, end=end, line=1, column=start + 1, replacements=replacements)


@pytest.mark.parametrize("text,span,new,expected", [
    ("Please kindly send it.", (7, 13), "", "Please send it."),
    ("Send it kindly.", (8, 14), "", "Send it."),
    ("Send it kindly", (8, 14), "", "Send it"),
    ("kindly send it", (0, 6), "", "send it"),
    ("Line one.\nkindly send it", (10, 16), "", "Line one.\nsend it"),
    ("Please kindly send it.", (7, 13), "do", "Please do send it."),
])
def test_apply_fixes_pastes_the_first_replacement_and_tidies_deletions(text, span, new, expected):
    assert apply_fixes(text, [finding(*span, new, "other")]) == expected


def test_apply_fixes_goes_right_to_left_and_skips_overlaps_and_advice_only():
    text = "at this point in time, pls wait"
    found = [finding(23, 26, "please"), finding(0, 21, "now"), finding(8, 13, "moment"),
             finding(27, 31)]
    assert apply_fixes(text, found) == "now, please wait"
    assert apply_fixes(text, []) == text


def test_schema_replace_advice_and_fixed_examples(write_pack):
    kindly, hold = load_rules([write_pack(PACK)], include_default=False).rules
    assert kindly.replacements == [("",), ("now",), ()]
    assert kindly.has_replacements and kindly.advice.startswith("Just ask")
    assert kindly.fixed_examples == (("Please kindly send the receipt.", "Please send the receipt."),)
    assert kindly.bad_examples[0] == "Please kindly send the receipt."
    assert hold.replace == ("one moment",) and hold.advice == ""


def test_old_suggestions_are_read_as_advice_never_applied(write_pack):
    text = PACK.replace("  replace: [one moment]", "  suggestions: [one moment, just a sec]")
    text = text.replace("{text: \"Hold on, I'm checking.\", fixed: \"One moment, I'm checking.\"}",
                        "\"Hold on, I'm checking.\"")
    linter = Linter([write_pack(text)], include_default=False, scores=False)
    (f,) = linter.check_text("Hold on, please.").findings
    assert f.replacements == () and f.to_dict()["suggestions"] == []
    assert f.advice == 'For example: "one moment" or "just a sec"'
    assert apply_fixes("Hold on, please.", [f]) == "Hold on, please."


@pytest.mark.parametrize("old,new,key", [
    ("  replace: [one moment]", "  replace: [one moment]\n  advice: x\n  suggestions: [y]",
     "'suggestions'"),
    ("  replace: [one moment]", "  replace: one moment", "'replace'"),
    ("fixed: \"One moment, I'm checking.\"", "fix: \"One moment.\"", "'examples'"),
])
def test_schema_errors(write_pack, old, new, key):
    with pytest.raises(RuleError) as info:
        load_rules([write_pack(PACK.replace(old, new))], include_default=False)
    assert key in str(info.value)


def test_replace_is_unknown_for_metric_rules(write_pack):
    text = """\
- id: team.long
  extends: metric
  category: clarity
  severity: suggestion
  message: Long.
  measure: sentence-words
  replace: [x]
  examples: {bad: [], good: [Short.]}
"""
    with pytest.raises(RuleError, match="unknown key"):
        load_rules([write_pack(text)], include_default=False)


def test_validate_checks_fixed_examples(run_cli, write_pack):
    assert run_cli("validate", str(write_pack(PACK))).exit_code == ExitCode.OK
    wrong = write_pack(PACK.replace('fixed: "Please send the receipt."',
                                    'fixed: "Please, send the receipt."'), "wrong.yml")
    result = run_cli("validate", str(wrong))
    assert result.exit_code == ExitCode.FINDINGS
    assert "gave 'Please send the receipt.', expected 'Please, send the receipt.'" in result.output
    # the fixed text must not trigger the rule again
    again = write_pack(PACK.replace("replace: [one moment]", "replace: [hold on there]").replace(
        "One moment, I'm", "Hold on there, I'm"), "again.yml")
    result = run_cli("validate", str(again))
    assert result.exit_code == ExitCode.FINDINGS and "still flagged" in result.output


def test_json_and_text_show_replacements_and_advice_apart(run_cli, write_pack):
    pack = str(write_pack(PACK))
    data = json.loads(run_cli("check", "--format", "json", "--no-default-rules", "--rules", pack,
                              "--fail-on", "never", "-", input="Please kindly send it.").stdout)
    (f,) = data["files"][0]["findings"]
    assert f["suggestions"] == [""] and f["advice"].startswith("Just ask")
    out = run_cli("check", "--no-default-rules", "--rules", pack, "--fail-on", "never", "-",
                  input="At this point in time, hold on.").output
    assert '→ replace with "Now"' in out and '→ replace with "one moment"' in out
    assert 'ⓘ Just ask: "Could you send the receipt?"' in out


def test_rules_list_and_explain_mark_replacements(run_cli, write_pack):
    pack = str(write_pack(PACK))
    listing = run_cli("rules", "list", "--no-default-rules", "--rules", pack).output
    assert all("  fix  " in line for line in listing.splitlines() if line.startswith("team."))
    page = run_cli("rules", "explain", "team.kindly", "--no-default-rules", "--rules", pack).output
    assert '"per se"  ->  (no drop-in)' in page and "Advice" in page
    assert "Fix available: sometimes" in page
