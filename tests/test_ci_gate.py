"""A CI gate must never pass by accident: a typo in a selector, a run with no
rules, and the Python API's numbers all say what they mean."""
from __future__ import annotations

import json

import pytest

from conftest import TEAM_RULE
from tonecheck.exitcodes import ExitCode
from tonecheck.findings import Severity

POOR = "No problem! I don't know when it ships."


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder as the working directory (no config above it)."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- unknown selectors -----------------------------------------------------------------------
@pytest.mark.parametrize("option,typo,hint", [
    ("--select", "positivty", "did you mean 'positivity'?"),             # a category
    ("--select", "positivity.no-problm", "did you mean 'positivity.no-problem'?"),  # an id
    ("--ignore", "no-problem", "did you mean 'positivity.no-problem'?"),  # an id's last part
    ("--ignore", "zzzz", "see `tonecheck rules list`"),                   # nothing close
])
def test_a_selector_naming_no_rule_is_an_error_with_the_closest_name(run_cli, project, option,
                                                                     typo, hint):
    result = run_cli("check", option, typo, "-", input=POOR)
    assert result.exit_code == ExitCode.ERROR
    assert result.stdout == ""
    assert f"unknown rule selector {typo!r} in {option}" in result.stderr
    assert hint in result.stderr


def test_a_typo_among_good_selectors_is_still_an_error(run_cli, project):
    result = run_cli("check", "--select", "empathy,positivty", "-", input=POOR)
    assert result.exit_code == ExitCode.ERROR and "'positivty'" in result.stderr


def test_a_selector_in_the_config_is_checked_too_and_named_with_file_and_line(run_cli, project):
    (project / ".tonecheck.yml").write_text("fail_on: warning\nselect: [empathy, positivty]\n")
    result = run_cli("check", "-", input=POOR)
    assert result.exit_code == ExitCode.ERROR
    assert f"{project / '.tonecheck.yml'}:2: unknown rule selector 'positivty' in select" \
        in result.stderr
    # --select on the command line replaces the file's list, so the typo is not used
    assert run_cli("check", "--select", "positivity", "-", input=POOR).exit_code == \
        ExitCode.FINDINGS


def test_selectors_of_a_team_pack_are_known(run_cli, project, write_pack):
    pack = write_pack(TEAM_RULE)
    result = run_cli("check", "--rules", str(pack), "--select", "team", "-", input="Hold on.")
    assert result.exit_code == ExitCode.FINDINGS and "[team.hold-on]" in result.stdout


def test_the_python_api_refuses_an_unknown_selector_too():
    from tonecheck import check
    from tonecheck.selection import UnknownSelector

    with pytest.raises(UnknownSelector, match="did you mean 'positivity'"):
        check("No problem.", select=("positivty",))


# -- no rules at all -------------------------------------------------------------------------
def test_no_default_rules_without_a_pack_is_an_error(run_cli, project):
    for args in (("check", "--no-default-rules", "-"), ("rules", "list", "--no-default-rules")):
        result = run_cli(*args, input=POOR)
        assert result.exit_code == ExitCode.ERROR, args
        assert "--no-default-rules without any --rules pack would run no rules" in result.stderr


def test_default_rules_false_in_the_config_without_a_pack_is_an_error(run_cli, project):
    (project / ".tonecheck.yml").write_text("default_rules: false\n")
    result = run_cli("check", "-", input=POOR)
    assert result.exit_code == ExitCode.ERROR
    assert "default_rules: false in" in result.stderr


def test_no_default_rules_with_a_pack_runs_that_pack(run_cli, project, write_pack):
    result = run_cli("check", "--no-default-rules", "--rules", str(write_pack(TEAM_RULE)),
                     "--format", "json", "-", input="No problem, hold on.")
    rules = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert rules == {"team.hold-on"}


# -- the Python API reads like the CLI -------------------------------------------------------
def test_a_severity_prints_as_its_name():
    assert str(Severity.WARNING) == "warning"
    assert f"{Severity.ERROR}" == "error" and f"{Severity.SUGGESTION:>12}" == "  suggestion"
    assert Severity.ERROR > Severity.WARNING  # still ordered


def test_scores_are_the_whole_numbers_the_cli_shows_and_keep_the_exact_values(run_cli):
    from tonecheck import check

    report = check(POOR)
    s = report.scores
    assert isinstance(s.empathy, int) and isinstance(s.positivity, int)
    assert s.empathy == round(s.empathy_exact) and s.positivity == round(s.positivity_exact)
    shown = json.loads(run_cli("check", "--format", "json", "-", input=POOR).stdout)
    assert shown["files"][0]["scores"]["empathy"] == s.empathy
    assert shown["files"][0]["scores"]["positivity"] == s.positivity
    assert str(report.findings[0].severity) == shown["files"][0]["findings"][0]["severity"]
