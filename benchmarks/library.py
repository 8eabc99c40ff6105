#!/usr/bin/env python
"""One export vs many files: replies/s of ``tonecheck check`` on a library of
N replies held in one Zendesk-shaped JSON macros export, against the same
replies as N one-reply .txt files in a folder (the goal: the export at no
less than 80% of the folder's rate).

The replies are ``../shared/eval/support-replies/agent_turns.csv``
(``agent_text``), repeated to N. Both runs are end to end (process start,
pipeline, reading, checking, JSON output to /dev/null), same options; best
of ``--repeat`` wall times.

    python benchmarks/library.py [--n 10000] [--repeat 3] [--jobs N]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus as C  # noqa: E402


def write_export(texts: list[str], path: Path) -> Path:
    """The replies as a Zendesk macros export: one macro each, with a status
    action beside the comment (as real exports have), pretty-printed."""
    macros = [{"id": 360000000 + i, "title": f"Macro {i + 1}", "active": True,
               "actions": [{"field": "status", "value": "pending"},
                           {"field": "comment_value", "value": text}]}
              for i, text in enumerate(texts)]
    path.write_text(json.dumps({"macros": macros, "count": len(macros)}, indent=2,
                               ensure_ascii=False), encoding="utf-8")
    return path


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its workers)."""
    import resource
    import subprocess
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", default=None, help="passed to --jobs (default: tonecheck's)")
    args = ap.parse_args(argv)
    jobs = ["--jobs", args.jobs] if args.jobs else []
    texts = C.library(args.n)
    with C.tempdir() as d:
        folder = C.write_library_dir(args.n, d / "replies")
        export = write_export(texts, d / "macros.json")
        common = ["check", "--format", "json", "--fail-on", "never", *jobs]
        # interleaved, so a burst of load elsewhere hits both alike
        dir_runs, json_runs = [], []
        for _ in range(args.repeat):
            dir_runs.append(timed(C.tonecheck_cmd(*common, str(folder))))
            json_runs.append(timed(C.tonecheck_cmd(*common, str(export))))
        size = export.stat().st_size
    t_dir, c_dir = min(w for w, _ in dir_runs), min(c for _, c in dir_runs)
    t_json, c_json = min(w for w, _ in json_runs), min(c for _, c in json_runs)
    print(f"machine: {C.machine()}")
    print(f"{args.n:,} replies, best of {args.repeat}, end to end"
          f"{' ' + ' '.join(jobs) if jobs else ''}; wall time, then CPU time (all processes)")
    print(f"  folder of .txt files     {t_dir:6.2f} s {C.rate(args.n, t_dir):>7} replies/s"
          f"   cpu {c_dir:6.2f} s {C.rate(args.n, c_dir):>7} replies/s")
    print(f"  one Zendesk JSON export  {t_json:6.2f} s {C.rate(args.n, t_json):>7} replies/s"
          f"   cpu {c_json:6.2f} s {C.rate(args.n, c_json):>7} replies/s  ({size / 1e6:.1f} MB)")
    print(f"  export / folder          {t_dir / t_json:6.0%} wall, {c_dir / c_json:.0%} cpu"
          f"  (goal: >= 80%)")


if __name__ == "__main__":
    main()
