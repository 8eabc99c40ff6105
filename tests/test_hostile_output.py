"""What reaches the terminal and the JSON from a hostile reply or file name,
and where the config comes from (never from a shared folder above)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tonecheck.config import find_config
from tonecheck.exitcodes import ExitCode
from tonecheck.formatters.escape import path_fields, visible

RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\x00", "\r")


def test_visible_escapes_controls_bidi_and_undecodable_bytes():
    assert visible("plain text, émoji 😀") == "plain text, émoji 😀"
    assert visible("a\x1b]0;title\x07b") == "a\\x1b]0;title\\x07b"
    assert visible("x\ny\rz\t") == "x\\ny\\rz\\t"
    assert visible("\x9b2J \u202eevil\u202c \u2066i\u2069 \u2028") == \
        "\\x9b2J \\u202eevil\\u202c \\u2066i\\u2069 \\u2028"
    assert visible(os.fsdecode(b"caf\xe9")) == "caf\\xe9"


def test_path_fields_keep_json_valid_and_the_bytes_exact():
    assert path_fields("a b/c.txt") == {"path": "a b/c.txt"}
    fields = path_fields(os.fsdecode(b"d/caf\xe9.txt"))
    assert fields["path"] == "d/caf\ufffd.txt"
    import base64

    assert base64.b64decode(fields["path_base64"]) == b"d/caf\xe9.txt"


def test_escape_sequences_in_a_reply_are_shown_not_obeyed(run_cli):
    reply = "\x1b]0;pwned\x07No problem \u202eknahT\u202c \x9b2J\x1b[2J, I don't know.\n"
    result = run_cli("check", "--fail-on", "never", "-", input=reply)
    assert not any(c in result.stdout for c in RAW_CONTROLS), repr(result.stdout)
    assert "\\x1b]0;pwned\\x07" in result.stdout and "\\u202eknahT\\u202c" in result.stdout
    # the carets still sit under the words, after the escaped prefix
    lines = result.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if "[honesty.dont-know]" in line) + 1
    shown, carets = lines[row], lines[row + 1]
    assert shown.startswith("    1 │ \\x1b]0;pwned\\x07")
    assert carets.index("^") == shown.index("I don't know") and carets.count("^") == 12
    # the JSON keeps the exact text (escaped the JSON way)
    data = json.loads(run_cli("check", "--format", "json", "-", input=reply).stdout)
    found = data["files"][0]["findings"]
    assert any(f["match"] == "I don't know" for f in found)
    assert all(reply[f["start"]:f["end"]] == f["match"] for f in found)


def test_escape_sequences_in_a_file_name_are_escaped_on_stdout_and_stderr(run_cli, tmp_path):
    evil = tmp_path / "\x1b]0;pwned\x07\u202e.txt"
    evil.write_text("No problem.\n")
    missing = tmp_path / "\x1b[2Jgone.txt"
    result = run_cli("check", str(evil), str(missing))
    assert result.exit_code == ExitCode.ERROR
    assert not any(c in result.output for c in RAW_CONTROLS), repr(result.output)
    assert "\\x1b]0;pwned\\x07\\u202e.txt:1:1: warning" in result.stdout
    assert "\\x1b[2Jgone.txt: no such file" in result.stderr


# --- config discovery -------------------------------------------------------------------

@pytest.fixture
def fs(tmp_path, monkeypatch):
    """A home directory and a shared folder side by side, no project root
    anywhere above the test's folder."""
    if any((p / m).exists() for p in tmp_path.parents for m in (".git", "pyproject.toml")):
        pytest.skip("the test folder lies inside a project")
    home = tmp_path / "home" / "sam"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    return tmp_path


def test_a_config_in_a_shared_folder_above_is_not_picked_up(fs):
    shared = fs / "shared"
    (shared / "work" / "drafts").mkdir(parents=True)
    (shared / ".tonecheck.yml").write_text("default_rules: false\n")
    assert find_config(shared / "work" / "drafts") is None
    (shared / "work" / "drafts" / ".tonecheck.yml").write_text("fail_on: error\n")
    assert find_config(shared / "work" / "drafts") == shared / "work" / "drafts" / ".tonecheck.yml"


def test_the_search_climbs_to_home_and_stops_there(fs):
    home = Path(os.environ["HOME"])
    (home / "replies" / "billing").mkdir(parents=True)
    (fs / "home" / ".tonecheck.yml").write_text("fail_on: never\n")  # above home: never read
    assert find_config(home / "replies" / "billing") is None
    (home / ".tonecheck.yml").write_text("fail_on: error\n")
    assert find_config(home / "replies" / "billing") == home / ".tonecheck.yml"


def test_a_pyproject_marks_the_project_root(fs):
    project = fs / "shared" / "proj"
    (project / "macros").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (fs / "shared" / ".tonecheck.yml").write_text("fail_on: never\n")
    assert find_config(project / "macros") is None
    (project / "tonecheck.yml").write_text("fail_on: error\n")
    assert find_config(project / "macros") == project / "tonecheck.yml"


def test_verbose_and_json_name_the_config_used(run_cli, fs, monkeypatch):
    project = fs / "proj"
    project.mkdir()
    (project / ".git").mkdir()
    cfg = project / ".tonecheck.yml"
    cfg.write_text("fail_on: never\n")
    monkeypatch.chdir(project)
    verbose = run_cli("check", "-v", "-", input="Thanks!")
    assert f"tonecheck: config: {cfg}" in verbose.stderr
    assert json.loads(run_cli("check", "--format", "json", "-", input="Thanks!").stdout)[
        "config"] == str(cfg)
    assert json.loads(run_cli("check", "--format", "json", "--no-config", "-",
                              input="Thanks!").stdout)["config"] is None
    assert "config: none (--no-config)" in run_cli("check", "--verbose", "--no-config", "-",
                                                   input="Thanks!").stderr
