"""Turning the PATH arguments into the list of files to check."""
from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import TonecheckError

#: Suffixes checked when walking a directory (files named explicitly are always checked).
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
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
    return zlib.crc32(path.replace(os.sep, "/").encode()) % n == i - 1


def walk(path: Path) -> Iterator[Path]:
    """Text files under ``path``, in a stable order, skipping hidden folders."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in TEXT_SUFFIXES:
                yield Path(root) / name


def expand(paths: Iterable[str], shard: tuple[int, int] | None = None) -> Iterator[str]:
    """Each PATH as given ("-" for stdin, files as named), directories walked."""
    for p in paths:
        if p != "-" and os.path.isdir(p):
            for file in walk(Path(p)):
                name = str(file)
                if in_shard(name, shard):
                    yield name
        elif in_shard(p, shard):
            yield p
