"""The instruments a person can take in the browser, over one shape: the Connection Check
(``nearer.core.instruments.connection_check``) and the screeners of the registry."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from nearer.core.assessment.interview import NOTES, SAFETY_PREFIX
from nearer.core.errors import AnswerError, UnknownInstrument
from nearer.core.instruments.base import Item
from nearer.core.instruments.connection_check import INSTRUMENT_ID, NAME, definition
from nearer.core.instruments.connection_scoring import score_connection_check
from nearer.core.instruments.registry import SCREENERS, get_screener
from nearer.core.safety import SafetyAlert, safety_alerts

CONNECTION_CHECK = INSTRUMENT_ID
# Questions whose reading from the note the person turned down (core connection_check).
NOT_FROM_NOTES = "not_from_notes"
NOTES_LIMIT = 2000
# The terminal check's last question (core.assessment.interview), asked the same way in the browser.
# Context questions per screen: about the eight statements of a domain screen in height.
CONTEXT_PER_SCREEN = 7
NOTES_LABEL = "Anything else you want to say about how things are? (Optional; only you see it.)"


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
    notes: bool = False  # ends with the free-text notes the terminal check asks for

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for s in self.sections for item in s.items)


@dataclass(frozen=True)
class Scored:
    result: dict[str, Any]
    safety_alert: bool
    alerts: tuple[SafetyAlert, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)  # what may be shared
    private: dict[str, Any] = field(default_factory=dict)  # notes and safety screen: owner only


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
    # The context questions come in screens of a few each, so that each fits a phone: first
    # what is going on in your lives, then (from the first question asked on its own, the
    # circumstances of issue 10) the circumstances that change the right advice.
    first_direct = next((n for n, q in enumerate(d.context) if q.ask == "direct"), len(d.context))
    lives = [by_id[q.id] for q in d.context[:first_direct]]
    chunks = [lives[n : n + CONTEXT_PER_SCREEN] for n in range(0, len(lives), CONTEXT_PER_SCREEN)]
    for n, chunk in enumerate(chunks, 1):
        title = "What is going on in your lives"
        if len(chunks) > 1:
            title += f" ({n} of {len(chunks)})"
        sections.append(Section(title, "All optional.", tuple(chunk)))
    if first_direct < len(d.context):
        sections.append(
            Section(
                "Your circumstances",
                "All optional. These change which steps fit you.",
                tuple(by_id[q.id] for q in d.context[first_direct:]),
            )
        )
    # The safety screen the terminal check asks (core.assessment.interview): its answers are never
    # shared, not even with a shared result. Each may be skipped here: someone whose partner
    # can see the screen may not be able to answer safely.
    safety = get_screener("safety")
    sections.append(
        Section(
            "Feeling safe",
            f"{safety.stem} Your partner never sees these answers, even if you share the "
            "result. Skip any you cannot answer safely right now.",
            tuple(
                replace(item, id=f"{SAFETY_PREFIX}{item.id}", optional=True)
                for item in safety.items
            ),
        )
    )
    return Instrument(
        CONNECTION_CHECK,
        NAME,
        "Notice emotional distance in six areas, about yourself and about your partner.",
        d.timeframe,
        tuple(sections),
        notes=True,
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
    """Score validated answers; raises ``AnswerError`` like the CLI does.

    A Connection Check may carry ``notes`` (text) and the safety screen's answers under
    ``safety.<item>`` keys, as the terminal check does: both are scanned or scored for
    safety and kept apart from the answers a partner may see."""
    if instrument_id == CONNECTION_CHECK:
        notes = answers.get(NOTES)
        if notes is not None and not isinstance(notes, str):
            raise AnswerError("connection-check item 'notes' must be text (a JSON string).")
        if notes and len(notes) > NOTES_LIMIT:
            raise AnswerError(
                f"connection-check 'notes' is {len(notes)} characters; keep it under "
                f"{NOTES_LIMIT + 1}."
            )
        safety = {
            k.removeprefix(SAFETY_PREFIX): v
            for k, v in answers.items()
            if k.startswith(SAFETY_PREFIX)
        }
        kept = (NOTES, NOT_FROM_NOTES)
        shareable = {
            k: v for k, v in answers.items() if k not in kept and not k.startswith(SAFETY_PREFIX)
        }
        # The note counts as well (issue 10): what it says plainly is used as if answered,
        # unless the person turned the reading down (``not_from_notes``). Both stay private.
        declined = answers.get(NOT_FROM_NOTES)
        check = score_connection_check(
            {**shareable, **({NOTES: notes} if notes else {})}
            | ({NOT_FROM_NOTES: declined} if declined else {})
        )
        screen = get_screener("safety")
        # Items may be skipped in the browser. The screen is positive on any yes (its own
        # rule), so a skipped item counts as no for the alert only; it is stored as skipped.
        filled = {item.id: safety.get(item.id, 0) for item in screen.items if not item.optional}
        screens = (screen.score({**filled, **safety}),) if safety else ()
        alerts = tuple(safety_alerts(screens, [notes] if notes else []))
        private: dict[str, Any] = {}
        if notes:
            private["notes"] = notes
        if safety:
            private["safety"] = safety
        if declined:
            private[NOT_FROM_NOTES] = list(declined)
        return Scored(
            check.to_dict(include_answers=False), bool(alerts), alerts, shareable, private
        )
    result = get_screener(instrument_id).score(answers)
    alerts = tuple(safety_alerts([result], []))
    return Scored(result.to_dict(), result.safety_alert, alerts, dict(answers), {})
