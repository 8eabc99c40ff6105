"""The CI outputs: GitHub annotations, SARIF (validated against the official
schema), JUnit XML, the library run's closing tables, and --baseline."""
from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tonecheck.exitcodes import ExitCode
from tonecheck.findings import FileReport, Finding, Severity
from tonecheck.formatters import OutputFormat, get_formatter
from tonecheck.formatters.base import Summary
from tonecheck.formatters.github import escape_data, escape_property

REPO = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = REPO / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"

POOR = "No problem! I don't know when it ships, you need to wait.\n"
CLEAN = "Thanks for your patience while I looked into this.\n"
#: What a hostile reply or file name can hold: a terminal escape, CR/LF, a
#: workflow command of its own, %-escapes, XML markup, a bidi override, U+FFFF.
HOSTILE = "x\x1b[31m\r\n::error::pwned %0A %25 <b>&amp;</b> ]]> \u202e \uffff \x00 ,:"


def _hostile_report() -> FileReport:
    text = "No problem " + HOSTILE
    findings = (
        Finding(rule="positivity.no-problem", severity=Severity.WARNING, category="positivity",
                message='"No problem" hints at a problem.', match="No problem", start=0, end=10,
                line=1, column=1, end_line=1, end_column=11, replacements=("My pleasure",)),
        Finding(rule="team.x%,:y", severity=Severity.ERROR, category="team",
                message="bad " + HOSTILE, match=HOSTILE, start=11, end=len(text), line=1,
                column=12, end_line=2, end_column=40, replacements=(HOSTILE,),
                advice="advice " + HOSTILE),
    )
    return FileReport(path="dir/a,b:c%" + "\x1b\n.txt", text=text, findings=findings)


def _render(fmt: str, reports, **options) -> str:
    out = io.StringIO()
    formatter = get_formatter(fmt)(out, many=len(reports) > 1, **options)
    summary = Summary()
    formatter.start()
    for r in reports:
        formatter.file(r)
        summary.add(r)
    formatter.finish(summary)
    return out.getvalue()


def _library(tmp_path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "poor.txt").write_text(POOR)
    (lib / "clean.txt").write_text(CLEAN)
    (lib / "apology.txt").write_text("Hi,\n\nWe apologize for any inconvenience.\n")
    return lib


def test_every_format_has_a_formatter():
    for fmt in OutputFormat:
        assert get_formatter(fmt.value).__name__.lower().startswith(fmt.value)


# -- github ------------------------------------------------------------------------
def test_github_escaping():
    assert escape_data("100%\r\nx") == "100%25%0D%0Ax"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert escape_data("\x1b[31m") == "\\x1b[31m"


def test_github_annotations_from_the_cli(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _library(tmp_path)
    result = run_cli("check", "--format", "github", "lib")
    assert result.exit_code == ExitCode.FINDINGS
    lines = result.stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert commands and len(commands) == len(lines) - 1  # and one closing log line
    first = re.match(r"::(\w+) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),"
                     r"title=([^:]+)::(.+)$", commands[0])
    assert first, commands[0]
    assert first.group(2).startswith("lib/") and first.group(1) in ("error", "warning", "notice")
    assert any("positivity.no-problem" in c and "My pleasure" in c for c in commands)


def test_github_hostile_text_stays_one_command_per_finding():
    out = _render("github", [_hostile_report()])
    lines = out.splitlines()
    assert len(lines) == 3  # two findings and the closing log line
    for line in lines[:2]:
        assert line.startswith(("::warning ", "::error "))
        props, sep, message = line[2:].partition("::")
        assert sep
        assert "\x1b" not in line and "\r" not in line and "\x00" not in line
        # Properties: only the separators GitHub reads; values hold no ':' or ','.
        fields = props.split(" ", 1)[1].split(",")
        assert all(f.count("=") >= 1 and ":" not in f for f in fields)
        # A '%' from the text is always escaped, so no '%0A' of ours is read as a newline.
        assert re.search(r"%(?!25|0A|0D|3A|2C)", line) is None
    assert "file=dir/a%2Cb%3Ac%25\\x1b%0A.txt" in lines[0]
    assert "title=tonecheck team.x%25%2C%3Ay" in lines[1]
    assert "::error::pwned" in lines[1].partition("::")[2].partition("::")[2]  # as data


# -- sarif ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sarif_validator():
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not at {SARIF_SCHEMA} (../shared/schemas/)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _valid(validator, doc) -> None:
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_from_the_cli_is_valid(run_cli, tmp_path, monkeypatch, sarif_validator):
    monkeypatch.chdir(tmp_path)
    _library(tmp_path)
    result = run_cli("check", "--format", "sarif", "--min-empathy", "90", "lib")
    assert result.exit_code == ExitCode.FINDINGS
    doc = json.loads(result.stdout)
    _valid(sarif_validator, doc)
    (run,) = doc["runs"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "positivity.no-problem" in rules and "score.min-empathy" in rules
    rule = rules["positivity.no-problem"]
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert rule["defaultConfiguration"]["level"] == "warning"
    results = run["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} \
        <= {"lib/poor.txt", "lib/clean.txt", "lib/apology.txt"}
    for r in results:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    fixed = [r for r in results if r["ruleId"] == "positivity.no-problem"]
    (change,) = fixed[0]["fixes"][0]["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["deletedRegion"] == {"startLine": 1, "startColumn": 1, "endLine": 1,
                                            "endColumn": 11}
    assert replacement["insertedContent"]["text"] == "My pleasure"
    assert not any("fixes" in r for r in results if r["ruleId"] == "courtesy.demand")


def test_sarif_no_findings_is_valid(run_cli, sarif_validator):
    result = run_cli("check", "--format", "sarif", "-", input=CLEAN)
    assert result.exit_code == ExitCode.OK
    doc = json.loads(result.stdout)
    _valid(sarif_validator, doc)
    assert doc["runs"][0]["results"] == []


def test_sarif_hostile_text_is_valid(sarif_validator):
    doc = json.loads(_render("sarif", [_hostile_report()]))
    _valid(sarif_validator, doc)
    (result_ok, result_bad) = doc["runs"][0]["results"]
    uri = result_bad["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "dir/a%2Cb%3Ac%25%1B%0A.txt"
    assert result_bad["message"]["text"].startswith("bad " + HOSTILE)  # JSON escapes it
    assert [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]] == \
        ["positivity.no-problem", "team.x%,:y"]


# -- junit -----------------------------------------------------------------------------
def test_junit_one_case_per_file(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _library(tmp_path)
    result = run_cli("check", "--format", "junit", "lib")
    assert result.exit_code == ExitCode.FINDINGS
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = root.findall("./testsuite/testcase")
    assert sorted(c.get("name") for c in cases) == ["lib/apology.txt", "lib/clean.txt",
                                                    "lib/poor.txt"]
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    assert failed == {"lib/poor.txt", "lib/apology.txt"}
    assert root.get("tests") == "3" and root.get("failures") == "2"
    poor = next(c for c in cases if c.get("name") == "lib/poor.txt")
    assert "positivity.no-problem" in poor.find("failure").text
    # --fail-on error: warnings do not fail a case; they are listed in system-out.
    lenient = ET.fromstring(run_cli("check", "--format", "junit", "--fail-on", "error",
                                    "lib").stdout.encode("utf-8"))
    assert lenient.get("failures") == "0"
    assert "positivity.no-problem" in "".join(lenient.itertext())


def test_junit_hostile_text_is_well_formed():
    out = _render("junit", [_hostile_report()], threshold=Severity.WARNING)
    root = ET.fromstring(out.encode("utf-8"))
    (case,) = root.iter("testcase")
    text = case.find("failure").text
    assert "<b>&amp;</b> ]]>" in text and "\\x1b" in text and "\\uffff" in text
    assert case.get("classname") == "dir/a,b:c%\\x1b\\n.txt"


def test_reply_titles_are_used_where_present():
    from dataclasses import fields, replace

    report = _hostile_report()
    if "title" not in {f.name for f in fields(report)}:
        pytest.skip("FileReport has no title yet")
    report = replace(report, title="Refund: late <order>")
    junit = ET.fromstring(_render("junit", [report]).encode("utf-8"))
    assert next(junit.iter("testcase")).get("name").endswith("[Refund: late <order>]")
    assert "(Refund%3A late <order>)" in _render("github", [report])
    sarif = json.loads(_render("sarif", [report]))
    loc = sarif["runs"][0]["results"][0]["locations"][0]
    assert loc["logicalLocations"][0]["name"] == "Refund: late <order>"


# -- text: closing tables ----------------------------------------------------------------
def test_library_run_ends_with_lowest_scores_and_statistics(run_cli, tmp_path):
    lib = _library(tmp_path)
    out = run_cli("check", "--statistics", str(lib)).stdout
    table = out[out.index("Lowest scores (3 of 3 replies):"):]
    rows = [line for line in table.splitlines()[2:5]]
    lows = [min(int(n) for n in line.split()[1:3]) for line in rows]
    assert lows == sorted(lows)  # lowest first
    stats = re.findall(r"^(\d+)  (\S+) +(\[\*\])? *(.+)$", out, re.MULTILINE)
    counts = {rule: int(n) for n, rule, _, _ in stats}
    assert counts["positivity.no-problem"] == 1
    assert counts["professionalism.robotic-apology"] == 1
    assert out.strip().splitlines()[-1].startswith("✖")
    # One draft: no table, and no statistics without the flag.
    single = run_cli("check", str(lib / "poor.txt")).stdout
    assert "Lowest scores" not in single and not re.search(r"^1  positivity", single, re.M)


# -- baseline ------------------------------------------------------------------------------
def test_baseline_survives_lines_added_above(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lib = _library(tmp_path)
    base = tmp_path / "tonecheck-baseline.json"
    wrote = run_cli("check", "--baseline", str(base), "--write-baseline", "lib")
    assert wrote.exit_code == ExitCode.OK
    data = json.loads(base.read_text())
    assert data["version"] == 1
    assert {"path": "lib/poor.txt", "rule": "positivity.no-problem", "match": "no problem",
            "count": 1} in data["findings"]
    assert all(set(e) <= {"path", "title", "rule", "match", "count"} for e in data["findings"])

    # Lines added above every finding: nothing is new.
    (lib / "poor.txt").write_text("Hello,\n\nThanks for writing in.\n\n" + POOR)
    again = run_cli("check", "--baseline", str(base), "lib")
    assert again.exit_code == ExitCode.OK, again.stdout
    assert "no findings" in again.stdout and "in the baseline" in again.stdout

    # A second "No problem" in the same file is new (counts matter); it alone is reported.
    (lib / "poor.txt").write_text("No problem.\n" + POOR)
    new = run_cli("check", "--format", "json", "--baseline", str(base), "lib")
    assert new.exit_code == ExitCode.FINDINGS
    found = [(f["rule"], f["line"]) for file in json.loads(new.stdout)["files"]
             for f in file["findings"]]
    assert found == [("positivity.no-problem", 2)]

    # From another directory the same baseline still matches (paths are relative to it).
    monkeypatch.chdir(lib)
    (lib / "poor.txt").write_text(POOR)
    assert run_cli("check", "--baseline", str(base), ".").exit_code == ExitCode.OK


def test_baseline_notes_fixed_findings(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lib = _library(tmp_path)
    run_cli("check", "--baseline", "b.json", "--write-baseline", "lib")
    (lib / "poor.txt").write_text(CLEAN)
    result = run_cli("check", "--baseline", "b.json", "lib")
    assert result.exit_code == ExitCode.OK
    assert "in the baseline b.json are gone" in result.stderr


def test_baseline_errors(run_cli, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(POOR)
    missing = run_cli("check", "--baseline", str(tmp_path / "none.json"), str(draft))
    assert missing.exit_code == ExitCode.ERROR and "baseline not found" in missing.stderr
    (tmp_path / "bad.json").write_text('{"version": 7}')
    bad = run_cli("check", "--baseline", str(tmp_path / "bad.json"), str(draft))
    assert bad.exit_code == ExitCode.ERROR and "not a tonecheck baseline" in bad.stderr
    usage = run_cli("check", "--write-baseline", str(draft))
    assert usage.exit_code == ExitCode.ERROR


def test_sarif_rule_help_uri_from_the_rule_link(run_cli, write_pack, sarif_validator):
    from conftest import TEAM_RULE

    pack = write_pack(TEAM_RULE.replace("  phrases:", "  link: https://wiki.example/hold-on\n"
                                                     "  phrases:"))
    result = run_cli("check", "--format", "sarif", "--rules", str(pack), "-",
                     input="Hold on a sec, no problem.")
    doc = json.loads(result.stdout)
    _valid(sarif_validator, doc)
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["team.hold-on"]["helpUri"] == "https://wiki.example/hold-on"
    assert "helpUri" not in rules["positivity.no-problem"]
    assert any(r["ruleId"] == "team.hold-on" for r in doc["runs"][0]["results"])


def test_sarif_fixes_only_where_pasting_gives_the_intended_file(run_cli, sarif_validator):
    library = REPO / "tests" / "fixtures" / "library"
    if not (library / "zendesk.json").is_file():
        pytest.skip("no helpdesk export fixtures")
    result = run_cli("check", "--format", "sarif", str(library / "zendesk.json"),
                     str(library / "page.html"), str(library / "freshdesk.csv"))
    doc = json.loads(result.stdout)
    _valid(sarif_validator, doc)
    fixes = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
              .rsplit("/", 1)[-1]): len(r.get("fixes", ())) for r in doc["runs"][0]["results"]}
    # "I don&#39;t know" in the export's HTML and "We <b>can't" are not the words matched.
    assert fixes[("honesty.dont-know", "zendesk.json")] == 0
    assert fixes[("positivity.we-cant", "page.html")] == 0
    assert fixes[("positivity.no-problem", "zendesk.json")] == 3
    assert fixes[("honesty.dont-know", "freshdesk.csv")] == 2
    for r in doc["runs"][0]["results"]:  # a replacement is never pasted where it needs escaping
        for fix in r.get("fixes", ()):
            text = fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
            assert not set(text) & set('"\\<>&')


def test_baseline_matches_replies_of_a_multi_reply_file_by_title(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    saved = tmp_path / "saved.md"
    saved.write_text("## Refund\n\nNo problem, it is done.\n\n## Shipping\n\nThanks for asking.\n")
    assert run_cli("check", "--baseline", "b.json", "--write-baseline", "saved.md").exit_code == 0
    # A new section above and the old one moved down: nothing new.
    saved.write_text("## Intro\n\nThanks for writing in.\n\n## Refund\n\nNo problem, it is done."
                     "\n\n## Shipping\n\nThanks for asking.\n")
    assert run_cli("check", "--baseline", "b.json", "saved.md").exit_code == ExitCode.OK
    # The same words in another reply are new where that reply has a title.
    saved.write_text("## Refund\n\nNo problem, it is done.\n\n## Shipping\n\nNo problem, "
                     "thanks for asking.\n")
    result = run_cli("check", "--format", "json", "--baseline", "b.json", "saved.md")
    titled = any(f.get("title") for f in json.loads(result.stdout)["files"])
    if not titled:
        pytest.skip("Markdown files are one reply here")
    assert result.exit_code == ExitCode.FINDINGS
    found = [(f.get("title"), x["line"]) for f in json.loads(result.stdout)["files"]
             for x in f["findings"]]
    assert found == [("Shipping", 7)]


def test_unreadable_files_are_errors_in_junit_and_sarif(run_cli, tmp_path, monkeypatch,
                                                       sarif_validator):
    monkeypatch.chdir(tmp_path)
    lib = _library(tmp_path)
    (lib / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    junit = run_cli("check", "--format", "junit", "lib")
    assert junit.exit_code == ExitCode.ERROR
    root = ET.fromstring(junit.stdout.encode("utf-8"))
    assert root.get("errors") == "1" and root.get("tests") == "4"
    (case,) = [c for c in root.iter("testcase") if c.find("error") is not None]
    assert case.get("name") == "lib/binary.txt"
    sarif = run_cli("check", "--format", "sarif", "lib")
    assert sarif.exit_code == ExitCode.ERROR
    doc = json.loads(sarif.stdout)
    _valid(sarif_validator, doc)
    (invocation,) = doc["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "lib/binary.txt"
