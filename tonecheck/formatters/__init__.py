"""Output formats: one formatter class per ``--format`` choice."""
from __future__ import annotations

from enum import Enum
from importlib import import_module


class OutputFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


#: Each format's module and class, imported on demand.
_CLASSES = {
    OutputFormat.TEXT: ("text", "TextFormatter"),
    OutputFormat.JSON: ("json", "JsonFormatter"),
    OutputFormat.GITHUB: ("github", "GithubFormatter"),
    OutputFormat.SARIF: ("sarif", "SarifFormatter"),
    OutputFormat.JUNIT: ("junit", "JunitFormatter"),
}

#: Formats read by programs: UTF-8 output whatever the locale.
MACHINE_FORMATS = frozenset({"json", "github", "sarif", "junit"})


def get_formatter(fmt: str):
    """The formatter class for ``fmt`` (imported on demand)."""
    module, name = _CLASSES[OutputFormat(fmt)]
    return getattr(import_module(f".{module}", __name__), name)


__all__ = ["MACHINE_FORMATS", "OutputFormat", "get_formatter"]
