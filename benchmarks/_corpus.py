"""Shared helpers for the benchmarks: the real replies, libraries built from
them, a representative rule pack, and small timing utilities.

The corpus is ``../shared/eval/support-replies/agent_turns.csv`` (column
``agent_text``, 1,139 real agent replies), relative to the repo root. A
"library" of N replies repeats that list until it has N entries.
"""
from __future__ import annotations

import csv
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CSV = REPO.parent / "shared" / "eval" / "support-replies" / "agent_turns.csv"
PYTHON = sys.executable


def replies(path: Path = CSV, column: str = "agent_text") -> list[str]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [row[column] for row in csv.DictReader(fh) if row.get(column, "").strip()]


def library(n: int) -> list[str]:
    """``n`` real replies (the CSV repeated)."""
    base = replies()
    return (base * (n // len(base) + 1))[:n]


def write_library_dir(n: int, root: Path) -> Path:
    """A directory of ``n`` one-reply .txt files (100 per sub-folder), the way a
    saved-replies library is laid out on disk."""
    texts = library(n)
    root.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        sub = root / f"{i // 100:05d}"
        if i % 100 == 0:
            sub.mkdir(exist_ok=True)
        (sub / f"{i:07d}.txt").write_text(text, encoding="utf-8")
    return root


def write_chunks(n: int, root: Path, per_file: int, sep: str = "\n\n") -> list[Path]:
    """The ``n``-reply library as files of at most ``per_file`` replies each
    (for tools that take one big file, e.g. proselint)."""
    texts = library(n)
    root.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(0, n, per_file):
        p = root / f"chunk{k // per_file:04d}.txt"
        p.write_text(sep.join(texts[k:k + per_file]) + "\n", encoding="utf-8")
        out.append(p)
    return out


@contextmanager
def tempdir(prefix: str = "tonecheck-bench-"):
    with tempfile.TemporaryDirectory(prefix=prefix) as d:
        yield Path(d)


# -- this tree against an earlier commit (against.py, by_findings.py) ----------------
@contextmanager
def checked_out(rev: str):
    """``rev`` checked out in a temporary git worktree, with ../shared beside
    it as the repo has; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="tonecheck-rev-") as tmp:
        tree = Path(tmp) / "tree"
        added = subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree),
                                rev], capture_output=True, text=True)
        if added.returncode:
            raise SystemExit(f"cannot check out {rev!r}: {added.stderr.strip()}")
        (Path(tmp) / "shared").symlink_to(REPO.parent / "shared")
        try:
            yield tree
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                           capture_output=True)


def python_in(tree: Path, code: str) -> str:
    """What ``code`` prints, run in a fresh process of ``tree`` (its own
    tonecheck first on the path, ``tree`` the working directory)."""
    out = subprocess.run([PYTHON, "-c", code], cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                         capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{tree}: {out.stderr.strip()[-2000:]}")
    return out.stdout


def fastest_per_reply(check, texts: list[str], passes: int) -> list[float]:
    """Each text's fastest ``check(text)`` of ``passes`` passes, in us: one
    reply's time is then its own, not the machine's noise. (Run in a tree's
    fresh process, with this file's folder first on the path.)"""
    best = [float("inf")] * len(texts)
    for _ in range(passes):
        for i, text in enumerate(texts):
            t = time.perf_counter()
            check(text)
            took = (time.perf_counter() - t) * 1e6
            if took < best[i]:
                best[i] = took
    return best


def in_turn(runs: int, then_tree: Path, measure) -> tuple[list, list]:
    """``measure(tree)`` on this tree and ``then_tree``, ``runs`` times each,
    which goes first alternating so that a drift in the machine's load weighs
    on both alike: (this tree's results, then_tree's)."""
    now: list = []
    then: list = []
    for run in range(runs):
        pair = [(then, then_tree), (now, REPO)]
        for out, where in (pair if run % 2 == 0 else pair[::-1]):
            out.append(measure(where))
        print(f"run {run + 1}/{runs} done", file=sys.stderr)
    return now, then


# -- a representative rule pack --------------------------------------------------
# The default pack is still growing (to ~70 rules); this synthetic pack has the
# shape it is heading for, so figures do not depend on how far it has got:
# ~60 phrase rules (~300 literal phrases, PhraseMatcher), a few token-pattern
# rules (Matcher), two metric rules and a structure rule.
_STEMS = [
    "unfortunately", "as i said", "as i mentioned", "as previously stated", "calm down",
    "you should have", "you need to", "you must", "obviously", "clearly", "simply",
    "per our policy", "it is not our fault", "that is not possible", "we can not",
    "there is nothing we can do", "you failed to", "you did not", "no problem", "no worries",
    "bear with us", "sorry for any inconvenience", "we apologize for any inconvenience",
    "your issue", "your complaint", "as per my last email", "please be advised",
    "kindly", "do the needful", "asap", "i do not know", "not my department",
    "i can not help", "you are wrong", "that is incorrect", "just", "actually",
    "to be honest", "frankly", "in order to", "at this point in time", "due to the fact that",
    "please note", "please be aware", "it is what it is", "deal with it", "whatever",
    "we regret to inform you", "we are unable to", "you will have to", "you have to",
    "hopefully", "soon", "shortly", "in due course", "at some point", "we will see",
    "let me know if you have any other questions", "feel free to", "hope this helps",
]
_SUFFIXES = ["", " though", " again", " really", " here"]


def synthetic_pack(root: Path, n_phrase_rules: int = 60) -> Path:
    """Write a ~70-rule pack to ``root`` and return its directory."""
    import json

    root.mkdir(parents=True, exist_ok=True)
    rules = []
    for i in range(n_phrase_rules):
        stem = _STEMS[i % len(_STEMS)]
        phrases = [stem + s for s in _SUFFIXES]
        if i % 2:
            rules.append({"id": f"bench.sub-{i:02d}", "extends": "substitution",
                          "category": "positivity", "severity": "warning",
                          "message": "Consider rewording '{match}'.",
                          "swap": {p: ["a kinder wording"] for p in phrases},
                          "examples": {"bad": [f"Well, {phrases[0]}."]}})
        else:
            rules.append({"id": f"bench.exist-{i:02d}", "extends": "existence",
                          "category": "clarity", "severity": "suggestion",
                          "message": "'{match}' reads badly.", "phrases": phrases,
                          "examples": {"bad": [f"Well, {phrases[0]}."]}})
    patterns = [
        [[{"LEMMA": "you"}, {"LEMMA": {"IN": ["need", "have", "must"]}}, {"LOWER": "to", "OP": "?"},
          {"IS_ALPHA": True}]],
        [[{"LOWER": "just"}, {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["a", "the"]}}]],
        [[{"LEMMA": "why"}, {"LEMMA": {"IN": ["do", "would"]}}, {"LEMMA": "you"}]],
        [[{"LOWER": {"IN": ["very", "really", "so"]}}, {"LOWER": {"IN": ["very", "really", "so"]}}]],
        [[{"IS_UPPER": True, "LENGTH": {">=": 3}}, {"IS_PUNCT": True, "OP": "+"}]],
        [[{"LEMMA": "we"}, {"LEMMA": "be"}, {"LEMMA": "not"}, {"LEMMA": "able"}]],
    ]
    for i, pats in enumerate(patterns):
        rules.append({"id": f"bench.pattern-{i}", "extends": "pattern", "category": "clarity",
                      "severity": "suggestion", "message": "Token pattern {match}.",
                      "patterns": pats, "examples": {"bad": []}})
    rules.append({"id": "bench.shouting", "extends": "metric", "category": "courtesy",
                  "severity": "warning", "message": "Shouting.", "measure": "caps-words",
                  "max": 2, "exceptions": ["FAQ", "ASAP", "URL"], "examples": {"bad": []}})
    rules.append({"id": "bench.long-sentence", "extends": "metric", "category": "clarity",
                  "severity": "suggestion", "message": "Long sentence.",
                  "measure": "sentence-words", "max": 40, "examples": {"bad": []}})
    rules.append({"id": "bench.greeting", "extends": "structure", "category": "courtesy",
                  "severity": "suggestion", "message": "Greet the customer.",
                  "require": "greeting", "phrases": ["hi", "hello", "hey", "dear", "thanks"],
                  "examples": {"bad": []}})
    # JSON is valid YAML.
    (root / "bench.yml").write_text(json.dumps({"rules": rules}, indent=1), encoding="utf-8")
    return root


# -- measuring -------------------------------------------------------------------
def machine() -> str:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import spacy

    return (f"{os.cpu_count()} cores ({cpu or platform.processor()}){mem}; "
            f"{platform.system()} {platform.release()}; Python {platform.python_version()}; "
            f"spaCy {spacy.__version__}")


def run(cmd: list[str], *, stdin: bytes | None = None, env: dict | None = None,
        check_rc: tuple[int, ...] = (0, 1)) -> tuple[float, int, int]:
    """Run ``cmd``; return (wall seconds, peak RSS in MB of the child, exit code)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env={**os.environ, **(env or {})})
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in check_rc:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n"
                         f"{proc.stderr.decode()[-2000:]}")
    # ru_maxrss of children is the max over all children so far; callers that
    # need a per-command peak use measure_rss() instead.
    return wall, max(peak, before) // 1024, proc.returncode


def measure_rss(cmd: list[str], env: dict | None = None, cwd: Path | None = None
                ) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one command (run in ``cwd``, if given),
    via /usr/bin/time when present."""
    timer = "/usr/bin/time"
    if os.path.exists(timer):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
            t0 = time.perf_counter()
            proc = subprocess.run([timer, "-f", "%M", "-o", out.name, *cmd],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  env={**os.environ, **(env or {})}, cwd=cwd)
            wall = time.perf_counter() - t0
            if proc.returncode not in (0, 1):
                raise SystemExit(f"{cmd} failed: {proc.stderr.decode()[-2000:]}")
            return wall, int(out.read().split()[-1]) / 1024
    # Fallback: a fresh Python parent per command, so RUSAGE_CHILDREN is this one only.
    code = ("import resource,subprocess,sys,time;t=time.perf_counter();"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([PYTHON, "-c", code, *cmd], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, cwd=cwd).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def median(xs) -> float:
    return statistics.median(xs)


def pct(xs, q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))]


def tonecheck_cmd(*args: str) -> list[str]:
    """``tonecheck ARGS`` via this interpreter (the working tree)."""
    return [PYTHON, "-m", "tonecheck", *args]


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}" if seconds > 0 else "inf"
