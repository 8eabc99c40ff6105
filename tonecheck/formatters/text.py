"""The terminal format: findings with their line, highlighted, then scores."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..findings import FileReport, Finding, Severity
from ..positions import LineIndex
from .base import Formatter, Summary

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}
CONTEXT_WIDTH = 100


def context(text: str, lines: LineIndex, f: Finding) -> tuple[str, int, int]:
    """The line holding the finding, cut to fit, and the match's span in it."""
    start, end = lines.line_span(f.line, text)
    line = text[start:end]
    lo, hi = f.start - start, min(f.end, end) - start
    prefix = ""
    if len(line) > CONTEXT_WIDTH:
        cut = max(0, lo - 30)
        if cut:
            prefix = "…"
        line = prefix + line[cut:cut + CONTEXT_WIDTH] + ("…" if cut + CONTEXT_WIDTH < len(line) else "")
        lo, hi = lo - cut + len(prefix), min(hi - cut, CONTEXT_WIDTH) + len(prefix)
    return line.replace("\t", " "), lo, max(hi, lo + 1)


class TextFormatter(Formatter):
    def start(self) -> None:
        # rich turns colour off when out is not a terminal, and honours NO_COLOR.
        self.console = Console(file=self.out, highlight=False, soft_wrap=True,
                               force_terminal=self.color if self.color else None,
                               no_color=True if self.color is False else None)

    def file(self, report: FileReport) -> None:
        c = self.console
        lines = LineIndex(report.text) if report.findings else None
        if report.findings or self.explain:
            c.print(Text(report.path, style="bold underline"))
        for f in report.findings:
            style = STYLES[f.severity]
            head = Text.assemble(
                (f"  {f.line}:{f.column}".ljust(10), "dim"), (f.severity.label.ljust(11), style),
                (f.message, ""), ("  " + f.rule, "dim"))
            c.print(head)
            if f.end == f.start:  # whole-reply findings (score gates) have no words to show
                continue
            line, lo, hi = context(report.text, lines, f)
            body = Text("          │ ", style="dim")
            body.append(line[:lo])
            body.append(line[lo:hi], style=f"{style} underline")
            body.append(line[hi:])
            c.print(body)
            c.print(Text("          │ " + " " * lo + "^" * (hi - lo), style=style))
            if f.suggestions:
                quoted = " · ".join(f'"{s}"' for s in f.suggestions)
                c.print(Text.assemble(("          → ", "green"), ("try ", "dim"), (quoted, "green")))
        if report.scores is not None and (report.findings or self.explain or report.text.strip()):
            self._scores(report)

    def _scores(self, report: FileReport) -> None:
        s = report.scores
        c = self.console
        line = Text.assemble(("  scores    ", "dim"), ("empathy ", ""),
                             (f"{round(s.empathy)}/100", _score_style(s.empathy)), ("  ·  ", "dim"),
                             ("positivity ", ""), (f"{round(s.positivity)}/100",
                                                  _score_style(s.positivity)))
        c.print(line)
        shown = s.signals if self.explain else sorted(
            s.signals, key=lambda sig: -abs(sig.weight))[:4]
        for sig in shown:
            sign = "+" if sig.weight >= 0 else "−"
            c.print(Text.assemble(
                ("            ", ""), (f"{sign}{abs(sig.weight):.0f}".rjust(4),
                                       "green" if sig.weight >= 0 else "red"),
                (f" {sig.score}: {sig.name}", ""),
                (f'  "{sig.text}"' if sig.text else "", "dim")))
        if not self.explain and len(s.signals) > len(shown):
            c.print(Text(f"            … {len(s.signals) - len(shown)} more (--explain)", style="dim"))
        c.print()

    def finish(self, summary: Summary) -> None:
        n = summary.total
        counts = ", ".join(f"{summary.counts[s]} {s.label}{'s' if summary.counts[s] != 1 else ''}"
                           for s in reversed(Severity))
        files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
        if n:
            mark, style = "✖", "bold red" if summary.counts[Severity.ERROR] else "bold yellow"
            self.console.print(Text(f"{mark} {n} finding{'s' if n != 1 else ''} ({counts}) in {files}",
                                    style=style))
        else:
            self.console.print(Text(f"✔ no findings in {files}", style="bold green"))


def _score_style(value: float) -> str:
    return "green" if value >= 70 else "yellow" if value >= 40 else "red"


__all__ = ["TextFormatter", "context"]
