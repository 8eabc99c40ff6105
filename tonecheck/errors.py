"""Errors that end a run with a one-line message and exit code 2."""
from __future__ import annotations


class TonecheckError(Exception):
    """A problem with the user's input, options or rule packs (not a bug).

    ``str()`` gives one line: ``path:line: message`` with whatever parts are
    known, so the CLI can print it without a traceback.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + " ".join(self.message.split())


class InputError(TonecheckError):
    """A file that cannot be read as a reply."""


class RuleError(TonecheckError):
    """A rule pack that is not valid."""
