"""--jobs: the same reports, in the same order, from several processes."""
from __future__ import annotations

import multiprocessing

import pytest

from tonecheck.parallel import MIN_ITEMS_PER_JOB, check_many, resolve_jobs

TEXTS = ["No problem, I don't know.", "Thanks for your patience!", "Calm down.", "",
         "We apologize for any inconvenience. It will ship soon."]


def _items(n):
    return [(f"reply-{i}.txt", TEXTS[i % len(TEXTS)] + f" Order {i}.") for i in range(n)]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="workers are forked")
def test_two_workers_give_the_same_reports_in_order(linter):
    items = _items(MIN_ITEMS_PER_JOB + 90)
    one = list(check_many(linter, iter(items), jobs=1))
    two = list(check_many(linter, iter(items), jobs=2))
    assert [r.path for r in two] == [p for p, _ in items]
    assert [r.to_dict() for r in two] == [r.to_dict() for r in one]
    assert all(r.text == t for r, (_, t) in zip(two, items))


def test_small_runs_and_defaults(linter):
    items = _items(5)
    assert [r.to_dict() for r in check_many(linter, iter(items), jobs=4)] == \
        [r.to_dict() for r in linter.check_many(items)]
    assert resolve_jobs(None) >= 1 and resolve_jobs(0) >= 1 and resolve_jobs(3) == 3
