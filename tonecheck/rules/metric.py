"""``extends: metric``: a count over the reply that must stay under ``max``."""
from __future__ import annotations

import re

from ..nlp import token_table
from .base import Field, Hit, Rule, bool_field, doc_text, int_field, str_list_field, words_between

MEASURES = ("caps-words", "sentence-words")


#: Before a run of capitals, these mark it as a label the customer will see
#: on screen: a step of a menu path ("Settings > I STILL NEED HELP") or a
#: quoted button ("tap "SEND CODE"").
_MENU_STEP = (">", "&gt;", "→", "»")
_QUOTE_OPEN = ('"', "“", "'", "‘")
_QUOTE_CLOSE = ('"', "”", "'", "’")
#: ... and so does a word naming what is on screen after it ("the RESET MY
#: PASSWORD button"), or a step taken on it just before ("tap CONTINUE TO
#: CHECKOUT").
_SCREEN_NOUNS = frozenset("""button buttons tab tabs option options menu icon key keys field box
    checkbox banner screen page section setting settings toggle switch prompt window dialog
    popup pop-up label""".split())
_SCREEN_STEPS = frozenset("click clicking tap tapping press pressing select selecting choose "
                          "choosing hit pick".split())
#: ... or a word reporting what the screen shows ("the tracking reads OUT FOR
#: DELIVERY", "status: ON HOLD"), when the run holds no emphatic word ("marked:
#: ALL SALES ARE FINAL" is the agent's own shouting).
_SCREEN_SAYS = frozenset("reads reading shows showing displays displaying says saying labelled "
                         "labeled marked status".split())


def _is_label(text: str, start: int, end: int, emphatic: bool = False) -> bool:
    before = text[max(0, start - 10):start].rstrip()
    if len(before) >= 2 and before[-1].isupper() and not before[-2].isalnum():
        before = before[:-1].rstrip()  # a one-letter word opens the label: "> I STILL NEED HELP"
    if before.endswith(_MENU_STEP):
        return True
    if before.endswith(_QUOTE_OPEN) and text[end:end + 1] in _QUOTE_CLOSE:
        return True
    after = text[end:end + 12].split(None, 1)
    if after and after[0].lower().rstrip(".,;:!?)") in _SCREEN_NOUNS:
        return True
    previous = text[max(0, start - 12):start].split()
    if not previous:
        return False
    word = previous[-1].lower()
    return word in _SCREEN_STEPS or (not emphatic and word.rstrip(":") in _SCREEN_SAYS)


#: After a word that shouts alone, a caution about credentials is emphasis a
#: lead keeps: "Please do NOT share your PIN", "we will NEVER ask for your
#: password".
_CAUTION = re.compile(r"(?i)\W+(?:[\w'’]+\W+){0,3}?(?:share|give|disclose|tell|send|reveal|ask\s+for)"
                      r"\b[^.!?\n]{0,30}?\b(?:pin|passwords?|passcode|otp|login|"
                      r"(?:security|verification|one-time|access)\s+codes?|"
                      r"card\s+(?:number|details)|security\s+details|bank\s+details)\b")


def _inflected(table, i: int) -> bool:
    """Token ``i`` is a word of four letters or more whose lemma is not the
    word itself ("DELIVERED", "DAYS")."""
    return table.alpha[i] and table.length[i] >= 4 and table.lemma[i] != table.norm[i]


class MetricRule(Rule):
    """Measures the reply and flags where it goes over ``max``.

    - ``caps-words``: runs of consecutive words in capitals (shouting). A run
      longer than ``max`` words is flagged; words in ``exceptions`` (acronyms
      such as FAQ or ASAP) do not count. A shorter run of two or more words is
      flagged too when it holds one of ``emphatic`` (words no acronym or button
      label is made of: "the refund WAS SENT", "NOT ELIGIBLE"). With
      ``inflected: true``, one word is enough when it is an inflected English
      word ("was DELIVERED", "5-7 WORKING DAYS"): its lemma is not the word
      itself, which acronyms, product names and button labels hardly ever are.
      A word in ``stressed`` shouts alone too ("We have ALREADY answered",
      "The trial ONLY covers"), except in a caution about credentials
      ("Please do NOT share your PIN").
    - ``sentence-words``: sentences with more than ``max`` words.
    """

    extends = "metric"
    whole_text = True
    phrase_exceptions = False  # here they are words that do not count
    FIELDS = {"measure": Field(lambda v: v in MEASURES, "one of " + ", ".join(MEASURES), True),
              "max": int_field,
              "emphatic": str_list_field,
              "inflected": bool_field,
              "stressed": str_list_field}

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.measure = spec["measure"]
        self.max = spec.get("max", 2 if self.measure == "caps-words" else 40)
        self._allowed = {e.upper() for e in self.exceptions}
        for key in ("emphatic", "inflected", "stressed"):
            if key in spec and self.measure != "caps-words":
                raise self.error(key, "applies to measure: caps-words only")
        self._emphatic = frozenset(w.upper() for w in spec.get("emphatic", ()))
        self._inflected = spec.get("inflected", False)
        self._stressed = frozenset(w.upper() for w in spec.get("stressed", ()))
        #: The fewest capitals a flagged run can hold.
        self._least = (1 if self._inflected or self._stressed else
                       min(2, self.max + 1) if self._emphatic else self.max + 1)

    def match(self, doc):
        if not len(doc):
            return []
        if self.measure == "caps-words":
            return self._caps_runs(doc)
        return self._long_sentences(doc)

    def _caps_runs(self, doc):
        table = token_table(doc)
        # Cheap test first, counted in C: a flagged run needs more capitals
        # than most replies hold.
        if table.upper.count(1) < self._least:
            return []
        text = doc_text(doc)
        idx, length, upper = table.idx, table.length, table.upper
        allowed = self._allowed

        def word(i: int) -> str:
            return text[idx[i]:idx[i] + length[i]]

        caps, i = set(), -1
        try:
            while True:  # list.index skips the lowercase tokens in C
                i = upper.index(1, i + 1)
                if length[i] >= 2 and word(i) not in allowed:
                    caps.add(i)
        except ValueError:
            pass
        if len(caps) < self._least:
            return []
        # Runs of capitals: "PLEASE, READ THIS" is one (only punctuation or
        # spaces, no line break, between two of its words).
        punct, space = table.punct, table.space
        order = sorted(caps)
        runs, run = [], [order[0]]
        for before, i in zip(order, order[1:]):
            if all((punct[k] or space[k]) and "\n" not in word(k) for k in range(before + 1, i)):
                run.append(i)
            else:
                runs.append(run)
                run = [i]
        runs.append(run)
        hits = []
        for run in runs:
            # count words, not tokens: "DON'T" is two tokens but one word
            words = sum(1 for k, j in enumerate(run)
                        if k == 0 or idx[j] > idx[run[k - 1]] + length[run[k - 1]])
            emphatic = words >= 2 and any(word(j) in self._emphatic for j in run)
            start, end = idx[run[0]], idx[run[-1]] + length[run[-1]]
            stressed = (words == 1 and text[start:end] in self._stressed
                        and not _CAUTION.match(text, end))
            if (words > self.max or emphatic or stressed
                    or (self._inflected and any(_inflected(table, j) for j in run))):
                if not _is_label(text, start, end, emphatic):
                    hits.append(Hit(start, end))
        return hits

    def _long_sentences(self, doc):
        table = token_table(doc)
        if len(table.punct) <= self.max:
            return []
        hits = []
        text = doc_text(doc)
        n = len(table.punct)
        for k, first in enumerate(table.starts):
            end = table.starts[k + 1] if k + 1 < len(table.starts) else n
            if end - first <= self.max:
                continue
            if words_between(table, first, end) > self.max:
                last = doc[end - 1]
                begin, stop = doc[first].idx, last.idx + len(last)
                hits.append(Hit(begin, begin + len(text[begin:stop].rstrip())))
        return hits
