"""What every screener shares: its description, its items, and how it turns answers into a result.

A screener is a short questionnaire with a published scoring rule. It can say that an answer
pattern is worth following up; it can never say what a person has. Every interpretation nearer
writes therefore ends with ``NOT_A_DIAGNOSIS`` and points a positive screen towards a clinician.

Two shapes cover most instruments:

* ``SummedScreener``: the total is the sum of the items; the severity is either a published
  band (PHQ-9, GAD-7) or, where the instrument only has a cut-off, "positive"/"negative".
* Instruments with a rule of their own (PC-PTSD-5's exposure question, AUDIT-C's sex-specific
  cut-offs, the safety screen's "any yes") subclass ``Screener`` and write ``_score``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nearer.core.instruments.base import (
    Answer,
    Answers,
    Choice,
    Item,
    ScreenResult,
    validate_answers,
)

POSITIVE = "positive"
NEGATIVE = "negative"

NOT_A_DIAGNOSIS = (
    "This is a screening questionnaire, not a diagnosis: only a clinician who talks with you "
    "can say what is going on."
)

ALERT_SELF_HARM = "self_harm"
ALERT_PARTNER_HARM = "partner_harm"


@dataclass(frozen=True)
class Band:
    """A published severity band: totals from ``low`` to ``high`` inclusive."""

    low: int
    high: int
    label: str
    text: str


def string_keys(answers: Answers) -> Answers:
    """Give every key as text, so ``{1: 2}`` from Python means the same as ``{"1": 2}`` in JSON."""
    if isinstance(answers, Mapping):
        return {str(key): value for key, value in answers.items()}
    return answers


def int_answer(clean: Mapping[str, Answer], item_id: str) -> int:
    """The validated integer answer of ``item_id`` (0 when an optional item was skipped)."""
    value = clean.get(item_id, 0)
    return value if isinstance(value, int) else 0


def join_text(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part.strip())


@dataclass(frozen=True, kw_only=True)
class Screener(ABC):
    """One instrument: what it is, where it comes from, and how to score it."""

    id: str
    name: str
    short_name: str
    purpose: str
    timeframe: str
    stem: str
    items: tuple[Item, ...]
    source: str
    permission: str
    cutoff: int
    max_total: int

    def score(self, answers: Answers) -> ScreenResult:
        """Validate ``answers`` (item id -> value) and score them by the published rule.

        Raises ``AnswerError`` naming the item and the allowed values when an answer is
        missing, unknown or out of range.
        """
        clean = validate_answers(self.id, self.items, string_keys(answers))
        return self._score(clean)

    @abstractmethod
    def _score(self, clean: dict[str, Answer]) -> ScreenResult:
        """Score answers that ``validate_answers`` has already checked."""

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def to_dict(self) -> dict[str, Any]:
        """The description ``nearer instruments --json`` prints."""
        return {
            "id": self.id,
            "name": self.name,
            "short_name": self.short_name,
            "purpose": self.purpose,
            "timeframe": self.timeframe,
            "stem": self.stem,
            "items": [
                {
                    "id": item.id,
                    "text": item.text,
                    "optional": item.optional,
                    "values": list(item.values),
                    "choices": [{"value": c.value, "label": c.label} for c in item.choices],
                }
                for item in self.items
            ],
            "max_total": self.max_total,
            "cutoff": self.cutoff,
            "source": self.source,
            "permission": self.permission,
        }


@dataclass(frozen=True, kw_only=True)
class SummedScreener(Screener):
    """The total is the sum of the items; severity is a band or positive/negative.

    ``bands`` empty means the instrument only has a cut-off (PHQ-2, GAD-2). ``safety_item``
    names an item whose any non-zero answer raises a self-harm alert regardless of the total
    (PHQ-9 item 9).
    """

    bands: tuple[Band, ...] = ()
    positive_text: str = ""
    negative_text: str = ""
    safety_item: str | None = None
    safety_text: str = ""
    # Items whose answer (the position of the response, 0 = first) is reverse-scored:
    # ``item_max - answer`` (the EPDS, Cox et al. 1987). The safety item is read after it.
    reverse_items: tuple[str, ...] = ()
    item_max: int = 3

    def item_score(self, clean: Mapping[str, Answer], item_id: str) -> int:
        value = int_answer(clean, item_id)
        return self.item_max - value if item_id in self.reverse_items else value

    def band_for(self, total: int) -> Band:
        for band in self.bands:
            if band.low <= total <= band.high:
                return band
        raise ValueError(f"{self.id}: no band holds total {total}")

    def _score(self, clean: dict[str, Answer]) -> ScreenResult:
        total = sum(self.item_score(clean, item.id) for item in self.items)
        positive = total >= self.cutoff
        if self.bands:
            band = self.band_for(total)
            severity, body = band.label, band.text
        else:
            severity = POSITIVE if positive else NEGATIVE
            body = self.positive_text if positive else self.negative_text
        details: dict[str, Any] = {"cutoff": self.cutoff, "answers": dict(clean)}
        if self.reverse_items:
            details["item_scores"] = {
                item.id: self.item_score(clean, item.id) for item in self.items
            }
        safety_alert = False
        lead = ""
        if self.safety_item is not None:
            safety_value = self.item_score(clean, self.safety_item)
            safety_alert = safety_value > 0
            details["safety_item"] = self.safety_item
            if safety_alert:
                details["alert_kind"] = ALERT_SELF_HARM
                lead = self.safety_text
        return ScreenResult(
            instrument=self.id,
            total=total,
            severity=severity,
            positive_screen=positive,
            safety_alert=safety_alert,
            interpretation=join_text(lead, body.format(total=total), NOT_A_DIAGNOSIS),
            max_total=self.max_total,
            details=details,
        )


def yes_no_item(item_id: str, text: str, optional: bool = False) -> Item:
    """A yes/no question scored 1 for yes and 0 for no."""
    return Item(
        id=item_id,
        text=text,
        choices=(Choice(0, "No"), Choice(1, "Yes")),
        optional=optional,
    )
