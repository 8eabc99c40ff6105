"""Template variables in saved replies: read as the values they stand for in
template mode (--templates, or templates: in the config), flagged as left-over
placeholders in draft mode (the default)."""
from __future__ import annotations

import json

import pytest

import tonecheck
from tonecheck.exitcodes import ExitCode
from tonecheck.templates import find_variables, mask

SHAPES = ["{{ticket.requester.first_name}}", "{{ name }}", "{% if vip %}", "{name}", "%NAME%",
          "[Order Number]", "<ISSUE_NUMBER>", "<your name>", "XXX", "{%customer.email%}"]


@pytest.mark.parametrize("variable", SHAPES)
def test_each_shape_is_a_left_over_placeholder_in_a_draft(variable):
    report = tonecheck.check(f"Hi Sam, here is the update: {variable} is ready.")
    assert [f.match for f in report.findings if f.rule == "structure.placeholder"] == [variable]


@pytest.mark.parametrize("variable", SHAPES)
def test_each_shape_is_a_value_in_a_template_and_never_flagged(variable):
    report = tonecheck.check(f"Hi Sam, here is the update: {variable} is ready.", templates=True)
    assert report.findings == ()


def test_a_dollar_brace_is_a_variable_in_a_template_and_code_in_a_draft():
    text = "Hi ${Contacts.First Name}, run echo ${HOME} to check."
    assert tonecheck.check(text, templates=True).findings == ()
    assert "structure.placeholder" not in {f.rule for f in tonecheck.check(text).findings}


def test_markup_and_percentages_are_not_variables():
    text = "See [our help page](https://example.com), press <B>Save</B>: 50% off, 20% more."
    assert find_variables(text) == []


def test_a_variable_is_replaced_by_a_stand_in_of_the_same_length():
    text = "Hi {{first_name}}, order [Order Number] {% if vip %}ships{% endif %}."
    masked = mask(text, find_variables(text))
    assert len(masked) == len(text)
    assert masked == "Hi Sammmmmmmmmmmm, order 00000000000000 " + " " * 12 + "ships" + \
        " " * 11 + "."


def test_a_name_variable_counts_as_personal_address_in_the_empathy_score():
    text = "Hi {{ticket.requester.first_name}}, thanks for writing in."
    template = tonecheck.check(text, templates=True).scores
    draft = tonecheck.check(text).scores
    assert "personal address" in {s.name for s in template.signals}
    assert "personal address" not in {s.name for s in draft.signals}
    assert template.empathy > draft.empathy


@pytest.mark.parametrize("variable", ['{{first_name|fallback:"there"}}',
                                      '{{ first_name | default: "there" }}',
                                      "{%customer.firstName,fallback=there%}",
                                      "${Contacts.First Name}"])
def test_a_name_behind_a_filter_or_fallback_is_still_a_name(variable):
    # so "Hi <name>," stays a greeting, and the reply still opens after it
    assert [v.kind for v in find_variables(f"Hi {variable},")] == ["name"]
    report = tonecheck.check(f"Hi {variable},\n\nUnfortunately the plan can't be refunded.",
                             templates=True)
    assert "positivity.opens-with-bad-news" in {f.rule for f in report.findings}


def test_a_bare_xxx_after_a_greeting_is_the_name_and_elsewhere_a_value():
    assert [v.kind for v in find_variables("Hi XXX, your code is XXX.")] == ["name", "value"]
    # so the reply opens after the greeting line, as with any name
    report = tonecheck.check("Hi XXX,\n\nI'm afraid we can't take children under 10.", templates=True)
    assert "positivity.opens-with-bad-news" in {f.rule for f in report.findings}


def test_no_rule_matches_across_a_variable():
    report = tonecheck.check("No {% if vip %}problem{% endif %}, your refund is on its way.",
                             templates=True)
    assert "positivity.no-problem" not in {f.rule for f in report.findings}


def test_findings_around_variables_point_at_the_text_as_written():
    text = "Hi {{first_name}}, no problem! Your order [Order Number] ships soon."
    report = tonecheck.check(text, templates=True)
    assert {f.rule for f in report.findings} >= {"positivity.no-problem"}
    for f in report.findings:
        assert text[f.start:f.end] == f.match


def test_templates_on_the_command_line(run_cli, tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("Hi {{first_name}}, your order [Order Number] has shipped.\n")
    assert run_cli("check", str(reply)).exit_code == ExitCode.FINDINGS
    assert run_cli("check", "--templates", str(reply)).exit_code == ExitCode.OK


def test_templates_in_the_config_for_a_set_of_paths(run_cli, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "macros").mkdir()
    (tmp_path / "drafts").mkdir()
    text = "Hi {{first_name}}, your order [Order Number] has shipped.\n"
    (tmp_path / "macros" / "shipped.txt").write_text(text)
    (tmp_path / "drafts" / "shipped.txt").write_text(text)
    (tmp_path / ".tonecheck.yml").write_text("templates: [macros/**]\n")
    monkeypatch.chdir(tmp_path)
    out = json.loads(run_cli("check", "--format", "json", "--jobs", "1", "macros",
                             "drafts").stdout)
    flagged = {f["path"]: [x["rule"] for x in f["findings"]] for f in out["files"]}
    assert flagged[str("macros/shipped.txt")] == []
    assert flagged[str("drafts/shipped.txt")] == ["structure.placeholder"] * 2


def test_a_bad_templates_value_in_the_config_names_the_line(tmp_path):
    from tonecheck.config import load_config
    from tonecheck.errors import TonecheckError

    cfg = tmp_path / ".tonecheck.yml"
    cfg.write_text("fail_on: error\ntemplates: 3\n")
    with pytest.raises(TonecheckError, match=r"\.tonecheck\.yml:2: key 'templates'"):
        load_config(cfg)
