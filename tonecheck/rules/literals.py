"""The literal strings every match of a regex holds, as an AND/OR tree.

The regex sifting (:mod:`.sifting`) tests a pattern on a text only where
the text, case-folded and with each space read as " " (:func:`folded`),
holds a string of each of some sets of these literals: a test every match
passes, so sifting by it never loses a match.

The tree is read from Python's parse of the pattern (RE2's syntax, its
``\\x{...}`` escapes and ``\\p`` classes rewritten, is near enough; a
construct Python reads otherwise fails to parse or reads as wider, never as
a literal RE2 would not require). A pattern Python does not parse, or whose
matches need no literal, has no tree.
"""
from __future__ import annotations

import re
import warnings

#: Up to this many spellings, neighbouring literals are joined into whole
#: strings ("that is" and "that's" from ``that(?:'s| is)``).
MAX_EXACT = 8
#: A string of fewer UTF-8 bytes is too common to sift by: nothing required.
MIN_LITERAL = 3
#: A character class of up to this many characters reads as those characters.
MAX_CLASS = 8
#: The sifting reads each of RE2's spaces (``\s`` is ASCII only) as " ",
#: in the literals and in the text: "we\s+not" then needs "we " and " not",
#: not five spellings of each.
SPACE_FOLD = str.maketrans("\t\n\f\r", "    ")

_HEX_ESCAPE = re.compile(r"\\x\{([0-9A-Fa-f]{1,6})\}")
_UNICODE_CLASS = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
_POSIX_CLASS = re.compile(r"\[:\^?[a-z]+:\]")

# A tree is ("lit", string), ("and", children) or ("or", children); None
# stands for "nothing required" and is never inside one.


def required(pattern: str):
    """The tree of literals every match of ``pattern`` (RE2 syntax, any
    leading ``(?x)`` already applied) holds, or None."""
    parsed = python_parse(pattern, classes_as_words=True)
    return None if parsed is None else _required(_sequence(parsed))


def python_parse(pattern: str, *, classes_as_words: bool = False):
    """Python's parse of an RE2 ``pattern``, its ``\\x{...}`` escapes
    rewritten (and, with ``classes_as_words``, its ``\\p`` classes read as
    ``\\w``, a class too); None for what Python does not read as RE2 does."""
    try:
        from re import _parser
    except ImportError:  # Python 3.10
        import sre_parse as _parser
    if _POSIX_CLASS.search(pattern):  # which Python reads as plain characters
        return None
    python = _HEX_ESCAPE.sub(lambda m: "\\U%08X" % int(m.group(1), 16), pattern)
    if classes_as_words:
        python = _UNICODE_CLASS.sub(r"\\w", python)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a nested set and the like: read differently
            return _parser.parse(python)
    except Exception:  # noqa: BLE001 - any syntax Python reads otherwise
        return None


def folded(text: str) -> str:
    """``text`` as the literals are looked for in it: case-folded (as the
    literals are: a case-insensitive pattern's characters match what folds
    alike), with each space read as " "."""
    return text.casefold().translate(SPACE_FOLD)


# -- reading the parse ----------------------------------------------------------
# Each item reads as ("exact", strings): a match of it is one of these
# strings; ("repeat", strings): two or more of them run together; or
# ("tree", tree or None): a match holds what the tree requires.

def _sequence(items) -> tuple:
    exact, parts = {""}, []
    for op, av in items:
        kind, value = _item(str(op), av)
        if kind == "repeat":
            # x{2,} or x+ after "we": the match holds "we" + one x, and one x
            # + what follows ("we not" in "we\s+not" holds "we " and " not")
            joined = {a + b for a in exact for b in value}
            parts.append(_required(("exact", joined if len(joined) <= MAX_EXACT else exact)))
            exact = value
            continue
        if kind == "exact":
            if len(exact) * len(value) <= MAX_EXACT:
                exact = {a + b for a in exact for b in value}
                continue
            parts.append(_required(("exact", exact)))
            exact = value
        else:
            parts += [_required(("exact", exact)), value]
            exact = {""}
    if not parts:
        return "exact", exact
    parts.append(_required(("exact", exact)))
    return "tree", all_of(parts)


def _item(op: str, av) -> tuple:
    if op == "LITERAL":
        return "exact", {chr(av).translate(SPACE_FOLD)}
    if op == "IN":
        chars: set[str] = set()
        for item_op, item in av:
            item_op = str(item_op)
            if item_op == "LITERAL":
                chars.add(chr(item).translate(SPACE_FOLD))
            elif item_op == "RANGE" and item[1] - item[0] < MAX_CLASS:
                chars.update(chr(code).translate(SPACE_FOLD) for code in range(item[0], item[1] + 1))
            elif item_op == "CATEGORY" and str(item) == "CATEGORY_SPACE":
                chars.add(" ")
            else:  # a negation, another category (\d, \w), a wide range
                return "tree", None
        return ("exact", chars) if len(chars) <= MAX_CLASS else ("tree", None)
    if op == "SUBPATTERN":
        return _sequence(av[3])
    if op == "BRANCH":
        read = [_sequence(branch) for branch in av[1]]
        if all(kind == "exact" for kind, _value in read):
            union = set().union(*(value for _kind, value in read))
            if len(union) <= MAX_EXACT:
                return "exact", union
        return "tree", one_of([_required(r) for r in read])
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        if low == 0:
            return "tree", None
        read = _sequence(sub)
        if low == high == 1:
            return read
        # more than one: each repeat is one of the strings, and they run together
        return ("repeat", read[1]) if read[0] == "exact" else ("tree", read[1])
    if op == "AT":  # ^, $, \b: a position, no characters
        return "exact", {""}
    return "tree", None  # any character, a negated literal, a category, a group reference


def _required(read: tuple):
    kind, value = read
    if kind == "tree":
        return value
    return one_of([("lit", s) if len(s.encode("utf-8", "surrogatepass")) >= MIN_LITERAL else None
                    for s in sorted(value)])


def one_of(trees: list):
    """A tree that one of ``trees`` holds; None (nothing required) where one
    of them requires nothing, or there are none. Also for the word trees of
    :mod:`.words`, which share the shape."""
    if not trees or any(t is None for t in trees):
        return None  # one alternative requires nothing: the whole requires nothing
    flat: list = []
    for t in trees:
        for child in (t[1] if t[0] == "or" else (t,)):
            if child not in flat:
                flat.append(child)
    return flat[0] if len(flat) == 1 else ("or", tuple(flat))


def all_of(trees: list):
    """A tree that holds all of ``trees`` (a None among them requires nothing)."""
    flat: list = []
    for t in trees:
        if t is None:
            continue
        for child in (t[1] if t[0] == "and" else (t,)):
            if child not in flat:
                flat.append(child)
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else ("and", tuple(flat))
