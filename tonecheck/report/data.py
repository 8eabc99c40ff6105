"""The report's data: one plain, JSON-ready dict (also what ``--json`` writes)."""
from __future__ import annotations

import statistics
from collections import Counter

VERSION = 1


class Collector:
    """Stands in for ``check``'s formatter: keeps each reply's report."""

    def __init__(self):
        self.reports = []
        self.rules = ()
        self.summary = None

    def start(self):
        pass

    def file(self, report):
        self.reports.append(report)

    def finish(self, summary):
        self.summary = summary


def _span(report):
    """The reply's own text within ``report.text``: its sentences (a
    multi-reply file's text is the whole file), else the findings, else all."""
    spans = []
    if report.scores is not None:
        spans = [(s["start"], s["end"]) for s in report.scores.to_dict().get("sentences", ())]
    spans += [(f.sentence_start, f.sentence_end) for f in report.findings]
    spans += [(f.start, f.end) for f in report.findings]
    if not report.title or not spans:
        return 0, len(report.text)
    return min(a for a, _ in spans), max(b for _, b in spans)


def _reply(i, report):
    start, end = _span(report)
    scores = report.scores.to_dict() if report.scores is not None else {}
    return {
        "id": i,
        "path": str(report.path),
        "title": report.title,
        "text": report.text[start:end],
        "offset": start,
        "empathy": scores.get("empathy"),
        "positivity": scores.get("positivity"),
        "signals": [s for s in scores.get("signals", ()) if s.get("weight")],
        "findings": [f.to_dict() for f in report.findings],
    }


def _key(r):
    return f"{r['path']}\x00{r['title']}"


def _median(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 1) if values else None


def build(collector, *, worst=10, previous=None, title="Reply library audit"):
    replies = [_reply(i, r) for i, r in enumerate(collector.reports)]
    by_severity = Counter(f["severity"] for r in replies for f in r["findings"])
    by_category = Counter(f["category"] for r in replies for f in r["findings"])
    by_rule = Counter(f["rule"] for r in replies for f in r["findings"])
    replies_by_rule = Counter(rule for r in replies for rule in {f["rule"] for f in r["findings"]})
    known = {rule.id: rule for rule in collector.rules}
    rules = []
    for rule_id, n in by_rule.most_common():
        rule = known.get(rule_id)
        example = next(f for r in replies for f in r["findings"] if f["rule"] == rule_id)
        rules.append({"id": rule_id, "count": n, "replies": replies_by_rule[rule_id],
                      "category": example["category"], "severity": example["severity"],
                      "message": getattr(rule, "doc_message", "") or example["message"],
                      "description": getattr(rule, "description", "") or "",
                      "advice": example.get("advice", ""),
                      "suggestions": example.get("suggestions", []),
                      "link": getattr(rule, "link", "") or example.get("link", "")})

    def low(r):
        e, p = r["empathy"], r["positivity"]
        return ((e if e is not None else 100) + (p if p is not None else 100), -len(r["findings"]))

    totals = {"files": len({r["path"] for r in replies}), "replies": len(replies),
              "findings": sum(by_severity.values()),
              "clean": sum(1 for r in replies if not r["findings"]),
              "median_empathy": _median(r["empathy"] for r in replies),
              "median_positivity": _median(r["positivity"] for r in replies),
              "unreadable": list(getattr(collector.summary, "unreadable_paths", None) or [])}
    data = {"version": VERSION, "title": title, "totals": totals,
            "severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "suggestion")},
            "category": dict(by_category.most_common()), "rules": rules,
            "worst": [r["id"] for r in sorted(replies, key=low)[:worst]],
            "replies": replies, "compare": None}
    if previous is not None:
        data["compare"] = compare(previous, data)
    return data


def compare(old, new):
    """The change since a previous report's data."""
    ot, nt = old.get("totals", {}), new["totals"]
    fields = ("replies", "findings", "clean", "median_empathy", "median_positivity")
    totals = {k: {"before": ot.get(k), "after": nt.get(k)} for k in fields}
    old_rules = {r["id"]: r["count"] for r in old.get("rules", ())}
    new_rules = {r["id"]: r["count"] for r in new["rules"]}
    rules = sorted(({"id": k, "before": old_rules.get(k, 0), "after": new_rules.get(k, 0)}
                    for k in set(old_rules) | set(new_rules)
                    if old_rules.get(k, 0) != new_rules.get(k, 0)),
                   key=lambda r: r["after"] - r["before"])
    old_replies = {_key(r) for r in old.get("replies", ())}
    new_replies = {_key(r) for r in new["replies"]}
    return {"totals": totals, "rules": rules,
            "added": len(new_replies - old_replies), "removed": len(old_replies - new_replies)}
