"""``extends: classifier``: a sentence model whose weights ship as data.

A sentence is flagged when its words' weights, plus the bias, reach the
threshold's log-odds; the finding covers and names the words that weighed
most, and gives way to any other rule's finding that it overlaps."""
from __future__ import annotations

import json
import math

import pytest

from tonecheck.engine import get_linter
from tonecheck.errors import RuleError
from tonecheck.rules.loader import build_rule, load_rules, parse_pack

PACK = """\
rules:
  - id: team.curt
    extends: classifier
    category: tone
    severity: suggestion
    message: 'Reads curtly ({{words}}).'
    weights: {weights}
    threshold: 0.5
    {extra}
    examples:
      bad: ["That is policy."]
      good: ["Happy to help."]
"""

WEIGHTS = {"format": "tonecheck-sentence-model/1", "bias": -1.0,
           "unigrams": {"policy": 1.5, "happy": -2.0, "rule": 0.6},
           "bigrams": {"<s> that": 0.4, "be policy": 0.3}}


@pytest.fixture
def team_pack(tmp_path):
    def write(weights=WEIGHTS, extra: str = "", raw: str | None = None):
        (tmp_path / "curt.json").write_text(raw if raw is not None else json.dumps(weights),
                                            encoding="utf-8")
        path = tmp_path / "team.yml"
        path.write_text(PACK.format(weights="curt.json", extra=extra), encoding="utf-8")
        return path

    return write


def _linter(path):
    return get_linter(rules=[str(path)], include_default=False, scores=False)


def _findings(path, text):
    return [f for f in _linter(path).check_text(text).findings if f.rule == "team.curt"]


def test_a_sentence_over_the_threshold_is_flagged_with_its_weightiest_words(team_pack):
    found = _findings(team_pack(), "Hi Sam. That is policy. Thanks!")
    assert len(found) == 1
    f = found[0]
    # policy 1.5 + "<s> that" 0.4 + "be policy" 0.3 - 1.0 > 0. "That", a
    # word in most replies, weighs but names little: it is left out of the
    # span and the message while other words are there to name.
    assert f.match == "is policy"
    assert f.message == 'Reads curtly ("policy", "is policy").'


def test_a_pair_after_a_comma_names_its_word_without_the_comma_or_space(team_pack):
    weights = dict(WEIGHTS, unigrams={}, bigrams={", policy": 2.5})
    found = _findings(team_pack(weights), "Sorry, policy.")
    assert [(f.match, f.message) for f in found] == [("policy", 'Reads curtly ("policy").')]


def test_a_sentence_under_the_threshold_is_not(team_pack):
    # "rule" 0.6 - 1.0 < 0; "happy" pulls "policy" under
    assert _findings(team_pack(), "There is a rule.") == []
    assert _findings(team_pack(), "Happy to explain the policy.") == []


def test_handles_numbers_and_addresses_are_not_read(team_pack):
    weights = dict(WEIGHTS, unigrams={"@sam": 5.0, "42": 5.0, "policy": 1.5})
    path = team_pack(weights)
    assert _findings(path, "@sam order 42 is at example.com/track") == []
    assert len(_findings(path, "@sam that is policy")) == 1


def test_exceptions_are_words_the_model_does_not_weigh(team_pack):
    path = team_pack(extra="exceptions: [policy]")
    assert _findings(path, "That is policy.") == []


def test_words_another_rule_found_are_left_to_it(team_pack, tmp_path):
    team_pack()
    (tmp_path / "other.yml").write_text("""\
rules:
  - id: team.word
    extends: existence
    category: courtesy
    severity: warning
    message: 'No "{match}".'
    phrases: [that is]
    examples: {bad: ["that is it"], good: ["this"]}
""", encoding="utf-8")
    found = get_linter(rules=[str(tmp_path)], include_default=False,
                       scores=False).check_text("That is policy. Policy it is, sadly policy.")
    assert [(f.rule, f.match) for f in found.findings] == [
        ("team.word", "That is"), ("team.curt", "Policy")]


@pytest.mark.parametrize("raw, says", [
    ("{not json", "is not a JSON file"),
    (json.dumps({"format": "something/2", "bias": 0, "unigrams": {}, "bigrams": {}}),
     "is not a tonecheck-sentence-model/1 file"),
    (json.dumps(dict(WEIGHTS, unigrams={"policy": "high"})), "is not a tonecheck-sentence-model/1"),
])
def test_a_broken_weights_file_is_refused_when_the_pack_loads(team_pack, raw, says):
    path = team_pack(raw=raw)
    with pytest.raises(RuleError) as exc:
        load_rules([path], include_default=False)
    assert "team.curt" in str(exc.value) and "'weights'" in str(exc.value)
    assert says in str(exc.value)


def test_a_missing_weights_file_is_a_one_line_error_with_exit_code_2(team_pack, tmp_path, run_cli):
    path = team_pack()
    (tmp_path / "curt.json").unlink()
    draft = tmp_path / "draft.txt"
    draft.write_text("That is policy.", encoding="utf-8")
    result = run_cli("check", "--rules", str(path), str(draft))
    assert result.exit_code == 2
    assert "curt.json" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("threshold", [0, 1, 1.5, "high", True])
def test_the_threshold_is_a_probability(team_pack, threshold):
    spec = parse_pack(team_pack())[0]
    spec["threshold"] = threshold
    with pytest.raises(RuleError, match="threshold"):
        build_rule(spec, "team.yml")


def test_the_shipped_model_decides_as_its_fitting_script_reads_it():
    """The features the fitting script counts (feature_counts) are the ones
    the rule weighs: the log-odds summed from the JSON by name agree with the
    rule's decision on every sentence of its own examples and a few more."""
    from tonecheck.nlp import token_table
    from tonecheck.rules.classifier import feature_counts, sentence_keys

    linter = get_linter()
    rule = linter.ruleset.by_id("tone.lead-would-reword")
    data = json.loads(rule.weights_path.read_text(encoding="utf-8"))
    cut = math.log(rule.threshold / (1 - rule.threshold))
    texts = [*rule.bad_examples, *rule.good_examples,
             "@sam We can't do that, it's policy. Sorry! See https://example.com/help 2 days",
             "Your order 42 ships today.", "No. No. No no no, not us.  \n\nAs I said: no."]
    decided = 0
    for text in texts:
        doc = linter.pipeline.make_doc(text)
        table = token_table(doc)
        starts = table.starts + [len(doc)]
        flagged = {(h.start, h.end) for h in rule.match(doc)}
        for s, e in zip(starts, starts[1:]):
            keys = sentence_keys(doc.vocab.strings, table, s, e)
            if not keys:
                continue
            counts = feature_counts(doc.vocab.strings, keys)
            weights = {name: data["unigrams" if name[0] == "u" else "bigrams"].get(name[2:], 0.0)
                       for name in counts}
            z = data["bias"] + sum(weights[name] * n for name, n in counts.items())
            lo, hi = doc[keys[0][0]].idx, doc[keys[-1][0]].idx + len(doc[keys[-1][0]])
            inside = any(lo <= a and b <= hi for a, b in flagged)
            assert inside == (z >= cut and max(weights.values()) > 0), text
            decided += inside
    assert decided >= len(rule.bad_examples)


def test_its_findings_do_not_move_the_scores(linter):
    """The model's hunch is reported, never scored: the scores of a reply
    it flags are those of the reply's other findings alone."""
    from tonecheck.scoring.scorer import score

    rule = linter.ruleset.by_id("tone.lead-would-reword")
    text = rule.bad_examples[0] + " Sorry for any inconvenience!"
    report = linter.check_text(text)
    assert any(f.rule == rule.id for f in report.findings)
    doc = linter.pipeline.make_doc(text)
    without = [f for f in report.findings if f.rule != rule.id]
    assert report.scores == score(doc, without, text) != score(doc, report.findings, text)


def test_ignored_it_is_not_run_and_the_scores_are_the_same():
    """Its findings weigh nothing in the scores, so a selection that leaves
    it out leaves it unrun, and scores as the full rule set does."""
    text = "You would have been told this at checkout. Sorry for any inconvenience!"
    full, without = get_linter(), get_linter(ignore=("tone",))
    assert "tone.lead-would-reword" in full._by_id
    assert "tone.lead-would-reword" not in without._by_id
    assert full.check_text(text).scores == without.check_text(text).scores


def test_with_templates_false_it_leaves_saved_replies_alone(team_pack):
    path = team_pack(extra="templates: false")
    linter = _linter(path)
    assert [f.rule for f in linter.check_text("That is policy.").findings] == ["team.curt"]
    assert linter.check_text("Hi {{name}}, that is policy.", templates=True).findings == ()
    reports = list(linter.check_many([("a", "That is policy.", True), ("b", "That is policy.")]))
    assert [len(r.findings) for r in reports] == [0, 1]


def test_a_weights_file_that_is_a_fifo_is_refused_unread(team_pack, tmp_path):
    import os

    path = team_pack()
    (tmp_path / "curt.json").unlink()
    os.mkfifo(tmp_path / "curt.json")
    with pytest.raises(RuleError, match="curt.json: is a FIFO"):
        load_rules([path], include_default=False)
