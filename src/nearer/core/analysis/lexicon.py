"""Word lists the analysis counts, and how a word becomes a number numpy can look up.

All lists are nearer's own. They are deliberately short and high-precision: a word belongs
here only when it almost always carries the meaning in a couple's chat. English is the
fullest; German, Spanish, French, Portuguese, Italian, Dutch and Russian have the common
words. Matching is on whole lower-cased words (``'`` and ``’`` both count as apostrophes).

The function-word categories for language style matching follow the nine categories of
Ireland and Pennebaker (2011), with word lists written for nearer (LIWC's are licensed) in
English, German, Spanish, French and Portuguese. Each chat is counted with the lists of its
own language (``lexicon_for``; ``language`` guesses it), since the same word is a different
part of speech in another language ("die", "a", "de").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from nearer.core.arrays import Codes, Ints, Keys

MASK64 = (1 << 64) - 1
MAX_WORD_BYTES = 24
_P1, _P2, _P3 = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9

AFFECTION = """
love loves loved loving luv lov ily iloveyou miss missing missed kiss kisses kissing xoxo xo
hug hugs cuddle cuddles darling honey hun babe baby sweetheart sweetie dear dearest adore
beautiful gorgeous handsome cutie
liebe lieb liebling schatz schatzi kuss küsse küsschen vermisse umarmung drück knuddel
amor cariño besos beso besito te_extraño abrazo abrazos te_quiero mi_vida corazón
amour bisous bisou chéri chérie câlin câlins manques mon_cœur
saudade saudades beijo beijos querido querida abraço te_amo
amore tesoro baci bacio bacioni manchi abbraccio ti_amo
liefde schat schatje kusjes kusje kus knuffel mis_je
люблю любимый любимая любимка целую скучаю обнимаю милый милая
"""

APPRECIATION = """
thanks thank thankyou thx ty tysm grateful gratitude appreciate appreciated appreciating proud
thank_you
danke dankeschön dankbar stolz
gracias agradecido agradecida orgulloso orgullosa
merci reconnaissant reconnaissante fier fière
obrigado obrigada grato grata orgulhoso orgulhosa
grazie orgoglioso orgogliosa
bedankt dankjewel dankjewel trots
спасибо благодарю благодарна благодарен горжусь
"""

WE = """
we us our ours ourselves let's lets we're we've we'll we'd
wir uns unser unsere unseren
nosotros nosotras nuestro nuestra nuestros nuestras
nous notre nos
nós nosso nossa nossos nossas
noi nostro nostra nostri nostre
wij ons onze
мы нас нам наш наша наши
"""

I_WORDS = """
i me my mine myself i'm im i've i'll i'd
ich mich mir mein meine meinen
yo mí mío mía
moi mon ma mes
eu mim meu minha
io mio mia
ik mij mijn
я меня мне мой моя
"""

YOU = """
you your yours yourself u ur you're youre you've you'll you'd ya
du dich dir dein deine deinen
tú tu te ti usted tuyo tuya
vous toi ton ta tes
você voce teu tua
tuo
jij jou jouw
ты тебя тебе твой твоя вы вас
"""

PLANS = """
let's lets tonight tomorrow weekend saturday sunday plans plan trip holiday vacation together
this_weekend next_week shall_we should_we we_could we_should can_we date_night
lass_uns wochenende zusammen urlaub ausflug
vamos finde juntos planes viaje mañana
demain ensemble vacances week-end on_pourrait
amanhã viagem fim_de
andiamo domani insieme vacanza
laten_we morgen samen vakantie
давай давайте завтра вместе выходные отпуск
"""

REPAIR = """
sorry apologize apologise apologies apology forgive my_bad i_was_wrong
entschuldigung entschuldige verzeih verzeihung mir_leid
perdón perdon perdona perdóname disculpa disculpas lo_siento
pardon désolé désolée excuse-moi
desculpa desculpe perdão
scusa scusami perdonami
spijt excuses
прости извини простите извините
"""

# Self-disclosure: a first-person subject followed by a feeling verb or a feeling state.
_FIRST_PERSON = ("i", "i'm", "im", "ich", "yo", "je", "eu", "io", "ik", "я", "me", "mi", "am")
_FEEL = """
feel feeling felt scared worried sad afraid anxious lonely hurt upset stressed overwhelmed
fühle fühl siento sentí sens sinto sento voel voelde чувствую
"""

# Language style matching: nine function-word categories (Ireland and Pennebaker 2011),
# per language. A word may sit in two categories ("nothing": impersonal and negation).
LSM_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "personal_pronouns": "i me my mine myself we us our ours you your yours he him his she "
        "her hers they them their theirs i'm i've i'll i'd you're we're they're",
        "impersonal_pronouns": "it its it's itself this that these those something anything "
        "everything nothing someone anyone everyone nobody somebody what which whatever",
        "articles": "a an the",
        "prepositions": "to of in for on with at by from about into over after before under "
        "between through during without around against toward towards near",
        "auxiliary_verbs": "am is are was were be been being have has had do does did will "
        "would shall should can could may might must gonna wanna",
        "adverbs": "very really so just too quite pretty always never often sometimes already "
        "still even also only almost maybe probably",
        "conjunctions": "and but or because so though although while if unless whereas yet nor",
        "negations": "no not never none nor nothing nobody don't doesn't didn't can't won't "
        "isn't aren't wasn't weren't couldn't wouldn't shouldn't haven't hasn't hadn't dont "
        "cant wont",
        "quantifiers": "all some any many much few more most less least several each every "
        "both lots lot plenty enough",
    },
    "de": {
        "personal_pronouns": "ich mich mir mein meine meinen meinem meiner du dich dir dein "
        "deine deinen deinem deiner er ihn ihm sein seine seinen sie ihr ihre ihren wir uns "
        "unser unsere unseren euch euer eure",
        "impersonal_pronouns": "es dies diese dieser dieses etwas nichts alles jemand niemand "
        "man jeder jede jedes was welche welcher",
        "articles": "der die das den dem des ein eine einen einem einer eines",
        "prepositions": "in im an am auf mit zu zum zur von vom bei beim nach für über unter "
        "vor hinter zwischen durch gegen ohne um aus seit bis während wegen neben",
        "auxiliary_verbs": "bin bist ist sind seid war warst waren habe hab hast hat haben "
        "hatte hatten werde wirst wird werden würde würdest kann kannst können muss musst "
        "müssen soll sollst sollen will willst wollen darf dürfen möchte mag",
        "adverbs": "sehr wirklich so nur auch schon noch immer nie oft manchmal fast "
        "vielleicht wahrscheinlich eigentlich ziemlich gerade genau echt",
        "conjunctions": "und aber oder weil denn dass ob wenn als obwohl sondern doch also",
        "negations": "nicht kein keine keinen keinem keiner nie niemals nichts nein niemand",
        "quantifiers": "alle viel viele wenig wenige mehr meisten einige manche beide genug paar",
    },
    "es": {
        "personal_pronouns": "yo me mi mis mío mía tú tu tus te ti él ella ellos ellas le les su "
        "sus nosotros nosotras nos nuestro nuestra vosotros usted ustedes conmigo contigo",
        "impersonal_pronouns": "esto eso aquello este esta estos estas ese esa algo nada "
        "alguien nadie qué cual cuál quien quién",
        "articles": "el la los las un una unos unas lo",
        "prepositions": "a de en con por para sin sobre entre hasta desde hacia contra bajo "
        "durante según tras ante al del",
        "auxiliary_verbs": "soy eres es somos son era fue estoy estás está estamos están he "
        "has ha hemos han había voy vas va van puedo puede puedes podemos debo debe tengo "
        "tiene",
        "adverbs": "muy bien mal ya todavía siempre nunca también tampoco casi quizás quizá "
        "solo sólo demasiado aquí ahí pronto",
        "conjunctions": "y e o u pero porque aunque si mientras sino pues que",
        "negations": "no ni nunca nada nadie ninguno ninguna jamás tampoco",
        "quantifiers": "todos todas todo mucho mucha muchos muchas poco poca pocos pocas más "
        "menos algunos algunas varios cada ambos bastante",
    },
    "fr": {
        "personal_pronouns": "je j'ai moi mon ma mes tu te toi ton ta tes il elle ils elles "
        "lui leur leurs son sa ses nous notre nos vous votre vos on",
        "impersonal_pronouns": "ce cela ça ceci c'est quelque quelqu'un rien chacun quoi qui "
        "lequel",
        "articles": "le la les un une des du",
        "prepositions": "à de en dans sur sous avec sans pour par chez entre vers contre "
        "avant après pendant depuis au aux",
        "auxiliary_verbs": "suis es est sommes êtes sont étais était ai as a avons avez ont "
        "avait vais vas va allons peux peut pouvons dois doit veux veut",
        "adverbs": "très bien mal déjà encore toujours jamais souvent parfois aussi vraiment "
        "trop presque seulement juste ici là",
        "conjunctions": "et mais ou donc ni car parce quand si comme lorsque puisque que",
        "negations": "ne pas non jamais rien personne aucun aucune n'est n'ai n'y",
        "quantifiers": "tout tous toute toutes beaucoup peu plusieurs chaque quelques "
        "certains certaines assez plus moins",
    },
    "pt": {
        "personal_pronouns": "eu me mim meu minha meus minhas você vocês tu te ti teu tua ele "
        "ela eles elas lhe seu sua seus suas nós nos nosso nossa comigo contigo",
        "impersonal_pronouns": "isso isto aquilo este esta esse essa algo nada tudo alguém "
        "ninguém quem qual",
        "articles": "o a os as um uma uns umas",
        "prepositions": "de em com por para sem sobre entre até desde contra durante no na "
        "do da dos das ao pelo pela",
        "auxiliary_verbs": "sou é somos são era foi estou está estamos estão tenho tem temos "
        "têm vou vai vamos vão posso pode podemos devo deve",
        "adverbs": "muito bem mal já ainda sempre nunca também quase talvez só apenas demais "
        "aqui lá logo",
        "conjunctions": "e ou mas porque porém embora se enquanto pois nem que",
        "negations": "não nem nunca nada ninguém nenhum nenhuma jamais",
        "quantifiers": "todo toda todos todas muita muitos muitas pouco pouca poucos poucas "
        "mais menos alguns algumas vários cada ambos",
    },
}
STYLE_LANGUAGES = tuple(LSM_WORDS)
LSM_CATEGORIES = tuple(LSM_WORDS["en"])

# Emoji by code point.
AFFECTION_EMOJI = (
    0x2764,
    0x2665,
    0x1F618,
    0x1F60D,
    0x1F970,
    0x1F495,
    0x1F496,
    0x1F497,
    0x1F493,
    0x1F49E,
    0x1F498,
    0x1F61A,
    0x1F619,
    0x1F48B,
    0x1F917,
    0x1F49C,
    0x1F499,
    0x1F49A,
    0x1F9E1,
    0x1F49B,
    0x1FAF6,
    0x1F63B,
    0x1F491,
    0x1F48F,
)
APPRECIATION_EMOJI = (0x1F64F, 0x1F979)

# Categories counted per message; order is the column order of the feature matrix.
CATEGORIES = (
    "affection",
    "appreciation",
    "we",
    "i",
    "you",
    "plans",
    "repair",
    "disclosure",
    *LSM_CATEGORIES,
)


def word_key(word: bytes) -> int:
    """The 64-bit key of a lower-cased word (same arithmetic as ``token_keys``).

    A word of up to seven bytes is its own key (its bytes, and its length in the top byte),
    so the short words that make up most of a chat never collide; longer words are hashed
    into keys with the top bit set.
    """
    length = len(word)
    if length < 8:
        return int.from_bytes(word, "little") | (length << 56)
    if length > MAX_WORD_BYTES:
        word, length = word[:MAX_WORD_BYTES], MAX_WORD_BYTES + 1
    padded = word.ljust(MAX_WORD_BYTES, b"\0")
    k1, k2, k3 = (int.from_bytes(padded[i : i + 8], "little") for i in (0, 8, 16))
    return ((k1 * _P1 + k2 * _P2 + k3 * _P3 + length) & MASK64) | _LONG


def pair_key(first: int, second: int) -> int:
    return (first * _P2 + second * _P3 + 1) & MASK64


def pair_keys(first: Keys, second: Keys) -> Keys:
    out: Keys = first * np.uint64(_P2) + second * np.uint64(_P3) + np.uint64(1)
    return out


_LONG = 1 << 63
_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [MASK64], dtype=np.uint64)


def token_keys(window: Keys, start: Ints, length: Ints) -> Keys:
    """Keys of tokens ``buf[start:start+length]`` from an unaligned 8-byte window view
    (see ``word_key``). Only the few longer tokens read a second and third 8-byte piece."""
    # The token's first bytes (up to eight): the bytes after it shifted out, up and back
    # down (quicker than looking up a mask per token; the same as ``& _MASKS[length]``).
    drop = (np.uint64(8) - np.minimum(length, 8).astype(np.uint64)) * np.uint64(8)
    first = (window[start] << drop) >> drop
    key: Keys = first | (length.astype(np.uint64) << np.uint64(56))
    longer = np.flatnonzero(length >= 8)
    if longer.size:
        size = length[longer]
        hashed = first[longer] * np.uint64(_P1) + np.minimum(size, MAX_WORD_BYTES + 1).astype(
            np.uint64
        )
        for i, mult in ((1, _P2), (2, _P3)):
            take = np.clip(size - 8 * i, 0, 8)
            part = window[start[longer] + 8 * i] & _MASKS[take]
            hashed += part * np.uint64(mult)
        key[longer] = hashed | np.uint64(_LONG)
    return key


@dataclass(frozen=True)
class KeyTable:
    """A collision-free hash table of 64-bit keys with a uint32 value each.

    Built by trying multipliers until every key has a slot of its own, so a lookup of
    millions of keys is one multiply, one shift and two gathers, with no probing.
    """

    keys: Keys
    values: Codes
    multiplier: int
    shift: int

    @classmethod
    def build(cls, items: dict[int, int], bits: int = 18) -> KeyTable:
        keys_in = np.array(list(items), dtype=np.uint64)
        values_in = np.array(list(items.values()), dtype=np.uint32)
        rng = np.random.default_rng(20240301)  # fixed: the same table on every run
        while True:
            for _ in range(2000):
                multiplier = int(rng.integers(1, 2**63, dtype=np.uint64)) * 2 + 1
                slots = (keys_in * np.uint64(multiplier)) >> np.uint64(64 - bits)
                if np.unique(slots).shape[0] == slots.shape[0]:
                    table: Keys = np.zeros(1 << bits, dtype=np.uint64)
                    values: Codes = np.zeros(1 << bits, dtype=np.uint32)
                    table[slots.astype(np.intp)] = keys_in
                    values[slots.astype(np.intp)] = values_in
                    # An empty slot must never match: key 0 is no word's key, and slots
                    # that hold no key keep the value 0 anyway.
                    return cls(table, values, multiplier, 64 - bits)
            bits += 1

    def lookup(self, keys: Keys) -> Codes:
        """The value of each key, 0 where absent."""
        slot = ((keys * np.uint64(self.multiplier)) >> np.uint64(self.shift)).view(np.int64)
        out: Codes = np.where(self.keys[slot] == keys, self.values[slot], np.uint32(0))
        return out


def _variants(word: str) -> set[str]:
    forms = {word, word.replace("'", "’"), word.replace("'", "")}
    return {f for f in forms if f}


PAIR_FIRST = 1 << 31  # value flag: this word starts some two-word entry
SLOTS = 3  # a word belongs to at most this many categories


def encode_bits(bits: int) -> int:
    """Category bitmask -> up to three (index + 1) bytes, so lookups need no bit loop."""
    cats = [i for i in range(31) if bits >> i & 1]
    if len(cats) > SLOTS:
        raise ValueError(f"a word is in {len(cats)} categories; at most {SLOTS} fit")
    return sum((c + 1) << (8 * k) for k, c in enumerate(cats)) | (bits & PAIR_FIRST)


@dataclass(frozen=True)
class Lexicon:
    """Category bitmasks by word key, and by word-pair key."""

    words: KeyTable
    pairs: KeyTable


def _words(block: str) -> list[str]:
    return block.split()


def build_lexicon(style_language: str = "en") -> Lexicon:
    """The word lists as lookup tables, with the style words of ``style_language``."""
    unigram: dict[int, int] = {}
    pairs: dict[int, int] = {}
    firsts: set[int] = set()

    def add(entry: str, bit: int) -> None:
        parts = entry.split("_")
        if len(parts) == 1:
            for form in _variants(parts[0]):
                key = word_key(form.encode())
                unigram[key] = unigram.get(key, 0) | bit
            return
        # Only the first two words of a phrase are matched (enough to be specific).
        for a in _variants(parts[0]):
            for b in _variants(parts[1]):
                ka, kb = word_key(a.encode()), word_key(b.encode())
                firsts.add(ka)
                key = pair_key(ka, kb)
                pairs[key] = pairs.get(key, 0) | bit

    index = {name: 1 << i for i, name in enumerate(CATEGORIES)}
    for name, block in (
        ("affection", AFFECTION),
        ("appreciation", APPRECIATION),
        ("we", WE),
        ("i", I_WORDS),
        ("you", YOU),
        ("plans", PLANS),
        ("repair", REPAIR),
    ):
        for entry in _words(block):
            add(entry, index[name])
    for first in _FIRST_PERSON:
        for feel in _words(_FEEL):
            add(f"{first}_{feel}", index["disclosure"])
    for name, block in LSM_WORDS[style_language].items():
        for entry in _words(block):
            add(entry, index[name])
    for key in firsts:
        unigram[key] = unigram.get(key, 0) | PAIR_FIRST
    return Lexicon(
        words=KeyTable.build({k: encode_bits(v) for k, v in unigram.items()}),
        pairs=KeyTable.build({k: encode_bits(v) for k, v in pairs.items()}),
    )


LEXICON = build_lexicon()


@cache
def lexicon_for(language: str) -> Lexicon:
    """The lexicon whose style-matching words are ``language``'s (English if none fits)."""
    if language == "en" or language not in LSM_WORDS:
        return LEXICON
    return build_lexicon(language)
