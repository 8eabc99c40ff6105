"""Context-aware empathy: is the customer upset, and did the reply acknowledge it?"""
from __future__ import annotations

import pytest

import tonecheck
from tonecheck.scoring.upset import FAMILIES, detect

UPSET = "empathy.acknowledge-upset-customer"


@pytest.mark.parametrize("text, reason", [
    ("This is the third time I'm writing about my refund.", "repeat contact"),
    ("I've already called you twice and nobody has got back to me.", "repeat contact"),
    ("Still waiting for my order, 3 weeks later.", "repeat contact"),
    ("I have been on hold for 2 hours.", "repeat contact"),
    ("This is ridiculous, your app is useless.", "anger"),
    ("I'm so frustrated with this, honestly fed up.", "anger"),
    ("What the hell is going on with my account", "anger"),
    ("Cancel my subscription, I'm taking my business elsewhere.", "threat"),
    ("I'm really worried someone used my card.", "distress"),
    ("my account got hacked 😭", "distress"),
    ("WHY IS MY ORDER STILL NOT HERE", "shouting"),
    ("The update is broken, slow and terrible, and the new menu is awful and bad.", "negative"),
])
def test_upset(text, reason):
    verdict = detect(text)
    assert verdict.upset and reason in dict(verdict.reasons), verdict


@pytest.mark.parametrize("text", [
    "Hi, when will my order ship? Thanks!",
    "Can I change the delivery address to my office?",
    "I'm not sure which plan is right for me, any advice?",
    "My USB drive shows up in the BIOS but not in Windows, help?",  # acronyms are not shouting
    "I played the game all weekend, what a great update.",
    "It says something went wrong when I sign in.",
    "I get the warning a few times a day.",
    "",
])
def test_calm(text):
    assert not detect(text).upset


def test_families_are_data():
    assert set(FAMILIES) >= {"anger", "repeat contact", "threat", "distress"}
    assert all(isinstance(p, str) for patterns in FAMILIES.values() for p in patterns)


ANGRY = "This is the third time I'm writing. Where is my refund? Ridiculous."


@pytest.mark.parametrize("reply, flagged", [
    ("Hi Sam,\n\nYour refund was sent today.", True),
    ("Your refund was sent today.", True),
    ("I'm so sorry you've had to write to us three times about this. Your refund was sent "
     "today.", False),                                       # emotional reaction
    ("I completely understand how frustrating this is. The refund was sent today.", False),
    ("Sorry your refund took so long. It was sent today.", False),  # specific apology
    ("Sorry for any inconvenience. The refund was sent today.", True),  # formulaic: not enough
    ("I understand. The refund was sent today.", False),
])
def test_reply_must_acknowledge_an_upset_customer(reply, flagged):
    report = tonecheck.check(reply, context=ANGRY)
    assert (UPSET in [f.rule for f in report.findings]) == flagged


def test_finding_shape_and_position():
    report = tonecheck.check("Hi Sam,\n\nYour refund was sent today. Thanks!", context=ANGRY)
    [f] = [f for f in report.findings if f.rule == UPSET]
    assert f.severity.label == "warning" and f.category == "empathy"
    assert f.replacements == () and f.advice
    assert (f.line, f.column) == (3, 1) and f.match == "Your refund was sent today."
    assert report.text[f.start:f.end] == f.match
    assert '"third time"' in f.message


def test_no_context_or_calm_customer_no_finding():
    reply = "Your refund was sent today."
    assert UPSET not in [f.rule for f in tonecheck.check(reply).findings]
    assert UPSET not in [f.rule for f in tonecheck.check(reply, context="Thanks!").findings]


def test_selection_and_scores_off():
    reply = "Your refund was sent today."
    ignored = tonecheck.check(reply, context=ANGRY, ignore=[UPSET])
    assert UPSET not in [f.rule for f in ignored.findings]
    only = tonecheck.check(reply, context=ANGRY, select=["empathy"], scores=False)
    assert [f.rule for f in only.findings] == [UPSET]
    # The scores do not change with the context: they are the reply's own.
    assert tonecheck.check(reply, context=ANGRY).scores == tonecheck.check(reply).scores
