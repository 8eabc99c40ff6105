"""Process exit codes, shared by every command."""
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # nothing at or above the --fail-on level
    FINDINGS = 1  # findings at or above the --fail-on level (or failing rule examples)
    ERROR = 2  # usage, input or rule-pack error: tonecheck could not do its job
