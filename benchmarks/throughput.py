#!/usr/bin/env python
"""Library throughput: replies/s for the default pack with both scores.

Prints (1) in-process ``Linter.check_many`` over N replies, with start-up
(import + pipeline + matchers) reported separately, and a per-stage breakdown
in microseconds per reply; (2) ``tonecheck check DIR`` end to end over a
directory of N one-reply .txt files, also with start-up subtracted.

    python benchmarks/throughput.py [--n 10000] [--no-cli]
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus as C  # noqa: E402


def startup_seconds(repeat: int = 3) -> float:
    """Median wall time of ``tonecheck check`` on one empty reply (process start,
    imports, pipeline and matcher build): what a library run pays once."""
    with C.tempdir() as d:
        f = d / "one.txt"
        f.write_text("Thanks!\n")
        return C.median(C.run(C.tonecheck_cmd("check", "--format", "json", str(f)))[0]
                        for _ in range(repeat))


def _best(fn, repeat: int = 3) -> float:
    """Fastest of ``repeat`` runs (the machine may be shared; the minimum is
    the least disturbed figure)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def breakdown(linter, texts) -> dict:
    """Microseconds per reply for each stage of the hot path (best of 3)."""
    from tonecheck.nlp import normalise
    from tonecheck.scoring import score

    n = len(texts)
    nlp = linter.pipeline.nlp
    norm = [normalise(x) for x in texts]
    docs = list(linter.pipeline.pipe(texts))
    found = [linter.findings(d, d.text) for d in docs]
    out = {
        "tokenizer": _best(lambda: list(nlp.tokenizer.pipe(norm))),
        "spaCy pipeline (tokenizer + keys and sentences)": _best(lambda: list(linter.pipeline.pipe(texts))),
        "shared matchers (index)": _best(lambda: [linter.index(d) for d in docs]),
    }
    per_rule: dict[str, float] = {}
    for r in linter.rules:
        per_rule[r.id] = _best(lambda r=r: [list(r.match(d)) for d in docs], 2)
    by_type: dict[str, float] = defaultdict(float)
    for r in linter.rules:
        by_type[r.extends] += per_rule[r.id]
    for k, v in sorted(by_type.items()):
        out[f"rules: {k}"] = v
    out["findings (index + rules + positions)"] = _best(lambda: [linter.findings(d, d.text) for d in docs])
    out["scores (scoring.score)"] = _best(lambda: [score(d, f) for d, f in zip(docs, found)])
    us = {k: v / n * 1e6 for k, v in out.items()}
    us["_top_rules"] = sorted(((v / n * 1e6, k) for k, v in per_rule.items()), reverse=True)[:5]
    return us


def in_process(n: int) -> dict:
    t0 = time.perf_counter()
    from tonecheck.engine import Linter

    t1 = time.perf_counter()
    linter = Linter()
    t2 = time.perf_counter()
    texts = C.library(n)
    t3 = time.perf_counter()
    findings = sum(len(r.findings) for r in linter.check_many((str(i), x) for i, x in enumerate(texts)))
    t4 = time.perf_counter()
    return {"n": n, "import": t1 - t0, "build": t2 - t1, "check": t4 - t3, "findings": findings,
            "rules": len(linter.rules), "linter": linter, "texts": texts}


def cli_dir(n: int, startup: float) -> dict:
    with C.tempdir() as d:
        lib = C.write_library_dir(n, d / "lib")
        wall, rss = C.measure_rss(C.tonecheck_cmd("check", "--format", "json", str(lib)))
    return {"n": n, "wall": wall, "rss": rss, "net": wall - startup}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--no-cli", action="store_true")
    args = ap.parse_args(argv)
    r = in_process(args.n)
    print(f"## Throughput ({args.n:,} real replies, default pack: {r['rules']} rules, both scores)")
    print(f"in-process Linter.check_many: {r['check']:.2f} s -> {C.rate(args.n, r['check'])} replies/s"
          f"  (start-up not included: import {r['import']:.2f} s, build {r['build']:.2f} s;"
          f" {r['findings']:,} findings)")
    b = breakdown(r["linter"], r["texts"][:2000])
    print("stage breakdown (us/reply, measured separately):")
    for k, v in b.items():
        if not k.startswith("_"):
            print(f"  {k:46} {v:8.1f}")
    print("  costliest rules: " + ", ".join(f"{k} {v:.1f}" for v, k in b["_top_rules"]))
    if not args.no_cli:
        s = startup_seconds()
        c = cli_dir(args.n, s)
        print(f"tonecheck check DIR ({args.n:,} .txt files, --format json): {c['wall']:.2f} s wall "
              f"-> {C.rate(args.n, c['wall'])} replies/s end to end; start-up {s:.2f} s; "
              f"net {C.rate(args.n, c['net'])} replies/s; peak RSS {c['rss']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
