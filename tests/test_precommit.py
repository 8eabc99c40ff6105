"""The pre-commit hook (``.pre-commit-hooks.yaml``), run by pre-commit
itself: ``pre-commit try-repo`` installs tonecheck from this repository (as
committed) into its own environment and runs the hook on a library's files."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from conftest import REPO

def test_the_hook_manifest():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "tonecheck" and hook["entry"] == "tonecheck check"
    import re

    files = re.compile(hook["files"])
    for name in ("a.txt", "b.md", "c.html", "d.json", "e.yaml", "f.yml", "g.csv", "h.eml"):
        assert files.search(name), name
    assert not files.search("setup.py") and not files.search("notes.txt.bak")


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=tonecheck", "-c", "user.email=t@example.com",
                    "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.mark.slow  # pre-commit builds an environment with spaCy (about 30 s)
def test_pre_commit_try_repo_runs_the_hook(tmp_path):
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (`pip install pre-commit`; .ci/run installs it)")
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and this repository's git history (try-repo clones it)")
    library = tmp_path / "library"
    library.mkdir()
    _git(library, "init", "-q")
    (library / "refund.txt").write_text("No problem, I looked at your order.\n")
    (library / "thanks.md").write_text("## Thanks\n\nThanks for the report, it is fixed now.\n")
    (library / "script.py").write_text("# No problem here: not a reply\n")
    _git(library, "add", ".")
    _git(library, "commit", "-q", "-m", "drafts")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), NO_COLOR="1")

    def try_repo(*files):
        return subprocess.run(["pre-commit", "try-repo", str(REPO), "tonecheck", "--color=never",
                               "--files", *files], cwd=library, env=env, capture_output=True,
                              text=True, timeout=900)

    failed = try_repo("refund.txt", "thanks.md", "script.py")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "tonecheck" in failed.stdout and "Failed" in failed.stdout
    assert "refund.txt:1:1: warning" in failed.stdout and "[positivity.no-problem]" in failed.stdout
    assert "script.py" not in failed.stdout  # only the reply formats reach the hook
    passed = try_repo("thanks.md", "script.py")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
