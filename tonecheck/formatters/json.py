"""``--format json``: the documented, versioned report (see docs/output.md).

Written as it goes, one file per line of the ``files`` array, so memory stays
flat however large the library and each file is encoded by json's fast C
encoder (indenting would force the pure-Python one, which was most of the
cost of a library run). The result is one JSON document."""
from __future__ import annotations

import json

from ..findings import Severity
from .base import Formatter, Summary
from .escape import path_fields

SCHEMA_VERSION = 1


def _line(value) -> str:
    return json.dumps(value, ensure_ascii=False)


class JsonFormatter(Formatter):
    def start(self) -> None:
        config = None if self.config is None else path_fields(self.config)["path"]
        self.out.write('{\n  "version": %d,\n  "config": %s,\n  "files": ['
                       % (SCHEMA_VERSION, _line(config)))
        self._first = True

    def file(self, report) -> None:
        data = report.to_dict()
        fields = path_fields(report.path)
        if len(fields) > 1:  # a name that is not UTF-8: valid text plus its exact bytes
            data = {**fields, **{k: v for k, v in data.items() if k != "path"}}
        self.out.write(("\n    " if self._first else ",\n    ") + _line(data))
        self._first = False

    def finish(self, summary: Summary) -> None:
        counts = {"files": summary.files, "replies": summary.replies, "findings": summary.total,
                  **{s.label + "s": summary.counts[s] for s in Severity},
                  "unreadable": summary.unreadable}
        self.out.write(("\n  " if not self._first else "") + '],\n  "summary": '
                       + _line(counts) + "\n}\n")
