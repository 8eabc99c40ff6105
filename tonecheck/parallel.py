"""``check --jobs N``: the same reports, in the same order, from N processes.

The parent builds the linter (spaCy pipeline and matchers) once and forks the
workers, so they start with it already built (copy-on-write; no pickling of
the pipeline). The parent still reads the files, so unreadable-file handling
and ordering stay exactly those of a single process; workers receive chunks of
``(path, text)`` and send back reports without their text, which the parent
re-attaches.

The pool is tonecheck's own, small and strict: each worker has one pipe and
one task at a time, and the parent waits on the pipes *and* the worker
processes, so a worker killed by the kernel (out of memory) ends the run with
:class:`WorkerDied` (exit code 2) instead of waiting forever for its answer.
Workers ignore SIGINT: Ctrl-C reaches the parent alone, which stops them and
exits with 130, without a traceback from every process.

The default is one worker per CPU core: on the 2-core benchmark machine
``--jobs 2`` checked 10,000 replies in 3.3-3.9 s against 4.5-5.1 s for one process
(benchmarks/results.md); runs under 512 replies never fork.
"""
from __future__ import annotations

import dataclasses
import os
import signal
import sys
from itertools import chain, islice
from typing import Iterable, Iterator

from .errors import TonecheckError

DEFAULT_JOBS = 0  # one per core (measured: see the module docstring)
CHUNK = 256  # replies per task: large enough to amortise IPC, small enough to stream
MIN_ITEMS_PER_JOB = 2 * CHUNK  # below this, forking costs more than it saves

_linter = None  # the worker's linter, inherited from the parent through fork


class WorkerDied(TonecheckError):
    """A worker process ended without answering (killed, or crashed)."""


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


def _serve(conn, inherited) -> None:
    """A worker's life: answer chunks until told to stop or the parent goes."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        for other in inherited:  # the parent's ends of every pipe, this one's included
            other.close()
        while True:
            try:
                chunk = conn.recv()
            except (EOFError, OSError):
                break  # the parent is gone
            if chunk is None:
                break
            try:
                answer = ("ok", _work(chunk))
            except Exception as exc:  # noqa: BLE001 - reported by the parent
                answer = ("error", f"{type(exc).__name__}: {exc}")
            conn.send(answer)
    finally:
        # Never run the parent's exit handlers or flush its copied stdout buffer.
        os._exit(0)


def _death(proc) -> str:
    code = proc.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = ", perhaps out of memory" if -code == signal.SIGKILL else ""
        return f"was killed by {name}{hint}"
    return f"exited unexpectedly (status {code})"


class _Pool:
    def __init__(self, ctx, jobs: int):
        self.workers: list[tuple[object, object]] = []  # (process, parent's end of its pipe)
        sys.stdout.flush()  # a forked child must not inherit unwritten output
        sys.stderr.flush()
        try:
            for _ in range(jobs):
                mine, theirs = ctx.Pipe()
                proc = ctx.Process(target=_serve, daemon=True,
                                   args=(theirs, [c for _, c in self.workers] + [mine]))
                proc.start()
                theirs.close()
                self.workers.append((proc, mine))
        except BaseException:
            self.close(graceful=False)
            raise

    def run(self, chunks: Iterator[list], window: int) -> Iterator:
        """Reports for every chunk, in order; at most ``window`` chunks out."""
        from multiprocessing.connection import wait

        texts: dict[int, list[str]] = {}
        done: dict[int, list] = {}
        busy: dict = {}  # worker -> index of its chunk
        idle = list(self.workers)
        issued = emitted = 0
        exhausted = False
        while True:
            while idle and not exhausted and issued - emitted < window:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                worker = idle.pop()
                texts[issued] = [item[1] for item in chunk]
                try:
                    worker[1].send(chunk)
                except OSError:  # it died while idle
                    raise self._died(worker[0], emitted) from None
                busy[worker] = issued
                issued += 1
            if emitted in done:
                for report, text in zip(done.pop(emitted), texts.pop(emitted)):
                    yield dataclasses.replace(report, text=text)
                emitted += 1
                continue
            if exhausted and emitted == issued:
                return
            ready = set(wait([c for _, c in busy] + [p.sentinel for p, _ in busy]))
            for worker in list(busy):
                proc, conn = worker
                if conn in ready:
                    try:
                        status, answer = conn.recv()
                    except (EOFError, OSError):
                        proc.join(1)
                        raise self._died(proc, emitted) from None
                    if status != "ok":
                        raise RuntimeError(f"in a --jobs worker: {answer}")
                    done[busy.pop(worker)] = answer
                    idle.append(worker)
                elif proc.sentinel in ready:
                    proc.join(1)
                    raise self._died(proc, emitted)

    @staticmethod
    def _died(proc, emitted: int) -> WorkerDied:
        return WorkerDied(f"a --jobs worker process {_death(proc)}; the run stopped after "
                          f"{emitted * CHUNK:,} checked replies (try --jobs 1, or fewer jobs)")

    def close(self, graceful: bool = True) -> None:
        """Stop every worker: asked nicely after a complete run, terminated
        (then killed) otherwise. Returns when none is left."""
        for proc, conn in self.workers:
            if graceful and proc.is_alive():
                try:
                    conn.send(None)
                except OSError:
                    pass
        for proc, _ in self.workers:
            if graceful:
                proc.join(2)
            if proc.is_alive():
                proc.terminate()
                proc.join(2)
            if proc.is_alive():
                proc.kill()
                proc.join()
        for _, conn in self.workers:
            conn.close()
        self.workers = []


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

    global _linter
    _linter = linter
    pool = _Pool(mp.get_context("fork"), jobs)
    complete = False
    try:
        # A bounded window of chunks in flight keeps memory flat and the
        # output in input order.
        yield from pool.run(_chunks(chain(head, items), CHUNK), window=2 * jobs)
        complete = True
    finally:
        pool.close(graceful=complete)
