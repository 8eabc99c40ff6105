"""Many regexes sifted at once: which of a pack's patterns may match a text.

Most replies hold none of a pack's regexes, and each search on its own has
a fixed cost of a few microseconds, so the rules' whole-text regexes are
sifted together (:class:`RegexFilter`) and only the candidates run.

A pattern is a candidate in text that holds what every match of it holds:
a word of each of some sets of words, all the words of one of its
alternatives (:mod:`.words`), and a string of each of some sets of literal
strings (:mod:`.literals`). Each pattern is filed under the words of one
set, chosen to be rare (by the share of support replies each word or pair
of words is in), so a set lookup per word of the text opens the few
patterns worth testing further; a pattern with no whole word is opened on
every text and tested on its literals. The tests of the patterns under a
word are compiled into one Python function the first time the word opens
them (:func:`_gate_function`), which answers in a tenth of the time a loop
over the same tests takes. The sifting replaced RE2's FilteredRE2, which
walks an automaton of all the patterns' literal strings over every
character of the text: its cost, most of it the caches it evicts for the
rest of a check, grew with the patterns it held (docs/speed.md, the
twenty-fifth session).

Spending less is never allowed to change a result: every test is one every
match passes (tests/test_index_prefilter.py holds the default pack to it).
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import literals, words
from .regex import _FLAGS_RE, Regex, RegexError, _prepare, _widened


class RegexFilter:
    """Many :class:`~.regex.Regex` patterns sifted at once (see the module's
    docstring). Patterns that need neither words nor literals (a
    placeholder such as ``[Name]``) are sifted by one joined search of their
    own: one automaton for many patterns answers fast once warm, but builds
    a state for every new combination of half-matched patterns."""

    __slots__ = ("_patterns", "_gates", "_gate_keys", "_functions", "_ungated", "_always", "_any",
                 "_any_chars", "_joined")

    def __init__(self):
        self._patterns: list[Regex] = []
        #: word (bytes) or pair of words (a tuple) -> (pattern, test) of each
        #: test it opens (:func:`_tests`)
        self._gates: dict = {}
        self._gate_keys: frozenset = frozenset()  # the same, as a set
        self._functions: dict = {}  # the same -> its compiled tests (:func:`_gate_function`)
        self._ungated = None  # the compiled tests of the patterns opened on every text
        self._always: list[int] = []  # the patterns that need neither words nor literals
        self._any: Regex | None = None  # those joined into one search
        #: characters one of which any match of those holds (None: not known)
        self._any_chars: frozenset[str] | None = None
        self._joined = False  # whether the above are up to date

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
        # The text's words (words.text_words, inline) and its literals' form
        # (literals.folded): this runs on every reply.
        folded = text.lower() if text.isascii() else text.casefold()
        runs = folded.encode("utf-8", "surrogatepass").translate(words.LETTERS_ONLY).split()
        text_words = set(runs)
        text_words.update(zip(runs, runs[1:]))
        if _HAS_SPACE_TO_FOLD(folded):
            folded = folded.translate(literals.SPACE_FOLD)
        functions = self._functions
        for key in text_words.intersection(self._gate_keys):
            function = functions.get(key)
            if function is None:
                function = functions[key] = _gate_function(self._gates[key])
            function(text_words, folded, found)
        if self._ungated is not None:
            self._ungated(text_words, folded, found)
        if self._always and _holds_any(text, self._any_chars) \
                and (self._any is None or self._any.search(text)):
            found += self._always
        if len(found) > 1:
            return sorted(set(found))  # a pattern under two words of the text is found twice
        return found

    def compile(self, *, functions: bool = False) -> None:
        """Build the sifting now (else on the first search); ``functions``:
        compile every word's tests too (else the first time the word opens
        them)."""
        gates: dict = {}
        ungated, self._always = [], []
        for number, entries in enumerate(_filter_forms(self._patterns)):
            if not entries:
                self._always.append(number)
            for entry in entries:
                gate = entry[0]
                for word in gate:
                    gates.setdefault(_key(word), []).append((number, entry))
                if not gate:
                    ungated.append((number, entry))
        self._gates = {key: tuple(tests) for key, tests in gates.items()}
        self._gate_keys = frozenset(self._gates)
        self._functions = {}
        if functions:
            self._functions = {key: _gate_function(tests) for key, tests in self._gates.items()}
        self._ungated = _gate_function(tuple(ungated)) if ungated else None
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


def _key(word: str):
    """A word or pair of words ("a b") as the text's words hold it: the
    word's bytes, or a tuple of the two."""
    first, _, second = word.partition(" ")
    return (first.encode(), second.encode()) if second else word.encode()


def _gate_function(tests: tuple):
    """One function that runs ``tests`` ((pattern, test) pairs, see
    :func:`_tests`) on a text's words and folded text and appends the
    patterns that pass to a list: ``f(words, folded, found)``. Its source
    is built from the tests, each an ``and`` of ``in`` tests on constants
    (every word and string written with ``repr``) and of set tests on
    values passed in by name, the cheapest for how often it fails first."""
    from .index import _RARE_RATE, word_rates

    rates = word_rates()["word"]
    values: list = []

    def value(v) -> str:
        values.append(v)
        return f"v{len(values) - 1}"

    def share(words_) -> float:
        return min(1.0, sum(rates.get(w, _RARE_RATE) for w in words_))

    lines = ["def make({params}):", "    def sift(w, f, found):"]
    for number, (_gate, word_sets, rest, literal_sets) in tests:
        conditions = []  # (cost, share of texts that pass, source)
        if rest:
            keys = [_key(word) for word in rest]
            conditions.append((len(keys), min(rates.get(w, _RARE_RATE) for w in rest),
                               f"{keys[0]!r} in w" if len(keys) == 1 else f"{value(frozenset(keys))} <= w"))
        for need in word_sets:
            keys = [_key(word) for word in need]
            conditions.append((len(keys), share(need), f"{keys[0]!r} in w" if len(keys) == 1
                               else f"not {value(frozenset(keys))}.isdisjoint(w)"))
        for need in literal_sets:
            conditions.append((2 * len(need), min(1.0, sum(map(_literal_share, need))),
                               "(" + " or ".join(f"{s!r} in f" for s in need) + ")"))
        conditions.sort(key=lambda c: c[0] / max(0.01, 1 - c[1]))
        if conditions:
            lines.append(f"        if {' and '.join(c[2] for c in conditions)}:")
            lines.append(f"            found.append({number})")
        else:
            lines.append(f"        found.append({number})")
    lines.append("    return sift")
    source = "\n".join(lines).replace("{params}", ", ".join(f"v{i}" for i in range(len(values))))
    namespace: dict = {}
    exec(compile(source, "<tonecheck regex sifting>", "exec"), namespace)  # noqa: S102 - our own source
    return namespace["make"](*values)


def _filter_forms(regexes: list[Regex]) -> list[tuple]:
    """Each regex's :func:`_tests`, kept between runs with the parsed rule
    files (rules/parsed_cache.py, as lists: it reads tuples as its own):
    reading them takes Python's parser about 2 ms a pattern, a second for
    the bundled pack, which a one-draft check or the mail hook would pay
    on every send."""
    from . import parsed_cache

    data = "\0".join(rx.pattern for rx in regexes).encode("utf-8", "surrogatepass")
    stored = parsed_cache.load(data, "sifting")
    if isinstance(stored, list) and len(stored) == len(regexes) and all(map(_well_formed, stored)):
        return [tuple((tuple(gate), tuple(map(tuple, word_sets)), tuple(rest), tuple(map(tuple, literal_sets)))
                      for gate, word_sets, rest, literal_sets in entries) for entries in stored]
    forms = [_tests(rx) for rx in regexes]
    parsed_cache.store(data, "sifting", [[[list(gate), [list(s) for s in word_sets], list(rest),
                                            [list(s) for s in literal_sets]]
                                           for gate, word_sets, rest, literal_sets in entries]
                                          for entries in forms])
    return forms


def _well_formed(entries) -> bool:
    """Whether a cached form is a list of tests, each four lists: of strings,
    of lists of strings, of strings, of lists of strings (a planted or
    foreign cache must not put other values into the generated source)."""
    def strings(x):
        return isinstance(x, list) and all(type(s) is str for s in x)

    return isinstance(entries, list) and all(
        isinstance(e, list) and len(e) == 4 and strings(e[0]) and strings(e[2])
        and isinstance(e[1], list) and all(map(strings, e[1]))
        and isinstance(e[3], list) and all(map(strings, e[3]))
        for e in entries)


#: At most this many sets of each kind are tested for a pattern.
MAX_SETS = 8


def _tests(rx: Regex) -> tuple:
    """What the sifting tests for ``rx`` (see the module's docstring): a
    tuple of tests, one of which every match passes, each (gate, word sets,
    rest, literal sets): the words one of which opens the test (none: it
    runs on every text), sets of words a match holds one of each of, words
    a match holds all of, and sets of literal strings (folded:
    :func:`.literals.folded`) a match holds one of each of. None: the
    pattern needs none of these (the joined search sifts it).

    Where a match holds all the words of one of a few alternatives
    (:func:`.words.alternatives`), each alternative is a test of its own,
    opened by its rarest word or pair of words; else the pattern is opened
    by the rarest of the sets of words a match holds one of each of."""
    from .index import _RARE_RATE, word_rates

    pattern = _prepare(rx.pattern)
    word_tree, literal_tree = words.required(pattern), literals.required(pattern)
    literal_sets: tuple = ()
    if literal_tree is not None:
        # Cheapest for how often they fail first.
        literal_sets = tuple(sorted(
            (tuple(sorted({s.casefold() for s in need}, key=lambda s: (-len(s), s)))
             for need in words.clauses(literal_tree, {}, 1.0, 2 * MAX_SETS)),
            key=lambda need: (len(need) / max(0.01, 1 - sum(_literal_share(s) for s in need)), need)))
    if word_tree is None:
        tests = _literal_tests(literal_sets, others=False)
        return (((), (), (), tests),) if tests else ()
    rates = word_rates()["word"]

    def rate(word: str) -> float:
        return rates.get(word, _RARE_RATE)

    word_sets = words.clauses(word_tree, rates, _RARE_RATE, MAX_SETS)
    small_sets = tuple(s for s in word_sets if len(s) <= MAX_SET_WORDS)
    alternatives = words.alternatives(word_tree, MAX_ALTERNATIVES)
    gates = [min(alternative, key=lambda w: (rate(w), w)) for alternative in alternatives if alternative]
    if len(gates) == len(alternatives) and sum(map(rate, gates)) < sum(map(rate, word_sets[0])):
        tests = []
        for alternative, gate in zip(alternatives, gates):
            rest = tuple(w for w in alternative if w != gate)
            needs = tuple(s for s in small_sets if gate not in s and not set(rest) & set(s))[:MAX_TESTS]
            tests.append(((gate,), needs, rest, _literal_tests(literal_sets, others=bool(rest or needs))))
        return tuple(tests)
    gate, needs = word_sets[0], tuple(s for s in small_sets if s != word_sets[0])[:MAX_TESTS]
    return ((gate, needs, (), _literal_tests(literal_sets, others=bool(needs))),)


def _literal_tests(literal_sets: tuple, others: bool = True) -> tuple:
    """The sets of strings worth testing (they come cheapest for how often
    they fail first): those of few strings; where the pattern has no other
    test (``others``), the first set at least."""
    few = tuple(need for need in literal_sets if len(need) <= MAX_SET_STRINGS)[:MAX_TESTS]
    return few or (() if others else literal_sets[:1])


#: The most sets of each kind tested after the gate, the most words a set
#: of words may hold and the most strings a set of strings, and the most
#: alternatives a pattern is tested as (see :func:`_tests`).
MAX_TESTS, MAX_SET_WORDS, MAX_SET_STRINGS, MAX_ALTERNATIVES = 4, 64, 64, 256


def _literal_share(s: str) -> float:
    """A guess at the share of replies that hold ``s`` (only the order of the
    tests hangs on it): that of its rarest whole word; else, for part of a
    word, more the shorter it is; else (digits, emoji) rare."""
    from .index import _RARE_RATE, word_rates

    rates = word_rates()["word"]
    runs = [(m.start(), m.end()) for m in _LETTER_RUN.finditer(s)]
    whole = [s[a:b] for a, b in runs if a > 0 and b < len(s)]
    if whole:
        return min(rates.get(w, _RARE_RATE) for w in whole)
    if runs:
        return min(1.0, 4 * 0.5 ** max(b - a for a, b in runs))
    return 0.01


_LETTER_RUN = re.compile(r"[a-z]+")


#: Whether a text holds a space other than " " (the atoms are found in text
#: with each read as " ": :data:`.literals.SPACE_FOLD`).
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
    # required characters and the joined search of the patterns with no atoms)
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


