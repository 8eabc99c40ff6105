"""``--format json``: the documented, versioned report (see docs/output.md)."""
from __future__ import annotations

import json

from ..findings import Severity
from .base import Formatter, Summary

SCHEMA_VERSION = 1


class JsonFormatter(Formatter):
    def start(self) -> None:
        self._files = []

    def file(self, report) -> None:
        self._files.append(report.to_dict())

    def finish(self, summary: Summary) -> None:
        doc = {
            "version": SCHEMA_VERSION,
            "files": self._files,
            "summary": {"files": summary.files, "findings": summary.total,
                        **{s.label + "s": summary.counts[s] for s in Severity}},
        }
        json.dump(doc, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
