#!/usr/bin/env python
"""Measure how common each word is in real support replies, and write the
common ones to tonecheck/rules/word_rates.json and text_word_rates.json.

    python benchmarks/word_rates.py            # print the commonest words
    python benchmarks/word_rates.py --write    # ... and write the table

The shared matchers run each token pattern only where its gate (its rarest
words) is found (tonecheck/rules/index.py). Which words are rare is read from
this table: the share of the 1,139 real agent replies in
``../shared/eval/support-replies/agent_turns.csv`` that hold the word, by
lowercased form and by lemma (the token table's columns). Words in fewer
than 1% of replies are left out: the index takes them as rare. The regex
sifting's words and pairs of words (tonecheck/rules/words.py: runs of ASCII
letters, so "it's" holds "it" and "s"; @handles left out) go to
text_word_rates.json down to 0.2% of replies (three of them), since the
sifting opens many patterns by pairs, most of them rarer than 1%. The tables
decide only how much checking costs; a gate never changes a finding
(tests/test_index_prefilter.py).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus as C  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tonecheck" / "rules" / "word_rates.json"
TEXT_OUT = OUT.with_name("text_word_rates.json")
MIN_RATE, MIN_TEXT_RATE = 0.01, 0.002


def _handle(word: str) -> bool:
    """An @handle or a signature's initials ("^JT"): this corpus's, not words."""
    return word[:1] in "@^"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    from tonecheck.engine import Linter

    with C.CSV.open(newline="", encoding="utf-8") as f:
        texts = [row["agent_text"] for row in csv.DictReader(f)]
    pipeline = Linter(scores=False).pipeline
    from tonecheck.rules.words import text_words

    counts = {"lower": Counter(), "lemma": Counter(), "word": Counter()}
    for text, doc in zip(texts, pipeline.pipe(texts)):
        counts["lower"].update({t.lower_ for t in doc})
        counts["lemma"].update({t.lemma_ for t in doc})
        counts["word"].update(text_words(" ".join(w for w in text.split() if not _handle(w))))
    table = {attr: {w: round(n / len(texts), 3) for w, n in sorted(c.items(), key=lambda x: (-x[1], x[0]))
                    if n / len(texts) >= MIN_RATE and w.strip() and not _handle(w)}
             for attr, c in counts.items() if attr != "word"}
    commonest = sorted(counts["word"].items(), key=lambda x: (-x[1], x[0]))
    text_table = {w: round(n / len(texts), 4) for w, n in commonest if n / len(texts) >= MIN_TEXT_RATE}
    for attr, rates in [*table.items(), ("sifting words", text_table)]:
        floor = MIN_TEXT_RATE if attr == "sifting words" else MIN_RATE
        print(f"{attr}: {len(rates)} in at least {floor:.1%} of {len(texts):,} replies; "
              "commonest: " + ", ".join(f"{w!r} {r:.2f}" for w, r in list(rates.items())[:15]))
    if args.write:
        OUT.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                       encoding="utf-8")
        TEXT_OUT.write_text(json.dumps(text_table, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                            encoding="utf-8")
        print(f"wrote {OUT} and {TEXT_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
