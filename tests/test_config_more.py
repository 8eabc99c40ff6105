"""More of the config: per-glob overrides, severities, exclude globs,
[tool.tonecheck] in pyproject.toml, and `tonecheck config`."""
from __future__ import annotations

import json

import pytest

from tonecheck.config import find_config, load_config
from tonecheck.errors import TonecheckError
from tonecheck.exitcodes import ExitCode

REPLY = "No problem, Hi [Customer Name].\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project (a .git folder) with the same reply in three folders."""
    (tmp_path / ".git").mkdir()
    for folder in ("macros/legal", "drafts", "vendor"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "a.txt").write_text(REPLY)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(run_cli, *args):
    result = run_cli("check", "--format", "json", "--no-scores", "--jobs", "1", *args, ".")
    assert result.exit_code in (ExitCode.OK, ExitCode.FINDINGS), result.stderr
    return {f["path"]: [(x["rule"], x["severity"]) for x in f["findings"]]
            for f in json.loads(result.stdout)["files"]}


def test_overrides_change_selection_and_template_mode_for_their_files(run_cli, project):
    (project / ".tonecheck.yml").write_text(
        "overrides:\n"
        "  - files: [\"macros/legal/**\"]\n"
        "    ignore: [positivity.no-problem]\n"
        "    templates: true\n")
    got = findings(run_cli)
    assert got["macros/legal/a.txt"] == []  # no-problem ignored, [Customer Name] a value
    assert got["drafts/a.txt"] == [("positivity.no-problem", "warning"),
                                   ("structure.placeholder", "error")]


def test_severity_by_category_id_or_prefix_the_most_specific_wins(run_cli, project):
    (project / ".tonecheck.yml").write_text(
        "severity: {positivity: error, structure.placeholder: suggestion}\n"
        "overrides:\n"
        "  - files: [drafts/]\n"
        "    severity: {positivity.no-problem: suggestion}\n")
    got = findings(run_cli)
    assert got["vendor/a.txt"] == [("positivity.no-problem", "error"),
                                   ("structure.placeholder", "suggestion")]
    assert got["drafts/a.txt"] == [("positivity.no-problem", "suggestion"),
                                   ("structure.placeholder", "suggestion")]


def test_the_python_api_takes_severities_too():
    import tonecheck

    report = tonecheck.check("No problem.", severity={"positivity": "error"})
    assert [str(f.severity) for f in report.findings] == ["error"]


def test_excluded_files_are_not_checked_even_when_named(run_cli, project):
    (project / ".tonecheck.yml").write_text("exclude: [vendor/, \"**/legal/*.txt\"]\n")
    assert set(findings(run_cli)) == {"drafts/a.txt"}
    result = run_cli("check", "vendor/a.txt")
    assert result.exit_code == ExitCode.OK


@pytest.mark.parametrize("text,fragment", [
    ("severity: {positivity: loud}\n", "expected one of suggestion, warning, error"),
    ("overrides:\n  - ignore: [x]\n", "'files' (the globs it applies to) is required"),
    ("overrides:\n  - files: [a]\n    selct: [x]\n", ":3: key 'overrides': entry 1: unknown key"),
    ("exclude: 3\n", "key 'exclude': expected a list of strings"),
])
def test_mistakes_in_the_new_keys_name_file_and_line(tmp_path, text, fragment):
    cfg = tmp_path / ".tonecheck.yml"
    cfg.write_text(text)
    with pytest.raises(TonecheckError) as info:
        load_config(cfg)
    assert fragment in str(info.value)


def test_an_unknown_selector_in_an_override_or_severity_is_an_error(run_cli, project):
    (project / ".tonecheck.yml").write_text("overrides:\n  - files: [a]\n    ignore: [positivty]\n")
    result = run_cli("check", "drafts")
    assert result.exit_code == ExitCode.ERROR
    assert ".tonecheck.yml:2: unknown rule selector 'positivty' in overrides ignore" in \
        result.stderr
    (project / ".tonecheck.yml").write_text("severity: {positivty: error}\n")
    result = run_cli("check", "drafts")
    assert result.exit_code == ExitCode.ERROR and "in severity" in result.stderr


def test_tool_tonecheck_in_pyproject_is_a_config(run_cli, project):
    (project / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.tonecheck]\nfail-on = \"never\"\n"
        "ignore = [\"structure\"]\n")
    assert find_config(project / "drafts") == project / "pyproject.toml"
    cfg = load_config(project / "pyproject.toml")
    assert cfg.fail_on == "never" and cfg.ignore == ("structure",)
    result = run_cli("check", "drafts")
    assert result.exit_code == ExitCode.OK and "structure.placeholder" not in result.stdout


def test_a_pyproject_without_the_table_is_not_a_config_and_yaml_wins(project):
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(project) is None
    (project / "pyproject.toml").write_text("[tool.tonecheck]\nfail-on = 'never'\n")
    (project / ".tonecheck.yml").write_text("fail_on: error\n")
    assert find_config(project) == project / ".tonecheck.yml"


def test_a_broken_pyproject_is_one_line_naming_it(project):
    (project / "pyproject.toml").write_text("[tool.tonecheck]\nfail-on = \n")
    with pytest.raises(TonecheckError, match="pyproject.toml: invalid TOML"):
        load_config(project / "pyproject.toml")


def test_config_command_shows_each_value_and_where_it_came_from(run_cli, project):
    (project / ".tonecheck.yml").write_text("fail_on: error\nexclude: [vendor/]\n")
    text = run_cli("config").stdout
    assert f"# config file: {project / '.tonecheck.yml'}" in text
    assert f"# {project / '.tonecheck.yml'}:1" in text.splitlines()[1]
    data = json.loads(run_cli("config", "--format", "json").stdout)["values"]
    assert data["exclude"] == {"value": ["vendor/"],
                               "source": f"{project / '.tonecheck.yml'}:2"}
    assert data["select"] == {"value": [], "source": "default"}


def test_an_override_can_select_a_rule_the_run_leaves_out_even_without_scores(run_cli, project):
    (project / ".tonecheck.yml").write_text(
        "select: [structure]\n"
        "overrides:\n"
        "  - files: [drafts/]\n"
        "    select: [positivity]\n")
    got = findings(run_cli)  # findings() passes --no-scores
    assert got["drafts/a.txt"] == [("positivity.no-problem", "warning")]
    assert got["vendor/a.txt"] == [("structure.placeholder", "error")]
