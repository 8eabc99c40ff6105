"""Writing files so that a crash never leaves half of one: the bytes go to a
temporary file in the same folder, are flushed to disk (``fsync``), and the
temporary file is renamed over the target in one step. Readers see the old
file or the whole new one, never a torn one.

The hook's "save the refused message" writes through here; so should
anything that rewrites a user's file (``check --fix``, through
:mod:`tonecheck.autofix`).
"""
from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(folder: str | Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every system
    lets a directory be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: str | Path, data: bytes, *, mode: int = 0o600,
                 owner: tuple[int, int] | None = None) -> Path:
    """Write ``data`` to ``path`` atomically (temp file, fsync, rename) with
    permission bits ``mode`` (exactly: the umask does not narrow them) and,
    where the system allows it, ``owner`` (uid, gid). Raises ``OSError`` and
    leaves no temporary file behind when it fails; ``path`` is then as it was."""
    path = Path(path)
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
    try:
        try:
            if owner is not None:
                try:
                    os.fchown(fd, *owner)
                except OSError:  # only root may give a file away; keep ours
                    pass
            os.fchmod(fd, mode)  # after fchown, which may clear set-id bits
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(folder)
    return path


def move_durably(source: str | Path, target: str | Path) -> Path:
    """Rename ``source`` to ``target`` (same file system) and make it durable."""
    os.replace(source, target)
    fsync_dir(Path(target).parent)
    return Path(target)
