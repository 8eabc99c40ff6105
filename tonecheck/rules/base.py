"""What every rule type shares: the common YAML fields and the match interface."""
from __future__ import annotations

import re
from typing import Any, Callable, ClassVar, Iterable, NamedTuple

from ..errors import RuleError
from ..findings import SEVERITY_NAMES, Severity
from . import context

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$")
EXCEPTION_GROUP = -1  # index group under which a rule's exception phrases are found
HITS_KEY = "tonecheck.hits"  # doc.user_data key of the shared matchers' hits
#: doc.user_data key of where each rule's exception phrases were found:
#: {rule id: [(start_token, end_token), ...]}. Kept apart from the hits, so
#: that a rule with none of its own words in a doc does not run on it.
EXCEPTIONS_KEY = "tonecheck.exceptions"
#: doc.user_data key of the rules' regexes found in the doc: {rule id: [their positions]}
REGEX_HITS_KEY = "tonecheck.regex_hits"
CATEGORY_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
POSITIONS = ("any", "sentence-start", "reply-start", "later-sentence-start")
#: Sentences read for ``unless_after`` (the match's own, the next and the one
#: after: "We can't X. <the reason>. <what we can do instead>"); ``cleared_after``,
#: which drops a match outright, reads the match's and the next.
SOFTENED_WITHIN = 3


class Hit(NamedTuple):
    """What a rule type produces: a span of the doc's text and its drop-in
    replacements. The engine turns hits into findings (positions, severity,
    message, the rule's advice)."""

    start: int
    end: int
    replacements: tuple[str, ...] = ()
    #: A lower severity than the rule's, where context softens the match
    #: (``excused_severity``); None for the rule's own.
    severity: "Severity | None" = None
    #: What the rule type fills into its message (the words a classifier weighed).
    detail: str = ""


class Field(NamedTuple):
    check: Callable[[Any], bool]
    expected: str  # for the error message: "expected <expected>"
    required: bool = False


def _is_str(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(_is_str(x) for x in v)


def _is_regex_list(v: Any) -> bool:
    # Syntax is checked by RE2 when the rule is built (Rule.compile_regexes),
    # so the error can say which pattern and why.
    return isinstance(v, list) and bool(v) and all(isinstance(p, str) and p for p in v)


def _is_context_regex_list(v: Any) -> bool:
    """A regex list whose items may also be lists of regexes, one level deep:
    a YAML alias of another rule's list with patterns of its own beside it
    (``unless_after: [*alternatives, '...']``)."""
    return isinstance(v, list) and bool(v) and all(
        (isinstance(p, str) and p) or _is_regex_list(p) for p in v)


def flat_patterns(v: list) -> list:
    """The patterns of a (context) regex list, nested lists spliced in place."""
    return [q for p in v for q in (p if isinstance(p, list) else (p,))]


def _is_fixed_example(v: Any) -> bool:
    return (isinstance(v, dict) and set(v) == {"text", "fixed"}
            and all(isinstance(s, str) for s in v.values()))


def _is_examples(v: Any) -> bool:
    if not (isinstance(v, dict) and set(v) <= {"bad", "good", "softened"}
            and all(isinstance(x, list) for x in v.values())):
        return False
    return (all(isinstance(s, str) or _is_fixed_example(s) for s in v.get("bad", ()))
            and all(isinstance(s, str) for s in v.get("good", ()))
            and all(isinstance(s, str) for s in v.get("softened", ())))


def _is_replacements(v: Any) -> bool:
    # An empty string is a valid replacement: it deletes the matched words.
    return isinstance(v, list) and bool(v) and all(isinstance(x, str) for x in v)


str_field = Field(_is_str, "a non-empty string")
str_list_field = Field(_is_str_list, "a list of non-empty strings")
#: Regular expressions in RE2 syntax (see rules/regex.py).
regex_list_field = Field(_is_regex_list, "a non-empty list of regular expressions (RE2 syntax)")
context_regex_field = Field(_is_context_regex_list,
                            "a non-empty list of regular expressions (RE2 syntax), or of lists of them")
bool_field = Field(lambda v: isinstance(v, bool), "true or false")
int_field = Field(lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
                  "a non-negative integer")
MATCH_ATTRS = ("lemma", "norm", "lower")
match_field = Field(lambda v: v in MATCH_ATTRS, "one of " + ", ".join(MATCH_ATTRS))
#: ``replace:`` of the rule types that flag words without a per-phrase ``swap``.
replace_field = Field(_is_replacements, "a non-empty list of strings")

COMMON_FIELDS: dict[str, Field] = {
    "id": Field(lambda v: isinstance(v, str) and len(v) <= 100 and bool(ID_RE.match(v)),
                "a dotted lowercase id such as positivity.no-problem (at most 100 characters)",
                True),
    "extends": Field(_is_str, "a rule type", True),
    "category": Field(lambda v: isinstance(v, str) and bool(CATEGORY_RE.match(v)),
                      "a lowercase category name", True),
    "severity": Field(lambda v: v in SEVERITY_NAMES, "one of " + ", ".join(SEVERITY_NAMES), True),
    "message": Field(_is_str, "a non-empty string", True),
    "examples": Field(_is_examples, "a mapping with 'bad', 'good' and/or 'softened' lists of "
                                    "strings ('bad' items may be {text: ..., fixed: ...})", True),
    "description": str_field,
    "link": str_field,
    "advice": str_field,
    "suggestions": str_list_field,  # older packs: read as advice, never applied
    "exceptions": str_list_field,
    "position": Field(lambda v: v in POSITIONS, "one of " + ", ".join(POSITIONS)),
    "unless_after": context_regex_field,
    "cleared_after": context_regex_field,
    "cleared_before": context_regex_field,
    "requires_before": context_regex_field,
    "unless_before": context_regex_field,
    "excused_severity": Field(lambda v: v in SEVERITY_NAMES, "one of " + ", ".join(SEVERITY_NAMES)),
    "excused_message": str_field,
}


class Rule:
    """One rule, built from its YAML mapping.

    Subclasses declare their own ``FIELDS`` and implement :meth:`match`.
    Rules whose words can be found by the shared phrase and token matchers
    register them in :meth:`register`; the engine runs those matchers once per
    doc and leaves their hits in ``doc.user_data`` for :meth:`indexed_hits`.
    """

    extends: ClassVar[str] = ""
    FIELDS: ClassVar[dict[str, Field]] = {}
    #: True when the rule must look at every doc (not only docs where the
    #: shared matchers found one of its words).
    whole_text: ClassVar[bool] = False
    #: True when the rule's findings give way to other rules': one that
    #: overlaps another rule's finding is dropped.
    defers: ClassVar[bool] = False
    #: False when the rule's findings do not enter the scores.
    scored: ClassVar[bool] = True
    #: Whether ``exceptions`` are phrases matched like the rule's own words
    #: (False for rule types that give them another meaning).
    phrase_exceptions: ClassVar[bool] = True
    #: The token attribute phrases (and exception phrases) are compared on.
    attr: str = "lemma"

    def __init__(self, spec: dict[str, Any], *, source: str = "<memory>", line: int | None = None,
                 bundled: bool = False):
        self.spec = spec
        self.source = source
        self.line = line
        #: From the pack tonecheck ships, whose regexes and token patterns the
        #: test suite checks: its regexes compile when the linter warms up or
        #: when first used, and spaCy's pattern validation is skipped.
        self.bundled = bundled
        self.id: str = spec["id"]
        self.category: str = spec["category"]
        self.severity = Severity.parse(spec["severity"])
        self.message: str = " ".join(spec["message"].split())
        self.description: str = spec.get("description", "").strip()
        self.link: str = spec.get("link", "")
        self.advice: str = self._advice(spec)
        self.replace: tuple[str, ...] = tuple(spec.get("replace", ()))
        self.exceptions: tuple[str, ...] = tuple(spec.get("exceptions", ()))
        self.position: str = spec.get("position", "any")
        #: Context: a match is excused by one of ``unless_after`` later in its
        #: sentence or in the next two (SOFTENED_WITHIN); it counts only after one of
        #: ``requires_before`` and none of ``unless_before`` earlier in its
        #: sentence.
        self.unless_after = self.compile_regexes("unless_after")
        #: Context that answers the fault outright ("soon, by Friday at the
        #: latest"): the match is dropped even where ``excused_severity``
        #: would only soften it.
        self.cleared_after = self.compile_regexes("cleared_after")
        #: ... and before it, in its sentence ("I'll contact the seller for you").
        self.cleared_before = self.compile_regexes("cleared_before")
        self.requires_before = self.compile_regexes("requires_before")
        self.unless_before = self.compile_regexes("unless_before")
        #: Where ``unless_after``/``unless_before`` excuse a match, report it
        #: at this lower severity instead of dropping it: a "we can't" followed
        #: by an alternative is still worth a note, not a rewrite.
        self.excused_severity = (Severity.parse(spec["excused_severity"])
                                 if "excused_severity" in spec else None)
        if self.excused_severity is not None and self.excused_severity >= self.severity:
            raise self.error("excused_severity", "must be lower than the rule's severity")
        if self.excused_severity is not None and not (self.unless_after or self.unless_before):
            raise self.error("excused_severity", "needs 'unless_after' or 'unless_before'")
        self.excused_message: str = " ".join(spec.get("excused_message", "").split())
        if self.excused_message and self.excused_severity is None:
            raise self.error("excused_message", "needs 'excused_severity'")
        examples = spec.get("examples") or {}
        bad = examples.get("bad", ())
        self.bad_examples: tuple[str, ...] = tuple(e if isinstance(e, str) else e["text"]
                                                   for e in bad)
        #: (text, fixed): the rule's first replacement applied to text gives fixed.
        self.fixed_examples: tuple[tuple[str, str], ...] = tuple(
            (e["text"], e["fixed"]) for e in bad if not isinstance(e, str))
        self.good_examples: tuple[str, ...] = tuple(examples.get("good", ()))
        #: Flagged only at ``excused_severity``: the context softens them.
        self.softened_examples: tuple[str, ...] = tuple(examples.get("softened", ()))
        if self.softened_examples and self.excused_severity is None:
            raise self.error("examples", "'softened' examples need 'excused_severity'")

    def _advice(self, spec) -> str:
        """``advice:``, or an older pack's ``suggestions:`` list read as advice."""
        if "advice" in spec and "suggestions" in spec:
            raise self.error("suggestions", "give 'advice' (or the older 'suggestions'), not both")
        if "suggestions" in spec:
            return "For example: " + " or ".join(f'"{s}"' for s in spec["suggestions"])
        return " ".join(spec.get("advice", "").split())

    @property
    def has_replacements(self) -> bool:
        """Whether the rule offers drop-in replacements for what it flags."""
        return bool(self.replace)

    # -- building ---------------------------------------------------------------
    def compile_regexes(self, key: str) -> list:
        """The rule's ``key`` list compiled with RE2 (linear time whatever the
        pattern); a pattern RE2 cannot run is an error naming it."""
        from .regex import Regex, RegexError, short

        compiled = []
        for pattern in flat_patterns(self.spec.get(key, ())):
            try:
                compiled.append(Regex(pattern, lazy=self.bundled))
            except RegexError as exc:
                raise self.error(key, f"regex {short(pattern, 60)}: {exc}") from None
        return compiled

    def all_regexes(self) -> list:
        """Every :class:`~.regex.Regex` of the rule (for ``Linter.warm_up``)."""
        return [*getattr(self, "regexes", ()), *self.unless_after, *self.cleared_after,
                *self.cleared_before, *self.requires_before, *self.unless_before]

    def error(self, key: str, message: str) -> RuleError:
        return RuleError(f"rule {self.id!r}, key {key!r}: {message}", path=self.source,
                         line=getattr(self.spec, "lines", {}).get(key, self.line))

    def compile(self, index) -> None:
        """Register the rule's words with the shared ``index``: its own
        phrases or patterns (:meth:`register`) and its exception phrases,
        which are found by the same matchers under group -1."""
        self.register(index)
        if self.exceptions and self.phrase_exceptions:
            index.add_phrases(self, EXCEPTION_GROUP, list(self.exceptions), self.attr,
                              key="exceptions")

    def register(self, index) -> None:
        """Register phrases or token patterns with the shared ``index``."""

    def warm(self) -> None:
        """Load now what the rule would otherwise load on first use."""

    @property
    def needs(self) -> frozenset[str]:
        """Annotations beyond the default pipeline: {"tagger", "parser"}."""
        return frozenset()

    # -- matching ---------------------------------------------------------------
    def match(self, doc) -> Iterable[Hit]:
        raise NotImplementedError

    def _found(self, doc) -> list[tuple[int, int, int]]:
        return doc.user_data.get(HITS_KEY, {}).get(self.id, ())

    def indexed_hits(self, doc) -> list[tuple[int, int, int]]:
        """(group, start_token, end_token) found for this rule by the shared
        matchers (its exception phrases are kept apart: EXCEPTIONS_KEY)."""
        return self._found(doc)

    def keep(self, doc, start: int, end: int):
        """Whether a span survives the rule's ``position``, ``exceptions``
        and context (``unless_after``, ``requires_before``): False to drop
        it, True to report it, or the rule's ``excused_severity`` where the
        context excuses it and the rule reports such matches lower."""
        if self.position != "any" and not _in_position(self.position, doc, start):
            return False
        if self.requires_before and not context.found_before(doc, start, self.requires_before):
            return False
        if self.exceptions and self._exception_spans(doc).overlaps(start, end):
            return False
        if self.cleared_after and context.found_after(doc, start, end, self.cleared_after):
            return False
        if self.cleared_before and context.found_before(doc, start, self.cleared_before):
            return False
        # What softens a match may come a sentence later than what clears it:
        # a macro states the limit, its reason, then the way forward.
        if (self.unless_before and context.found_before(doc, start, self.unless_before)) or (
                self.unless_after and context.found_after(doc, start, end, self.unless_after,
                                                          SOFTENED_WITHIN)):
            return self.excused_severity or False
        return True

    def hit(self, doc, start: int, end: int, replacements=()) -> "Hit | None":
        """The hit for a span, or None when :meth:`keep` drops it."""
        verdict = self.keep(doc, start, end)
        if verdict is False:
            return None
        return Hit(start, end, tuple(replacements),
                   None if verdict is True else verdict)

    def _exception_spans(self, doc):
        """Where the rule's exception phrases were found in ``doc``, indexed
        once per doc so that each :meth:`keep` is one bisection (a reply of
        thousands of matches would otherwise walk every exception per match)."""
        cache = doc.user_data.setdefault("tonecheck.exception_spans", {})
        spans = cache.get(self.id)
        if spans is None:
            from ..positions import SpanIndex

            found = doc.user_data.get(EXCEPTIONS_KEY, {}).get(self.id, ())
            spans = cache[self.id] = SpanIndex(
                (doc[first].idx, doc[last - 1].idx + len(doc[last - 1])) for first, last in found)
        return spans

    def format_message(self, matched: str, excused: bool = False, detail: str = "") -> str:
        """The message for ``matched``; ``excused_message`` (if given) for a
        match its context softened, where the plain message would no longer fit."""
        message = self.excused_message if excused and self.excused_message else self.message
        return message.replace("{match}", matched)

    @property
    def doc_message(self) -> str:
        """The message for listings, with ``{match}`` shown as the first phrase."""
        phrases = getattr(self, "phrases", None) or ["…"]
        first = phrases[0]
        return self.message.replace("{match}", first[:1].upper() + first[1:])


TEXT_KEY = "tonecheck.text"
#: doc.user_data key set when the doc is a saved reply read as a template.
TEMPLATE_KEY = "tonecheck.template"


def doc_text(doc) -> str:
    """The doc's text, built once: spaCy's ``Doc.text`` joins every token on
    each access. The engine stores the text it already has."""
    data = doc.user_data
    text = data.get(TEXT_KEY)
    if text is None:
        text = data[TEXT_KEY] = doc.text
    return text


_URL_RE = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"'\]\[)]+", re.IGNORECASE)


def url_spans(doc) -> list[tuple[int, int]]:
    """Character spans of web addresses, found once per doc (and only for
    docs where some rule matched): words inside a URL are not wording."""
    data = doc.user_data
    spans = data.get("tonecheck.urls")
    if spans is None:
        text = doc_text(doc)
        spans = data["tonecheck.urls"] = (
            [m.span() for m in _URL_RE.finditer(text)] if "://" in text or "www." in text else [])
    return spans


def word_count(doc) -> int:
    """Tokens that are neither punctuation nor space."""
    from ..nlp import token_table

    table = token_table(doc)
    return words_between(table, 0, len(table.punct))


def words_between(table, first: int, end: int) -> int:
    """Tokens ``first`` to ``end`` (exclusive) of a token table that are
    neither punctuation nor space."""
    punct, space = table.punct, table.space
    return sum(1 for i in range(first, end) if not (punct[i] or space[i]))


def _phrases_regex(phrases: Iterable[str]) -> re.Pattern:
    from ..nlp import normalise

    parts = sorted((re.escape(normalise(p)).replace(r"\ ", r"\s+") for p in phrases), key=len,
                   reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _in_position(position: str, doc, char_start: int) -> bool:
    if position == "sentence-start":
        return context.at_sentence_start(doc, char_start)
    if position == "reply-start":
        return context.at_reply_start(doc, char_start)
    # later-sentence-start: opens a sentence, but not the reply's first.
    return context.at_sentence_start(doc, char_start) and not context.at_reply_start(doc, char_start)


def match_case(suggestion: str, matched: str) -> str:
    """Give the suggestion the case of the matched words: all capitals for
    words in capitals ("NO PROBLEM" -> "MY PLEASURE"), else the case of their
    first letter."""
    if not suggestion or not matched:
        return suggestion
    if matched.isupper() and sum(c.isalpha() for c in matched) > 1:
        return suggestion.upper()
    if matched[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    if matched[:1].islower() and suggestion[:1].isupper() and not suggestion.startswith(("I ", "I'")):
        return suggestion[:1].lower() + suggestion[1:]
    return suggestion
