"""The .tonecheck.yml config file: found upward from the working directory,
validated strictly, and overridden by the command line."""
from __future__ import annotations

import json

import pytest

from conftest import TEAM_RULE
from tonecheck.config import find_config, load_config
from tonecheck.errors import TonecheckError
from tonecheck.exitcodes import ExitCode


def test_found_by_walking_up_but_not_past_the_repo_root(tmp_path):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "macros" / "billing").mkdir(parents=True)
    (tmp_path / ".tonecheck.yml").write_text("fail_on: error\n")
    assert find_config(tmp_path / "repo" / "macros" / "billing") is None
    (tmp_path / "repo" / ".tonecheck.yml").write_text("fail_on: error\n")
    assert find_config(tmp_path / "repo" / "macros" / "billing") == tmp_path / "repo" / ".tonecheck.yml"


def test_values_and_relative_rule_paths(tmp_path):
    cfg_file = tmp_path / ".tonecheck.yml"
    cfg_file.write_text("select: [positivity, courtesy]\nignore: positivity.no-problem\n"
                        "rules: [team/]\nmin_empathy: 40\nfail_on: error\n")
    cfg = load_config(cfg_file)
    assert cfg.select == ("positivity", "courtesy")
    assert cfg.ignore == ("positivity.no-problem",)
    assert cfg.rules == (tmp_path / "team",)
    assert cfg.min_empathy == 40 and cfg.fail_on == "error"


@pytest.mark.parametrize("text,fragment", [
    ("fail_on: sometimes\n", ".tonecheck.yml:1: key 'fail_on': expected one of"),
    ("min_empathy: 140\n", ".tonecheck.yml:1: key 'min_empathy'"),
    ("selct: [x]\n", ".tonecheck.yml:1: unknown key 'selct'"),
    ("select: [a\n", ".tonecheck.yml:2:1: invalid YAML"),
])
def test_mistakes_are_one_line_with_file_and_line(tmp_path, text, fragment):
    cfg_file = tmp_path / ".tonecheck.yml"
    cfg_file.write_text("# config\n" * 0 + text)
    with pytest.raises(TonecheckError) as info:
        load_config(cfg_file)
    assert fragment in str(info.value) and "\n" not in str(info.value)


TEAM_PACK = TEAM_RULE + """\
- id: team.asap
  extends: existence
  category: timeliness
  severity: suggestion
  message: Give a time.
  phrases: [asap]
  examples: {bad: [We will fix it ASAP.], good: [We will fix it by 5 pm.]}
"""


def test_command_line_wins_over_the_file(run_cli, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "team.yml").write_text(TEAM_PACK)
    (tmp_path / ".tonecheck.yml").write_text(
        "rules: [team.yml]\ndefault_rules: false\nselect: [timeliness]\nfail_on: never\n")
    monkeypatch.chdir(tmp_path)
    text = "Hold on, we will fix it ASAP."

    def rules_and_code(*args):
        result = run_cli("check", "--format", "json", *args, "-", input=text)
        return [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]], result.exit_code

    assert rules_and_code() == (["team.asap"], ExitCode.OK)
    assert rules_and_code("--select", "courtesy", "--fail-on", "warning") == (
        ["team.hold-on"], ExitCode.FINDINGS)
    assert rules_and_code("--no-config")[0] != ["team.asap"]  # default pack, no selection


def test_a_directory_given_as_config_is_an_error(run_cli, tmp_path):
    result = run_cli("check", "--config", str(tmp_path), "-", input="hi")
    assert result.exit_code == ExitCode.ERROR
    assert "is a directory, expected a config file" in result.stderr


def test_one_unreadable_file_does_not_hide_the_others(run_cli, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"caf\xe9")
    (tmp_path / "b.txt").write_text("No problem.")
    result = run_cli("check", "--format", "json", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.exit_code == ExitCode.ERROR
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(tmp_path / "b.txt")]
    assert "a.txt:1:4: cannot decode" in result.stderr
    assert json.loads(result.stdout)["summary"]["unreadable"] == 1
