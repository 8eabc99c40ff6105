"""The phrases behind the scores, as data: one :class:`Marker` per signal.

Phrases are written as plain text and compared on spaCy's ``NORM`` (lowercase,
with contractions expanded: "can't" reads "can not", "I'll" reads "i will"),
so each phrase covers its contracted and curly-apostrophe spellings. A
``{a|b}`` group expands to alternatives. Weights are points:

* ``empathy`` points are added to the reply's empathy score (each kind of
  signal counts in full once, half the second time, then not at all).
* ``positivity`` points are added to the sentence they occur in; the reply's
  positivity is the *mean* over its sentences, so length alone does not move it.

The weights are a handful of round numbers chosen from the politeness
strategies of Danescu-Niculescu-Mizil et al. (2013) and from support-writing
guidance; docs/scores.md explains each one.
"""
from __future__ import annotations

from dataclasses import dataclass

#: Where a marker counts: anywhere, or only as the first word(s) of a sentence.
ANY, START = "any", "start"


@dataclass(frozen=True, slots=True)
class Marker:
    name: str
    empathy: float
    positivity: float
    phrases: tuple[str, ...]
    where: str = ANY
    kind: str = ""  # special handling in the scorer: apology, acknowledge, ...


def expand(pattern: str) -> list[str]:
    """``"i {can|do} see"`` -> ``["i can see", "i do see"]`` (``{|x}`` = optional).
    Groups nest: ``"by {noon|end of {day|today}}"``."""
    out, rest = _sequence(pattern, 0)
    if rest != len(pattern):
        raise ValueError(f"unbalanced braces in {pattern!r}")
    return [" ".join(p.split()) for p in out]


def _sequence(pattern: str, i: int) -> tuple[list[str], int]:
    """Expansions of ``pattern`` from ``i`` up to an unmatched "|" or "}"."""
    results = [""]
    while i < len(pattern) and pattern[i] not in "|}":
        if pattern[i] == "{":
            options, i = _group(pattern, i + 1)
            results = [r + o for r in results for o in options]
        else:
            j = i
            while j < len(pattern) and pattern[j] not in "{|}":
                j += 1
            results = [r + pattern[i:j] for r in results]
            i = j
    return results, i


def _group(pattern: str, i: int) -> tuple[list[str], int]:
    """The alternatives of a group whose "{" ends before ``i``; returns them
    and the index after its "}"."""
    options: list[str] = []
    while True:
        alt, i = _sequence(pattern, i)
        options += alt
        if i >= len(pattern):
            raise ValueError(f"unclosed brace in {pattern!r}")
        if pattern[i] == "}":
            return options, i + 1
        i += 1  # past "|"


def _m(name, empathy, positivity, *patterns, where=ANY, kind=""):
    phrases = tuple(dict.fromkeys(p for pat in patterns for p in expand(pat)))
    return Marker(name, empathy, positivity, phrases, where, kind)


_I = "{i|we}"
_ADV = "{|really |totally |completely |fully |definitely |absolutely |can |do |can really |can totally |can certainly }"
_FEEL = ("frustrating|frustrated|annoying|annoyed|concerning|concerned|worrying|worried|stressful|"
         "upsetting|upset|disappointing|disappointed|confusing|inconvenient|difficult|tough|hard|"
         "unsettling|alarming|irritating|aggravating|scary|unpleasant|awful|terrible")
FEELINGS = frozenset(_FEEL.split("|"))

_LET_ME = ("check|look|see|find|help|fix|take|get|escalate|review|investigate|pass|share|confirm|"
           "follow|ask|reach|dig|make|sort|look into|loop|connect|flag|raise|chase|update|arrange|"
           "send|correct|resolve|try|walk|explain")
_DO = ("check|look into|look|follow up|get back to you|make sure|personally|escalate|review|"
       "investigate|pass|send|update|fix|sort|reach out|contact|keep you|let you know|take care|"
       "arrange|process|refund|raise|chase|flag|be in touch|get this|get that|get it|dig")

MARKERS: tuple[Marker, ...] = (
    # -- empathy: acknowledging the customer's situation and feelings ---------------
    _m("acknowledges feelings", 14, 4,
       _I + " " + _ADV + "{understand|see|imagine} {how|why|that|what|your|this|the}",
       _I + " " + _ADV + "appreciate {how|why}",
       _I + " {can|can only|can certainly} imagine",
       _I + " {completely|totally|fully|really|certainly} understand",
       _I + " {know|hear|get} {how|why|that|what|you|your}", "i hear you",
       _I + " {understand|appreciate|see} where you {are|'re} coming from",
       _I + " {understand|appreciate|hear|share} your {concern|concerns|frustration|disappointment|worry}",
       "{oh no|oh dear|oh my}", "{that is|that 's|this is|how} {odd|strange|weird|not right|not good}",
       "{that|this|it} {should not|definitely should not|should never} {be happening|happen|have happened}",
       "{never|not} {the way|how|what} we want you to feel", "not the experience we want",
       "{it|that} sounds like",
       "i {would|'d} {be|feel} {the same|frustrated|annoyed|upset|concerned}",
       "{that|it|this} must {be|have been}",
       "{that|this|it} {is|sounds|does sound|seems|can be|would be|must be} {really |so |very |incredibly |}{" + _FEEL + "}",
       "{how|so} {" + _FEEL + "}",
       "{understandably|understandable|totally understandable|completely understandable}",
       "{you are|you 're} {right|correct}", "{valid|fair} {concern|question|point}",
       kind="acknowledge"),
    _m("apology", 0, 6,
       "{i|we} {am|are|'m|'re} {|so|very|really|truly|terribly|deeply|sincerely} sorry",
       "sorry", "{i|we} {apologize|apologise|apologized|apologised}",
       "{my|our} {apologies|apology}", "apologies", "{please|kindly} accept our apologies",
       kind="apology"),
    # -- empathy: ownership and a next step --------------------------------------------
    _m("ownership", 10, 3,
       "let me {" + _LET_ME + "}", "{i|we} will {" + _DO + "}", "{i|we} am going to",
       "{i|we} {are|am} going to",
       "{i|we} have {escalated|forwarded|passed|raised|flagged|reported|refunded|sent|updated|"
       "fixed|resolved|reset|added|credited|checked|gone ahead|reached out|asked|contacted|shared}",
       "{i|we} {escalated|forwarded|passed|raised|flagged|refunded|sent|updated|fixed|resolved|"
       "checked|went ahead|reached out|asked|contacted|shared|credited}",
       "{i|we} will {personally|make sure|follow up|keep you posted|keep you updated}",
       "{i|we} {am|are} {looking|checking} into", "{i|we} {am|are} on it",
       "get back to you", "keep you {posted|updated|in the loop}", "follow up with you",
       kind="ownership"),
    _m("commits to a time", 4, 0,
       "by {tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
       "the end of {the day|today|the week}|end of {day|today}|eod|noon|this afternoon|this evening}",
       "by {1|2|3|4|5|6|7|8|9|10|11|12}{| p.m.| a.m.| pm| am| o'clock}",
       "by {1|2|3|4|5|6|7|8|9|10|11|12} : {00|15|30|45}",
       "within {24|48|72|the next|2|3|1|one|two|three} {hours|hour|days|business days|working days|"
       "24 hours|48 hours|hour|few hours|couple of hours}",
       kind="time"),
    # -- empathy + positivity: gratitude, willingness, greeting ---------------------------
    _m("gratitude", 6, 10,
       "thank you", "thanks", "thank {u|ya}", "thx", "{many|big|huge} thanks", "{i|we} {really |truly |very much |}appreciate",
       "{appreciate|appreciated} {it|your|you|that|the}", "{grateful|thankful}", "cheers",
       kind="gratitude"),
    _m("willingness", 8, 10,
       "{happy|glad|pleased|delighted|more than happy} to {help|assist|look|check|take|explain|"
       "answer|support|sort|do|walk|have|hear}",
       "{here|always here} to help", "{i|we} {'d|would} like to help", "{would|'d} love to help", "{my|our} pleasure",
       "{you are|you 're} {very |most |always |so |}welcome", "{anytime|any time}",
       "{of course|absolutely|certainly|sure thing|definitely}!",
       "{of course|absolutely|certainly|sure thing}", "no need to apologize",
       "no need to apologise", "here for you", "{i|we} {am|are} {always |}here {if|for|to|whenever|when}", "{with|} pleasure", "feel free to",
       "do not hesitate to"),
    _m("greeting", 0, 8,
       "{hi|hello|hey|dear|greetings|howdy|hiya|heya|morning|evening|afternoon}",
       "good {morning|afternoon|evening|day}", where=START, kind="greeting"),
    _m("wishes well", 2, 8,
       "{have|enjoy} a {great|good|nice|lovely|wonderful|fantastic} {day|weekend|evening|night|"
       "one|week|time}", "{take care|best wishes|kind regards|warm regards|best regards|all the best}",
       "{hope|hoping} {this|that|it} helps", "{i|we} hope {you|your|this|that|it}",
       "{stay safe|keep safe|be well}"),
    # -- positivity: courtesy strategies (Danescu-Niculescu-Mizil et al. 2013) ----------
    _m("please", 0, 7, "{please|pls|plz|kindly}"),
    _m("indirect request", 0, 8,
       "{could|would} you", "{would|do} you mind", "{would|could} it be possible",
       "{is|would} it {be |}{possible|ok|okay|alright}", "{could|may|might|can} {i|we} {ask|suggest}",
       "{i|we} {was|were|am|are} wondering", "{i|we} wonder", "if you {could|would|can|do not mind}",
       "{would|could} you be able", "when you {get|have} a {chance|moment|minute|sec|second}",
       "at your {convenience|earliest convenience}", "if {possible|you like|you want|you prefer}",
       "{would|'d} you like"),
    _m("direct request", 0, 3, "{can|will} you", "are you able to"),
    _m("hedge", 0, 3,
       "{i|we} {think|believe|suggest|recommend|guess|feel|suspect}", "{perhaps|maybe|possibly}",
       "{it|that|this} {seems|looks like|might|may}", "{might|may} {be|want|help|need|have}",
       "{i|we} {'d|would} {suggest|recommend|say}", "{i|we} am not {sure|certain}", "{a bit|a little}",
       "{if i|if we} may"),
    _m("deference", 2, 7,
       "{great|good|excellent|interesting|fair|nice} {question|point|catch|find|idea|work|job|spot}",
       "well done"),
    _m("emoticon", 0, 6, "{:)|:-)|:D|;)|;-)|<3|:]|=)|(:|:P}"),
    _m("by the way", 0, 3, "by the way", "{btw|fyi}"),
    # -- negative: framing, bluntness, blame -----------------------------------------
    _m("negative framing", 0, -5,
       "{can|could|will|would} not", "{unable|unfortunately|sadly|regrettably|impossible|problem|"
       "problems|refuse|refused|deny|denied|never|nothing|nobody}", "no", "not possible", "not able"),
    _m("direct question", 0, -8, "{why|how come}", where=START),
    _m("wh- question", 0, -3, "{what|who|where|when|which|how} {is|are|was|were|do|does|did|the|can|have|has}",
       where=START),
    _m("first-person start", 0, 3, "{i|my}", where=START),
    _m("subjunctive", 0, 4, "{i|we} {would|'d|could} {like|love|be|appreciate}"),
    _m("direct opener", 0, -3, "{so|then|and|but|well|look|listen|ok so|okay so}",
       where=START),
    _m("second-person start", 0, -3, "{you|your|you 're|u|ur|yours}", where=START),
    _m("factuality", 0, -5,
       "{actually|in fact|obviously|clearly|simply|of course not|honestly|seriously|"
       "the fact is|the point is|as i said|as i mentioned|as already|as stated|literally}",
       "{do|did|does|is|are|was|were|have|has} {you|it|this|that|he|she|they} really"),
    _m("obligation", -3, -5,
       "you {need|needed|have|had|ought|will need|will have|are required|are expected} to",
       "you {must|should}",
       "{you|u} {did|do|should|could} not", "you {forgot|failed|missed|ignored|neglected}",
       "{it is|that is} {your|not our} {fault|responsibility|problem}",
       "{you should have|you could have|you were supposed to}"),
    _m("profanity or insult", -6, -15,
       "{hell|damn|damned|fuck|fucking|fucked|shit|crap|crappy|stupid|idiot|idiots|idiotic|moron|"
       "dumb|ridiculous|nonsense|pathetic|bullshit|bitch|ass|sucks|suck|liar|lies|lying|"
       "incompetent|ignorant|useless|lazy|rude|wtf|stfu|shut up|garbage|rubbish|absurd|silly|"
       "childish|bloody|dick}"),
)


#: Lexicon words the markers already count (so sentiment does not count them
#: twice) or that read wrongly in support replies: "sorry" is not negative,
#: "calm" in "calm down" is not positive, "please" and "thanks" are courtesy.
LEXICON_SKIP = frozenset("sorry calm please pls kindly thanks thank".split())

#: Words that end TextBlob-style negation scope and words that start it.
NEGATIONS = frozenset({"not", "no", "never", "n't"})
