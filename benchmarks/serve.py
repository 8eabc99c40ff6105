#!/usr/bin/env python
"""Service latency: per-request wall time of ``POST /check`` over loopback
against a ``tonecheck serve`` subprocess, keep-alive and a new connection per
request, for a typical reply and for the real replies; then N clients at once.

    python benchmarks/serve.py [--requests 2000] [--clients 8]

The server runs in its own process (as it would for a mail client), so the
client here does not share its interpreter lock. Goal: p50 <= 2 ms and
p99 <= 10 ms per request.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus as C  # noqa: E402

# The draft of benchmarks/latency.py: five sentences, 50 tokens.
TYPICAL = ("Hi Sam, thanks for reaching out. Unfortunately we cannot refund this order. "
           "No problem, just send us the receipt. I understand how frustrating this must be. "
           "Let me check with the team and get back to you today.\n")


def start_server() -> tuple[subprocess.Popen, str, float]:
    env = {**os.environ, "PYTHONPATH": str(C.REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    began = time.perf_counter()
    proc = subprocess.Popen([C.PYTHON, "-m", "tonecheck", "serve", "--port", "0", "--no-config"],
                            stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stderr.readline()
    match = re.search(r"serving on (http://[\d.]+:(\d+))", line)
    if not match:
        proc.kill()
        raise SystemExit(f"tonecheck serve did not start: {line}{proc.stderr.read()}")
    return proc, match.group(2), time.perf_counter() - began


def rss_mb(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of process ``pid``, in MB (Linux)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            kv = dict(line.split(":", 1) for line in fh)
        return int(kv["VmRSS"].split()[0]) / 1024, int(kv["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        return float("nan"), float("nan")


def post(conn: http.client.HTTPConnection, body: bytes) -> dict:
    conn.request("POST", "/check", body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise SystemExit(f"unexpected {response.status}: {data[:200]!r}")
    return json.loads(data)


def timed(port: str, bodies: list[bytes], keep_alive: bool) -> list[float]:
    """Milliseconds per request, from sending to the parsed JSON answer
    (connecting included when each request has its own connection)."""
    out = []
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
    for body in bodies:
        start = time.perf_counter()
        if not keep_alive:
            conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
        post(conn, body)
        if not keep_alive:
            conn.close()
        out.append((time.perf_counter() - start) * 1000)
    conn.close()
    return out


def stats(ms: list[float]) -> str:
    ms = sorted(ms)
    p = lambda q: ms[min(len(ms) - 1, int(len(ms) * q))]  # noqa: E731
    return f"{p(0.5):.2f} | {p(0.99):.2f} | {ms[-1]:.2f}"


def concurrent(port: str, bodies: list[bytes], clients: int) -> tuple[float, list[float]]:
    """``clients`` keep-alive connections sending at once: requests/s and latencies."""
    chunks = [bodies[i::clients] for i in range(clients)]
    results: list[list[float]] = [[] for _ in range(clients)]

    def run(i):
        results[i] = timed(port, chunks[i], keep_alive=True)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    return len(bodies) / elapsed, [x for r in results for x in r]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=2000, help="requests per measurement")
    ap.add_argument("--clients", type=int, default=8, help="connections in the concurrent run")
    args = ap.parse_args(argv)
    n = args.requests
    typical = [json.dumps({"text": TYPICAL}).encode()] * n
    try:
        real = [json.dumps({"text": t}).encode() for t in C.library(n)]
    except OSError:
        real = []
    proc, port, startup = start_server()
    try:
        timed(port, typical[:200], keep_alive=True)  # warm both sides
        rss_start = rss_mb(proc.pid)[0]
        print(f"## Service latency (`tonecheck serve`, loopback, {n:,} requests each; "
              f"server start {startup:.2f} s)")
        print("| reply | connection | p50 ms | p99 ms | max ms |")
        print("|---|---|---:|---:|---:|")
        print(f"| typical (5 sentences) | keep-alive | {stats(timed(port, typical, True))} |")
        print(f"| typical (5 sentences) | new per request | {stats(timed(port, typical, False))} |")
        if real:
            print(f"| real replies (mean 36 tokens) | keep-alive | {stats(timed(port, real, True))} |")
            print(f"| real replies | new per request | {stats(timed(port, real, False))} |")
        rate, lat = concurrent(port, real or typical, args.clients)
        print(f"| {'real' if real else 'typical'}, {args.clients} clients at once | keep-alive | "
              f"{stats(lat)} |")
        print(f"\n{args.clients} concurrent clients: {rate:,.0f} requests/s "
              f"(checks run one at a time under a lock)")
        rss_end, peak = rss_mb(proc.pid)
        print(f"server memory: {rss_start:.0f} MB warm, {rss_end:.0f} MB after the runs "
              f"(peak {peak:.0f} MB)")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"goal: p50 <= 2 ms, p99 <= 10 ms per request; load average {load:.2f} "
              f"on {os.cpu_count()} cores")
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
