from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_EVAL = REPO.parent / "shared" / "eval"

#: A team's own rule, as a pack file holds it (a YAML list of rules).
TEAM_RULE = """\
- id: team.hold-on
  extends: existence
  category: courtesy
  severity: warning
  message: Sounds like the customer is interrupting.
  phrases: [hold on]
  examples: {bad: [Hold on a sec.], good: [Hold onto your receipt.]}
"""


def poll(call, done, seconds: float = 10.0):
    """``call()`` until ``done`` holds of its result or time runs out; the
    last result. For what a busy machine may take a while to reach (a
    worker's exit, a server thread taking a connection)."""
    import time

    deadline = time.monotonic() + seconds
    result = call()
    while not done(result) and time.monotonic() < deadline:
        time.sleep(0.05)
        result = call()
    return result


@pytest.fixture(scope="session", autouse=True)
def _own_cache_dir(tmp_path_factory):
    """Parsed rule files go to a cache of the run's own (commands the tests
    start inherit it), never to the user's."""
    import os

    os.environ["TONECHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("TONECHECK_NO_CACHE", None)


@pytest.fixture(autouse=True)
def _no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("TONECHECK_MODEL", raising=False)


@pytest.fixture(scope="session")
def linter():
    from tonecheck.engine import get_linter

    return get_linter()


@pytest.fixture
def run_cli():
    """Invoke the CLI in-process through click's runner; returns the result."""
    from click.testing import CliRunner

    from tonecheck.cli import cli

    def run(*args, input=None):
        runner = CliRunner()
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def write_pack(tmp_path):
    def write(text: str, name: str = "pack.yml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
