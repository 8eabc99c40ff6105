"""Checks that need the customer's message: context-aware empathy.

When the customer is upset (``tonecheck.scoring.upset``) and the reply has
no acknowledgement or empathy statement (the scorer's own signals: it
acknowledges feelings, reacts with feeling, apologises for the specific
thing, or says it understands), the report gets an
``empathy.acknowledge-upset-customer`` warning at the reply's first sentence
(after a bare greeting). It gives advice only: the acknowledgement has to be
written for the situation.

The finding is added after scoring, so the scores stay a function of the
reply alone; ``--select``/``--ignore`` apply to it like to any rule.
"""
from __future__ import annotations

import dataclasses
import re

from .findings import Finding, Severity
from .positions import LineIndex

RULE_ID = "empathy.acknowledge-upset-customer"
CATEGORY = "empathy"
SEVERITY = Severity.WARNING
#: Empathy signals (tonecheck.scoring) that count as acknowledging the customer.
ACKNOWLEDGEMENTS = frozenset({"acknowledges feelings", "emotional reaction", "specific apology",
                              "understands"})
MESSAGE = ("The customer sounds upset ({evidence}) and the reply does not acknowledge it; "
           "say you understand before you answer.")
ADVICE = ("Open with an acknowledgement written for their situation: \"I'm sorry you've had to "
          "write to us again about this; I can see how frustrating it has been.\" Then answer.")
DESCRIPTION = ("An upset customer who gets a straight answer with no acknowledgement feels "
               "unheard. Reading the customer's message (the quoted mail, --context FILE or "
               "context=), tonecheck flags replies that answer anger, frustration, repeated "
               "contact or shouting without an acknowledgement, an emotional reaction, a "
               "specific apology or an 'I understand'.")
_GREETING = re.compile(r"^\W*(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|"
                       r"hiya|howdy)\b[\w .,'’-]{0,40}$", re.IGNORECASE)


def with_context(linter, report, context: str | None):
    """``report`` plus the context finding when ``context`` (the customer's
    message) shows an upset customer the reply does not acknowledge."""
    if not context or not context.strip() or not reports_rule(linter):
        return report
    from .scoring.upset import detect

    verdict = detect(context, linter.pipeline)
    if not verdict.upset:
        return report
    scores = report.scores if report.scores is not None else _scores(linter, report.text)
    if any(s.name in ACKNOWLEDGEMENTS and s.score == "empathy" for s in scores.signals):
        return report
    start, end = _first_sentence(scores, report.text)
    lines = LineIndex(report.text)
    line, column = lines.position(start)
    end_line, end_column = lines.position(end)
    finding = Finding(rule=RULE_ID, severity=SEVERITY, category=CATEGORY,
                      message=MESSAGE.format(evidence=verdict.evidence()),
                      match=report.text[start:end], start=start, end=end, line=line,
                      column=column, end_line=end_line, end_column=end_column, advice=ADVICE,
                      sentence_start=start, sentence_end=end)
    findings = sorted(report.findings + (finding,), key=lambda f: (f.start, f.end, f.rule))
    return dataclasses.replace(report, findings=tuple(findings))


def reports_rule(linter) -> bool:
    """Whether ``--select``/``--ignore`` let the context finding through."""
    from .selection import is_enabled

    return is_enabled(RULE_ID, CATEGORY, getattr(linter, "select", ()),
                      getattr(linter, "ignore", ()))


def _scores(linter, text: str):
    """Scores for a linter built with ``scores=False`` (the signals are needed)."""
    from .scoring.scorer import scorer_for

    doc = linter.pipeline.make_doc(text)
    return scorer_for(linter.pipeline.vocab, linter.pipeline.phrase_tokenizer)(doc, (), text)


def _first_sentence(scores, text: str) -> tuple[int, int]:
    sentences = [s for s in scores.sentences if s.text.strip()]
    if not sentences:
        stripped = text.lstrip()
        start = len(text) - len(stripped)
        end = text.find("\n", start)
        return start, (len(text) if end < 0 else end)
    first = sentences[0]
    if len(sentences) > 1 and _GREETING.match(first.text):
        first = sentences[1]
    return first.start, first.end
