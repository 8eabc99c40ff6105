"""The command line: exit codes, output formats and bad input."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import TEAM_RULE
from tonecheck.exitcodes import ExitCode

POOR = "No problem! I don't know when it ships, you need to wait.\n"
CLEAN = "Thanks for your patience while I looked into this.\n"


def test_findings_exit_1_and_show_position_rule_and_suggestion(run_cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(POOR)
    result = run_cli("check", str(draft))
    assert result.exit_code == ExitCode.FINDINGS
    out = result.output
    assert "1:1" in out and "positivity.no-problem" in out and "My pleasure" in out
    assert "^^^^^^^^^^" in out  # the matched words are marked, even without colour
    assert "empathy" in out and "positivity" in out
    assert "finding" in out.strip().splitlines()[-1]  # a summary line closes the output


def test_clean_reply_exits_0(run_cli):
    result = run_cli("check", "-", input=CLEAN)
    assert result.exit_code == ExitCode.OK, result.output
    assert "no findings" in result.output


@pytest.mark.parametrize("fail_on,expected", [
    ("error", ExitCode.OK), ("warning", ExitCode.FINDINGS),
    ("suggestion", ExitCode.FINDINGS), ("never", ExitCode.OK)])
def test_fail_on(run_cli, fail_on, expected):
    # "No problem" is a warning in the default pack and nothing here is an error.
    result = run_cli("check", "--fail-on", fail_on, "--select", "positivity.no-problem", "-",
                     input="No problem.")
    assert result.exit_code == expected


def test_json_shape(run_cli):
    result = run_cli("check", "--format", "json", "-", input=POOR)
    data = json.loads(result.stdout)
    assert data["version"] == 1
    (file,) = data["files"]
    assert file["path"] == "-"
    assert set(file["scores"]) >= {"empathy", "positivity"}
    assert all(0 <= file["scores"][k] <= 100 for k in ("empathy", "positivity"))
    assert file["findings"]
    for f in file["findings"]:
        assert {"rule", "category", "severity", "message", "match", "start", "end", "line",
                "column", "suggestions"} <= set(f)
        assert POOR[f["start"]:f["end"]] == f["match"]
        assert f["line"] >= 1 and f["column"] >= 1
        assert f["severity"] in ("error", "warning", "suggestion")
        assert all(isinstance(s, str) for s in f["suggestions"])


def test_json_keeps_stdout_clean_of_notices(run_cli):
    result = run_cli("check", "--format", "json", "-v", "-", input="No problem.")
    json.loads(result.stdout)
    assert "config:" in result.stderr and "pipeline:" in result.stderr


def test_select_ignore_by_category(run_cli):
    only = json.loads(run_cli("check", "--format", "json", "--select", "positivity", "-",
                              input=POOR).stdout)
    assert {f["category"] for f in only["files"][0]["findings"]} == {"positivity"}
    none = json.loads(run_cli("check", "--format", "json", "--ignore", "positivity", "-",
                              input=POOR).stdout)
    assert "positivity" not in {f["category"] for f in none["files"][0]["findings"]}


def test_empty_input_is_a_clean_report(run_cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli("check", "--format", "json", str(empty))
    assert result.exit_code == ExitCode.OK
    assert json.loads(result.stdout)["files"][0]["findings"] == []


@pytest.mark.parametrize("setup,expected", [
    (lambda d: d / "missing.txt", "missing.txt: no such file"),
    (lambda d: _write(d / "latin1.txt", b"ok\ncaf\xe9 au lait"), "latin1.txt:2:4: cannot decode"),
    (lambda d: _write(d / "binary.txt", b"\x00\x01\x02PNG"), "binary.txt: looks like a binary"),
])
def test_bad_input_is_one_line_and_exit_2(run_cli, tmp_path, setup, expected):
    path = setup(tmp_path)
    result = run_cli("check", str(path))
    assert result.exit_code == ExitCode.ERROR
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_a_broken_rule_file_names_file_and_line(run_cli, write_pack):
    pack = write_pack("rules:\n  - id: x.y\n    extends: existence\n   bad indent: [\n")
    result = run_cli("check", "--rules", str(pack), "-", input="hi")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.count("\n") == 1 and "pack.yml:" in result.stderr


def test_huge_file_is_refused(tmp_path, monkeypatch, run_cli):
    from tonecheck.inputs import text

    monkeypatch.setattr(text, "MAX_BYTES", 1000)
    monkeypatch.setattr(text.read_path, "__defaults__", (1000,))
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000)
    result = run_cli("check", str(big))
    assert result.exit_code == ExitCode.ERROR and "too large" in result.stderr


def test_a_directory_is_walked_for_text_files(run_cli, tmp_path):
    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "a.txt").write_text("No problem.")
    (tmp_path / "macros" / "b.md").write_text(CLEAN)
    (tmp_path / "macros" / "image.png").write_bytes(b"\x89PNG\x00")
    data = json.loads(run_cli("check", "--format", "json", str(tmp_path)).stdout)
    assert [f["path"].rsplit("/", 1)[-1] for f in data["files"]] == ["a.txt", "b.md"]


def test_rules_list_and_explain(run_cli):
    listed = run_cli("rules", "list", "--format", "json")
    rules = json.loads(listed.stdout)["rules"]
    assert len(rules) >= 60
    first = rules[0]
    assert {"id", "category", "severity", "message", "examples"} <= set(first)
    page = run_cli("rules", "explain", "positivity.no-problem")
    assert page.exit_code == 0
    for heading in ("What it flags", "Why it matters", "Flagged", "Fine"):
        assert heading in page.output
    assert run_cli("rules", "explain", "no.such-rule").exit_code == ExitCode.ERROR


def test_rules_list_and_explain_show_the_rules_the_config_adds(run_cli, write_pack, tmp_path):
    pack = write_pack(TEAM_RULE)
    config = tmp_path / ".tonecheck.yml"
    config.write_text(f"rules: [{pack}]\nvocabulary:\n  banned: {{utilize: use}}\n",
                      encoding="utf-8")
    listed = json.loads(run_cli("rules", "list", "--format", "json", "--config", str(config))
                        .stdout)["rules"]
    ids = {r["id"] for r in listed}
    assert {"team.hold-on", "vocabulary.banned", "positivity.no-problem"} <= ids
    assert run_cli("rules", "explain", "vocabulary.banned", "--config", str(config)).exit_code == 0
    # --no-config lists what the bundled pack alone holds.
    bare = json.loads(run_cli("rules", "list", "--format", "json", "--no-config").stdout)["rules"]
    assert "team.hold-on" not in {r["id"] for r in bare}


def test_validate_runs_a_packs_examples(run_cli, write_pack):
    pack = write_pack(TEAM_RULE)
    ok = run_cli("validate", str(pack))
    assert ok.exit_code == ExitCode.OK, ok.output
    failing = write_pack(pack.read_text().replace("good: [", "good: [Please hold on, "), "f.yml")
    result = run_cli("validate", str(failing))
    assert result.exit_code == ExitCode.FINDINGS and "good example was flagged" in result.output


def test_score_gates_fail_the_run(run_cli):
    result = run_cli("check", "--fail-on", "never", "--min-empathy", "100", "-", input="Done.")
    assert "score.min-empathy" in result.output
    # a gate is an error finding of its own, so only --fail-on never lets it pass
    assert run_cli("check", "--fail-on", "error", "--min-empathy", "100", "-",
                   input="Done.").exit_code == ExitCode.FINDINGS


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_console_script_errors_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "tonecheck", "check", str(tmp_path / "nope.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == ExitCode.ERROR
    assert proc.stderr.strip() == f"tonecheck: error: {tmp_path / 'nope.txt'}: no such file"


def test_stdin_through_python_m(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "tonecheck", "check", "--format", "json", "-"],
                          input="I don\u2019t know.", capture_output=True, text=True)
    assert proc.returncode == ExitCode.FINDINGS
    assert json.loads(proc.stdout)["files"][0]["findings"]


def test_colour_only_when_asked_or_on_a_terminal(run_cli, monkeypatch):
    plain = run_cli("check", "-", input="No problem.")
    assert "\x1b[" not in plain.output  # not a terminal here
    forced = run_cli("check", "--color", "-", input="No problem.")
    assert "\x1b[" in forced.output
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_cli("check", "-", input="No problem.").output
    monkeypatch.setenv("NO_COLOR", "1")  # a terminal, but no colour: bold/underline may stay
    colour = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7])m")
    assert not colour.search(run_cli("check", "-", input="No problem.").output)
    assert colour.search(forced.output)


def test_one_draft_shows_its_scores_a_library_only_files_with_findings(run_cli, tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN)
    (tmp_path / "poor.txt").write_text(POOR)
    signal_line = re.compile(r"^ +[+−]\d+ (empathy|positivity): ", re.MULTILINE)
    single = run_cli("check", str(tmp_path / "clean.txt")).output
    assert "clean.txt: scores: empathy" in single and signal_line.search(single)
    library = run_cli("check", str(tmp_path)).output
    # No lines of its own; it appears only in the closing "Lowest scores" table.
    assert "clean.txt:" not in library
    assert library.index("Lowest scores") > library.index("poor.txt: scores")
    assert "poor.txt: scores: empathy" in library and not signal_line.search(library)


def test_json_stays_valid_with_unicode_line_separators(run_cli):
    text = "No problem\u2028at all\x85, I don\u2019t know \u00e9\U0001F600\x0c yet."
    data = json.loads(run_cli("check", "--format", "json", "-", input=text).stdout)
    findings = data["files"][0]["findings"]
    assert findings and all(text[f["start"]:f["end"]] == f["match"] for f in findings)
