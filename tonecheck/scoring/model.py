"""First version of the scores: signal phrases, sentiment and findings.

Everything tunable lives in this module (weights) and ``signals.py``
(phrases), so the scores are easy to change in one place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from .signals import EMPATHY_SIGNALS, POSITIVITY_SIGNALS

BASE_EMPATHY = 40.0
BASE_POSITIVITY = 50.0
SENTIMENT_WEIGHT = 30.0  # polarity in [-1, 1] moves positivity by up to this much
FINDING_PENALTY = {  # category -> (empathy, positivity) points per finding
    "empathy": (-8, -3), "ownership": (-6, -3), "courtesy": (-4, -6),
    "positivity": (-2, -8), "honesty": (-3, -2), "timeliness": (-2, -2),
    "clarity": (0, -1), "professionalism": (-3, -4), "structure": (0, -1),
}


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason a score moved: ``weight`` points, triggered by ``text``."""

    score: str  # "empathy" or "positivity"
    name: str
    weight: float
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "signal": self.name, "weight": round(self.weight, 1),
                "text": self.text}


@dataclass(frozen=True, slots=True)
class Scores:
    empathy: float
    positivity: float
    signals: tuple[Signal, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"empathy": round(self.empathy), "positivity": round(self.positivity),
                "signals": [s.to_dict() for s in self.signals]}


def _clamp(x: float) -> float:
    return max(0.0, min(100.0, x))


def _sentiment(doc) -> float:
    from textblob.en import sentiment

    # NORM forms turn "wasn't" into "was not", which TextBlob reads correctly.
    words = " ".join(t.norm_ for t in doc if not t.is_space)
    return sentiment(words)[0]


def _phrase_signals(kind: str, table: Sequence[tuple[str, float, re.Pattern]], text: str):
    for name, weight, regex in table:
        m = regex.search(text)
        if m:
            yield Signal(kind, name, weight, m.group(0))


def score(doc, findings: Sequence) -> Scores:
    text = doc.text
    if not text.strip():
        return Scores(empathy=50.0, positivity=50.0)
    signals: list[Signal] = []
    signals += _phrase_signals("empathy", EMPATHY_SIGNALS, text)
    signals += _phrase_signals("positivity", POSITIVITY_SIGNALS, text)
    polarity = _sentiment(doc)
    if polarity:
        signals.append(Signal("positivity", "sentiment", SENTIMENT_WEIGHT * polarity,
                              f"polarity {polarity:+.2f}"))
    for f in findings:
        emp, pos = FINDING_PENALTY.get(f.category, (-2, -2))
        if f.severity.label == "suggestion":
            emp, pos = emp / 2, pos / 2
        if emp:
            signals.append(Signal("empathy", f.rule, emp, f.match))
        if pos:
            signals.append(Signal("positivity", f.rule, pos, f.match))
    empathy = _clamp(BASE_EMPATHY + sum(s.weight for s in signals if s.score == "empathy"))
    positivity = _clamp(BASE_POSITIVITY + sum(s.weight for s in signals if s.score == "positivity"))
    return Scores(empathy=empathy, positivity=positivity, signals=tuple(signals))
