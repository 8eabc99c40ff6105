#!/usr/bin/env python
"""Hook latency: wall time of one-shot commands (median of --repeat runs, warm
page cache), whether they import spaCy, and a cold attempt (drop_caches, root only).

    python benchmarks/latency.py [--repeat 7]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus as C  # noqa: E402

DRAFT = ("Hi Sam, thanks for reaching out. Unfortunately we cannot refund this order. "
         "No problem, just send us the receipt. I understand how frustrating this must be. "
         "Let me check with the team and get back to you today.\n")
PROBE = ("import sys\nfrom tonecheck.cli import main\nsys.argv=['tonecheck',*sys.argv[1:]]\n"
         "try:\n main()\nexcept SystemExit:\n pass\n"
         "print('SPACY' if 'spacy' in sys.modules else 'NOSPACY', file=sys.stderr)\n")


def imports_spacy(args) -> bool:
    p = subprocess.run([C.PYTHON, "-c", PROBE, *args], capture_output=True, text=True)
    return "NOSPACY" not in p.stderr


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=False)
        with open("/proc/sys/vm/drop_caches", "w") as fh:
            fh.write("3\n")
        return True
    except OSError:
        return False


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    with C.tempdir() as d:
        draft = d / "draft.txt"
        draft.write_text(DRAFT)
        cases = [
            ("tonecheck --help", ["--help"], 0.1),
            ("tonecheck rules list", ["rules", "list"], 0.1),
            ("tonecheck check draft.txt (5 sentences)", ["check", "--no-color", str(draft)], 0.6),
            ("tonecheck check --no-scores draft.txt", ["check", "--no-scores", str(draft)], None),
        ]
        print("## Hook latency (median wall time, warm)")
        print("| command | median s | min s | max s | target s | imports spaCy |")
        print("|---|---:|---:|---:|---:|---|")
        for name, a, target in cases:
            times = [C.run(C.tonecheck_cmd(*a))[0] for _ in range(args.repeat)]
            tgt = f"{target}" if target else "-"
            print(f"| `{name}` | {C.median(times):.3f} | {min(times):.3f} | {max(times):.3f} | "
                  f"{tgt} | {'yes' if imports_spacy(a) else 'no'} |")
        ok = drop_caches()
        if ok:
            cold = C.run(C.tonecheck_cmd("check", "--no-color", str(draft)))[0]
            print(f"cold (after sync; echo 3 > /proc/sys/vm/drop_caches): check draft {cold:.3f} s")
        else:
            print("cold: could not drop the page cache (needs root); not measured")
        base = C.median(C.run([C.PYTHON, "-c", "pass"])[0] for _ in range(5))
        sp = C.median(C.run([C.PYTHON, "-c", "import spacy"])[0] for _ in range(5))
        print(f"floor: python start {base:.3f} s; python + import spacy {sp:.3f} s")
    warm_api()
    return 0


def warm_api() -> None:
    """Per-reply latency once the linter is built: what a warm process (a
    mail-client plugin calling ``tonecheck.check``, or a future ``serve``)
    pays for each reply, before any transport."""
    import time

    from tonecheck import check

    check("warm up")
    times = []
    for text in C.replies():
        start = time.perf_counter()
        check(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"warm in-process `tonecheck.check()` per reply ({len(times):,} real replies): "
          f"p50 {times[len(times) // 2]:.2f} ms, p99 {times[int(len(times) * 0.99)]:.2f} ms, "
          f"max {times[-1]:.2f} ms (serve targets: p50 <= 2 ms, p99 <= 10 ms end to end)")


if __name__ == "__main__":
    sys.exit(main())
