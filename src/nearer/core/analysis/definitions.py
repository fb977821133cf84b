"""One definition per metric and per pattern: everything else iterates over these.

A ``Metric`` says what is measured (id, label), how its numbers read (unit, format), how
big a change must be to matter, which direction means more distance, and the words used
about it (short phrases for lists, sentences for explanations). The metrics module computes
the values, ``signals`` tests them, the report, the HTML page, the CLI and the web show
them: none of them keeps a list of its own.

A ``ChatPattern`` names a couple-level pattern: its id in the JSON contract
(``"pursue-withdraw"``), its id in the knowledge base (``core.knowledge.PATTERNS``), and its
headline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

Direction = Literal["up", "down"]
# How a value reads: "count" (whole numbers), "decimal", "per100" (per 100 messages),
# "share" (a fraction shown in %), "minutes" (minutes, or hours from two hours on).
NumberFormat = Literal["count", "decimal", "per100", "share", "minutes"]
# Languages of the word lists (ISO 639-1).
ALL_LEXICON_LANGUAGES = ("en", "de", "es", "fr", "pt", "it", "nl", "ru")
STYLE_LANGUAGES = ("en", "de", "es", "fr", "pt")  # lexicon.LSM_WORDS has these (a test checks)


@dataclass(frozen=True)
class MinChange:
    """The smallest change of the typical week that matters in practice.

    ``relative``: a fraction of the earlier value (0.30 = 30 %); ``absolute``: in the
    metric's own units (fraction points for shares).
    """

    kind: Literal["relative", "absolute"]
    amount: float


@dataclass(frozen=True)
class Metric:
    id: str
    label: str  # what it is, lower case: the JSON "metrics" text and the report's row label
    unit: str  # the unit written after a whole-history value ("" when the format carries it)
    number_format: NumberFormat
    weekly_unit: str  # the unit written after a typical week's value in explanations
    min_change: MinChange | None  # None: shown, never tested for a change
    distance: Direction | None  # the direction that means more distance (None: neither)
    phrases: tuple[str, str]  # (down, up), for lists: "fewer messages"
    sentences: tuple[str, str]  # (down, up); {p} is the person, {q} the partner
    word_lists: tuple[str, ...] = ()  # lexicon categories it counts (language coverage)
    emotion: bool = False  # from the emotion model: only when it ran
    couple: bool = False  # one value for the couple, not per person
    summary: bool = False  # one of the few rows of the terminal summary
    withdrawal: bool = False  # counts as pulling back in the pursue-withdraw pattern
    short: str = ""  # a table row's name ("Median reply"); the label when empty

    @property
    def title(self) -> str:
        text = self.short or self.label
        return text[:1].upper() + text[1:]

    def sentence(self, direction: Direction, person: str, partner: str) -> str:
        return self.sentences[direction == "up"].format(p=person, q=partner or "you")

    def phrase(self, direction: Direction) -> str:
        return self.phrases[direction == "up"]

    def typical(self, value: float) -> str:
        """A typical week's value with its unit, as explanations write it."""
        if self.number_format == "minutes":
            return minutes(value)
        if self.number_format == "share":
            return f"{100 * value:.0f} %"
        if self.number_format == "count" and self.weekly_unit:
            return f"{value:.0f} {self.weekly_unit}"
        if self.number_format == "per100":
            return f"{value:.1f} per 100 messages"
        return f"{value:.1f}"

    def span(self, before: float, after: float) -> str:
        """ "40 to 12 a week", "6 minutes to 34 minutes": two values, the unit written once."""
        if self.number_format in ("minutes", "share"):
            return f"{self.value(before)} to {self.value(after)}"
        if self.number_format == "per100":
            return f"{before:.1f} to {after:.1f} per 100 messages"
        unit = self.weekly_unit or self.unit
        if self.number_format == "count":
            return f"{before:.0f} to {after:.0f} {unit}".rstrip()
        return f"{before:.1f} to {after:.1f} {unit}".rstrip()

    def value(self, value: float | None) -> str:
        """A value with its unit, for tables ("-" when there is none)."""
        if value is None:
            return "-"
        if self.number_format == "minutes":
            return minutes(value)
        if self.number_format == "share":
            return f"{100 * value:.0f} %"
        if self.number_format == "per100":
            return f"{value:.1f} per 100 messages"
        whole = self.number_format == "count" or (bool(self.unit) and float(value).is_integer())
        number = f"{value:,.0f}" if whole else f"{value:.1f}"
        return f"{number} {self.unit}" if self.unit else number


def minutes(value: float) -> str:
    if value >= 120:
        return f"{value / 60:.1f} hours"
    return f"{value:.0f} minutes"


METRICS: tuple[Metric, ...] = (
    Metric(
        "messages",
        "messages sent",
        "messages",
        "count",
        "a week",
        MinChange("relative", 0.30),
        "down",
        ("fewer messages", "more messages"),
        ("{p} has been sending fewer messages", "{p} has been sending more messages"),
        summary=True,
        withdrawal=True,
        short="Messages",
    ),
    Metric(
        "words_per_message",
        "words per text message",
        "words",
        "decimal",
        "",
        MinChange("relative", 0.25),
        "down",
        ("shorter messages", "longer messages"),
        ("{p}'s messages have become shorter", "{p}'s messages have grown longer"),
        summary=True,
        withdrawal=True,
        short="Words per message",
    ),
    Metric(
        "reply_minutes_median",
        "median minutes to reply to the partner",
        "",
        "minutes",
        "",
        MinChange("relative", 0.50),
        "up",
        ("quicker replies", "slower replies"),
        ("{p} has been replying to {q} faster", "{p} has been slower to reply to {q}"),
        summary=True,
        withdrawal=True,
        short="Median reply",
    ),
    Metric(
        "initiated_share",
        "share of conversations this person started",
        "",
        "share",
        "",
        MinChange("absolute", 0.15),
        None,
        ("starting fewer conversations", "starting more conversations"),
        (
            "{p} has been starting fewer of your conversations",
            "{p} has been starting more of your conversations",
        ),
        summary=True,
        short="Conversations started (share)",
    ),
    Metric(
        "conversations_started",
        "conversations started",
        "conversations",
        "count",
        "a week",
        None,
        None,
        ("fewer conversations started", "more conversations started"),
        ("{p} has been starting fewer conversations", "{p} has been starting more conversations"),
        short="Conversations started",
    ),
    Metric(
        "unanswered_starts",
        "conversation starts the partner left unanswered",
        "openings",
        "decimal",
        "unanswered a week",
        MinChange("absolute", 1.0),
        "up",
        ("fewer unanswered openings", "more unanswered openings"),
        ("fewer of {p}'s openings go unanswered", "more of {p}'s openings go unanswered"),
        withdrawal=True,
        short="Openings left unanswered",
    ),
    Metric(
        "questions_per_100",
        "messages with a question, per 100 messages",
        "",
        "per100",
        "",
        MinChange("relative", 0.30),
        "down",
        ("fewer questions", "more questions"),
        ("{p} has been asking {q} fewer questions", "{p} has been asking {q} more questions"),
        summary=True,
        withdrawal=True,
        short="Questions",
    ),
    Metric(
        "affection_per_100",
        "words and emoji of affection, per 100 messages",
        "",
        "per100",
        "",
        MinChange("relative", 0.30),
        "down",
        ("less affection", "more affection"),
        ("{p} has been writing less affectionately", "{p} has been writing more affectionately"),
        word_lists=("affection",),
        summary=True,
        withdrawal=True,
        short="Affection",
    ),
    Metric(
        "appreciation_per_100",
        "words of thanks and appreciation, per 100 messages",
        "",
        "per100",
        "",
        MinChange("relative", 0.30),
        "down",
        ("less thanks", "more thanks"),
        ("{p} has been thanking {q} less often", "{p} has been thanking {q} more often"),
        word_lists=("appreciation",),
        short="Thanks",
    ),
    Metric(
        "disclosure_per_100",
        "'I feel ...' statements, per 100 messages",
        "",
        "per100",
        "",
        MinChange("relative", 0.30),
        "down",
        ("fewer feelings shared", "more feelings shared"),
        ("{p} has been sharing feelings less often", "{p} has been sharing feelings more often"),
        word_lists=("disclosure",),
        short="Feelings shared",
    ),
    Metric(
        "plans_per_100",
        "talk of shared plans, per 100 messages",
        "",
        "per100",
        "",
        MinChange("relative", 0.30),
        "down",
        ("fewer shared plans", "more shared plans"),
        (
            "{p} has been talking less about plans together",
            "{p} has been talking more about plans together",
        ),
        word_lists=("plans",),
        short="Shared plans",
    ),
    Metric(
        "repair_per_100",
        "apologies and repair attempts, per 100 messages",
        "",
        "per100",
        "",
        MinChange("relative", 0.40),
        None,
        ("fewer apologies", "more apologies"),
        ("{p} has been apologising less often", "{p} has been apologising more often"),
        word_lists=("repair",),
        short="Apologies",
    ),
    Metric(
        "we_share",
        "'we' words among we, I and you words",
        "",
        "share",
        "",
        MinChange("absolute", 0.10),
        "down",
        ("less 'we'", "more 'we'"),
        ("{p} has been saying 'we' less", "{p} has been saying 'we' more"),
        word_lists=("we", "i", "you"),
        summary=True,
        short="'We' among we/I/you",
    ),
    Metric(
        "late_night_share",
        "share of messages sent 23:00-05:00",
        "",
        "share",
        "",
        MinChange("absolute", 0.10),
        None,
        ("fewer late-night messages", "more late-night messages"),
        ("{p} writes late at night less often", "{p} writes late at night more often"),
        short="Late-night messages",
    ),
    Metric(
        "emotion_share",
        "share of text messages that express an emotion",
        "",
        "share",
        "",
        MinChange("absolute", 0.10),
        "down",
        ("fewer emotional messages", "more emotional messages"),
        ("{p}'s messages carry feelings less often", "{p}'s messages carry feelings more often"),
        emotion=True,
        short="Emotional messages",
    ),
    Metric(
        "positive_share",
        "share of positive among positive and negative messages",
        "",
        "share",
        "",
        MinChange("absolute", 0.15),
        "down",
        ("a less positive tone", "a more positive tone"),
        ("{p}'s tone has become less positive", "{p}'s tone has become more positive"),
        emotion=True,
        short="Positive tone",
    ),
    Metric(
        "lsm",
        "style matching between you",
        "",
        "share",
        "",
        MinChange("absolute", 0.05),
        "down",
        ("writing styles drifting apart", "writing styles converging"),
        ("your writing styles have drifted apart", "your writing styles have grown closer"),
        word_lists=("style",),
        couple=True,
        short="Style matching",
    ),
)

BY_ID: dict[str, Metric] = {m.id: m for m in METRICS}


def metric(metric_id: str) -> Metric:
    return BY_ID[metric_id]


def person_metrics(emotion: bool) -> Iterator[Metric]:
    """The per-person metrics in report order (emotion metrics only when the model ran)."""
    return (m for m in METRICS if not m.couple and (emotion or not m.emotion))


@dataclass(frozen=True)
class ChatPattern:
    id: str  # the JSON contract's name
    knowledge: str | None  # the key in core.knowledge PATTERNS, when it has one
    headline: str


PATTERNS: tuple[ChatPattern, ...] = (
    ChatPattern(
        "stable", None, "No clear change: the recent weeks look like the months before them."
    ),
    ChatPattern(
        "pursue-withdraw",
        "pursue_withdraw",
        "One of you has been reaching out while the other pulls back.",
    ),
    ChatPattern(
        "mutual-drift",
        "mutual",
        "You have both been drifting: writing less often, less warmly or more slowly.",
    ),
    ChatPattern(
        "one-sided",
        "one_sided",
        "One of you writes differently lately; the other has not changed much.",
    ),
    ChatPattern("changes", None, "Some things changed in the recent weeks."),
    ChatPattern(
        "not-enough-history",
        None,
        "There are not enough weeks yet to compare the recent weeks with the months before them.",
    ),
)
PATTERN_BY_ID: dict[str, ChatPattern] = {p.id: p for p in PATTERNS}
