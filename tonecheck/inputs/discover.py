"""Turning the PATH arguments into the list of files to check."""
from __future__ import annotations

import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import TonecheckError
from ..files import file_kind, os_error_message

#: Suffixes checked when walking a directory (files named explicitly are always checked).
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".eml",  # .eml: inputs.email
                           # multi-reply files: inputs.library
                           ".html", ".htm", ".json", ".yaml", ".yml", ".csv", ".tsv"})
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", ".venv"})


def parse_shard(value: str) -> tuple[int, int]:
    """``"2/4"`` -> (2, 4): this job is shard 2 of 4 (1-based)."""
    try:
        i, n = (int(x) for x in value.split("/"))
    except ValueError:
        raise TonecheckError(f"--shard {value!r}: expected I/N, e.g. 1/4") from None
    if not (n >= 1 and 1 <= i <= n):
        raise TonecheckError(f"--shard {value!r}: I must be between 1 and N")
    return i, n


def in_shard(path: str, shard: tuple[int, int] | None) -> bool:
    """Files are spread over shards by a hash of their path, so adding a file
    never moves the others to another job."""
    if shard is None:
        return True
    i, n = shard
    # fsencode: a name that is not valid UTF-8 hashes by its own bytes.
    return zlib.crc32(os.fsencode(path.replace(os.sep, "/"))) % n == i - 1


@dataclass(frozen=True)
class Problem:
    """Something met while walking a folder that is not a file to check: an
    error (a folder that cannot be listed: the run ends with exit code 2) or,
    with ``error=False``, a notice (a FIFO or device file, skipped unread)."""

    path: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _skip_special(path: str) -> Problem | None:
    """A notice for a FIFO, device or socket with a text suffix (never opened:
    a FIFO would block the run); None for anything the reader should see
    (regular files, and broken links or loops, which it reports as errors)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return Problem(path, f"is {file_kind(mode)}, not a regular file; skipped", error=False)


def walk(path: Path | str) -> Iterator[Path | Problem]:
    """Text files under ``path`` in a stable order (a folder's files by name,
    then its subfolders by name), skipping hidden and tool folders. Symlinked
    folders are not followed (so a link loop cannot recurse); symlinked files
    are. Folders that cannot be listed and special files come out as
    :class:`Problem` values, never silently dropped."""
    stack = [os.fspath(path)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Problem(folder, f"cannot read this directory: {os_error_message(exc)}")
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                is_link = is_dir and entry.is_symlink()
            except OSError:
                is_dir = is_link = False
            if is_dir:
                if not is_link and name not in _SKIP_DIRS:
                    subfolders.append(entry.path)
                continue
            if os.path.splitext(name)[1].lower() not in TEXT_SUFFIXES:
                continue
            try:
                regular = entry.is_file()
            except OSError:
                regular = False
            problem = None if regular else _skip_special(entry.path)
            yield problem or Path(entry.path)
        stack.extend(reversed(subfolders))


def expand(paths: Iterable[str], shard: tuple[int, int] | None = None) -> Iterator[str | Problem]:
    """Each PATH as given ("-" for stdin, files as named), directories walked.
    Problems met while walking come out in place, as :class:`Problem`."""
    for p in paths:
        if p != "-" and os.path.isdir(p):
            for file in walk(p):
                if isinstance(file, Problem):
                    yield file
                    continue
                name = str(file)
                if in_shard(name, shard):
                    yield name
        elif in_shard(p, shard):
            yield p
