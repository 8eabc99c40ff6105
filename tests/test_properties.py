"""Property-based tests (issue 8): for any text, mixing the phrases the rules
look for with arbitrary Unicode (controls, right-to-left text, emoji,
zero-width characters, line separators, lone carriage returns), ``check``
returns, every span points at the text as written, lines and columns agree
with the offsets, scores stay in 0-100, the same input gives the same
report, and applying the fixes sticks and is idempotent."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tonecheck
from tonecheck.fixes import apply_fixes

PHRASES = ["no problem", "No problem!", "I don't know", "I don\u2019t know", "you need to",
           "ASAP", "we can't", "Unfortunately,", "Sorry for any inconvenience.", "just to confirm",
           "as I already said", "soon", "Hi Sam,", "Thanks!", "PLEASE READ THIS", "[Customer Name]",
           "https://example.com/no-problem", "calm down", "I understand how frustrating"]
SPECIALS = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u00a0", "\u202f",
            "\u2009", "\u3000", "\u2028", "\u2029", "\r", "\r\n", "\n", "\n\n", "\t", "\x00",
            "\x1b", "\x7f", "\x85", "\u202e", "\u202b", "\u200f", "\u0301", "ﬁ", "…", "½",
            "ＮＯ", "👨\u200d👩\u200d👧", "🙂", "🤷🏽\u200d♀️", "مرحبا", "שלום", "こんにちは", "!" * 60,
            "'" * 45, " ", ". ", ", "]

pieces = st.one_of(
    st.sampled_from(PHRASES),
    st.sampled_from(SPECIALS),
    st.text(max_size=12),  # any code point hypothesis likes (no lone surrogates)
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3000), max_size=8),
)
texts = st.lists(pieces, max_size=25).map("".join)

SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def _lines_and_columns(text: str, offset: int) -> tuple[int, int]:
    breaks = [m.end() for m in re.finditer(r"\r\n?|\n", text) if m.end() <= offset]
    return len(breaks) + 1, offset - (breaks[-1] if breaks else 0) + 1


@SETTINGS
@given(texts)
def test_any_text_gives_a_sound_report(text):
    report = tonecheck.check(text)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.match
        assert (f.line, f.column) == _lines_and_columns(text, f.start)
        assert (f.end_line, f.end_column) == _lines_and_columns(text, f.end)
        assert 0 <= f.sentence_start <= f.start <= f.end <= f.sentence_end <= len(text)
    scores = report.scores
    assert 0 <= scores.empathy <= 100 and 0 <= scores.positivity <= 100
    for sig in scores.signals:
        assert sig.start == -1 or 0 <= sig.start <= sig.end <= len(text)
    for sent in scores.sentences:
        assert text[sent.start:sent.end] == sent.text
        assert 0 <= sent.empathy <= 100 and 0 <= sent.positivity <= 100
    assert tonecheck.check(text).to_dict() == report.to_dict()


def _fixed_spans(text, findings):
    """(rule, start, end) of each replacement as it stands in the fixed text,
    found the way apply_fixes chooses them (first start, longer first, no
    overlaps). Later edits are to the right, so an edit lands where the
    edits before it put it."""
    chosen, taken_until = [], -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.replacements and f.end > f.start and f.start >= taken_until:
            chosen.append(f)
            taken_until = f.end
    out = []
    for k, f in enumerate(chosen):
        shift = len(apply_fixes(text, chosen[:k])) - len(text)
        new = f.replacements[0]
        if new:
            out.append((f.rule, f.start + shift, f.start + shift + len(new)))
    return out


@SETTINGS
@given(texts)
def test_fixes_stick_and_fixing_twice_is_fixing_once(text):
    findings = tonecheck.check(text).findings
    fixed = apply_fixes(text, findings)
    again = tonecheck.check(fixed).findings
    for rule, start, end in _fixed_spans(text, findings):
        assert not [f for f in again if f.rule == rule and f.start < end and start < f.end], (
            rule, fixed[start:end])
    assert apply_fixes(fixed, again) == fixed
