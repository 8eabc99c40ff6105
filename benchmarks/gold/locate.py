"""Turn labelling notes into gold spans (ids and offsets, no text).

    python benchmarks/gold/locate.py NOTES.tsv > benchmarks/gold/agent_turns_PART.csv

NOTES.tsv is the labeller's scratch file, kept outside the repo because it
quotes the replies. One span a line, tab-separated:

    row  level  family  quoted words  [occurrence]

``row`` is the 0-based data row of ../shared/eval/support-replies/agent_turns.csv,
``level`` is ``must`` or ``could``, ``family`` a short tag from GUIDELINES.md,
``quoted words`` the exact words of the reply to be reworded (case-insensitive),
and ``occurrence`` (1-based, default 1) which one when they occur more than once.
A line ``row  none`` records a reply read with nothing to mark. Lines starting
with ``#`` are comments. Prints ``row,start,end,level,family`` rows; a quote
that is not found is reported on stderr and the exit code is 1.

    python benchmarks/gold/locate.py --saved NOTES.tsv > benchmarks/gold/saved_replies.csv

does the same for the saved-reply libraries in ../shared/eval/saved-replies/:
the first column is a file's name instead of a row, the occurrence counts
through the whole file, and ``file  none  ...`` lines (a reply read with
nothing to mark) are skipped. Prints ``file,start,end,level,family`` rows
with offsets into the file's text.

    python benchmarks/gold/locate.py --wiki NOTES.tsv FLAGGED_IDS > benchmarks/gold/wikipedia_b.csv

does it for the Wikipedia requests of ../shared/eval/politeness/: ``Id``
instead of a row, offsets into ``Request``, and a ``sample`` column saying
whether the request was drawn because tonecheck warned on it (its Id is in
FLAGGED_IDS) or at random (see benchmarks/gold/WIKI.md).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "eval" / "support-replies" / "agent_turns.csv"
SAVED = ROOT.parent / "shared" / "eval" / "saved-replies"
WIKI = ROOT.parent / "shared" / "eval" / "politeness" / "wikipedia.annotated.csv"
LEVELS = ("must", "could")


def replies() -> list[str]:
    with DATA.open(newline="", encoding="utf-8") as fh:
        return [r["agent_text"] for r in csv.DictReader(fh)]


def _note_lines(notes: str):
    """(line number, tab-separated fields) of each line of ``notes`` that is
    neither blank nor a ``#`` comment."""
    for n, line in enumerate(Path(notes).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield n, line.split("\t")


def _find(text: str, quote: str, occurrence: int) -> int:
    """Where the ``occurrence``-th (1-based) ``quote`` starts in ``text``,
    case-insensitively; -1 when there are fewer."""
    text, quote = text.lower(), quote.lower()
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            break
    return start


def _occurrence(parts: list[str]) -> int:
    return int(parts[4]) if len(parts) > 4 and parts[4].strip() else 1


def _span_fields(parts: list[str]) -> tuple[str, str, str, int]:
    """Level, family, quoted words and occurrence of a note line (after its
    row, file or Id); IndexError or ValueError when they are not all there."""
    return parts[1].strip(), parts[2].strip(), parts[3], _occurrence(parts)


def main(notes: str) -> int:
    texts = replies()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["row", "start", "end", "level", "family"])
    bad = 0
    for n, parts in _note_lines(notes):
        try:
            row = int(parts[0])
            if parts[1].strip() == "none":
                out.writerow([row, "", "", "none", ""])
                continue
            level, family, quote, occurrence = _span_fields(parts)
        except (IndexError, ValueError):
            print(f"{notes}:{n}: expected row, level, family, quote[, occurrence]", file=sys.stderr)
            bad += 1
            continue
        if level not in LEVELS:
            print(f"{notes}:{n}: level must be must or could, not {level!r}", file=sys.stderr)
            bad += 1
            continue
        start = _find(texts[row], quote, occurrence)
        if start < 0:
            print(f"{notes}:{n}: row {row}: {quote!r} not found", file=sys.stderr)
            bad += 1
            continue
        out.writerow([row, start, start + len(quote), level, family])
    return 1 if bad else 0


def saved(notes: str) -> int:
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["file", "start", "end", "level", "family"])
    bad = 0
    for n, parts in _note_lines(notes):
        if len(parts) > 1 and parts[1].strip() == "none":
            continue
        try:
            name = parts[0]
            level, family, quote, occurrence = _span_fields(parts)
            text = (SAVED / name).read_text(encoding="utf-8")
        except (IndexError, ValueError, OSError):
            print(f"{notes}:{n}: expected file, level, family, quote[, occurrence]",
                  file=sys.stderr)
            bad += 1
            continue
        start = _find(text, quote, occurrence)
        if level not in LEVELS or start < 0:
            print(f"{notes}:{n}: {name}: {quote!r} not found (or bad level)", file=sys.stderr)
            bad += 1
            continue
        out.writerow([name, start, start + len(quote), level, family])
    return 1 if bad else 0


def wiki_requests() -> dict[str, str]:
    """The Wikipedia requests' text by Id."""
    with WIKI.open(newline="", encoding="utf-8") as fh:
        return {r["Id"]: r["Request"] for r in csv.DictReader(fh)}


def wiki(notes: str, flagged: str) -> int:
    """Notes on the Wikipedia requests: ``Id`` in the first column, offsets
    into ``Request``. ``flagged`` is a file of the Ids sampled because
    tonecheck warned on them (one a line); every other Id read was drawn at
    random, and the ``sample`` column says which."""
    texts = wiki_requests()
    chosen = set(Path(flagged).read_text(encoding="utf-8").split())
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["id", "start", "end", "level", "family", "sample"])
    bad = 0
    for n, parts in _note_lines(notes):
        key = parts[0].strip()
        sample = "flagged" if key in chosen else "random"
        if key not in texts:
            print(f"{notes}:{n}: no request with Id {key!r}", file=sys.stderr)
            bad += 1
            continue
        if len(parts) > 1 and parts[1].strip() == "none":
            out.writerow([key, "", "", "none", "", sample])
            continue
        try:
            level, family, quote, occurrence = _span_fields(parts)
        except (IndexError, ValueError):
            print(f"{notes}:{n}: expected Id, level, family, quote[, occurrence]", file=sys.stderr)
            bad += 1
            continue
        start = _find(texts[key], quote, occurrence)
        if level not in LEVELS or start < 0:
            print(f"{notes}:{n}: {key}: {quote!r} not found (or bad level)", file=sys.stderr)
            bad += 1
            continue
        out.writerow([key, start, start + len(quote), level, family, sample])
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1] == "--saved":
        sys.exit(saved(sys.argv[2]))
    if sys.argv[1] == "--wiki":
        sys.exit(wiki(sys.argv[2], sys.argv[3]))
    sys.exit(main(sys.argv[1]))
