"""Turning the PATH arguments into the list of files to check."""
from __future__ import annotations

import fnmatch
import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import TonecheckError
from ..files import file_kind, os_error_message, read_capped

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


class _Ignore:
    """The ``.gitignore`` files of the folders walked (simple patterns): a
    name or glob (``drafts``, ``*.bak``) matches at any depth below its
    ``.gitignore``; one with a slash (``/build``, ``docs/old/*.md``) matches
    the path from there; a trailing ``/`` matches folders only; ``!`` takes a
    pattern back; the last matching line wins, as in git. A ``.gitignore``
    that cannot be read is ignored."""

    __slots__ = ("rules",)

    def __init__(self, rules=()):
        self.rules = tuple(rules)  # (base folder, pattern, negated, dir only, anchored)

    def extended(self, folder: str) -> "_Ignore":
        try:
            data = read_capped(os.path.join(folder, ".gitignore"), 1_000_000)
        except TonecheckError:
            return self
        rules = list(self.rules)
        for line in data.decode("utf-8", "replace").splitlines():
            line = line.rstrip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            line = line[1:] if negated else line
            dir_only = line.endswith("/")
            line = line.strip("/") if dir_only else line
            anchored = "/" in line
            rules.append((folder, line.lstrip("/"), negated, dir_only, anchored))
        return _Ignore(rules)

    def ignored(self, path: str, is_dir: bool) -> bool:
        out = False
        name = os.path.basename(path)
        for base, pattern, negated, dir_only, anchored in self.rules:
            if dir_only and not is_dir:
                continue
            if anchored:
                rel = os.path.relpath(path, base).replace(os.sep, "/")
                hit = fnmatch.fnmatchcase(rel, pattern)
            else:
                hit = fnmatch.fnmatchcase(name, pattern)
            if hit:
                out = not negated
        return out


def walk(path: Path | str) -> Iterator[Path | Problem]:
    """Text files under ``path`` in a stable order (a folder's files by name,
    then its subfolders by name), skipping hidden and tool folders and what
    the ``.gitignore`` files met on the way exclude (:class:`_Ignore`).
    Symlinked folders are not followed (so a link loop cannot recurse);
    symlinked files are. Folders that cannot be listed and special files come
    out as :class:`Problem` values, never silently dropped."""
    stack = [(os.fspath(path), _Ignore())]
    while stack:
        folder, ignore = stack.pop()
        ignore = ignore.extended(folder)
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
                if not is_link and name not in _SKIP_DIRS and not (
                        ignore.rules and ignore.ignored(entry.path, True)):
                    subfolders.append((entry.path, ignore))
                continue
            if os.path.splitext(name)[1].lower() not in TEXT_SUFFIXES:
                continue
            if ignore.rules and ignore.ignored(entry.path, False):
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
