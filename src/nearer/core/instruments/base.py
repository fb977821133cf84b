"""Shared shapes for every instrument nearer scores.

An instrument is a fixed list of items, each with the values a person may give. Scoring
takes a mapping of item id to value and returns a ``ScreenResult``. Validation lives here so
that every instrument words its errors the same way: the item, the value given, and the
values allowed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nearer.core.errors import AnswerError

Answer = int | str
Answers = Mapping[str, Any]


@dataclass(frozen=True)
class Choice:
    """One allowed value of an item and the words shown for it."""

    value: Answer
    label: str


@dataclass(frozen=True)
class Item:
    """One question. ``id`` is what an answers file uses as the key."""

    id: str
    text: str
    choices: tuple[Choice, ...]
    optional: bool = False

    @property
    def values(self) -> tuple[Answer, ...]:
        return tuple(c.value for c in self.choices)

    def allowed_text(self) -> str:
        values = self.values
        if all(isinstance(v, int) for v in values) and len(values) > 2:
            ints = sorted(int(v) for v in values)
            if ints == list(range(ints[0], ints[-1] + 1)):
                return f"an integer from {ints[0]} to {ints[-1]}"
        return "one of " + ", ".join(repr(v) if isinstance(v, str) else str(v) for v in values)


@dataclass(frozen=True)
class ScreenResult:
    """The scored result of one instrument, in the shape the CLI's ``--json`` prints."""

    instrument: str
    total: int
    severity: str
    positive_screen: bool
    safety_alert: bool
    interpretation: str
    max_total: int = 0
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument,
            "total": self.total,
            "max_total": self.max_total,
            "severity": self.severity,
            "positive_screen": self.positive_screen,
            "safety_alert": self.safety_alert,
            "interpretation": self.interpretation,
            "details": self.details,
        }


def coerce_answer(item: Item, raw: Any, instrument: str) -> Answer:
    """Return ``raw`` as one of ``item``'s values or raise an ``AnswerError`` that says which.

    JSON answers files hold numbers, but people also write "2"; both are accepted for integer
    items. Booleans are refused: ``true`` is not a clear answer to "how often".
    """
    values = item.values
    value: Answer | None = None
    if isinstance(raw, bool):
        value = None
    elif isinstance(raw, int) and raw in values:
        value = raw
    elif isinstance(raw, float) and raw.is_integer() and int(raw) in values:
        value = int(raw)
    elif isinstance(raw, str):
        text = raw.strip()
        if text in values:
            value = text
        elif text.lower() in values:
            value = text.lower()
        elif text.lstrip("-").isdigit() and int(text) in values:
            value = int(text)
    if value is None:
        raise AnswerError(
            f"{instrument} item {item.id!r}: {raw!r} is not allowed; give {item.allowed_text()}."
        )
    return value


def validate_answers(instrument: str, items: Sequence[Item], answers: Answers) -> dict[str, Answer]:
    """Check every required item is answered with an allowed value and no unknown ids appear."""
    if not isinstance(answers, Mapping):
        raise AnswerError(
            f"{instrument}: answers must be a JSON object mapping item id to value, "
            f'e.g. {{"{items[0].id}": {items[0].values[0]!r}}}.'
        )
    known = {item.id for item in items}
    unknown = sorted(str(k) for k in answers if str(k) not in known)
    if unknown:
        raise AnswerError(
            f"{instrument}: unknown item {unknown[0]!r}; the items are "
            + ", ".join(item.id for item in items)
            + "."
        )
    clean: dict[str, Answer] = {}
    for item in items:
        if item.id not in answers or answers[item.id] is None:
            if item.optional:
                continue
            raise AnswerError(
                f"{instrument} item {item.id!r} is missing; give {item.allowed_text()}."
            )
        clean[item.id] = coerce_answer(item, answers[item.id], instrument)
    return clean
