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


def _window_from_spans(doc, start: int, end: int, sentences: int) -> tuple[int, int]:
    """sentence_window as spaCy's own objects give it: the token at the
    character ("expand"), its sentence, then the next ones, a list's items
    counting with the sentence that introduces them."""
    from tonecheck.nlp import sentence_of

    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    sent = last = sentence_of(doc, span[0].i)
    for _ in range(sentences - 1):
        if last.end >= len(doc):
            break
        last = sentence_of(doc, last.end)
        while last.end < len(doc) and last.end_char < end + context.CONTEXT_LIMIT \
                and context._LIST_ITEM.match(last.text):
            last = sentence_of(doc, last.end)
    return sent.start_char, max(end, last.end_char)


def test_the_sentence_window_is_the_one_spacys_sentences_give(nlp):
    import csv
    import random

    from conftest import REPO

    rng = random.Random(3)
    with (REPO / "benchmarks" / "gold" / "drafts_zt.csv").open(newline="", encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)][:80]
    texts.append("We can't refund:\n- gift cards\n- downloads\nYou can exchange them.  Thanks!")
    checked = 0
    for text in texts:
        doc = nlp(text)
        for start in rng.sample(range(len(text)), min(25, len(text))):
            end = min(len(text), start + rng.randint(1, 30))
            for sentences in (1, 2, 3):
                assert context.sentence_window(doc, start, end, sentences) == \
                    _window_from_spans(doc, start, end, sentences), (text, start, end, sentences)
                checked += 1
    assert checked > 5000
