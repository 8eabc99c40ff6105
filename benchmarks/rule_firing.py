#!/usr/bin/env python
"""How often each rule of the default pack fires on real support replies.

Runs every rule in rules/default over the agent replies in
../shared/eval/support-replies/agent_turns.csv (column ``agent_text``) and
prints, per rule, how many replies it fires on. A rule that fires on a large
share of real replies is probably too broad; one that never fires may still be
worth having (real agents rarely write "calm down"), but check its examples.

    python benchmarks/rule_firing.py                 # table
    python benchmarks/rule_firing.py --samples 3     # plus matched snippets
    python benchmarks/rule_firing.py --rule clarity  # only ids starting with this
    python benchmarks/rule_firing.py --markdown      # table for docs/rule-firing.md
    python benchmarks/rule_firing.py --csv other.csv --column text
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CSV = REPO.parent / "shared" / "eval" / "support-replies" / "agent_turns.csv"


def read_replies(path: Path, column: str) -> list[str]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [row[column] for row in csv.DictReader(fh) if row.get(column, "").strip()]


def snippet(text: str, start: int, end: int, width: int = 50) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    s = (("…" if lo else "") + text[lo:start] + "[[" + text[start:end] + "]]" + text[end:hi]
         + ("…" if hi < len(text) else ""))
    return " ".join(s.split())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--column", default="agent_text")
    ap.add_argument("--rules", type=Path, default=REPO / "rules" / "default",
                    help="rule pack to run (default: rules/default)")
    ap.add_argument("--rule", default="", help="only rules whose id starts with this")
    ap.add_argument("--samples", type=int, default=0, metavar="N",
                    help="show up to N matched snippets per rule")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args(argv)

    from tonecheck.engine import Linter

    replies = read_replies(args.csv, args.column)
    linter = Linter([args.rules], include_default=False, scores=False)
    t0 = time.perf_counter()
    fired: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    for report in linter.check_many((str(i), t) for i, t in enumerate(replies)):
        seen = set()
        for f in report.findings:
            hits[f.rule] += 1
            if f.rule not in seen:
                seen.add(f.rule)
                fired[f.rule] += 1
                if len(samples[f.rule]) < args.samples:
                    samples[f.rule].append(snippet(report.text, f.start, f.end))
    elapsed = time.perf_counter() - t0

    rules = sorted((r for r in linter.rules if r.id.startswith(args.rule)),
                   key=lambda r: (-fired[r.id], r.id))
    n = len(replies)
    any_fired = sum(1 for r in rules if fired[r.id])
    if args.markdown:
        print("# Rule firing on real support replies\n")
        print(f"Generated {dt.date.today().isoformat()} by `python benchmarks/rule_firing.py "
              f"--markdown` over `{args.csv.name}` ({n:,} agent replies, column "
              f"`{args.column}`). {len(rules)} rules; {any_fired} fire at least once, "
              f"{len(rules) - any_fired} never fire.\n")
        print("| rule | severity | replies | % | hits |")
        print("|---|---|---:|---:|---:|")
        for r in rules:
            print(f"| `{r.id}` | {r.severity.label} | {fired[r.id]} | "
                  f"{100 * fired[r.id] / n:.1f} | {hits[r.id]} |")
        return 0
    print(f"{n} replies, {len(rules)} rules, {elapsed:.2f}s ({n / elapsed:,.0f} replies/s)")
    print(f"{'rule':44} {'sev':10} {'replies':>7} {'%':>6} {'hits':>5}")
    for r in rules:
        print(f"{r.id:44} {r.severity.label:10} {fired[r.id]:7d} "
              f"{100 * fired[r.id] / n:6.1f} {hits[r.id]:5d}")
        for s in samples.get(r.id, ()):
            print(f"    {s}")
    print(f"{any_fired} rules fire at least once; {len(rules) - any_fired} never fire")
    return 0


if __name__ == "__main__":
    sys.exit(main())
