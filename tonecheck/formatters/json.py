"""``--format json``: the documented, versioned report (see docs/output.md).

Written as it goes, one file at a time, so memory stays flat however large
the library; the result is one JSON document."""
from __future__ import annotations

import json

from ..findings import Severity
from .base import Formatter, Summary

SCHEMA_VERSION = 1


def _dump(value, indent: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    pad = " " * indent
    # split("\n"), not splitlines(): strings may hold U+2028 and friends,
    # which json.dumps leaves as they are.
    return "\n".join(pad + line for line in text.split("\n"))[indent:]


class JsonFormatter(Formatter):
    def start(self) -> None:
        self.out.write('{\n  "version": %d,\n  "files": [' % SCHEMA_VERSION)
        self._first = True

    def file(self, report) -> None:
        self.out.write(("\n    " if self._first else ",\n    ") + _dump(report.to_dict(), 4))
        self._first = False

    def finish(self, summary: Summary) -> None:
        counts = {"files": summary.files, "findings": summary.total,
                  **{s.label + "s": summary.counts[s] for s in Severity},
                  "unreadable": summary.unreadable}
        self.out.write(("\n  " if not self._first else "") + '],\n  "summary": '
                       + _dump(counts, 2) + "\n}\n")
