"""The Connection Check: nearer's own inventory of emotional distance, and its scoring.

A person answers each statement twice, about themselves and about their partner, then says
how long things have been this way and what is going on in their lives. Scoring turns that
into a 0-100 distance index per sign domain and overall (0 = close, 100 = far apart), a band,
a read-out of the pattern, and a ranked list of likely contributing factors, each with the
answers that pointed to it. The statements live in ``data/connection_check.toml``.

Nothing here diagnoses: the read-out describes patterns in the answers and says what they
often go with, in the words of the knowledge base.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from nearer.core.errors import AnswerError, KnowledgeError
from nearer.core.instruments.base import Answer, Choice, Item, validate_answers

INSTRUMENT_ID = "connection-check"
NAME = "Connection Check"

# Distance bands over the 0-100 index. nearer's own cut points at the quarter marks of the
# scale's middle range, chosen so that "sometimes" on every statement (index 50) reads as
# clear distance. They are a reading aid, not validated norms (docs/connection-check.md).
BANDS: tuple[tuple[int, str], ...] = (
    (20, "close"),
    (40, "some distance"),
    (60, "clear distance"),
    (101, "deep distance"),
)

# Keys of an answers file that carry something other than a choice.
# "not_from_notes" lists questions whose reading from the note the person turned down when
# asked to confirm it (the terminal check), so the note is not read for them again.
META_KEYS = ("notes", "country", "name", "partner_name", "screeners", "not_from_notes")

PERSPECTIVES = ("self", "partner")

# Context answers that say nothing happened or nothing is known: no circumstance, no weight.
NO_ANSWER_VALUES = frozenset({"no", "unsure", "prefer_not"})
# Choice sets whose answers name a person (docs/connection-check.md).
PERSON_KINDS = frozenset({"who", "hurt"})

# Whose life a factor or circumstance touches: one vocabulary for the scorer, the guidance
# and the reports. A couple-level answer (we argue often, our needs differ) is "both".
Whose = Literal["me", "partner", "both"]
WHOSE: tuple[Whose, ...] = ("me", "partner", "both")


def whose_of(value: object) -> Whose | None:
    """The ``Whose`` an answer names ("me", "partner", "both"), or None for any other value."""
    for whose in WHOSE:
        if value == whose:
            return whose
    return None


def whose_about(about: str) -> Whose:
    """A statement's perspective ("self" or "partner") as whose life it describes."""
    return "me" if about == "self" else "partner"


@dataclass(frozen=True)
class Statement:
    id: str
    domain: str
    direction: str  # "distance" or "closeness"
    self_text: str
    partner_text: str
    # about ("self"/"partner") -> factor -> weight added when answered "often" or more.
    hints: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    # Perspectives in which a frequent answer is a warning sign of unhealthy detachment.
    warning_sign: tuple[str, ...] = ()

    def text(self, about: str) -> str:
        return self.self_text if about == "self" else self.partner_text


@dataclass(frozen=True)
class CycleStatement:
    id: str
    role: str  # "pursue", "withdraw" or "initiate"
    self_text: str
    partner_text: str

    def text(self, about: str) -> str:
        return self.self_text if about == "self" else self.partner_text


@dataclass(frozen=True)
class Domain:
    id: str
    intro: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Question:
    """A timeline or context question with named choices."""

    id: str
    text: str
    kind: str
    choices: tuple[Choice, ...]
    factors: Mapping[str, int] = field(default_factory=dict)
    # Asked after the checklist when "whose life" needs other words ("Who was hurt?").
    who: str = ""
    # The role the read-out gives a yes: "stress_now", "chosen_space" or "" (none).
    readout: str = ""
    # "checklist" (picked from the context checklist) or "direct" (asked on its own).
    ask: str = "checklist"
    # Asked only once this other question has been answered yes (crunch -> crunch_ends).
    after: str = ""
    # What a yes means for the plan; per answer where answers differ (apart, broken_trust).
    circumstance: str = ""
    circumstance_by_value: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def names_people(self) -> bool:
        """Its answers say whose life it touches (me, partner, both)."""
        return self.kind in PERSON_KINDS

    def circumstances(self, value: Answer) -> tuple[str, ...]:
        """The circumstance ids an answer means (none for no, not sure, prefer not to say)."""
        if str(value) in self.circumstance_by_value:
            return self.circumstance_by_value[str(value)]
        if self.circumstance and str(value) not in NO_ANSWER_VALUES:
            return (self.circumstance,)
        return ()

    def label(self, value: Answer) -> str:
        return next(c.label for c in self.choices if c.value == value)


@dataclass(frozen=True)
class Definition:
    version: int
    timeframe: str
    scale: tuple[Choice, ...]
    domains: tuple[Domain, ...]
    cycle: tuple[CycleStatement, ...]
    timeline: tuple[Question, ...]
    context: tuple[Question, ...]
    # Factors that name a condition: shown only when a context answer points to them.
    needs_own_answer: frozenset[str] = frozenset()

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for d in self.domains for s in d.statements)

    def statement(self, statement_id: str) -> Statement:
        return next(s for s in self.statements if s.id == statement_id)

    def question(self, question_id: str) -> Question:
        return next(q for q in (*self.timeline, *self.context) if q.id == question_id)

    def items(self) -> tuple[Item, ...]:
        """Every answerable item in the order the interactive check asks them.

        About-me statements are required; about-my-partner ones may be skipped ("I can't
        tell"), as may context questions: an unanswered context question is no evidence.
        """
        out: list[Item] = []
        for domain in self.domains:
            for s in domain.statements:
                out.append(Item(f"{s.id}.self", s.self_text, self.scale))
                out.append(Item(f"{s.id}.partner", s.partner_text, self.scale, optional=True))
        for c in self.cycle:
            out.append(Item(f"{c.id}.self", c.self_text, self.scale, optional=True))
            out.append(Item(f"{c.id}.partner", c.partner_text, self.scale, optional=True))
        for q in self.timeline:
            out.append(Item(q.id, q.text, q.choices, optional=q.id != "duration"))
        for q in self.context:
            out.append(Item(q.id, q.text, q.choices, optional=True))
        return tuple(out)


def _choices(rows: list[dict[str, Any]]) -> tuple[Choice, ...]:
    return tuple(Choice(row["value"], row["label"]) for row in rows)


@cache
def definition() -> Definition:
    """Load and check the packaged Connection Check definition (cached)."""
    source = resources.files("nearer.core.instruments") / "data" / "connection_check.toml"
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
        scale = _choices(raw["scale"]["choices"])
        domains = tuple(
            Domain(
                d["id"],
                d["intro"],
                tuple(
                    Statement(
                        s["id"],
                        d["id"],
                        s["direction"],
                        s["self"],
                        s["partner"],
                        {about: dict(w) for about, w in s.get("hints", {}).items()},
                        tuple(s.get("warning_sign", ())),
                    )
                    for s in d["statement"]
                ),
            )
            for d in raw["domain"]
        )
        cycle = tuple(
            CycleStatement(c["id"], c["role"], c["self"], c["partner"]) for c in raw["cycle"]
        )
        timeline = tuple(
            Question(q["id"], q["text"], "timeline", _choices(q["choices"]))
            for q in raw["timeline"]
        )
        kinds = {k: _choices(v) for k, v in raw["context_choices"].items()}
        context = tuple(
            Question(
                q["id"],
                q["text"],
                q["kind"],
                kinds[q["kind"]],
                dict(q["factors"]),
                q.get("who", ""),
                q.get("readout", ""),
                q.get("ask", "checklist"),
                q.get("after", ""),
                q.get("circumstance", ""),
                {k: tuple(v) for k, v in q.get("circumstance_by_value", {}).items()},
            )
            for q in raw["context"]
        )
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"connection_check.toml is malformed: {exc!r}") from exc
    for s in (st for d in domains for st in d.statements):
        if s.direction not in ("distance", "closeness"):
            raise KnowledgeError(f"statement {s.id}: direction must be distance or closeness")
        for about in (*s.hints, *s.warning_sign):
            if about not in PERSPECTIVES:
                raise KnowledgeError(f"statement {s.id}: {about!r} is not self or partner")
    return Definition(
        raw["version"],
        raw["timeframe"],
        scale,
        domains,
        cycle,
        timeline,
        context,
        frozenset(raw.get("needs_own_answer", ())),
    )


def band(index: int | None) -> str | None:
    if index is None:
        return None
    return next(name for edge, name in BANDS if index < edge)


def split_meta(answers: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Separate choice answers from meta keys (notes, country, names, nested screeners)."""
    if not isinstance(answers, Mapping):
        raise AnswerError(
            "connection-check: answers must be a JSON object mapping item id to value, "
            'e.g. {"c1.self": 3}.'
        )
    meta = {k: answers[k] for k in META_KEYS if k in answers}
    choice_answers = {k: v for k, v in answers.items() if k not in META_KEYS}
    notes = meta.get("notes")
    if notes is not None and not isinstance(notes, str):
        raise AnswerError("connection-check item 'notes' must be text (a JSON string).")
    declined = meta.get("not_from_notes")
    if declined is not None and not (
        isinstance(declined, list) and all(isinstance(x, str) for x in declined)
    ):
        raise AnswerError(
            "connection-check item 'not_from_notes' must be a list of question ids, "
            'e.g. ["baby"].'
        )
    return choice_answers, meta


def validate(answers: Mapping[str, Any]) -> dict[str, Answer]:
    """Check Connection Check answers; meta keys are ignored here (see ``split_meta``)."""
    choice_answers, _ = split_meta(answers)
    return validate_answers(INSTRUMENT_ID, definition().items(), choice_answers)


def instrument_dict() -> dict[str, Any]:
    """The Connection Check in the shape ``nearer instruments --json`` lists."""
    d = definition()
    return {
        "id": INSTRUMENT_ID,
        "name": NAME,
        "purpose": "Notice emotional distance in six areas, about yourself and your partner.",
        "timeframe": d.timeframe,
        "source": "nearer's own items, drawing on the signs in the knowledge base",
        "permission": "part of nearer (Apache-2.0)",
        "items": [
            {
                "id": item.id,
                "text": item.text,
                "optional": item.optional,
                "values": [c.value for c in item.choices],
                "choices": [{"value": c.value, "label": c.label} for c in item.choices],
            }
            for item in d.items()
        ]
        + [{"id": "notes", "text": "Anything else you want to say.", "optional": True}],
    }
