"""Compute both scores in one pass over an analysed doc.

One PhraseMatcher (on NORM) finds every marker of ``signals.MARKERS``; one
loop over the doc's token array applies the sentiment lexicon and collects
per-sentence points. Nothing re-reads the text with regexes.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from spacy.strings import get_string_id

from ..findings import Severity
from ..nlp import PhraseTokenizer, token_table
from ..positions import SpanIndex
from . import lexicon
from .model import EMPATHY, POSITIVITY, Scores, SentenceScore, Signal, clamp
from .signals import ANY, FEELINGS, MARKERS, ORDEALS, START_NAMES, START_POINTS
from .weights import POSITIVITY_POINTS, SENTIMENT_POINTS

# -- weights (docs/scores.md explains each) -----------------------------------------
BASE_EMPATHY = 40.0     # a neutral, factual reply
BASE_POSITIVITY = 50.0  # a neutral sentence
POSITIVITY_SCALE = 1.5  # positivity = 50 + this x the mean points per sentence
# A sentence's lexicon polarity (-1..1) moves it by up to this many points
# (fitted; positivity_weights.json, read by weights.py).
SENTIMENT_WEIGHT = SENTIMENT_POINTS  # by polarity > 0
REPEAT_FACTORS = (1.0, 0.5)  # empathy: a kind of signal counts fully once, half twice, then 0
APOLOGY_EMPATHY = {"specific apology": 12.0, "apology": 6.0, "formulaic apology": 3.0}
FEELING_BONUS = 4.0      # an acknowledgement that names the feeling ("frustrating")
SPECIFIC_BONUS = 4.0     # ... and the customer's situation in other words
GRATITUDE_FOR = 6.0      # "thank you for <something>" (bare "thanks": the marker's half)
PERSONAL_ADDRESS = 5.0   # "Hi Sarah"
FOLLOW_WINDOW = 3        # "that sounds [like a] nightmare": the feeling word within 3 tokens
SEVERITY_FACTOR = {1: 0.5, 2: 1.0, 3: 1.5}  # suggestion, warning, error
#: Rule findings by category: (empathy, positivity) points per warning.
#: Professionalism is register, not care: slang, "!!!" or a form letter say
#: nothing of whether the writer cares (a stock apology already earns less as
#: a "formulaic apology", an insult loses points as "profanity or insult"), and
#: counting them cost empathy's AUC on the tuned support and peer-support labels.
FINDING_WEIGHTS = {
    "empathy": (-10.0, -4.0), "blame": (-10.0, -6.0), "ownership": (-8.0, -3.0),
    "courtesy": (-5.0, -8.0), "politeness": (-5.0, -8.0), "positivity": (-2.0, -8.0),
    "professionalism": (0.0, -6.0), "honesty": (-3.0, -4.0), "timeliness": (-3.0, -2.0),
    "clarity": (0.0, -2.0), "structure": (0.0, -1.0), "jargon": (0.0, -1.0),
    "readability": (0.0, -1.0), "inclusivity": (-4.0, -4.0),
}
DEFAULT_FINDING_WEIGHTS = (-2.0, -3.0)
#: Words that do not make an apology specific ("sorry for any inconvenience").
FORMULA_WORDS = frozenset("inconvenience inconveniences caused any".split())
#: Words that do not make an acknowledgement specific.
GENERIC_WORDS = frozenset("feel feeling thing things situation way".split())

_FOR = get_string_id("for")
_HEAR = get_string_id("hear")
_FEELING_IDS = frozenset(get_string_id(w) for w in FEELINGS)
_FORMULA_IDS = frozenset(get_string_id(w) for w in FORMULA_WORDS)
_GENERIC_IDS = frozenset(get_string_id(w) for w in GENERIC_WORDS)
#: Words that, just before an acknowledgement, mean it is not one ("if I
#: understand correctly", "not sure I understand").
_UNSAID_IDS = frozenset(get_string_id(w) for w in ("if", "not", "never", "no"))
_FEELING_KINDS = frozenset({"acknowledge", "reaction", "understand"})
_WARNING = Severity.WARNING  # findings at or above it: wording a rule wants changed
_SO_ID = get_string_id("so")
#: Words after "so" that make it an intensifier even where the lexicon has no
#: polarity for them ("so much", "so many").
_SO_INTENSIFIED_IDS = frozenset(get_string_id(w) for w in
                                "much many far long close quick fast sure excited".split())
#: Capitalised words after a greeting that are not a name ("Hi, Welcome to ...").
NOT_NAMES = frozenset("welcome thanks thank sorry hope happy glad great good team everyone "
                      "folks guys friend friends again all support".split())
NEGATION_SCOPE = 3  # a negation flips a lexicon word up to this many tokens after it
#: An adjective-only lexicon word right after these is a verb ("I mean", "to mean",
#: "help secure").
_VERB_BEFORE_IDS = frozenset(get_string_id(w) for w in (
    "i you we they he she it to will would can could should may might must do does did "
    "help helps helped let".split()))
#: ... after these and before a verb, a preposition or punctuation, a noun
#: ("your game is ready", "the game from the store", "some kind.").
_DETERMINER_IDS = frozenset(get_string_id(w) for w in (
    "a an the your my our their his her its this that these those some what which every each "
    "another".split()))
_VERB_AFTER_IDS = frozenset(get_string_id(w) for w in (
    "is are was were be been has have had will would can could should may might must do does did "
    "'s of from on in at for with to and or but by as".split()))
#: Before an object these make a lexicon verb-adjective a verb ("clear your cache") ...
_OBJECT_IDS = frozenset(get_string_id(w) for w in (
    "a an the your my our their his its them this these those".split()))
#: ... unless one of these comes first ("it is clear the ...").
_COPULA_IDS = frozenset(get_string_id(w) for w in (
    "is are was were be been being am 's 're 'm seem seems seemed look looks looked feel feels "
    "felt become becomes got get gets".split()))
#: ... and, in a fixed phrase, these may come between ("be extra sure", "what is
#: wrong", "does that mean").
_BRIDGE_IDS = _COPULA_IDS | frozenset(get_string_id(w) for w in (
    "very so really extra too quite pretty that this it you not n't".split()))
_THE = get_string_id("the")
_HYPHEN = get_string_id("-")
#: What an apology names ends at punctuation or at one of these ("sorry, but ...").
_TURN_IDS = frozenset(get_string_id(w) for w in "but however though although yet".split())


def _ids(table: dict[str, str]) -> dict[int, frozenset]:
    return {get_string_id(w): frozenset(get_string_id(x) for x in v.split())
            for w, v in table.items()}


_COMPOUND_NEXT = _ids(lexicon.COMPOUND_NEXT)
_COMPOUND_PREVIOUS = _ids(lexicon.COMPOUND_PREVIOUS)
_VERBS_TOO = frozenset(get_string_id(w) for w in lexicon.VERBS_TOO)
_SELECTION = frozenset(get_string_id(w) for w in lexicon.SELECTION)


def _other_sense(doc, i, n, norms, opens, alphas, adjective_only) -> bool:
    """True where a lexicon word at ``i`` is not used in its listed (polar)
    sense:

    * part of a compound or fixed phrase: hyphenated ("lower-right",
      "right-click", "repository-wide") or listed in ``lexicon.COMPOUND_NEXT``
      and ``COMPOUND_PREVIOUS`` ("hard drive", "right now", "make sure",
      "what's wrong");
    * a verb-adjective before its object ("clear your cache");
    * "the right account", "the appropriate team": a choice, not a judgement;
    * a capitalised word inside a sentence is a name ("Forest Green",
      "Creative Cloud");
    * an adjective-only entry after a subject or "to" is a verb ("I mean"),
      and between a determiner and a verb, a preposition or punctuation a
      noun ("your game is", "the game from")."""
    h = norms[i]
    if i + 1 < n:
        after = norms[i + 1]
        follows = _COMPOUND_NEXT.get(h)
        if follows is not None and after in follows:
            return True
        if after == _HYPHEN and i + 2 < n and alphas[i + 2] and not doc[i].whitespace_ \
                and not doc[i + 1].whitespace_:
            return True
        if h in _VERBS_TOO and after in _OBJECT_IDS and (not i or norms[i - 1] not in _COPULA_IDS):
            return True
    if i:
        before = norms[i - 1]
        if before == _HYPHEN and i >= 2 and alphas[i - 2] and not doc[i - 2].whitespace_ \
                and not doc[i - 1].whitespace_:
            return True
        phrase = _COMPOUND_PREVIOUS.get(h)
        if phrase is not None and (before in phrase or (
                before in _BRIDGE_IDS and i >= 2 and norms[i - 2] in phrase)):
            return True
        if before == _THE and h in _SELECTION and i + 1 < n and alphas[i + 1]:
            return True
    if not i or i in opens:  # the first word of a sentence
        return False
    if doc[i].is_title and (alphas[i - 1] or (i + 1 < n and alphas[i + 1]
                                              and doc[i + 1].is_title)):
        return True  # a name: "Forest Green", ", Creative Cloud customers"
    if adjective_only:
        before = norms[i - 1]
        if before in _VERB_BEFORE_IDS:
            return True
        if before in _DETERMINER_IDS and (i + 1 >= n or not alphas[i + 1]
                                          or norms[i + 1] in _VERB_AFTER_IDS):
            return True
    return False


def _longest_first(m):
    return (m[1] - m[2], m[1])


def _start(m):
    return m[1]


def _signal_order(g):
    return (g.sentence, g.start)


def _strongest_first(o):
    return (-o[0], o[1], o[2])


def _name_end(doc, b, end) -> int:
    """After a greeting ending at ``b``: the end of the name it addresses ("Hi
    Sarah,", "Hello, Harold!", "Hey Sarah Jones -"), or 0. A name is one or two
    capitalised words, not stop words, followed by punctuation or the sentence end."""
    i = b
    if i < end and doc[i].text == ",":
        i += 1
    j = i
    while j < end and j - i < 2:
        tok = doc[j]
        if not (tok.is_title and tok.is_alpha and not tok.is_stop
                and tok.lower_ not in NOT_NAMES):
            break
        j += 1
    if j == i or (j < end and not doc[j].is_punct):
        return 0
    return j


def _blank_tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


class Scorer:
    """Matchers and tables for one vocab, built once."""

    def __init__(self, vocab, tokenizer=None):
        from spacy.matcher import PhraseMatcher

        self.vocab = vocab
        self.matcher = PhraseMatcher(vocab, attr="NORM")
        self.markers = {}
        self.followed_keys: set[int] = set()
        # The pipeline's own tokenizer when the caller has one: building a
        # second blank English pipeline costs a fifth of a second.
        tokenize = tokenizer or _blank_tokenizer()
        if not isinstance(tokenize, PhraseTokenizer):
            tokenize = PhraseTokenizer(tokenize)
        for marker in MARKERS:
            key = "tonecheck.scoring:" + marker.name
            self.matcher.add(key, tokenize.distinct_norm_keys(marker.phrases))
            self.markers[vocab.strings.add(key)] = marker
            if marker.followed:  # same signal, checked for a feeling word after it
                key += " (followed)"
                self.matcher.add(key, [tokenize.norm_keys(p) for p in marker.followed])
                self.markers[vocab.strings.add(key)] = marker
                self.followed_keys.add(vocab.strings[key])
        self.follow_ids = frozenset(get_string_id(w) for w in FEELINGS | ORDEALS)
        # Positivity points per signal name: the fitted ones (weights.py),
        # else the marker's own. The fit script swaps in its own tables.
        self.pos_points = {m.name: m.positivity for m in MARKERS}
        self.pos_points.update(START_POINTS)
        self.pos_points.update(POSITIVITY_POINTS)
        self.sentiment_points = dict(SENTIMENT_WEIGHT)
        self.min_sentiment_points = 0.5  # smaller lexicon effects are not shown
        self.lexicon = lexicon.table()
        self.special = frozenset(self.lexicon) | lexicon.NEGATION_IDS | {lexicon.EXCLAMATION_ID}

    # ------------------------------------------------------------------------------
    def __call__(self, doc, findings: Sequence = (), text: str | None = None) -> Scores:
        n = len(doc)
        if not n:
            return Scores(BASE_EMPATHY, BASE_POSITIVITY)
        if text is None:
            text = doc.text
        table = token_table(doc)
        norms, alphas = table.norm, table.alpha
        firsts = table.starts  # sentences: the first token of each
        n_sent = len(firsts)
        bounds = firsts + [n]
        scored = [any(alphas[bounds[j]:bounds[j + 1]]) for j in range(n_sent)]
        first_words: dict[int, int] = {}

        def first_word(j):
            """The first word of sentence ``j`` (its end if none), found once:
            "is this marker at the start?" is then one comparison, however
            long the sentence and however many markers it holds."""
            i = first_words.get(j)
            if i is None:
                i = first_words[j] = next(
                    (k for k in range(bounds[j], bounds[j + 1]) if alphas[k]), bounds[j + 1])
            return i
        sent_pts = [0.0] * n_sent   # positivity points per sentence
        sent_emp = [0.0] * n_sent   # empathy points per sentence
        pos_raw: list[tuple] = []   # (sentence, name, points, text, start, end)
        emp_sig: list[Signal] = []
        covered = set()             # tokens the sentiment lexicon must skip

        idx, length = table.idx, table.length

        def span(a, b):  # tokens [a, b) -> (text, char start, char end)
            c0 = idx[a]
            c1 = idx[b - 1] + length[b - 1]
            return text[c0:c1], c0, c1

        def emp_add(name, w, s, a, b):
            t, c0, c1 = span(a, b)
            emp_sig.append(Signal(EMPATHY, name, w, t, c0, c1, s))
            sent_emp[s] += w

        # -- findings ------------------------------------------------------------------
        fspans = []
        warned = []  # spans of warnings and errors: wording a rule wants changed
        if findings:
            sent_chars = [idx[f] for f in firsts]
            for f in findings:
                if f.end <= f.start:
                    continue
                fspans.append((f.start, f.end))
                if f.severity >= _WARNING:
                    warned.append((f.start, f.end))
                s = bisect_right(sent_chars, f.start) - 1
                emp_w, pos_w = FINDING_WEIGHTS.get(f.category, DEFAULT_FINDING_WEIGHTS)
                k = SEVERITY_FACTOR.get(int(f.severity), 1.0)
                if emp_w:
                    emp_sig.append(Signal(EMPATHY, f.rule, emp_w * k, f.match, f.start, f.end, s))
                    sent_emp[s] += emp_w * k
                if pos_w:
                    pos_raw.append((s, f.rule, pos_w * k, f.match, f.start, f.end))
                    sent_pts[s] += pos_w * k
                sp = doc.char_span(f.start, f.end, alignment_mode="expand")
                if sp is not None:
                    covered.update(range(sp.start, sp.end))

        # -- markers ---------------------------------------------------------------------
        found_at = SpanIndex(fspans) if fspans else None  # one bisection per marker
        warned_at = SpanIndex(warned) if warned else None
        matches = self.matcher(doc)
        followed = self.followed_keys
        if len(matches) == 1 and matches[0][0] in followed:
            matches = [m for m in matches if self._feeling_follows(norms, m[2], bounds, firsts)]
        if len(matches) > 1:  # longest first; drop matches overlapping a kept one
            matches.sort(key=_longest_first)
            taken = bytearray(n)
            kept = []
            for m in matches:
                if m[0] in followed and not self._feeling_follows(norms, m[2], bounds, firsts):
                    continue  # "that sounds ..." counts only before a feeling word
                if not any(taken[m[1]:m[2]]):
                    taken[m[1]:m[2]] = b"\x01" * (m[2] - m[1])
                    kept.append(m)
            matches = sorted(kept, key=_start)
        emp_occ: dict[str, list] = {}  # name -> [(points, sentence, a, b)]
        once: dict[str, tuple] = {}    # one-off empathy signals: name -> (points, sentence, a, b)
        ack_seen: dict[int, tuple] = {}  # sentence -> what _acknowledge read there
        pos_seen = set()
        markers = self.markers
        pos_points = self.pos_points
        for key, a, b in matches:
            mk = markers[key]
            s = bisect_right(firsts, a) - 1
            first = firsts[s]
            if mk.where != ANY and (any(alphas[first:a]) if a - first < 32 else first_word(s) < a):
                continue  # a sentence-start marker that is not at the start
            if mk.kind == "neutral":
                continue
            t, c0, c1 = span(a, b)
            if (mk.positivity < 0 or mk.empathy < 0) and found_at and found_at.overlaps(c0, c1):
                continue  # a rule finding already counts these words
            if warned_at and mk.kind != "apology" and warned_at.overlaps(c0, c1):
                continue  # "absolutely" in "it is absolutely impossible": no willingness
            covered.update(range(a, b))
            name, emp_w, kind = mk.name, mk.empathy, mk.kind
            if kind:
                if kind == "apology":
                    name = self._apology(doc, b, bounds[s + 1], norms, alphas)
                    emp_w = APOLOGY_EMPATHY[name]
                    # "sorry for the trouble / late reply": what went wrong is named,
                    # not said against the reader.
                    k, end = b, bounds[s + 1]
                    while k < end and (alphas[k] or doc[k].text in "'-") \
                            and norms[k] not in _TURN_IDS:
                        covered.add(k)
                        k += 1
                elif kind == "start":
                    if not (any(alphas[first:a]) if a - first < 32 else first_word(s) < a):
                        name = START_NAMES[name]  # "Please send it."
                elif kind == "opener":
                    if norms[a] == _SO_ID and b < n and (norms[b] in self.lexicon
                                                         or norms[b] in _SO_INTENSIFIED_IDS):
                        continue  # "So glad it worked", "So much better"
                elif kind == "gratitude":
                    emp_w = GRATITUDE_FOR if b < n and norms[b] == _FOR else emp_w / 2
                elif kind == "greeting":
                    if "personal address" not in once:
                        end = _name_end(doc, b, bounds[s + 1])
                        if end:
                            once["personal address"] = (PERSONAL_ADDRESS, s, a, end)
                elif kind in _FEELING_KINDS:
                    if a > first and (norms[a - 1] in _UNSAID_IDS
                                      or (a - 1 > first and norms[a - 2] in _UNSAID_IDS)):
                        continue  # "if I understand", "not sure I understand"
                    if kind != "understand":
                        self._acknowledge(doc, s, a, b, bounds[s + 1], first, norms, alphas,
                                          covered, once, kind == "acknowledge", ack_seen)
            if emp_w:
                emp_occ.setdefault(name, []).append((emp_w, s, a, b))
            pw = pos_points.get(name, mk.positivity)
            if pw and (s, name) not in pos_seen:
                pos_seen.add((s, name))
                pos_raw.append((s, name, pw, t, c0, c1))
                sent_pts[s] += pw
        # Each kind counts fully once, half the second time: the strongest first, so
        # adding a sentence never lowers the sum.
        for name, occ in emp_occ.items():
            if len(occ) > 1:
                occ.sort(key=_strongest_first)
            for (w, s, a, b), factor in zip(occ, REPEAT_FACTORS):
                emp_add(name, w * factor, s, a, b)
        for name, (w, s, a, b) in once.items():
            emp_add(name, w, s, a, b)

        # -- sentiment lexicon (only over tokens it knows) ------------------------------
        lex = self.lexicon
        special = self.special
        hits = [i for i, h in enumerate(norms) if h in special]
        if hits:
            neg_ids, excl = lexicon.NEGATION_IDS, lexicon.EXCLAMATION_ID
            opens = frozenset(firsts)
            sums = {}  # sentence -> [total, count, [(token, polarity)]]
            neg_at = -9
            mod_at, modifier = -9, 1.0
            last = None  # [sentence, index in its list] of the last assessed word
            for i in hits:
                h = norms[i]
                e = lex.get(h)
                if e is None or i in covered:
                    if h in neg_ids:
                        neg_at = i
                    elif h == excl and last is not None and last[1] == i - 1:
                        acc = sums[last[0]]
                        p = acc[2][-1][1]
                        boosted = max(-1.0, min(1.0, p * 1.25))
                        acc[0] += boosted - p
                        acc[2][-1] = (acc[2][-1][0], boosted)
                        last[1] = i
                    continue
                p, intensity, is_mod, adjective_only = e
                if is_mod and i + 1 < n and norms[i + 1] in lex and (i + 1) not in covered:
                    mod_at, modifier = i, intensity  # "very" in "very good"
                    continue
                if not p or _other_sense(doc, i, n, norms, opens, alphas, adjective_only):
                    continue  # intensity only ("much"), a name, or a noun/verb use
                if mod_at == i - 1:
                    p = max(-1.0, min(1.0, p * modifier))
                if 0 < i - neg_at <= NEGATION_SCOPE:
                    p *= -0.5  # "not good" is slightly bad; "not bad" slightly good
                s = bisect_right(firsts, i) - 1
                acc = sums.get(s)
                if acc is None:
                    acc = sums[s] = [0.0, 0, []]
                acc[0] += p
                acc[1] += 1
                acc[2].append((i, p))
                last = [s, i]
            for s, (total, count, words) in sums.items():
                pol = total / count
                pts = self.sentiment_points[pol > 0] * pol
                if pts and abs(pts) >= self.min_sentiment_points:
                    a, b = words[0][0], words[-1][0] + 1
                    _t, c0, c1 = span(a, b)
                    shown = ", ".join(doc[w].text for w, _p in words)
                    pos_raw.append((s, "positive words" if pts > 0 else "negative words", pts,
                                    shown, c0, c1))
                    sent_pts[s] += pts
                    scored[s] = True

        # -- totals ----------------------------------------------------------------------------
        for row in pos_raw:
            scored[row[0]] = True
        n_scored = sum(scored) or 1
        signals = emp_sig
        per = POSITIVITY_SCALE / n_scored
        signals.extend(Signal(POSITIVITY, name, pts * per, t, c0, c1, s)
                       for s, name, pts, t, c0, c1 in pos_raw)
        signals.sort(key=_signal_order)
        empathy = clamp(BASE_EMPATHY + sum(sent_emp))
        positivity = clamp(BASE_POSITIVITY + sum(sent_pts) * per)
        sentences = []
        for j in range(n_sent):
            c0 = idx[bounds[j]]
            final = bounds[j + 1] - 1  # the sentence's last token
            c1 = idx[final] + length[final]
            shown = text[c0:c1]
            if not shown.strip():  # a line break the sentencizer left on its own
                continue
            c0 += len(shown) - len(shown.lstrip())
            c1 -= len(shown) - len(shown.rstrip())
            sentences.append(SentenceScore(c0, c1, text[c0:c1],
                                           clamp(BASE_EMPATHY + sent_emp[j]),
                                           clamp(BASE_POSITIVITY + POSITIVITY_SCALE * sent_pts[j])))
        return Scores(empathy, positivity, tuple(signals), tuple(sentences))

    # -- special markers ---------------------------------------------------------------
    @staticmethod
    def _apology(doc, b, end, norms, alphas) -> str:
        """"specific apology" names what went wrong ("sorry your order arrived
        damaged", "sorry to hear that"); "formulaic apology" only the formula
        ("we apologize for any inconvenience"); a bare "Sorry!" is "apology"."""
        if b < end and norms[b] == get_string_id("to") and b + 1 < end and norms[b + 1] == _HEAR:
            return "specific apology"
        content = formula = 0
        for i in range(b, end):
            if not alphas[i]:
                continue
            if norms[i] in _FORMULA_IDS:
                formula += 1
            elif not doc[i].is_stop:
                content += 1
                if content >= 2:  # enough: a run of apologies stays linear
                    break
        if content >= 2:
            return "specific apology"
        if formula:
            return "formulaic apology"
        return "apology"

    @staticmethod
    def _acknowledge(doc, s, a, b, end, first, norms, alphas, covered, once, restates=True,
                     seen=None):
        """Bonuses for an acknowledgement (or emotional reaction) that names the
        feeling and restates the customer's situation (content words beyond the
        formula). Each bonus counts once per reply, from the first sentence that
        earns it, so a second acknowledgement never takes one away.

        ``seen`` (sentence -> (last feeling word, content words)) keeps what
        one pass over a sentence found, so that a sentence of a thousand
        acknowledgements is read once, not once per acknowledgement."""
        known = seen.get(s) if seen is not None else None
        if known is None:
            feeling = None
            content = 0
            for i in range(first, end):
                h = norms[i]
                if h in _FEELING_IDS:
                    feeling = i
                    covered.add(i)  # "how frustrating" acknowledges; it is not negative wording
                elif alphas[i] and h not in _GENERIC_IDS and not doc[i].is_stop:
                    content += 1
            if seen is not None:
                seen[s] = (feeling, content)
        else:
            feeling, content = known
        # The acknowledgement's own words are not the customer's situation.
        for i in range(a, min(b, end)):
            h = norms[i]
            if h not in _FEELING_IDS and alphas[i] and h not in _GENERIC_IDS \
                    and not doc[i].is_stop:
                content -= 1
        if feeling is not None and "names the feeling" not in once:
            once["names the feeling"] = (FEELING_BONUS, s, feeling, feeling + 1)
        if restates and content >= 2 and "in the customer's terms" not in once:
            once["in the customer's terms"] = (SPECIFIC_BONUS, s, first, end)

    def _feeling_follows(self, norms, b, bounds, firsts) -> bool:
        """A feeling word (or an ordeal: "a nightmare") within FOLLOW_WINDOW tokens
        after ``b``, in the same sentence as the match that ends there."""
        follow = self.follow_ids
        end = min(b + FOLLOW_WINDOW, bounds[bisect_right(firsts, b - 1)])
        for j in range(b, end):
            if norms[j] in follow:
                return True
        return False


_SCORERS: dict[int, tuple[object, Scorer]] = {}


def scorer_for(vocab, tokenizer=None) -> Scorer:
    """The scorer for ``vocab``, built on first use (with ``tokenizer`` for
    its marker phrases, if given)."""
    entry = _SCORERS.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        entry = _SCORERS[id(vocab)] = (vocab, Scorer(vocab, tokenizer))
    return entry[1]


def score(doc, findings: Sequence = (), text: str | None = None) -> Scores:
    """The empathy and positivity of an analysed reply, with every signal.

    ``text`` is the reply as checked (the same length as ``doc.text``); pass it
    when you have it, which saves rebuilding it from the doc and shows the
    signals in the original spelling."""
    return scorer_for(doc.vocab)(doc, findings, text)
