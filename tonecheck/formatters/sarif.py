"""``--format sarif``: SARIF 2.1.0, what GitHub code scanning and other
review tools read (see docs/output.md).

One run: ``tool.driver`` lists the rules reported on (id, short and full
description, ``helpUri`` when the rule has a link, default level), each
finding is a result with its rule, level, message and location (the path
relative to the current directory, lines and columns counted in Unicode code
points, ``columnKind``), and a finding with drop-in replacements carries one
``fix`` per replacement. Results are written as files are checked, so memory
stays flat; the tool section follows them (JSON objects are unordered).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..findings import Severity
from .base import Formatter, Summary, relative_path, report_title
from .escape import path_fields

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def artifact_uri(path: str) -> str:
    """A relative URI reference for ``path`` (its exact bytes, %-encoded)."""
    rel = relative_path(path)
    if rel == "-":
        return "stdin"
    return quote(os.fsencode(rel), safe="/")


def _rule_entry(rule_id: str, short: str, full: str, level: str, link: str = "",
                category: str = "") -> dict:
    entry = {"id": rule_id, "name": rule_id,
             "shortDescription": {"text": short or rule_id},
             "fullDescription": {"text": full or short or rule_id},
             "defaultConfiguration": {"level": level}}
    if link:
        entry["helpUri"] = link
    if category:
        entry["properties"] = {"tags": [category]}
    return entry


#: Files whose text is the reply as written: a replacement is pasted as is.
_PLAIN_SUFFIXES = (".txt", ".md", ".markdown", ".eml")
#: In an export or markup (JSON, YAML, CSV, HTML) these would need escaping.
_UNSAFE_IN_MARKUP = re.compile(r'["\\<>&\x00-\x1f\x7f]')


def fix_is_safe(report, finding, replacement: str) -> bool:
    """A fix may be offered where pasting ``replacement`` over the region
    gives the intended file: the region holds exactly the matched words (not
    an escaped or marked-up form, ``don&#39;t``, ``We <b>can't``), and in an
    export or markup file the replacement needs no escaping there."""
    if report.text[finding.start:finding.end] != finding.match:
        return False
    path = report.path.lower()
    if path.endswith(_PLAIN_SUFFIXES):
        return True
    if path.endswith((".yaml", ".yml")) and re.search("['#:]", replacement):
        return False  # quoting or a plain scalar's syntax
    return _UNSAFE_IN_MARKUP.search(replacement) is None


def fingerprint(rule: str, path: str, title: str | None, match: str, nth: int) -> str:
    """Stable across edits elsewhere in the file: the rule, the file, the
    reply, the matched words and which occurrence of them it is."""
    key = "\0".join((rule, path, title or "", " ".join(match.lower().split()), str(nth)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class SarifFormatter(Formatter):
    def start(self) -> None:
        self._rules: list[dict] = []
        self._index: dict[str, int] = {}
        for r in self.rules:
            self._add_rule(_rule_entry(r.id, r.doc_message, r.description or r.doc_message,
                                       LEVELS[r.severity], r.link, r.category))
        root = Path.cwd().as_uri().rstrip("/") + "/"
        self.out.write('{\n  "$schema": %s,\n  "version": "2.1.0",\n  "runs": [{\n'
                       '    "columnKind": "unicodeCodePoints",\n'
                       '    "originalUriBaseIds": %s,\n    "results": ['
                       % (_dump(SCHEMA_URI), _dump({"SRCROOT": {"uri": root}})))
        self._first = True

    def _add_rule(self, entry: dict) -> int:
        if entry["id"] not in self._index:
            self._index[entry["id"]] = len(self._rules)
            self._rules.append(entry)
        return self._index[entry["id"]]

    def file(self, report) -> None:
        path = path_fields(report.path)["path"]
        uri = artifact_uri(report.path)
        title = report_title(report)
        # An email's decoded body is not the file's bytes: no fix can point into it.
        fixable = report.location != "decoded-body" and report.path != "-"
        seen: Counter = Counter()
        for f in report.findings:
            index = self._index.get(f.rule)
            if index is None:  # a score gate, or a rule outside the list
                index = self._add_rule(_rule_entry(f.rule, f.message, f.message,
                                                   LEVELS[f.severity], f.link, f.category))
            region = {"startLine": f.line, "startColumn": f.column}
            if f.end > f.start and f.end_line:
                region.update(endLine=f.end_line, endColumn=f.end_column)
                region["snippet"] = {"text": f.match}
            location = {"physicalLocation": {
                "artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"}, "region": region}}
            if title:
                location["logicalLocations"] = [{"name": title, "kind": "member"}]
            text = f.message
            if f.replacements:
                text += " Replace with " + " / ".join(f'"{s}"' for s in f.replacements) + "."
            key = (f.rule, " ".join(f.match.lower().split()))
            seen[key] += 1
            result = {"ruleId": f.rule, "ruleIndex": index, "level": LEVELS[f.severity],
                      "message": {"text": text}, "locations": [location],
                      "partialFingerprints": {"tonecheck/v1": fingerprint(
                          f.rule, relative_path(path), title, f.match, seen[key])}}
            safe = [s for s in f.replacements if fix_is_safe(report, f, s)] if (
                fixable and f.end > f.start and f.end_line) else []
            if safe:
                deleted = {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line, "endColumn": f.end_column}
                result["fixes"] = [{
                    "description": {"text": f'Replace "{f.match}" with "{s}"'},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"},
                        "replacements": [{"deletedRegion": deleted,
                                          "insertedContent": {"text": s}}]}]}
                    for s in safe]
            if f.advice:
                result["properties"] = {"advice": f.advice}
            self.out.write(("\n      " if self._first else ",\n      ") + _dump(result))
            self._first = False

    def finish(self, summary: Summary) -> None:
        driver = {"name": "tonecheck", "version": __version__, "semanticVersion": __version__,
                  "rules": self._rules}
        invocation = {"executionSuccessful": not summary.unreadable}
        if summary.unreadable_paths:
            invocation["toolExecutionNotifications"] = [{
                "level": "error", "message": {"text": "could not be read (the reason is on stderr)"},
                "locations": [{"physicalLocation": {"artifactLocation": {
                    "uri": artifact_uri(p), "uriBaseId": "SRCROOT"}}}]}
                for p in summary.unreadable_paths]
        self.out.write(("\n    " if not self._first else "") + '],\n    "tool": {"driver": '
                       + _dump(driver) + '},\n    "invocations": [' + _dump(invocation)
                       + "]\n  }]\n}\n")
