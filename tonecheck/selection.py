"""--select / --ignore: by rule id, dotted id prefix or category.

As in ruff, the most specific selector wins: ``--ignore positivity
--select positivity.no-problem`` keeps that one rule. An exact id beats a
prefix, a longer prefix beats a shorter one, and a category counts as a
prefix of its own length.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from .errors import TonecheckError


def _specificity(selector: str, rule_id: str, category: str) -> int:
    """How closely ``selector`` names the rule; 0 when it does not."""
    if selector == rule_id:
        return 10_000
    best = 0
    if rule_id.startswith(selector + ".") or (selector.endswith(".") and rule_id.startswith(selector)):
        best = len(selector.rstrip("."))
    if selector == category:
        best = max(best, len(selector))
    if selector in ("all", "ALL"):
        best = max(best, 0.5)  # type: ignore[assignment]
    return best


def is_enabled(rule_id: str, category: str, select: Sequence[str] = (),
               ignore: Sequence[str] = ()) -> bool:
    chosen = max((_specificity(s, rule_id, category) for s in select), default=0) if select else 0.1
    dropped = max((_specificity(s, rule_id, category) for s in ignore), default=0)
    return bool(chosen) and chosen > dropped


class _Known:
    """A finding id that comes from tonecheck itself, not from a rule pack."""

    def __init__(self, rule_id: str, category: str):
        self.id, self.category = rule_id, category


def _with_built_ins(rules) -> list:
    """The pack's rules plus the findings tonecheck makes on its own (the
    upset-customer check, the score gates), which can be selected too."""
    from .contextual import CATEGORY, RULE_ID

    return [*rules, _Known(RULE_ID, CATEGORY), _Known("score.min-empathy", "empathy"),
            _Known("score.min-positivity", "positivity")]


def unknown_selectors(selectors: Iterable[str], rules) -> list[str]:
    """Selectors that name no loaded rule, prefix or category (likely typos)."""
    rules = _with_built_ins(rules)
    out = []
    for s in selectors:
        if s in ("all", "ALL"):
            continue
        if not any(_specificity(s, r.id, r.category) for r in rules):
            out.append(s)
    return out


class UnknownSelector(TonecheckError):
    """A ``--select``/``--ignore`` value (or config ``select``/``ignore``
    entry) that names no rule, id prefix or category: a typo that would
    otherwise turn rules off, or keep them on, without a word. As in ruff it
    is an error (exit code 2), with the closest name as a hint."""

    def __init__(self, selector: str, option: str, rules, **where):
        self.selector, self.option = selector, option
        if isinstance(rules, str):  # the hint, already worked out (see :meth:`at`)
            self.hint = rules
        else:
            close = closest_selector(selector, rules)
            self.hint = (f"did you mean {close!r}?" if close else
                         "see `tonecheck rules list`")
        super().__init__(f"unknown rule selector {selector!r} in {option} (no rule id, id "
                         f"prefix or category is called that); {self.hint}", **where)

    def at(self, option: str, **where) -> "UnknownSelector":
        """The same error, said of where the selector was written."""
        return UnknownSelector(self.selector, option, self.hint, **where)


def known_selectors(rules) -> set[str]:
    """Every selector that names something: ids, their dotted prefixes, categories."""
    names = set()
    for r in rules:
        names.add(r.category)
        parts = r.id.split(".")
        names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return names


def closest_selector(selector: str, rules) -> str | None:
    import difflib

    tail = [r.id for r in rules if r.id.rsplit(".", 1)[-1] == selector.lower()]
    if tail:  # "no-problem" for "positivity.no-problem"
        return sorted(tail)[0]
    names = sorted(known_selectors(_with_built_ins(rules)))
    close = difflib.get_close_matches(selector.lower(), names, n=1, cutoff=0.6)
    return close[0] if close else None


def check_selectors(selectors: Iterable[str], rules, option: str, **where) -> None:
    """Raise :class:`UnknownSelector` for the first selector naming no rule."""
    for s in unknown_selectors(selectors, rules):
        raise UnknownSelector(s, option, rules, **where)


def severity_for(rule_id: str, category: str, levels: dict, default):
    """The severity ``levels`` (selector -> "error"/"warning"/"suggestion")
    give the rule, the most specific selector winning; ``default`` when none
    names it."""
    from .findings import Severity

    best, level = 0, None
    for selector, name in levels.items():
        k = _specificity(selector, rule_id, category)
        if k > best:
            best, level = k, name
    return default if level is None else Severity.parse(level)
