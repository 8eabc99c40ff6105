"""``check --jobs N``: the same reports, in the same order, from N processes.

The parent builds the linter (spaCy pipeline and matchers) once and forks the
workers, so they start with it already built (copy-on-write; no pickling of
the pipeline). The parent still reads the files, so unreadable-file handling
and ordering stay exactly those of a single process; workers receive chunks of
``(path, text)`` and send back reports without their text, which the parent
re-attaches.

The default is one worker per CPU core: on the 2-core benchmark machine
``--jobs 2`` checked 10,000 replies in 3.3-3.9 s against 4.5-5.1 s for one process
(benchmarks/results.md); runs under 512 replies never fork.
"""
from __future__ import annotations

import dataclasses
import os
from collections import deque
from itertools import islice
from typing import Iterable, Iterator

DEFAULT_JOBS = 0  # one per core (measured: see the module docstring)
CHUNK = 256  # replies per task: large enough to amortise IPC, small enough to stream
MIN_ITEMS_PER_JOB = 2 * CHUNK  # below this, forking costs more than it saves

_linter = None  # the worker's linter, inherited from the parent through fork


def resolve_jobs(jobs: int | None) -> int:
    """``None`` -> the default; ``0`` -> one per CPU core."""
    if jobs is None:
        jobs = DEFAULT_JOBS
    if jobs <= 0:
        return max(1, os.cpu_count() or 1)
    return jobs


def _work(chunk):
    return [dataclasses.replace(r, text="") for r in _linter.check_many(chunk)]


def _chunks(items: Iterator, size: int):
    while True:
        chunk = list(islice(items, size))
        if not chunk:
            return
        yield chunk


def check_many(linter, items: Iterable[tuple[str, str]], jobs: int = 1) -> Iterator:
    """Like ``linter.check_many(items)``, spread over ``jobs`` processes when
    that can help (fork is available and there are enough items)."""
    import multiprocessing as mp

    jobs = resolve_jobs(jobs)
    if jobs <= 1 or "fork" not in mp.get_all_start_methods():
        yield from linter.check_many(items)
        return
    items = iter(items)
    head = list(islice(items, MIN_ITEMS_PER_JOB))
    if len(head) < MIN_ITEMS_PER_JOB:
        yield from linter.check_many(head)
        return

    def all_items():
        yield from head
        yield from items

    global _linter
    _linter = linter
    ctx = mp.get_context("fork")
    with ctx.Pool(jobs) as pool:
        # A bounded window of chunks in flight keeps memory flat (Pool.imap
        # would read the whole library ahead) and the output in input order.
        window: deque = deque()
        for chunk in _chunks(all_items(), CHUNK):
            window.append(([text for _, text in chunk], pool.apply_async(_work, (chunk,))))
            if len(window) > 2 * jobs:
                yield from _collect(window.popleft())
        while window:
            yield from _collect(window.popleft())


def _collect(entry):
    texts, result = entry
    for report, text in zip(result.get(), texts):
        yield dataclasses.replace(report, text=text)
