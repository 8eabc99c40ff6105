"""Process exit codes, shared by every command."""
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # nothing at or above the --fail-on level
    FINDINGS = 1  # findings at or above the --fail-on level (or failing rule examples)
    ERROR = 2  # usage, input or rule-pack error: tonecheck could not do its job
    INTERRUPTED = 130  # stopped by Ctrl-C (SIGINT): 128 + the signal number, as shells report it


class HookExit(IntEnum):
    """Exit statuses of ``tonecheck hook`` when it does not hand the message
    to sendmail (when it does, sendmail's own status is returned). Any of
    them tells the mail client the message was not sent, so it keeps the
    draft. BSD ``sysexits.h`` values, so they do not read as sendmail's 1."""

    USAGE = 64  # EX_USAGE: arguments the hook cannot read, or no message; kept
    REFUSED = 65  # EX_DATAERR: the check failed; the message is kept, not sent
    UNAVAILABLE = 69  # EX_UNAVAILABLE: the real sendmail could not be started; kept
    INTERNAL = 70  # EX_SOFTWARE: tonecheck failed (rule pack, config, crash); kept
    UNSAVED = 74  # EX_IOERR: not sent, and no folder would take a copy
    INTERRUPTED = 130  # Ctrl-C, SIGTERM or SIGHUP; the message is kept
