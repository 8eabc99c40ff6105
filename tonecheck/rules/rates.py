"""How common each word is in real support replies (word_rates.json and
text_word_rates.json, made by benchmarks/word_rates.py): what the shared
matchers (rules/index.py) and the regex sifting (rules/sifting.py) gate on is
chosen rare by them. The tables decide only what checking costs, never a
finding."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

#: A word not in the table of common words is taken to be in this share of
#: replies; words in at least 1% are listed there.
RARE_RATE = 0.005

#: A word or pair of the regex sifting's not in its table is taken to be in
#: this share of replies; those in at least 0.2% are listed there.
TEXT_RARE_RATE = 0.001


@lru_cache(maxsize=1)
def word_rates() -> dict[str, dict[str, float]]:
    """Share of real support replies holding each common word, by token:
    lowercased ("lower") and lemma ("lemma")."""
    path = Path(__file__).with_name("word_rates.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def text_word_rates() -> dict[str, float]:
    """Share of real support replies holding each of the regex sifting's
    words and pairs of words ("it s", rules/words.py). Read only when the
    sifting's tests are made from the patterns, not when they are cached."""
    path = Path(__file__).with_name("text_word_rates.json")
    return json.loads(path.read_text(encoding="utf-8"))
