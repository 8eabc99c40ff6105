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

import re
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
    #: Special handling in the scorer: apology, acknowledge, ...; "neutral"
    #: markers count nothing and only mask the shorter markers they contain.
    kind: str = ""
    #: Phrases that count only when a feeling word (FEELINGS, ORDEALS) follows
    #: within a few words in the same sentence: "that sounds exhausting".
    followed: tuple[str, ...] = ()


def expand(pattern: str) -> list[str]:
    """``"i {can|do} see"`` -> ``["i can see", "i do see"]`` (``{|x}`` = optional).
    Groups nest: ``"by {noon|end of {day|today}}"``. A contraction written as a
    word of its own ("i 'm", "you 've") is joined to the word before it: spaCy
    reads a lone "'m" or "'ve" as "'" and a word, which no reply holds."""
    out, rest = _sequence(pattern, 0)
    if rest != len(pattern):
        raise ValueError(f"unbalanced braces in {pattern!r}")
    return [_CONTRACTION.sub(r"\1", " ".join(p.split())) for p in out]


_CONTRACTION = re.compile(r" (['’](?:m|ve|re|s|d|ll))(?= |$)")


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


def _m(name, empathy, positivity, *patterns, where=ANY, kind="", followed=()):
    phrases = tuple(dict.fromkeys(p for pat in patterns for p in expand(pat)))
    followed = tuple(dict.fromkeys(p for pat in followed for p in expand(pat)))
    return Marker(name, empathy, positivity, phrases, where, kind, followed)


_I = "{i|we}"
_ADV = "{|really |totally |completely |fully |definitely |absolutely |can |do |can really |can totally |can certainly }"
_FEEL = ("frustrating|frustrated|annoying|annoyed|concerning|concerned|worrying|worried|stressful|"
         "upsetting|upset|disappointing|disappointed|confusing|inconvenient|difficult|tough|hard|"
         "unsettling|alarming|irritating|aggravating|scary|unpleasant|awful|terrible|horrible|"
         "exhausting|exhausted|overwhelming|overwhelmed|heartbreaking|painful|rough|sad|unfair|"
         "devastating|draining|stressed|anxious|scared|infuriating|maddening|lonely|hurtful|angry|"
         "shitty|crappy|messed|cruel|heartbroken|brutal|unbearable|worst|terrifying|terrified|miserable|"
         "crushing|gutting|isolating|frightening|frightened|traumatic|traumatising|traumatizing|harrowing|"
         "daunting|heavy|hellish|horrendous|depressing|distressing|agonising|agonizing|humiliating|"
         "embarrassing|petrifying|sucky|rubbish|horrid|grim|bleak|tiring")
FEELINGS = frozenset(_FEEL.split("|"))
#: Nouns that name an ordeal: "that sounds like a nightmare" (after a "followed" phrase).
ORDEALS = frozenset("nightmare ordeal mess pain hassle".split())
_UPSET = ("upset|frustrated|annoyed|angry|furious|worried|mad|livid|concerned|disappointed|"
          "stressed|scared|gutted")
#: What "I can see ..." must be about to acknowledge anything: a feeling or the
#: customer's side of things, not an object ("I can see the colour").
_SEEN = ("frustration|concern|concerns|disappointment|worry|worries|stress|confusion|"
         "annoyance|anger|point|situation|side|struggle|predicament|dilemma")

_LET_ME = ("check|look|see|find|help|fix|take|get|escalate|review|investigate|pass|share|confirm|"
           "follow|ask|reach|dig|make|sort|look into|loop|connect|flag|raise|chase|update|arrange|"
           "send|correct|resolve|try|walk|explain")
_DO = ("check|look into|look|follow up|get back to you|make sure|personally|escalate|review|"
       "investigate|pass|send|update|fix|sort|reach out|contact|keep you|let you know|take care|"
       "arrange|process|refund|raise|chase|flag|be in touch|get this|get that|get it|dig")

MARKERS: tuple[Marker, ...] = (
    # -- empathy: acknowledging the customer's situation and feelings ---------------
    _m("acknowledges feelings", 14, 4,
       _I + " " + _ADV + "{understand|imagine} {how|why|that|what|your|this|the}",
       _I + " " + _ADV + "see {how|why|that you|what you mean|you are|you 're|you have|you 've|"
       "you were|you must|you 've been|your {" + _SEEN + "}|the {" + _SEEN + "}}",
       _I + " " + _ADV + "appreciate {how|why}",
       _I + " {can|can only|can certainly|can not|could not|could only} imagine",
       "no wonder {you are|you 're|you were|you feel|you felt|you would be|you 'd be}",
       _I + " {completely|totally|fully|really|certainly} understand",
       _I + " {know|hear|get} {how|why|that|what|you|your}", "i hear you",
       _I + " {understand|appreciate|see} where you {are|'re} coming from",
       _I + " {understand|appreciate|hear|share} your {concern|concerns|frustration|disappointment|worry}",
       "{that is|that 's|this is|how} {odd|strange|weird|not right|not good}",
       "{that|this|it} {should not|definitely should not|should never} {be happening|happen|have happened}",
       "{never|not} {the way|how|what} we want you to feel", "not the experience we want",
       "{it|that} sounds like",
       "i {would|'d} {be|feel} {the same|frustrated|annoyed|upset|concerned}",
       "{that|it|this} must {be|have been}",
       "{how|so} {" + _FEEL + "}",
       "{understandably|understandable|totally understandable|completely understandable}",
       "{you are|you 're} {right|correct}", "{valid|fair} {concern|question|point}",
       # "'s" as well: "That's awful" is two tokens whose second reads "'s", not "is".
       followed=("{that|this|it} {is|'s|seems|can be|would be}",),
       kind="acknowledge"),
    # Empathy as people write it (the EPITOME mechanisms, Sharma et al. 2020):
    # reacting with feeling, saying you understand, asking how they are.
    _m("emotional reaction", 12, 0,
       # longer than "I'm so sorry", so it wins over the apology marker
       "sorry {|that |to hear |to hear that }{you are|you 're|you have been|you 've been|"
       "you had to|you 've had to|you went|you are still|you 're still} {going through|"
       "go through|been through|dealing with|deal with|facing|struggling}",
       "{|so |very |really |truly }sorry for your loss",
       "{oh no|oh dear|oh my|oh man|oh gosh|oh jeez|ugh|yikes|oof}",
       "{hugs|big hugs|virtual hugs|sending hugs|a big hug|(hugs)}",
       "{glad|relieved} {|to hear }{you are|you 're|you were|ur|everyone is|everyone 's|no one was|"
       "nobody was} {safe|ok|okay|alright|all right|unharmed|hurt|feeling better|doing better}",
       "i {would|'d} {be|feel} {" + _UPSET + "} {too|as well}",
       "i {would|'d} have {been|felt} {" + _UPSET + "} too",
       "{hang in there|stay strong|you 've got this|you got this}",
       "sending {you |}{|so much |lots of |all the |much }{strength|love|hugs|good vibes|positive vibes|"
       "healing vibes|good thoughts|positive thoughts}",
       "thinking of you", "{my|our} {heart goes|hearts go|thoughts go|thoughts are} {out |}{to|with}",
       "{that|this|it} {is|'s} a lot to {deal with|handle|carry|go through|take in}",
       "{that|it} sounds like a lot",
       # as peer supporters write it: "that sucks", "I feel for you", "this made me cry"
       "{that|this|it} {|really |totally |just |seriously |truly |honestly |absolutely |so |fucking |bloody }"
       "{sucks|blows}",
       "i {|really |truly |so }feel for you", "i hate that {you|this|it|that}",
       "{this|that|it|your post|your story} {made|makes} me {cry|tear up|sad|so sad|angry|so angry|"
       "want to cry}",
       "{i am|i 'm} {crying|tearing up|in tears}",
       "{this|that|it} {hurts|breaks my heart|broke my heart}",
       "{i am|i 'm} {|so |really |very |truly }{sad|heartbroken|saddened|devastated|gutted} "
       "{to hear|to read|for you|that}",
       "{aw|aww|awww|aw man|aww man|holy crap|jeez|geez}",
       "{my|our} {|deepest |sincere |sincerest }condolences",
       "{heartbroken|gutted|devastated} for you", "my heart {hurts|breaks|aches|bleeds} for you",
       "{i am|i 'm|im} {|so |really |very |genuinely }{mad|angry|furious|livid|upset|sad|gutted|heartbroken} for you",
       "{i am|i 'm|im} {|so |really |very |genuinely }worried about you",
       "{that|it|this} stings", "{that|this} {is|'s} {|so |just }soul crushing", "gut punch",
       "{made|makes} me {|so |really |a bit }emotional", "gave me chills",
       "{genuinely|really|so|deeply|truly} moved", "i feel this",
       "oh {hon|honey|sweetie|sweetheart|love|mama|friend|dude|buddy|mate}",
       # "that sounds ...", "must feel ...": only when a feeling word follows (FEELINGS).
       followed=("{that|this|it|which} {sounds|does sound|sounds like it was|"
                 "sounds like it has been|sounds like it 's been}", "sounds",
                 "must {feel|have felt}", "{i|we} can {only |}imagine"),
       kind="reaction"),
    # A heart, a hug, a sad face: the shortest emotional reaction people write.
    _m("warm emoji", 6, 0,
       "{🫂|🤗|💔|❤|💙|💜|💛|💚|🧡|🤍|💕|💖|💗|💓|💞|❣|🥺|🥹|😢|😭|😔|😞|😿|😥|😟|🙏|<3|:(|: (|:'(}",
       kind="reaction"),
    # Warmth aimed at the person, as peer supporters write it.
    _m("encouragement", 10, 5,
       "{i am|i 'm|we are|we 're} {|so |really |very |truly }proud of you",
       "{so|really|very|super|incredibly|hugely} proud of you", "proud of you {for|!|.}",
       "{|so |really |very |super |genuinely }{happy|thrilled|glad|stoked|excited|pleased} for you",
       "love this for you",
       "{congrats|congratulations|congratz|congrats on|huge congrats|big congrats|congratulations on}",
       "{good|best of} luck", "rooting for you", "{keep going|keep it up|keep at it|keep fighting|keep pushing}",
       "you can do {it|this} {!|.}", "you {will|'ll} get there",
       "{praying|prayers} for {you|good news}", "{sending|} prayers",
       "hope {you|u} {feel|get|find|figure|heal|recover|are ok|'re ok|are okay|'re okay}",
       "hope {things|it|everything} {get|gets|work|works|improve|improves|go|goes|turn|turns|settle|settles}",
       "{|so |really |very }{glad|relieved|happy} {|that }you {made it|got out|got home|got through|"
       "are home|'re home|are back|'re back}",
       "you deserve {better|so much better|much better|to be happy|to feel better|a break|some rest}",
       "be {gentle|kind|easy|patient} {with|on|to} yourself",
       "{it|things|this} {will get|gets|get|will} {better|easier}"),
    _m("understands", 8, 0,
       _I + " {|really |totally |completely |fully |definitely |absolutely |do |can }"
       "{understand|get it|get that|hear you}",
       _I + " {have|'ve|'ve also|have also} been there{| too| before| myself| as well}",
       "been there {too|myself|before}",
       "i {would|'d} {feel|have felt|'ve felt} {the same|the same way|that way|like that}{| too}",
       "{anyone|anybody} would {be|feel}",
       "{that|it} {makes|made} {|total |complete |perfect |so much |a lot of }sense",
       "i know {the feeling|that feeling|how that feels|how it feels|what that 's like|"
       "what that is like|what it 's like|what it is like}",
       "{you are|you 're} not alone", "{your|those|these} feelings are {valid|understandable}",
       "{it is|it 's|that is|that 's} {completely |totally |perfectly |}{normal|natural|okay|ok|"
       "understandable} to {feel|be}",
       "{you did|you 've done|you have done|you are doing|you 're doing} {the right thing|"
       "everything right|all the right things}",
       # shared experience: "I went through the same thing", "I feel you"
       "i {went|have gone|'ve gone|have been|'ve been|was} through {the same|something similar|"
       "the same thing|this|that|it} {|too|myself|before|as well}",
       "i {had|have had|'ve had} {the same|a similar} {thing|experience} {happen|happened|too}",
       "i {feel|felt} you", "same {here|with me|thing happened to me}",
       kind="understand"),
    _m("asks how they are", 8, 0,
       "how are you {holding up|doing|feeling|coping|managing|getting on|keeping}",
       "how {have|'ve} you been", "how {is|are} {everything|things} {going|now|holding up}",
       "how {do|did|does} {you|that|this|it} {feel|make you feel}",
       "what happened ?", "what {is|'s} going on ?",
       "{do|would} you {want|like} to {talk|tell me|tell us} {about it|more|about what happened}",
       "how long have you been {feeling|dealing|struggling|going through|coping}",
       "what {is|was|has} {that|it} {been |}like for you",
       "have you {talked|spoken|been able to talk} to {anyone|someone|somebody|a friend|your family|"
       "a doctor|your doctor|a professional}",
       "what happened {next|after that|then} ?",
       "{are|were} you {ok|okay|alright|all right|hurt|safe} ?", "{is|was} {everyone|anyone} "
       "{ok|okay|alright|all right|hurt|safe} ?", "is everything {ok|okay|alright|all right} ?",
       kind="explore"),
    # -- empathy: small signs of a reply written for this person ----------------------
    _m("checks in", 2, 0,
       "let {us|me} know {how it goes|how that goes|how you get on|how you go|if {this|that|it} "
       "{helps|works|fixes it|solves it|does the trick}}",
       "keep {us|me} posted", "{does|did|has} {this|that} {help|work|fix it|solve it|resolve it} ?",
       "{were|was} you able to", "is there anything else", "how did {it|that|this} go",
       "{is|was} {everything|it} {working|sorted|resolved|fixed} now"),
    _m("offers help", 2, 0,
       "{i|we} {will|can|could|would} {assist|help}", "{i|we} {can|could} {look into|take a look}",
       "so {that |}{i|we} {can|may|could} {assist|help|look into|take a look|investigate}",
       "see what {i|we} can do"),
    _m("apology", 0, 6,
       "{i|we} {am|are|'m|'re} {|so|very|really|truly|terribly|deeply|sincerely} sorry",
       "{sorry|sry|soz}", "{so|very|really|truly|terribly|deeply|sincerely} {sorry|sry}",
       "{i|we} {apologize|apologise|apologized|apologised}",
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
       "thank you", "thanks", "thank {u|ya}", "{thx|thnx|thanx|tysm|tyvm}", "{many|big|huge} thanks", "{i|we} {really |truly |very much |}appreciate",
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
    _m("please", 0, 7, "{please|pls|plz|kindly}", kind="start"),
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
       "{if i|if we} may",
       # more of Danescu-Niculescu-Mizil et al.'s hedges
       "{probably|apparently|presumably|supposedly|somewhat|fairly|roughly|arguably}",
       "{likely|unlikely}", "{i|we} {suppose|assume|doubt|gather|understand that}",
       "{it|that|this} {appears|would appear|seems to|looks to}", "{sort of|kind of}",
       "in my {opinion|view|experience}", "{as far as i know|to my knowledge|if i am not mistaken}"),
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
    # "So glad it worked" is an intensifier, not the opener "So, what ...": the
    # scorer skips "so" before a word the lexicon rates (kind "opener").
    _m("direct opener", 0, -3, "{so|then|and|but|well|look|listen|ok so|okay so}",
       where=START, kind="opener"),
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
    # Longer than the obligation phrases they contain, so they win the overlap and
    # count nothing: "you don't need to do anything" reassures, "if you have to
    # cancel" and "do you need to change it?" impose nothing, "you shouldn't have
    # to wait" sides with the customer.
    _m("not an obligation", 0, 0,
       "you {do not|did not|will not|would not} {need|have} to",
       "you {should not|should never|should not ever} have {to|had to}",
       "{if|when|whenever|in case|unless|once} you {need|have|had|needed|must|should|"
       "will need|will have|would need|would have|do not need|do not have} to",
       "{if|when|whenever|in case|unless|once} you {must|should}",
       "{do|did|will|would} you {need|have|still need} to", kind="neutral"),
    # "Sorry, but you've only been there two months", "sorry, can't help": the
    # apology only opens a no (the empathy labels' "sorry, but we can't" is 0).
    _m("not an apology", 0, 0, "{|i am |i 'm |so |really }sorry {|,} {but|can not|could not}",
       kind="neutral"),
    # "You're not stupid", "it wasn't stupid at all": reassurance, not an insult.
    _m("not an insult", 0, 0,
       "{not|never|n't|no} {stupid|dumb|silly|lazy|useless|pathetic|ridiculous|an idiot|a failure}",
       kind="neutral"),
    _m("profanity or insult", -6, -15,
       "{hell|damn|damned|fuck|fucking|fucked|shit|crap|crappy|stupid|idiot|idiots|idiotic|moron|"
       "dumb|ridiculous|nonsense|pathetic|bullshit|bitch|ass|sucks|suck|liar|lies|lying|"
       "incompetent|ignorant|useless|lazy|rude|wtf|stfu|shut up|garbage|rubbish|absurd|silly|"
       "childish|bloody|dick}"),
)


#: Markers of kind "start" are a different signal as a sentence's first word
#: ("Please send it" vs "Send it, please": Danescu-Niculescu-Mizil et al. find
#: the first impolite, the second polite).
START_NAMES = {"please": "please (sentence start)"}
#: Hand-set points of those start signals (the fit's prior; see weights.py).
START_POINTS = {"please (sentence start)": 7.0}

#: Lexicon words the markers already count (so sentiment does not count them
#: twice) or that read wrongly in support replies: "sorry" is not negative,
#: "calm" in "calm down" is not positive, "please" and "thanks" are courtesy.
LEXICON_SKIP = frozenset("sorry calm please pls kindly thanks thank".split())

#: Words that end TextBlob-style negation scope and words that start it.
NEGATIONS = frozenset({"not", "no", "never", "n't"})
