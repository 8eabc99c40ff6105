"""Empathy and positivity scores (0-100), each with the signals behind it.

Scores are pure functions of the analysed doc and the rule findings; every
point added or removed is a :class:`Signal` the user can see.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Scores, Signal, score

__all__ = ["Scores", "Signal", "score"]
