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
* a word whose polar sense is rare in support and technical text
  (``NOT_POLAR``: "available", "latest", "free", "dead", "primary") is
  dropped: there it describes a thing, not how anyone feels about it;
* the scorer skips capitalised words inside a sentence (names: "Forest
  Green"), adjective-only entries used as a noun or a verb ("your game
  is ready", "I mean", "clear your cache"), words inside a hyphenated
  compound ("lower-right", "repository-wide") and the compounds and
  phrases of ``COMPOUND_NEXT`` / ``COMPOUND_PREVIOUS`` ("hard drive",
  "right now", "make sure", "what's wrong").
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
    # Read element by element, each dropped from the tree once read (the
    # whole tree, freed after, would leave its pages to the process).
    root = None
    for event, w in ElementTree.iterparse(path, events=("start", "end")):
        if root is None:
            root = w
        if event != "end" or w.tag != "word":
            continue
        form = w.attrib.get("form")
        if form:
            psi = (float(w.attrib.get("polarity", 0.0)), float(w.attrib.get("subjectivity", 0.0)),
                   float(w.attrib.get("intensity", 1.0)))
            senses.setdefault(form, {}).setdefault(w.attrib.get("pos"), []).append(psi)
        root.clear()

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

#: Words whose polar sense is rare in support and technical text: there they
#: describe a thing, not how anyone feels about it. By kind:
NOT_POLAR = frozenset("""
    able available primary secondary active static base rank random normal natural
    expected missing marked confirmed developed advanced special direct complete fit
    free action notable military closed soft bold minimal legal
    old latest early lately
    near far high large wide narrow shallow heavy light round cold
    dead game sound curious trouble
""".split())
# * state, role and availability: "be able to", "agents are available", "the
#   primary method", "static analysis", "the base game", "a random person",
#   "work as expected", "the printhead missing error", "marked as invalid",
#   "advanced search", "a direct message", "the free plan", "take action",
#   "closed as keep", "a soft reset", "bold text", "a minimal repro", "for
#   legal reasons", "notable" (Wikipedia's notability);
# * time and version: "the old folder", "the latest version", "lately";
# * place, size and degree: "near you", "as far as", "high demand", "wide
#   usage", "in light of", "cold start";
# * senses TextBlob averages in that rarely apply: "dead" (a dead link),
#   "game" (the adjective "game for anything"), "sound" (sound effects,
#   "does not sound"),
#   "curious" (a polite "just curious", not a fault), "trouble" (names the
#   customer's problem, as "problem" and "issue", which the lexicon lacks).

#: A lexicon word directly before one of these words is part of a compound
#: or a fixed phrase that is not its polar sense ("hard drive", "right now",
#: "safe mode", "fair use", "kind of", "bad request").
COMPOUND_NEXT = {
    "hard": "drive drives disk disks reset reboot restart copy copies link links limit refresh "
            "stop wrap coded",
    "right": "now away here there after before click side corner hand panel pane column menu "
             "edge arrow sidebar",
    "safe": "mode search deposit",
    "real": "time",
    "false": "positive positives negative negatives alarm alarms",
    "grand": "total",
    "mean": "time while",
    "fair": "use",
    "kind": "of",
    "bad": "request gateway sector sectors",
    "clear": "cache cookies history",
    "smooth": "out",
    "clean": "up",
    "slow": "down",
    # technical senses: values, references, errors
    "negative": "number numbers value values integer integers index indices sign zero infinity",
    "positive": "number numbers value values integer integers sign zero infinity",
    "strong": "reference references typing typed type types password passwords encryption",
    "weak": "reference references typing typed type types password passwords",
    "broken": "pipe pipes link links image images build builds",
    "fatal": "error errors exception exceptions",
}
#: A lexicon word after one of these words: a fixed phrase ("make sure",
#: "what's wrong", "something wrong with", "working (very) hard", "does
#: that mean"); a copula, an intensifier or a pronoun may come between.
COMPOUND_PREVIOUS = {
    "sure": "make makes making made be",
    "wrong": "what what's nothing anything something everything went goes going",
    "hard": "work works working worked try tries trying tried",
    "mean": "does do did",
    # a boolean value: "returns false", "set it to true"
    "false": "return returns returned returning to evaluates evaluate is",
    "true": "return returns returned returning to evaluates evaluate",
}
#: After "the", these pick one thing out among others ("the right account",
#: "the appropriate team"); they do not praise it. ("The wrong address" still
#: finds fault.)
SELECTION = frozenset("right appropriate relevant suitable".split())
#: Adjective-only entries that are also common verbs: followed by an object
#: ("clear your cache", "complete the form", "secure your account") they
#: are the verb, unless a copula comes before ("it is clear the ...").
VERBS_TOO = frozenset("clear secure clean smooth slow".split())


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
        if (word in STOP_WORDS or word in NOT_POLAR or senses[AGREEMENT] <= MIN_AGREEMENT
                or (tags == {"RB"} and abs(polarity) < WEAK_ADVERB)):
            polarity = 0.0
        if polarity == 0.0 and not modifier:
            continue
        out[get_string_id(word.lower())] = (float(polarity), float(intensity), modifier,
                                            bool(tags) and tags <= ADJECTIVE_TAGS)
    return out


NEGATION_IDS = frozenset(get_string_id(w) for w in ("not", "no", "never", "n't"))
EXCLAMATION_ID = get_string_id("!")
