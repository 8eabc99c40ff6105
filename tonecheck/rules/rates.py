"""How common each word is in real support replies (word_rates.json, made by
benchmarks/word_rates.py): what the shared matchers (rules/index.py) and the
regex sifting (rules/sifting.py) gate on is chosen rare by it. The table
decides only what checking costs, never a finding."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

#: A word not in the table of common words is taken to be in this share of
#: replies; words in at least 1% are listed there.
RARE_RATE = 0.005


@lru_cache(maxsize=1)
def word_rates() -> dict[str, dict[str, float]]:
    """Share of real support replies holding each common word: by token,
    lowercased ("lower") and lemma ("lemma"), and by the regex sifting's
    words and pairs of words ("word", rules/words.py)."""
    path = Path(__file__).with_name("word_rates.json")
    return json.loads(path.read_text(encoding="utf-8"))
