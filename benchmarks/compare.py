#!/usr/bin/env python
"""Side by side on the same replies: tonecheck, proselint and the bare spaCy pipeline.

- tonecheck: ``tonecheck check DIR`` over N one-reply files (end to end and with
  start-up subtracted), and in-process ``Linter.check_many`` (steady state).
- proselint 0.16 (``pip install -e .[bench]``): ``proselint check`` over files of
  1,000 replies each, with ``max_errors`` raised in a config file. proselint
  stops a file after ``max_errors`` (default 1,000) errors, so one big file
  finishes early and looks fast; both measures keep it honest.
- bare spaCy: blank("en") + sentencizer + lookup lemmatizer, ``nlp.pipe``,
  no matching (the floor any spaCy-based linter pays).

    python benchmarks/compare.py [--n 10000]
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus as C  # noqa: E402
from throughput import startup_seconds  # noqa: E402


def bare_spacy(texts) -> float:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
    list(nlp.pipe(texts[:500]))
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return time.perf_counter() - t


def tonecheck_steady(texts) -> float:
    from tonecheck.engine import Linter

    linter = Linter()
    list(linter.check_many((str(i), x) for i, x in enumerate(texts[:1200])))  # warm caches
    t = time.perf_counter()
    for _ in linter.check_many((str(i), x) for i, x in enumerate(texts)):
        pass
    return time.perf_counter() - t


def proselint_run(n: int, per_file: int = 1000) -> tuple[float, float] | None:
    exe = shutil.which("proselint")
    if exe is None:
        return None
    with C.tempdir() as d:
        files = C.write_chunks(n, d / "chunks", per_file)
        cfg = d / "proselintrc.json"
        cfg.write_text(json.dumps({"max_errors": 10 ** 9}))
        wall = C.run([exe, "--config", str(cfg), "check", *map(str, files)], check_rc=(0, 1, 2))[0]
        one = d / "one.txt"
        one.write_text("Thanks!\n")
        start = C.median(C.run([exe, "check", str(one)], check_rc=(0, 1, 2))[0] for _ in range(3))
    return wall, start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000)
    args = ap.parse_args(argv)
    n = args.n
    texts = C.library(n)
    rows = []
    s = startup_seconds()
    with C.tempdir() as d:
        lib = C.write_library_dir(n, d / "lib")
        wall = C.run(C.tonecheck_cmd("check", "--format", "json", str(lib)))[0]
    rows.append(("tonecheck check DIR (end to end)", wall, s))
    rows.append(("tonecheck Linter.check_many (in-process, warm)", tonecheck_steady(texts), 0.0))
    p = proselint_run(n)
    if p:
        rows.append(("proselint 0.16 check (1,000-reply files)", p[0], p[1]))
    rows.append(("bare spaCy pipeline (nlp.pipe, no matching)", bare_spacy(texts), 0.0))
    print(f"## Side by side ({n:,} real replies)")
    print("| tool | wall s | start-up s | replies/s | replies/s, start-up subtracted |")
    print("|---|---:|---:|---:|---:|")
    rate = {}
    for name, wall, start in rows:
        net = wall - start
        rate[name] = n / net if net > 0 else float("inf")
        print(f"| {name} | {wall:.2f} | {start:.2f} | {C.rate(n, wall)} | {C.rate(n, net)} |")
    tc = rate[rows[0][0]]
    warm = rate[rows[1][0]]
    bare = rate[rows[-1][0]]
    if p:
        pl = rate[rows[2][0]]
        print(f"tonecheck / proselint (start-up subtracted): {tc / pl:.2f}x (target >= 4x); "
              f"in-process: {warm / pl:.2f}x")
    print(f"bare spaCy / tonecheck in-process: {bare / warm:.2f}x (target <= 1.6x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
