"""TextBlob's sentiment lexicon, applied over spaCy tokens.

TextBlob's own ``.sentiment`` needs NLTK data for its tokenizers and reads
"n't" wrongly, so tonecheck uses only its lexicon (the en-sentiment.xml that
TextBlob ships, averaged as TextBlob averages it: word -> {pos: [polarity,
subjectivity, intensity]}) and applies it to the
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


def _lexicon_path() -> str:
    """TextBlob's en-sentiment.xml, found without importing TextBlob (whose
    import pulls in NLTK and costs most of a second)."""
    import os
    from importlib.util import find_spec

    spec = find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("textblob is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], "en", "en-sentiment.xml")


def read_lexicon(path: str) -> dict[str, dict]:
    """word -> {pos: [polarity, subjectivity, intensity], None: [...]}, averaged
    the way TextBlob's ``Sentiment.load`` averages them: over the senses of
    each part of speech, then over the parts of speech."""
    from xml.etree import ElementTree

    senses: dict[str, dict] = {}
    for w in ElementTree.parse(path).getroot().iter("word"):
        form = w.attrib.get("form")
        if form:
            psi = (float(w.attrib.get("polarity", 0.0)), float(w.attrib.get("subjectivity", 0.0)),
                   float(w.attrib.get("intensity", 1.0)))
            senses.setdefault(form, {}).setdefault(w.attrib.get("pos"), []).append(psi)

    def avg(rows):
        return [sum(col) / len(col) for col in zip(*rows)]

    words = {}
    for form, by_pos in senses.items():
        entry = {pos: avg(rows) for pos, rows in by_pos.items()}
        entry[None] = avg(list(entry.values()))
        words[form] = entry
    # As textblob.en does: each adjective also gives its adverb ("terrible" ->
    # "terribly"), which replaces the adverb's own averaged entry.
    for form, entry in list(words.items()):
        if "JJ" in entry:
            stem = form[:-1] + "i" if form.endswith("y") else form
            stem = stem[:-2] if stem.endswith("le") else stem
            adverb = words.setdefault(stem + "ly", {})
            adverb["RB"] = adverb[None] = list(entry["JJ"])
    return words


@lru_cache(maxsize=1)
def table() -> dict[int, tuple[float, float, bool]]:
    """NORM hash -> (polarity, intensity, is_modifier) for every lexicon word."""
    sentiment = read_lexicon(_lexicon_path())
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
