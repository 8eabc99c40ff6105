"""Output formats: one formatter class per ``--format`` choice."""
from __future__ import annotations

from enum import Enum


class OutputFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


def get_formatter(fmt: str):
    """The formatter class for ``fmt`` (imported on demand)."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.TEXT:
        from .text import TextFormatter
        return TextFormatter
    from .json import JsonFormatter
    return JsonFormatter


__all__ = ["OutputFormat", "get_formatter"]
