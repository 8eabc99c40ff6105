"""A team's vocabulary, from the config, compiled into two rules.

```yaml
vocabulary:
  banned:                 # words the team does not use, and what to say instead
    utilize: use
    reach out: [contact us, write to us]
    ticket: []            # flagged, with no drop-in
  jargon: [SLA, escalation matrix, L2]   # words customers may not know
```

``banned`` becomes ``vocabulary.banned`` (a substitution rule: each term is
flagged with its replacements, which ``--fix`` can paste) and ``jargon``
``vocabulary.jargon`` (an existence rule). Both are in the category
``vocabulary``, so ``--ignore vocabulary``, ``severity: {vocabulary: error}``
and the per-glob overrides apply to them like to any rule. Terms match on
lower case words as written.
"""
from __future__ import annotations

from .rules.loader import LineDict

CONFIG = "the config's vocabulary"


def _spec(data: dict, line: int = 0) -> LineDict:
    spec = LineDict(data)
    spec.line, spec.lines = line, {}
    return spec


def vocabulary_specs(vocabulary: dict) -> list[LineDict]:
    """Rule specs (as a pack file holds them) for ``vocabulary``."""
    specs = []
    banned = vocabulary.get("banned") or {}
    if banned:
        first = next(iter(banned))
        specs.append(_spec({
            "id": "vocabulary.banned", "extends": "substitution", "category": "vocabulary",
            "severity": "warning", "match": "lower",
            "message": '"{match}" is not in the team\'s vocabulary; use the team\'s word.',
            "description": "Words the team has agreed not to use (the vocabulary: banned "
                           "list in the config), each with what to say instead.",
            "swap": {k: (list(v) if isinstance(v, (list, tuple)) else v)
                     for k, v in banned.items()},
            "examples": {"bad": [f"About {first}."], "good": ["Thanks for writing in."]}}))
    jargon = vocabulary.get("jargon") or ()
    if jargon:
        specs.append(_spec({
            "id": "vocabulary.jargon", "extends": "existence", "category": "vocabulary",
            "severity": "suggestion", "match": "lower", "phrases": list(jargon),
            "message": '"{match}" is jargon the customer may not know; say what it means.',
            "description": "Team or industry terms (the vocabulary: jargon list in the "
                           "config) that customers may not understand.",
            "advice": "Say it in plain words, or explain the term the first time you use it.",
            "examples": {"bad": [f"About {jargon[0]}."], "good": ["Thanks for writing in."]}}))
    return specs


def check_vocabulary(v) -> dict:
    """The ``vocabulary:`` config value, validated (ValueError says what is wrong)."""
    if not isinstance(v, dict):
        raise ValueError("expected a mapping with banned: {term: replacement(s)} and/or "
                         "jargon: [terms]")
    unknown = [k for k in v if k not in ("banned", "jargon")]
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (allowed: banned, jargon)")
    banned = v.get("banned", {}) or {}
    if not isinstance(banned, dict) or not all(
            isinstance(k, str) and k.strip() and (
                isinstance(r, str) or (isinstance(r, list) and all(isinstance(x, str) for x in r)))
            for k, r in banned.items()):
        raise ValueError("banned: expected a mapping of term to a replacement or a list of them")
    jargon = v.get("jargon", []) or []
    if not isinstance(jargon, list) or not all(isinstance(x, str) and x.strip() for x in jargon):
        raise ValueError("jargon: expected a list of terms")
    return {"banned": dict(banned), "jargon": list(jargon)}
