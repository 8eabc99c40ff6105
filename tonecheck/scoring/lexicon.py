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

Not every entry is used as listed: TextBlob averages every sense of a word,
and in support text the polar sense is often not the one meant. So
(``table()``):

* function words (spaCy's English stop words: "much", "more", "very", "own",
  "first") carry no polarity of their own, and neither do adverbs the lexicon
  lists only as weak adverbs (|polarity| < 0.25: "absolutely", "certainly");
  both still strengthen the next word ("very good");
* a word whose senses mostly disagree with its averaged polarity ("green":
  the colour is neutral, "naive" is negative; "new", "ready", "live") is
  dropped: its polarity belongs to a sense that rarely applies;
* the scorer skips capitalised words inside a sentence (names: "Forest
  Green") and adjective-only entries used as a noun or a verb ("your game
  is ready", "I mean").
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
    agreement = {form: _agreement([psi[0] for rows in by_pos.values() for psi in rows],
                                  words[form][None][0]) for form, by_pos in senses.items()}
    # As textblob.en does: each adjective also gives its adverb ("terrible" ->
    # "terribly"), which replaces the adverb's own averaged entry.
    for form, entry in list(words.items()):
        if "JJ" in entry:
            stem = form[:-1] + "i" if form.endswith("y") else form
            stem = stem[:-2] if stem.endswith("le") else stem
            adverb = words.setdefault(stem + "ly", {})
            adverb["RB"] = adverb[None] = list(entry["JJ"])
            agreement[stem + "ly"] = agreement[form]
    for form, entry in words.items():
        entry[AGREEMENT] = agreement.get(form, 1.0)
    return words


#: Key of an entry's sense agreement in ``read_lexicon``'s output: the share of
#: the word's senses whose polarity has the sign of the averaged polarity.
AGREEMENT = "agreement"
MIN_AGREEMENT = 0.5  # a word needs more than half its senses on its side
WEAK_ADVERB = 0.25   # adverb-only entries weaker than this are intensity only
ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})


def _agreement(polarities: list[float], mean: float) -> float:
    if not mean or not polarities:
        return 1.0
    return sum(1 for p in polarities if p * mean > 0) / len(polarities)


@lru_cache(maxsize=1)
def table() -> dict[int, tuple[float, float, bool, bool]]:
    """NORM hash -> (polarity, intensity, is_modifier, adjective_only) for every
    lexicon word that has a polarity or modifies the next word."""
    from spacy.lang.en.stop_words import STOP_WORDS

    sentiment = read_lexicon(_lexicon_path())
    out: dict[int, tuple[float, float, bool, bool]] = {}
    for word in list(sentiment.keys()):
        if word in LEXICON_SKIP or " " in word:
            continue
        senses = sentiment[word]
        polarity, _subjectivity, intensity = senses[None]
        tags = {pos for pos in senses if isinstance(pos, str) and pos != AGREEMENT}
        modifier = "RB" in senses or word.endswith("ly")
        if (word in STOP_WORDS or senses[AGREEMENT] <= MIN_AGREEMENT
                or (tags == {"RB"} and abs(polarity) < WEAK_ADVERB)):
            polarity = 0.0
        if polarity == 0.0 and not modifier:
            continue
        out[get_string_id(word.lower())] = (float(polarity), float(intensity), modifier,
                                            bool(tags) and tags <= ADJECTIVE_TAGS)
    return out


NEGATION_IDS = frozenset(get_string_id(w) for w in ("not", "no", "never", "n't"))
EXCLAMATION_ID = get_string_id("!")
