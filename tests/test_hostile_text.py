"""Hostile and odd text (issue 8): lookalike characters, invisible and control
characters, every kind of line ending, emoji and right-to-left text, and
inputs built to be slow. No crash, no invented findings, offsets that point
at the text as written. Speed is measured by benchmarks/hostile.py; here the
slow shapes only have to finish, at modest sizes, with the right findings."""
from __future__ import annotations

import re

import pytest

import tonecheck
import tonecheck.engine
from tonecheck import nlp
from tonecheck.nlp import normalise, normalise_with_offsets, segments
from tonecheck.positions import LineIndex, OffsetMap, SpanIndex

NO_PROBLEM = "positivity.no-problem"
DONT_KNOW = "honesty.dont-know"


def check(text):
    return tonecheck.check(text)


def found(text, rule=None):
    return [f for f in check(text).findings if rule is None or f.rule == rule]


def assert_offsets(text, report):
    """Every span points at the text as written, and line/column agree."""
    breaks = [m.end() for m in re.finditer(r"\r\n?|\n", text)]
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.match
        assert f.sentence_start <= f.start <= f.end <= f.sentence_end <= len(text)
        line_start = max([0] + [b for b in breaks if b <= f.start])
        assert f.line == 1 + sum(1 for b in breaks if b <= f.start)
        assert f.column == f.start - line_start + 1
    if report.scores is not None:
        for sig in report.scores.signals:
            if sig.start >= 0:
                assert 0 <= sig.start <= sig.end <= len(text)
        for sent in report.scores.sentences:
            assert text[sent.start:sent.end] == sent.text


# -- lookalike characters -------------------------------------------------------------
@pytest.mark.parametrize("text, rule, match", [
    ("No\u00a0problem, happy to help.", NO_PROBLEM, "No\u00a0problem"),  # Outlook, Word
    ("No\u202fproblem.", NO_PROBLEM, "No\u202fproblem"),                 # narrow no-break space
    ("No\u2009problem.", NO_PROBLEM, "No\u2009problem"),                 # thin space
    ("No\u3000problem.", NO_PROBLEM, "No\u3000problem"),                 # ideographic space
    ("ＮＯ ＰＲＯＢＬＥＭ.", NO_PROBLEM, "ＮＯ ＰＲＯＢＬＥＭ"),          # fullwidth
    ("ｎｏ　ｐｒｏｂｌｅｍ.", NO_PROBLEM, "ｎｏ　ｐｒｏｂｌｅｍ"),
    ("No pro\u00adblem.", NO_PROBLEM, "No pro\u00adblem"),               # soft hyphen
    ("N\u200bo problem.", NO_PROBLEM, "N\u200bo problem"),               # zero-width space
    ("No \u2060problem.", NO_PROBLEM, "No \u2060problem"),               # word joiner
    ("I do\u200dn\u2019t know.", DONT_KNOW, "I do\u200dn\u2019t know"),  # joiner, curly '
    ("I don\u02bct know.", DONT_KNOW, "I don\u02bct know"),
    ("Sorry, I ｄｏｎ'ｔ know.", DONT_KNOW, "I ｄｏｎ'ｔ know"),
    ("\ufeffNo problem.", NO_PROBLEM, "No problem"),                     # BOM left in
    ("\u200e\u200fNo problem.\u200f", NO_PROBLEM, "No problem"),          # bidi marks
    ("Ok.\u2028No problem!", NO_PROBLEM, "No problem"),                   # line separator
    ("ﬁne, no problem", NO_PROBLEM, "no problem"),                       # ligature before it
])
def test_lookalike_characters_do_not_hide_findings(text, rule, match):
    report = check(text)
    hits = [f for f in report.findings if f.rule == rule]
    assert [f.match for f in hits] == [match]
    assert_offsets(text, report)


def test_a_zero_width_space_joins_words_it_does_not_separate_them():
    # "no\u200bproblem" shows as "noproblem": there is no "no problem" to flag.
    for text in ("no\u200bproblem", "no\u00adproblem", "no\u2060problem"):
        assert found(text, NO_PROBLEM) == []


def test_control_characters_separate_words():
    # Not letters: "\x1b]0;title\x07No problem" still says "No problem".
    for text in ("no\x00problem", "\x1b]0;title\x07No problem", "no\x7fproblem"):
        (f,) = found(text, NO_PROBLEM)
        assert text[f.start:f.end] == f.match


def test_offsets_after_many_dropped_and_widened_characters():
    text = "\u200b" * 5 + "Thanks! ﬁ\u00ad\u200bne. " * 3 + "No\u00a0pro\u00adblem. I don\u200b't know."
    report = check(text)
    assert [f.rule for f in report.findings if f.rule in (NO_PROBLEM, DONT_KNOW)] == [
        NO_PROBLEM, DONT_KNOW]
    assert_offsets(text, report)


# -- empty, invisible and control characters ---------------------------------------------
@pytest.mark.parametrize("text", ["", " ", "\n", "\r\n\r\n", " \t\n\r\u00a0\u2028\u3000",
                                  "\u200b\u200b", "\ufeff", "\x00", "\x00" * 50, "\x1b[2J\x07",
                                  "\u202e\u202d", "\ud800"])
def test_empty_and_invisible_texts_give_no_findings(text):
    report = check(text)
    assert report.findings == ()
    assert 0 <= report.scores.empathy <= 100 and 0 <= report.scores.positivity <= 100
    assert_offsets(text, report)


def test_nul_bytes_are_not_words():
    text = "No problem\x00 really.\x00\x00 I don't\x00know.\x00"
    report = check(text)
    assert [f.match for f in report.findings if f.rule in (NO_PROBLEM, DONT_KNOW)] == [
        "No problem", "I don't\x00know"]
    assert_offsets(text, report)


def test_a_lone_surrogate_does_not_crash():
    text = "\udcff No problem \ud800"
    assert [f.match for f in found(text, NO_PROBLEM)] == ["No problem"]


# -- line endings ------------------------------------------------------------------------
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_line_ending_gives_the_same_lines_and_columns(newline):
    text = newline.join(["Hi Sam,", "", "  No problem at all.", "Sadly I don't know."])
    report = check(text)
    got = [(f.rule, f.line, f.column) for f in report.findings if f.rule in (NO_PROBLEM, DONT_KNOW)]
    assert got == [(NO_PROBLEM, 3, 3), (DONT_KNOW, 4, 7)]
    assert_offsets(text, report)


def test_mixed_line_endings():
    text = "One.\r\nNo problem.\rTwo.\nI don't know.\r\n\rNo problem."
    report = check(text)
    got = [(f.rule, f.line, f.column) for f in report.findings if f.rule in (NO_PROBLEM, DONT_KNOW)]
    assert got == [(NO_PROBLEM, 2, 1), (DONT_KNOW, 4, 1), (NO_PROBLEM, 6, 1)]
    assert_offsets(text, report)


def test_lone_cr_ends_a_sentence_like_a_line_break():
    # The sentence shown with a finding stops at the line break.
    text = "Thanks\rNo problem"
    (f,) = found(text, NO_PROBLEM)
    assert text[f.sentence_start:f.sentence_end] == "No problem"


def test_line_separator_is_a_sentence_break_but_not_a_line():
    text = "Thanks\u2028No problem"
    (f,) = found(text, NO_PROBLEM)
    assert (f.line, f.column) == (1, 8)
    assert text[f.sentence_start:f.sentence_end] == "No problem"


def test_line_index_counts_cr_crlf_and_lf():
    lines = LineIndex("a\rb\r\nc\nd\r\re")
    assert [lines.position(i) for i in (0, 2, 5, 7, 10)] == [(1, 1), (2, 1), (3, 1), (4, 1), (6, 1)]
    assert lines.line_span(2, "a\rb\r\nc\nd\r\re") == (2, 3)


# -- emoji, right-to-left text ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "🙂 No problem! 👨\u200d👩\u200d👧 I don't know 🤷🏽\u200d♀️",
    "مرحبا بك. No problem. \u202bشكرا\u202c I don't know.",
    "\u202eNo problem\u202c, I don't know.",
    "שלום! no problem 👍🏻",
])
def test_emoji_and_right_to_left_text(text):
    report = check(text)
    assert NO_PROBLEM in {f.rule for f in report.findings}
    assert_offsets(text, report)


def test_no_invented_findings_in_foreign_and_symbol_text():
    text = "こんにちは。問題ありません！ 🙂🙂🙂 ½ ™ … ①②③ ∑∫√ \u0301\u0301"
    report = check(text)
    assert report.findings == ()
    assert_offsets(text, report)


# -- normalisation and its offset map -----------------------------------------------------
def test_normalise_keeps_plain_text_and_its_offsets():
    for text in ("No problem.", "caf\u00e9 \u201cquoted\u201d \u2026", "a.\r\nb"):
        assert normalise_with_offsets(text)[1] is None
    assert normalise("don\u2019t\u00a0know\rOK") == "don't know\nOK"


def test_gaps_inside_a_phrase_read_as_one_space():
    # A double space, a tab, or a hard wrap that runs on in lower case (mail
    # and Markdown are wrapped at 72 columns) does not hide the wording.
    for text in ("As I  said, the store is closed.",
                 "As I\tsaid, the store is closed.",
                 "Thanks for writing. As I already\nsaid, the store is closed.",
                 "Thanks for writing. As I already  \r\n   said, the store is closed.",
                 "Thanks for writing. As I already\u00a0\u00a0said, the store is closed."):
        hits = found(text, "courtesy.as-i-said")
        assert [re.sub(r"\s+", " ", f.match) for f in hits] in (["As I said"], ["As I already said"]), text
        assert_offsets(text, check(text))


def test_apostrophes_typed_as_accents_or_backticks():
    for text in ("I don\u00b4t know.", "I don`t know."):
        assert [f.match for f in found(text, DONT_KNOW)] == [text[:-1]]
    # A Markdown code span keeps its backticks.
    assert normalise("Run `npm install` first.") == "Run `npm install` first."


def test_negative_contractions_typed_without_the_apostrophe():
    # Regexes are written with "n't"; the apostrophe goes back in before they run.
    assert normalise("We dont do refunds, I CANT and it isnt ours.") == \
        "We don't do refunds, I CAN'T and it isn't ours."
    for text in ("Sorry, we cant refund app top ups.", "Sorry, we wont refund app top ups."):
        with_it = text.replace("nt ", "n't ")
        assert [(f.rule, f.match.replace("n't", "nt")) for f in found(with_it)] == \
            [(f.rule, f.match) for f in found(text)] != []
        assert_offsets(text, check(text))
    # Words of their own stay as they are.
    for text in ("We were told it went well, its tag is ill-fitting.", "I want the front sent."):
        assert normalise_with_offsets(text) == (text, None)


def test_line_breaks_that_end_a_line_stay():
    # A greeting line, a sentence end and a break before a capital are not
    # wraps: the text keeps them, and nothing reads across them.
    for text in ("Hi Sam,\nthanks for writing.", "The store is closed.\nno problem", "Hi Sam\nThanks"):
        assert normalise(text) == text
    norm, offsets = normalise_with_offsets("we can\n  help  today")
    assert norm == "we can help today"
    assert offsets.span(0, len(norm)) == (0, 20)
    assert offsets.span(7, 11) == (9, 13)      # "help" after the dropped indent


def test_offset_map_spans():
    text = "a\u200bb\ufb01c"  # a, ZWSP (dropped), b, "ﬁ" (-> "fi"), c
    norm, offsets = normalise_with_offsets(text)
    assert norm == "abfic"
    assert isinstance(offsets, OffsetMap)
    assert offsets.span(0, 2) == (0, 3)      # "ab" -> "a\u200bb"
    assert offsets.span(1, 2) == (2, 3)      # "b" starts after the dropped character
    assert offsets.span(2, 3) == (3, 4)      # "f", half of "ﬁ": the whole ligature
    assert offsets.span(3, 5) == (3, 5)      # "ic" -> "ﬁc"
    assert offsets.span(0, 1) == (0, 1)      # "a" ends before the dropped character
    assert offsets.span(5, 5) == (5, 5)


def test_span_index_overlaps():
    index = SpanIndex([(10, 20), (0, 3), (30, 31), (12, 14)])
    assert index.overlaps(2, 4) and index.overlaps(19, 25) and index.overlaps(30, 31)
    assert not index.overlaps(3, 10) and not index.overlaps(20, 30) and not index.overlaps(31, 99)
    assert not SpanIndex([]) and not SpanIndex([]).overlaps(0, 100)


# -- slow shapes: they finish, with the right findings ----------------------------------
def test_thousands_of_findings_one_per_line():
    text = "no problem\n" * 3000
    report = check(text)
    hits = [f for f in report.findings if f.rule == NO_PROBLEM]
    assert len(hits) == 3000
    assert [f.line for f in hits] == list(range(1, 3001))
    assert_offsets(text, report)


def test_one_long_sentence_of_findings():
    text = "no problem and " * 2000
    report = check(text)
    hits = [f for f in report.findings if f.rule == NO_PROBLEM]
    assert len(hits) == 2000
    assert all((f.sentence_start, f.sentence_end) == (0, len(text) - 1) for f in hits)


def test_exceptions_next_to_every_match_still_excuse_it():
    text = "Just to confirm, it is sorted. " * 500
    assert found(text, "clarity.just") == []


@pytest.mark.parametrize("text", ["!" * 20_000, "'" * 5_000, "(" * 5_000, "a" * 50_000,
                                  "https://example.com/" + "a/" * 5_000, "!?" * 5_000 + " ok"])
def test_long_runs_without_spaces_finish(text):
    report = check(text + " No problem.")
    assert [f.match for f in report.findings if f.rule == NO_PROBLEM] == ["No problem"]
    assert_offsets(text + " No problem.", report)


def test_segments_join_back_and_bound_runs():
    text = "Hi!\n" + "!" * 1000 + " x" + "ab!" * 100 + "\n" + "word " * 10_000
    pieces = segments(text)
    assert "".join(pieces) == text
    assert max(len(run) for p in pieces for run in p.split()) <= nlp.MAX_RUN
    assert max(map(len, pieces)) <= nlp.MAX_SEGMENT


def test_a_text_checked_in_pieces_gives_what_the_whole_text_gives(monkeypatch):
    texts = ["Hi Sam,\n\nNo problem! I don't know when it ships, but we can't refund it.\n"
             "You need to restart it ASAP.\r\nThanks,\nJo",
             "Unfortunately I have no idea. " * 20 + "\n\nSorry for any inconvenience caused!"]
    whole = [check(t) for t in texts]
    monkeypatch.setattr(nlp, "MAX_SEGMENT", 40)  # cut at nearly every line and word
    monkeypatch.setattr(nlp, "MAX_UNCHECKED", 0)
    assert not isinstance(tonecheck.engine.get_linter().pipeline.doc_input(texts[0]), str)
    pieced = [check(t) for t in texts]
    for a, b in zip(whole, pieced):
        assert [f.to_dict() for f in a.findings] == [f.to_dict() for f in b.findings]
        assert a.scores.to_dict() == b.scores.to_dict()
