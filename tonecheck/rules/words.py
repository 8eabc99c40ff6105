"""The whole words every match of a regex holds, as an AND/OR tree.

The regex sifting (:class:`~.sifting.RegexFilter`) lets most of a pack's
regexes through only where the reply holds the words their matches must:
a set lookup per word of the reply, where an automaton over all the
patterns' literal strings walks every character of it and costs a check
several times more (docs/speed.md, the twenty-fifth session).

A *word* of a text is a maximal run of ASCII letters in the case-folded
text ("ſ" and the Kelvin sign, which RE2's case folding matches to "s" and
"k", fold to them). Every other character ends a word ("it's" holds "it"
and "s", "2pm" holds "pm"); no character but a letter folds to an ASCII
letter, so a word of a pattern, which no letter touches, is a word of
any text it matches. Two words in a row (nothing but other characters
between them) are also a *pair*, written "it s".

A word of a pattern is a run of ASCII letters the pattern spells out whose
neighbours, in every match, cannot continue a word of the text: each side
is a text edge, a character that is not a letter, or a class that excludes
every letter (``\\pL``). ``(?:^|[^\\pL\\pN_])or the (?:claim|case)
stays(?:$|[^\\pL\\pN_])`` holds "or", "the", "stays", one of "claim" and
"case", and the pairs between them. A side that could be a letter
(``[^\\w]``: RE2's ``\\w`` is ASCII only, so that class matches "ſ"), an
optional part, or an unbounded class leaves the run out: never less than
the pattern requires. Only matches that flag words count (an alternative
without a ``flag`` group flags nothing, rules/regex.py).

The tree is read from Python's parse of the pattern, with ``\\pL`` and
``\\pN`` read as marker characters; a pattern Python does not read has no
tree, and neither has one whose matches need no whole word.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from .literals import all_of, one_of, python_parse
from .regex import FLAG_GROUP

# What a character of a match may be, as bits.
SPACE, LETTER, OTHER = 1, 2, 4  # SPACE includes a text edge
_ANY = SPACE | LETTER | OTHER
#: \pL and \pN, written as private-use characters for Python's parser.
_LETTERS, _NUMBERS, _OTHER_CLASS = "\ue000", "\ue001", "\ue002"
_MARKERS = frozenset((_LETTERS, _NUMBERS, _OTHER_CLASS))
_UNICODE_CLASS = re.compile(r"\\([pP])(?:\{([^}]*)\}|([A-Za-z]))")
_EDGES = frozenset({"AT_BEGINNING", "AT_BEGINNING_STRING", "AT_END", "AT_END_STRING"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
#: Up to this many spellings, neighbouring exact parts are read as whole
#: strings ("re-send", "resend" and "send" from ``(?:re-?)?send``).
MAX_SPELLINGS = 64
#: A run of letters in a spelt-out part of a pattern (what :func:`_char`
#: calls LETTER: no marker is ever spelt out).
_LETTER_RUN = re.compile(r"[^\W\d_]+")
#: A pattern word: plain ASCII letters.
_PLAIN = re.compile(r"[a-z]+\Z")
#: A table for ``bytes.translate`` that keeps "a" to "z" and makes any other
#: byte a space: in the UTF-8 of a folded text, the words split at spaces.
_LETTERS_ONLY = bytes(code if 97 <= code <= 122 else 32 for code in range(256))

# A tree is ("w", word), ("and", children) or ("or", children); None stands
# for "nothing required" and is never inside one.

#: What has been read of the groups of the pattern being read (see
#: :func:`_remembered`), emptied when it is done.
_MEMO: dict = {}


def folded_runs(text: str) -> tuple[str, list[bytes]]:
    """``text`` case-folded (for ASCII text, lowercased: the same) and its
    words in order, as bytes: what the regex sifting reads of every reply."""
    folded = text.lower() if text.isascii() else text.casefold()
    return folded, folded.encode("utf-8", "surrogatepass").translate(_LETTERS_ONLY).split()


def text_words(text: str) -> set[str]:
    """The words of ``text``, and each two in a row as "first second"."""
    runs = [run.decode("ascii") for run in folded_runs(text)[1]]
    found = set(runs)
    found.update([a + " " + b for a, b in zip(runs, runs[1:])])
    return found


def required(pattern: str):
    """The tree of words every match of ``pattern`` (RE2 syntax, any leading
    ``(?x)`` already applied) that flags words holds, or None. Where the
    pattern has ``flag`` groups (:mod:`.regex`), a match in which none takes
    part flags nothing: its alternatives without one ("(?:if you never|
    (?P<flag>you never))", which excludes what a lookbehind would) are left
    out."""
    if not _MARKERS.isdisjoint(pattern):  # the markers below would be misread
        return None
    parsed = python_parse(_UNICODE_CLASS.sub(_mark, pattern))
    if parsed is None:
        return None
    flags = frozenset(number for name, number in parsed.state.groupdict.items() if FLAG_GROUP.fullmatch(name))
    try:
        return _tree(list(parsed), _ANY, _ANY, flags, bool(flags))
    finally:
        _MEMO.clear()


def clauses(tree, rates: dict[str, float], default: float, limit: int = 4) -> tuple[tuple[str, ...], ...]:
    """Sets of words, one of each set in every match, rarest first (by the
    share of replies each word is in, ``default`` for an unlisted one). A
    tree's "or" of "and"s gives the union of one set from each
    alternative, so the sets pass more text than the tree would, never less."""
    found = sorted(set(_clauses(tree, rates, default, limit)),
                   key=lambda c: (_share(c, rates, default), sorted(c)))
    return tuple(tuple(sorted(c)) for c in found[:limit])


def _share(words, rates, default) -> float:
    # fsum: the same sum in any order (a set's order changes from run to run)
    return min(1.0, math.fsum(rates.get(w, default) for w in words))


def _clauses(tree, rates, default, limit) -> list[frozenset[str]]:
    kind, value = tree
    if kind == "w" or kind == "lit":
        return [frozenset((value,))]
    if kind == "and":
        return [c for child in value for c in _clauses(child, rates, default, limit)]
    # "or": the i-th rarest set of every alternative, joined
    options = [sorted(set(_clauses(child, rates, default, limit)),
                      key=lambda c: (_share(c, rates, default), sorted(c)))
               for child in value]
    return [frozenset().union(*(o[min(i, len(o) - 1)] for o in options))
            for i in range(min(limit, max(len(o) for o in options)))]


def _mark(m: re.Match) -> str:
    name = m.group(2) or m.group(3)
    if m.group(1) == "p" and name == "L":
        return _LETTERS
    if m.group(1) == "p" and name == "N":
        return _NUMBERS
    return _OTHER_CLASS  # another class, or a negated one: it may match anything


# -- what may be at each end of an item -------------------------------------------


@lru_cache(maxsize=4096)  # a pack's patterns spell their words with few characters
def _char(c: str) -> int:
    if c == _LETTERS:
        return LETTER
    if c == _NUMBERS:
        return OTHER
    if c == _OTHER_CLASS:
        return _ANY
    if c.isspace():
        return SPACE
    if c.isalpha():
        return LETTER
    return OTHER


def _class(items) -> int:
    if items and str(items[0][0]) == "NEGATE":
        return _ANY & ~_covered(items[1:])
    bits = 0
    for op, value in items:
        op = str(op)
        if op == "LITERAL":
            bits |= _char(chr(value))
        elif op == "RANGE":
            low, high = value
            if high - low > 256:
                return _ANY
            for code in range(low, high + 1):
                bits |= _char(chr(code))
        elif op == "CATEGORY" and str(value) == "CATEGORY_SPACE":
            bits |= SPACE
        elif op == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
            bits |= OTHER
        elif op == "CATEGORY" and str(value) == "CATEGORY_WORD":
            bits |= LETTER | OTHER
        else:
            return _ANY
    return bits


def _covered(items) -> int:
    """What a negated class excludes entirely: letters only through \\pL
    (RE2's \\w and a-z leave "ſ" and the Kelvin sign)."""
    for op, value in items:
        if str(op) == "LITERAL" and chr(value) == _LETTERS:
            return LETTER
    return 0


class _Ends:
    """What an item's first and last characters may be, and whether it may
    match nothing but a position (so what is on either side of it touches)."""

    __slots__ = ("first", "last", "passes")

    def __init__(self, first: int, last: int, passes: bool):
        self.first, self.last, self.passes = first, last, passes


def _ends(op: str, value) -> _Ends:
    if op == "LITERAL":
        bits = _char(chr(value))
        return _Ends(bits, bits, False)
    if op == "IN":
        bits = _class(value)
        return _Ends(bits, bits, False)
    if op == "NOT_LITERAL":  # Python's reading of a one-item negated class ([^\\pL])
        bits = _ANY & ~LETTER if chr(value) == _LETTERS else _ANY
        return _Ends(bits, bits, False)
    if op == "AT":  # a text edge reads as a space; \b and the like as nothing
        return _Ends(SPACE, SPACE, False) if str(value) in _EDGES else _Ends(0, 0, True)
    if op == "SUBPATTERN":
        return _sequence_ends(value[3])
    if op == "BRANCH":
        ends = [_sequence_ends(branch) for branch in value[1]]
        first = last = 0
        for e in ends:
            first, last = first | e.first, last | e.last
        return _Ends(first, last, any(e.passes for e in ends))
    if op in _REPEATS:
        inner = _sequence_ends(value[2])
        return _Ends(inner.first, inner.last, value[0] == 0 or inner.passes)
    return _Ends(_ANY, _ANY, op != "ANY")


def _remembered(read, items):
    """``read(items)``, remembered while one pattern is read: a tree asks
    for a group's ends and spellings at every level above it (a fifth of
    the reading). The entry keeps ``items``, so its id names nothing else
    meanwhile."""
    key = (read, id(items))
    known = _MEMO.get(key)
    if known is None:
        known = _MEMO[key] = (items, read(items))
    return known[1]


def _sequence_ends(items) -> _Ends:
    return _remembered(_sequence_ends_of, items)


def _sequence_ends_of(items) -> _Ends:
    ends = [_ends(str(op), value) for op, value in items]
    first = last = 0
    for e in ends:
        first |= e.first
        if not e.passes:
            break
    for e in reversed(ends):
        last |= e.last
        if not e.passes:
            break
    return _Ends(first, last, all(e.passes for e in ends))


def _before(ends: list[_Ends], i: int, left: int) -> int:
    bits = 0
    for e in reversed(ends[:i]):
        bits |= e.last
        if not e.passes:
            return bits
    return bits | left


def _after(ends: list[_Ends], i: int, right: int) -> int:
    bits = 0
    for e in ends[i + 1:]:
        bits |= e.first
        if not e.passes:
            return bits
    return bits | right


# -- the tree ---------------------------------------------------------------------


def _exact(op: str, value) -> set[str] | None:
    """The strings a match of the item is one of, as far as words go (any
    run of characters that are not letters reads as " "), or None."""
    if op == "LITERAL":
        c = chr(value)
        return None if c in _MARKERS else {c}
    if op in ("IN", "NOT_LITERAL"):
        if not _ends(op, value).first & LETTER:
            return {" "}
        if op == "NOT_LITERAL":
            return None
        chars = set()
        for item_op, item in value:
            if str(item_op) != "LITERAL" or chr(item) in _MARKERS:
                return None
            chars.add(chr(item))
        return chars if len(chars) <= 8 else None
    if op in _REPEATS and not _sequence_ends(value[2]).first & LETTER \
            and len(value[2]) == 1 and str(value[2][0][0]) in ("IN", "NOT_LITERAL", "LITERAL"):
        return {" "} if value[0] else {"", " "}  # \s+, " *": no letters, one run of others
    if op == "SUBPATTERN":
        return _exact_sequence(value[3])
    if op == "BRANCH":
        strings: set[str] = set()
        for branch in value[1]:
            spelt = _exact_sequence(branch)
            if spelt is None:
                return None
            strings |= spelt
        return strings if len(strings) <= MAX_SPELLINGS else None
    if op in _REPEATS and value[1] == 1 and value[0] in (0, 1):
        spelt = _exact_sequence(value[2])
        if spelt is None:
            return None
        return spelt | {""} if value[0] == 0 else spelt
    return None


def _exact_sequence(items) -> set[str] | None:
    return _remembered(_exact_sequence_of, items)


def _exact_sequence_of(items) -> set[str] | None:
    strings = {""}
    for op, value in items:
        spelt = _exact(str(op), value)
        if spelt is None:
            return None
        strings = {a + b for a in strings for b in spelt}
        if len(strings) > MAX_SPELLINGS:
            return None
    return strings


def _tree(items: list, left: int, right: int, flags: frozenset, need: bool):
    """What ``items`` (a sequence) require, between ``left`` and ``right``
    (what may come before and after them); with ``need``, in a match where
    one of the groups ``flags`` takes part."""
    ends = [_ends(str(op), value) for op, value in items]
    # An item that holds a flag group, unless it is one, may match without
    # it: it is read on its own, where that can be told.
    spelt = [None if need and _holds_flag(op, value, flags) and not _is_flag(op, value, flags)
             else _exact(str(op), value) for op, value in items]
    children, flagged, i = [], [], 0
    while i < len(items):
        if spelt[i] is not None:  # a run of exact parts: read as whole strings
            j, strings = i + 1, spelt[i]
            while j < len(items) and spelt[j] is not None:
                joined = {a + b for a in strings for b in spelt[j]}
                if len(joined) > MAX_SPELLINGS:
                    break
                strings, j = joined, j + 1
            before, after = _before(ends, i, left), _after(ends, j - 1, right)
            children.append(one_of([all_of(_words(s, before, after)) for s in sorted(strings)]))
            if need and any(_holds_flag(op, value, flags) for op, value in items[i:j]):
                flagged.append(None)  # a flag group in a run of exact parts takes part in it
            i = j
            continue
        op, value = str(items[i][0]), items[i][1]
        before, after = _before(ends, i, left), _after(ends, i, right)
        if need and _holds_flag(op, value, flags):
            flagged.append(_item_tree(op, value, before, after, flags, True))
            if len(flagged) == 1:
                children.append(None)  # stands in for the flagged reading, below
                i += 1
                continue
        children.append(_item_tree(op, value, before, after, flags, False))
        i += 1
    if need and flagged:
        # the one item with a flag group is read as flagged; of several, one is
        children.append(flagged[0] if len(flagged) == 1 else one_of(flagged))
    return all_of(children)


def _item_tree(op: str, value, left: int, right: int, flags: frozenset, need: bool):
    if op == "SUBPATTERN":
        inner_need = need and value[0] not in flags  # a flag group takes part where it matches
        return _tree(list(value[3]), left, right, flags, inner_need)
    if op == "BRANCH":
        branches = [b for b in value[1] if not need or _holds_flag("SUBPATTERN", (None, 0, 0, b), flags)]
        return one_of([_tree(list(branch), left, right, flags, need) for branch in branches])
    if op in _REPEATS:
        low, high, sub = value
        if low == 0 and not need:
            return None
        if high == 1:
            return _tree(list(sub), left, right, flags, need)
        inner = _sequence_ends(sub)  # a repeat may follow or precede itself
        return _tree(list(sub), left | inner.last, right | inner.first, flags, need)
    return None


def _is_flag(op, value, flags: frozenset) -> bool:
    return str(op) == "SUBPATTERN" and value[0] in flags


def _holds_flag(op, value, flags: frozenset) -> bool:
    """Whether the item is or holds one of the groups ``flags``."""
    if not flags:
        return False
    op = str(op)
    if op == "SUBPATTERN":
        return value[0] in flags or any(_holds_flag(o, v, flags) for o, v in value[3])
    if op == "BRANCH":
        return any(_holds_flag(o, v, flags) for branch in value[1] for o, v in branch)
    if op in _REPEATS:
        return any(_holds_flag(o, v, flags) for o, v in value[2])
    return False


def _words(s: str, before: int, after: int) -> list:
    """The pattern words of string ``s``, with ``before``/``after`` what may
    be next to it."""
    words, n, previous = [], len(s), None
    for m in _LETTER_RUN.finditer(s):
        i, j = m.span()
        word = m.group().lower()
        if (i or not before & LETTER) and (j < n or not after & LETTER) and _PLAIN.match(word):
            words.append(("w", word))
            if previous is not None:  # two words in a row: a pair
                words.append(("w", f"{previous} {word}"))
            previous = word
        else:
            previous = None
    return words
