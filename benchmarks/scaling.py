#!/usr/bin/env python
"""Scaling and memory: ``tonecheck check DIR`` over libraries of growing size
(wall time, replies/s, peak RSS, text vs json output), and --jobs 1 vs 2.

    python benchmarks/scaling.py [--sizes 1000,10000,100000] [--jobs-n 10000]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus as C  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--jobs-n", type=int, default=10000)
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    print("## Scaling and memory (tonecheck check DIR, one reply per .txt file)")
    print("| replies | format | wall s | replies/s | us/reply over the smallest | peak RSS MB |")
    print("|---:|---|---:|---:|---:|---:|")
    first = None
    with C.tempdir() as d:
        for n in sizes:
            lib = C.write_library_dir(n, d / f"lib{n}")
            for fmt in ("json", "text"):
                wall, rss = C.measure_rss(C.tonecheck_cmd("check", "--no-color", "--format", fmt,
                                                          str(lib)))
                marg = ""
                if fmt == "json":
                    if first is None:
                        first = (n, wall)
                    elif n > first[0]:
                        marg = f"{(wall - first[1]) / (n - first[0]) * 1e6:.0f}"
                print(f"| {n:,} | {fmt} | {wall:.2f} | {C.rate(n, wall)} | {marg} | {rss:.0f} |")
            if n != args.jobs_n:
                import shutil
                shutil.rmtree(lib)
        n = args.jobs_n
        lib = d / f"lib{n}"
        if not lib.exists():
            C.write_library_dir(n, lib)
        print(f"\n## --jobs on {os.cpu_count()} cores ({n:,} replies, --format json)")
        print("| jobs | wall s | replies/s | peak RSS MB (parent) |")
        print("|---:|---:|---:|---:|")
        for jobs in (1, 2, 1, 2):
            wall, rss = C.measure_rss(C.tonecheck_cmd("check", "--format", "json", "-j", str(jobs),
                                                      str(lib)))
            print(f"| {jobs} | {wall:.2f} | {C.rate(n, wall)} | {rss:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
