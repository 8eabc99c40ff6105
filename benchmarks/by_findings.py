#!/usr/bin/env python
"""Where one reply's time goes up against an earlier commit: by what each
tree finds in the reply.

    python benchmarks/by_findings.py REV [--runs 2] [--passes 5]

A warm service's percentiles (benchmarks/against.py) mix two costs: what
every reply pays (the pipeline, the shared matchers, the scores) and what a
reply with findings pays on top (its rules' context questions, the findings
themselves). A pack that flags more replies is slower at p99 for the second
reason alone. This splits the 1,139 real replies into those neither tree
flags, those both flag, and those only one flags, and gives each group's
p50, p99 and mean time of ``tonecheck.check()`` on a warm process.

Each tree runs in a fresh process (its own tonecheck first on the path),
the trees in turn ``--runs`` times; a process checks every reply once (the
first pass, which also counts the findings, at any severity), then
``--passes`` more times, keeping each reply's fastest time: one reply's time
is then its own, not the machine's noise. Over the runs, the fastest again.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus as C  # noqa: E402

#: Runs in the tree under test (this tree's benchmark helpers first on the
#: path, so both trees read the same corpus the same way); prints one JSON
#: line: findings and fastest time (us) of each reply, in the corpus's order.
_PER_REPLY = """
import json, sys
sys.path.insert(0, {bench!r})
import _corpus as C
from tonecheck import check
texts = C.replies()
check("warm up")
found = [len(check(text).findings) for text in texts]
print(json.dumps([found, C.fastest_per_reply(check, texts, {passes})]))
"""


def _measure(tree: Path, passes: int) -> tuple[list[int], list[float]]:
    """Each reply's findings and fastest time, in a fresh process of ``tree``."""
    code = _PER_REPLY.format(bench=str(C.REPO / "benchmarks"), passes=passes)
    found, best = json.loads(C.python_in(tree, code))
    return found, best


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def groups(found_now: list[int], found_then: list[int]) -> dict[str, list[int]]:
    """Reply numbers by which tree reports findings in them."""
    every = range(len(found_now))
    return {
        "every reply": list(every),
        "neither flags": [i for i in every if not found_now[i] and not found_then[i]],
        "both flag": [i for i in every if found_now[i] and found_then[i]],
        "only this tree flags": [i for i in every if found_now[i] and not found_then[i]],
        "only REV flags": [i for i in every if found_then[i] and not found_now[i]],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="the commit to compare with (e.g. a294e1e)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args(argv)
    with C.checked_out(args.rev) as tree:
        now, then = C.in_turn(args.runs, tree, lambda where: _measure(where, args.passes))
    found_now, found_then = now[0][0], then[0][0]
    best_now = [min(times) for times in zip(*(r[1] for r in now))]
    best_then = [min(times) for times in zip(*(r[1] for r in then))]
    print(f"## tonecheck.check() per reply, this tree against {args.rev}, by findings")
    print(f"Machine: {C.machine()}. Each reply's fastest of {args.passes} warm passes "
          f"in each of {args.runs} processes per tree; us.")
    print(f"| replies | n | p50 {args.rev} | p50 now | change | p99 {args.rev} | p99 now | change "
          "| mean change |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, ids in groups(found_now, found_then).items():
        if not ids:
            continue
        a = [best_then[i] for i in ids]
        b = [best_now[i] for i in ids]
        cells = []
        for q in (0.5, 0.99):
            x, y = _quantile(a, q), _quantile(b, q)
            cells += [f"{x:,.0f}", f"{y:,.0f}", f"{(y / x - 1) * 100:+.1f}%"]
        mean = (sum(b) / sum(a) - 1) * 100
        print(f"| {label.replace('REV', args.rev)} | {len(ids):,} | " + " | ".join(cells)
              + f" | {mean:+.1f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
