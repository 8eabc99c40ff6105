#!/usr/bin/env python
"""Every tonecheck benchmark in one run; prints Markdown and, with --write,
saves it to benchmarks/results.md with the date and machine.

    python benchmarks/run_all.py            # full: 10k/50k replies, scaling to 100k (~10 min)
    python benchmarks/run_all.py --quick    # 2k replies, scaling to 10k (~2 min)
    python benchmarks/run_all.py --write    # also update benchmarks/results.md
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import _corpus as C  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    import compare
    import latency
    import scaling
    import throughput

    if args.quick:
        steps = [(throughput.main, ["--n", "2000"]), (latency.main, ["--repeat", "3"]),
                 (compare.main, ["--n", "2000"]),
                 (scaling.main, ["--sizes", "1000,10000", "--jobs-n", "10000"])]
    else:
        steps = [(throughput.main, ["--n", "10000"]), (throughput.main, ["--n", "50000", "--no-cli"]),
                 (latency.main, ["--repeat", "7"]), (compare.main, ["--n", "10000"]),
                 (compare.main, ["--n", "50000"]),
                 (scaling.main, ["--sizes", "1000,10000,100000", "--jobs-n", "10000"])]
    buf = io.StringIO()
    head = (f"# tonecheck benchmark results\n\n{dt.datetime.now():%Y-%m-%d %H:%M}, "
            f"`python benchmarks/run_all.py{' --quick' if args.quick else ''}`.\n"
            f"Machine: {C.machine()}; load average before the run: "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.\n")
    print(head)
    buf.write(head + "\n")
    for fn, a in steps:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            fn(a)
        print(out.getvalue())
        buf.write(out.getvalue() + "\n")
    if args.write:
        (HERE / "results.md").write_text(buf.getvalue(), encoding="utf-8")
        print(f"wrote {HERE / 'results.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
