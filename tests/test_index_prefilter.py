"""The match index skips work it can prove is useless: a token pattern runs
only where its rarest words are, and only on the stretch of the reply a match
could reach; the rules' regexes run only where the sifting (the words and
literal strings their matches must hold) lets them. These tests hold it to
"never changes a result": every pattern and regex of the default pack, run
plainly on the whole reply, finds exactly what the index reports."""
from __future__ import annotations

import csv

import pytest
from conftest import SHARED_EVAL

from tonecheck.rules.base import EXCEPTION_GROUP, HITS_KEY, REGEX_HITS_KEY
from tonecheck.rules.index import _around, _merged, _pieces, _rank, _rate, _required, _windows

REPLIES = SHARED_EVAL / "support-replies" / "agent_turns.csv"


def _texts(linter) -> list[str]:
    texts = []
    for rule in linter.rules:
        texts += [*rule.bad_examples, *rule.good_examples, *rule.softened_examples]
    if REPLIES.exists():
        with open(REPLIES, newline="", encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh)):
                if n % 3 == 0:  # a third of the replies and what the customers wrote
                    texts += [row["agent_text"], row["previous_customer_text"]]
    return [t for t in texts if isinstance(t, str) and t.strip()]


@pytest.fixture(scope="module")
def checked(linter):
    """(doc, index hits, regex candidates) for each text, indexed once, in
    batches as a check of many replies runs them."""
    docs = list(linter.pipeline.pipe(_texts(linter)))
    for start in range(0, len(docs), 256):
        linter.index.run(docs[start:start + 256])
    return [(doc, doc.user_data[HITS_KEY], doc.user_data.get(REGEX_HITS_KEY, {})) for doc in docs]


def test_token_patterns_find_what_a_plain_matcher_finds(linter, checked):
    from spacy.matcher import Matcher

    rules = [r for r in linter.rules if r.extends == "pattern"]
    assert rules, "the default pack has pattern rules"
    plain = {}
    for rule in rules:
        matcher = Matcher(linter.pipeline.vocab)
        matcher.add(rule.id, rule.matcher_patterns)
        plain[rule.id] = matcher
    for doc, hits, _regexes in checked:
        for rule in rules:
            expected = {(s, e) for _id, s, e in plain[rule.id](doc)}
            got = {(s, e) for g, s, e in hits.get(rule.id, ()) if g != EXCEPTION_GROUP}
            assert got == expected, (rule.id, doc.text)


def test_regexes_run_wherever_they_match(linter, checked):
    rules = [r for r in linter.rules if getattr(r, "regexes", None)]
    assert rules, "the default pack has regex rules"
    for doc, hits, candidates in checked:
        for rule in rules:
            for position, regex in enumerate(rule.regexes):
                if next(regex.spans(doc.text), None):  # a match that flags words
                    assert position in candidates.get(rule.id, ()), (rule.id, doc.text)
                    assert rule.id in hits  # so the engine runs the rule


def test_a_pattern_is_gated_on_its_rarest_words():
    pattern = [{"LOWER": "you"}, {"LOWER": {"IN": ["did", "have"]}}, {"LEMMA": "not"},
               {"LOWER": "really", "OP": "?"}, {"LEMMA": {"IN": ["attach", "upload"]}}]
    pieces = _pieces(_required(pattern))
    gate = min(pieces, key=_rank)
    assert gate[1:] == ("LEMMA", [["attach"], ["upload"]], 4)
    # Two adjacent tokens of common words become one two-word piece.
    assert ("LOWER", [["you", "did"], ["you", "have"]], 0) in [p[1:] for p in pieces]
    # Punctuation is in most replies too: a number gates before a comma.
    pieces = _pieces(_required([{"LOWER": ","}, {"LOWER": "100"}]))
    assert min(pieces, key=_rank)[1:] == ("LOWER", [["100"]], 1)


def test_how_common_a_word_is_comes_from_real_replies():
    # "there" is in a third of real replies ("Hi there"), so "can't help ...
    # there" is gated on the pair "can not", not on "there".
    pattern = [{"LEMMA": "can"}, {"LEMMA": "not"}, {"LOWER": "help"}, {"LOWER": "you", "OP": "?"},
               {"LOWER": {"IN": ["there", "here"]}}]
    gate = min(_pieces(_required(pattern)), key=_rank)
    assert gate[1:] == ("LEMMA", [["can", "not"]], 0)
    assert _rate("LOWER", ["there"]) > 0.1 > _rate("LOWER", ["rocket"])


def test_one_reply_is_indexed_as_in_a_batch(linter, checked):
    for doc, hits, candidates in checked[::7]:
        again = linter.pipeline.make_doc(doc.text)
        assert linter.index(again) == hits, doc.text
        assert again.user_data.get(REGEX_HITS_KEY, {}) == candidates, doc.text


def test_windows_cover_every_match_that_holds_a_gate_word():
    pattern = [{"LOWER": "a"}, {"LOWER": "b", "OP": "{0,3}"}, {"LOWER": "c"},
               {"LOWER": "d", "OP": "?"}]
    assert _around(pattern, 0) == (0, 5)
    assert _around(pattern, 2) == (4, 1)
    # A repeated gate token may be any of its repeats.
    assert _around([{"LOWER": "a"}, {"LOWER": "b", "OP": "{1,3}"}], 1) == (3, 2)
    assert _around([{"LOWER": "a", "OP": "*"}, {"LOWER": "b"}], 1) == (None, None)
    assert _windows([10], 2, 3, 100) == [(8, 14)]
    assert _windows([10, 14], 2, 3, 100) == [(8, 18)]  # overlapping stretches merge
    assert _windows([0, 99], 1, 1, 100) == [(0, 2), (98, 100)]
    assert _windows([5], None, None, 40) == [(0, 40)]
    # Several patterns worth running around one gate run together, once over
    # their stretches joined.
    assert _merged([(8, 14), (2, 5), (12, 20), (20, 22)]) == [(2, 5), (8, 22)]


def test_a_gate_screens_all_its_patterns_with_their_first_needed_words():
    from tonecheck.rules.index import _Gated, _screen

    first = _Gated(None, ((8, frozenset({1, 2})), (7, frozenset({9}))), 2, 3)
    second = _Gated(None, ((8, frozenset({3})),), 0, 5)
    # the widest stretch, and each pattern's first need merged by column
    assert _screen([first, second]) == (2, 5, ((8, frozenset({1, 2, 3})),))
    # a pattern with no other word, or no bound, cannot be screened
    assert _screen([first, second._replace(needs=())]) is None
    assert _screen([first._replace(after=None)]) is None


def test_a_pattern_s_exact_word_is_looked_for_by_its_lowercase(write_pack):
    """A required token tested on ORTH has no token-table column: the index
    looks for its LOWER value, which every token spelled so has, and the
    Matcher then tests the spelling."""
    from tonecheck.engine import Linter

    pack = write_pack("""rules:
  - id: team.refund-asap
    extends: pattern
    category: timeliness
    severity: warning
    message: Give a time.
    patterns:
      - [{LOWER: refund}, {ORTH: ASAP}]
    examples: {bad: ["We will refund ASAP."], good: ["We will refund asap.", "ASAP, a refund."]}
""")
    lint = Linter([pack], include_default=False, scores=False)
    assert [f.match for f in lint.check_text("Refund ASAP, please: refund ASAP!").findings] == [
        "Refund ASAP", "refund ASAP"]
    assert lint.check_text("ASAP, a refund.").findings == ()


#: The most real replies any bundled regex may be a candidate for. The sifting
#: opens a regex by the rarest words or pairs of words its matches hold
#: (tonecheck.rules.words); a regex whose only bounded word is a common one
#: ("you") is opened on most replies and then tested on its literals. Today's
#: most sifted-through regex is a candidate for 4% of them.
MAX_CANDIDATE_SHARE = 0.1
#: The most regexes the whole pack may run on a real reply, on average (0.32
#: today). Words a letter may touch (after an optional part, or next to
#: [^\w], which RE2 reads as ASCII only) sift nothing: bound the pack's
#: words with [^\pL] or spaces (docs/rules.md). RE2's FilteredRE2, which
#: sifted by literal strings before, ran 0.89 regexes a reply.
MAX_CANDIDATES_PER_REPLY = 0.4


@pytest.fixture(scope="module")
def candidate_counts(linter) -> tuple[list[int], int]:
    """How many real replies each bundled regex is a candidate for, and how
    many replies were read (counted once for the tests below)."""
    with open(REPLIES, newline="", encoding="utf-8") as fh:
        replies = [row["agent_text"] for row in csv.DictReader(fh) if row["agent_text"].strip()]
    counts = [0] * len(linter.index._regex_owners)
    for text in replies:
        for number in linter.index.regex_filter.candidates(text):
            counts[number] += 1
    return counts, len(replies)


@pytest.mark.skipif(not REPLIES.exists(), reason="needs ../shared/eval")
def test_every_bundled_regex_is_sifted_out_of_most_real_replies(linter, candidate_counts):
    counts, n = candidate_counts
    loose = {f"{rule_id} regex {position + 1}": round(count / n, 2)
             for (rule_id, position), count in zip(linter.index._regex_owners, counts)
             if count > MAX_CANDIDATE_SHARE * n}
    # bound each alternative's rare words with [^\pL] or spaces (docs/rules.md)
    assert not loose, f"regexes run on many replies: {loose}"


@pytest.mark.skipif(not REPLIES.exists(), reason="needs ../shared/eval")
def test_the_bundled_regexes_together_run_on_few_per_reply(candidate_counts):
    counts, n = candidate_counts
    per_reply = sum(counts) / n
    # give each new regex's alternatives a bounded word or pair few replies hold
    assert per_reply <= MAX_CANDIDATES_PER_REPLY, f"{per_reply:.2f} regexes run per real reply"
