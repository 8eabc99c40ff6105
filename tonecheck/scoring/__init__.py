"""Empathy and positivity scores (0-100), each with the signals behind it.

Scores are pure functions of the analysed doc and the rule findings; every
point added or removed is a :class:`Signal` the user can see. See
docs/scores.md for what the numbers mean.

* ``signals.py``: the phrases (markers) and their weights, as data.
* ``lexicon.py``: TextBlob's sentiment lexicon over spaCy tokens.
* ``scorer.py``: one pass that turns markers, lexicon and findings into scores.
* ``model.py``: Signal, SentenceScore, Scores.
"""
from __future__ import annotations

from .model import Scores, SentenceScore, Signal
from .scorer import score

__all__ = ["Scores", "SentenceScore", "Signal", "score"]
