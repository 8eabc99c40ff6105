#!/usr/bin/env python
"""This working tree against an earlier commit, on the same machine, in turn.

A shared machine moves 10-20% between runs, so "within 10% of the table"
means little from one run of each: this checks REV out into a temporary git
worktree and runs each measure on both trees alternately, ``--runs`` times,
then prints the medians and the change.

    python benchmarks/against.py REV [--runs 5] [--n 2000] [--files 10000]

Measures (each in a fresh process, the tree's own tonecheck on the path):
- in-process ``Linter.check_many`` over N real replies: the first pass
  (replies/s) and the best of three warm passes (us a reply);
- ``tonecheck.check()`` one reply at a time over the 1,139 real replies, p50
  and p99 (the mail hook's and the service's call), on the fresh process's
  first pass and on a second (a service that has met the words before);
- ``tonecheck check draft.txt`` wall time (the one-shot CLI);
- ``tonecheck check --jobs 1 DIR`` over FILES one-reply files: wall time and
  peak RSS.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus as C  # noqa: E402
from latency import DRAFT  # noqa: E402

#: Runs in the tree under test (its benchmarks/ and tonecheck/ first on the path).
#: Self-contained on purpose: an older tree's benchmarks lack this tree's
#: helpers (the one-reply loop is latency.warm_api's, which prints, not returns).
_IN_PROCESS = """
import sys, time
sys.path.insert(0, "benchmarks")
import _corpus as C
from tonecheck.engine import Linter
linter = Linter()
texts = C.library({n})
t = time.perf_counter()
for _ in linter.check_many((str(i), x) for i, x in enumerate(texts)):
    pass
first = len(texts) / (time.perf_counter() - t)
best = 1e9
for _ in range(3):
    t = time.perf_counter()
    for _ in linter.check_many((str(i), x) for i, x in enumerate(texts)):
        pass
    best = min(best, time.perf_counter() - t)
print(first, best / len(texts) * 1e6)
"""
_ONE_REPLY = """
import sys, time
sys.path.insert(0, "benchmarks")
import _corpus as C
from tonecheck import check
check("warm up")
for _ in range(2):  # a fresh process's first pass, then a warm service's
    times = []
    for text in C.replies():
        t = time.perf_counter()
        check(text)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(times[len(times) // 2], times[int(len(times) * 0.99)])
"""

#: (label, unit, higher is better) of each figure, in the order measured.
FIGURES = [
    ("in-process first pass, {n:,} replies", "replies/s", True),
    ("in-process warm (best of 3 passes)", "us/reply", False),
    ("tonecheck.check() p50, one reply at a time, first pass", "ms", False),
    ("tonecheck.check() p99, first pass", "ms", False),
    ("tonecheck.check() p50, second pass (a warm service)", "ms", False),
    ("tonecheck.check() p99, second pass", "ms", False),
    ("tonecheck check draft.txt", "s", False),
    ("tonecheck check --jobs 1 DIR, {files:,} files", "s", False),
    ("peak RSS of the same", "MB", False),
]

#: Decimals shown per unit: enough that a 10% change shows in the figures too.
_DIGITS = {"replies/s": 0, "us/reply": 1, "ms": 3, "s": 2, "MB": 1}


def _python(tree: Path, code: str) -> list[float]:
    return [float(x) for x in C.python_in(tree, code).split()]


def _cli(tree: Path, *args: str) -> tuple[float, float]:
    # run in the tree: ``python -m`` puts the working directory first on the path
    return C.measure_rss(C.tonecheck_cmd(*args), env={"PYTHONPATH": str(tree)}, cwd=tree)


def measure(tree: Path, n: int, draft: Path, folder: Path) -> list[float]:
    first, warm = _python(tree, _IN_PROCESS.format(n=n))
    p50, p99, warm_p50, warm_p99 = _python(tree, _ONE_REPLY)
    draft_wall, _ = _cli(tree, "check", "--no-color", str(draft))
    dir_wall, dir_rss = _cli(tree, "check", "--format", "json", "--jobs", "1", str(folder))
    return [first, warm, p50, p99, warm_p50, warm_p99, draft_wall, dir_wall, dir_rss]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="the commit to compare with (e.g. a294e1e)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--files", type=int, default=10000)
    args = ap.parse_args(argv)
    with C.tempdir() as data, C.checked_out(args.rev) as tree:
        draft = data / "draft.txt"
        draft.write_text(DRAFT)
        folder = C.write_library_dir(args.files, data / "library")
        now, then = C.in_turn(args.runs, tree, lambda where: measure(where, args.n, draft, folder))
    print(f"## This tree against {args.rev} ({args.runs} runs each, in turn; medians)")
    print(f"Machine: {C.machine()}")
    print(f"| figure | now | {args.rev} | change |")
    print("|---|---:|---:|---:|")
    for k, (label, unit, higher) in enumerate(FIGURES):
        a = C.median(r[k] for r in now)
        b = C.median(r[k] for r in then)
        change = (a / b - 1) * 100 if b else 0.0
        worse = -change if higher else change
        mark = " **outside 10%**" if worse > 10 else ""
        digits = _DIGITS.get(unit, 2)
        print(f"| {label.format(n=args.n, files=args.files)} ({unit}) | {a:,.{digits}f} | "
              f"{b:,.{digits}f} | {change:+.1f}%{mark} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
