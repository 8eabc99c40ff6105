"""tonecheck: a tone and phrasing linter for customer-support replies.

The public API is :func:`check`; it returns the same report the CLI prints.
Importing this package is cheap: spaCy is loaded only when text is checked.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .findings import FileReport


def check(text: str, *, path: str = "-", **options) -> "FileReport":
    """Lint one reply and return its :class:`~tonecheck.findings.FileReport`.

    ``options`` are those of :class:`tonecheck.engine.Linter` (``rules``,
    ``select``, ``ignore``, ``model``). The linter is cached per option set,
    so calling this in a loop stays fast.
    """
    from .engine import get_linter

    return get_linter(**options).check_text(text, path=path)


__all__ = ["check", "__version__"]
