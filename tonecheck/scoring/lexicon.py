"""TextBlob's sentiment lexicon, applied over spaCy tokens.

TextBlob's own ``.sentiment`` needs NLTK data for its tokenizers and reads
"n't" wrongly, so tonecheck uses only its lexicon (``textblob.en.sentiment``:
word -> {pos: [polarity, subjectivity, intensity]}) and applies it to the
``NORM`` of each spaCy token, where "wasn't" already reads "was not". The
rules follow TextBlob's: adverbs modify the next known word ("very good"),
a negation flips and halves it ("not good" = -0.35), "!" strengthens the
word before it by a quarter, and a sentence's polarity is the mean over the
words it assessed.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.strings import get_string_id

from .signals import LEXICON_SKIP


@lru_cache(maxsize=1)
def table() -> dict[int, tuple[float, float, bool]]:
    """NORM hash -> (polarity, intensity, is_modifier) for every lexicon word."""
    from textblob.en import sentiment

    out: dict[int, tuple[float, float, bool]] = {}
    for word in list(sentiment.keys()):
        if word in LEXICON_SKIP or " " in word:
            continue
        senses = sentiment[word]
        polarity, _subjectivity, intensity = senses[None]
        modifier = "RB" in senses or word.endswith("ly")
        if polarity == 0.0 and not modifier:
            continue
        out[get_string_id(word.lower())] = (float(polarity), float(intensity), modifier)
    return out


NEGATION_IDS = frozenset(get_string_id(w) for w in ("not", "no", "never", "n't"))
EXCLAMATION_ID = get_string_id("!")
