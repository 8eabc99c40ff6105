"""``tonecheck check --fix`` and ``--diff``: first replacements pasted into
the files, byte for byte elsewhere, atomically, and only once."""
from __future__ import annotations

import codecs
import os
import shutil
import stat

import pytest

from tonecheck import autofix
from tonecheck.exitcodes import ExitCode
from tonecheck.findings import Finding, Severity

from conftest import SHARED_EVAL

DRAFT = "Hi Sam,\n\nNo problem, I looked at your order.\nAt this point in time it is packed.\n"
FIXED = "Hi Sam,\n\nMy pleasure, I looked at your order.\nNow it is packed.\n"


def fix(run_cli, *args, **kwargs):
    return run_cli("check", "--no-scores", "--fail-on", "never", *args, **kwargs)


def test_fix_pastes_first_replacements_and_reports_what_remains(run_cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT + "As I already said, calm down.\n")
    result = fix(run_cli, "--fix", str(draft))
    assert result.exit_code == ExitCode.OK
    assert draft.read_text() == FIXED + "As I already said, calm down.\n"
    # what remains is reported, on the fixed text; advice is never applied
    assert "already said" in result.stdout and "No problem" not in result.stdout
    assert "2 fixed (1 file changed), " in result.stderr and " remaining" in result.stderr


@pytest.mark.parametrize("bom,encoding,newline", [
    (b"", "utf-8", "\r\n"), (codecs.BOM_UTF8, "utf-8", "\n"), (codecs.BOM_UTF8, "utf-8", "\r\n"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "\r\n"), (codecs.BOM_UTF16_BE, "utf-16-be", "\n"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "\r\n"), (b"", "utf-8", "\r"),
])
def test_fix_keeps_encoding_bom_and_line_endings(run_cli, tmp_path, bom, encoding, newline):
    def raw(text):
        return bom + text.replace("\n", newline).encode(encoding)

    draft = tmp_path / "draft.txt"
    draft.write_bytes(raw("Caf\u00e9 \u2014 " + DRAFT + "\u00a0Thanks!\n"))
    assert fix(run_cli, "--fix", str(draft)).exit_code == ExitCode.OK
    assert draft.read_bytes() == raw("Caf\u00e9 \u2014 " + FIXED + "\u00a0Thanks!\n")


def test_fix_keeps_permissions_and_leaves_no_temporary_file(run_cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)
    os.chmod(draft, 0o640)
    fix(run_cli, "--fix", str(draft))
    assert draft.read_text() == FIXED
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]


def test_fix_writes_through_a_symlink(run_cli, tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(DRAFT)
    (tmp_path / "link.txt").symlink_to(target)
    fix(run_cli, "--fix", str(tmp_path / "link.txt"))
    assert (tmp_path / "link.txt").is_symlink() and target.read_text() == FIXED


def test_read_only_file_is_an_error_naming_it_and_stays_untouched(run_cli, tmp_path):
    draft, other = tmp_path / "locked.txt", tmp_path / "open.txt"
    draft.write_text(DRAFT)
    other.write_text(DRAFT)
    os.chmod(draft, 0o444)
    result = fix(run_cli, "--fix", str(draft), str(other))
    assert result.exit_code == ExitCode.ERROR
    assert f"{draft}: is read-only; not fixed" in result.stderr
    assert draft.read_text() == DRAFT and stat.S_IMODE(draft.stat().st_mode) == 0o444
    assert other.read_text() == FIXED  # the rest of the run goes on


def test_interrupted_before_the_rename_leaves_the_original(run_cli, tmp_path, monkeypatch):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = fix(run_cli, "--fix", str(draft))
    assert result.exit_code == ExitCode.ERROR
    assert f"{draft}: cannot write the fixed file" in result.stderr
    assert draft.read_text() == DRAFT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]


def test_diff_prints_a_unified_diff_and_writes_nothing(run_cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)
    result = fix(run_cli, "--diff", str(draft))
    assert result.exit_code == ExitCode.FINDINGS  # there are fixes to make
    assert draft.read_text() == DRAFT
    name = str(draft).lstrip("/")  # as git diff writes an absolute path
    assert f"--- a/{name}\n+++ b/{name}\n" in result.stdout
    assert "-No problem, I looked at your order.\n-At this point in time it is packed.\n" \
        "+My pleasure, I looked at your order.\n+Now it is packed.\n" in result.stdout
    assert "[positivity.no-problem]" not in result.stdout  # the diff is the output
    assert "2 fixable (1 file would change); nothing written" in result.stderr
    piped = fix(run_cli, "--diff", "-", input=DRAFT)
    assert "+++ b/-\n" in piped.stdout and piped.exit_code == ExitCode.FINDINGS


def test_fix_twice_changes_nothing_the_second_time(run_cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT * 3)
    fix(run_cli, "--fix", str(draft))
    once = draft.read_bytes()
    again = fix(run_cli, "--fix", str(draft))
    assert draft.read_bytes() == once and "0 fixed (0 files changed)" in again.stderr
    diff = fix(run_cli, "--diff", str(draft))
    assert diff.stdout == "" and diff.exit_code == ExitCode.OK


def test_fix_twice_on_the_shared_saved_replies(run_cli, tmp_path):
    files = sorted((SHARED_EVAL / "saved-replies").glob("*.md"))
    if not files:
        pytest.skip(f"no saved replies under {SHARED_EVAL}")
    for f in files:
        shutil.copyfile(f, tmp_path / f.name)  # not its mode: shared/ is read-only
    first = fix(run_cli, "--fix", str(tmp_path))
    assert first.exit_code == ExitCode.OK, first.stderr
    once = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    second = fix(run_cli, "--fix", str(tmp_path))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == once
    assert "0 fixed (0 files changed)" in second.stderr
    for f in files:  # outside the fixed words, every byte is as it was
        before, after = f.read_bytes(), once[f.name]
        assert before.count(b"\n") == after.count(b"\n")
        assert before.count(b"```") == after.count(b"```")


def test_code_quotes_and_template_variables_stay_as_written(run_cli, tmp_path):
    md = tmp_path / "reply.md"
    text = ("## Shipping\n\nNo problem, it ships today.\n\n"
            "> No problem, you said.\n\n"
            "Run `no problem` here.\n\n"
            "    At this point in time indented code\n\n"
            "Hi {{At this point in time}}, at this point in time we ship.\n")
    md.write_text(text)
    fix(run_cli, "--fix", str(md))
    assert md.read_text() == text.replace("No problem, it ships", "My pleasure, it ships") \
        .replace("at this point in time we", "now we")


def test_protected_spans_find_code_quotes_and_templates():
    text = ("Hi {{name}} and <ISSUE_NUMBER>.\n> quoted\n```\nfenced\n```\n\n"
            "    indented\n\ntext `inline` and [link](http://x) <!-- note -->\n")
    spans = autofix.protected_spans(text, "a.md")
    covered = lambda word: any(s <= text.index(word) < e for s, e in spans)  # noqa: E731
    for word in ("{{name}}", "<ISSUE_NUMBER>", "quoted", "fenced", "indented", "inline",
                 "http", "note"):
        assert covered(word), word
    assert not covered("text") and not covered("Hi ")
    assert not any(s <= text.index("fenced") < e for s, e in autofix.protected_spans(text, "a.txt")
                   if e - s < 20 and text[s:e].startswith("```"))


def _finding(start, end, match, *replacements):
    return Finding(rule="r", severity=Severity.WARNING, category="c", message="m", match=match,
                   start=start, end=end, line=1, column=start + 1, replacements=replacements)


@pytest.mark.parametrize("kind,new,ok", [
    ("text", 'say "hi"', True), ("json", 'say "hi"', False), ("json", "You're welcome", True),
    ("csv", "a, b", False), ("yaml", "note: x", False), ("html", "a & b", False),
    ("markdown", "two\nlines", False),
])
def test_a_replacement_is_pasted_only_where_it_needs_no_escaping(kind, new, ok):
    source = '{"body": "No problem"}'
    f = _finding(10, 20, "No problem", new)
    assert autofix.pasteable(f, source, kind, []) is ok
    escaped = _finding(9, 21, "No problem", "x")  # the words are not verbatim there
    assert not autofix.pasteable(escaped, source, kind, [])


def test_fix_and_diff_refuse_what_they_cannot_do(run_cli, tmp_path):
    result = fix(run_cli, "--fix", "-", input=DRAFT)
    assert result.exit_code == ExitCode.ERROR and "stdin" in result.output
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)
    result = fix(run_cli, "--fix", "--diff", str(draft))
    assert result.exit_code == ExitCode.ERROR and draft.read_text() == DRAFT


def test_email_messages_are_not_fixed(run_cli, tmp_path):
    eml = tmp_path / "reply.eml"
    eml.write_text("From: a@example.com\nTo: b@example.com\nSubject: x\n\n" + DRAFT)
    before = eml.read_bytes()
    result = fix(run_cli, "--fix", str(eml))
    assert eml.read_bytes() == before and "email messages are not fixed" in result.stderr


def test_a_file_changed_after_the_check_is_not_fixed(linter, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)
    report = linter.check_text(DRAFT, str(draft))
    draft.write_text(DRAFT + "More.\n")
    notices = []
    fixer = autofix.Fixer(linter, write=True, notice=notices.append)
    fixer.feed(report)
    assert fixer.flush() == [report] and "changed since it was checked" in notices[0]
    assert draft.read_text() == DRAFT + "More.\n"


ZENDESK = """\
{
  "macros": [
    {
      "title": "Refund delay",
      "actions": [
        {"field": "status", "value": "pending"},
        {"field": "comment_value", "value": "No problem, {{ticket.requester.first_name}}.\\nAt this point in time it is packed."}
      ]
    }
  ],
  "count": 1
}
"""


def test_exports_change_only_the_reply_fields(run_cli, tmp_path):
    pytest.importorskip("tonecheck.inputs.library", reason="the export readers are not here")
    export = tmp_path / "macros.json"
    export.write_bytes(ZENDESK.replace("\n", "\r\n").encode())
    fix(run_cli, "--fix", str(export))
    expected = ZENDESK.replace("No problem, {{", "My pleasure, {{").replace(
        "At this point in time it", "Now it")
    assert export.read_bytes() == expected.replace("\n", "\r\n").encode()
    rows = tmp_path / "replies.csv"
    rows.write_text('title,body\r\nDelay,"No problem, it ships."\r\nOther,At this point in '
                    'time it ships.\r\n', newline="")
    fix(run_cli, "--fix", str(rows))
    assert rows.read_bytes() == (b'title,body\r\nDelay,"My pleasure, it ships."\r\n'
                                 b'Other,Now it ships.\r\n')
    yml = tmp_path / "macros.yaml"
    yml.write_text("macros:\n- title: Delay\n  actions:\n  - field: comment_value\n"
                   "    value: 'No problem, it is packed at this point in time.'\n")
    fix(run_cli, "--fix", str(yml))
    assert "now.'" in yml.read_text() and "title: Delay" in yml.read_text()
    assert fix(run_cli, "--diff", str(export), str(rows), str(yml)).stdout == ""


def test_rules_list_and_explain_say_what_fix_does(run_cli):
    listing = run_cli("rules", "list")
    fixable = [line.split()[0] for line in listing.stdout.splitlines() if "  fix  " in line]
    assert "positivity.no-problem" in fixable
    assert f"; {len(fixable)} marked fix offer replacements" in listing.stderr
    page = run_cli("rules", "explain", "positivity.no-problem").stdout
    assert "Fix available: sometimes (`tonecheck check --fix` pastes the first replacement" in page
    listing = {line.split()[0]: line for line in listing.stdout.splitlines()}
    never = next(i for i, line in listing.items() if "  fix  " not in line)
    page = run_cli("rules", "explain", never).stdout
    assert "Fix available: never (advice only" in page


def test_a_fixed_file_is_checked_again_as_the_run_checked_it(run_cli, tmp_path):
    if "--templates" not in run_cli("check", "--help").output:
        pytest.skip("no --templates option in this build")
    draft = tmp_path / "macro.txt"
    draft.write_text("Hi {{name}},\n\nNo problem, it ships.\n")
    result = fix(run_cli, "--templates", "--fix", str(draft))
    assert draft.read_text() == "Hi {{name}},\n\nMy pleasure, it ships.\n"
    # template mode holds for the check after the fix too: no left-over placeholder
    assert "structure.placeholder" not in result.stdout
    assert "1 fixed (1 file changed), 0 remaining" in result.stderr


def test_fix_with_parallel_jobs(run_cli, tmp_path):
    for i in range(30):
        (tmp_path / f"d{i:02}.txt").write_text(DRAFT)
    result = fix(run_cli, "--fix", "--jobs", "2", str(tmp_path))
    assert result.exit_code == ExitCode.OK, result.stderr
    assert all(p.read_text() == FIXED for p in tmp_path.iterdir())
    assert "60 fixed (30 files changed)" in result.stderr


WORRIES = """\
- id: team.worries
  extends: substitution
  category: positivity
  severity: warning
  message: Say it plainly.
  swap: {"no worries": "that's fine"}
  examples:
    bad: [{text: "No worries, it ships.", fixed: "That's fine, it ships."}]
    good: [It ships.]
"""


def test_a_fix_that_would_change_an_exports_shape_is_left_out(run_cli, tmp_path, write_pack):
    pytest.importorskip("tonecheck.inputs.library", reason="the export readers are not here")
    pack = str(write_pack(WORRIES))
    quoted = ("macros:\n- title: Delay\n  actions:\n  - field: comment_value\n"
              "    value: 'No worries, it ships.'\n")
    plain = quoted.replace("'No worries, it ships.'", "No worries, it ships.")
    (tmp_path / "quoted.yaml").write_text(quoted)
    (tmp_path / "plain.yaml").write_text(plain)
    result = fix(run_cli, "--no-default-rules", "--rules", pack, "--fix",
                 str(tmp_path / "quoted.yaml"), str(tmp_path / "plain.yaml"))
    # an apostrophe inside a single-quoted YAML string would end it: not pasted
    assert (tmp_path / "quoted.yaml").read_text() == quoted
    assert "1 fix(es) left out: the file would no longer read as the same replies" \
        in result.stderr
    assert (tmp_path / "plain.yaml").read_text() == plain.replace("No worries", "That's fine")
    assert "1 fixed (1 file changed), 1 remaining" in result.stderr


def test_case_follows_the_original_words(run_cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("NO PROBLEM AT ALL.\nSure, no problem.\n")
    fix(run_cli, "--fix", "--select", "positivity.no-problem", str(draft))
    assert draft.read_text() == "MY PLEASURE.\nSure, my pleasure.\n"


def _replacement_rules():
    from tonecheck.rules import load_rules

    return [r for r in load_rules([], include_default=True).rules if r.fixed_examples]


@pytest.mark.parametrize("rule", _replacement_rules(), ids=lambda r: r.id)
def test_fix_on_a_file_gives_each_rules_fixed_example(run_cli, tmp_path, rule):
    for i, (bad, fixed) in enumerate(rule.fixed_examples):
        draft = tmp_path / f"example{i}.txt"
        draft.write_text(bad + "\n")
        result = fix(run_cli, "--fix", "--select", rule.id, str(draft))
        assert result.exit_code == ExitCode.OK, result.stderr
        assert draft.read_text() == fixed + "\n"
