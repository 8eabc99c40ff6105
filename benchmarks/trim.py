#!/usr/bin/env python
"""What a smaller default pack would save in speed and cost in judgement.

    python benchmarks/trim.py [--against REV] [--drop ID[,ID...]]... [--runs 2] [--passes 5]

The speed criterion of issue 7 (one reply within 10% of a294e1e's table)
and its judgement criteria pull against each other: the rules that find most
of the must-change wording are the ones a reply pays for. This prints both
sides for a few trims of the default pack, so that the choice between a
smaller pack and a table measured with today's pack is made on figures:

- the default pack as it ships;
- without the sentence model (the rules that extend ``classifier``);
- without the whole-text regexes (each rule's ``regex:`` list left out, its
  phrases, patterns and context kept; a rule with nothing else is left out);
- without either;
- one more variant per ``--drop`` (rule ids, comma-separated).

Each variant is a copy of the default pack (``rules/``) in a temporary folder that a
fresh process reads as its default pack. Judgement: precision of warnings
and must-recall at any severity, pooled over the held-out gold sets as
``benchmarks/precision.py`` pools them (figures only; the sets were never
tuned on, and nothing here tunes). Speed: each reply's fastest ``tonecheck.check()`` of
``--passes`` warm passes in each of ``--runs`` processes per variant, the
variants in turn, as ``by_findings.py`` takes them; with ``--against REV``
that commit is timed in turn too, and each variant's change is shown
against it (the criterion's 10%).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus as C  # noqa: E402

from tonecheck.rules.loader import default_pack_path  # noqa: E402

#: Runs in a fresh process of a tree, with this tree's benchmarks first on the
#: path; {pack} is the folder read as the default pack (None: the tree's own).
#: Prints each reply's fastest time (us).
_TIMES = """
import json, sys
sys.path.insert(0, {bench!r})
from pathlib import Path
pack = {pack!r}
if pack:
    import tonecheck.rules.loader as L
    L.default_pack_path = lambda: Path(pack)
import _corpus as C
from tonecheck import check
texts = C.replies()
check("warm up")
for text in texts:
    check(text)
print(json.dumps(C.fastest_per_reply(check, texts, {passes})))
"""

#: Held-out judgement with {pack} as the default pack: one JSON line, the
#: rules' number and (precision, must-recall) of each of precision.py's pools.
_JUDGED = """
import json, sys
sys.path.insert(0, "benchmarks")
from pathlib import Path
import tonecheck.rules.loader as L
L.default_pack_path = lambda: Path({pack!r})
import precision as P
from tonecheck.engine import get_linter
held_out = {{}}
for name, path, tuned in P.DRAFT_SETS:
    if not tuned and path.exists():
        texts, gold = P.read_drafts(path)
        held_out[name] = (len(texts), P.evaluate_drafts(texts, gold, name in P.TEMPLATE_SETS))
pools = [[label, r.precision, r.recall] for label, _n, r in P.pooled(held_out)]
print(json.dumps({{"rules": len(get_linter().ruleset.rules), "pools": pools}}))
"""

#: The keys that give an existence rule something to match besides ``regex``.
_MATCHERS = ("phrases", "patterns", "match")


def trimmed(rules: list[dict], drop: frozenset[str] = frozenset(), model: bool = True,
            regexes: bool = True) -> list[dict]:
    """``rules`` (one pack file's) without the ids in ``drop``, without the
    sentence model unless ``model``, and without each rule's ``regex`` list
    unless ``regexes`` (a rule left with nothing to match is left out)."""
    out = []
    for rule in rules:
        if rule.get("id") in drop or (not model and rule.get("extends") == "classifier"):
            continue
        if not regexes and "regex" in rule:
            rule = {k: v for k, v in rule.items() if k != "regex"}
            if not any(k in rule for k in _MATCHERS):
                continue
        out.append(rule)
    return out


_RULE_FILES = (".yml", ".yaml")


def _rules_of(path: Path) -> list[dict]:
    """The rules of one pack file (a list, or ``{rules: [...]}``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["rules"] if isinstance(data, dict) else data


def pack_rules() -> list[dict]:
    """Every rule of the default pack, file by file."""
    return [rule for path in sorted(default_pack_path().rglob("*"))
            if path.suffix in _RULE_FILES for rule in _rules_of(path)]


def write_pack(root: Path, **trim) -> Path:
    """A copy of the default pack under ``root``, trimmed as :func:`trimmed` says."""
    source = default_pack_path()
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        copy = root / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in _RULE_FILES:
            copy.write_text(yaml.safe_dump({"rules": trimmed(_rules_of(path), **trim)},
                                           sort_keys=False, allow_unicode=True, width=100),
                            encoding="utf-8")
        else:  # the sentence model's weights, read beside its rule
            shutil.copyfile(path, copy)
    return root


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def _pct(x: float) -> str:
    return "n/a" if x != x else f"{x:.3f}"  # (nan: nothing to count)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", metavar="REV",
                    help="also time this commit, in turn, and show each variant against it")
    ap.add_argument("--drop", action="append", default=[], metavar="ID[,ID...]",
                    help="one more variant without these rules (repeatable)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args(argv)
    variants = [("the default pack", {}),
                ("without the sentence model", {"model": False}),
                ("without the whole-text regexes", {"regexes": False}),
                ("without either", {"model": False, "regexes": False})]
    known = {rule["id"] for rule in pack_rules()}
    for ids in args.drop:
        drop = frozenset(i.strip() for i in ids.split(",") if i.strip())
        unknown = sorted(drop - known)
        if not drop:
            ap.error(f"--drop {ids!r} names no rule")
        if unknown:
            ap.error(f"--drop {ids!r}: no rule {', '.join(unknown)} in the default pack")
        variants.append((f"without {ids}", {"drop": drop}))
    with C.tempdir() as tmp:
        os.environ["TONECHECK_CACHE_DIR"] = str(tmp / "cache")  # (inherited by the processes)
        packs = [write_pack(tmp / f"pack{k}", **trim) for k, (_label, trim) in enumerate(variants)]
        judged = [json.loads(C.python_in(C.REPO, _JUDGED.format(pack=str(p)))) for p in packs]
        trees = [(C.REPO, str(p)) for p in packs]
        with (C.checked_out(args.against) if args.against else contextlib.nullcontext()) as then:
            if then is not None:
                trees.append((then, None))
            times: list[list[list[float]]] = [[] for _ in trees]
            for run in range(args.runs):
                order = list(range(len(trees)))
                for k in (order if run % 2 == 0 else order[::-1]):
                    tree, pack = trees[k]
                    code = _TIMES.format(bench=str(C.REPO / "benchmarks"), pack=pack,
                                         passes=args.passes)
                    times[k].append(json.loads(C.python_in(tree, code)))
                print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    best = [[min(t) for t in zip(*runs)] for runs in times]
    base = best[-1] if args.against else best[0]
    against = args.against or "the default pack"
    print("## A smaller default pack: judgement and one reply's speed")
    print(f"Machine: {C.machine()}. Judgement pooled over the held-out gold sets as "
          "precision.py pools them (precision of warnings / must-recall at any severity). "
          "Speed: each reply's fastest "
          f"`tonecheck.check()` of {args.passes} warm passes in each of {args.runs} processes "
          f"per variant, us; changes against {against}.")
    labels = [label for label, _p, _r in judged[0]["pools"]]
    print("| pack | rules | " + " | ".join(labels) + " | p50 | change | p99 | change | mean change |")
    print("|---|---:|" + "---:|" * len(labels) + "---:|---:|---:|---:|---:|")
    rows = [(label, judged[k], best[k]) for k, (label, _trim) in enumerate(variants)]
    if args.against:
        rows.append((args.against, None, best[-1]))
    for label, judge, reply_times in rows:
        cells = [label, str(judge["rules"]) if judge else ""]
        cells += ([f"{_pct(p)} / {_pct(r)}" for _label, p, r in judge["pools"]] if judge
                  else [""] * len(labels))
        for q in (0.5, 0.99):
            x, y = _quantile(base, q), _quantile(reply_times, q)
            cells += [f"{y:,.0f}", f"{(y / x - 1) * 100:+.1f}%"]
        cells.append(f"{(sum(reply_times) / sum(base) - 1) * 100:+.1f}%")
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
