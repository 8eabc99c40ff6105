"""The values the scores produce: signals, per-sentence scores, reply scores.

Signals and sentence scores are named tuples: immutable, and cheap to build
for every reply (a frozen dataclass costs several times more).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

EMPATHY, POSITIVITY = "empathy", "positivity"


class Signal(NamedTuple):
    """One reason a score moved: ``weight`` points, triggered by ``text``.

    ``weight`` is the signal's share of the reply's score: the empathy score is
    its base plus its signals' weights; the positivity score is 50 plus its
    signals' weights (each already divided by the number of sentences); both
    are then clamped to 0-100. ``start``/``end`` are the half-open character
    span of ``text`` (-1 when there is none); ``sentence`` is the index of the
    sentence it occurs in (-1 for none).
    """

    score: str  # "empathy" or "positivity"
    name: str
    weight: float
    text: str = ""
    start: int = -1
    end: int = -1
    sentence: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "signal": self.name, "weight": round(self.weight, 1),
                "text": self.text, "start": self.start, "end": self.end,
                "sentence": self.sentence}


class SentenceScore(NamedTuple):
    """The scores of one sentence taken on its own (same scales as the reply)."""

    start: int
    end: int
    text: str
    empathy: float
    positivity: float

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "empathy": round(self.empathy), "positivity": round(self.positivity)}


@dataclass(frozen=True, slots=True)
class Scores:
    """A reply's scores. ``empathy`` and ``positivity`` are whole numbers
    0-100, the numbers the CLI and the JSON report show; the unrounded values
    are ``empathy_exact`` and ``positivity_exact``. One rounding rule
    everywhere: Python's ``round()`` (halves to the even number, 55.5 -> 56,
    54.5 -> 54), and the ``--min-*`` gates compare the rounded number."""

    empathy_exact: float
    positivity_exact: float
    signals: tuple[Signal, ...] = field(default=())
    sentences: tuple[SentenceScore, ...] = field(default=())

    @property
    def empathy(self) -> int:
        return round(self.empathy_exact)

    @property
    def positivity(self) -> int:
        return round(self.positivity_exact)

    def to_dict(self) -> dict[str, Any]:
        return {"empathy": self.empathy, "positivity": self.positivity,
                "signals": [s.to_dict() for s in self.signals],
                "sentences": [s.to_dict() for s in self.sentences]}


def clamp(x: float) -> float:
    return 0.0 if x < 0.0 else 100.0 if x > 100.0 else x
