"""`tonecheck report`: one self-contained HTML audit of a reply library."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, SHARED_EVAL

pytest.importorskip("pygal", reason="tonecheck report needs the report extra (pygal)")

LIBRARY = REPO / "tests" / "fixtures" / "library"
HOSTILE = (
    "Hi Sam,\n\nNo problem! <script>alert('x')</script> I don't know when it ships.\n"
    '<img src=x onerror="alert(1)"> <a href="https://evil.example/">click</a> '
    "Ünïcödé 日本語のテキスト and a very long word " + "x" * 300 + "\n"
)

#: A URL leaving the page in a script, style, image or link: none may be there.
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def _report(run_cli, tmp_path, *paths, extra=()):
    out = tmp_path / "report.html"
    result = run_cli("report", *map(str, paths), "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _tags(page: str):
    """Tags outside reply text: what a browser would actually build."""
    return re.findall(r"<(script|img|iframe|link|object|embed)\b[^>]*>", page, re.I)


def test_report_over_a_fixture_library(run_cli, tmp_path):
    page = _report(run_cli, tmp_path, LIBRARY / "saved.md", LIBRARY / "zendesk.json")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 2  # both histograms, inline
    assert "Empathy (0-100)" in page and "Positivity (0-100)" in page
    assert 'id="all"' in page and "<script>" in page  # the filterable table and its JS
    assert "lowest-scoring replies" in page and 'class="card"' in page
    assert "positivity.no-problem" in page  # the rules table
    assert not EXTERNAL.search(page)
    assert _tags(page) == ["script"]  # only the page's own script: no images, links, CDN


def test_hostile_reply_is_escaped(run_cli, tmp_path):
    reply = tmp_path / "hostile.txt"
    reply.write_text(HOSTILE, encoding="utf-8")
    page = _report(run_cli, tmp_path, reply)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "<img" not in page and "onerror=" not in page.replace("onerror=&quot;", "")
    assert _tags(page) == ["script"]
    assert not EXTERNAL.search(page)
    assert "日本語のテキスト" in page  # non-Latin text as written
    assert "<mark" in page and "→ replace with" in page  # highlighted, with suggestions
    assert "Before → after" in page and "<ins>My pleasure</ins>" in page


def test_hostile_title_and_path_are_escaped(run_cli, tmp_path):
    folder = tmp_path / "<b>x"
    folder.mkdir()
    (folder / "saved.md").write_text(
        "# <script>alert(3)</script> title\n\nNo problem, <svg onload=alert(4)> done.\n",
        encoding="utf-8")
    page = _report(run_cli, tmp_path, folder)
    assert "<script>alert" not in page and "<svg onload" not in page
    assert "&lt;b&gt;x" in page and "&lt;svg onload=alert(4)&gt;" in page


def test_json_and_compare(run_cli, tmp_path):
    before = tmp_path / "before.txt"
    before.write_text("No problem! I don't know. As I already said, you need to wait.\n")
    old = tmp_path / "old.json"
    _report(run_cli, tmp_path, before, extra=("--json", str(old)))
    data = json.loads(old.read_text(encoding="utf-8"))
    assert data["totals"]["replies"] == 1 and data["totals"]["findings"] >= 3
    before.write_text("Happy to help! Let me check and get back to you today.\n")
    page = _report(run_cli, tmp_path, before, extra=("--compare", str(old)))
    assert "Change since the last audit" in page
    assert "better" in page


def test_compare_with_a_bad_file_is_an_error(run_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    out = tmp_path / "r.html"
    result = run_cli("report", str(LIBRARY / "saved.md"), "-o", str(out), "--compare", str(bad))
    assert result.exit_code != 0 and not out.exists()


def test_templates_and_config_are_used_as_in_check(run_cli, tmp_path):
    reply = tmp_path / "macro.txt"
    reply.write_text("Hi {{ticket.requester.first_name}},\n\nNo problem, glad to help.\n")
    (tmp_path / ".tonecheck.yml").write_text("ignore: [positivity.no-problem]\n")
    page = _report(run_cli, tmp_path, reply, extra=("--templates", "--config",
                                                   str(tmp_path / ".tonecheck.yml")))
    data_out = tmp_path / "d.json"
    _report(run_cli, tmp_path, reply, extra=("--templates", "--config",
                                            str(tmp_path / ".tonecheck.yml"), "--json",
                                            str(data_out)))
    data = json.loads(data_out.read_text())
    assert all(f["rule"] != "positivity.no-problem"
               for r in data["replies"] for f in r["findings"])
    assert "{{ticket.requester.first_name}}" in page


@pytest.mark.skipif(not (SHARED_EVAL / "saved-replies").is_dir(),
                    reason="../shared/eval/saved-replies/ is not here")
def test_report_over_the_shared_saved_replies(run_cli, tmp_path):
    page = _report(run_cli, tmp_path, SHARED_EVAL / "saved-replies")
    assert page.count("<svg") == 2
    assert page.count('class="card"') == 10
    assert not EXTERNAL.search(page)
    assert _tags(page) == ["script"]


def test_check_does_not_load_the_report():
    code = ("import sys; from tonecheck.cli import cli; "
            "print(any(m.startswith(('pygal', 'tonecheck.report.page', 'tonecheck.report.data'))"
            " for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                         check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tonecheck") is None, reason="tonecheck is not installed")
def test_report_console_script(tmp_path):
    out = tmp_path / "r.html"
    proc = subprocess.run(["tonecheck", "report", str(LIBRARY), "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "wrote" in proc.stderr and out.stat().st_size > 10_000


def test_an_unreadable_path_is_named_in_the_page_and_exits_2(run_cli, tmp_path):
    out = tmp_path / "r.html"
    missing = tmp_path / "gone.txt"
    result = run_cli("report", str(LIBRARY / "saved.md"), str(missing), "-o", str(out))
    assert result.exit_code == 2
    page = out.read_text(encoding="utf-8")
    assert "could not be read" in page and "gone.txt" in page
    assert "Already fixed" in page  # what could be read is there


def test_nothing_readable_writes_nothing(run_cli, tmp_path):
    out = tmp_path / "r.html"
    result = run_cli("report", str(tmp_path / "gone.txt"), "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
