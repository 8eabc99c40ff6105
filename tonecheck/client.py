"""A client for ``tonecheck serve``: check a reply in a warm process.

Standard library only and cheap to import (no spaCy), so a hook or a mail
client add-on can try the service first and fall back to checking in-process::

    from tonecheck.client import check_remote

    report = check_remote("http://127.0.0.1:8977", {"text": draft})
    if report is None:          # no service, or it could not answer this
        report = tonecheck.check(draft).to_dict()

The payload is the body of ``POST /check`` (``text``, ``context``, ``email``,
``select``, ``ignore``; see the README's "Service" section). The answer is
the report as a dict: the CLI's JSON object for one file plus ``notices``.
"""
from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

DEFAULT_URL = "http://127.0.0.1:8977"


def check_remote(url: str, payload: dict, timeout: float = 2.0) -> dict | None:
    """Send ``payload`` to the service at ``url`` and return its report.

    ``url`` is the service's base address (``http://127.0.0.1:8977``) or its
    ``/check`` address. ``timeout`` bounds connecting and each read, in
    seconds.

    Returns ``None`` whenever the service does not give a report: nothing
    listens, it times out, the answer is not a 200 with a JSON object (for
    instance 501 because the service cannot read email yet, or 413 for a
    message over its size cap). Callers then check in-process, which gives
    the same report, so ``None`` never loses a check. Never raises for a
    network or service problem; a ``payload`` that is not JSON-serialisable
    raises ``TypeError`` (a bug in the caller).
    """
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"expected an http:// URL of a tonecheck service, got {url!r}")
    path = parts.path.rstrip("/")
    if not path.endswith("/check"):
        path += "/check"
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"bad port in {url!r}") from None
    # http.client rather than urllib: no proxy from the environment is ever
    # consulted, so a reply never leaves for a proxy by accident.
    conn = http.client.HTTPConnection(parts.hostname, port or 80, timeout=timeout)
    try:
        conn.request("POST", path, body=body,
                     headers={"Content-Type": "application/json", "Connection": "close"})
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            return None
        report = json.loads(data)
    except (OSError, http.client.HTTPException, ValueError):
        # OSError covers refused connections and time-outs; ValueError a body
        # that is not JSON (UnicodeDecodeError is one too).
        return None
    finally:
        conn.close()
    return report if isinstance(report, dict) else None


__all__ = ["check_remote", "DEFAULT_URL"]
