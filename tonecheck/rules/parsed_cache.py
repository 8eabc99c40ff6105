"""Rule files parsed on an earlier run, read back without YAML (and the
regex sifting's forms of a pack's patterns, which rules/sifting.py keeps here).

Building the bundled pack's YAML into Python objects costs about 50 ms on
every command that loads rules (a third of ``tonecheck rules list``, and the
mail hook's start-up); reading the same objects back from ``marshal`` costs
about 6. An entry is keyed by the file's bytes and by the code that parses
them, so an edited pack, an upgrade or a changed loader never reads a stale
one. ``marshal`` holds plain values only, so a planted cache file cannot run
code, as a pickle could. A cache that cannot be read or written is passed
over in silence: it only ever saves time.

Where: ``$TONECHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/tonecheck``, else
``~/.cache/tonecheck``; ``TONECHECK_NO_CACHE=1`` turns it off.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path

from .loader import LineDict  # (imported by the loader when it first parses a file)

#: Bumped when the encoding below changes.
FORMAT = 1
MISSING = object()
#: The most an entry is read (the bundled pack's largest is about 0.15 MB).
MAX_ENTRY_BYTES = 32 * 1024 * 1024


def cache_dir() -> Path | None:
    """Where parsed rule files are kept, or None when caching is off."""
    if os.environ.get("TONECHECK_NO_CACHE", "").strip() not in ("", "0"):
        return None
    given = os.environ.get("TONECHECK_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tonecheck"


#: The files (beside this one) that the regex sifting's tests are made by:
#: what keys the forms kept here, and the tests rules/sifting.py ships.
SIFTING_MAKERS = ("sifting.py", "words.py", "literals.py", "regex.py", "text_word_rates.json")


@lru_cache(maxsize=1)  # once a process, not once a rule file
def _code_stamp() -> bytes:
    # The loader's own files and the sifting's: a changed parser in a source
    # checkout must not read what the old one stored.
    here = Path(__file__).resolve().parent
    stamps = []
    for name in ("loader.py", "parsed_cache.py", *SIFTING_MAKERS):
        try:
            stamps.append(str((here / name).stat().st_mtime_ns))
        except OSError:
            stamps.append("-")
    from .. import __version__

    return f"{FORMAT}:{__version__}:{sys.version_info[:2]}:{':'.join(stamps)}".encode()


def _entry(data: bytes, kind: str) -> Path | None:
    where = cache_dir()
    if where is None:
        return None
    key = hashlib.sha256(_code_stamp() + b"\0" + kind.encode() + b"\0" + data).hexdigest()
    return where / "packs" / f"{key[:40]}.marshal"


def load(data: bytes, kind: str):
    """What the file holding ``data`` parsed to, as ``kind`` says it was
    parsed; MISSING when not cached (or unreadable)."""
    entry = _entry(data, kind)
    if entry is None:
        return MISSING
    from ..files import read_capped

    try:
        # a regular file only, and bounded: a FIFO or a link to /dev/zero
        # planted in the cache must not hang the run
        return _decoded(marshal.loads(read_capped(entry, MAX_ENTRY_BYTES)))
    except Exception:  # noqa: BLE001 - absent, truncated or foreign: parse the file instead
        return MISSING


def store(data: bytes, kind: str, parsed) -> None:
    """Keep ``parsed`` for the next run (written whole, or not at all)."""
    entry = _entry(data, kind)
    if entry is None:
        return
    from ..writing import write_atomic

    try:
        blob = marshal.dumps(_encoded(parsed))
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, blob)  # leaves no temporary file behind when it fails
        _prune(entry.parent)
    except (OSError, ValueError):  # read-only home, full disk, an unmarshallable value
        pass


#: Entries kept; each edit of a pack (or upgrade) adds one, so the oldest go.
MAX_ENTRIES = 64


def _prune(folder: Path) -> None:
    entries = []
    for path in folder.glob("*.marshal"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:  # removed meanwhile by another run
            continue
    entries.sort()
    for _mtime, path in entries[:-MAX_ENTRIES]:
        try:
            path.unlink()
        except OSError:
            pass


# A LineDict travels as (line, lines, items): YAML never yields a tuple.
def _encoded(value):
    if isinstance(value, LineDict):
        return (value.line, dict(value.lines), {k: _encoded(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_encoded(v) for v in value]
    if isinstance(value, dict):  # not built by the loader; kept as is
        return {k: _encoded(v) for k, v in value.items()}
    return value


def _decoded(value):
    kind = type(value)
    if kind is tuple:
        line, lines, items = value
        out = LineDict((k, _decoded(v)) for k, v in items.items())
        out.line, out.lines = line, lines
        return out
    if kind is list:
        return [v if type(v) is str else _decoded(v) for v in value]
    if kind is dict:
        return {k: _decoded(v) for k, v in value.items()}
    return value
