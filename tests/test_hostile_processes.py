"""Processes: a --jobs worker killed by the kernel, one bad file among many,
Ctrl-C during a long --jobs run and a reader that goes away (``| head -1``)."""
from __future__ import annotations

import json
import multiprocessing
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import poll
from tonecheck.exitcodes import ExitCode
from tonecheck.parallel import CHUNK, MIN_ITEMS_PER_JOB, WorkerDied, check_many

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods()
                                or not hasattr(os, "killpg"), reason="forked workers, POSIX")

POOR = "No problem! I don't know when it ships, you need to wait."


@pytest.fixture
def alarm():
    """Fail, rather than hang the suite, if the code under test hangs."""
    def on_alarm(signum, frame):
        raise TimeoutError("hung")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_a_killed_worker_ends_the_run_with_an_error_not_a_hang(linter, alarm):
    def items():
        for i in range(MIN_ITEMS_PER_JOB + 6 * CHUNK):
            if i == MIN_ITEMS_PER_JOB + CHUNK:  # work is out with both workers by now
                os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)
            yield f"r{i}.txt", f"{POOR} Order {i}."

    got = []
    with pytest.raises(WorkerDied, match="killed by SIGKILL, perhaps out of memory"):
        for report in check_many(linter, items(), jobs=2):
            got.append(report.path)
    assert got == [f"r{i}.txt" for i in range(len(got))]  # what came out is right and in order
    assert not poll(multiprocessing.active_children, lambda alive: not alive)  # the other worker is gone too


def test_the_cli_reports_a_dead_worker_and_closes_the_json(run_cli, tmp_path, monkeypatch):
    from tonecheck import parallel

    def dies(linter, items, jobs):
        items = iter(items)
        yield from linter.check_many([next(items)])
        raise WorkerDied("a --jobs worker process was killed by SIGKILL, perhaps out of memory")

    monkeypatch.setattr(parallel, "check_many", dies)
    for name in "ab":
        (tmp_path / f"{name}.txt").write_text(POOR)
    result = run_cli("check", "--format", "json", "--jobs", "2", str(tmp_path))
    assert result.exit_code == ExitCode.ERROR
    assert len(json.loads(result.stdout)["files"]) == 1  # a complete document
    assert result.stderr.strip().endswith("was killed by SIGKILL, perhaps out of memory")


@pytest.mark.parametrize("n", [MIN_ITEMS_PER_JOB + 100, pytest.param(2000, marks=pytest.mark.slow)])
def test_one_bad_file_among_many_with_two_jobs(run_cli, tmp_path, n):
    for i in range(n):
        (tmp_path / f"r{i:04d}.txt").write_text(f"{POOR} Order {i}.\n" if i % 3 else "Thanks!\n")
    (tmp_path / "r0299.txt").write_bytes(b"caf\xe9")
    runs = {}
    for jobs in ("1", "2"):
        result = run_cli("check", "--format", "json", "--jobs", jobs, str(tmp_path))
        assert result.exit_code == ExitCode.ERROR
        assert result.stderr.count("\n") == 1 and "r0299.txt:1:4: cannot decode" in result.stderr
        runs[jobs] = json.loads(result.stdout)
    paths = [Path(f["path"]).name for f in runs["2"]["files"]]
    assert paths == [f"r{i:04d}.txt" for i in range(n) if i != 299]  # each once, in order
    assert runs["2"] == runs["1"]


def _library(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i:05d}.txt").write_text(f"{POOR} Order {i}.\n")
    return folder


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in status  # exited; only waiting to be reaped by init


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_ctrl_c_during_a_jobs_run_exits_130_and_stops_the_workers(tmp_path):
    library = _library(tmp_path / "lib", 8_000)
    proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "check", "--format", "json",
                             "--jobs", "2", str(library)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = _children(proc.pid)
        assert len(workers) == 2, "the workers never started"
        # Interrupt once reports are flowing (the first block of output is out).
        head = b""
        while len(head) < 20_000 and select.select([proc.stdout], [], [], 60)[0]:
            head += os.read(proc.stdout.fileno(), 1 << 16)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
        out, err = proc.communicate(timeout=30)
        out = head + out
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == ExitCode.INTERRUPTED, err
    assert b"Traceback" not in err and err.strip() == b""
    lines = out.decode("utf-8").splitlines()
    assert lines[0] == "{" and lines[3] == '  "files": ['
    assert len(lines) > 5  # it was interrupted mid-run, not before or after
    for line in lines[4:]:  # every file line written is whole
        json.loads(line.rstrip(","))
    assert len(lines) < 8_000  # it did stop early
    deadline = time.monotonic() + 10
    while not all(_gone(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_gone(w) for w in workers)


@pytest.mark.slow
def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path):
    library = _library(tmp_path / "lib", 600)
    for fmt in ("text", "json"):
        proc = subprocess.Popen([sys.executable, "-m", "tonecheck", "check", "--format", fmt,
                                 "--jobs", "2", str(library)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        proc.stdout.readline()  # `| head -1`
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == ExitCode.OK, err
        assert err == b"", err
