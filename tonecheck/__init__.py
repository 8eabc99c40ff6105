"""tonecheck: a tone and phrasing linter for customer-support replies.

The public API is :func:`check`; it returns the same report the CLI prints.
Importing this package is cheap: spaCy is loaded only when text is checked.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .findings import FileReport


def check(text: str, *, path: str = "-", context: str | None = None,
          **options) -> "FileReport":
    """Lint one reply and return its :class:`~tonecheck.findings.FileReport`.

    ``options`` are those of :class:`tonecheck.engine.Linter` (``rules``,
    ``select``, ``ignore``, ``model``, ``templates``, ``severity``,
    ``vocabulary``); a selector that names no rule raises
    :class:`tonecheck.selection.UnknownSelector`. The linter is cached per option set,
    so calling this in a loop stays fast. ``context`` is the customer's
    message the reply answers: when the customer is upset and the reply does
    not acknowledge it, the report has an
    ``empathy.acknowledge-upset-customer`` finding.
    """
    from .contextual import with_context
    from .engine import get_linter

    linter = get_linter(**options)
    return with_context(linter, linter.check_text(text, path=path), context)


def check_email(raw: bytes, *, path: str = "-", context: str | None = None,
                **options) -> "FileReport":
    """Lint the agent's reply in an RFC 822/MIME message (``raw`` bytes).

    Only the agent's own text is checked: quoted mail and the signature are
    skipped. The quoted customer message is the context (``context=`` wins
    when given). Findings point into ``report.text``: the whole message when
    the reply is stored as plain 7/8-bit text (``report.location ==
    "message"``), else the decoded body (``"decoded-body"``). A message that
    cannot be read raises :class:`tonecheck.errors.InputError` (one line
    naming ``path``); ``raw`` is never changed. ``options`` are those of
    :func:`check`.
    """
    from .contextual import with_context
    from .engine import get_linter
    from .inputs.email import read_email

    reply = read_email(raw, path)
    linter = get_linter(**options)
    report = linter.check_text(reply.text, path=path)
    report = with_context(linter, report, context if context is not None else reply.context)
    return reply.finish(report)


__all__ = ["check", "check_email", "__version__"]
