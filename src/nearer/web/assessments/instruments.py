"""The instruments a person can take in the browser, over one shape: the Connection Check
(``nearer.core.instruments.connection_check``) and the screeners of the registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nearer.core.errors import UnknownInstrument
from nearer.core.instruments.base import Item
from nearer.core.instruments.connection_check import INSTRUMENT_ID, NAME, definition
from nearer.core.instruments.connection_scoring import score_connection_check
from nearer.core.instruments.registry import SCREENERS, get_screener

CONNECTION_CHECK = INSTRUMENT_ID


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    purpose: str
    timeframe: str
    sections: tuple[Section, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for s in self.sections for item in s.items)


@dataclass(frozen=True)
class Scored:
    result: dict[str, Any]
    safety_alert: bool


def _connection_check() -> Instrument:
    d = definition()
    by_id = {item.id: item for item in d.items()}
    sections = [
        Section(
            dom.id.replace("_", " ").capitalize(),
            dom.intro,
            tuple(
                by_id[f"{s.id}.{about}"] for s in dom.statements for about in ("self", "partner")
            ),
        )
        for dom in d.domains
    ]
    cycle = tuple(by_id[f"{c.id}.{about}"] for c in d.cycle for about in ("self", "partner"))
    sections.append(Section("When things get hard", "", cycle))
    sections.append(Section("How long", "", tuple(by_id[q.id] for q in d.timeline)))
    sections.append(
        Section(
            "What is going on in your lives", "All optional.", tuple(by_id[q.id] for q in d.context)
        )
    )
    return Instrument(
        CONNECTION_CHECK,
        NAME,
        "Notice emotional distance in six areas, about yourself and about your partner.",
        d.timeframe,
        tuple(sections),
    )


def all_instruments() -> list[Instrument]:
    found = [_connection_check()]
    for screener in SCREENERS.values():
        found.append(
            Instrument(
                screener.id,
                screener.name,
                screener.purpose,
                screener.timeframe,
                (Section(screener.short_name, screener.stem, screener.items),),
            )
        )
    return found


def instrument(instrument_id: str) -> Instrument:
    """One instrument by id; raises ``UnknownInstrument`` (the view answers 404)."""
    if instrument_id == CONNECTION_CHECK:
        return _connection_check()
    screener = get_screener(instrument_id)
    for found in all_instruments():
        if found.id == screener.id:
            return found
    raise UnknownInstrument(f"unknown instrument {instrument_id!r}.")


def score(instrument_id: str, answers: dict[str, Any]) -> Scored:
    """Score validated answers; raises ``AnswerError`` like the CLI does."""
    if instrument_id == CONNECTION_CHECK:
        check = score_connection_check(answers)
        return Scored(check.to_dict(include_answers=False), safety_alert=False)
    result = get_screener(instrument_id).score(answers)
    return Scored(result.to_dict(), safety_alert=result.safety_alert)
