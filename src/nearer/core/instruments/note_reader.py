"""Circumstances read from the Connection Check's free-text note.

People often write what matters in the note instead of the questions: "our son is three
months old", "she refuses to see a counsellor", "since he took the job in Dubai", "I've been
on fluoxetine since March". This small reader finds such statements with plain patterns and
returns, for each, the question it answers, the answer, and the exact words it was read
from, so the plan can show them and the terminal check can ask the person to confirm. An
explicit answer always wins over a note (``connection_scoring``).

It is deliberately modest: it reads a circumstance only when the words say it plainly, skips
a statement with a negation just before it ("he doesn't drink"), and decides whose it is
from the nearest person named before the words in the same sentence ("he", "my wife": the
partner; "I", "my": the writer; "we", "our": both). With no one named it assumes the writer,
as notes usually drop "I" ("Been on sertraline since May").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from nearer.core.instruments.connection_check import Whose


@dataclass(frozen=True)
class NoteReading:
    """One answer read from a note: ``question`` = ``value``; ``words`` quotes the sentence
    it was read from, and ``start``/``end`` mark the words that matched in the note."""

    question: str
    value: str
    words: str
    start: int
    end: int


NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_NUMBER = r"(?:\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_AMOUNT = r"(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

_SENTENCE_END = re.compile(r"[.!?\n;]")
_NEGATION = re.compile(r"(?:\b(?:not|never|no|without|hardly)|n't|n’t)\b\W*(?:\w+\W+){0,2}$", re.I)

# Who is meant, nearest before the words; multi-word names of a partner come first so that
# the "my" in "my wife" does not read as the writer.
_PERSON = re.compile(
    r"\b(?P<partner>my (?:partner|husband|wife|boyfriend|girlfriend|fianc[eé]e?|spouse)|"
    r"he|she|they|him|her|his|hers|their)\b|\b(?P<both>we|our|us)\b|"
    r"\b(?P<me>i|i'm|i've|i'd|me|my|myself)\b",
    re.I,
)

_PEOPLE_WORDS = r"(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|spouse))"

# Medicines that commonly blunt feelings or were named by people in the situations nearer is
# tested on; the seed articles single out antidepressants (000, 002, 003).
_MEDICINES = (
    r"fluoxetine|sertraline|citalopram|escitalopram|paroxetine|venlafaxine|duloxetine|"
    r"mirtazapine|bupropion|vortioxetine|prozac|zoloft|lexapro|cipralex|celexa|paxil|seroxat|"
    r"effexor|cymbalta|wellbutrin|antidepressants?|anti-depressants?|ssris?|snris?|lithium|"
    r"quetiapine|seroquel|aripiprazole|abilify|lamotrigine|isotretinoin|roaccutane"
)


def _sentence_prefix(text: str, start: int) -> str:
    cut = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    return text[cut:start]


_LONG_AGO = re.compile(
    r"\b(?:years ago|decades? ago|as a child|when i was (?:little|young|a kid))\b", re.I
)

# A quoted sentence is cut to this many characters around the words that matched.
QUOTE_LIMIT = 120


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], as the person wrote it (cut when very long)."""
    first = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    last_match = _SENTENCE_END.search(text, end)
    last = last_match.start() if last_match else len(text)
    sentence = text[first:last].strip()
    if len(sentence) <= QUOTE_LIMIT:
        return sentence
    return text[max(first, start - 40) : min(last, end + 40)].strip() + " ..."


def whose_before(text: str, start: int) -> Whose:
    """The person named nearest before ``start`` in the same sentence (the writer if none)."""
    found: Whose = "me"
    for m in _PERSON.finditer(_sentence_prefix(text, start)):
        found = "partner" if m.group("partner") else "both" if m.group("both") else "me"
    return found


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATION.search(_sentence_prefix(text, start)[-40:]))


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def _baby_age(m: re.Match[str]) -> str | None:
    amount, unit = _number(m.group("n")), m.group("unit").lower()
    if unit.startswith(("day", "week")) or (unit.startswith("month") and amount < 3):
        return "under3m"
    if unit.startswith("month") and amount <= 12:
        return "3to12m"
    return None  # a year or more: past the first year


def _whose_value(text: str, m: re.Match[str]) -> str:
    return whose_before(text, m.start())


# (question, pattern, value or a function of the match) in the order they are tried.
Rule = tuple[str, re.Pattern[str], str | Callable[[str, re.Match[str]], str | None]]

RULES: tuple[Rule, ...] = (
    (
        "baby",
        re.compile(
            r"\b(?:baby|newborn|son|daughter|little one|twins?)\b[^.!?\n]{0,30}?\b"
            + _AMOUNT
            + r"\s*(?P<unit>days?|weeks?|months?|years?)\s+old\b",
            re.I,
        ),
        lambda text, m: _baby_age(m),
    ),
    (
        "baby",
        re.compile(
            r"\b" + _AMOUNT + r"\s*(?P<unit>days?|weeks?|months?)\s+(?:postpartum|postnatal|"
            r"post-partum|(?:after|since)\s+(?:the|our|my|her)\s+(?:birth|baby|delivery|"
            r"c-section))\b",
            re.I,
        ),
        lambda text, m: _baby_age(m),
    ),
    (
        "baby",
        re.compile(
            r"\b(?:(?:our|my|we have a|with a) (?:newborn|new baby)|just had (?:a|our|the) "
            r"baby|since the baby (?:was born|came|arrived))\b",
            re.I,
        ),
        "under3m",
    ),
    (
        "apart",
        re.compile(
            r"\blong[- ]distance\b|\b" + _NUMBER + r"\s+hours?\s+(?:apart|ahead|behind|"
            r"time difference)\b|\btime[- ]difference\b|\bdifferent (?:countries|"
            r"continents|time zones)\b",
            re.I,
        ),
        "long_distance",
    ),
    (
        "apart",
        re.compile(
            r"\b" + _PEOPLE_WORDS + r"\s+(?:took|got|accepted|started)\s+(?:a|the|his|her|their|"
            r"this|that)\s+(?:new\s+)?job\s+(?:in|abroad)(?:\s+[A-Z][\w-]+)?|\b"
            + _PEOPLE_WORDS
            + r"\s+(?:moved|relocated)\s+(?:to|abroad)(?:\s+[A-Z][\w-]+)?",
            re.I,
        ),
        "long_distance",
    ),
    (
        "apart",
        re.compile(r"\b(?:we live apart|living apart|don'?t live together)\b", re.I),
        "apart",
    ),
    (
        "help_together",
        re.compile(
            _PEOPLE_WORDS + r"\s+(?:refuses|refused|won'?t|will not|doesn'?t want|does not "
            r"want|said no|says no|isn'?t willing|is not willing|is against)\s+(?:to\s+)?"
            r"(?:go(?:ing)?\s+to\s+|see(?:ing)?\s+|try(?:ing)?\s+|do(?:ing)?\s+|get(?:ting)?\s+)?"
            r"(?:a\s+|any\s+|the\s+)?(?:couples?\s+|marriage\s+)?(?:counsell?or|counsell?ing|"
            r"therap(?:y|ist)|help)\b",
            re.I,
        ),
        "refuses",
    ),
    (
        "medication",
        re.compile(
            r"\b(?:on|started|starting|taking|takes|began|switched to|came off|stopped|"
            r"prescribed|upped|increased|changed)\s+(?:\w+\s+){0,2}?(?:" + _MEDICINES + r")\b",
            re.I,
        ),
        _whose_value,
    ),
    (
        "medication",
        re.compile(
            r"\b(?:new|changed|started|upped|increased)\s+(?:the\s+)?(?:medication|"
            r"meds|dose)\b",
            re.I,
        ),
        _whose_value,
    ),
    (
        "substances",
        re.compile(
            r"\b(?:drinks?|drinking|drunk)\s+(?:too much|every (?:night|day)|a lot|heavily|"
            r"more and more|a bottle|most nights|until)|\bheavy drinking\b|\b(?:his|her|their|"
            r"my) drinking\b|\bhung ?over\b|\b(?:smokes|smoking) (?:weed|pot)\b|\bcocaine\b",
            re.I,
        ),
        _whose_value,
    ),
    (
        "grief",
        re.compile(
            r"\b(?:mum|mom|mother|dad|father|brother|sister|friend|son|daughter|grandmother|"
            r"grandfather|gran|grandad|baby|wife|husband)\s+(?:died|passed away|passed)\b|"
            r"\b(?:bereavement|grieving|miscarriage|stillbirth|funeral)\b",
            re.I,
        ),
        _whose_value,
    ),
    (
        "illness",
        re.compile(
            r"\b(?:diagnosed with (?:cancer|ms|diabetes|a tumou?r)|(?:has|have|with|fighting)"
            r" cancer|cancer diagnosis|chemo(?:therapy)?|(?:had|having|needs?|after|since|"
            r"recovering from) (?:an? |the |his |her |my )?(?:surgery|operation)|a stroke|"
            r"heart attack|(?:was|got|been|badly) injured|(?:his|her|my|their) (?:\w+ )?injury|"
            r"broke (?:his|her|my|their) (?:arm|leg|hip|wrist|ankle|back|neck|ribs?|collarbone|"
            r"pelvis)|in hospital|hospitali[sz]ed)\b",
            re.I,
        ),
        _whose_value,
    ),
    (
        "crunch",
        re.compile(
            r"\b(?:bar exam|exams?|thesis|dissertation|product launch|the launch|(?:my|his|"
            r"her|their|a big|work) deadline|moving house|the move|residency)\b",
            re.I,
        ),
        _whose_value,
    ),
    (
        "shift_work",
        re.compile(
            r"\b(?:night shifts?|shift work|shifts|on call|on-call|nights at the hospital|"
            r"12-hour shifts)\b",
            re.I,
        ),
        _whose_value,
    ),
    (
        "small_children",
        re.compile(
            r"\b(?:toddlers?|small children|little ones|kids under (?:five|5|four|4|"
            r"three|3))\b",
            re.I,
        ),
        "yes",
    ),
)


def read_notes(text: str | None) -> tuple[NoteReading, ...]:
    """Every circumstance the note states plainly, first mention per question."""
    if not text:
        return ()
    found: dict[str, NoteReading] = {}
    for question, pattern, value in RULES:
        if question in found:
            continue
        for m in pattern.finditer(text):
            if _negated(text, m.start()):
                continue
            if question == "grief" and _LONG_AGO.search(_sentence_around(text, m.start(), m.end())):
                continue  # grief "years ago" is not the last two years the question asks about
            answer = value(text, m) if callable(value) else value
            if answer is None:
                continue
            words = _sentence_around(text, m.start(), m.end())
            found[question] = NoteReading(question, answer, words, m.start(), m.end())
            break
    return tuple(sorted(found.values(), key=lambda r: r.start))
