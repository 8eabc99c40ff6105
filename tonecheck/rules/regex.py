"""Regular expressions from rule packs, run with RE2 (google-re2).

A rule pack may come from anyone, and Python's backtracking ``re`` can take
minutes on one line of text for a pattern such as ``(a+)+b``. RE2 runs in
time linear in the text, whatever the pattern, so every regex a pack can
supply (existence ``regex``, ``unless_after``, ``requires_before``,
``unless_before`` and the ``REGEX`` predicate of token patterns) is compiled
here when the pack loads. What RE2 cannot run (lookarounds,
backreferences) is rejected then, with a reason a pack author can act on.

Two conveniences over plain RE2 syntax:

- ``(?x)`` (verbose mode, as in Python) is accepted: whitespace and ``#``
  comments outside character classes are removed before compiling.
- A group named ``flag`` marks the words to flag; the rest of the match is
  context. It stands in for a lookbehind or lookahead:
  ``(?:^|[^\\w$])(?P<flag>\\{\\w+\\})(?:[^}]|$)`` flags ``{name}`` but not
  ``${name}`` or ``{name}}``. Neighbouring matches may share context
  characters, as they could with lookarounds. RE2 wants distinct group
  names, so alternatives can use ``flag1``, ``flag2``...: the one that took
  part in the match is flagged. A match in which no flag group took part
  flags nothing (an alternative listed first to exclude some text, as a
  negative lookahead would), and the search goes on from its next character.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator


FLAG_GROUP = re.compile(r"flag\d*")

#: RE2's own error text -> what to tell the pack's author.
_REASONS = (
    (re.compile(r"invalid perl operator: \(\?<?[=!]"),
     "lookarounds ((?=...), (?!...), (?<=...), (?<!...)) are not supported"),
    (re.compile(r"invalid escape sequence: \\[1-9]"), "backreferences (\\1) are not supported"),
    (re.compile(r"invalid perl operator: \(\?P$"), "backreferences ((?P=name)) are not supported"),
    (re.compile(r"invalid perl operator: \(\?>"), "atomic groups ((?>...)) are not supported"),
    (re.compile(r"bad repetition operator: [*+?]\+"),
     "possessive quantifiers (*+, ++, ?+) are not supported"),
    (re.compile(r"pattern too large"), "the pattern is too large"),
)
_HINT = "regexes use RE2 syntax, which runs in linear time (see docs/rules.md)"


class RegexError(ValueError):
    """A pattern RE2 cannot run; ``str()`` is one line for the pack's author."""


def _options(max_mem: int | None = None):
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would log every rejected pattern on stderr
    if max_mem is not None:
        options.max_mem = max_mem
    return options


def _strip_verbose(pattern: str) -> str:
    """``(?x)`` semantics as in Python: drop whitespace and ``#`` comments
    outside character classes (an escaped space or ``#`` is kept)."""
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            out.append(nxt if nxt in " #" and not in_class else c + nxt)
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if pattern.startswith("^", i + 1):  # "[^]...]" and "[]...]" hold a "]"
                out.append("^")
                i += 1
            if pattern.startswith("]", i + 1):
                out.append("\\]")
                i += 1
        elif c == "#":
            end = pattern.find("\n", i)
            i = n if end < 0 else end
            continue
        elif not c.isspace():
            out.append(c)
        i += 1
    return "".join(out)


_FLAGS_RE = re.compile(r"^\(\?([a-zA-Z]+)\)")


def _prepare(pattern: str) -> str:
    """Turn a leading ``(?...x...)`` into RE2 syntax."""
    m = _FLAGS_RE.match(pattern)
    if m and "x" in m.group(1):
        flags = m.group(1).replace("x", "")
        body = _strip_verbose(pattern[m.end():])
        return (f"(?{flags})" if flags else "") + body
    return pattern


def short(value, limit: int = 80) -> str:
    """``repr(value)`` for an error message: bounded in time and length,
    whatever the value (a YAML alias bomb expands to millions of items)."""
    import reprlib

    r = reprlib.Repr()
    r.maxlevel, r.maxlist, r.maxtuple, r.maxdict, r.maxset = 3, 6, 6, 6, 6
    r.maxstring = r.maxother = r.maxlong = limit
    text = r.repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class Regex:
    """A compiled RE2 pattern with the little of ``re.Pattern`` tonecheck uses:
    ``search`` (is it there?) and ``spans`` (every non-overlapping match).

    ``lazy`` defers compiling (about a millisecond per pattern, most of it
    RE2's Unicode classes) to :meth:`compile` or the first search: for the
    bundled pack, whose patterns the test suite compiles, so a one-draft
    check pays only for the ones it reaches (see ``Linter.warm_up``). A
    pack's own patterns compile at once, so an error names the file when the
    pack loads."""

    __slots__ = ("pattern", "_rx", "_narrow_rx", "_flags", "_max_mem")

    def __init__(self, pattern: str, *, lazy: bool = False, max_mem: int | None = None):
        if not isinstance(pattern, str):
            raise RegexError(f"expected a string, got {short(pattern)}")
        if "\0" in pattern:
            raise RegexError("a NUL character is not allowed in a regex")
        self.pattern = pattern
        self._rx = self._narrow_rx = None
        self._max_mem = max_mem  # RE2's memory budget (program and automaton); None: its default
        self._flags: list[int] = []
        if not lazy:
            self.compile()

    @property
    def compiled(self) -> bool:
        """Whether a form of the pattern has been compiled (the narrowed one,
        for nearly all text, or the full one)."""
        return self._rx is not None or self._narrow_rx is not None

    def compile(self):
        """The compiled pattern (compiled on the first call)."""
        if self._rx is not None:
            return self._rx
        import re2

        try:
            rx = re2.compile(_prepare(self.pattern), _options(self._max_mem))
        except re2.error as exc:
            raise RegexError(_reason(exc)) from None
        except UnicodeEncodeError:
            raise RegexError("holds a lone surrogate (not a character)") from None
        self._flags = _flag_groups(rx)
        self._rx = rx
        return rx

    def compile_narrow(self):
        """The pattern that runs on text with no letter, digit or space
        beyond ASCII (compiled on the first call): its letter, digit and
        space classes narrowed to their ASCII members (:func:`_widened`),
        which match exactly what the full classes match in such text. RE2
        builds a much smaller program and automaton for them, and nearly all
        replies are such text (curly quotes, dashes and emoji are not
        letters)."""
        if self._narrow_rx is not None:
            return self._narrow_rx
        prepared = _prepare(self.pattern)
        narrow = _widened(prepared, narrow=True)
        if narrow == prepared:
            rx = self.compile()
        else:
            import re2

            try:
                rx = re2.compile(narrow, _options(self._max_mem))
            except re2.error:  # not expected: the same pattern with other classes
                rx = self.compile()
            self._flags = _flag_groups(rx)  # the same groups as the full pattern's
        self._narrow_rx = rx
        return rx

    def _for(self, text: str):
        if text.isascii() or _plain(text):
            return self._narrow_rx if self._narrow_rx is not None else self.compile_narrow()
        return self._rx if self._rx is not None else self.compile()

    def __repr__(self) -> str:
        return f"Regex({short(self.pattern)})"

    def search(self, text: str) -> bool:
        return self._for(text).search(_encode(text)) is not None

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Character spans of the non-empty matches in ``text`` (of the
        ``flag`` groups where the pattern has them), left to right."""
        rx = self._for(text)
        data = _encode(text)
        offsets = _CharOffsets(data, text)
        if not self._flags:
            for m in rx.finditer(data):
                start, end = m.span()
                if end > start:
                    yield offsets.char(start), offsets.char(end)
            return
        # With a flag group the match may run past the flagged words (context
        # standing in for a lookaround): resume the search just before the
        # previous flagged words end, so their last character can serve as the
        # next match's context, and skip a match whose words overlap them.
        pos, taken = 0, 0
        size = len(data)
        while pos <= size:
            m = rx.search(data, pos)
            if m is None:
                return
            start, end = next((m.span(i) for i in self._flags if m.span(i)[0] >= 0), (-1, -1))
            if start < taken or end <= start:
                pos = _next_char(data, m.start())
                continue
            yield offsets.char(start), offsets.char(end)
            taken = end
            pos = max(_previous_char(data, end), _next_char(data, m.start()))


@lru_cache(maxsize=64)  # the rules search the same reply, and parts of it, many times
def _plain(text: str) -> bool:
    """Whether ``text`` holds no letter, digit or space beyond ASCII (nor an
    unassigned code point or lone surrogate, which a newer or older Unicode
    table could call a letter)."""
    for char in set(text):
        if char > "\x7f":
            category = unicodedata.category(char)
            if category[0] in "LNZ" or category in ("Cn", "Cs"):
                return False
    return True


def _flag_groups(rx) -> list[int]:
    return sorted(i for name, i in (rx.groupindex or {}).items() if FLAG_GROUP.fullmatch(name))


def _encode(text: str) -> bytes:
    # Lone surrogates (bytes a file decoder could not read) must not crash a check.
    return text.encode("utf-8", "surrogatepass")


def _next_char(data: bytes, i: int) -> int:
    i += 1
    while i < len(data) and 0x80 <= data[i] < 0xC0:
        i += 1
    return i


def _previous_char(data: bytes, i: int) -> int:
    i -= 1
    while i > 0 and 0x80 <= data[i] < 0xC0:
        i -= 1
    return max(i, 0)


class _CharOffsets:
    """UTF-8 byte offsets -> str offsets, for offsets that never go back."""

    __slots__ = ("data", "byte", "chars", "char")

    def __init__(self, data: bytes, text: str):
        self.data = data
        self.byte = self.chars = 0
        self.char = int if len(data) == len(text) else self._char

    def _char(self, offset: int) -> int:
        if offset < self.byte:  # not expected; stay correct anyway
            self.byte = self.chars = 0
        self.chars += len(self.data[self.byte:offset].decode("utf-8", "surrogatepass"))
        self.byte = offset
        return self.chars


def _reason(exc: Exception) -> str:
    detail = exc.args[0] if exc.args else str(exc)
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    detail = " ".join(str(detail).split())
    for pattern, reason in _REASONS:
        if pattern.search(detail):
            return f"{reason}: {_HINT}"
    if len(detail) > 100:
        detail = detail[:99] + "…"
    return f"{detail} ({_HINT})"


def _widened(pattern: str, *, narrow: bool = False) -> str:
    """``pattern`` with each Unicode property class (``\\pL``, ``\\P{Greek}``)
    replaced by a wider one that is cheap for RE2: the property's ASCII
    members plus (nearly) every non-ASCII character, or inside a negated
    class its ASCII members alone (:func:`_class_parts`). Whatever
    ``pattern`` matches, the result matches too, and in ASCII text the two
    match exactly the same.

    ``narrow``: only the letter, digit and space classes (``L``, ``N``,
    ``Z`` and their subcategories, not their complements), each replaced by
    its ASCII members alone. In text with no letter, digit or space beyond ASCII the result
    matches exactly what ``pattern`` matches. RE2 compiles a
    class such as ``[^\\pL]`` to about a thousand instructions (UTF-8 byte
    ranges of every letter) and gives its automaton's states a transition
    for each of up to 256 byte classes; the pack's patterns hold a hundred
    such classes. A pattern this cannot rewrite for sure (an unknown
    property, a negated class left empty) is returned as it is."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = negated = False
    class_start = 0  # where the current class's items begin in ``out``
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "Q":  # \Q...\E: literal text
                end = pattern.find("\\E", i + 2)
                end = n if end < 0 else end + 2
                out.append(pattern[i:end])
                i = end
                continue
            if nxt not in "pP":
                out.append(pattern[i:i + 2])
                i += 2
                continue
            start = i
            if pattern.startswith("{", i + 2):
                close = pattern.find("}", i + 3)
                if close < 0:
                    return pattern
                name, i = pattern[i + 3:close], close + 1
            elif i + 2 < n:
                name, i = pattern[i + 2], i + 3
            else:
                return pattern
            outside = nxt == "P"
            if name.startswith("^"):
                name, outside = name[1:], not outside
            if narrow and (outside or name not in _NARROWABLE):
                # kept as written: a complement ("\\PL") holds the curly quotes
                # and emoji that narrowing is for
                out.append(pattern[start:i])
                continue
            parts = _class_parts(name, outside)
            if parts is None:
                return pattern
            if narrow:
                if not in_class and not parts[0]:
                    return pattern
                out.append(parts[0] if in_class else f"[{parts[0]}]")
            elif not in_class:
                out.append(f"[{parts[0]}{parts[1]}]")
            else:
                out.append(parts[0] if negated else parts[0] + parts[1])
            continue
        if in_class:
            if pattern.startswith("[:", i):  # a POSIX class, "[:alpha:]"
                end = pattern.find(":]", i + 2)
                end = n if end < 0 else end + 2
                out.append(pattern[i:end])
                i = end
                continue
            if c == "]" and len(out) > class_start:
                if not "".join(out[class_start:]):  # "[]" or "[^]" would mean something else
                    return pattern
                in_class = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            negated = pattern.startswith("^", i + 1)
            out.append("[^" if negated else "[")
            i += 2 if negated else 1
            class_start = len(out)
            if pattern.startswith("]", i):  # "[]...]": a literal "]" first
                out.append("\\]")
                i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


#: The classes ``narrow`` rewrites: letters, digits and spaces.
_NARROWABLE = frozenset("L Lu Ll Lt Lm Lo N Nd Nl No Z Zs Zl Zp".split())
_ClassParts = tuple[str, str]  # (its ASCII members, the rest), as class items
_PARTS: dict[tuple[str, bool], _ClassParts | None] = {}
#: The non-ASCII characters that ``(?i)`` matches to ASCII letters.
_FOLDS_TO_ASCII = {"k": 0x212A, "s": 0x17F}  # the Kelvin sign, the long s


def _class_parts(name: str, outside: bool) -> _ClassParts | None:
    """Unicode property ``name`` (its complement if ``outside``) as class
    items: the ASCII characters in it, and every non-ASCII character but
    the Kelvin sign and the long s unless "k" / "s" are in it (under
    ``(?i)`` they would match "k" / "s"). None for a name RE2 does not know,
    or a property that holds one of those two and not its ASCII letter."""
    key = (name, outside)
    if key not in _PARTS:
        import re2

        try:
            rx = re2.compile(f"\\p{{{name}}}", _options())
        except re2.error:
            _PARTS[key] = None
            return None

        def holds(char: str) -> bool:
            return (rx.fullmatch(char) is None) == outside

        codes = [c for c in range(128) if holds(chr(c))]
        rest = r"\x{80}-\x{17E}\x{180}-\x{2129}\x{212B}-\x{10FFFF}"
        for letter, fold in _FOLDS_TO_ASCII.items():
            if holds(letter) != holds(chr(fold)):
                _PARTS[key] = None
                return None
            if holds(letter):
                rest += f"\\x{{{fold:X}}}"
        _PARTS[key] = ("".join(f"\\x{{{lo:02X}}}" if lo == hi else f"\\x{{{lo:02X}}}-\\x{{{hi:02X}}}"
                               for lo, hi in _runs(codes)), rest)
    return _PARTS[key]


def _runs(codes: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive runs in sorted ``codes``, as (first, last)."""
    start = prev = None
    for code in codes:
        if prev is not None and code == prev + 1:
            prev = code
            continue
        if start is not None:
            yield start, prev
        start = prev = code
    if start is not None:
        yield start, prev


def compile_regex(pattern) -> Regex:
    return Regex(pattern)
