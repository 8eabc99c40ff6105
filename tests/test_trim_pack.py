"""benchmarks/trim.py's smaller packs: a trimmed copy of the default pack
loads, and leaves out exactly what it says (the sentence model, the
whole-text regexes, named rules), so the figures it prints are those of the
pack it names."""
from __future__ import annotations

import sys
from pathlib import Path

from tonecheck.rules.loader import load_rules

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import trim  # noqa: E402


def _loaded(pack: Path):
    return {rule.id: rule for rule in load_rules([pack], include_default=False).rules}


def test_a_copy_without_named_rules_holds_every_other_rule(tmp_path):
    rules = _loaded(trim.write_pack(tmp_path / "pack", drop=frozenset({"courtesy.demand"})))
    assert set(rules) == {spec["id"] for spec in trim.pack_rules()} - {"courtesy.demand"}
    assert rules["positivity.we-cant"].regexes  # (so that the next test's check means something)


def test_without_the_model_and_the_regexes(tmp_path):
    rules = _loaded(trim.write_pack(tmp_path / "pack", model=False, regexes=False))
    specs = trim.pack_rules()
    regex_only = {s["id"] for s in specs if "regex" in s and not any(k in s for k in trim._MATCHERS)}
    model = {s["id"] for s in specs if s.get("extends") == "classifier"}
    assert model and regex_only
    assert set(rules) == {s["id"] for s in specs} - model - regex_only
    assert not any(getattr(rule, "regexes", None) for rule in rules.values())
    # What is kept of a rule is kept whole: its phrases and context.
    kept = next(s for s in specs if s["id"] == "positivity.we-cant")
    assert rules["positivity.we-cant"].spec.get("unless_after") == kept["unless_after"]

