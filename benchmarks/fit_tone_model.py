#!/usr/bin/env python
"""Fit the sentence model of rules/default/tone.yml (``extends: classifier``)
and write its weights to rules/default/tone-model.json.

    python benchmarks/fit_tone_model.py            # grouped cross-validation only
    python benchmarks/fit_tone_model.py --write    # ... and write the weights

What it learns: whether a support lead marked ``must`` wording in a
sentence (benchmarks/gold/GUIDELINES.md). The examples are every sentence of
the gold sets that may be tuned on (``_TUNED`` in precision.py; held-out sets
are never read) and of the 1,139 real agent replies of
../shared/eval/support-replies (both halves are tuned on; their sentences
weigh ``--real-weight`` times as much, so that the written sets' style does
not pass for the fault: a real queue is mostly fine replies).

Features are the rule's own (tonecheck/rules/classifier.py), read from the
docs the linter makes: each word's lemma and each pair of neighbouring
lemmas, counted. A feature is kept when it occurs in at least ``--min-count``
sentences of at least ``--min-sources`` sets (the real replies count as one
set), so no set's private wording is learnt. The model is an L2-regularised
logistic regression fitted by Adam over the whole data (numpy only).

Cross-validation groups whole sets: five folds of the written sets, each
fold's sets left out of fitting (the real replies stay in). For each fold it
prints, at the rule's threshold, the share of flagged sentences with gold
wording of either level and how many of the fold's sentences with ``must``
wording that no rule finds the model flags (sentences another rule found
something in are left out: near what the rule does, which drops a finding
that overlaps another rule's). Then each half of the real replies, read by a
model fitted without it. Replies and macro libraries are also given apart
(the shipped rule reads no templates: on macros its flags were mostly
unmarked). The rules were tuned on these sets, so what is left
to find is the hardest wording; docs/rules-model.md gives figures on sets
neither had seen. ``--without`` leaves sets out, to read them afterwards.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import precision as P  # noqa: E402
from tonecheck.rules.classifier import FORMAT, feature_counts, sentence_keys  # noqa: E402

OUT = ROOT / "rules" / "default" / "tone-model.json"
SEED = 13


class Sentence:
    __slots__ = ("source", "key", "start", "end", "features", "must", "marked", "ruled")

    def __init__(self, source, key, start, end, features, must, marked, ruled):
        self.source, self.key, self.start, self.end = source, key, start, end
        self.features, self.must, self.marked, self.ruled = features, must, marked, ruled


def read_sources(without: frozenset[str] = frozenset()):
    """(source name, [(key, text, gold spans, templates?)]) of every tunable
    set but those ``without``."""
    sources = []
    for name, path, tuned in P.DRAFT_SETS:
        if not tuned or not path.exists() or name in without:
            continue
        texts, gold = P.read_drafts(path)
        templates = name in P.TEMPLATE_SETS
        sources.append((name, [(k, t, gold.get(k, []), templates) for k, t in texts.items()]))
    texts, splits = P.read_replies()
    gold, read = P.read_gold()
    for half in P.HALVES:
        sources.append((f"real:{half}", [(row, texts[row], gold.get(row, []), False)
                                         for row in sorted(read) if splits[row] == half]))
    return sources


def _set_of(source: str) -> str:
    """The set a source belongs to (the real replies' halves are one set)."""
    return source.partition(":")[0]


def sentences(sources) -> list[Sentence]:
    """Every sentence of every text, with its features, its label and
    whether another rule found something in it."""
    from tonecheck.engine import _annotate, get_linter
    from tonecheck.nlp import token_table

    linter = get_linter()
    strings = linter.pipeline.vocab.strings
    out = []
    for name, items in sources:
        for key, text, spans, tmpl in items:
            # What check_text does, keeping the doc: its sentences and the
            # report's findings come from one pass.
            doc_input, item = linter._prepare((str(key), text, tmpl))
            doc = linter.pipeline.run(doc_input)
            _annotate(doc, item)
            report = next(linter._batch_reports([(doc, item)]))
            offsets = item[3]
            table = token_table(doc)
            others = [(f.start, f.end) for f in report.findings if f.rule != P.MODEL_RULE]
            starts = table.starts + [len(doc)]
            for s, e in zip(starts, starts[1:]):
                keys = sentence_keys(strings, table, s, e)
                if not keys:
                    continue
                a, b = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
                if offsets is not None:
                    a, b = offsets.span(a, b)
                feats = feature_counts(strings, keys)
                must = any(sp.level == "must" and P.overlaps(a, b, sp.start, sp.end)
                           for sp in spans)
                marked = any(P.overlaps(a, b, sp.start, sp.end) for sp in spans)
                ruled = any(P.overlaps(a, b, x, y) for x, y in others)
                out.append(Sentence(name, key, a, b, feats, must, marked, ruled))
    return out


def vocabulary(train: list[Sentence], min_count: int, min_sources: int) -> dict[str, int]:
    count: Counter = Counter()
    where: dict[str, set] = defaultdict(set)
    for s in train:
        for f in s.features:
            count[f] += 1
            where[f].add(_set_of(s.source))
    kept = sorted(f for f, n in count.items() if n >= min_count and len(where[f]) >= min_sources)
    return {f: i for i, f in enumerate(kept)}


def _design(rows: list[Sentence], vocab: dict[str, int]):
    idx, seg = [], []
    for r, s in enumerate(rows):
        for f, n in s.features.items():
            i = vocab.get(f)
            if i is not None:
                idx.extend([i] * n)
                seg.extend([r] * n)
    return np.array(idx, dtype=np.int64), np.array(seg, dtype=np.int64)


def fit(rows, vocab, real_weight: float, l2: float, steps: int = 500):
    """Weights and bias of the L2-regularised logistic regression (Adam)."""
    idx, seg = _design(rows, vocab)
    y = np.array([s.must for s in rows], dtype=float)
    sw = np.array([real_weight if _set_of(s.source) == "real" else 1.0 for s in rows])
    n, total = len(rows), sw.sum()
    w = np.zeros(len(vocab))
    m, v = np.zeros_like(w), np.zeros_like(w)
    b = 0.0
    for t in range(1, steps + 1):
        z = np.bincount(seg, weights=w[idx], minlength=n) + b
        r = (1 / (1 + np.exp(-z)) - y) * sw
        g = np.bincount(idx, weights=r[seg], minlength=len(w)) / total + l2 * w
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= 0.05 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        b -= 0.5 * r.sum() / total
    return w, b


def probabilities(rows, vocab, w, b):
    idx, seg = _design(rows, vocab)
    return 1 / (1 + np.exp(-(np.bincount(seg, weights=w[idx], minlength=len(rows)) + b)))


def threshold_of_rule() -> float:
    import yaml

    for rule in yaml.safe_load((ROOT / "rules" / "default" / "tone.yml").read_text())["rules"]:
        if rule["id"] == P.MODEL_RULE:
            return float(rule["threshold"])
    raise SystemExit(f"{P.MODEL_RULE} not found in rules/default/tone.yml")


def cross_validate(rows, args, threshold: float) -> None:
    names = sorted({s.source for s in rows if _set_of(s.source) != "real"})
    rng = np.random.default_rng(SEED)
    order = list(rng.permutation(names))
    folds = [set(order[k::5]) for k in range(5)]
    print(f"grouped 5-fold CV over {len(names)} written sets (real replies always fitted), "
          f"threshold {threshold:g}")
    print(f"{'fold':>4} {'sets':>4} {'flags':>6} {'marked':>7} {'must':>5} {'rules miss':>10} "
          f"{'model finds':>11}")
    tot = Counter()
    by_kind: Counter = Counter()  # replies against macro libraries (the templates: key)
    for k, held in enumerate(folds):
        train = [s for s in rows if s.source not in held]
        test = [s for s in rows if s.source in held]
        vocab = vocabulary(train, args.min_count, args.min_sources)
        w, b = fit(train, vocab, args.real_weight, args.l2)
        p = probabilities(test, vocab, w, b)
        flagged = [s for s, q in zip(test, p) if q >= threshold and not s.ruled]
        marked = sum(s.marked for s in flagged)
        must = sum(s.must for s in test)
        missed = [s for s in test if s.must and not s.ruled]
        found = sum(1 for s, q in zip(test, p) if s.must and not s.ruled and q >= threshold)
        tot.update(flags=len(flagged), marked=marked, must=must, missed=len(missed), found=found)
        for s_, q in zip(test, p):
            kind = "macros" if s_.source in P.TEMPLATE_SETS else "replies"
            if q >= threshold and not s_.ruled:
                by_kind[kind, "flags"] += 1
                by_kind[kind, "marked"] += s_.marked
            if s_.must and not s_.ruled:
                by_kind[kind, "missed"] += 1
                by_kind[kind, "found"] += q >= threshold
        print(f"{k:>4} {len(held):>4} {len(flagged):>6} {marked / max(1, len(flagged)):>7.3f} "
              f"{must:>5} {len(missed):>10} {found:>11}")
    print(f" all {len(names):>4} {tot['flags']:>6} {tot['marked'] / max(1, tot['flags']):>7.3f} "
          f"{tot['must']:>5} {tot['missed']:>10} {tot['found']:>11}")
    print("(counts are sentences: 'marked' is the share of flagged sentences holding gold wording "
          "of either level; 'rules miss' the sentences with must wording no rule found in)")
    for kind in ("replies", "macros"):
        flags = by_kind[kind, "flags"]
        print(f"  {kind}: {flags} flags, {by_kind[kind, 'marked'] / max(1, flags):.2f} marked; "
              f"finds {by_kind[kind, 'found']} of {by_kind[kind, 'missed']} must sentences no "
              "rule finds")
    # The real replies: each half read by a model fitted without it.
    for half in P.HALVES:
        held = f"real:{half}"
        train = [s for s in rows if s.source != held]
        test = [s for s in rows if s.source == held]
        vocab = vocabulary(train, args.min_count, args.min_sources)
        w, b = fit(train, vocab, args.real_weight, args.l2)
        flagged = [s for s, q in zip(test, probabilities(test, vocab, w, b))
                   if q >= threshold and not s.ruled]
        replies = len({s.key for s in test})
        print(f"real replies, {half} half read by a model fitted without it: {len(flagged)} "
              f"sentences flagged in {len({s.key for s in flagged})} of {replies} replies, "
              f"{sum(s.marked for s in flagged)} of them holding gold wording")


def write(rows, args, out: Path) -> None:
    vocab = vocabulary(rows, args.min_count, args.min_sources)
    w, b = fit(rows, vocab, args.real_weight, args.l2)
    uni, bi = {}, {}
    for f, i in vocab.items():
        if abs(w[i]) < args.prune:
            continue
        (uni if f.startswith("u:") else bi)[f[2:]] = round(float(w[i]), 4)
    sets = sorted({s.source for s in rows if _set_of(s.source) != "real"})
    data = {
        "format": FORMAT,
        "about": (f"Fitted by benchmarks/fit_tone_model.py on {len(sets)} tunable gold sets and "
                  f"the real agent replies (weight {args.real_weight:g}): L2 {args.l2:g}, "
                  f"features in >= {args.min_count} sentences of >= {args.min_sources} sets, "
                  f"|weight| >= {args.prune:g} kept."),
        "sets": sets,
        "bias": round(float(b), 4),
        "unigrams": dict(sorted(uni.items())),
        "bigrams": dict(sorted(bi.items())),
    }
    out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(uni)} unigrams, {len(bi)} bigrams, bias {b:.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="write the weights")
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    ap.add_argument("--real-weight", type=float, default=10.0)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--min-sources", type=int, default=3)
    ap.add_argument("--prune", type=float, default=0.05)
    ap.add_argument("--without", default="", metavar="SETS",
                    help="leave these sets out (comma-separated names such as drafts-rs), to "
                         "read them afterwards with weights that never saw them")
    ap.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    args = ap.parse_args(argv)
    without = frozenset(filter(None, args.without.split(",")))
    rows = sentences(read_sources(without))
    print(f"{len(rows)} sentences, {sum(s.must for s in rows)} with must wording")
    if not args.no_cv:
        cross_validate(rows, args, threshold_of_rule())
    if args.write:
        write(rows, args, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
