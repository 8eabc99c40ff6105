#!/usr/bin/env python3
"""A tiny client for `tonecheck serve`, standard library only (copy it into an add-on).

    tonecheck serve &                                   # once; stays warm
    python3 examples/serve_client.py draft.txt          # or: ... < draft.txt
    python3 examples/serve_client.py --url http://127.0.0.1:8977 --select positivity draft.txt

Prints one line per finding and the scores; exit code 1 when there are
findings, 2 when the service cannot be reached or refuses the request.
"""
import argparse
import http.client
import json
import sys
from urllib.parse import urlsplit


def check(url, payload, timeout=5.0):
    """POST the payload to /check; returns (status, decoded JSON answer)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        conn.request("POST", "/check", body=json.dumps(payload).encode("utf-8"),
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def main():
    ap = argparse.ArgumentParser(description="Check a reply with a running tonecheck serve.")
    ap.add_argument("file", nargs="?", help="the reply (default: stdin)")
    ap.add_argument("--url", default="http://127.0.0.1:8977")
    ap.add_argument("--select", help="rule ids, prefixes or categories, comma-separated")
    args = ap.parse_args()
    if args.file:
        with open(args.file, encoding="utf-8") as fh:
            text = fh.read()
    else:
        text = sys.stdin.read()
    payload = {"text": text}
    if args.select:
        payload["select"] = args.select
    try:
        status, report = check(args.url, payload)
    except OSError as exc:
        print(f"cannot reach tonecheck serve at {args.url}: {exc}", file=sys.stderr)
        return 2
    if status != 200:
        print(f"tonecheck serve said {status}: {report.get('error')}", file=sys.stderr)
        return 2
    for f in report["findings"]:
        fix = f" -> {f['suggestions'][0]}" if f["suggestions"] else ""
        print(f"{f['line']}:{f['column']}: {f['severity']} {f['message']} [{f['rule']}]{fix}")
    for notice in report["notices"]:
        print(f"notice: {notice}", file=sys.stderr)
    scores = report.get("scores")
    if scores:
        print(f"scores: empathy {scores['empathy']}/100 · positivity {scores['positivity']}/100")
    return 1 if report["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
