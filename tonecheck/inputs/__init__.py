"""Reading replies from files and stdin."""
from .text import MAX_BYTES, decode, read_path, read_stdin

__all__ = ["MAX_BYTES", "decode", "read_path", "read_stdin"]
