"""``--format junit``: JUnit XML, which CI systems (GitLab, Jenkins, Azure,
CircleCI) show as test results. One test case per reply (per file, or per
titled reply in a multi-reply file); it fails when it has findings at or
above ``--fail-on``, and the failure lists them. Findings below that level
go to the test case's ``system-out``.

Everything from a reply or a file name is escaped for XML, and characters
XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF) are
spelled out as in the text format (``\\x1b``), so the document is always
well-formed. Test cases are kept until the end, as the suite's counts head
the document.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from .base import Formatter, Summary, relative_path, report_title
from .escape import path_fields, visible

_NOT_XML = re.compile("[\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))


def xml_text(text: str) -> str:
    return escape(_clean(text))


def xml_attr(text: str) -> str:
    return quoteattr(_clean(text), {"\t": "&#9;"})


class JunitFormatter(Formatter):
    def start(self) -> None:
        self._cases: list[str] = []
        self._failures = 0

    def file(self, report) -> None:
        path = relative_path(path_fields(report.path)["path"])
        title = report_title(report)
        name = f"{path} [{title}]" if title else path
        failing, other = [], []
        for f in report.findings:
            fails = self.threshold is not None and f.severity >= self.threshold
            (failing if fails else other).append(f)

        def lines(findings) -> str:
            return "\n".join(
                xml_text(f"{path}:{f.line}:{f.column}: {f.severity.label} {f.message} [{f.rule}]"
                         + (f' (replace with "{f.replacements[0]}")' if f.replacements else ""))
                for f in findings)

        body = ""
        if failing:
            self._failures += 1
            worst = max(f.severity for f in failing).label
            n = len(failing)
            message = f"{n} finding{'s' if n != 1 else ''}: " + ", ".join(
                dict.fromkeys(f.rule for f in failing))
            body += (f"\n      <failure message={xml_attr(message)} type={xml_attr(worst)}>"
                     f"{lines(failing)}</failure>")
        out = []
        if other:
            out.append(lines(other))
        if report.scores is not None:
            s = report.scores
            out.append(f"scores: empathy {round(s.empathy)}/100 · "
                       f"positivity {round(s.positivity)}/100")
        if out:
            body += "\n      <system-out>" + "\n".join(out) + "</system-out>"
        self._cases.append(f"    <testcase classname={xml_attr(path)} name={xml_attr(name)}"
                           + (f">{body}\n    </testcase>" if body else "/>"))

    def finish(self, summary: Summary) -> None:
        errors = len(summary.unreadable_paths) or summary.unreadable
        tests, failures = len(self._cases) + len(summary.unreadable_paths), self._failures
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                       f'<testsuites name="tonecheck" tests="{tests}" failures="{failures}" '
                       f'errors="{errors}">\n'
                       f'  <testsuite name="tonecheck" tests="{tests}" failures="{failures}" '
                       f'errors="{errors}" skipped="0">\n')
        for case in self._cases:
            self.out.write(case + "\n")
        for path in summary.unreadable_paths:  # each one an error, so no report passes by it
            shown = relative_path(path_fields(path)["path"])
            self.out.write(f"    <testcase classname={xml_attr(shown)} name={xml_attr(shown)}>"
                           f'\n      <error message="could not be read" type="unreadable">'
                           f"{xml_text(shown)}: could not be read (the reason is on stderr)"
                           "</error>\n    </testcase>\n")
        self.out.write("  </testsuite>\n</testsuites>\n")
