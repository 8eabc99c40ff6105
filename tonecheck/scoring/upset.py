"""Is the customer upset? Read from their message, for context-aware empathy.

A reply to an upset customer should acknowledge how they feel before it
answers (``empathy.acknowledge-upset-customer``, see tonecheck.contextual).
This module reads the customer's message and says whether they are upset,
and why, with the words that show it:

* **anger**: anger and frustration words ("frustrated", "ridiculous",
  "unacceptable", "fed up", "a joke", "waste of time");
* **repeat contact**: writing again about the same thing ("third time I'm
  writing", "still waiting", "no one has replied", "how many times");
* **threat**: leaving or escalating ("cancel my account", "never again",
  "file a complaint", "chargeback");
* **shouting**: several words in capitals ("WHERE IS MY ORDER");
* **negative**: the message reads clearly negative in tonecheck's sentiment
  lexicon (mean polarity at most ``NEGATIVE_POLARITY``, with at least
  ``MIN_NEGATIVE_WORDS`` negative words), or mildly negative with "!!", "?!"
  or "??";
* **distress**: worry and fear ("worried", "scared", "desperate").

The phrase families are data (``FAMILIES``), written like the scorer's
markers (``{a|b}`` alternatives) and compared on spaCy's ``NORM``, so "I've
been waiting" and "I have been waiting" are one phrase. docs/scores.md gives
the figures on real customer messages.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..nlp import PhraseTokenizer
from .signals import expand

_N = "{2nd|3rd|4th|5th|6th|second|third|fourth|fifth|sixth|umpteenth|nth|100th|millionth}"
_COUNT = ("{2|3|4|5|6|7|8|9|10|two|three|four|five|six|seven|eight|nine|ten|multiple|several|"
          "many|countless|numerous|so many|a few|a dozen}")
_CONTACT = ("{called|emailed|e-mailed|contacted|messaged|written|wrote|tweeted|dm'd|dmed|asked|"
            "reached out|complained|reported|chatted|spoken|spoke|been told|explained|sent}")

FAMILIES: dict[str, tuple[str, ...]] = {
    "anger": (
        "{frustrated|frustrating|frustration|furious|angry|anger|annoyed|irritated|livid|fuming|"
        "infuriating|infuriated|outraged|enraged|exasperated|upset|pissed|mad at}",
        "{fed up|sick of|sick and tired|tired of|had enough|lost patience|losing patience|"
        "running out of patience|at my wits end|beyond frustrated}",
        "{ridiculous|unacceptable|outrageous|disgusting|disgraceful|disgrace|appalling|"
        "shocking|pathetic|useless|incompetent|incompetence|shameful|inexcusable|absurd|"
        "laughable|atrocious|horrendous|abysmal|lousy|unprofessional|unbelievable}",
        "{worst|terrible|horrible|awful|dreadful} {service|customer service|support|company|"
        "experience|app|bank|airline|update|ever}",
        "{the worst|is a joke|what a joke|such a joke|total joke|complete joke|a scam|scam|scammed|scammers|rip off|ripoff|rip-off|robbed|"
        "robbery|thieves|stealing|stole|liars|lied|lying to|false advertising}",
        "{waste of|wasted} {time|my time|money|my money|hours|a day}",
        "{shame on you|what a joke|are you kidding|you kidding me|seriously ?|"
        "get it together|sort it out|do your job|not good enough|wtf|what the hell|"
        "what the fuck|what the heck|the hell|the heck|the fuck|ffs|smh|bullshit|crap|sucks|"
        "garbage|trash|rubbish|stupid|damn|dammit|goddamn|bloody|annoying|irritating}",
        "{for no reason|no explanation|without any explanation|without warning}",
        "{so|very|really|extremely|incredibly|beyond|totally} {disappointed|disappointing|"
        "unhappy|dissatisfied|annoying|upset}",
        "{hate|hate this|hate you|i am done|i 'm done|done with you|done with this}",
        "{treated like|no respect|disrespectful|rude}",
    ),
    "repeat contact": (
        _N + " time", "for the " + _N + " time", "how many {more |}times",
        _CONTACT + " {|you |you guys |us |them |your team |about this |about it }" + _COUNT
        + " times", _COUNT + " times {now|already|so far|and still|and nothing|and no}",
        "{again and again|over and over|time and again|yet again|once again}",
        "{i|we} {have|'ve|had} {already|} " + _CONTACT,
        "{already|again} " + _CONTACT, _CONTACT + " {you|you guys|your team} {twice|again|before}",
        "still {waiting|no|nothing|not|have not|has not|can not|unable|do not|does not|did not|"
        "is not|are not|broken|being charged|charging}",
        "{been waiting|waiting for|waited} {|over |more than |almost |nearly }{a week|weeks|"
        "days|months|hours|a month|an hour|two|three|2|3|4|5|6|7|8|9|10|since}",
        "{no one|nobody|noone|no-one} {has|is|will|seems|ever|bothered|replied|responded|"
        "answered|answers|replies|responds|got back|gets back|cares|called|calls|contacted|helped|"
        "helps|can}",
        "{no|zero|still no|never got a|never received a|not received any|not had any|"
        "not gotten any|not got any} {response|reply|answer|update|call back|callback|help}",
        "{have not|has not|never|did not|not} {heard back|heard anything|gotten back|got back|"
        "been contacted|received a reply|received a response|received any}",
        "{keep|kept} {getting|being} {told|transferred|passed around|bounced|ignored|"
        "disconnected}",
        "{being|been|keep being|getting} {ignored|ghosted|passed around|given the runaround|"
        "fobbed off}",
        "{days|weeks|months} {later|now|and still|on}", "{been|was|am|i 'm|waiting} on hold for", "{follow up|following up|chasing|chase up}",
        "{has not|have not|is not|was not|still not} been {resolved|fixed|sorted|solved|"
        "addressed|refunded|processed} {yet|still}",
    ),
    "distress": (
        "{i am|i 'm|i was|we are|we 're|very|really|so|extremely|getting|super|quite} {worried|"
        "concerned|scared|anxious|stressed|panicking|nervous|afraid}",
        "{panicking|panicked|desperate|devastated|heartbroken|distraught|losing my mind|"
        "freaking out|at a loss|do not know what {to do|else to do}}",
        "{😭|😢|😡|🤬|😠|😤|😩|😫|😞|😖|😣|☹|☹️|:(|:-(|:'(|>:(}",
    ),
    "threat": (
        "{cancel|cancelling|canceling|close|closing} my {account|subscription|order|service|"
        "membership|card|contract|plan}",
        "{switch|switching|move|moving} to {another|a different|a competitor|your competitor}",
        "{go|going} to {a competitor|your competitor|another bank|another provider|another company}",
        "{take|taking} my {business|money|custom} elsewhere", "never {again|buying|ordering|using|"
        "flying|shopping|recommend|recommending}",
        "{file|filing|make|making|lodge|raise} a {formal |}complaint",
        "{report|reporting} {you|this|your company} to", "{lawyer|lawyers|lawsuit|sue|suing|"
        "legal action|small claims|ombudsman|bbb|trading standards|chargeback|dispute the charge}",
        "{leave|leaving|write|writing} a {bad|negative|one star|1 star|1-star} review",
        "{lost|losing} a {customer|loyal customer}", "want {my money|a full refund} back",
        "{refund|money} back {now|immediately|asap}", "{boycott|unsubscribe from everything}",
        "{i|we} {expect|demand|want} a {full |}refund", "{i|we} want my money back",
    ),
}
#: Capitalised words that are names and acronyms, not shouting.
ACRONYMS = frozenset(
    "usa uk eu usd gbp eur ups usps dhl fedex tnt pdf atm pin sms otp usb hdmi wifi ssd hdd cpu "
    "gpu ram rom dvd tv hd uhd lcd led vpn dns ip isp url html api app ios imei sim esim gps nfc "
    "faq tos id pc mac ps4 ps5 xbox nba nfl mlb fifa gta ea ceo vip asap fyi btw omg lol tbh "
    "dm pm am est pst gmt utc cst mst edt pdt bst cet ok okay ext ac dc icloud aws ubs hsbc bofa "
    "chase amex visa atv dvr ota".split())
MIN_SHOUTING_WORDS = 3    # capitalised words (3+ letters, not acronyms) ...
MIN_SHOUTING_SHARE = 0.2  # ... that are at least this share of the message's words
NEGATIVE_POLARITY = -0.3  # mean lexicon polarity of the message at or below this
MIN_NEGATIVE_WORDS = 3    # ... or fewer with "!!", "?!" or "??"
MILD_NEGATIVE = -0.1      # with "!!", "?!" or "??", this mean is enough
#: Lexicon words that are negative in the lexicon but not in a customer's
#: report of a problem ("not sure", "random folders", "the game").
NEUTRAL_WORDS = frozenset("sure random game games gaming".split())
NEGATION_SCOPE = 3


@dataclass(frozen=True)
class Upset:
    """Whether the customer is upset, and the evidence: ``(reason, words)``."""

    upset: bool
    reasons: tuple[tuple[str, str], ...] = ()
    polarity: float = 0.0

    def evidence(self, limit: int = 2) -> str:
        """'"third time", "ridiculous"' for a finding's message."""
        seen = list(dict.fromkeys(words for _reason, words in self.reasons))
        return ", ".join(f'"{w}"' for w in seen[:limit])


class UpsetDetector:
    """The family matcher for one vocab, built once."""

    def __init__(self, vocab, tokenizer):
        from spacy.matcher import PhraseMatcher

        if not isinstance(tokenizer, PhraseTokenizer):
            tokenizer = PhraseTokenizer(tokenizer)
        self.tokenizer = tokenizer
        self.matcher = PhraseMatcher(vocab, attr="NORM")
        self.family = {}
        for family, patterns in FAMILIES.items():
            phrases = tokenizer.distinct_norm_keys(p for pattern in patterns for p in expand(pattern))
            key = "tonecheck.upset:" + family
            self.matcher.add(key, phrases)
            self.family[vocab.strings.add(key)] = family

    def __call__(self, text: str) -> Upset:
        from ..nlp import normalise

        if not text or not text.strip():
            return Upset(False)
        doc = self.tokenizer(normalise(text))
        reasons: list[tuple[str, str]] = []
        covered = set()
        for key, a, b in sorted(self.matcher(doc), key=lambda m: (m[1], m[1] - m[2])):
            if a in covered:
                continue
            covered.update(range(a, b))
            reasons.append((self.family[key], doc[a:b].text))
        shout = _shouting(doc)
        if shout:
            reasons.append(("shouting", shout))
        polarity, negatives = _polarity(doc, covered)
        excited = any(mark in text for mark in ("!!", "?!", "!?", "??"))
        if (polarity <= NEGATIVE_POLARITY and len(negatives) >= MIN_NEGATIVE_WORDS) or (
                excited and polarity <= MILD_NEGATIVE and negatives):
            reasons.append(("negative", ", ".join(negatives[:3])))
        return Upset(bool(reasons), tuple(reasons), polarity)


def _shouting(doc) -> str:
    words = [t for t in doc if t.is_alpha]
    loud = [t for t in words if len(t) >= 3 and t.is_upper and t.lower_ not in ACRONYMS]
    if len(loud) >= MIN_SHOUTING_WORDS and len(loud) >= MIN_SHOUTING_SHARE * len(words):
        return " ".join(t.text for t in loud[:4])
    return ""


def _polarity(doc, skip) -> tuple[float, list[str]]:
    """Mean lexicon polarity over the words the lexicon knows (a negation
    flips and halves the next few), and the negative words."""
    from . import lexicon

    table = lexicon.table()
    total, count, negatives = 0.0, 0, []
    neg_at = -9
    for i, tok in enumerate(doc):
        norm = tok.norm
        if norm in lexicon.NEGATION_IDS:
            neg_at = i
            continue
        entry = table.get(norm)
        if entry is None or not entry[0] or i in skip or tok.lower_ in NEUTRAL_WORDS:
            continue
        p = entry[0]
        if 0 < i - neg_at <= NEGATION_SCOPE:
            p *= -0.5
        total += p
        count += 1
        if p < 0:
            negatives.append(tok.text)
    return (total / count if count else 0.0), negatives


_DETECTORS: dict[int, tuple[object, UpsetDetector]] = {}


def detector_for(vocab, tokenizer) -> UpsetDetector:
    entry = _DETECTORS.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        entry = _DETECTORS[id(vocab)] = (vocab, UpsetDetector(vocab, tokenizer))
    return entry[1]


def detect(text: str, pipeline=None) -> Upset:
    """Whether the customer who wrote ``text`` is upset (``pipeline``: a
    :class:`tonecheck.nlp.Pipeline`; the default one when omitted)."""
    if pipeline is None:
        from ..nlp import load_pipeline

        pipeline = load_pipeline(None)
    return detector_for(pipeline.vocab, pipeline.phrase_tokenizer)(text)
