#!/usr/bin/env python
"""Make the regex sifting's tests for the bundled pack ahead, and write them
to tonecheck/rules/sifting_tests.json.

    python benchmarks/sifting_tests.py            # how many, and whether the file is current
    python benchmarks/sifting_tests.py --write    # ... and write the file

Reading a pattern's tests (tonecheck/rules/sifting.py: the words and literal
strings its matches hold) takes Python's parser about 1.5 ms a pattern. A run
keeps them in its cache; a run with an empty cache (a fresh install, a CI
runner, a home it cannot write) reads the bundled pack's from this file
instead. The file carries a digest of the code that makes the tests and is
read only where it matches, so a stale file costs time, never a finding
(tests/test_sifting.py says when it is stale). A regex added since the file
was made is read from its pattern.
"""
from __future__ import annotations

import argparse
import json
import sys


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    from tonecheck.engine import Linter
    from tonecheck.rules import sifting

    linter = Linter(scores=False, warm=False)
    made = sifting.made_tests(linter.index.regex_filter.patterns)
    try:
        current = json.loads(sifting.SHIPPED.read_text(encoding="utf-8")) == made
    except (OSError, ValueError):
        current = False
    print(f"{len(made['tests'])} regexes of the bundled pack; {sifting.SHIPPED.name} is "
          f"{'current' if current else 'stale or missing'}")
    if args.write:
        sifting.SHIPPED.write_text(json.dumps(made, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {sifting.SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
