"""Phrases that raise a score, with their weights."""
from __future__ import annotations

import re


def _table(entries):
    return tuple((name, weight, re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", re.I))
                 for name, weight, pattern in entries)


EMPATHY_SIGNALS = _table([
    ("acknowledges feelings", 18,
     r"(?:i|we) (?:can )?(?:completely |totally |really )?(?:understand|see|imagine|appreciate) "
     r"(?:how|why|that|your)[^.!?\n]{0,60}|must (?:be|have been) [^.!?\n]{0,30}"
     r"(?:frustrating|annoying|stressful|worrying|concerning|disappointing|inconvenient)"),
    ("specific apology", 12,
     r"(?:i'?m|i am|we'?re|we are) (?:so |really |very |truly )?sorry (?:about|for|that|to hear)"),
    ("ownership", 10,
     r"i'?ll (?:make sure|personally|look into|check|follow up|get)|let me (?:check|look|find|fix|"
     r"help|see|take)|i will (?:make sure|personally|look into|check|follow up)"),
    ("gratitude", 8, r"thank(?:s| you)(?: so much)? for|appreciate (?:your|you)"),
    ("willingness", 8, r"happy to help|glad to help|my pleasure|here to help|happy to (?:look|check)"),
])

POSITIVITY_SIGNALS = _table([
    ("please", 5, r"please"),
    ("thanks", 6, r"thanks|thank you"),
    ("greeting", 4, r"^\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))"),
    ("indirect request", 4, r"(?:could|would|can) you(?: please)?"),
    ("negative framing", -5, r"can'?t|cannot|won'?t|unable|unfortunately|problem"),
])
