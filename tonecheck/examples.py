"""Running rules' own examples: each bad example must trigger its rule, each
good example must not. Used by ``tonecheck validate`` and the test suite."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    kind: str  # "bad" or "good"
    text: str
    passed: bool
    found: tuple[str, ...]  # what the rule matched in the text

    def describe(self) -> str:
        if self.kind == "bad":
            return f"{self.rule}: bad example was not flagged: {self.text!r}"
        return f"{self.rule}: good example was flagged ({', '.join(map(repr, self.found))}): {self.text!r}"


def run_examples(linter) -> Iterator[ExampleResult]:
    """Check every example of every rule the linter runs."""
    jobs = [(rule, kind, text) for rule in linter.rules
            for kind, texts in (("bad", rule.bad_examples), ("good", rule.good_examples))
            for text in texts]
    reports = linter.check_many(((str(i), text) for i, (_, _, text) in enumerate(jobs)))
    for (rule, kind, text), report in zip(jobs, reports):
        found = tuple(f.match for f in report.findings if f.rule == rule.id)
        yield ExampleResult(rule.id, kind, text, passed=bool(found) == (kind == "bad"), found=found)
