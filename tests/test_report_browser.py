"""`tonecheck report` as a support lead sees it: the page rendered in headless Chromium.

Uses Debian's `chromium` (.ci/run installs it, as it does neomutt) with no Python
browser driver: a copy of the page gets a small test harness (an error catcher first,
a script driving the filter and the sort last) and Chromium's `--dump-dom` returns the
result. The screenshot is left in tests/artifacts/ (REPORT_ARTIFACTS overrides)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, SHARED_EVAL

pytest.importorskip("pygal", reason="tonecheck report needs the report extra (pygal)")

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium here: install Debian's chromium "
                       "(.ci/run does) to render the report in a real browser"),
    pytest.mark.skipif(not (SHARED_EVAL / "saved-replies").is_dir(),
                       reason="../shared/eval/saved-replies/ is not here"),
]

CATCH = """<script>window.__errors=[];window.addEventListener('error',function(e){
window.__errors.push(String(e.message));});</script>"""

DRIVE = """<script>(function(){
var out={errors:window.__errors};var rows=document.querySelectorAll('#all tbody tr');
function shown(){return Array.prototype.filter.call(rows,function(r){return !r.hidden;}).length;}
out.total=rows.length;out.before=shown();
var q=document.getElementById('f-text');q.value='%s';q.dispatchEvent(new Event('input'));
out.filtered=shown();out.count=document.getElementById('f-count').textContent;
q.value='';q.dispatchEvent(new Event('input'));out.cleared=shown();
document.querySelectorAll('#all thead button')[1].click();
out.first=document.querySelector('#all tbody tr').cells[1].getAttribute('data-v');
out.svgs=document.querySelectorAll('svg').length;out.pwned=window.__pwned||0;
out.resources=performance.getEntriesByType('resource').map(function(r){return r.name;});
var pre=document.createElement('pre');pre.id='__result';pre.textContent=JSON.stringify(out);
document.body.appendChild(pre);})();</script>"""


def _chromium(*args, timeout=120):
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--no-first-run", "--disable-extensions",
                           "--disable-background-networking", *args],
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    proc = subprocess.run([os.sys.executable, "-m", "tonecheck", "report",
                           str(SHARED_EVAL / "saved-replies"), "-o", str(out)],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    return out


def _drive(page: Path, tmp_path, word: str) -> dict:
    html = page.read_text(encoding="utf-8")
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("<head>", "<head>" + CATCH, 1)
                     .replace("</body>", DRIVE % word + "</body>", 1), encoding="utf-8")
    proc = _chromium("--virtual-time-budget=5000", "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="__result">(.*?)</pre>', proc.stdout, re.S)
    assert found, proc.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")
                      .replace("&lt;", "<").replace("&gt;", ">"))


def test_page_loads_filters_and_sorts_in_chromium(page, tmp_path):
    result = _drive(page, tmp_path, "problem")
    assert result["errors"] == []
    assert result["resources"] == []  # no network request of any kind
    assert result["svgs"] >= 2  # both histograms
    assert result["total"] > 10 and result["before"] == result["total"]
    assert 0 < result["filtered"] < result["total"]
    assert result["count"].startswith(f"{result['filtered']} of ")
    assert result["cleared"] == result["total"]
    assert result["first"] not in (None, "")


def test_screenshot(page):
    folder = Path(os.environ.get("REPORT_ARTIFACTS", REPO / "tests" / "artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / "report.png"
    if shot.exists():
        shot.unlink()
    _chromium("--window-size=1280,2400", "--hide-scrollbars", f"--screenshot={shot}",
              page.as_uri())
    assert shot.is_file() and shot.stat().st_size > 20_000


def test_html_in_a_reply_never_runs_in_chromium(tmp_path):
    replies = tmp_path / "replies"
    replies.mkdir()
    (replies / "a.txt").write_text(
        "Hi,\n\nNo problem! <script>window.__pwned=1</script> I don't know.\n"
        '<img src=x onerror="window.__pwned=2"> <svg onload="window.__pwned=3"></svg>\n')
    (replies / "b.txt").write_text("Hi Ana,\n\nThanks for waiting, it is fixed now.\n")
    out = tmp_path / "r.html"
    proc = subprocess.run([os.sys.executable, "-m", "tonecheck", "report", str(replies),
                           "-o", str(out)], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    result = _drive(out, tmp_path, "pwned")
    assert result["pwned"] == 0 and result["errors"] == [] and result["resources"] == []
    assert result["filtered"] == 1 and result["total"] == 2
