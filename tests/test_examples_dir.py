"""The drafts in examples/: each poor draft is flagged, and its rewrite comes
back clean with higher scores."""
from __future__ import annotations

import pytest

from conftest import REPO
from tonecheck import check

DRAFTS = REPO / "examples" / "drafts"
PAIRS = sorted((p, p.with_name(p.stem + "-rewritten.txt"))
               for p in DRAFTS.glob("*.txt") if not p.stem.endswith("-rewritten"))


def test_there_are_example_pairs():
    assert PAIRS and all(better.exists() for _, better in PAIRS)


@pytest.mark.parametrize("poor,better", PAIRS, ids=[p.stem for p, _ in PAIRS])
def test_rewrite_is_clean_and_scores_higher(poor, better):
    before = check(poor.read_text(encoding="utf-8"), path=str(poor))
    after = check(better.read_text(encoding="utf-8"), path=str(better))
    assert len(before.findings) >= 5
    assert after.findings == ()
    assert after.scores.empathy > before.scores.empathy
    assert after.scores.positivity > before.scores.positivity
