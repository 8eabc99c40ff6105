#!/usr/bin/env python
"""Hostile drafts: how long one check takes for inputs built to be slow.

Each case is generated at several sizes up to the 1 MB input limit and
checked in process with the default pack and both scores; the table shows
seconds per size and the growth from one size to the next (x2 per doubling
is linear, x4 quadratic). Speed is measured here, never in unit tests.

    python benchmarks/hostile.py                    # every case, 125 KB .. 1 MB
    python benchmarks/hostile.py --sizes 16000,64000 --case bangs
    python benchmarks/hostile.py --rules            # every rule's bad example, repeated
    python benchmarks/hostile.py --limit 30         # give up on a case after 30 s
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _corpus(size: int) -> str:
    import _corpus as C

    return _fill("\n\n".join(C.replies()), size)


#: name -> (what it is, text of about ``size`` characters)
CASES = {
    "no-problem-lines": ('"no problem" on every line (issue 8: 49 s at 88 KB)',
                         lambda n: _fill("no problem\n", n)),
    "run-on": ("one sentence of findings", lambda n: _fill("no problem and ", n)),
    "dont-know-commas": ("one sentence, a finding every 14 characters",
                         lambda n: _fill("I don't know, ", n)),
    "we-cant": ("unless_after context on every match", lambda n: _fill("we can't do it, ", n)),
    "soon": ("requires_before context on every match", lambda n: _fill("soon we will ", n)),
    "unfortunately": ("position rules on every sentence", lambda n: _fill("Unfortunately. ", n)),
    "greeting": ("a greeting that never ends, then position rules",
                 lambda n: _fill("Hi ", n // 2) + _fill("Unfortunately, no. ", n - n // 2)),
    "mentions": ("@mentions then many sentence-start matches in one sentence",
                 lambda n: _fill("@a ", n // 2) + _fill("unfortunately ", n - n // 2)),
    "exceptions": ("a rule's exception phrase next to every match",
                   lambda n: _fill("just to confirm, just restart it. ", n)),
    "urls": ("a web address beside every finding", lambda n: _fill("no problem https://x.io/a ", n)),
    "bangs": ('"!" with no spaces (issue 8: never finished at 40,000)', lambda n: "!" * n),
    "apostrophes": ("apostrophes with no spaces", lambda n: "'" * n),
    "parens": ('"(" with no spaces', lambda n: "(" * n),
    "long-word": ("one word", lambda n: "a" * n),
    "long-url": ("one web address", lambda n: "https://example.com/" + "a/" * (n // 2)),
    "spaced-bangs": ('"! " repeated: a token every 2 characters', lambda n: _fill("! ", n)),
    "caps": ("shouting", lambda n: _fill("PLEASE READ THIS ", n)),
    "whitespace": ("only whitespace", lambda n: _fill(" \n\t", n)),
    "one-line": ("a single line of words, no punctuation", lambda n: _fill("word ", n)),
    "lookalikes": ("zero-width and non-breaking spaces inside phrases (offset map)",
                   lambda n: _fill("no\u00a0pro\u00adblem, I don\u200b't know\u2028", n)),
    "emoji": ("emoji and joiners", lambda n: _fill("👨\u200d👩\u200d👧 🙂 ", n)),
    "rtl": ("right-to-left text with bidi controls",
            lambda n: _fill("\u202bمرحبا بك\u202c no problem ", n)),
    "sorry": ("apologies in one sentence (scorer)", lambda n: _fill("sorry ", n)),
    "acknowledge": ("acknowledgements in one sentence (scorer)",
                    lambda n: _fill("I understand how frustrating that is and ", n)),
    "corpus": ("real replies, concatenated", _corpus),
}


def time_check(linter, text: str) -> tuple[float, int]:
    t = time.perf_counter()
    report = linter.check_text(text)
    return time.perf_counter() - t, len(report.findings)


def run_cases(linter, names, sizes, limit: float) -> None:
    width = max(len(n) for n in names)
    head = " ".join(f"{s // 1000:>7} KB" for s in sizes)
    print(f"{'case':<{width}}  {head}   growth   findings at largest")
    for name in names:
        _what, make = CASES[name]
        times, found = [], 0
        for size in sizes:
            if times and times[-1] > limit:
                break  # the next size would take too long to wait for
            seconds, found = time_check(linter, make(size))
            times.append(seconds)
        cells = " ".join(f"{t:>8.2f}s" for t in times) + " " * (10 * (len(sizes) - len(times)))
        ratios = [b / a for a, b in zip(times, times[1:]) if a > 0.02]
        growth = f"x{max(ratios):.1f}" if ratios else "  -"
        print(f"{name:<{width}}  {cells}   {growth:>6}   {found}", flush=True)


def run_rules(linter, size: int, sizes_small: int, top: int) -> None:
    """Each rule's bad examples repeated, as lines and as one run-on
    sentence; the slowest cases, with their growth from a quarter size."""
    rows = []
    for rule in linter.ruleset.rules:
        for example in rule.bad_examples[:2]:
            for layout, sep in (("lines", "\n"), ("run-on", " and ")):
                body = example.strip().rstrip(".!?") + sep
                small, _ = time_check(linter, _fill(body, sizes_small))
                big, found = time_check(linter, _fill(body, size))
                rows.append((big, big / small if small > 0.01 else 0.0, rule.id, layout, found))
    rows.sort(reverse=True)
    print(f"slowest of {len(rows)} repeated bad examples at {size // 1000} KB "
          f"(growth: x{size // sizes_small} size)")
    for big, growth, rid, layout, found in rows[:top]:
        print(f"  {big:6.2f}s  x{growth:4.1f}  {rid:<40} {layout:<7} {found} findings")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="125000,250000,500000,1000000",
                    help="comma-separated sizes in characters")
    ap.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases")
    ap.add_argument("--limit", type=float, default=60.0,
                    help="skip a case's larger sizes once one takes longer than this")
    ap.add_argument("--rules", action="store_true",
                    help="also repeat every rule's bad examples (slow: every rule, twice)")
    ap.add_argument("--rule-size", type=int, default=200_000)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from tonecheck.engine import Linter

    t = time.perf_counter()
    linter = Linter()
    linter.check_text("Warm up, no problem.")
    print(f"# Hostile drafts (default pack, both scores; build {time.perf_counter() - t:.2f} s)")
    for name in args.case or CASES:
        print(f"#   {name}: {CASES[name][0]}")
    run_cases(linter, args.case or list(CASES), sizes, args.limit)
    if args.rules:
        run_rules(linter, args.rule_size, args.rule_size // 4, 15)


if __name__ == "__main__":
    main()
