"""--select / --ignore: by rule id, dotted id prefix or category.

As in ruff, the most specific selector wins: ``--ignore positivity
--select positivity.no-problem`` keeps that one rule. An exact id beats a
prefix, a longer prefix beats a shorter one, and a category counts as a
prefix of its own length.
"""
from __future__ import annotations

from typing import Iterable, Sequence


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


def unknown_selectors(selectors: Iterable[str], rules) -> list[str]:
    """Selectors that name no loaded rule, prefix or category (likely typos)."""
    out = []
    for s in selectors:
        if s in ("all", "ALL"):
            continue
        if not any(_specificity(s, r.id, r.category) for r in rules):
            out.append(s)
    return out
