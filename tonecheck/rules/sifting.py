"""Many regexes sifted at once: which of a pack's patterns may match a text.

Most replies hold none of a pack's regexes, and each search on its own has
a fixed cost of a few microseconds, so the rules' whole-text regexes are
sifted together (:class:`RegexFilter`) and only the candidates run.

A pattern is a candidate in text that holds what every match of it holds:
a word or pair of words of each of some sets (:mod:`.words`), and a string
of each of some sets of literal strings (:mod:`.literals`). Each
alternative of a pattern's words is filed under the words of its rarest
set (by the share of support replies each word or pair is in,
rules/rates.py), so a set lookup per word of the text opens the few tests
worth running; a pattern with no whole word is tested on every text by its
literals. On the real replies 0.32 patterns a reply are candidates.

It replaced RE2's FilteredRE2, which let 0.89 through and walked an
automaton of all the patterns' literal strings over every character of the
text: its cost, most of it the caches it evicts for the rest of a check,
grew with the patterns it held (docs/speed.md, the twenty-fifth session).

Spending less is never allowed to change a result: every test is one every
match that flags words passes (tests/test_index_prefilter.py and
tests/test_literals.py hold the default pack to it).
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from . import literals, words
from .rates import TEXT_RARE_RATE as _RARE_RATE
from .rates import text_word_rates
from .regex import _FLAGS_RE, Regex, RegexError, _prepare, _widened


class RegexFilter:
    """Many :class:`~.regex.Regex` patterns sifted at once (see the module's
    docstring). Patterns that need neither words nor literals (a
    placeholder such as ``[Name]``) are sifted by one joined search of their
    own: one automaton for many patterns answers fast once warm, but builds
    a state for every new combination of half-matched patterns."""

    __slots__ = ("_patterns", "_gates", "_gate_keys", "_ready", "_ungated", "_always", "_any", "_any_chars",
                 "_joined")

    def __init__(self):
        self._patterns: list[Regex] = []
        #: word (bytes) or pair of words (a tuple) -> the tests it opens, each
        #: (pattern, sets of words it needs one of each of, sets of strings it
        #: needs one of each of), the words as :func:`_tests` spells them
        self._gates: dict = {}
        self._gate_keys: frozenset = frozenset()  # the same, as a set
        #: the same tests as :func:`_run` reads them, made the first time the
        #: word opens them (a one-draft check opens a few of two thousand)
        self._ready: dict = {}
        self._ungated: tuple = ()  # the tests opened on every text
        self._always: list[int] = []  # the patterns that need neither words nor literals
        self._any: Regex | None = None  # those joined into one search
        #: characters one of which any match of those holds (None: not known)
        self._any_chars: frozenset[str] | None = None
        self._joined = False  # whether the above are up to date

    @property
    def patterns(self) -> tuple[Regex, ...]:
        """The patterns sifted, numbered as :meth:`candidates` answers."""
        return tuple(self._patterns)

    def add(self, regex: Regex) -> int:
        """Add ``regex``; returns its number in :meth:`candidates`' answers."""
        self._patterns.append(regex)
        self._joined = False
        return len(self._patterns) - 1

    def candidates(self, text: str) -> list[int]:
        """The numbers of the patterns that may match in ``text``, in order.
        Running them is left to the caller."""
        if not self._joined:
            self.compile()
        found: list[int] = []
        # The text's words and pairs (words.text_words, as bytes and pairs
        # of bytes) and its literals' form (literals.folded).
        folded, runs = words.folded_runs(text)
        pairs = list(zip(runs, runs[1:]))
        gate_keys = self._gate_keys
        keys = gate_keys.intersection(runs) | gate_keys.intersection(pairs)
        if _HAS_SPACE_TO_FOLD(folded):
            folded = folded.translate(literals.SPACE_FOLD)
        if keys:  # (two replies in five hold none: no set of their words is made)
            text_words = set(runs)
            text_words.update(pairs)
            ready = self._ready
            for key in keys:
                tests = ready.get(key)
                if tests is None:
                    tests = ready[key] = _ready(self._gates[key])
                _run(tests, text_words, folded, found)
        if self._ungated:  # tests of literals only
            _run(self._ungated, _NO_WORDS, folded, found)
        if self._always and _holds_any(text, self._any_chars) \
                and (self._any is None or self._any.search(text)):
            found += self._always
        if len(found) > 1:
            return sorted(set(found))  # a pattern under two words of the text is found twice
        return found

    def make_ready(self) -> None:
        """Make every word's tests ready now (else the first time the word
        opens them): for a warm service, whose first replies' latency counts."""
        if not self._joined:
            self.compile()
        self._ready = {key: _ready(tests) for key, tests in self._gates.items()}

    def compile(self) -> None:
        """Build the sifting now (else on the first search)."""
        try:
            self._compile(_filter_forms(self._patterns))
        except (TypeError, ValueError, AttributeError):  # a cached form of the wrong shape
            self._compile([_tests(rx) for rx in self._patterns])

    def _compile(self, forms: list) -> None:
        """Build the sifting from each pattern's :func:`_tests` (as lists,
        from the cache: one of the wrong shape raises TypeError)."""
        gates: dict = {}
        ungated, self._always = [], []
        for number, (literal_sets, alternatives) in enumerate(forms):
            literal_sets = tuple(_strings(need) for need in literal_sets)
            if not alternatives and not literal_sets:
                self._always.append(number)
                continue
            if not alternatives:
                ungated.append((number, (), literal_sets))
            for gate, word_sets in alternatives:
                test = (number, tuple(_strings(need) for need in word_sets), literal_sets)
                for word in _strings(gate):
                    gates.setdefault(_key(word), []).append(test)
        self._gates = gates
        self._gate_keys = frozenset(gates)
        self._ready = {}
        self._ungated = _ready(ungated)
        always = [self._patterns[i] for i in self._always]
        chars = [_required_chars(_sift_form(rx)) for rx in always]
        self._any_chars = None if None in chars else frozenset().union(*chars)
        self._any = _joined(always) if always else None
        if self._any is not None:
            # Within RE2's default 8 MB, the automaton of a large joined
            # program fills up on ordinary replies and is rebuilt over and
            # over (a search then costs ~50 times more): give it a budget
            # that grows with the program. Its states are built as text
            # needs them, so the memory used stays far below the budget.
            budget = min(_SIFT_MEM_CAP, self._any.compile().programsize * _SIFT_MEM_PER_INSTRUCTION)
            if budget > _RE2_MEM:
                self._any = _joined(always, max_mem=budget)
        self._joined = True


def _ready(tests: list) -> tuple:
    """``tests`` as :func:`_run` reads them: the words a match holds for
    sure (the sets of one) as one set, the other sets, and the sets of
    strings; words as the text's words hold them."""
    ready = []
    for number, word_sets, literal_sets in tests:
        sure = frozenset(_key(need[0]) for need in word_sets if len(need) == 1)
        others = tuple(frozenset(map(_key, need)) for need in word_sets if len(need) > 1)
        ready.append((number, sure or None, others, literal_sets))
    return tuple(ready)


def _strings(strings) -> tuple[str, ...]:
    """``strings`` (a list or tuple of strings: a cached form's) as a tuple."""
    if type(strings) not in (list, tuple) or not all(type(x) is str for x in strings):
        raise TypeError("expected a list of strings")
    return tuple(strings)


def _key(word: str):
    """A word or pair of words ("a b") as the text's words hold it: the
    word's bytes, or a tuple of the two."""
    first, _, second = word.partition(" ")
    return (first.encode(), second.encode()) if second else word.encode()


def _run(tests: tuple, text_words: set, folded: str, found: list) -> None:
    """Append to ``found`` the pattern of each of ``tests`` (:func:`_ready`)
    that the text's words and folded text pass (the sifting's inner loop)."""
    for number, sure, word_sets, literal_sets in tests:
        if sure is not None and not sure <= text_words:
            continue
        for need in word_sets:
            if need.isdisjoint(text_words):
                break
        else:
            for need in literal_sets:
                for string in need:
                    if string in folded:
                        break
                else:
                    break
            else:
                found.append(number)


def _filter_forms(regexes: list[Regex]) -> list:
    """Each regex's :func:`_tests`, kept between runs with the parsed rule
    files (rules/parsed_cache.py) as one JSON string, and read back as
    lists. Where the cache has none (a fresh install, a CI runner, a home
    it cannot write), each bundled regex's tests come from
    :data:`SHIPPED`, made ahead: reading them from the patterns takes
    Python's parser about 1.5 ms a pattern, most of a second for the
    bundled pack, which a one-draft check would pay on every run."""
    from . import parsed_cache

    data = "\0".join(rx.pattern for rx in regexes).encode("utf-8", "surrogatepass")
    stored = parsed_cache.load(data, "sifting")
    if isinstance(stored, str):
        try:
            forms = json.loads(stored)
        except ValueError:
            forms = None
        if isinstance(forms, list) and len(forms) == len(regexes):
            return forms
    shipped = shipped_tests()
    forms = [shipped.get(rx.pattern) or _tests(rx) for rx in regexes]
    parsed_cache.store(data, "sifting", json.dumps(forms, ensure_ascii=False))
    return forms


#: The bundled pack's sifting tests, made ahead by
#: ``python benchmarks/sifting_tests.py --write``, with a digest of the code
#: that makes them: read only where it matches this code.
SHIPPED = Path(__file__).with_name("sifting_tests.json")


def code_digest() -> str:
    """A digest of what makes the sifting's tests: the bytes of the files
    :data:`.parsed_cache.SIFTING_MAKERS` names, and the Python version, whose
    parser reads the patterns."""
    from .parsed_cache import SIFTING_MAKERS

    digest = hashlib.sha256(repr(sys.version_info[:2]).encode())
    here = Path(__file__).resolve().parent
    for name in SIFTING_MAKERS:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def made_tests(regexes) -> dict:
    """What :data:`SHIPPED` holds for ``regexes``, as this code makes it:
    the code's digest and each pattern's tests, as JSON reads them back."""
    tests = {rx.pattern: _tests(rx) for rx in regexes}
    return {"code": code_digest(), "tests": json.loads(json.dumps(tests, ensure_ascii=False))}


@lru_cache(maxsize=1)
def shipped_tests() -> dict:
    """Pattern -> its tests, as lists, from :data:`SHIPPED`; empty where the
    file is missing, unreadable or made by other code."""
    try:
        shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
        if shipped.get("code") == code_digest() and isinstance(shipped.get("tests"), dict):
            return shipped["tests"]
    except (OSError, ValueError, AttributeError):
        pass
    return {}


def _tests(rx: Regex) -> tuple:
    """What the sifting tests for ``rx`` (see the module's docstring):
    (literal sets, alternatives), the sets of literal strings (folded:
    :func:`.literals.folded`) a match holds one of each of, and for each
    alternative of the pattern's words, (gate, word sets): the words or
    pairs of words one of which opens it (the rarest of its sets, by the
    share of replies each word is in) and the other sets of words a match
    through it holds one of each of. No alternatives: the pattern is
    tested on every text (on its literals) or, with no literals either, by
    the joined search."""
    pattern = _prepare(rx.pattern)
    word_tree, literal_tree = words.required(pattern), literals.required(pattern)
    rates = text_word_rates()
    literal_sets = () if literal_tree is None else tuple(
        tuple(sorted({s.casefold() for s in need}, key=lambda s: (-len(s), s)))
        for need in words.clauses(literal_tree, {}, 1.0, 2 * MAX_TESTS))
    # Each kind of test in the order that fails soonest for what it costs.
    literal_sets = tuple(sorted(literal_sets, key=lambda need: (
        _cost_per_fail(len(need), sum(map(_literal_share, need))), need)))[:MAX_TESTS]
    literal_sets = tuple(need for need in literal_sets if len(need) <= MAX_SET_STRINGS)
    if word_tree is None:
        return literal_sets, ()
    alternatives = []
    for alternative in (word_tree[1] if word_tree[0] == "or" else (word_tree,)):
        gate, *word_sets = words.clauses(alternative, rates, _RARE_RATE, 2 * MAX_TESTS)
        word_sets = sorted((need for need in word_sets if len(need) <= MAX_SET_WORDS), key=lambda need: (
            _cost_per_fail(len(need), sum(rates.get(w, _RARE_RATE) for w in need)), need))
        alternatives.append((gate, tuple(word_sets[:MAX_WORD_TESTS])))
    return literal_sets, tuple(alternatives)


def _cost_per_fail(cost: float, passing: float) -> float:
    """What a test costs for each text it stops: its cost over the share of
    texts that fail it."""
    return cost / max(0.01, 1 - min(1.0, passing))


#: At most this many sets of literal strings are tested, and this many sets
#: of words after the gate; a set of words holds at most this many words
#: (a larger one costs a lookup per word of the text, and seldom fails), a
#: set of strings this many (each a search of the text).
MAX_TESTS, MAX_WORD_TESTS, MAX_SET_WORDS, MAX_SET_STRINGS = 6, 3, 16, 16


@lru_cache(maxsize=None)
def _literal_share(s: str) -> float:
    """A guess at the share of replies that hold ``s`` (only the order of the
    tests hangs on it): that of its rarest whole word; else, for part of a
    word, more the shorter it is; else (digits, emoji) rare."""
    rates = text_word_rates()
    runs = [(m.start(), m.end()) for m in _LETTER_RUN.finditer(s)]
    whole = [s[a:b] for a, b in runs if a > 0 and b < len(s)]
    if whole:
        return min(rates.get(w, _RARE_RATE) for w in whole)
    if runs:
        return min(1.0, 4 * 0.5 ** max(b - a for a, b in runs))
    return 0.01


_LETTER_RUN = re.compile(r"[a-z]+")


#: The text words a test of literals only is run with.
_NO_WORDS: frozenset = frozenset()
#: Whether a text holds a space other than " " (the literals are looked for
#: in text with each read as " ": :data:`.literals.SPACE_FOLD`).
_HAS_SPACE_TO_FOLD = re.compile(r"[\t\n\f\r]").search


def _holds_any(text: str, chars: frozenset[str] | None) -> bool:
    if chars is None:
        return True
    for c in chars:
        if c in text:
            return True
    return False


def _required_chars(pattern: str) -> frozenset[str] | None:
    """A few characters one of which every match of ``pattern`` holds (the
    placeholder check's "[", "{", "<", "%" and "X"), or None when there is
    no such short set. Read from Python's parse of the pattern (RE2's
    syntax, once its ``\\x{...}`` escapes are rewritten, is near enough); a
    pattern Python does not parse has none. A test on a few characters
    costs a tenth of a regex search."""
    tree = literals.python_parse(pattern)
    if tree is None:
        return None
    return _chars_of(tree, bool(tree.state.flags & re.IGNORECASE))


_MAX_REQUIRED_CHARS = 8


def _chars_of(items, icase: bool) -> frozenset[str] | None:
    """The smallest set one of whose characters a match of the sequence
    ``items`` (a parsed pattern) holds, from any one of its items."""
    best = None
    for op, av in items:
        got = _item_chars(str(op), av, icase)
        if got is not None and (best is None or len(got) < len(best)):
            best = got
    return best


def _item_chars(op: str, av, icase: bool) -> frozenset[str] | None:
    if op == "LITERAL":
        return _cased(chr(av), icase)
    if op == "IN":
        chars: set[str] = set()
        for item_op, item in av:
            item_op = str(item_op)
            if item_op == "LITERAL":
                codes = [item]
            elif item_op == "RANGE" and item[1] - item[0] < _MAX_REQUIRED_CHARS:
                codes = list(range(item[0], item[1] + 1))
            else:  # a negation, a category (\s), a wide range
                return None
            for code in codes:
                cased = _cased(chr(code), icase)
                if cased is None:
                    return None
                chars |= cased
        return frozenset(chars) if len(chars) <= _MAX_REQUIRED_CHARS else None
    if op == "SUBPATTERN":
        _group, add, drop, sub = av
        return _chars_of(sub, (icase or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE)
    if op == "BRANCH":
        union: set[str] = set()
        for branch in av[1]:
            got = _chars_of(branch, icase)
            if got is None:
                return None
            union |= got
        return frozenset(union) if len(union) <= _MAX_REQUIRED_CHARS else None
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, sub = av
        return _chars_of(sub, icase) if low >= 1 else None
    return None  # anchors, any character, a negated literal...: nothing required


def _cased(c: str, icase: bool) -> frozenset[str] | None:
    """``c`` as a match may hold it: without case folding, itself; with it,
    a character with no case only (a letter's fold orbit can reach beyond
    ASCII, as "k" does to the Kelvin sign)."""
    if icase and c.lower() != c.upper():
        return None
    return frozenset(c)


_RE2_MEM = 8 << 20  # RE2's default budget
#: The joined search's budget: this many bytes per instruction of its
#: program, RE2's default at least and ``_SIFT_MEM_CAP`` at most.
_SIFT_MEM_PER_INSTRUCTION = 1024
_SIFT_MEM_CAP = 64 << 20


_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")


def _sift_form(rx: Regex) -> str:
    """``rx``'s pattern as the sifting uses it: its Unicode classes widened
    (:func:`_widened`, a superset) and its named groups unnamed (group names
    may repeat across patterns)."""
    return _sift_pattern(rx.pattern)


@lru_cache(maxsize=1024)
def _sift_pattern(pattern: str) -> str:
    # remembered: building the sifting asks for a pattern's form twice (the
    # required characters and the joined search of the patterns with neither
    # words nor literals)
    return _NAMED_GROUP.sub("(?:", _widened(_prepare(pattern)))


def _joined(regexes: list[Regex], max_mem: int | None = None) -> Regex | None:
    """One regex that matches where any of ``regexes`` would, or None when
    they cannot be joined (the joined pattern is too large). Its Unicode
    classes are widened to ASCII ones (:func:`_widened`): it only sifts, and
    the exact patterns run wherever it matches."""
    parts = []
    for rx in regexes:
        body = _sift_form(rx)
        m = _FLAGS_RE.match(body)
        if m:  # "(?i)abc" -> "(?i:abc)": the flags stay with their pattern
            parts.append(f"(?{m.group(1)}:{body[m.end():]})")
        else:
            parts.append(f"(?:{body})")
    try:
        return Regex("|".join(parts), max_mem=max_mem)
    except RegexError:  # too large: every pattern runs on every text
        return None


