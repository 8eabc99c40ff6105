"""Rules that need part-of-speech labels: skipped with one notice on the
default blank pipeline, used when a trained pipeline is named."""
from __future__ import annotations

import json

import pytest

from tonecheck.engine import Linter
from tonecheck.exitcodes import ExitCode

POS_PACK = """\
- id: clarity.just-verb
  extends: pattern
  category: clarity
  severity: suggestion
  message: '"just" makes the step sound trivial.'
  patterns: [[{LOWER: just}, {POS: VERB}]]
  examples: {bad: [Just click Save.], good: [I just wanted to say thanks.]}
"""


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A small 'trained' pipeline made here: an attribute ruler that tags a
    few verbs, saved to disk and loaded by path like any installed model."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{}]], {"POS": "X"})  # like a real tagger, every token gets a label
    ruler.add([[{"LOWER": {"IN": ["click", "restart", "open"]}}]], {"POS": "VERB"})
    path = tmp_path_factory.mktemp("model") / "tiny_pipeline"
    nlp.to_disk(path)
    return str(path)


def test_pos_rules_are_skipped_with_one_notice_on_the_blank_pipeline(write_pack):
    linter = Linter([write_pack(POS_PACK)], include_default=False, scores=False)
    assert linter.rules == []
    (notice,) = linter.notices
    assert "clarity.just-verb" in notice and "--model" in notice
    assert linter.check_text("Just click Save.").findings == ()


def test_pos_rules_run_with_a_trained_pipeline(write_pack, tiny_model):
    linter = Linter([write_pack(POS_PACK)], include_default=False, scores=False, model=tiny_model)
    assert [r.id for r in linter.rules] == ["clarity.just-verb"] and not linter.notices
    assert [f.match for f in linter.check_text("Just click Save.").findings] == ["Just click"]
    assert linter.check_text("I just wanted to say thanks.").findings == ()


def test_the_default_pack_gives_the_same_findings_on_a_trained_pipeline(tiny_model):
    text = "No problem! I don't know when it ships, you need to wait. Calm down."
    blank = [(f.rule, f.start) for f in Linter(scores=False).check_text(text).findings]
    trained = [(f.rule, f.start) for f in
               Linter(scores=False, model=tiny_model).check_text(text).findings]
    assert blank and trained == blank


def test_a_missing_model_falls_back_with_a_notice(run_cli):
    result = run_cli("check", "--model", "no_such_pipeline_xyz", "--format", "json", "-",
                     input="No problem.")
    assert result.exit_code == ExitCode.FINDINGS
    assert json.loads(result.stdout)["files"][0]["findings"]
    assert "no_such_pipeline_xyz" in result.stderr and "offline default" in result.stderr
