"""Where a match stands in the reply (tonecheck.rules.context), and the rules
that lean on it: a reply that opens with bad news after a greeting, emoji or
a bare apology; a later sentence that does; and the context a refusal, a
vague time or an "I don't know" is read in."""
from __future__ import annotations

import pytest

from tonecheck.rules import context


@pytest.fixture(scope="module")
def nlp():
    from tonecheck.nlp import load_pipeline

    return load_pipeline(None).nlp


def _opens(nlp, text: str, word: str) -> bool:
    doc = nlp(text)
    return context.at_reply_start(doc, text.index(word))


@pytest.mark.parametrize("text", [
    "Unfortunately, we can't change it.",
    "@user Hello, Unfortunately, we cannot remove it.",
    "@user @other Hi Sam! Unfortunately the sale has ended.",
    "Hi Ana 👋 Unfortunately the sale has ended.",
    "Hi Ana - Unfortunately the sale has ended.",
    "Sorry, Unfortunately we don't ship to Canada.",
    "I'm sorry but Unfortunately we're out of stock.",
    "Oh no, Unfortunately that's sold out.",
    "Hello Mr Smith, Unfortunately the flight is full.",
])
def test_reply_start_after_greeting_emoji_or_bare_apology(nlp, text):
    assert _opens(nlp, text, "Unfortunately")


@pytest.mark.parametrize("text", [
    "Thanks for checking. Unfortunately, we can't change it.",
    "Sorry to hear that! Unfortunately the sale has ended.",
    "We must, Unfortunately, retire the old version.",
    "Hello Paul, we appreciate it. Unfortunately there's no update.",
    "We Unfortunately can't ship there.",
    "I'm Unfortunately out of ideas.",
])
def test_not_reply_start(nlp, text):
    assert not _opens(nlp, text, "Unfortunately")


def test_sentence_start_is_unchanged(nlp):
    # at_sentence_start (used by sentence-start rules elsewhere) keeps its reading.
    text = "Thanks for checking. Unfortunately, we can't."
    doc = nlp(text)
    assert context.at_sentence_start(doc, text.index("Unfortunately"))
    text = "Hi Ana 👋 Unfortunately the sale has ended."
    assert not context.at_sentence_start(nlp(text), text.index("Unfortunately"))


def _levels(linter, text: str, rule: str) -> list[str]:
    return [f.severity.label for f in linter.check_text(text).findings if f.rule == rule]


@pytest.mark.parametrize("text,rule,levels", [
    ("Sorry, unfortunately we don't ship to Canada.", "positivity.opens-with-bad-news",
     ["warning"]),
    ("Sorry, unfortunately we don't ship to Canada.", "positivity.unfortunately", []),
    ("Thanks! Unfortunately we don't ship to Canada.", "positivity.unfortunately",
     ["suggestion"]),
    ("Thanks! Unfortunately we don't ship to Canada.", "positivity.opens-with-bad-news", []),
    # A refusal: flat, with the way forward after it, or as a rule with its condition first.
    ("We don't have the option to extend the trial.", "positivity.we-cant", ["warning"]),
    ("We're unable to assist with mortgages here. Please call 1-800-555-0100.",
     "positivity.we-cant", ["suggestion"]),
    ("Once the owner deletes an account, we are unable to re-enable it.",
     "positivity.we-cant", ["suggestion"]),
    ("I wasn't able to find a booking under that email.", "positivity.we-cant", []),
    # A vague time: the company's promise about the case, a hope, or the catalogue.
    ("We'll be in touch soon.", "timeliness.vague-time", ["warning"]),
    ("Hopefully it'll be fixed soon.", "timeliness.vague-time", ["suggestion"]),
    ("See you soon!", "timeliness.vague-time", []),
    ("Our team will get back to you as soon as possible.", "timeliness.asap-promise",
     ["warning"]),
    ("Our team will get back to you as soon as possible.", "timeliness.asap", []),
    ("Please reply as soon as possible.", "timeliness.asap", ["suggestion"]),
    ("Please reply as soon as possible.", "timeliness.asap-promise", []),
    # Not knowing, with and without a next step.
    ("I'm not sure, sorry.", "honesty.dont-know", ["warning"]),
    ("I'm not sure, let me check with the team.", "honesty.dont-know", ["suggestion"]),
])
def test_rules_read_context(linter, text, rule, levels):
    assert _levels(linter, text, rule) == levels
