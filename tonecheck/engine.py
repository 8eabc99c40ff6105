"""The linter: rules compiled once, docs streamed through spaCy, findings out."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .findings import FileReport, Finding, Severity
from .positions import LineIndex
from .rules import load_rules
from .rules.base import TEXT_KEY, doc_text, match_case
from .selection import is_enabled


class Linter:
    """Checks texts against a rule set.

    Build one per process (or use :func:`get_linter`): loading spaCy and
    compiling the matchers is the slow part; checking is fast.
    """

    def __init__(self, rules: Sequence[str | Path] = (), *, select: Sequence[str] = (),
                 ignore: Sequence[str] = (), model: str | None = None,
                 include_default: bool = True, scores: bool = True,
                 min_empathy: float | None = None, min_positivity: float | None = None):
        from .nlp import load_pipeline
        from .rules.index import MatchIndex

        self.ruleset = load_rules(rules, include_default=include_default)
        self.select, self.ignore = tuple(select), tuple(ignore)  # (tonecheck.contextual)
        self.pipeline = load_pipeline(model)
        notices = list(self.pipeline.notices)
        have = {"tagger"} if self.pipeline.has_tagger else set()
        if self.pipeline.has_parser:
            have.add("parser")
        enabled = [r for r in self.ruleset.rules if is_enabled(r.id, r.category, select, ignore)]
        skipped = [r for r in enabled if not r.needs <= have]
        if skipped:
            ids = ", ".join(r.id for r in skipped)
            notices.append(f"skipped {len(skipped)} rule(s) that need a trained spaCy pipeline "
                           f"({ids}); install one and pass --model, e.g. --model en_core_web_sm")
        #: The rules whose findings are reported (``--select``/``--ignore``).
        self.rules = [r for r in enabled if r not in skipped]
        self.notices = tuple(notices)
        self.gates = {k: v for k, v in (("empathy", min_empathy), ("positivity", min_positivity))
                      if v is not None}
        self.scoring = scores or bool(self.gates)
        # The scores are computed from the findings of every rule (the default
        # pack plus the team's packs), whatever is selected: a selection
        # decides what is reported, not how a reply scores.
        run = self.rules
        if self.scoring:
            pool = (self.ruleset if include_default
                    else load_rules(rules, include_default=True)).rules
            run = [r for r in pool if r.needs <= have]
        self._reported = None if len(run) == len(self.rules) else frozenset(r.id for r in self.rules)
        self.index = MatchIndex(self.pipeline)
        for rule in run:
            rule.compile(self.index)
        self._by_id = {r.id: r for r in run}
        self._whole_text = [r for r in run if r.whole_text]
        if self.scoring:
            from .scoring.scorer import scorer_for

            self._score = scorer_for(self.pipeline.vocab, self.pipeline.nlp.tokenizer)

    # -- one doc ----------------------------------------------------------------
    def findings(self, doc, text: str) -> list[Finding]:
        """The reported findings in an analysed ``doc`` of ``text``, in text order."""
        return self._reportable(self._all_findings(doc, text))

    def _reportable(self, found: list[Finding]) -> list[Finding]:
        if self._reported is None:
            return found
        return [f for f in found if f.rule in self._reported]

    def _all_findings(self, doc, text: str) -> list[Finding]:
        """Findings of every rule run (the scoring set, which may be wider
        than the selection)."""
        hits = self.index(doc)
        rules = [self._by_id[i] for i in hits]
        rules += [r for r in self._whole_text if r.id not in hits]
        found: list[Finding] = []
        lines = None
        for rule in rules:
            for hit in rule.match(doc):
                if lines is None:
                    lines = LineIndex(text)
                matched = text[hit.start:hit.end]
                line, column = lines.position(hit.start)
                end_line, end_column = lines.position(hit.end)
                sent_start, sent_end = _sentence_span(doc, hit.start, hit.end)
                found.append(Finding(
                    rule=rule.id, severity=rule.severity, category=rule.category,
                    message=rule.format_message(matched), match=matched,
                    start=hit.start, end=hit.end, line=line, column=column,
                    replacements=tuple(dict.fromkeys(match_case(s, matched)
                                                     for s in hit.replacements)),
                    advice=rule.advice,
                    end_line=end_line, end_column=end_column, link=rule.link,
                    sentence_start=sent_start, sentence_end=sent_end))
        found.sort(key=lambda f: (f.start, f.end, f.rule))
        return found

    def report(self, doc, text: str, path: str) -> FileReport:
        found = self._all_findings(doc, text)
        findings = self._reportable(found)
        scores = None
        if self.scoring:
            scores = self._score(doc, found, text)
            findings = findings + score_gates(scores, self.gates)
        return FileReport(path=path, text=text, findings=tuple(findings), scores=scores)

    # -- public entry points ------------------------------------------------------
    def check_text(self, text: str, path: str = "-") -> FileReport:
        return next(self.check_many([(path, text)]))

    def check_many(self, items: Iterable[tuple[str, str]], batch_size: int = 256
                   ) -> Iterator[FileReport]:
        """Stream ``(path, text)`` pairs through the pipeline in batches; only
        one batch of docs is alive at a time, so memory stays flat."""
        from .nlp import normalise

        def stream():
            for path, text in items:
                norm = normalise(text)
                yield norm, (path, text, norm)

        for doc, (path, text, norm) in self.pipeline.nlp.pipe(stream(), as_tuples=True,
                                                              batch_size=batch_size):
            doc.user_data[TEXT_KEY] = norm  # spares rules rebuilding Doc.text
            yield self.report(doc, text, path)


def _sentence_span(doc, start: int, end: int) -> tuple[int, int]:
    """Character span of the sentence(s) holding ``start:end``, without the
    surrounding whitespace."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    first, last = span[0].sent, span[-1].sent
    text = doc_text(doc)
    lo, hi = first.start_char, last.end_char
    chunk = text[lo:hi]
    lo += len(chunk) - len(chunk.lstrip())
    hi = max(lo, lo + len(chunk.strip()))
    return min(lo, start), max(hi, end)


def score_gates(scores, gates: dict[str, float]) -> list[Finding]:
    """A failing finding for each score under its ``--min-<score>`` gate."""
    out = []
    for name, minimum in gates.items():
        value = getattr(scores, name)
        if round(value) < minimum:
            out.append(Finding(
                rule=f"score.min-{name}", severity=Severity.ERROR, category=name,
                message=f"{name} score {round(value)} is below the minimum of {minimum:g}; "
                        f"see the signals with --explain",
                match="", start=0, end=0, line=1, column=1, end_line=1, end_column=1))
    return out


@lru_cache(maxsize=8)
def _cached(rules: tuple, select: tuple, ignore: tuple, model, include_default: bool,
            scores: bool, min_empathy, min_positivity) -> Linter:
    return Linter(rules, select=select, ignore=ignore, model=model,
                  include_default=include_default, scores=scores, min_empathy=min_empathy,
                  min_positivity=min_positivity)


def get_linter(*, rules: Sequence = (), select: Sequence[str] = (), ignore: Sequence[str] = (),
               model: str | None = None, include_default: bool = True,
               scores: bool = True, min_empathy: float | None = None,
               min_positivity: float | None = None) -> Linter:
    """A process-wide linter for these options (built on first use)."""
    return _cached(tuple(str(r) for r in rules), tuple(select), tuple(ignore), model,
                   include_default, scores, min_empathy, min_positivity)
