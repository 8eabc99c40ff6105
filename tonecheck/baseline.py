"""``--baseline FILE``: the findings a library already had, so CI fails only
on new ones.

A baseline entry is (file, reply title, rule, matched words) with a count:
how many times those words were flagged by that rule in that reply. Lines
and columns are not part of it, so text added or removed above a finding
does not make it new. A later run reports, per entry, only the findings past
the recorded count (the last ones in the reply, in text order), and stale
entries (fixed findings) are counted so a notice can suggest rewriting the
file. Paths are stored relative to the baseline file's folder, with forward
slashes, so the file works from any working directory.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace

from .errors import TonecheckError

VERSION = 1
MAX_BYTES = 64_000_000  # a baseline of a very large library; far above any real one


def _norm(match: str) -> str:
    return " ".join(match.split()).lower()


class Baseline:
    def __init__(self, path: str, counts: Counter | None = None):
        self.path = path
        self.base = os.path.dirname(os.path.abspath(path))
        self.counts: Counter = counts if counts is not None else Counter()
        self.used: Counter = Counter()

    # -- keys --------------------------------------------------------------------
    def _file(self, path: str) -> str:
        if path == "-":
            return path
        return os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")

    def key(self, report, finding) -> tuple[str, str, str, str]:
        title = getattr(report, "title", None)
        return (self._file(report.path), "" if title is None else str(title), finding.rule,
                _norm(finding.match))

    # -- reading and writing -------------------------------------------------------
    @classmethod
    def load(cls, path: str) -> "Baseline":
        from .files import read_capped

        # A regular file only (a FIFO or device is refused unread), read capped.
        raw = read_capped(path, MAX_BYTES, what="baseline",
                          missing=f"baseline not found; create it with --baseline {path} "
                                  f"--write-baseline")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise TonecheckError(f"{path}: cannot read the baseline: {exc}") from None
        try:
            if data.get("version") != VERSION:
                raise ValueError(f"unsupported version {data.get('version')!r}")
            counts = Counter()
            for e in data["findings"]:
                key = (str(e["path"]), str(e.get("title") or ""), str(e["rule"]),
                       _norm(str(e["match"])))
                counts[key] += int(e.get("count", 1))
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise TonecheckError(f"{path}: not a tonecheck baseline ({exc})") from None
        return cls(path, counts)

    def record(self, report) -> None:
        for f in report.findings:
            self.counts[self.key(report, f)] += 1

    def write(self) -> int:
        entries = [{"path": p, **({"title": t} if t else {}), "rule": r, "match": m, "count": n}
                   for (p, t, r, m), n in sorted(self.counts.items())]
        from .writing import write_atomic

        data = json.dumps({"version": VERSION, "findings": entries}, indent=2,
                          ensure_ascii=False) + "\n"
        try:
            write_atomic(self.path, data.encode("utf-8"), mode=0o644)
        except OSError as exc:
            raise TonecheckError(f"{self.path}: cannot write the baseline: "
                                 f"{exc.strerror or exc}") from None
        return sum(self.counts.values())

    # -- filtering ---------------------------------------------------------------------
    def filter(self, report):
        """``report`` with only the findings the baseline does not hold, and
        how many it held."""
        if not report.findings:
            return report, 0
        seen: Counter = Counter()
        keep = []
        for f in report.findings:
            key = self.key(report, f)
            seen[key] += 1
            if seen[key] <= self.counts.get(key, 0):
                self.used[key] += 1
            else:
                keep.append(f)
        held = len(report.findings) - len(keep)
        return (replace(report, findings=tuple(keep)) if held else report), held

    def stale(self, checked_files) -> int:
        """Recorded findings no longer found in the files this run checked."""
        files = {self._file(p) for p in checked_files}
        return sum(n - self.used.get(k, 0) for k, n in self.counts.items() if k[0] in files)

