"""The hand-written risk patterns the scan runs (to be rebuilt as rules data; see scan.py).

Kept from the first scan while the package takes its final shape. The scan is a list of
hand-written patterns, not a model: it has to work offline, be explainable and fail safe. It
errs towards flagging, because a missed alert costs far more than an extra line of
resources; it only skips the everyday figures of speech that would make the alert
meaningless ("this traffic is killing me", "I'd die for a coffee", "dying to see you").

Texts are normalised first: lower case, curly quotes straightened, contractions expanded
("I'd" -> "i would", "don't" -> "dont"), punctuation turned into spaces, with sentence ends
kept as " . " so a pattern does not run across two sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nearer.core.safety.vocabulary import PARTNER_HARM, SELF_HARM

# ---------------------------------------------------------------------------------------------
# Normalising


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_CONTRACTIONS = (
    (re.compile(r"n't\b"), "nt"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"\bi'm\b"), "i am"),
)
_SENTENCE_END = re.compile(r"[.!?;:\n\r]+")
_OTHER = re.compile(r"[^a-z0-9. ]+")
_SPACES = re.compile(r" {2,}")


def normalise(text: str) -> str:
    """Lower-case ``text``, expand contractions and reduce it to words and " . " breaks."""
    lowered = text.lower().translate(_QUOTES)
    for pattern, replacement in _CONTRACTIONS:
        lowered = pattern.sub(replacement, lowered)
    lowered = lowered.replace("'", "")
    lowered = _SENTENCE_END.sub(" . ", lowered)
    lowered = _OTHER.sub(" ", lowered)
    return _SPACES.sub(" ", lowered).strip()


# ---------------------------------------------------------------------------------------------
# Patterns


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    # A match is ignored when the text just before it matches this (e.g. "I checked my phone").
    not_after: re.Pattern[str] | None = None


_SELF_SUBJECT = re.compile(r"\b(?:i|we)(?: \w+){0,2} $")
_PARTNER_NOUN = (
    r"(?:partner|husband|wife|boyfriend|girlfriend|bf|gf|spouse|fiance|fiancee|other half"
    r"|ex|ex husband|ex wife|ex boyfriend|ex girlfriend|ex partner)"
)
# Who might be harming the writer: a third-person pronoun or "my <partner word>".
_SUBJECT = rf"(?:he|she|they|hes|shes|theyve|theyre|my {_PARTNER_NOUN})"
# "her" is also a possessive ("afraid of her judgement"), so it only counts as the one feared
# when a sentence end or a linking word follows it; "him", "them" and "my partner" always do.
_OBJECT = (
    rf"(?:him|them|my {_PARTNER_NOUN}s?|her(?= \.|$| (?:when|because|and|but|so|sometimes"
    r"|lately|at|after|too|anymore|again|since|if|more|now|though|honestly|really|all|most"
    r"|even|still|right)\b))"
)
_UPTO = r"(?: \w+){0,4}?"  # up to four words between a subject and its verb, same sentence


def _rule(kind: str, pattern: str, not_after: re.Pattern[str] | None = None) -> _Rule:
    return _Rule(kind, re.compile(pattern), not_after)


_ACCIDENT = (
    r"(?! (?:on|at|while|during|shaving|cooking|chopping|slicing|playing|running|lifting"
    r"|training|by accident|accidentally|in the kitchen|in the garden|at the gym)\b)"
)
_DIE_IDIOM = r"(?! (?:for|of (?:embarrassment|shame|boredom|laughter|laughing|cringe)|laughing)\b)"
_NOT_A_PLACE = (
    r"(?! (?:with|in|there|together|near|at|on|alone|like that|abroad|here|close|so far|next"
    r"|under|by|without|somewhere|anywhere|far)\b)"
)
_NOT_ROUTINE = (
    r"(?! (?:like this|like that|with (?:this|that|him|her|them|you|the|our|my)|the|a|to"
    r"|vacation|holiday|trip|date|pretending|doing|working|arguing|fighting|ignoring"
    r"|this way|that way)\b)"
)

SELF_HARM_RULES: tuple[_Rule, ...] = (
    _rule(SELF_HARM, r"\bsuicid\w*"),
    _rule(SELF_HARM, r"\bself ?(?:harm\w*|injur\w*)"),
    _rule(
        SELF_HARM,
        r"\b(?:kill|killing|killed|unalive|unaliving|hang|hanging|hanged|shoot|shooting"
        r"|drown|drowning|off|offing|poison|poisoning) myself\b",
    ),
    _rule(
        SELF_HARM,
        r"\b(?:hurt|hurts|hurting|harm|harming|cut|cuts|cutting|burn|burning|burned|burnt"
        r"|starve|starving) myself\b" + _ACCIDENT,
    ),
    _rule(
        SELF_HARM, r"\b(?:cut|cutting|slit|slitting|slash|slashing) my (?:wrists?|arms?|thighs?)\b"
    ),
    _rule(SELF_HARM, r"\b(?:cutting again|urges? to (?:cut|self harm|hurt myself))\b"),
    _rule(SELF_HARM, r"\b(?:end|ending|ended|take|taking|took) my (?:own )?life\b"),
    _rule(SELF_HARM, r"\b(?:end|ending) it all\b"),
    _rule(
        SELF_HARM,
        r"(?<!\bdont )(?<!\bnot )(?<!\bnever )\b(?:want|wanted|wanting|wanna|wish|wished"
        r"|wishing|ready|deserve|deserved) (?:(?:to|really|just|so|truly|honestly|sometimes"
        r"|actually|simply|kind of|kinda|almost|still) )*(?:to )?die\b" + _DIE_IDIOM,
    ),
    _rule(
        SELF_HARM,
        r"\bwish(?:ed|ing)? (?:that )?i (?:was|were|could be|could just be) dead\b"
        r"|\bwish(?:ed|ing)? (?:that )?i (?:could|would|might)(?: just)? (?:die|disappear"
        r" forever|not wake up|never wake up|stop existing|stop breathing)\b"
        r"|\bwish(?:ed|ing)? (?:that )?i (?:had|would) never been born\b"
        r"|\bwish(?:ed|ing)? (?:that )?i (?:did not|didnt) exist\b"
        r"|\bwish(?:ed|ing)? (?:that )?i (?:was not|wasnt|were not|werent) (?:alive|born)\b",
    ),
    _rule(SELF_HARM, r"\b(?:want|wanna|wanted) (?:to )?be dead\b"),
    _rule(SELF_HARM, r"\b(?:rather|sooner) be dead\b(?! than)|\brather die\b(?! than)"),
    _rule(SELF_HARM, r"\bbetter off dead\b|\b(?:better off|happier|easier) without me\b"),
    _rule(
        SELF_HARM,
        r"\bbetter off if i(?: \w+){0,2}? (?:gone|dead|died|disappeared|existed|exist|born"
        r"|here|around|alive)\b",
    ),
    _rule(
        SELF_HARM,
        r"\b(?:no|not|dont|do not|cant|cannot|lost)(?: \w+){0,3}? reasons? (?:left )?to "
        r"(?:live|go on|keep going|keep living|be alive|stay alive|carry on)\b",
    ),
    _rule(SELF_HARM, r"\b(?:nothing|not anything|dont have anything) (?:left )?to live for\b"),
    _rule(
        SELF_HARM,
        r"\bno point (?:in )?(?:living|going on|being alive|carrying on|staying alive"
        r"|existing|in life|to life)\b",
    ),
    _rule(
        SELF_HARM,
        r"\b(?:life|living) (?:is not|isnt|is no longer|aint|was not|wasnt|no longer seems"
        r"|does not seem|doesnt seem|not)(?: \w+)? worth (?:living|it)\b|\bnot worth living\b",
    ),
    _rule(
        SELF_HARM,
        r"\b(?:dont|do not|no longer|didnt|did not) (?:really |even |actually )?want to "
        r"(?:live|be alive|exist|be here anymore|be here any more|wake up|keep living"
        r"|go on living|stay alive)\b" + _NOT_A_PLACE,
    ),
    _rule(
        SELF_HARM,
        r"\bwant(?:ed)? to (?:just )?(?:stop existing|stop living|stop breathing|not exist"
        r"|not be alive|not be here|disappear forever|go to sleep forever|sleep forever"
        r"|never wake up|not wake up)\b",
    ),
    _rule(
        SELF_HARM,
        r"\b(?:cant|cannot|can not) (?:go on|carry on|keep going|keep living)\b" + _NOT_ROUTINE,
    ),
    _rule(SELF_HARM, r"\b(?:give|giving|gave|given) up on (?:life|living)\b"),
    _rule(
        SELF_HARM,
        r"\b(?:want|wanted|need) (?:it all|everything|the pain|this pain|my life|life) to "
        r"(?:end|stop|be over)\b",
    ),
    _rule(SELF_HARM, r"\boverdos\w*|\bod on\b"),
    _rule(
        SELF_HARM,
        r"\b(?:take|took|taking|swallow|swallowed|swallowing) (?:all|a bunch|a handful"
        r"|handfuls|the whole bottle|a whole bottle)(?: of)?(?: my| the)? (?:pills|tablets"
        r"|meds|medication|painkillers|sleeping pills)\b",
    ),
    _rule(
        SELF_HARM,
        r"\b(?:jump|jumping|jumped) (?:off|from) (?:a|the|my) (?:bridge|roof|building|cliff"
        r"|balcony|tower|window)\b|\b(?:step|stepping|jump|jumping|throw myself|throwing "
        r"myself|lie down) in front of (?:a|the) (?:train|bus|car|truck|lorry|traffic)\b",
    ),
    _rule(
        SELF_HARM,
        r"\b(?:wont|will not) be (?:around|here) (?:much longer|for much longer|anymore"
        r"|any more|any longer)\b",
    ),
    _rule(
        SELF_HARM,
        r"\b(?:thoughts|thinking|thought|think) (?:about|of) (?:dying|death|ending it"
        r"|ending my life|killing myself|not being here|not waking up|being dead)\b",
    ),
    _rule(SELF_HARM, r"\b(?:tired|sick|done) (?:of|with) (?:living|life|being alive|existing)\b"),
    _rule(SELF_HARM, r"\bdisappear forever\b"),
    _rule(
        SELF_HARM,
        r"\b(?:go to sleep|fall asleep|sleep) and (?:never|not) wake up\b"
        r"|\b(?:hope|wish|want) (?:i|to)(?: \w+)? (?:never|not|dont) wake up\b",
    ),
    _rule(SELF_HARM, r"\bplan(?:s|ned|ning)? to (?:die|kill myself|end my life)\b"),
)

_VIOLENT_VERB = (
    r"(?:hit|hits|hitting|slap|slapped|slaps|slapping|punch|punched|punches|punching|kick"
    r"|kicked|kicks|kicking|shove|shoved|shoves|shoving|choke|choked|chokes|choking"
    r"|strangle|strangled|strangles|strangling|beat|beats|beating|bit|bites|biting|burned"
    r"|burnt|smacked|smacks|slammed|throttled|headbutted|shook|shakes|pinned|restrained"
    r"|attacked|attacks|assaulted|dragged|spat on|spit on|spits on)"
)
_CHILD_OR_PET = r"(?:kids|children|child|son|daughter|baby|dog|cat|pets?)"

PARTNER_HARM_RULES: tuple[_Rule, ...] = (
    # Fear of the partner.
    _rule(
        PARTNER_HARM,
        rf"\b(?:afraid|scared|frightened|terrified|fearful|petrified) (?:of|around) {_OBJECT}\b"
        r"(?! \w+ing\b)",
    ),
    _rule(PARTNER_HARM, rf"\bi (?:fear|am afraid of|am scared of) {_OBJECT}\b(?! \w+ing\b)"),
    _rule(
        PARTNER_HARM,
        rf"\b(?:afraid|scared|frightened|terrified) of {_OBJECT} (?:hurting|hitting|harming"
        r"|attacking|killing|beating|getting angry|getting violent|losing (?:his|her|their) "
        r"temper|snapping|exploding)\b",
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:afraid|scared|frightened|terrified) of (?:his|her|their|my partners|my husbands"
        r"|my wifes|my boyfriends|my girlfriends) (?:temper|anger|rage|reactions?|moods?"
        r"|outbursts?|violence|fists|threats|jealousy)\b",
    ),
    _rule(PARTNER_HARM, r"\b(?:afraid|fear|fearing|scared|terrified) for my (?:life|safety)\b"),
    _rule(
        PARTNER_HARM,
        r"\b(?:afraid|scared|frightened|terrified) to (?:go home|go back home|be (?:alone|at "
        r"home) with (?:him|her|them)|leave (?:him|her|them)|say no to (?:him|her|them)|tell "
        r"(?:him|her|them) no|disagree with (?:him|her|them))\b",
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:afraid|scared|frightened|terrified) (?:of )?what (?:he|she|they) (?:will|would"
        r"|might|could|is going to|is gonna|may) do\b",
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:afraid|scared|frightened|terrified|worried) (?:that )?(?:he|she|they) (?:will"
        r"|would|might|could|is going to|are going to|is gonna|may)(?: \w+)? (?:hurt|hit|kill"
        r"|harm|attack|beat|strangle|choke) (?:me|us|the kids|the children|my kids|our kids"
        r"|the baby|the dog|the cat|himself|herself|themselves)\b",
    ),
    _rule(PARTNER_HARM, r"\bwalk(?:ing|s)? on egg ?shells\b"),
    _rule(
        PARTNER_HARM,
        r"\b(?:dont|do not|never|no longer|not) feel(?:ing)? safe (?:with|around|at home|in "
        r"my (?:own )?home|in the house|when (?:he|she|they)|near)\b"
        r"|\b(?:unsafe|not safe) (?:at home|in my (?:own )?home|with (?:him|her|them)|around "
        r"(?:him|her|them))\b",
    ),
    # Physical violence.
    _rule(PARTNER_HARM, rf"\b{_SUBJECT}{_UPTO} {_VIOLENT_VERB} me\b(?! (?:at|in|to)\b)"),
    _rule(
        PARTNER_HARM,
        rf"\b{_SUBJECT}{_UPTO} (?:push|pushed|pushes|pushing) me\b(?! (?:away|to|towards"
        r"|toward|into \w+ing|forward|harder|further|past|out of my comfort)\b)",
    ),
    _rule(
        PARTNER_HARM,
        r"\bpushed me (?:down|over|against|off|into (?:a|the) (?:wall|door|table|floor)|out "
        r"of (?:the|a) (?:car|house|bed))\b",
    ),
    _rule(
        PARTNER_HARM,
        rf"\b{_SUBJECT}{_UPTO} (?:hurt|hurts|hurting|harmed|harms|injured|injures) me\b"
        r"(?! (?:with|when|by|deeply|emotionally|so much|a lot|feelings|because|that|more"
        r"|the most|in ways)\b)",
    ),
    _rule(
        PARTNER_HARM,
        rf"\b{_SUBJECT}{_UPTO} (?:grab|grabbed|grabs|grabbing) me (?:by|hard|so hard|and"
        r"|around|roughly)\b",
    ),
    _rule(PARTNER_HARM, r"\b(?:threw|throws|throwing|hurled|flung)(?: \w+){1,3} at me\b"),
    _rule(
        PARTNER_HARM,
        r"\b(?:slapped|punched|choked|strangled|smacked|headbutted|throttled) me\b"
        r"|\bbeat(?:s|en)? me up\b|\bbeating me\b(?! (?:at|in)\b)",
    ),
    _rule(
        PARTNER_HARM,
        r"(?<!\bi )(?<!\bwe )(?<!\bi just )\bchok(?:ed|ing)\b(?! (?:up|on|back|down|out|over"
        r"|with (?:emotion|tears)|a little|during|in the|under)\b)",
    ),
    _rule(PARTNER_HARM, r"\bstrangl\w*|\bchoke ?holds?\b"),
    _rule(
        PARTNER_HARM,
        r"\b(?:abusive|abuser)\b|\babus(?:e|es|ed|ing) me\b|\b(?:emotional|emotionally"
        r"|physical|physically|verbal|verbally|sexual|sexually|domestic|financial|financially"
        r") abus\w*|\b(?:domestic|family|intimate partner|relationship) violence\b",
    ),
    _rule(PARTNER_HARM, rf"\b{_SUBJECT}(?: \w+){{0,3}}? (?:violent|aggressive|dangerous)\b"),
    _rule(
        PARTNER_HARM,
        rf"\b{_SUBJECT}{_UPTO} (?:hit|hits|hurt|hurts|hurting|kicked|kicks|beat|beats"
        rf"|threatened|threatens|slapped|choked) (?:the|our|my) {_CHILD_OR_PET}\b",
    ),
    # Threats.
    _rule(
        PARTNER_HARM,
        r"\bthreat(?:en|ens|ened|ening)(?: \w+){0,2}? (?:to )?(?:kill|hurt|harm|hit|beat"
        r"|shoot|stab|take (?:the|my|our) (?:kids|children|baby|son|daughter|dog|cat|pets?)"
        r"|take away|leave with the kids|kick me out|throw me out|ruin|expose|post|share"
        r"|report|call|deport|have me deported|out me|cut me off|take my|take the)\b"
        r"|\bthreat(?:en|ens|ened|ening) me\b|\b(?:makes|made|making) threats\b"
        r"|\bdeath threats?\b",
    ),
    _rule(PARTNER_HARM, rf"\b{_SUBJECT}(?: \w+){{0,3}}? threat(?:en|ens|ened|ening)\b"),
    _rule(
        PARTNER_HARM,
        r"\bkill (?:me|us) if (?:i|we) (?:ever )?(?:leave|left|go|went|tell|told|try|tried"
        r"|call|called|report|talk|talked|say)\b|\bkill me (?:one day|someday|next time)\b",
    ),
    # Control and isolation.
    _rule(
        PARTNER_HARM,
        r"\b(?:wont|will not|doesnt|does not|didnt|did not|never|refuses to|refused to) "
        r"(?:let|allow) me (?:to )?(?:see|visit|call|text|talk to|speak to|meet|go out|go "
        r"anywhere|go to work|go outside|leave the house|leave|have (?:my own )?(?:money"
        r"|friends|a job|a phone|my phone|a bank account|access|the car keys)|use (?:my |the "
        r")?(?:phone|car|money|computer|laptop|bank)|work|get a job|keep (?:my|any) (?:money"
        r"|pay|wages)|drive|spend (?:time|money)|wear|have friends)\b",
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:i am|im|i was) not allowed to (?:see|visit|call|talk to|speak to|meet|go out"
        r"|go anywhere|leave|have|use|work|drive|spend|wear)\b",
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:checks|checking|checked|goes through|went through|going through|reads|reading"
        r"|read|looks through|looked through|monitors|monitoring|monitored|tracks|tracking"
        r"|tracked|spies on|spying on|spied on|snoops through|snooping through|snooped "
        r"through|controls|controlling|controlled) my (?:phone|messages|texts|emails?|mail"
        r"|location|whereabouts|browsing|history|social media|accounts?|bank|dms|chats|calls"
        r"|car)\b",
        _SELF_SUBJECT,
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:put|puts|installed|installs|hid|hidden) (?:a )?(?:tracker|tracking app|tracking "
        r"device|spyware|stalkerware|gps)\b",
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:controls|controlled|controlling|withholds|withheld)(?: all)?(?: of)? (?:the|my"
        r"|our) (?:money|finances|bank cards?|cards|credit cards?|paycheck|pay|salary|wages"
        r"|bank accounts?|passport|documents)\b",
        _SELF_SUBJECT,
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:takes|took|taking|keeps|kept|hides|hid) my (?:money|paycheck|pay|salary|wages"
        r"|bank cards?|cards|passport|documents|id|car keys|phone)\b|\bgives? me an allowance\b",
        _SELF_SUBJECT,
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:controls|controlling|controlled|decides|dictates) (?:everything i do|who i "
        r"(?:see|talk to|meet|text)|where i go|what i (?:wear|eat|do|spend|say))\b"
        r"|\b(?:controls|controlled) (?:everything|me)\b",
        _SELF_SUBJECT,
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:so|very|really|too|extremely|super|incredibly|is|was|gets|getting|being|become"
        r"|becoming) controlling\b",
        _SELF_SUBJECT,
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:isolat\w*|cut|cuts|cutting|keeps|kept|keeping) me (?:off |away )?from (?:my "
        r"|all my )?(?:friends|family|everyone|everybody|people|parents|sister|brother)\b"
        r"|\bkeeps? me from (?:seeing|talking to|visiting|calling)\b",
    ),
    # Sexual coercion.
    _rule(
        PARTNER_HARM,
        r"\brap(?:e|ed|es|ing|ist)\b|\bsexual(?:ly)? (?:assault\w*|coerc\w*)"
        r"|\bforced (?:himself|herself|themselves) on me\b|\bwithout my consent\b",
    ),
    _rule(
        PARTNER_HARM,
        r"\b(?:forced|forces|forcing|made|makes|pressured|pressures|pressuring|coerced"
        r"|coerces) me (?:to |into )?(?:have sex|having sex|sleep with|sleeping with|do "
        r"sexual|doing sexual|sexual|sex|perform|do things i did not want|do things i didnt "
        r"want|do stuff i didnt want)",
    ),
)

RULES: tuple[_Rule, ...] = SELF_HARM_RULES + PARTNER_HARM_RULES
_LOOK_BACK = 30  # characters before a match checked against ``not_after``
