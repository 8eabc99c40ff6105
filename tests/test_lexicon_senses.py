"""The sentiment lexicon counts a word only in its polar sense.

TextBlob's lexicon averages every sense of a word; in support and technical
text the sense meant is often a neutral one ("hard drive", "clear the cache",
"the latest version", "right now"). These read as documentation: each pair
scores the same positivity, or the signals say no positive/negative wording.
Scores come from the text alone (no rule findings), so a rule-pack change
cannot move them.
"""
from __future__ import annotations

import pytest

from tonecheck.scoring import Scores, score

WORDS = {"positive words", "negative words"}


def bare(text: str) -> Scores:
    from tonecheck.engine import get_linter

    return score(get_linter().pipeline.make_doc(text), (), text)


def wording(s: Scores) -> list[tuple[str, str]]:
    """The positive/negative word signals: (name, the words)."""
    return [(g.name, g.text) for g in s.signals if g.name in WORDS]


# -- the same sentence with a neutral word in place of the lexicon word -------------
@pytest.mark.parametrize("domain, plain", [
    # a noun, not the adjective "game for anything"
    ("Your game is ready to download.", "Your order is ready to download."),
    ("Please reinstall the game from the store.", "Please reinstall the app from the store."),
    # compounds
    ("Your hard drive is nearly full.", "Your drive is nearly full."),
    ("Try a hard reset first.", "Try a reset first."),
    ("Start the console in safe mode.", "Start the console in recovery mode."),
    ("The server returned a bad request error.", "The server returned a 400 error."),
    ("That counts as fair use.", "That counts as quoted use."),
    # hyphenated words are one word
    ("Use the chat button in the lower-right corner.", "Use the chat button in the corner."),
    ("Right-click the file and choose Open.", "Click the file and choose Open."),
    # phrases
    ("We are looking into it right now.", "We are looking into it today."),
    ("Please make sure the app is updated.", "Please check that the app is updated."),
    ("Can you tell me what's wrong with the export?", "Can you tell me what happens with the export?"),
    ("Our team is working hard on a fix.", "Our team is working on a fix."),
    # a verb before its object
    ("Please clear your browser cache.", "Please empty your browser cache."),
    ("Clear the cache and restart the app.", "Empty the cache and restart the app."),
    # state, version, size: a description of the thing
    ("Agents are available on Saturdays.", "Agents are here on Saturdays."),
    ("We will be able to help you in a DM.", "We will help you in a DM."),
    ("Please update to the latest version.", "Please update to the current version."),
    ("You could delete the old folder.", "You could delete the first folder."),
    ("The free plan allows three devices.", "The basic plan allows three devices."),
    ("The link on that page is dead.", "The link on that page is gone."),
    ("The file is missing from the build.", "The file is absent from the build."),
    ("We are seeing high demand today.", "We are seeing more demand today."),
    ("A cold start takes a minute.", "A first start takes a minute."),
    ("Please send us a direct message.", "Please send us a message."),
    ("The branch is closed on Sundays.", "The branch shuts on Sundays."),
    # the choice of one thing among others, not praise of it
    ("Let me find the right team for you.", "Let me find the team for you."),
    ("Please report it to the appropriate team.", "Please report it to the team."),
    # a product name
    ("Going forward, Creative Cloud customers can download two versions.",
     "Going forward, Cloud customers can download two versions."),
])
def test_a_neutral_sense_scores_as_the_neutral_word(domain, plain):
    a, b = bare(domain), bare(plain)
    assert not wording(a), wording(a)
    assert a.positivity_exact == pytest.approx(b.positivity_exact)


@pytest.mark.parametrize("text", [
    "Please clear the cache.",
    "Sorry for the trouble.",
    "We're sorry for the late reply.",
    "Are you having trouble with playback?",
    "Please be sure to back up your files first.",
    "Is there anything wrong with the settings?",
])
def test_no_positive_or_negative_wording(text):
    assert not wording(bare(text))


# -- the polar senses still count ----------------------------------------------------
@pytest.mark.parametrize("text, signal", [
    ("That was a terrible experience.", "negative words"),
    ("That is wrong.", "negative words"),
    ("You sent it to the wrong address.", "negative words"),
    ("This is a bad idea.", "negative words"),
    ("The instructions are too complex.", "negative words"),
    ("You're right about the date.", None),  # agreement is read as an acknowledgement
    ("I'm sure it will work.", "positive words"),
    ("The new layout is great.", "positive words"),
    ("Thanks for the kind words.", "positive words"),
    ("It's clear the update helped.", "positive words"),
])
def test_the_polar_sense_still_counts(text, signal):
    if signal:
        assert signal in {name for name, _ in wording(bare(text))}


def test_an_apology_names_the_problem_without_negative_wording():
    # What went wrong is named, not said against the reader; the apology counts.
    apology = bare("We're sorry for the poor experience.")
    assert not wording(apology)
    assert apology.positivity_exact > 50
    # ... up to a turn: what follows "but" is read as usual.
    assert "negative words" in {n for n, _ in wording(bare(
        "Sorry for the delay, but your report was wrong."))}


def test_the_stop_list_is_data():
    from tonecheck.scoring import lexicon

    for word in ("available", "latest", "free", "dead", "game"):
        assert word in lexicon.NOT_POLAR
    assert "drive" in lexicon.COMPOUND_NEXT["hard"].split()
    assert "make" in lexicon.COMPOUND_PREVIOUS["sure"].split()


@pytest.mark.parametrize("text", [
    "Does that mean the refund went out?",
    "In the mean time, please restart the app.",
    "I mean the second one.",
])
def test_mean_as_a_verb_or_in_a_phrase_is_not_unkind(text):
    assert not wording(bare(text))
