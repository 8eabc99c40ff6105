"""``extends: pattern``: spaCy Matcher token patterns, for wording that needs
token logic ("you need to <verb>", "just" before an instruction).

Patterns come from rule packs anyone may write, so they are checked for cost
when the pack loads, not only for syntax:

- Repetition must be bounded. ``OP: "*"``, ``"+"`` or ``"{2,}"`` lets one
  start token keep a partial match alive over the rest of the reply, and the
  Matcher then reports every (start, end) pair: quadratic in the reply's
  length ("very very very ..." against ``[{LOWER: very}, {LOWER: very, OP:
  "+"}]`` takes 20 s at 4,000 words). ``{0,N}``/``{1,N}`` with N up to
  :data:`MAX_REPEAT` says the same for real wording.
- ``REGEX`` predicates run with RE2, not Python's ``re`` (which spaCy would
  use, and which a pattern such as ``(a+)+b`` freezes). Each
  ``{ATTR: {REGEX: p}}`` becomes a token extension whose getter runs ``p``
  with RE2 on that attribute, so a pack cannot bring back backtracking.
"""
from __future__ import annotations

import hashlib
import re

from .base import Field, Rule, replace_field
from .phrases import spans_to_hits
from .regex import Regex, RegexError, short

_TAGGER_KEYS = {"POS", "TAG", "MORPH"}
_PARSER_KEYS = {"DEP", "HEAD", "SENT_START", "IS_SENT_START"}

MAX_TOKENS = 40  # tokens in one pattern (after counting {n,m} as m)
MAX_REPEAT = 10  # the largest m of OP "{n,m}"
_BOUNDED_OPS = {"!", "?", "1"}
#: Attributes compared with words, where a YAML boolean is always a mistake.
_WORD_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "LEMMA"}
_COUNT_OP = re.compile(r"^\{(\d*)(,?)(\d*)\}$")
#: Token attributes a REGEX predicate may test, and how to read them.
_REGEX_ATTRS = {"TEXT": "text", "ORTH": "text", "LOWER": "lower_", "NORM": "norm_",
                "LEMMA": "lemma_", "SHAPE": "shape_", "PREFIX": "prefix_", "SUFFIX": "suffix_",
                "POS": "pos_", "TAG": "tag_", "DEP": "dep_", "ENT_TYPE": "ent_type_"}
EXTENSION_PREFIX = "tonecheck_re_"


def op_bound(op: str) -> int | None:
    """The most tokens one pattern token with ``op`` can match (at least 1):
    1 for "1", "!" and "?", m for "{n,m}" and "{,m}", n for "{n}"; None for
    one that repeats without bound ("*", "+", "{n,}") or is not an OP."""
    if op in _BOUNDED_OPS:
        return 1
    m = _COUNT_OP.match(op)
    if m is None:
        return None
    low, comma, high = m.groups()
    if comma and not high:
        return None
    return max(int(high or low or 0), 1)


def _is_patterns(v) -> bool:
    return isinstance(v, list) and bool(v) and all(
        isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in v)


def _keys(patterns) -> set[str]:
    return {str(k).upper() for p in patterns for tok in p for k in tok}


class PatternRule(Rule):
    """Flags spans matched by any of ``patterns`` (spaCy token patterns,
    validated when the pack loads). ``LEMMA`` compares tonecheck's match key:
    the lowercased lemma with contractions expanded ("n't" -> "not")."""

    extends = "pattern"
    FIELDS = {"patterns": Field(_is_patterns, "a list of token patterns (lists of mappings)", True),
              "replace": replace_field}

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.patterns = spec["patterns"]
        #: (extension name, token attribute, Regex) for every REGEX predicate.
        self.regex_extensions: dict[str, tuple[str, Regex]] = {}
        #: The patterns as the Matcher gets them: REGEX predicates replaced by
        #: extensions computed with RE2.
        self.matcher_patterns = [self._check_pattern(i, p) for i, p in enumerate(self.patterns)]

    def _check_pattern(self, number: int, pattern: list) -> list:
        where = f"pattern {number + 1}"
        size = 0
        out = []
        for token in pattern:
            token = dict(token)
            if "_" in token:
                raise self.error("patterns", f"{where}: custom attributes ('_') are not supported")
            op = next((v for k, v in token.items() if str(k).upper() == "OP"), "1")
            size += self._op_size(where, op)
            for key, value in list(token.items()):
                self._check_words(where, str(key), value)
                if isinstance(value, dict) and any(str(k).upper() == "REGEX" for k in value):
                    token.update(self._regex_predicate(where, str(key), value, token))
            out.append(token)
        if size > MAX_TOKENS:
            raise self.error("patterns", f"{where} is too long ({size} tokens, at most {MAX_TOKENS})")
        return out

    def _check_words(self, where: str, key: str, value) -> None:
        """Refuse a word attribute given a YAML boolean: unquoted ``on``,
        ``off``, ``yes`` and ``no`` load as True/False, and the Matcher would
        silently compare the token with that instead of the word."""
        if key.upper() not in _WORD_ATTRS:
            return
        if isinstance(value, dict):
            words = [w for k in ("IN", "NOT_IN") if isinstance(value.get(k), list) for w in value[k]]
        else:
            words = [value]
        for word in words:
            if isinstance(word, bool):
                raise self.error("patterns", f"{where}: {key} value {str(word).lower()} is a YAML "
                                             f"boolean; quote the word (unquoted on, off, yes and "
                                             f"no load as true/false)")

    def _op_size(self, where: str, op) -> int:
        if not isinstance(op, str):
            raise self.error("patterns", f"{where}: OP must be a string, got {short(op)}")
        top = op_bound(op)
        if top is not None:
            if top > MAX_REPEAT:
                raise self.error("patterns", f"{where}: OP {op!r} repeats more than {MAX_REPEAT} "
                                             f"times")
            return top
        if op in ("*", "+"):
            raise self.error("patterns", f"{where}: OP {op!r} repeats without bound, which makes "
                                         f"matching quadratic in the reply's length; give a bound "
                                         f"such as '{{{0 if op == '*' else 1},5}}' (at most "
                                         f"{MAX_REPEAT})")
        if _COUNT_OP.match(op) is None:
            raise self.error("patterns", f"{where}: unknown OP {short(op)} (expected one of !, ?, "
                                         f"1, {{n}}, {{n,m}} or {{,m}})")
        raise self.error("patterns", f"{where}: OP {op!r} repeats without bound, which makes "
                                     f"matching quadratic in the reply's length; give an upper "
                                     f"bound (at most {MAX_REPEAT})")

    def _regex_predicate(self, where: str, key: str, value: dict, token: dict) -> dict:
        """Move ``{KEY: {REGEX: p, ...}}`` out of the token: the rest of the
        mapping stays on KEY, and an extension set by RE2 tests ``p``."""
        attr = _REGEX_ATTRS.get(key.upper())
        if attr is None:
            raise self.error("patterns", f"{where}: REGEX on {short(key)} is not supported (use "
                                         f"it on one of {', '.join(_REGEX_ATTRS)})")
        rest = {k: v for k, v in value.items() if str(k).upper() != "REGEX"}
        pattern = next(v for k, v in value.items() if str(k).upper() == "REGEX")
        try:
            regex = Regex(pattern)
        except RegexError as exc:
            raise self.error("patterns", f"{where}: regex {short(pattern, 60)}: {exc}") from None
        digest = hashlib.sha1(f"{attr}\0{pattern}".encode("utf-8", "surrogatepass")).hexdigest()
        name = EXTENSION_PREFIX + digest[:16]
        self.regex_extensions[name] = (attr, regex)
        changes: dict = {"_": {**token.get("_", {}), name: True}}
        if rest:
            changes[key] = rest
        else:
            token.pop(key)
        return changes

    @property
    def needs(self):
        keys = _keys(self.patterns)
        need = set()
        if keys & _TAGGER_KEYS:
            need.add("tagger")
        if keys & {"DEP", "HEAD"}:
            need.add("parser")
        return frozenset(need)

    def register(self, index) -> None:
        if self.regex_extensions:
            from spacy.tokens import Token

            for name, (attr, regex) in self.regex_extensions.items():
                if not Token.has_extension(name):
                    Token.set_extension(name, getter=_regex_getter(attr, regex))
        index.add_patterns(self, 0, self.matcher_patterns)

    def match(self, doc):
        return spans_to_hits(self, doc, self.indexed_hits(doc), lambda _g: self.replace)


def _regex_getter(attr: str, regex: Regex):
    def get(token) -> bool:
        return regex.search(getattr(token, attr))

    return get

