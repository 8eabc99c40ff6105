#!/usr/bin/env python
"""Fit the positivity weights on the Stanford Politeness Corpus (Wikipedia) with
5-fold cross-validation, and write them to tonecheck/scoring/positivity_weights.json.

    python benchmarks/fit_positivity.py            # CV figures only
    python benchmarks/fit_positivity.py --write    # ... and write the weights

Features come from tonecheck's own scorer, run with every positivity signal
worth one point: for each signal, the share of the request's sentences it
occurs in (so the score stays a rate), and the mean positive and negative
lexicon polarity per sentence. Rule findings keep their hand-set points and
enter as a fixed offset. The model is the score itself:

    positivity = 50 + 1.5 x (sum of weight x feature + findings), clamped to 0-100

so 50 stays neutral (no intercept) and each weight is a signal's points.

How the weights are fitted (ridge regression, numpy/scipy only):
* target: the human Normalized Score, in points via one scale factor taken from
  the hand-set weights (so a point means what it meant before);
* the penalty pulls each weight toward its hand-set value (the literature-based
  prior in signals.py), not toward 0: signals that Wikipedia requests rarely
  use ("happy to help", ":)") keep their hand weights, common ones move with the
  data;
* every weight is bounded to the sign the politeness literature gives it
  (Danescu-Niculescu-Mizil et al. 2013; SIGNS below): where the data would flip
  a sign, the weight stops at 0;
* the penalty strength is chosen by an inner 5-fold CV inside each training
  fold (outer figures are never used to choose it); the shipped weights use
  the strength chosen by 5-fold CV on the whole file.

Outer 5-fold CV (seed 13) prints each fold's held-out Spearman, top- vs
bottom-quartile AUC and accuracy at the fixed threshold 50, then the mean,
min, max and sd over folds.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import lsq_linear
from scipy.stats import rankdata, spearmanr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
POLITENESS = ROOT.parent / "shared" / "eval" / "politeness" / "wikipedia.annotated.csv"
OUT = ROOT / "tonecheck" / "scoring" / "positivity_weights.json"
Q1, Q3 = -0.440, 0.515
SEED = 13
FOLDS = 5
LAMBDAS = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
SCALE = 1.5  # scorer.POSITIVITY_SCALE

#: Sign of each signal in the politeness literature (Danescu-Niculescu-Mizil et
#: al. 2013, Table 3, and Brown & Levinson's strategies): +1 polite, -1 impolite.
#: Weights are bounded to these signs. "negative words" is bounded positive
#: because its feature (mean negative polarity) is itself negative.
SIGNS = {
    "gratitude": 1, "deference": 1, "greeting": 1, "please": 1, "please (sentence start)": -1,
    "indirect request": 1, "direct request": 1, "hedge": 1, "apology": 1,
    "first-person start": 1, "by the way": 1, "subjunctive": 1, "emoticon": 1,
    "willingness": 1, "wishes well": 1, "ownership": 1, "acknowledges feelings": 1,
    "encouragement": 1,
    "first person": 1, "first person plural": 1, "second person": 1,
    "direct question": -1, "wh- question": -1, "direct opener": -1, "second-person start": -1,
    "factuality": -1, "negative framing": -1, "obligation": -1, "profanity or insult": -1,
    "positive words": 1, "negative words": 1,
}
#: The three apology names are one feature (one weight).
APOLOGY = ("specific apology", "apology", "formulaic apology")


# -- features ---------------------------------------------------------------------------
def probe_scorer():
    """A scorer whose every positivity signal is worth one point, so its
    signals read back as features."""
    from tonecheck.engine import get_linter
    from tonecheck.scoring.scorer import Scorer

    lint = get_linter()
    sc = Scorer(lint.pipeline.vocab, lint.pipeline.nlp.tokenizer)
    sc.pos_points = {name: 1.0 for name in sc.pos_points}
    for name in APOLOGY:
        sc.pos_points[name] = 1.0
    sc.sentiment_points = {True: 1.0, False: 1.0}
    sc.min_sentiment_points = 0.0
    return lint, sc


def feature_names():
    from tonecheck.scoring.signals import MARKERS
    from tonecheck.scoring.scorer import Scorer  # noqa: F401  (pos_points defaults)

    from tonecheck.scoring.signals import START_NAMES

    names = []
    for m in MARKERS:
        if m.positivity:
            names.append(m.name)
            if m.name in START_NAMES:
                names.append(START_NAMES[m.name])
    return names + ["positive words", "negative words"]


def hand_weights(names):
    """The hand-set points (signals.py, scorer.SENTIMENT defaults): the prior."""
    from tonecheck.scoring.signals import MARKERS, START_POINTS

    w = {m.name: m.positivity for m in MARKERS}
    w.update(START_POINTS)
    w["positive words"], w["negative words"] = 10.0, 20.0
    return np.array([w[n] for n in names])


def extract(texts):
    """(features, findings offset): features[i, j] = share of request i's
    sentences with signal j (lexicon: mean polarity per sentence); offset[i]
    = the rule findings' points per sentence."""
    lint, sc = probe_scorer()
    names = feature_names()
    col = {n: j for j, n in enumerate(names)}
    for a in APOLOGY:
        col[a] = col["apology"]
    X = np.zeros((len(texts), len(names)))
    off = np.zeros(len(texts))
    shipped, lint._score = lint._score, sc  # reports scored by the probe, as check() runs
    try:
        reports = list(lint.check_many((str(i), t) for i, t in enumerate(texts)))
    finally:
        lint._score = shipped
    for i, rep in enumerate(reports):
        for g in rep.scores.signals:
            if g.score != "positivity":
                continue
            if g.name in col:
                X[i, col[g.name]] += g.weight / SCALE
            else:  # a rule finding, at its own points
                off[i] += g.weight / SCALE
    return X, off, names


# -- model ------------------------------------------------------------------------------
def unit(X, off, y, w0):
    """Human-score units per point, from the hand-set weights (least squares
    through 0): fixes the scale so a point means what it meant before."""
    h = SCALE * (X @ w0 + off)
    return float(h @ y / (h @ h))


def fit(X, off, y, w0, lam, signs):
    """Ridge toward the prior w0, bounded to the literature signs."""
    a = unit(X, off, y, w0)
    target = y / (a * SCALE) - off
    n, k = X.shape
    # Penalty per row: lam is per 1,000 requests, so it means the same on a fold.
    r = np.sqrt(lam * n / 1000.0)
    A = np.vstack([X, r * np.eye(k)])
    b = np.concatenate([target, r * w0])
    lo = np.where(signs > 0, 0.0, -np.inf)
    hi = np.where(signs < 0, 0.0, np.inf)
    w0c = np.clip(w0, lo, hi)
    res = lsq_linear(A, b, bounds=(lo, hi), method="bvls" if k < 60 else "trf")
    return res.x if res.success else w0c


def predict(X, off, w):
    return np.clip(50.0 + SCALE * (X @ w + off), 0.0, 100.0)


def auc(scores, labels):
    r = rankdata(scores)
    pos = labels.sum()
    neg = len(labels) - pos
    return float((r[labels].sum() - pos * (pos + 1) / 2) / (pos * neg))


def evaluate(pred, y):
    q = (y >= Q3) | (y <= Q1)
    top = y[q] >= Q3
    return {"spearman": float(spearmanr(pred, y).statistic),
            "auc": auc(pred[q], top),
            "accuracy": float(np.mean((pred[q] > 50.0) == top))}


def folds(n, k=FOLDS, seed=SEED):
    idx = np.random.default_rng(seed).permutation(n)
    return [np.sort(idx[j::k]) for j in range(k)]


def choose_lambda(X, off, y, w0, signs, seed):
    best, best_rho = None, -2.0
    parts = folds(len(y), seed=seed)
    for lam in LAMBDAS:
        preds = np.zeros(len(y))
        for test in parts:
            train = np.setdiff1d(np.arange(len(y)), test)
            w = fit(X[train], off[train], y[train], w0, lam, signs)
            preds[test] = predict(X[test], off[test], w)
        rho = float(spearmanr(preds, y).statistic)
        if rho > best_rho:
            best, best_rho = lam, rho
    return best


def cross_validate(X, off, y, w0, signs, verbose=True):
    rows = []
    for j, test in enumerate(folds(len(y))):
        train = np.setdiff1d(np.arange(len(y)), test)
        lam = choose_lambda(X[train], off[train], y[train], w0, signs, seed=SEED + 1 + j)
        w = fit(X[train], off[train], y[train], w0, lam, signs)
        r = evaluate(predict(X[test], off[test], w), y[test])
        r["lambda"] = lam
        rows.append(r)
        if verbose:
            print(f"  fold {j + 1}: n={len(test)}  Spearman {r['spearman']:.3f}  AUC {r['auc']:.3f}  "
                  f"accuracy@50 {r['accuracy']:.3f}  (lambda {lam:g}, chosen by inner CV)")
    return rows


def summary(rows):
    out = {}
    for k in ("spearman", "auc", "accuracy"):
        v = np.array([r[k] for r in rows])
        out[k] = {"mean": float(v.mean()), "min": float(v.min()), "max": float(v.max()),
                  "sd": float(v.std(ddof=1))}
    return out


def print_summary(label, s):
    for k, name in (("spearman", "Spearman"), ("auc", "AUC (top vs bottom quartile)"),
                    ("accuracy", "accuracy at 50")):
        m = s[k]
        print(f"  {label} {name:<30} mean {m['mean']:.3f}  min {m['min']:.3f}  "
              f"max {m['max']:.3f}  sd {m['sd']:.3f}")


def load():
    rows = list(csv.DictReader(POLITENESS.open(encoding="utf-8")))
    return [r["Request"] for r in rows], np.array([float(r["Normalized Score"]) for r in rows])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    texts, y = load()
    X, off, names = extract(texts)
    w0 = hand_weights(names)
    signs = np.array([SIGNS[n] for n in names])
    print(f"## Positivity fit: Stanford Politeness Corpus (Wikipedia), n={len(y)}, "
          f"{len(names)} signals, {FOLDS}-fold CV (seed {SEED})")
    print("  hand-set weights (the prior), same folds:")
    hand = [evaluate(predict(X[t], off[t], w0), y[t]) for t in folds(len(y))]
    print_summary("hand  ", summary(hand))
    print("  fitted:")
    rows = cross_validate(X, off, y, w0, signs)
    s = summary(rows)
    print_summary("fitted", s)
    lam = choose_lambda(X, off, y, w0, signs, seed=SEED)
    w = fit(X, off, y, w0, lam, signs)
    whole = evaluate(predict(X, off, w), y)
    print(f"  whole file, tuned on (not a held-out figure): Spearman {whole['spearman']:.3f}  "
          f"AUC {whole['auc']:.3f}  accuracy@50 {whole['accuracy']:.3f}  (lambda {lam:g})")
    print(f"  {'signal':<26} {'hand':>6} {'fitted':>7} {'share of requests':>18}")
    for n, a, b, f in zip(names, w0, w, (X != 0).mean(axis=0)):
        flag = "  (at the sign bound)" if abs(b) < 1e-9 and abs(a) > 0 else ""
        print(f"  {n:<26} {a:6.1f} {b:7.2f} {f:17.1%}{flag}")
    if args.write:
        markers = {n: round(float(v), 2) for n, v in zip(names, w)
                   if n not in ("positive words", "negative words")}
        for a in APOLOGY:
            markers[a] = markers["apology"]
        data = {
            "about": "Positivity points per sentence for each signal, fitted by "
                     "benchmarks/fit_positivity.py (ridge toward the hand-set weights, bounded "
                     "to the politeness literature's signs) on the Stanford Politeness Corpus "
                     "(Wikipedia). See docs/scores.md.",
            "fit": {"n": len(y), "folds": FOLDS, "seed": SEED, "lambda": lam,
                    "cv": s, "whole_file_tuned_on": whole},
            "markers": markers,
            "sentiment": {"positive": round(float(w[names.index("positive words")]), 2),
                          "negative": round(float(w[names.index("negative words")]), 2)},
        }
        OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"  wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
