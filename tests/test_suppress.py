"""Inline suppressions: a comment in the file turns a rule off where it is,
and --report-unused-suppressions finds the ones that went stale."""
from __future__ import annotations

import json

from tonecheck.exitcodes import ExitCode
from tonecheck.suppress import parse


def rules(run_cli, path, *args):
    result = run_cli("check", "--format", "json", "--no-scores", *args, str(path))
    return [(f["line"], f["rule"]) for r in json.loads(result.stdout)["files"]
            for f in r["findings"]], result


def test_ignore_on_a_line_of_text(run_cli, tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("No problem, glad to help.  tonecheck: ignore[positivity.no-problem]\n"
                     "No problem again.\n")
    found, _ = rules(run_cli, reply)
    assert found == [(2, "positivity.no-problem")]  # only the line with the comment


def test_a_comment_alone_on_its_line_covers_the_next_line(run_cli, tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("# tonecheck: ignore[honesty, positivity.no-problem]\n"
                     "No problem. I don't know.\nI don't know.\n")
    found, _ = rules(run_cli, reply)
    assert found == [(3, "honesty.dont-know")]


def test_ignore_without_names_covers_every_rule_and_the_comment_is_never_checked(run_cli,
                                                                                   tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("No problem, I don't know.  tonecheck: ignore\n")
    assert rules(run_cli, reply)[0] == []
    reply.write_text("Sure.  tonecheck: ignore[positivity.no-problem]\n")  # 'problem' in it
    assert rules(run_cli, reply)[0] == []


def test_disable_and_enable_regions_in_markdown(run_cli, tmp_path):
    doc = tmp_path / "replies.md"
    doc.write_text("# Refund\n\n"
                   "<!-- tonecheck-disable positivity.no-problem -->\n"
                   "No problem at all.\n"
                   "<!-- tonecheck-enable -->\n\n"
                   "No problem again.\n\n"
                   "# Delay\n\n"
                   "<!-- tonecheck-disable -->\n"
                   "No problem. I don't know.\n")
    found, _ = rules(run_cli, doc)
    assert found == [(7, "positivity.no-problem")]


def test_disable_region_in_html(run_cli, tmp_path):
    page = tmp_path / "reply.html"
    page.write_text("<p>No problem.</p>\n<!-- tonecheck-disable positivity -->\n"
                    "<p>No problem again.</p>\n")
    found, _ = rules(run_cli, page)
    assert found == [(1, "positivity.no-problem")]


def test_unused_suppressions_are_listed_and_fail_the_run(run_cli, tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("Glad to help.  tonecheck: ignore[positivity.no-problem]\n"
                     "No problem.  tonecheck: ignore[positivity]\n")
    found, result = rules(run_cli, reply)
    assert found == [] and result.exit_code == ExitCode.OK
    found, result = rules(run_cli, reply, "--report-unused-suppressions")
    assert result.exit_code == ExitCode.FINDINGS
    assert f"{reply}:1: unused suppression (positivity.no-problem" in result.stderr
    assert f"{reply}:2:" not in result.stderr


def test_regions_are_read_only_in_markup_files():
    text = "<!-- tonecheck-disable -->\nNo problem.\n"
    assert parse(text, regions=False) == []
    (region,) = parse(text, regions=True)
    assert (region.first, region.last, region.rules) == (1, 2, None)


def test_a_yaml_comment_covers_the_reply_on_the_next_line(run_cli, tmp_path):
    export = tmp_path / "macros.yaml"
    export.write_text("macros:\n"
                      "  - title: Refund\n"
                      "    actions:\n"
                      "      - field: comment_value\n"
                      "        # tonecheck: ignore[positivity.no-problem]\n"
                      "        value: \"No problem, your refund is on its way.\"\n"
                      "  - title: Delay\n"
                      "    actions:\n"
                      "      - field: comment_value\n"
                      "        value: \"No problem, it ships today.\"\n")
    found, result = rules(run_cli, export, "--report-unused-suppressions")
    assert found == [(10, "positivity.no-problem")]
    assert "unused suppression" not in result.stderr


def test_a_suppressed_finding_is_never_fixed(run_cli, tmp_path):
    reply = tmp_path / "reply.txt"
    reply.write_text("No problem.  tonecheck: ignore[positivity.no-problem]\nNo problem.\n")
    run_cli("check", "--fix", "--no-scores", str(reply))
    assert reply.read_text() == ("No problem.  tonecheck: ignore[positivity.no-problem]\n"
                                 "My pleasure.\n")
