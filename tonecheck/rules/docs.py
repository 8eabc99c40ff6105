"""A rule's documentation page (``rules explain``) and its JSON listing."""
from __future__ import annotations

import textwrap


def rule_to_dict(rule) -> dict:
    return {"id": rule.id, "extends": rule.extends, "category": rule.category,
            "severity": rule.severity.label, "message": rule.message,
            "description": rule.description, "link": rule.link,
            "fix": _fix(rule), "advice": rule.advice, "source": rule.source,
            "excused_severity": rule.excused_severity.label if rule.excused_severity else None,
            "examples": {"bad": list(rule.bad_examples), "good": list(rule.good_examples),
                         "softened": list(rule.softened_examples)}}


def _fix(rule) -> str:
    """Whether findings come with drop-in replacements: always, sometimes
    (a substitution where some phrases have none) or never (advice only)."""
    if not rule.has_replacements:
        return "never"
    per_phrase = getattr(rule, "replacements", None)
    return "sometimes" if rule.extends == "substitution" and not all(per_phrase) else "always"


#: What ``--fix`` does with a rule's findings, by :func:`_fix`.
_FIX_WORDS = {
    "always": "`tonecheck check --fix` pastes the first replacement",
    "sometimes": "`tonecheck check --fix` pastes the first replacement; phrases without one "
                 "get advice only",
    "never": "advice only; `tonecheck check --fix` leaves it to you",
}


def explain(rule) -> str:
    wrap = lambda s: textwrap.fill(" ".join(s.split()), 78)  # noqa: E731
    out = [f"{rule.id}  ({rule.severity.label}, {rule.category}, extends {rule.extends})", ""]
    out += ["What it flags", "  " + wrap(rule.doc_message).replace("\n", "\n  "), ""]
    if rule.description:
        out += ["Why it matters", "  " + wrap(rule.description).replace("\n", "\n  "), ""]
    swaps = getattr(rule, "phrases", None)
    replacements = getattr(rule, "replacements", None)
    if swaps and replacements:
        out.append("Replace")
        out += [f'  "{p}"  ->  ' + (" / ".join(f'"{s}"' for s in r) if r else "(no drop-in)")
                for p, r in zip(swaps, replacements)]
        out.append("")
    elif rule.replace:
        out += ["Replace with"] + [f'  "{s}"' for s in rule.replace] + [""]
    if rule.advice:
        out += ["Advice", "  " + wrap(rule.advice).replace("\n", "\n  "), ""]
    if rule.bad_examples:
        fixed = dict(rule.fixed_examples)
        out.append("Flagged")
        for e in rule.bad_examples:
            out.append(f"  ✗ {e}")
            if e in fixed:
                out.append(f"    → {fixed[e]}")
        out.append("")
    if rule.softened_examples:
        out += [f"Softened to {rule.excused_severity.label} by what follows or precedes"]
        out += [f"  ~ {e}" for e in rule.softened_examples] + [""]
    if rule.good_examples:
        out += ["Fine"] + [f"  ✓ {e}" for e in rule.good_examples] + [""]
    out.append(f"Fix available: {_fix(rule)} ({_FIX_WORDS[_fix(rule)]})")
    if rule.link:
        out.append(f"More: {rule.link}")
    out.append(f"Defined in: {rule.source}")
    return "\n".join(out)
