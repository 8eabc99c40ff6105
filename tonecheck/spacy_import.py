"""Importing spaCy in a tonecheck command's own process, without spaCy's CLI.

spaCy's package ``__init__`` imports ``spacy.cli.info`` (to offer
``spacy.info``), and with it spaCy's whole command-line interface: typer,
requests, httpx, weasel. That is 0.15-0.2 s of every one-shot ``tonecheck
check`` or mail-hook run (a seventh of it), and tonecheck never uses it.

A tonecheck command (``cli.main``) calls :func:`lean_imports`; the first
pipeline load then imports spaCy with ``spacy.cli`` stood in for while the
package initialises, and removes the stand-in at once: a later ``import
spacy.cli`` gets the real one, and ``spacy.info`` imports it when called.
This is done only where spaCy's ``__init__`` names its CLI in that one line
and nowhere else (checked in its source, which costs a file read); any other
spaCy, and tonecheck used as a library, import spaCy as it is.
"""
from __future__ import annotations

import importlib.util
import re
import sys
import types

#: The one line of spacy/__init__.py that reaches the CLI (spaCy 3.7-3.8).
_CLI_LINE = "from .cli.info import info  # noqa: F401"
_MENTIONS_CLI = re.compile(r"\bcli\b")

_lean = False


def lean_imports() -> None:
    """Leave spaCy's CLI out of this process's spaCy import (a tonecheck
    command's process, which nothing else shares)."""
    global _lean
    _lean = True


def import_spacy():
    """The ``spacy`` package, imported without its CLI when
    :func:`lean_imports` was called and spaCy's ``__init__`` allows it."""
    if "spacy" in sys.modules or not _lean or not _cli_only_for_info():
        import spacy

        return spacy
    stand_ins = _stand_ins()
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name in stand_ins:
            sys.modules.pop(name, None)
    return spacy


def _cli_only_for_info() -> bool:
    """Whether spaCy's ``__init__`` mentions its CLI in :data:`_CLI_LINE` alone."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.origin:
        return False
    try:
        with open(spec.origin, encoding="utf-8") as fh:
            lines = [line.strip() for line in fh if _MENTIONS_CLI.search(line)]
    except (OSError, UnicodeDecodeError):
        return False
    return lines == [_CLI_LINE]


def _stand_ins() -> dict[str, types.ModuleType]:
    package = types.ModuleType("spacy.cli")
    package.__path__ = []  # a package with no submodules of its own
    info_module = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):
        """spaCy's ``spacy.info``, its CLI imported on the first call."""
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    info_module.info = info
    return {"spacy.cli": package, "spacy.cli.info": info_module}
