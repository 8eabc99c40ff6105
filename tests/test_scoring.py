"""Empathy and positivity scores: relations, ranges and signals, never exact values."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tonecheck import check
from tonecheck.scoring import Scores, Signal, score
from tonecheck.scoring.signals import MARKERS, expand

PAIRS = yaml.safe_load((Path(__file__).parent / "fixtures" / "score_pairs.yml")
                       .read_text(encoding="utf-8"))["pairs"]


def scores(text: str) -> Scores:
    return check(text).scores


def bare(text: str) -> Scores:
    """Scores from the text alone, without rule findings (the rule pack changes)."""
    from tonecheck.engine import get_linter

    return score(get_linter().pipeline.make_doc(text), (), text)


def names(s: Scores, kind: str | None = None) -> set[str]:
    return {g.name for g in s.signals if kind is None or g.score == kind}


# -- signals fire on their phrases ----------------------------------------------------
@pytest.mark.parametrize("text, kind, signal", [
    ("I can see how frustrating it is to be charged twice.", "empathy", "acknowledges feelings"),
    ("I can see how frustrating it is to be charged twice.", "empathy", "names the feeling"),
    ("I can see how frustrating it is to be charged twice.", "empathy", "in the customer's terms"),
    ("That must be concerning.", "empathy", "acknowledges feelings"),
    ("I'm so sorry your parcel arrived damaged.", "empathy", "specific apology"),
    ("We apologize for any inconvenience.", "empathy", "formulaic apology"),
    ("I'll make sure the refund goes out today.", "empathy", "ownership"),
    ("Let me check that for you.", "empathy", "ownership"),
    ("I'll send it by 3 pm.", "empathy", "commits to a time"),
    ("Thank you for your patience.", "empathy", "gratitude"),
    ("Happy to help!", "empathy", "willingness"),
    ("Hi Sarah, your order has shipped.", "empathy", "personal address"),
    ("Could you send the order number?", "positivity", "indirect request"),
    ("Send the order number, please.", "positivity", "please"),
    ("Hello, your order has shipped.", "positivity", "greeting"),
    ("Thanks, that helps.", "positivity", "gratitude"),
    ("tysm, that fixed it", "positivity", "gratitude"),  # informal spellings
    ("sry about that, it's sorted now", "positivity", "apology"),
    ("thats awful, I'm sorry", "empathy", "acknowledges feelings"),
    ("I think the update fixes it.", "positivity", "hedge"),
    ("Unfortunately we can't refund it.", "positivity", "negative framing"),
    ("Why did you delete it?", "positivity", "direct question"),
    ("That is a great result.", "positivity", "positive words"),
    ("The result was terrible.", "positivity", "negative words"),
])
def test_signal_fires(text, kind, signal):
    assert signal in names(bare(text), kind)


def test_signal_names_its_text_and_span():
    text = "Hi Sarah, thanks for your patience. I'll check your order today."
    for g in scores(text).signals:
        assert isinstance(g, Signal) and g.text
        if g.start >= 0:
            assert text[g.start:g.end] == g.text or g.name.endswith("words")


def test_start_only_markers_need_the_sentence_start():
    assert "direct question" not in names(bare("Let me explain why it happened."))
    assert "greeting" in names(bare("@user Hi there, it has shipped."))


@pytest.mark.parametrize("text", [
    "You don't need to do anything, the refund is automatic.",  # reassurance
    "If you have to cancel, there's no fee.",                   # a condition
    "Do you need to change the date?",                          # a question
    "You shouldn't have to wait this long.",                    # on the customer's side
])
def test_wording_that_imposes_nothing_is_not_an_obligation(text):
    assert "obligation" not in names(bare(text))


def test_obligations_still_count():
    assert "obligation" in names(bare("You need to update the app."))
    assert "obligation" in names(bare("You didn't send the receipt."))


def test_so_as_an_intensifier_is_not_a_blunt_opener():
    assert "direct opener" not in names(bare("So glad it worked out!"))
    assert "direct opener" not in names(bare("So much better now."))
    assert "direct opener" in names(bare("So what is the error?"))
    assert "direct opener" in names(bare("So, you want a refund."))
    sorry = bare("So sorry to hear that!")
    assert "direct opener" not in names(sorry) and "specific apology" in names(sorry, "empathy")


@pytest.mark.parametrize("noisy, plain", [
    ("Your game is ready to download.", "Your order is ready to download."),  # noun use
    ("The Forest Green case is back in stock.", "The Forest case is back in stock."),  # a name
    ("Thanks very much!", "Thanks!"),  # "much" only strengthens; it is not praise
    ("I mean the second one.", "I meant the second one."),  # verb use of "mean"
    ("The new version is ready.", "The version is ready."),  # mostly-neutral senses
    # technical senses: a value, a reference, an error
    ("The function returns false for empty strings.", "The function returns zero for empty strings."),
    ("Sort the negative numbers first.", "Sort the numbers first."),
    ("Keep a strong reference to it.", "Keep a reference to it."),
    ("I get a broken pipe after a minute.", "I get a pipe after a minute."),
])
def test_lexicon_words_out_of_their_sense_do_not_move_positivity(noisy, plain):
    a, b = bare(noisy), bare(plain)
    assert a.positivity_exact == pytest.approx(b.positivity_exact)
    assert not {"positive words", "negative words"} & names(a, "positivity")


def test_lexicon_words_in_their_sense_still_count():
    assert "negative words" in names(bare("That was mean of them."))
    assert "positive words" in names(bare("The new layout is great."))
    assert bare("It was very good.").positivity_exact >= bare("It was good.").positivity_exact


def test_please_mid_sentence_is_politer_than_at_the_start():
    # Danescu-Niculescu-Mizil et al. (2013): sentence-initial "please" reads as a command.
    assert "please (sentence start)" in names(bare("Please send the receipt."))
    assert bare("Could you send the receipt, please?").positivity_exact > \
        bare("Please send the receipt.").positivity_exact


def test_fitted_weights_are_data_and_the_scorer_needs_no_sklearn():
    import subprocess
    import sys

    from tonecheck.scoring import weights

    assert weights.POSITIVITY_POINTS and weights.PATH.exists()
    code = ("import sys, tonecheck; tonecheck.check('Thanks, could you help?'); "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_negation_flips_sentiment():
    # TextBlob reads "wasn't happy" as +0.8; over NORM forms it is negative.
    assert "negative words" in names(bare("I wasn't happy with it."))
    assert scores("I wasn't happy with it.").positivity_exact < scores("I was happy with it.").positivity_exact


def test_empathy_wording_is_not_negative_sentiment():
    s = scores("I understand how frustrating that must be.")
    assert "negative words" not in names(s)
    assert s.positivity_exact >= 50 and s.empathy_exact > 50


def test_rule_findings_count_once_against_the_scores():
    s = scores("No problem! Calm down.")
    rules = [g for g in s.signals if "." in g.name]
    assert rules and all(g.weight < 0 for g in rules)
    assert "negative framing" not in names(s)  # "problem" is already the rule's finding


def test_formula_apology_earns_less_than_a_specific_one():
    assert scores("I'm sorry your card was charged twice for one order.").empathy_exact > \
        scores("We apologize for any inconvenience.").empathy_exact


# -- monotonicity and rate ---------------------------------------------------------------
BASES = ["Your refund was issued on Monday.", "Please restart the app.",
         "You need to send the order number.", "No problem, the parcel is on its way.",
         "Unfortunately the item is out of stock. It will be back next month."]
EMPATHY_STATEMENTS = ["I understand how frustrating this must be.", "I'm so sorry about the delay.",
                      "I'll make sure this is fixed today.", "Thank you for your patience.",
                      "I'm happy to help with anything else."]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("extra", EMPATHY_STATEMENTS)
def test_adding_empathy_never_lowers_empathy(base, extra):
    before = scores(base).empathy_exact
    assert scores(base + " " + extra).empathy_exact >= before
    assert scores(extra + " " + base).empathy_exact >= before


# Opening the reply is a place of its own ("Unfortunately" first is a warning,
# later a suggestion), so a reply repeated three times differs there; the rate
# is checked on replies that do not open with bad news.
@pytest.mark.parametrize("base", [b for b in BASES if not b.startswith("Unfortunately")]
                         + ["Here is the news. Unfortunately the item is out of stock."]
                         + EMPATHY_STATEMENTS)
def test_length_alone_does_not_move_positivity(base):
    once = scores(base).positivity_exact
    assert scores(" ".join([base] * 3)).positivity_exact == pytest.approx(once, abs=1.0)


# -- per-sentence output and JSON ---------------------------------------------------------
def test_per_sentence_scores():
    text = "Calm down. I'm so sorry about the delay, thank you for waiting!"
    s = scores(text)
    assert len(s.sentences) == 2
    first, second = s.sentences
    assert text[first.start:first.end].strip() == first.text == "Calm down."
    assert second.empathy > first.empathy and second.positivity > first.positivity
    assert {g.sentence for g in s.signals} == {0, 1}


def test_to_dict_is_json_with_sentences():
    data = json.loads(json.dumps(check("Hi! Thanks for waiting. Could you restart it?")
                                 .to_dict()))["scores"]
    assert set(data) >= {"empathy", "positivity", "signals", "sentences"}
    assert len(data["sentences"]) == 3
    assert all({"score", "signal", "weight", "text"} <= set(g) for g in data["signals"])


@pytest.mark.parametrize("text", ["", "   ", "!!!", "@user", "ok", "No. No. No. No. Never. Can't.",
                                  "Thank you so much!!! :) " * 20, "Why? " * 30,
                                  "fuck this stupid useless idiot " * 5])
def test_scores_stay_in_range(text):
    s = scores(text)
    assert 0 <= s.empathy <= 100 and 0 <= s.positivity <= 100
    for sent in s.sentences:
        assert 0 <= sent.empathy <= 100 and 0 <= sent.positivity <= 100


def test_score_without_text_matches_score_with_text():
    from tonecheck.engine import get_linter

    lint = get_linter()
    text = "Hi Sarah, I’m sorry your order arrived late. I’ll check it now."
    doc = lint.pipeline.make_doc(text)
    findings = lint.findings(doc, text)
    a, b = score(doc, findings), score(doc, findings, text)
    assert (a.empathy_exact, a.positivity_exact) == (b.empathy_exact, b.positivity_exact)


# -- paired rewrites -----------------------------------------------------------------------
@pytest.mark.parametrize("pair", PAIRS, ids=[p["poor"][:30] for p in PAIRS])
def test_better_rewrite_scores_higher(pair):
    poor, better = scores(pair["poor"]), scores(pair["better"])
    keys = ("empathy", "positivity") if pair["score"] == "both" else (pair["score"],)
    for k in keys:
        assert getattr(better, k + "_exact") > getattr(poor, k + "_exact"), k


def test_pairs_fixture_is_big_enough():
    assert len(PAIRS) >= 20


# -- the phrase tables -----------------------------------------------------------------
def test_expand():
    assert expand("i {can|do} see{| it}") == ["i can see", "i can see it", "i do see", "i do see it"]


def test_a_contraction_written_as_a_word_joins_the_word_before():
    # spaCy reads a lone "'ve" as "'" and "ve", which no reply holds
    assert expand("you 've got this") == ["you've got this"]
    assert expand("{i am|i 'm} here") == ["i am here", "i'm here"]


@pytest.mark.parametrize("text", ["You've got this.", "I'm so sad to hear that."])
def test_markers_written_with_a_contraction_match_it(text):
    assert "emotional reaction" in empathy_names(text)


def test_markers_are_well_formed():
    seen = set()
    for m in MARKERS:
        assert m.name not in seen and m.phrases
        seen.add(m.name)
        assert m.empathy or m.positivity or m.kind == "neutral"


def test_sentence_scores_point_into_the_text_and_skip_blank_lines():
    text = "Hi Sam, I'm so sorry the parcel is late.\n\nThanks for your patience.\n"
    sentences = check(text).scores.to_dict()["sentences"]
    assert [s["text"] for s in sentences] == ["Hi Sam, I'm so sorry the parcel is late.",
                                              "Thanks for your patience."]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in sentences)


def test_signal_phrase_groups_nest():
    assert expand("by {noon|end of {day|today}}") == ["by noon", "by end of day", "by end of today"]
    assert expand("{|really }sorry") == ["sorry", "really sorry"]
    assert not [p for m in MARKERS for p in m.phrases if set(p) & set("{|}")]


def test_a_definite_time_is_a_commitment():
    names = {s.name for s in check("I'll update you by Friday.").scores.signals}
    assert "commits to a time" in names


# -- empathy as people write it (docs/scores.md, "Empathy as people write it") ------------
NEUTRAL = "Your refund was issued on Monday."


def empathy_names(text: str) -> set[str]:
    return names(bare(text), "empathy")


@pytest.mark.parametrize("reaction", [
    "That sounds awful.", "That sounds exhausting.", "I'm so sorry you're going through this.",
    "I can imagine how stressful this is.", "Hugs!", "Glad you're safe!", "Oh no!",
    "I'd be upset too.", "Hang in there.", "Sending you strength.", "That's awful.",
    "That's a lot to deal with.",
    # as peer supporters write it
    "That really sucks.", "I feel for you.", "This made me tear up.", "That's messed up.",
    "I hate that you're going through this.", "Aww man.", "I'm so sad to hear that.",
    "Oof.", "My condolences.", "Heartbroken for you.", "I'm worried about you.",
    "That sounds terrifying.", "Sending you so much love.",
])
def test_an_emotional_reaction_raises_empathy(reaction):
    assert bare(NEUTRAL + " " + reaction).empathy_exact > bare(NEUTRAL).empathy_exact
    assert empathy_names(reaction) & {"emotional reaction", "acknowledges feelings"}


@pytest.mark.parametrize("interpretation", [
    "I understand.", "I've been there too.", "I'd feel the same.", "That makes sense.",
    "No wonder you're frustrated.", "I know the feeling.", "I went through the same thing.",
    "I feel you.",
])
def test_saying_you_understand_raises_empathy(interpretation):
    assert bare(NEUTRAL + " " + interpretation).empathy_exact > bare(NEUTRAL).empathy_exact
    assert empathy_names(interpretation) & {"understands", "acknowledges feelings"}


@pytest.mark.parametrize("question", [
    "How are you holding up?", "How are you feeling?", "What happened?",
    "Do you want to talk about it?", "How long have you been feeling like this?",
    "Have you talked to anyone about this?",
])
def test_asking_how_they_are_raises_empathy(question):
    assert "asks how they are" in empathy_names(question)
    assert bare(NEUTRAL + " " + question).empathy_exact > bare(NEUTRAL).empathy_exact


@pytest.mark.parametrize("text", ["I can see the colour.", "I can see the new button now.",
                                  "Sounds good!", "That sounds great.", "It's a lot of data.",
                                  "That's the order number.",
                                  "If I understand correctly, you want a refund."])
def test_words_that_only_look_like_empathy_earn_nothing(text):
    assert not empathy_names(text)
    assert bare(text).empathy_exact == bare(NEUTRAL).empathy_exact


@pytest.mark.parametrize("text", ["I can see how frustrating this is.", "I can see why you're upset.",
                                  "I can see that you've waited two weeks.",
                                  "I can see your frustration."])
def test_i_can_see_a_feeling_or_their_situation_acknowledges(text):
    assert "acknowledges feelings" in empathy_names(text)


@pytest.mark.parametrize("text, signal", [
    ("Hi, Carrie. Your order has shipped.", "personal address"),
    ("Hello Harold! Your order has shipped.", "personal address"),
    ("Let us know how it goes.", "checks in"),
    ("Please send us an email and we will assist.", "offers help"),
])
def test_small_signals_tell_ordinary_replies_apart(text, signal):
    assert signal in empathy_names(text)


def test_a_capitalised_word_after_hi_is_not_always_a_name():
    assert "personal address" not in empathy_names("Hi, Welcome to HP support on Twitter.")


@pytest.mark.parametrize("base", [
    "I can see how frustrating it is to be charged twice.",  # an acknowledgement with bonuses
    "Thank you for your patience. Thanks.",  # gratitude of two strengths
    "Oh no, that sounds exhausting.",
])
@pytest.mark.parametrize("extra", ["I understand.", "Thanks!", "Oh no!", "What happened?",
                                   "That makes sense."])
def test_a_second_empathy_statement_never_lowers_empathy(base, extra):
    before = bare(base).empathy_exact
    assert bare(extra + " " + base).empathy_exact >= before
    assert bare(base + " " + extra).empathy_exact >= before


@pytest.mark.parametrize("text", ["I'm so proud of you.", "Glad you made it home.",
                                  "You deserve better than that.", "Be gentle with yourself.",
                                  "So proud of you!", "So happy for you.", "Congrats on the new job!",
                                  "Good luck tomorrow.", "Rooting for you.", "Hope you feel better soon."])
def test_encouragement_raises_empathy_and_keeps_its_warmth(text):
    assert "encouragement" in empathy_names(text)
    assert bare(NEUTRAL + " " + text).empathy_exact > bare(NEUTRAL).empathy_exact
    assert bare(text).positivity_exact > bare(NEUTRAL).positivity_exact


def test_new_empathy_markers_leave_positivity_to_the_positivity_signals():
    new = {"emotional reaction", "understands", "asks how they are", "checks in", "offers help"}
    assert all(m.positivity == 0 for m in MARKERS if m.name in new)
    # each is a family of phrases, not one sentence
    assert all(len(m.phrases) >= 10 for m in MARKERS if m.name in new)


@pytest.mark.parametrize("text", ["Sorry, but we can't refund it.", "Sorry but you've only been there two months.",
                                  "Sorry, can't help with this one."])
def test_a_sorry_that_only_opens_a_no_is_not_an_apology(text):
    assert not empathy_names(text) & {"apology", "specific apology", "formulaic apology"}


def test_reassurance_is_not_an_insult():
    assert "profanity or insult" not in names(bare("You're not stupid at all."))
    assert "profanity or insult" in names(bare("That was stupid."))


def test_register_findings_do_not_cost_empathy():
    # slang and "!!" are professionalism findings: positivity pays, empathy does not
    plain, loud = check("Congrats, glad you're ok."), check("Congrats!! glad ur ok!!")
    assert any(f.category == "professionalism" for f in loud.findings)
    assert loud.scores.empathy_exact >= plain.scores.empathy_exact


@pytest.mark.parametrize("text", ["💔", "🫂", "<3", ":("])
def test_a_heart_or_a_hug_is_an_emotional_reaction(text):
    assert "warm emoji" in empathy_names(text)
    assert bare(NEUTRAL + " " + text).empathy_exact > bare(NEUTRAL).empathy_exact


def test_a_warm_word_inside_wording_a_rule_wants_changed_earns_nothing():
    # "absolutely" is willingness in "Absolutely, I can move it", not in a hard no.
    assert "willingness" in names(scores("Absolutely, I can move the date for you."))
    refusal = scores("It is absolutely impossible to change it.")
    assert "positivity.impossible" in names(refusal)
    assert "willingness" not in names(refusal)
