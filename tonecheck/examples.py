"""Running rules' own examples: each bad example must trigger its rule, each
good example must not, each softened example must trigger it only at the
rule's ``excused_severity``, and each ``fixed:`` example must come out of the
rule's first replacement exactly as written (and no longer trigger the rule).
Used by ``tonecheck validate`` and the test suite."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    kind: str  # "bad", "good", "softened" or "fixed"
    text: str
    passed: bool
    found: tuple[str, ...]  # what the rule matched in the text
    expected: str = ""  # for "fixed": the fixed text the example gives
    got: str = ""  # for "fixed": the text after applying the replacement

    def describe(self) -> str:
        if self.kind == "bad":
            return f"{self.rule}: bad example was not flagged: {self.text!r}"
        if self.kind == "softened":
            return (f"{self.rule}: softened example was not flagged at its excused severity "
                    f"alone ({', '.join(map(repr, self.found)) or 'nothing found'}): {self.text!r}")
        if self.kind == "fixed":
            if self.got != self.expected:
                return (f"{self.rule}: fixing {self.text!r} gave {self.got!r}, "
                        f"expected {self.expected!r}")
            return (f"{self.rule}: fixed text is still flagged "
                    f"({', '.join(map(repr, self.found))}): {self.got!r}")
        return f"{self.rule}: good example was flagged ({', '.join(map(repr, self.found))}): {self.text!r}"


def run_examples(linter) -> Iterator[ExampleResult]:
    """Check every example of every rule the linter runs."""
    from .fixes import apply_fixes

    jobs = [(rule, kind, text) for rule in linter.rules
            for kind, texts in (("bad", rule.bad_examples), ("good", rule.good_examples),
                                ("softened", rule.softened_examples))
            for text in texts]
    reports = linter.check_many(((str(i), text) for i, (_, _, text) in enumerate(jobs)))
    fixes = {}  # (rule id, text) -> text with the rule's replacements applied
    wanted = {(rule.id, text): fixed for rule in linter.rules for text, fixed in rule.fixed_examples}
    for (rule, kind, text), report in zip(jobs, reports):
        own = [f for f in report.findings if f.rule == rule.id]
        if kind == "bad" and (rule.id, text) in wanted:
            fixes[(rule.id, text)] = apply_fixes(text, own)
        found = tuple(f.match for f in own)
        if kind == "softened":
            passed = bool(own) and all(f.severity == rule.excused_severity for f in own)
            found = tuple(f"{f.match} ({f.severity})" for f in own)
        else:
            passed = bool(found) == (kind == "bad")
        yield ExampleResult(rule.id, kind, text, passed=passed, found=found)
    keys = list(fixes)
    after = linter.check_many((str(i), fixes[k]) for i, k in enumerate(keys))
    for (rule_id, text), report in zip(keys, after):
        got, expected = fixes[(rule_id, text)], wanted[(rule_id, text)]
        found = tuple(f.match for f in report.findings if f.rule == rule_id)
        yield ExampleResult(rule_id, "fixed", text, passed=got == expected and not found,
                            found=found, expected=expected, got=got)
