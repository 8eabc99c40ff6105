"""How often tonecheck reads a customer as upset (tonecheck.scoring.upset),
on the real customer messages of ../shared/eval/support-replies/agent_turns.csv
(``previous_customer_text``), and how often the context-aware empathy finding
would fire on the agent's actual reply.

    python benchmarks/upset.py              # counts by reason
    python benchmarks/upset.py --sample 30  # plus 30 messages to read (seeded)

The data is read, never copied.
"""
from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUPPORT = ROOT.parent / "shared" / "eval" / "support-replies" / "agent_turns.csv"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=0, help="print N messages with the verdict")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--upset-only", action="store_true", help="sample only upset messages")
    args = ap.parse_args(argv)

    import tonecheck
    from tonecheck.engine import get_linter
    from tonecheck.scoring.upset import detect

    rows = list(csv.DictReader(SUPPORT.open(encoding="utf-8")))
    linter = get_linter()
    verdicts = [detect(r["previous_customer_text"], linter.pipeline) for r in rows]
    upset = [v for v in verdicts if v.upset]
    reasons = Counter(reason for v in upset for reason in dict(v.reasons))
    only = Counter(v.reasons[0][0] for v in upset if len(dict(v.reasons)) == 1)
    print(f"customer messages: {len(rows)}; upset: {len(upset)} ({len(upset) / len(rows):.1%})")
    for reason, n in reasons.most_common():
        print(f"  {reason:<15} {n:4d} messages ({only[reason]} on this reason alone)")
    flagged = sum(1 for r, v in zip(rows, verdicts) if v.upset and any(
        f.rule == "empathy.acknowledge-upset-customer"
        for f in tonecheck.check(r["agent_text"], context=r["previous_customer_text"]).findings))
    print(f"agent replies flagged empathy.acknowledge-upset-customer: {flagged} "
          f"({flagged / len(rows):.1%} of all, {flagged / max(len(upset), 1):.0%} of replies "
          f"to upset customers)")
    if args.sample:
        pool = [(r, v) for r, v in zip(rows, verdicts) if v.upset or not args.upset_only]
        for r, v in random.Random(args.seed).sample(pool, min(args.sample, len(pool))):
            text = " ".join(r["previous_customer_text"].split())
            why = "; ".join(f"{k}: {w}" for k, w in v.reasons) or "-"
            print(f"\n[{'UPSET' if v.upset else 'calm '}] {text[:280]}\n    {why}")


if __name__ == "__main__":
    main()
