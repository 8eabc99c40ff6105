"""Reading files that someone else named: regular files only, never more
than a byte cap, and every OS error as one line naming the file.

Drafts, rule packs and config files all come through :func:`read_capped`.
A FIFO would block the read forever and ``/dev/zero`` never ends, so the
file type is checked before the file is opened and again on the open
descriptor (the name may have been swapped in between), the open itself
never blocks, and at most ``max_bytes + 1`` bytes are read whatever the
size the file claims.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import TonecheckError

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0))
_READ_CHUNK = 1 << 16

#: errno -> the words shown after the file name.
_OS_ERRORS = {
    errno.ENOENT: "no such file",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "too many levels of symbolic links (a symlink loop?)",
    errno.ENAMETOOLONG: "path is too long for the operating system",
    errno.ENOTDIR: "a part of the path is not a directory",
    errno.EISDIR: "is a directory",
}


def file_kind(mode: int) -> str:
    """``"a FIFO (named pipe)"``, ``"a character device"``... for a stat mode."""
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def os_error_message(exc: OSError) -> str:
    """Plain words for an OS error, without the file name (the caller adds it)."""
    return _OS_ERRORS.get(exc.errno) or (exc.strerror or str(exc)).lower()


def _refuse_special(mode: int, what: str, error: type[TonecheckError], name: str) -> None:
    if stat.S_ISDIR(mode):
        raise error(f"is a directory, expected a {what}", path=name)
    if not stat.S_ISREG(mode):
        raise error(f"is {file_kind(mode)}, not a regular file; not read", path=name)


def read_capped(path: str | Path, max_bytes: int, *, what: str = "file",
                error: type[TonecheckError] = TonecheckError,
                missing: str | None = None) -> bytes:
    """The bytes of the regular file ``path``, or ``error`` (one line naming
    the file) for anything else: a missing file (``missing`` words it), a
    directory, FIFO, device or socket, a file over ``max_bytes``, or an OS
    error (permission, symlink loop, path too long...)."""
    name = os.fsdecode(path) if isinstance(path, bytes) else str(path)

    def too_large(size: str) -> TonecheckError:
        return error(f"{what} is too large ({size} bytes; the limit is {max_bytes:,})",
                     path=name)

    try:
        _refuse_special(os.stat(path).st_mode, what, error, name)
        fd = os.open(path, _OPEN_FLAGS)
        try:
            info = os.fstat(fd)
            _refuse_special(info.st_mode, what, error, name)
            if info.st_size > max_bytes:
                raise too_large(f"{info.st_size:,}")
            chunks, total = [], 0
            while total <= max_bytes:
                chunk = os.read(fd, min(_READ_CHUNK, max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            if total > max_bytes:  # it grew, or claims a size it does not have
                raise too_large(f"over {max_bytes:,}")
            return b"".join(chunks)
        finally:
            os.close(fd)
    except FileNotFoundError:
        if os.path.islink(path):
            raise error("broken symbolic link (its target does not exist)", path=name) from None
        raise error(missing or "no such file", path=name) from None
    except IsADirectoryError:
        raise error(f"is a directory, expected a {what}", path=name) from None
    except OSError as exc:
        raise error(os_error_message(exc), path=name) from None
