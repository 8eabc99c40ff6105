"""The fitted positivity weights, read once from ``positivity_weights.json``.

``benchmarks/fit_positivity.py`` writes that file: one number of points per
positivity signal (per sentence, before the division by the number of
sentences) and the points of a sentence's lexicon polarity. The phrases stay in
``signals.py``; a marker missing from the file keeps the weight written there.
docs/scores.md explains how the weights were chosen.
"""
from __future__ import annotations

import json
from pathlib import Path

PATH = Path(__file__).with_name("positivity_weights.json")


def _load() -> dict:
    try:
        return json.loads(PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


_DATA = _load()
#: signal name -> points per sentence it occurs in.
POSITIVITY_POINTS: dict[str, float] = {k: float(v) for k, v in _DATA.get("markers", {}).items()}
#: points of a sentence's lexicon polarity (-1..1), by polarity > 0.
SENTIMENT_POINTS: dict[bool, float] = {
    True: float(_DATA.get("sentiment", {}).get("positive", 10.0)),
    False: float(_DATA.get("sentiment", {}).get("negative", 20.0)),
}
