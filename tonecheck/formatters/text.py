"""The terminal format: ``path:line:col`` per finding, the line with the words
marked, the drop-in replacements and the rule's advice, then the reply's
scores and a summary."""
from __future__ import annotations

import heapq
from collections import Counter

from rich.console import Console
from rich.text import Text

from ..findings import FileReport, Finding, Severity
from ..positions import LineIndex
from .base import Formatter, Summary
from .escape import visible

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}
CONTEXT_WIDTH = 100
TOP_SIGNALS = 4  # signals shown per file without --explain
LOWEST_SHOWN = 5  # replies in the closing "lowest scores" table of a library run
NAME_WIDTH = 72  # the widest reply name in that table


def context(text: str, lines: LineIndex, f: Finding) -> tuple[str, int, int]:
    """The sentence holding the finding (or its line), on one line and cut to
    fit, and the match's span in it."""
    if f.sentence_end > f.sentence_start:
        start, end = f.sentence_start, f.sentence_end
    else:
        start, end = lines.line_span(f.line, text)
    shown = " ".join(text[start:end].split("\n")).replace("\r", "").replace("\t", " ")
    # Offsets into `shown`: dropping "\r" shifts everything after it.
    lo = f.start - start - text.count("\r", start, f.start)
    hi = min(f.end, end) - start - text.count("\r", start, min(f.end, end))
    if len(shown) > CONTEXT_WIDTH:
        cut = max(0, min(lo - 30, len(shown) - CONTEXT_WIDTH))
        prefix = "…" if cut else ""
        suffix = "…" if cut + CONTEXT_WIDTH < len(shown) else ""
        shown = prefix + shown[cut:cut + CONTEXT_WIDTH] + suffix
        lo, hi = lo - cut + len(prefix), min(hi - cut, CONTEXT_WIDTH) + len(prefix)
    return shown, lo, max(hi, lo + 1)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class TextFormatter(Formatter):
    def start(self) -> None:
        # By default rich leaves colour off when `out` is not a terminal and
        # honours NO_COLOR; an explicit --color/--no-color overrides both.
        self.console = Console(file=self.out, highlight=False, soft_wrap=True,
                               force_terminal=True if self.color else None,
                               no_color=None if self.color is None else not self.color)
        # Off a terminal rich would print the plain text anyway, slowly (it
        # measures and segments every line): write it directly.
        self._plain = not self.console.is_terminal
        self._lowest: list = []  # a bounded heap of (-score, n, row) for the closing table
        self._seen = 0
        self._per_rule: Counter = Counter()
        self._rule_info: dict[str, tuple[str, bool]] = {}

    def _print(self, text: Text | str = "") -> None:
        if self._plain:
            self.out.write((text.plain if isinstance(text, Text) else text) + "\n")
        else:
            self.console.print(text)

    def file(self, report: FileReport) -> None:
        self._remember(report)
        lines = self._lines(report.text) if report.findings else None
        for f in report.findings:
            self._finding(report, lines, f)
        # One draft: its scores and their main reasons. A library run, like
        # any linter, stays quiet about clean files (--explain shows all).
        if report.scores is not None and report.text.strip() and (
                report.findings or not self.many or self.explain):
            self._scores(report)

    def _lines(self, text: str) -> LineIndex:
        """The line index of ``text``; the replies of one multi-reply file
        share its text, so it is built once per file, not once per reply."""
        cached = getattr(self, "_line_cache", None)
        if cached is None or cached[0] is not text:
            cached = self._line_cache = (text, LineIndex(text))
        return cached[1]

    def _finding(self, report: FileReport, lines: LineIndex, f: Finding) -> None:
        style = STYLES[f.severity]
        title = getattr(report, "title", "")
        self._print(Text.assemble((f"{visible(report.path)}:{f.line}:{f.column}:", "bold"), " ",
                                  (f.severity.label, style), " ", (visible(f.message), ""), " ",
                                  (f"[{visible(f.rule)}]", "dim"),
                                  (f" ({visible(title)})" if title else "", "dim")))
        if f.end == f.start:  # whole-reply findings (score gates) have no words to show
            return
        gutter = str(f.line).rjust(5)
        line, lo, hi = context(report.text, lines, f)
        # Escaped piece by piece, so the carets stay under the (escaped) words.
        before, words, after = visible(line[:lo]), visible(line[lo:hi]), visible(line[hi:])
        self._print(Text.assemble((f"{gutter} │ ", "dim"), before,
                                  (words, f"{style} underline"), after))
        self._print(Text.assemble((" " * len(gutter) + " │ ", "dim"),
                                  (" " * len(before) + "^" * max(1, len(words)), style)))
        pad = " " * len(gutter)
        if f.replacements:
            quoted = " · ".join(f'"{visible(s)}"' for s in f.replacements)
            self._print(Text.assemble((pad + " → ", "green"), ("replace with ", "dim"),
                                      (quoted, "green")))
        if f.advice:
            self._print(Text.assemble((pad + " ⓘ ", "blue"), (visible(f.advice), "dim")))

    def _scores(self, report: FileReport) -> None:
        s = report.scores
        title = getattr(report, "title", "")
        self._print(Text.assemble((f"{visible(report.path)}:", "bold"),
                                  (f" ({visible(title)})" if title else "", "bold"),
                                  " scores: empathy ",
                              (f"{round(s.empathy)}/100", _score_style(s.empathy)), " · positivity ",
                              (f"{round(s.positivity)}/100", _score_style(s.positivity))))
        signals = list(s.signals)
        top = 0 if self.many else TOP_SIGNALS
        shown = signals if self.explain else sorted(signals, key=lambda g: -abs(g.weight))[:top]
        for sig in shown:
            sign = "+" if sig.weight >= 0 else "−"
            self._print(Text.assemble(
                (f"{sign}{abs(sig.weight):.{1 if abs(sig.weight) < 1 else 0}f}".rjust(8),
                 "green" if sig.weight >= 0 else "red"),
                f" {sig.score}: {visible(sig.name)}",
                (f'  "{visible(sig.text)}"' if sig.text else "", "dim")))
        hidden = len(signals) - len(shown)
        if hidden and not self.many:
            self._print(Text(f"         … {hidden} more (--explain)", style="dim"))
        if shown or not self.many:
            self._print()

    def _remember(self, report: FileReport) -> None:
        """What the closing tables need: the lowest-scoring replies (kept to a
        handful, so memory stays flat) and the findings per rule."""
        for f in report.findings:
            self._per_rule[f.rule] += 1
            if f.rule not in self._rule_info:
                self._rule_info[f.rule] = (f.message, bool(f.replacements))
            elif f.replacements and not self._rule_info[f.rule][1]:
                self._rule_info[f.rule] = (self._rule_info[f.rule][0], True)
        s = report.scores
        if not self.many or s is None or not report.text.strip():
            return
        title = getattr(report, "title", None)
        name = visible(report.path) + (f" [{visible(str(title))}]" if title not in (None, "") else "")
        if len(name) > NAME_WIDTH:  # keep the end: the file name and the reply's title
            name = "…" + name[-(NAME_WIDTH - 1):]
        low, high = sorted((round(s.empathy), round(s.positivity)))
        row = (low, high, name, round(s.empathy), round(s.positivity), len(report.findings))
        self._seen += 1
        item = ((-low, -high, -self._seen), row)  # ties: the first seen stays
        if len(self._lowest) < LOWEST_SHOWN:
            heapq.heappush(self._lowest, item)
        elif item > self._lowest[0]:
            heapq.heapreplace(self._lowest, item)

    def _lowest_table(self) -> None:
        rows = [row for _, row in sorted(self._lowest, reverse=True)]
        if len(rows) < 2 and self._seen < 2:
            return
        width = max(len(r[2]) for r in rows)
        replies = f"{self._seen} {'reply' if self._seen == 1 else 'replies'}"
        self._print(Text(f"Lowest scores ({len(rows)} of {replies}):", style="bold"))
        self._print(Text(f"  {'reply'.ljust(width)}  empathy  positivity  findings", style="dim"))
        for _, _, name, emp, pos, n in rows:
            self._print(Text.assemble("  " + name.ljust(width) + "  ",
                                      (f"{emp:>7}", _score_style(emp)), "  ",
                                      (f"{pos:>10}", _score_style(pos)), f"  {n:>8}"))
        self._print()

    def _statistics(self) -> None:
        if not self._per_rule:
            return
        documented = {r.id: (r.doc_message, r.has_replacements) for r in self.rules}
        width = max(len(r) for r in self._per_rule)
        digits = len(str(max(self._per_rule.values())))
        for rule, n in sorted(self._per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            message, fix = documented.get(rule, self._rule_info[rule])
            self._print(Text.assemble(f"{n:>{digits}}  ", (visible(rule).ljust(width), "bold"),
                                      ("  [*] " if fix else "      ", "green"),
                                      visible(message)))
        self._print()

    def finish(self, summary: Summary) -> None:
        if self.many:
            self._lowest_table()
        if self.statistics:
            self._statistics()
        files = _plural(summary.files, "file")
        if summary.replies != summary.files:
            files += f" ({_plural(summary.replies, 'reply').replace('replys', 'replies')})"
        unread = (f"; {_plural(summary.unreadable, 'file')} could not be read"
                  if summary.unreadable else "")
        if summary.baselined:
            unread += f" ({summary.baselined} more in the baseline)"
        if not summary.total:
            mark, style = ("✖", "bold red") if unread else ("✔", "bold green")
            self._print(Text(f"{mark} no findings in {files}{unread}", style=style))
            return
        counts = ", ".join(_plural(summary.counts[s], s.label) for s in reversed(Severity))
        style = "bold red" if summary.counts[Severity.ERROR] or unread else "bold yellow"
        self._print(Text(f"✖ {_plural(summary.total, 'finding')} ({counts}) in {files}{unread}",
                         style=style))


def _score_style(value: float) -> str:
    return "green" if value >= 70 else "yellow" if value >= 40 else "red"
