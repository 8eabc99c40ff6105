"""Files on disk that a hostile or careless user hands over: FIFOs and device
files (never read), endless files (byte cap), unreadable files and folders,
symlink loops, files that vanish, paths past PATH_MAX, odd names, a closed
stdin, a package that is no spaCy pipeline and a full disk. Each gives one
line naming the file and the documented exit code, never a hang or a
traceback."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from tonecheck.errors import TonecheckError
from tonecheck.exitcodes import ExitCode
from tonecheck.files import read_capped

CLEAN = "Thanks for your patience while I looked into this.\n"
POOR = "No problem! I don't know when it ships.\n"
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


@contextmanager
def unblocking(fifo: Path, after: float = 10.0):
    """If the code under test does open the FIFO for reading (the bug), a
    writer turns up after ``after`` seconds so the test fails instead of
    hanging the suite."""
    done = threading.Event()

    def rescue():
        if not done.wait(after):
            fd = os.open(fifo, os.O_WRONLY)  # releases a blocked reader with EOF
            os.close(fd)

    thread = threading.Thread(target=rescue, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()


def _one_error_line(result, fragment: str) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], result.stderr
    assert "Traceback" not in result.output
    return lines[0]


# --- FIFOs and devices -------------------------------------------------------

@needs_fifo
@pytest.mark.parametrize("name", ["draft.txt", "reply.eml"])
def test_a_fifo_named_directly_is_refused_unread(run_cli, tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    with unblocking(fifo):
        result = run_cli("check", str(fifo))
    assert result.exit_code == ExitCode.ERROR
    _one_error_line(result, f"{name}: is a FIFO (named pipe), not a regular file; not read")


@needs_fifo
def test_a_fifo_in_a_folder_is_skipped_with_a_notice(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(CLEAN)
    os.mkfifo(tmp_path / "pipe.txt")
    with unblocking(tmp_path / "pipe.txt"):
        result = run_cli("check", "--format", "json", str(tmp_path))
    assert result.exit_code == ExitCode.OK
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["a.txt"]
    assert "pipe.txt: is a FIFO (named pipe), not a regular file; skipped" in result.stderr


@needs_fifo
@pytest.mark.parametrize("option", ["--rules", "--config"])
def test_a_fifo_as_rule_pack_or_config_is_refused_unread(run_cli, tmp_path, option):
    fifo = tmp_path / "team.yml"
    os.mkfifo(fifo)
    with unblocking(fifo):
        result = run_cli("check", option, str(fifo), "-", input=CLEAN)
    assert result.exit_code == ExitCode.ERROR
    _one_error_line(result, "team.yml: is a FIFO (named pipe), not a regular file; not read")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_device_files_are_refused_unread(run_cli, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    result = run_cli("check", device)
    assert result.exit_code == ExitCode.ERROR
    _one_error_line(result, f"{device}: is a character device, not a regular file; not read")


def test_the_byte_cap_holds_whatever_size_the_file_claims():
    # /proc files claim a size of 0 and hold more: the cap is on bytes read.
    if not os.path.exists("/proc/self/maps"):
        pytest.skip("no /proc")
    with pytest.raises(TonecheckError, match=r"too large \(over 10 bytes"):
        read_capped("/proc/self/maps", 10)
    assert read_capped("/proc/self/maps", 10_000_000)


# --- permissions ---------------------------------------------------------------

def _deny(monkeypatch, target: Path, *names: str):
    """Make ``os.<name>`` raise PermissionError for ``target`` (and below),
    as a chmod 000 does for a normal user; root ignores file modes."""
    prefix = os.fsencode(target)
    for name in names:
        real = getattr(os, name)

        def denied(path, *args, _real=real, **kwargs):
            if isinstance(path, (str, bytes, os.PathLike)) and os.fsencode(path).startswith(prefix):
                raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, denied)


def test_an_unreadable_file_is_one_line_and_exit_2(run_cli, tmp_path, monkeypatch):
    draft = tmp_path / "secret.txt"
    draft.write_text(POOR)
    _deny(monkeypatch, draft, "open")
    result = run_cli("check", str(draft))
    assert result.exit_code == ExitCode.ERROR
    _one_error_line(result, "secret.txt: permission denied")


def test_an_unreadable_folder_on_the_path_is_one_line_and_exit_2(run_cli, tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "draft.txt").write_text(POOR)
    _deny(monkeypatch, tmp_path / "locked", "stat", "open", "scandir")
    result = run_cli("check", str(tmp_path / "locked" / "draft.txt"))
    assert result.exit_code == ExitCode.ERROR
    _one_error_line(result, "draft.txt: permission denied")


def test_an_unreadable_subfolder_is_an_error_not_a_silent_skip(run_cli, tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(CLEAN)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text(POOR)
    _deny(monkeypatch, tmp_path / "locked", "scandir")
    result = run_cli("check", "--format", "json", str(tmp_path))
    assert result.exit_code == ExitCode.ERROR
    _one_error_line(result, "locked: cannot read this directory: permission denied")
    data = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["ok.txt"]
    assert data["summary"]["unreadable"] == 1


@pytest.mark.skipif(ROOT, reason="runs as root, where chmod 000 does not stop reads "
                                 "(the monkeypatched tests above cover it)")
def test_chmod_000_file_and_folder(run_cli, tmp_path):
    (tmp_path / "ok.txt").write_text(CLEAN)
    locked, draft = tmp_path / "locked", tmp_path / "nope.txt"
    locked.mkdir()
    (locked / "x.txt").write_text(POOR)
    draft.write_text(POOR)
    locked.chmod(0)
    draft.chmod(0)
    try:
        result = run_cli("check", str(tmp_path))
        assert result.exit_code == ExitCode.ERROR
        assert "locked: cannot read this directory: permission denied" in result.stderr
        assert "nope.txt: permission denied" in result.stderr
    finally:
        locked.chmod(0o755)
        draft.chmod(0o644)


# --- links, vanishing files, long paths, odd names ----------------------------------

def test_symlink_loops_and_broken_links(run_cli, tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    (tmp_path / "ok.txt").write_text(CLEAN)
    (tmp_path / "cycle").symlink_to(tmp_path)  # a folder link: not followed, no recursion
    result = run_cli("check", "--format", "json", str(tmp_path))
    assert result.exit_code == ExitCode.ERROR
    assert "loop.txt: too many levels of symbolic links" in result.stderr
    assert "gone.txt: broken symbolic link" in result.stderr
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["ok.txt"]
    named = run_cli("check", str(tmp_path / "loop.txt"))
    assert named.exit_code == ExitCode.ERROR
    _one_error_line(named, "loop.txt: too many levels of symbolic links")


def test_a_file_that_vanishes_during_the_run_is_a_notice(run_cli, tmp_path, monkeypatch):
    from tonecheck.inputs import discover

    (tmp_path / "a.txt").write_text(CLEAN)
    (tmp_path / "b.txt").write_text(CLEAN)
    real = discover.expand

    def expand_then_delete(*args, **kwargs):
        for p in real(*args, **kwargs):
            if str(p).endswith("a.txt"):
                os.remove(p)  # deleted between the listing and the read
            yield p

    monkeypatch.setattr(discover, "expand", expand_then_delete)
    result = run_cli("check", "--format", "json", str(tmp_path))
    assert result.exit_code == ExitCode.OK
    assert "a.txt: disappeared during the run; skipped" in result.stderr
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["b.txt"]


def _deep_folder(base: Path, monkeypatch) -> str:
    """A folder more than PATH_MAX (4096) bytes below ``base``, made one short
    step at a time with relative paths; returns its full path."""
    monkeypatch.chdir(base)
    name = "d" * 200
    for _ in range(25):
        os.mkdir(name)
        os.chdir(name)
    with open("draft.txt", "w") as fh:
        fh.write(POOR)
    monkeypatch.chdir(base)
    return os.path.join(str(base), *[name] * 25)


def test_a_path_past_path_max_is_an_error_not_zero_files(run_cli, tmp_path, monkeypatch):
    deep = _deep_folder(tmp_path, monkeypatch)
    named = run_cli("check", os.path.join(deep, "draft.txt"))
    assert named.exit_code == ExitCode.ERROR
    _one_error_line(named, "path is too long")
    walked = run_cli("check", str(tmp_path))
    assert walked.exit_code == ExitCode.ERROR
    assert "cannot read this directory: path is too long" in walked.stderr
    assert "no findings in 0 files" not in walked.stdout or "could not be read" in walked.stdout


def test_names_with_spaces_newlines_and_bytes_that_are_not_utf8(run_cli, tmp_path):
    (tmp_path / "with space.txt").write_text(POOR)
    (tmp_path / "new\nline.txt").write_text(POOR)
    raw = os.fsencode(tmp_path) + b"/caf\xe9 \x1b[31m.txt"
    with open(raw, "wb") as fh:
        fh.write(POOR.encode())
    text = run_cli("check", "--fail-on", "never", str(tmp_path))
    assert text.exit_code == ExitCode.OK
    records = [line for line in text.stdout.splitlines() if ":1:1: warning" in line]
    assert len(records) == 3  # one record per file, none split by the newline
    assert any(line.startswith(f"{tmp_path}/new\\nline.txt:1:1:") for line in records)
    assert any(line.startswith(f"{tmp_path}/caf\\xe9 \\x1b[31m.txt:1:1:") for line in records)
    assert "\x1b" not in text.stdout

    result = run_cli("check", "--format", "json", "--fail-on", "never", str(tmp_path))
    data = json.loads(result.stdout_bytes.decode("utf-8"))  # strict: valid UTF-8
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert set(by_name) == {"with space.txt", "new\nline.txt", "caf\ufffd \x1b[31m.txt"}
    import base64

    assert base64.b64decode(by_name["caf\ufffd \x1b[31m.txt"]["path_base64"]) == raw
    assert "path_base64" not in by_name["with space.txt"]


# --- stdin, --model, a full disk -------------------------------------------------------

def _cli(*args, **kwargs):
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "tonecheck", *args], stderr=subprocess.PIPE,
                          text=True, timeout=120, **kwargs)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptors")
@pytest.mark.parametrize("options", [(), ("--email",)])
def test_a_closed_stdin_is_one_line_and_exit_2(options):
    proc = _cli("check", *options, "-", stdin=None, preexec_fn=lambda: os.close(0))
    assert proc.returncode == ExitCode.ERROR
    assert proc.stderr.strip() == "tonecheck: error: -: stdin is closed; pass a file or pipe text in"


def test_a_package_that_is_not_a_pipeline_is_an_error(run_cli):
    result = run_cli("check", "--model", "pip", "-", input=CLEAN)
    assert result.exit_code == ExitCode.ERROR
    _one_error_line(result, "--model 'pip' is installed but is not a spaCy pipeline")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_full_disk_is_one_line_and_exit_2(tmp_path, fmt):
    (tmp_path / "draft.txt").write_text(POOR)
    with open("/dev/full", "w") as full:
        proc = _cli("check", "--format", fmt, str(tmp_path / "draft.txt"), stdout=full)
    assert proc.returncode == ExitCode.ERROR
    assert proc.stderr == "tonecheck: error: cannot write the output: no space left on device\n"
