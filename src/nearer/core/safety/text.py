"""Texting as people write it, turned into words the rules can read, with a map back.

The scan's rules match a normalised form of the text: lower case, one space between words,
contractions expanded ("don't" and "dont" both become "do not"), texting shorthand and slang
spelled out ("wanna" -> "want to", "bf" -> "boyfriend", "kms" -> "kill myself",
"sewerslide" -> "suicide"), common misspellings of the words that matter corrected
("sucide", "overdoesed", "strangeled") and a few emoji read as words ("😂" -> "lol",
"🔪" -> "knife"). Sentence ends become a "." word and commas a "," word, so a rule does not
run across two sentences and a negation does not reach past a comma.

Every normalised word remembers the characters of the original text it came from, so the
evidence a rule finds is always a slice of what the person wrote: ``source[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

# Words written out in full. Keys are lower-case tokens with apostrophes removed, so the
# spelled and the texted forms ("don't", "dont") land on the same words.
_EXPANSIONS: dict[str, str] = {
    # negations and contractions
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "shouldnt": "should not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "aint": "is not",
    "im": "i am",
    "id": "i would",
    "ive": "i have",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "youre": "you are",
    "youve": "you have",
    "theyve": "they have",
    "thats": "that is",
    "theres": "there is",
    "youll": "you will",
    "theyll": "they will",
    "itll": "it will",
    "itd": "it would",
    "thatd": "that would",
    "youd": "you would",
    "theyd": "they would",
    "hed": "he would",
    "everythings": "everything is",
    "lifes": "life is",
    "whats": "what is",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gna": "going to",
    "gotta": "got to",
    "tryna": "trying to",
    "kinda": "kind of",
    "sorta": "sort of",
    "lemme": "let me",
    "gimme": "give me",
    "dunno": "do not know",
    "idk": "i do not know",
    "idc": "i do not care",
    # texting shorthand
    "u": "you",
    "ur": "your",
    "r": "are",
    "ya": "you",
    "abt": "about",
    "bout": "about",
    "thru": "through",
    "wud": "would",
    "wd": "would",
    "cud": "could",
    "shud": "should",
    "wat": "what",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "bc": "because",
    "becuz": "because",
    "bcoz": "because",
    "tho": "though",
    "nd": "and",
    "n": "and",
    "w": "with",
    "rn": "right now",
    "nite": "night",
    "tonite": "tonight",
    "2nite": "tonight",
    "2day": "today",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tomoz": "tomorrow",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "msg": "message",
    "msgs": "messages",
    "txt": "text",
    "txts": "texts",
    "ngl": "honestly",
    "tbh": "honestly",
    "tbf": "honestly",
    "fr": "for real",
    "frfr": "for real",
    "deadass": "for real",
    "lmao": "lol",
    "lmfao": "lol",
    "lool": "lol",
    "lolol": "lol",
    "haha": "lol",
    "hahaha": "lol",
    "hehe": "lol",
    "jk": "joking",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "hubby": "husband",
    "hubs": "husband",
    "wifey": "wife",
    "bae": "partner",
    "gbf": "boyfriend",
    "fiance": "partner",
    "fiancee": "partner",
    "meself": "myself",
    "mysef": "myself",
    "myslef": "myself",
    "mself": "myself",
    "hisself": "himself",
    "hurted": "hurt",
    "meds": "medication",
    "tabs": "tablets",
    "pils": "pills",
    "pillz": "pills",
    "tablts": "tablets",
    "rasor": "razor",
    "razer": "razor",
    "thretened": "threatened",
    "threatend": "threatened",
    "threatned": "threatened",
    "scard": "scared",
    "scaired": "scared",
    "skared": "scared",
    "afriad": "afraid",
    "afaid": "afraid",
    "terrifed": "terrified",
    "chocked": "choked",
    "choaked": "choked",
    "choakd": "choked",
    "chokd": "choked",
    "choaking": "choking",
    "choaks": "chokes",
    "strangeled": "strangled",
    "strangeld": "strangled",
    "strangulated": "strangled",
    "strangeling": "strangling",
    "throtled": "throttled",
    "throtle": "throttle",
    "hitted": "hit",
    "slaped": "slapped",
    "punshed": "punched",
    "kiked": "kicked",
    # suicide and self-harm slang, algospeak and misspellings
    "kms": "kill myself",
    "kmss": "kill myself",
    "kys": "kill yourself",
    "kil": "kill",
    "kiled": "killed",
    "killin": "killing",
    "sh": "self harm",
    "selfharm": "self harm",
    "selfharming": "self harming",
    "selfharmed": "self harmed",
    "sewerslide": "suicide",
    "sewersliding": "suicide",
    "suicde": "suicide",
    "sucide": "suicide",
    "suiside": "suicide",
    "suicid": "suicide",
    "suiced": "suicide",
    "suicidee": "suicide",
    "sucidal": "suicidal",
    "suicdal": "suicidal",
    "suicidial": "suicidal",
    "suisidal": "suicidal",
    "suicidle": "suicidal",
    "sucidial": "suicidal",
    "ctb": "suicide",
    "od": "overdose",
    "oded": "overdosed",
    "overdoes": "overdose",
    "overdoesed": "overdosed",
    "overdozed": "overdosed",
    "overdosd": "overdosed",
    "ovadose": "overdose",
    "ovrdose": "overdose",
    "pillls": "pills",
    # Scots, Irish and northern English spellings, and dropped g's, of words the rules use
    "thrapple": "throat",
    "windaes": "windows",
    "windae": "window",
    "wean": "child",
    "weans": "children",
    "aboot": "about",
    "cannae": "can not",
    "canny": "can not",
    "widnae": "would not",
    "wouldnae": "would not",
    "couldnae": "could not",
    "havnae": "have not",
    "havenae": "have not",
    "hasnae": "has not",
    "dinnae": "do not",
    "didnae": "did not",
    "isnae": "is not",
    "wisnae": "was not",
    "wis": "was",
    "tae": "to",
    "wi": "with",
    "thinkin": "thinking",
    "toppin": "topping",
    "cuttin": "cutting",
    "endin": "ending",
    "hangin": "hanging",
    "jumpin": "jumping",
    "tryin": "trying",
    "goin": "going",
    "doin": "doing",
    "nothin": "nothing",
    "anythin": "anything",
    "somethin": "something",
    "slaggin": "slagging",
    "hittin": "hitting",
    "chokin": "choking",
    "sayin": "saying",
    "tellin": "telling",
    "beatin": "beating",
    "kickin": "kicking",
    "punchin": "punching",
    "burnin": "burning",
    "feelin": "feeling",
    "livin": "living",
    "dyin": "dying",
    "takin": "taking",
    "comin": "coming",
    "checkin": "checking",
    "followin": "following",
    "threatenin": "threatening",
    "screamin": "screaming",
    "shoutin": "shouting",
    "hidin": "hiding",
    "shakin": "shaking",
}

# Two-word spellings read as one word.
_PHRASES: dict[tuple[str, str], str] = {
    ("sewer", "slide"): "suicide",
    ("self", "harmer"): "self harmer",
    ("un", "alive"): "unalive",
}

# Emoji read as words; the rest are dropped. Laughing faces mark a joke, the knife is a knife.
_EMOJI: dict[str, str] = {
    "😂": "lol",
    "🤣": "lol",
    "😆": "lol",
    "😹": "lol",
    "😜": "lol",
    "😝": "lol",
    "🤪": "lol",
    "😅": "lol",
    "💀": "lol",
    "🔪": "knife",
    "🗡": "knife",
    "🔫": "gun",
    "🪢": "rope",
    "💊": "pills",
    "🩸": "blood",
    "⚰": "coffin",
}

# Apostrophe forms that change meaning when the apostrophe goes ("he'll" is not "hell").
_APOSTROPHE = re.compile(r"['’‘`´ʼ]")
_CLITIC = re.compile(r"^(\w+)['’‘`´ʼ](ll|d|re|ve|s|m|t)$")
_CLITIC_WORDS = {"ll": "will", "d": "would", "re": "are", "ve": "have", "m": "am"}
_S_IS = {
    "he",
    "she",
    "it",
    "that",
    "there",
    "what",
    "who",
    "where",
    "here",
    "everyone",
    "everything",
    "life",
    "nobody",
    "nothing",
    "plan",
    "tonight",
    "today",
    "tomorrow",
    "this",
}

# A censored swear ("sh*t", "f**k") is one word, so its first letters never read as slang.
# Letters include accented ones, so "fæ-shē" stays two words and never yields the "sh" of
# texting shorthand.
_TOKEN = re.compile(
    r"[^\W_]+(?:\*+[^\W_]+)*(?:['’‘`´ʼ][^\W_]+)*|[.!?;:\n\r\u2026]+|[,()\u2013\u2014]|"
    r"[\U0001F300-\U0001FAFF\u2600-\u27BF]",
)
_WILL_CLITICS = {"hell": "he will", "shell": "she will", "shed": "she would", "ill": "i will"}
_VERBS_AFTER_WILL = frozenset(
    [
        "do",
        "be",
        "kill",
        "hurt",
        "find",
        "know",
        "go",
        "come",
        "say",
        "get",
        "see",
        "never",
        "just",
        "make",
        "take",
        "leave",
        "lose",
        "hit",
        "break",
        "smash",
        "burn",
        "send",
        "tell",
        "throw",
        "ruin",
        "end",
        "snap",
        "flip",
        "start",
        "jump",
        "hang",
        "walk",
        "drive",
        "cut",
        "try",
        "swallow",
        "finally",
        "actually",
        "definitely",
        "probably",
        "overdose",
        "miss",
        "stop",
        "keep",
        "always",
        "not",
    ]
)
# Nouns after which "me" means "my" ("went at me arms", "me sister found me").
_ME_AS_MY = frozenset(
    [
        "arms",
        "arm",
        "legs",
        "leg",
        "wrists",
        "wrist",
        "thighs",
        "skin",
        "head",
        "neck",
        "sister",
        "brother",
        "mam",
        "mum",
        "ma",
        "da",
        "dad",
        "nan",
        "husband",
        "fella",
        "missus",
        "fella",
        "boyfriend",
        "girlfriend",
        "partner",
        "wife",
        "face",
        "body",
        "self",
        "life",
        "phone",
        "family",
        "mates",
        "kids",
    ]
)
# Words before "kms" that make it a distance, not "kill myself".
_DISTANCE_WORDS = frozenset(
    [
        "the",
        "for",
        "of",
        "in",
        "many",
        "few",
        "more",
        "less",
        "per",
        "thousand",
        "hundred",
        "low",
        "high",
        "extra",
        "some",
        "those",
        "these",
        "k",
        "000",
    ]
)
_QUOTE_MARKS = frozenset('"“”«»„')

# Words long enough to be corrected by one typed letter too many, too few or wrong, without
# catching ordinary words ("cooked" is one letter from "choked", so short words are listed).
_CORRECTABLE = (
    "suicide",
    "suicidal",
    "overdose",
    "overdosed",
    "overdosing",
    "strangled",
    "strangling",
    "strangle",
    "strangles",
    "throttled",
    "throttle",
    "throttles",
    "threaten",
    "threatens",
    "overdoses",
    "paracetamol",
    "threatened",
    "threatening",
    "terrified",
    "frightened",
    "unaliving",
)


@cache
def _deletions() -> dict[str, str]:
    """Every word of ``_CORRECTABLE`` and its one-letter deletions, pointing at the word."""
    # Real words first, so a word is never "corrected" into another ("throttle" stays).
    table: dict[str, str] = {word: word for word in _CORRECTABLE}
    for word in _CORRECTABLE:
        for i in range(len(word)):
            table.setdefault(word[:i] + word[i + 1 :], word)
    return table


@cache
def correct(word: str) -> str:
    """``word`` with a one-letter slip in a risk word corrected ("sucidal" -> "suicidal")."""
    if len(word) < 6 or not word.isalpha():
        return word
    table = _deletions()
    if word in table:
        return table[word]
    for i in range(len(word)):
        near = table.get(word[:i] + word[i + 1 :])
        if near is not None and abs(len(near) - len(word)) <= 1:
            return near
    return word


@dataclass(frozen=True)
class Words:
    """The normalised text and, for every character of it, the original span it came from."""

    source: str
    text: str
    # One entry per normalised word: (start in ``text``, original start, original end,
    # inside quotation marks).
    spans: tuple[tuple[int, int, int, bool], ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind normalised characters ``start:end`` (end exclusive)."""
        first = self._word_at(start)
        last = self._word_at(max(start, end - 1))
        return self.spans[first][1], self.spans[last][2]

    def quoted(self, start: int, end: int) -> bool:
        """Whether the words at ``start:end`` sit inside quotation marks."""
        return any(
            self.spans[i][3] for i in range(self._word_at(start), self._word_at(end - 1) + 1)
        )

    def _word_at(self, position: int) -> int:
        lo, hi = 0, len(self.spans) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.spans[mid][0] <= position:
                lo = mid
            else:
                hi = mid - 1
        return lo


@lru_cache(maxsize=50_000)
def _spell_out(token: str) -> str:
    """One lower-cased token in the words the rules use."""
    if token in _EMOJI:
        return _EMOJI[token]
    if token[0] in ".!?;\n\r\u2026":
        return "."
    if token[0] == ":" or token in ",()\u2013\u2014":
        return ","
    clitic = _CLITIC.match(token)
    if clitic:
        stem, tail = clitic.group(1), clitic.group(2)
        if tail in _CLITIC_WORDS and stem not in {"ca", "won", "don"}:
            return f"{_spell_out(stem)} {_CLITIC_WORDS[tail]}"
        if tail == "s" and stem in _S_IS:
            return f"{stem} is"
    word = _APOSTROPHE.sub("", token)
    if word in _EXPANSIONS:
        return _EXPANSIONS[word]
    return correct(word)


def words(source: str) -> Words:
    """Normalise ``source`` for the rules, keeping the way back to the original characters."""
    pieces: list[tuple[str, int, int, bool]] = []
    quoted = False
    last = 0
    for match in _TOKEN.finditer(source):
        between = source[last : match.start()]
        for mark in between:
            if mark in _QUOTE_MARKS:
                quoted = mark != "”" and (mark == "“" or not quoted)
        last = match.end()
        token = match.group().lower()
        if token[0] >= "\u2600" and token not in _EMOJI:
            continue
        pieces.append((_spell_out(token), match.start(), match.end(), quoted))
    # Join two-word spellings ("sewer slide") into the one word they stand for.
    joined: list[tuple[str, int, int, bool]] = []
    for piece in pieces:
        if joined and (joined[-1][0], piece[0]) in _PHRASES:
            prev = joined.pop()
            piece = (_PHRASES[(prev[0], piece[0])], prev[1], piece[2], prev[3])
        joined.append(piece)
    # "hell do" and "shell kill" are "he'll" and "she'll" typed without the apostrophe.
    for i in range(len(joined) - 1):
        word = joined[i][0]
        if word in _WILL_CLITICS and joined[i + 1][0].split(" ")[0] in _VERBS_AFTER_WILL:
            joined[i] = (_WILL_CLITICS[word], *joined[i][1:])
    # "me arms", "me sister": "me" as a possessive, as in Irish and northern English.
    for i in range(len(joined) - 1):
        if joined[i][0] == "me" and joined[i + 1][0] in _ME_AS_MY:
            joined[i] = ("my", *joined[i][1:])
    # "kms" after a number or a counting word is kilometres ("100 kms", "low for kms").
    for i in range(1, len(joined)):
        if joined[i][0] == "kill myself" and source[joined[i][1] : joined[i][2]].lower() == "kms":
            before = joined[i - 1][0]
            if before.isdigit() or before in _DISTANCE_WORDS:
                joined[i] = ("kms", *joined[i][1:])
    # Collapse repeated breaks so "!!! ..." is one sentence end.
    text_parts: list[str] = []
    spans: list[tuple[int, int, int, bool]] = []
    position = 0
    for spelled, start, end, in_quotes in joined:
        for word in spelled.split(" "):
            if word in {".", ","} and text_parts and text_parts[-1] in {".", ","}:
                if word == ".":
                    text_parts[-1] = "."
                continue
            if text_parts:
                position += 1
            spans.append((position, start, end, in_quotes))
            text_parts.append(word)
            position += len(word)
    return Words(source, " ".join(text_parts), tuple(spans))


def normalise(text: str) -> str:
    """``text`` as the rules read it: lower case, words spelled out, "." and "," as words."""
    return words(text).text
