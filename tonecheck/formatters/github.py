"""``--format github``: GitHub Actions workflow commands, one annotation per
finding, shown inline on the pull request's diff::

    ::warning file=macros/refund.txt,line=3,col=1,endLine=3,endColumn=11,title=positivity.no-problem::"No problem" hints …

GitHub reads a command up to the end of the line, its properties up to ``,``
and the message after the second ``::``. So the message escapes ``%``, CR
and LF (``%25``, ``%0D``, ``%0A``), property values escape ``:`` and ``,``
as well (``%3A``, ``%2C``), and every other control, bidi or separator
character is spelled out (``\\x1b``) as in the text format: a reply or file
name can never end the command early or start a command of its own.
"""
from __future__ import annotations

from ..findings import Severity
from .base import Formatter, Summary, relative_path, report_title
from .escape import path_fields, visible

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    """A message: ``%``, CR and LF as GitHub's %-escapes, other controls visible."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    def file(self, report) -> None:
        path = relative_path(path_fields(report.path)["path"])
        title = report_title(report)
        for f in report.findings:
            props = {"file": path, "line": f.line, "col": f.column}
            if f.end > f.start and f.end_line:
                props.update(endLine=f.end_line, endColumn=f.end_column)
            props["title"] = f"tonecheck {f.rule}" + (f" ({title})" if title else "")
            message = f.message
            if f.replacements:
                message += " Replace with " + " / ".join(f'"{s}"' for s in f.replacements) + "."
            if f.advice:
                message += "\n" + f.advice
            fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
            self.out.write(f"::{LEVELS[f.severity]} {fields}::{escape_data(message)}\n")

    def finish(self, summary: Summary) -> None:
        # A plain log line (not a command) closes the step's output.
        counts = ", ".join(f"{summary.counts[s]} {s.label}s" for s in reversed(Severity))
        base = f"; {summary.baselined} in the baseline" if summary.baselined else ""
        self.out.write(f"tonecheck: {summary.total} findings ({counts}) in {summary.files} "
                       f"files{base}\n")
