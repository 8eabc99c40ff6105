"""The rule engine, tested with small packs of its own so it does not depend
on the wording of the default pack."""
from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonecheck.engine import Linter
from tonecheck.errors import RuleError
from tonecheck.findings import Severity

PACK = """
rules:
  - id: honesty.dont-know
    extends: substitution
    category: honesty
    severity: warning
    message: '"{match}" sounds helpless.'
    swap:
      I don't know: [let me check on this and get back to you]
    examples: {bad: ["I don't know."], good: ["I know."]}
  - id: courtesy.calm-down
    extends: existence
    category: courtesy
    severity: warning
    message: Never tell a customer to calm down.
    phrases: [calm down]
    examples: {bad: ["Calm down."], good: ["Stay calm."]}
  - id: positivity.unfortunately
    extends: existence
    category: positivity
    severity: suggestion
    message: Lead with what you can do.
    phrases: [unfortunately]
    position: sentence-start
    examples: {bad: ["Unfortunately it is gone."], good: ["It is, unfortunately, gone."]}
  - id: clarity.just
    extends: pattern
    category: clarity
    severity: suggestion
    message: '"just" makes the step sound trivial.'
    patterns:
      - [{LOWER: just}, {LOWER: {IN: [click, restart, reset, go]}}]
    exceptions: [just to confirm]
    examples: {bad: ["Just click Save."], good: ["I just checked."]}
  - id: structure.shouting
    extends: metric
    category: structure
    severity: warning
    message: Capitals read as shouting.
    measure: caps-words
    max: 2
    exceptions: [FAQ, ASAP]
    emphatic: [WAS, ONLY]
    examples: {bad: ["PLEASE READ THIS NOW", "It WAS SENT."], good: ["See the FAQ ASAP.", "Tap SEND CODE."]}
  - id: structure.placeholder
    extends: existence
    category: structure
    severity: error
    message: Template placeholder left in the reply.
    regex: ['(?P<flag>\\[[A-Z][A-Za-z ]*\\])(?:$|[^(])', '\\{\\{\\s*\\w+\\s*\\}\\}']
    examples: {bad: ["Hi [Customer Name],"], good: ["See [the docs](https://x.y)."]}
"""


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    path = tmp_path_factory.mktemp("pack") / "pack.yml"
    path.write_text(PACK, encoding="utf-8")
    return Linter([path], include_default=False, scores=False)


def rules_found(linter, text):
    return [f.rule for f in linter.check_text(text).findings]


@pytest.mark.parametrize("text", [
    "I didn't know that.", "I do not know.", "I dont know.", "I don’t know.", "i DON'T KNOW",
])
def test_one_phrase_finds_every_spelling_of_a_negation(linter, text):
    assert rules_found(linter, text) == ["honesty.dont-know"]


@pytest.mark.parametrize("bare, marked", [
    ("im sorry", "I'm sorry"), ("thats awful", "that's awful"), ("Whats up", "What's up"),
    ("you shouldve asked", "you should've asked"),
])
def test_a_contraction_without_its_apostrophe_reads_like_the_marked_one(linter, bare, marked):
    def norms(text):
        return [t.norm_ for t in linter.pipeline.run(linter.pipeline.doc_input(text))]
    assert norms(bare) == norms(marked)


def test_lemma_matching_finds_inflected_forms(linter):
    assert rules_found(linter, "Please calm down.") == ["courtesy.calm-down"]
    assert rules_found(linter, "He calmed down later.") == ["courtesy.calm-down"]


def test_lemma_matching_keeps_words_the_lookup_table_would_merge(tmp_path):
    # The lookup table gives "worse" -> "wrong" and "does" -> "doe".
    path = tmp_path / "pack.yml"
    path.write_text("""
rules:
  - id: empathy.could-be-worse
    extends: existence
    category: empathy
    severity: warning
    message: Do not minimise.
    phrases: [it could be worse]
    examples: {bad: ["It could be worse."], good: ["It could be wrong."]}
  - id: ownership.does-not-work
    extends: existence
    category: ownership
    severity: warning
    message: Say what you will do.
    phrases: [that do not work]
    examples: {bad: ["That does not work."], good: ["That does."]}
""", encoding="utf-8")
    lint = Linter([path], include_default=False, scores=False)
    found = lambda text: [f.rule for f in lint.check_text(text).findings]  # noqa: E731
    assert found("Well, it could be worse.") == ["empathy.could-be-worse"]
    assert found("I think it could be wrong.") == []
    assert found("Sadly that does not work.") == ["ownership.does-not-work"]


def test_finding_carries_span_position_and_message(linter):
    text = "Thanks!\r\nSadly I don’t know yet."
    (f,) = linter.check_text(text).findings
    assert text[f.start:f.end] == f.match == "I don’t know"
    assert (f.line, f.column) == (2, 7)
    assert f.message == '"I don’t know" sounds helpless.'
    assert f.severity is Severity.WARNING and f.category == "honesty"


def test_replacements_take_the_case_of_the_first_letter(linter):
    upper = linter.check_text("I don't know.").findings[0]
    lower = linter.check_text("sorry, i don't know.").findings[0]
    assert upper.replacements == ("Let me check on this and get back to you",)
    assert lower.replacements == ("let me check on this and get back to you",)


def test_position_sentence_start(linter):
    assert rules_found(linter, "Hi. Unfortunately the item is gone.") == ["positivity.unfortunately"]
    assert rules_found(linter, "Hi Sam, unfortunately it is gone.") == ["positivity.unfortunately"]
    assert rules_found(linter, "So, unfortunately it is gone.") == ["positivity.unfortunately"]
    assert rules_found(linter, "The item is, unfortunately, gone.") == []


def test_words_inside_a_web_address_are_not_wording(linter):
    assert rules_found(linter, "See https://help.example.com/calm-down-guide.") == []
    assert rules_found(linter, "See www.example.com/i-dont-know for that.") == []
    assert rules_found(linter, "Calm down, see https://example.com.") == ["courtesy.calm-down"]
    # regex rules still look inside: a placeholder in a link is still left over
    assert rules_found(linter, "Go to https://x.com/orders/{{ id }} now.") == ["structure.placeholder"]


def test_exceptions_are_compared_like_the_rule_s_words(linter):
    assert rules_found(linter, "Just to confirm, restart it.") == []
    assert rules_found(linter, "Just To Confirm: just restart it.") == ["clarity.just"]


def test_pattern_rule_and_its_exceptions(linter):
    assert rules_found(linter, "Just restart the app.") == ["clarity.just"]
    assert rules_found(linter, "Just to confirm, click Save.") == []


def test_words_found_by_a_phrase_and_a_regex_of_one_rule_are_reported_once(write_pack):
    pack = write_pack("""rules:
  - id: team.no-go
    extends: existence
    category: positivity
    severity: warning
    message: No.
    phrases: [not something we offer]
    regex: ['(?i)not\\s+something\\s+we\\s+offer']
    examples: {bad: ["That's not something we offer."], good: ["We offer it."]}
""")
    lint = Linter([pack], include_default=False, scores=False)
    assert [f.match for f in lint.check_text("That's not something we offer.").findings] == [
        "not something we offer"]


def test_overlapping_matches_of_one_rule_are_reported_once_as_the_longest(write_pack):
    pack = write_pack(r"""rules:
  - id: team.no-go
    extends: existence
    category: positivity
    severity: warning
    message: No.
    phrases: [we cannot]
    regex: ['(?i)(?P<flag>we\s+cannot\s+refund)', '(?i)(?P<flag>cannot\s+refund\s+it)']
    examples: {bad: ["We cannot refund it."], good: ["We can refund it."]}
""")
    lint = Linter([pack], include_default=False, scores=False)
    found = lint.check_text("Sorry, we cannot refund it. We cannot.").findings
    assert [f.match for f in found] == ["we cannot refund", "We cannot"]


def test_caps_metric_ignores_acronyms_and_short_runs(linter):
    assert rules_found(linter, "WE ARE SORRY for that.") == ["structure.shouting"]
    assert rules_found(linter, "PLEASE, READ THIS.") == ["structure.shouting"]
    assert rules_found(linter, "Read the FAQ ASAP NOW please.") == []
    assert rules_found(linter, "I DON'T KNOW.") == ["honesty.dont-know"]  # 2 words, 3 tokens


def test_two_words_in_capitals_shout_when_one_is_emphatic(linter):
    assert rules_found(linter, "The refund WAS SENT on the 4th.") == ["structure.shouting"]
    assert rules_found(linter, "The offer is ONLINE ONLY.") == ["structure.shouting"]
    assert rules_found(linter, "Tap SEND CODE to continue.") == []
    assert rules_found(linter, "It WAS sent.") == []  # one word


def caps_rule(write_pack, keys: str, example: str = "It WAS SENT.") -> Linter:
    """A linter with one caps-words rule and the given extra keys (YAML lines)."""
    path = write_pack(f"""rules:
  - id: professionalism.caps
    extends: metric
    category: professionalism
    severity: warning
    message: No capitals.
    measure: caps-words
{textwrap.indent(textwrap.dedent(keys), "    ")}
    examples: {{bad: ["{example}"], good: ["It was sent."]}}
""")
    return Linter([path], include_default=False, scores=False)


def test_an_inflected_word_in_capitals_shouts_alone(write_pack):
    linter = caps_rule(write_pack, "inflected: true", "It was DELIVERED.")
    assert rules_found(linter, "The parcel was DELIVERED on Monday.") == ["professionalism.caps"]
    assert rules_found(linter, "Refunds take 5-7 WORKING DAYS.") == ["professionalism.caps"]
    # an acronym, a word that is its own lemma, a word under four letters
    assert rules_found(linter, "Send your IMEI. Tap SEND CODE. I WAS there.") == []
    assert rules_found(linter, "Tap SETTINGS, then Privacy.") == []  # a label on screen


def test_a_stressed_word_shouts_alone_except_in_a_caution_about_credentials(write_pack):
    linter = caps_rule(write_pack, "stressed: [NOT, ALREADY]", "We have ALREADY answered.")
    assert rules_found(linter, "We have ALREADY answered your email.") == ["professionalism.caps"]
    assert rules_found(linter, "Owners are NOT allowed to sublet.") == ["professionalism.caps"]
    assert rules_found(linter, "Please do NOT share your PIN with anyone.") == []
    assert rules_found(linter, "We will NOT ever ask for your password.") == []
    assert rules_found(linter, "We will NOT send the discount code again.") == ["professionalism.caps"]
    assert rules_found(linter, "It was ONLY sent today.") == []  # not a stressed word


def test_emphatic_words_do_not_raise_a_lower_max(write_pack):
    linter = caps_rule(write_pack, "max: 0\nemphatic: [WAS]", "It is DONE.")
    assert rules_found(linter, "It is DONE now.") == ["professionalism.caps"]


@pytest.mark.parametrize("key, value", [("emphatic", "[WAS]"), ("inflected", "true"),
                                        ("stressed", "[NOT]")])
def test_the_caps_keys_belong_to_the_caps_measure(write_pack, key, value):
    path = write_pack(f"""rules:
  - id: clarity.long
    extends: metric
    category: clarity
    severity: suggestion
    message: Long.
    measure: sentence-words
    {key}: {value}
    examples: {{bad: ["A long one."], good: ["Short."]}}
""")
    with pytest.raises(RuleError, match=f"{key}.*caps-words only"):
        Linter([path], include_default=False, scores=False)


def test_inflected_is_true_or_false(write_pack):
    with pytest.raises(RuleError, match="inflected.*true or false"):
        caps_rule(write_pack, 'inflected: "always"')


def test_placeholder_regex(linter):
    found = linter.check_text("Hi [Customer Name], your code is {{ code }}.").findings
    assert [f.match for f in found] == ["[Customer Name]", "{{ code }}"]
    assert all(f.severity is Severity.ERROR for f in found)


def test_findings_come_in_text_order(linter):
    found = linter.check_text("Calm down. I don't know. Calm down.").findings
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert len(found) == 3


def test_empty_and_blank_input_give_clean_reports(linter):
    for text in ("", "   \n\n"):
        assert linter.check_text(text).findings == ()


def test_check_many_streams_in_order(linter):
    items = [(f"r{i}", "Calm down." if i % 2 else "Hello.") for i in range(50)]
    reports = list(linter.check_many(iter(items), batch_size=7))
    assert [r.path for r in reports] == [p for p, _ in items]
    assert [bool(r.findings) for r in reports] == [i % 2 == 1 for i in range(50)]


def test_select_and_ignore(tmp_path):
    path = tmp_path / "pack.yml"
    path.write_text(PACK, encoding="utf-8")
    only = Linter([path], include_default=False, scores=False, select=["courtesy"])
    assert [r.id for r in only.rules] == ["courtesy.calm-down"]
    most = Linter([path], include_default=False, scores=False, ignore=["structure"],
                  select=["structure.placeholder", "honesty"])
    assert sorted(r.id for r in most.rules) == ["honesty.dont-know", "structure.placeholder"]


def test_public_api_check_returns_the_cli_report():
    from tonecheck import check

    report = check("No problem, I don't know.")
    assert report.path == "-"
    assert {f.rule for f in report.findings}
    assert 0 <= report.scores.empathy <= 100 and 0 <= report.scores.positivity <= 100


def test_findings_carry_their_sentence(linter):
    text = "Thanks for writing in.\nSadly I don't know yet. We will check."
    (f,) = linter.check_text(text).findings
    assert text[f.sentence_start:f.sentence_end] == "Sadly I don't know yet."


@pytest.mark.parametrize("text,sentences", [
    ("Hi Maria,\nThanks for writing.", ["Hi Maria,", "Thanks for writing."]),
    ("First paragraph\n\nsecond one", ["First paragraph", "second one"]),
    ("Thanks\nSam", ["Thanks", "Sam"]),
    # a hard-wrapped line that runs on is one sentence, read across the wrap
    ("We have refunded the order and it will\nreach your card by Friday.",
     ["We have refunded the order and it will reach your card by Friday."]),
])
def test_line_breaks_and_sentences(linter, text, sentences):
    doc = linter.pipeline.make_doc(text)
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == sentences


_SENTENCE_PIECES = ["Hi", "Sam", ",", ".", "!", "?", "...", "?!", "ok", "we", "(", ")", '"', "-",
                    "2", "*", "\u3002", "\u0964", ":)", "e.g."]


@given(st.lists(st.sampled_from(_SENTENCE_PIECES), min_size=1, max_size=30))
@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_within_a_line_sentences_start_where_spacys_sentencizer_starts_them(linter, words):
    # MatchKeys sets sentence starts itself (one pass over sentence-final
    # punctuation); without line breaks they are the Sentencizer's.
    from spacy.pipeline import Sentencizer

    text = " ".join(words)
    ours = linter.pipeline.make_doc(text)
    theirs = Sentencizer()(linter.pipeline.nlp.make_doc(text))
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs]


def test_a_swap_for_the_exact_words_wins_over_one_for_the_same_lemma(tmp_path):
    path = tmp_path / "pack.yml"
    path.write_text("""\
- id: positivity.problem
  extends: substitution
  category: positivity
  severity: suggestion
  message: Say issue.
  swap: {problem: issue, problems: issues}
  examples: {bad: [A problem.], good: [An issue.]}
- id: positivity.problem-reversed
  extends: substitution
  category: positivity
  severity: suggestion
  message: Say issue.
  swap: {problems: issues, problem: issue}
  examples: {bad: [A problem.], good: [An issue.]}
""", encoding="utf-8")
    linter = Linter([path], include_default=False, scores=False)
    for text, expected in (("Two problems.", "issues"), ("One problem.", "issue")):
        found = linter.check_text(text).findings
        assert [f.suggestions for f in found] == [(expected,), (expected,)]


REFUSAL = """
rules:
  - id: positivity.we-cant
    extends: existence
    category: positivity
    severity: warning
    message: '"{match}" closes the door.'
    phrases: [we can't]
    unless_after: ['(?i)\\bbut\\b']
    excused_severity: suggestion
    examples:
      bad: ["We can't refund it."]
      softened: ["We can't refund it, but we can replace it."]
      good: ["We can refund it."]
"""


def _refusal_linter(tmp_path, extra: str = "", **kw):
    """The REFUSAL pack, with ``extra`` rule keys after its excused_severity."""
    path = tmp_path / "refusal.yml"
    path.write_text(REFUSAL.replace("    excused_severity: suggestion\n",
                                    "    excused_severity: suggestion\n" + extra),
                    encoding="utf-8")
    return Linter([path], include_default=False, scores=False, **kw)


def test_a_match_its_context_excuses_is_reported_at_the_excused_severity(tmp_path):
    linter = _refusal_linter(tmp_path)
    flat = linter.check_text("We can't refund it.").findings
    softened = linter.check_text("We can't refund it, but we can replace it.").findings
    assert [f.severity for f in flat] == [Severity.WARNING]
    assert [f.severity for f in softened] == [Severity.SUGGESTION]


def test_the_alternative_may_follow_a_paragraph_break_or_a_list(tmp_path):
    # The sentences after the match are read past a blank line and past the
    # items of a list the match's sentence introduces: the next two (a macro
    # gives the limit, its reason, then the way forward), not a third.
    linter = _refusal_linter(tmp_path)
    for text, level in (("We can't refund it.\n\nBut we can replace it.", Severity.SUGGESTION),
                        ("We can't refund:\n- gift cards\n- downloads\nBut we can swap them.",
                         Severity.SUGGESTION),
                        ("We can't refund it. It was used. But we can replace it.", Severity.SUGGESTION),
                        ("We can't refund it. It was used. It was opened. But we can replace it.",
                         Severity.WARNING)):
        assert [f.severity for f in linter.check_text(text).findings] == [level], text


def test_raising_a_rule_s_severity_keeps_excused_matches_lower(tmp_path):
    linter = _refusal_linter(tmp_path, severity={"positivity.we-cant": "error"})
    assert [f.severity for f in linter.check_text("We can't refund it.").findings] == [Severity.ERROR]
    softened = linter.check_text("We can't refund it, but we can replace it.").findings
    assert [f.severity for f in softened] == [Severity.SUGGESTION]


@pytest.mark.parametrize("extra,message", [
    ("    excused_severity: warning\n", "must be lower"),
    ("    excused_severity: loud\n", "one of"),
])
def test_excused_severity_must_be_a_lower_level(tmp_path, extra, message):
    from tonecheck.errors import RuleError

    path = tmp_path / "bad.yml"
    path.write_text(REFUSAL.replace("    excused_severity: suggestion\n", extra), encoding="utf-8")
    with pytest.raises(RuleError, match=message):
        Linter([path], include_default=False, scores=False)


def test_an_excused_match_may_carry_its_own_message(tmp_path):
    linter = _refusal_linter(
        tmp_path, "    excused_message: '\"{match}\" could come after the offer.'\n")
    flat = linter.check_text("We can't refund it.").findings[0]
    softened = linter.check_text("We can't refund it, but we can replace it.").findings[0]
    assert flat.message == "\"We can't\" closes the door."
    assert softened.message == "\"We can't\" could come after the offer."


def test_context_that_answers_the_fault_clears_the_match_at_any_severity(tmp_path):
    linter = _refusal_linter(tmp_path, "    cleared_after: ['(?i)\\bfor free\\b']\n")
    assert linter.check_text("We can't refund it, but we replace it for free.").findings == ()
    softened = linter.check_text("We can't refund it, but we can replace it.").findings
    assert [f.severity for f in softened] == [Severity.SUGGESTION]


def test_a_context_list_can_take_another_rules_list_by_alias_with_patterns_of_its_own(tmp_path):
    path = tmp_path / "pack.yml"
    path.write_text("""
rules:
  - id: team.refusal
    extends: existence
    category: positivity
    severity: warning
    message: Closes the door.
    phrases: [we can't]
    unless_after: &ways ['(?i)\\bbut\\b', '(?i)\\binstead\\b']
    excused_severity: suggestion
    examples: {bad: ["We can't."], softened: ["We can't, but we can swap it."]}
  - id: team.declined
    extends: existence
    category: positivity
    severity: warning
    message: Declined.
    phrases: [has been declined]
    unless_after: [*ways, '(?i)\\bappeal\\b']
    excused_severity: suggestion
    examples: {bad: ["It has been declined."], softened: ["It has been declined. You can appeal."]}
""", encoding="utf-8")
    linter = Linter([path], include_default=False, scores=False)
    levels = {text: [f.severity for f in linter.check_text(text).findings] for text in (
        "It has been declined.", "It has been declined, but we can swap it.",
        "It has been declined. You can appeal.")}
    assert levels == {"It has been declined.": [Severity.WARNING],
                      "It has been declined, but we can swap it.": [Severity.SUGGESTION],
                      "It has been declined. You can appeal.": [Severity.SUGGESTION]}


def test_a_context_list_nested_deeper_than_an_alias_is_refused(tmp_path):
    from tonecheck.errors import RuleError

    path = tmp_path / "pack.yml"
    path.write_text(REFUSAL.replace("unless_after: ['(?i)\\bbut\\b']",
                                    "unless_after: [[['(?i)\\bbut\\b']]]"), encoding="utf-8")
    with pytest.raises(RuleError, match="unless_after"):
        Linter([path], include_default=False, scores=False)


def test_context_before_the_match_can_clear_it_too(tmp_path):
    linter = _refusal_linter(tmp_path, "    cleared_before: ['(?i)\\bjoking\\b']\n")
    assert linter.check_text("Only joking, we can't refund it.").findings == ()
    assert [f.severity for f in linter.check_text("Sorry, we can't refund it.").findings] == [
        Severity.WARNING]


def test_a_rule_runs_only_where_its_own_words_are(tmp_path, monkeypatch):
    """Its exception phrases are found with its words (and drop the matches
    they overlap), but a doc that holds only an exception has nothing for the
    rule to flag: it does not run there."""
    from tonecheck.rules.base import EXCEPTIONS_KEY
    from tonecheck.rules.existence import ExistenceRule

    linter = _refusal_linter(tmp_path, "    exceptions: [if we]\n")
    ran = []
    match = ExistenceRule.match
    monkeypatch.setattr(ExistenceRule, "match", lambda self, doc: ran.append(doc.text) or match(self, doc))
    assert [f.match for f in linter.check_text("We can't refund it.").findings] == ["We can't"]
    assert linter.check_text("If we can't fix it today, we'll refund it.").findings == ()  # the exception
    assert linter.check_text("If we hear back, I'll tell you.").findings == ()
    assert ran == ["We can't refund it.", "If we can't fix it today, we'll refund it."]
    doc = linter.pipeline.make_doc("If we hear back, I'll tell you.")
    assert "positivity.we-cant" not in linter.index(doc)
    assert doc.user_data[EXCEPTIONS_KEY]["positivity.we-cant"] == [(0, 2)]


def test_the_bundled_regexes_compile_when_built_or_on_first_use():
    from tonecheck.engine import Linter

    def regexes(linter):
        return [rx for rule in linter.rules for rx in rule.all_regexes()]

    assert all(rx.compiled for rx in regexes(Linter(scores=False)))  # the default: warm
    linter = Linter(scores=False, warm=False)  # what `tonecheck check` builds
    assert regexes(linter) and not any(rx.compiled for rx in regexes(linter))
    linter.check_text("We can't refund it. We'll reply soon.")
    assert any(rx.compiled for rx in regexes(linter))  # the ones that text reached
    linter.warm_up()
    assert all(rx.compiled for rx in regexes(linter))


def test_plain_phrases_skip_the_tokenizer_and_get_its_tokens(linter, monkeypatch):
    """Building a linter tokenizes thousands of phrases; plain ones ("sorry
    for the wait") are split on their spaces instead. On every phrase of the
    bundled pack, the scores' markers and the upset families, that gives the
    tokens the tokenizer gives."""
    from tonecheck.nlp import PhraseTokenizer
    from tonecheck.rules.index import MatchIndex
    from tonecheck.scoring.scorer import Scorer
    from tonecheck.scoring.upset import UpsetDetector

    seen = []
    plain_words = PhraseTokenizer._plain_words
    monkeypatch.setattr(PhraseTokenizer, "_plain_words",
                        lambda self, text: seen.append(text) or plain_words(self, text))
    pipeline = linter.pipeline
    index = MatchIndex(pipeline)
    for rule in linter.rules:
        rule.compile(index)
    Scorer(pipeline.vocab, pipeline.nlp.tokenizer)
    UpsetDetector(pipeline.vocab, pipeline.nlp.tokenizer)
    tokenizer = pipeline.nlp.tokenizer
    quick = PhraseTokenizer(tokenizer)
    plain = [text for text in set(seen) if plain_words(quick, text)]
    assert len(plain) > 3000, "most phrases are plain words"
    for text in set(seen):
        expected = [(t.orth_, t.norm_, t.lower_, t.whitespace_) for t in tokenizer(text)]
        assert [(t.orth_, t.norm_, t.lower_, t.whitespace_) for t in quick(text)] == expected, text
        assert quick.norms(text) == tuple(norm for _orth, norm, _lower, _ws in expected), text
    # A special case of the tokenizer is never split on spaces alone.
    assert [t.text for t in quick("we cannot")] == ["we", "can", "not"]

    class Custom:  # a tokenizer not known to keep plain words whole
        vocab = tokenizer.vocab
        __call__ = staticmethod(tokenizer)

    assert not PhraseTokenizer(Custom()).quick
    assert [t.text for t in PhraseTokenizer(Custom())("we cannot")] == ["we", "can", "not"]


def test_one_reply_is_reported_as_in_a_batch(linter):
    """check_text runs the pipeline on its one doc without nlp.pipe's
    batching; the report is the one a batch gives."""
    texts = ["Hi {{first_name}}, no problem! We'll get back to you soon.",
             "Unfortunately we can't refund this.\n\nAs I already said, you need to restart it.",
             "word " * 3000 + "Calm down, it's not a big deal.",
             "", "   \n"]
    batch = list(linter.check_many([("-", t, True) for t in texts]))
    for text, expected in zip(texts, batch):
        report = linter.check_text(text, templates=True)
        assert report.findings == expected.findings, text[:60]
        assert report.scores == expected.scores, text[:60]
    assert any(r.findings for r in batch)


def test_the_lemma_table_gives_what_the_lookup_data_gives():
    import gzip
    import json
    import os

    import spacy_lookups_data

    from tonecheck.nlp import LemmaTable

    path = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", "en_lemma_lookup.json.gz")
    with gzip.open(path, "rb") as fh:
        data = json.loads(fh.read())
    table = LemmaTable(data)
    assert len(table) == len(data)
    assert all(table.get(word) == lemma for word, lemma in data.items())
    assert table.get("not-a-word-in-the-table") is None
    assert table.get("not-a-word-in-the-table", "x") == "x"
