"""Scoring the Connection Check: indexes, bands, the pattern read-out and likely factors.

Every number in the result can be traced to answers: a factor lists its drivers (the
question, the answer given, the weight it added), and each part of the read-out lists the
facts it was reached from (``connection_readout``). The weights live with the questions and
statements in the check's definition (``data/connection_check.toml``); the thresholds are
named constants documented in docs/connection-check.md. They rank possibilities, they do not
diagnose. The sentences a person reads are built in ``nearer.core.guidance.words``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from statistics import mean
from typing import Any

from nearer.core.instruments.base import Answer
from nearer.core.instruments.connection_check import (
    INSTRUMENT_ID,
    NAME,
    Definition,
    Whose,
    band,
    definition,
    split_meta,
    validate,
    whose_about,
    whose_of,
)
from nearer.core.instruments.connection_readout import (
    Finding,
    Reason,
    boundary_finding,
    course_finding,
    cycle_finding,
    often,
    sidedness_finding,
)
from nearer.core.instruments.note_reader import NoteReading, read_notes

# docs/connection-check.md, "Likely factors": a factor total of 4+ is "likely", 2-3
# "possible"; one weak hint alone is not shown.
LIKELY = 4
POSSIBLE = 2
# The pursue-withdraw cycle adds this weight to different needs for closeness; more than
# two years that came on slowly adds this to a painful past and avoidant attachment.
CYCLE_WEIGHT = 2
LONG_SLOW_WEIGHT = 1

# Context answers that carry no evidence: "no", not sure, and prefer not to say.
NO_EVIDENCE = frozenset({"no", "unsure", "prefer_not"})

# The pattern ids strategies refer to (docs/knowledge.md); other read-out labels such as
# "some_distance" describe degree and are not patterns.
KNOWN_PATTERNS = frozenset(
    {
        "pursue_withdraw",
        "mutual",
        "one_sided",
        "situational",
        "persistent",
        "healthy_boundary",
        "unhealthy_detachment",
    }
)

__all__ = ["ConnectionResult", "Finding", "Reason", "score_connection_check"]


@dataclass(frozen=True)
class DomainScore:
    domain: str
    self_index: int | None
    partner_index: int | None
    self_band: str | None
    partner_band: str | None
    answered_self: int
    answered_partner: int


@dataclass(frozen=True)
class Driver:
    """One answer that added weight to a factor."""

    item: str
    question: str
    answer: str
    weight: int
    # The words of the free-text note it was read from, when it came from a note.
    note_words: str = ""


@dataclass(frozen=True)
class Circumstance:
    """Something in the couple's life that changes the right advice (a baby in the first
    year, long distance, a partner who refuses help together...): ``id`` is what strategies'
    ``fits_circumstances`` / ``avoid_circumstances`` name."""

    id: str
    question: str
    answer: str
    whose: Whose | None = None
    # The sentence of the note it was read from, when it was not answered explicitly.
    note_words: str = ""

    def to_dict(self) -> dict[str, Any]:
        # The note's words stay out of JSON and reports: only that it came from the note.
        return {
            "id": self.id,
            "question": self.question,
            "answer": self.answer,
            "whose": self.whose,
            "from_note": bool(self.note_words),
        }


@dataclass(frozen=True)
class ScreenEvidence:
    """A completed screener that decided a factor (``nearer.core.guidance.screens``)."""

    instrument: str
    short_name: str
    total: int
    max_total: int
    positive: bool


@dataclass(frozen=True)
class FactorEvidence:
    factor: str
    score: int
    likelihood: str  # "likely" or "possible"
    whose: Whose
    drivers: tuple[Driver, ...]
    screen: ScreenEvidence | None = None


@dataclass(frozen=True)
class ConnectionResult:
    version: int
    domains: tuple[DomainScore, ...]
    overall_self: int | None
    overall_partner: int | None
    band_self: str | None
    band_partner: str | None
    duration: str
    onset: str | None
    trend: str | None
    boundary: Finding
    course: Finding
    sidedness: Finding
    cycle: Finding
    factors: tuple[FactorEvidence, ...]
    answers: Mapping[str, Answer] = field(repr=False)
    notes: str | None = field(default=None, repr=False)
    circumstances: tuple[Circumstance, ...] = ()
    from_notes: tuple[NoteReading, ...] = field(default=(), repr=False)

    def circumstance(self, circumstance_id: str) -> Circumstance | None:
        return next((c for c in self.circumstances if c.id == circumstance_id), None)

    def has(self, *circumstance_ids: str) -> bool:
        return any(self.circumstance(c) is not None for c in circumstance_ids)

    @property
    def patterns(self) -> frozenset[str]:
        """Pattern ids (docs/knowledge.md) that strategies' ``fits_patterns`` refer to."""
        labels = {self.boundary.label, self.course.label, self.sidedness.label, self.cycle.label}
        if "mixed" in labels:
            # A chosen boundary that comes with numbness or loneliness is treated as
            # detachment for planning: the warning signs outweigh the intent.
            labels.add("unhealthy_detachment")
        return frozenset(labels & KNOWN_PATTERNS)

    def domain(self, domain_id: str) -> DomainScore:
        return next(d for d in self.domains if d.domain == domain_id)

    def to_dict(self, include_answers: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "instrument": INSTRUMENT_ID,
            "name": NAME,
            "version": self.version,
            "overall": {
                "self": self.overall_self,
                "partner": self.overall_partner,
                "self_band": self.band_self,
                "partner_band": self.band_partner,
            },
            "domains": [asdict(d) for d in self.domains],
            "duration": self.duration,
            "onset": self.onset,
            "trend": self.trend,
            "readout": {
                "boundary": asdict(self.boundary),
                "course": asdict(self.course),
                "sidedness": asdict(self.sidedness),
                "cycle": asdict(self.cycle),
            },
            "patterns": sorted(self.patterns),
            "factors": [_factor_dict(f) for f in self.factors],
            "circumstances": [c.to_dict() for c in self.circumstances],
        }
        if include_answers:
            data["answers"] = dict(self.answers)
        return data


def notes_in_use(answers: Mapping[str, Any]) -> tuple[NoteReading, ...]:
    """What the note says that no explicit answer already says (an answer always wins)."""
    choices, meta = split_meta(answers)
    declined = set(meta.get("not_from_notes") or ())
    return tuple(
        r
        for r in read_notes(meta.get("notes"))
        if choices.get(r.question) is None and r.question not in declined
    )


def _factor_dict(f: FactorEvidence) -> dict[str, Any]:
    data = asdict(f)
    for driver in data["drivers"]:
        # A note's words never leave the plan shown to its writer.
        driver["from_note"] = bool(driver.pop("note_words"))
    return data


def score_connection_check(answers: Mapping[str, Any]) -> ConnectionResult:
    """Validate and score one person's Connection Check answers.

    Circumstances the free-text note states plainly are used as if answered, unless the
    question was answered explicitly (``notes_in_use``).
    """
    d = definition()
    from_notes = notes_in_use(answers)
    choices, meta = split_meta(answers)
    clean = validate({**choices, **{r.question: r.value for r in from_notes}})
    note_words = {r.question: r.words for r in from_notes}
    domains = tuple(_domain_score(d, clean, dom.id) for dom in d.domains)
    overall_self = _overall([x.self_index for x in domains])
    overall_partner = _overall([x.partner_index for x in domains])
    cycle = cycle_finding(clean)
    duration = str(clean["duration"])
    onset = str(clean["onset"]) if "onset" in clean else None
    trend = str(clean["trend"]) if "trend" in clean else None
    return ConnectionResult(
        version=d.version,
        domains=domains,
        overall_self=overall_self,
        overall_partner=overall_partner,
        band_self=band(overall_self),
        band_partner=band(overall_partner),
        duration=duration,
        onset=onset,
        trend=trend,
        boundary=boundary_finding(
            d,
            clean,
            next(x for x in domains if x.domain == "inner"),
            max((i for i in (overall_self, overall_partner) if i is not None), default=0),
        ),
        course=course_finding(d, clean, duration, onset),
        sidedness=sidedness_finding(overall_self, overall_partner),
        cycle=cycle,
        factors=_factors(d, clean, cycle, note_words),
        answers=clean,
        notes=meta.get("notes") or None,
        circumstances=_circumstances(d, clean, note_words),
        from_notes=from_notes,
    )


def _circumstances(
    d: Definition, answers: Mapping[str, Answer], note_words: Mapping[str, str]
) -> tuple[Circumstance, ...]:
    out: list[Circumstance] = []
    for q in d.context:
        value = answers.get(q.id)
        if value is None:
            continue
        whose = whose_of(value) if q.names_people else None
        for cid in q.circumstances(value):
            out.append(Circumstance(cid, q.id, q.label(value), whose, note_words.get(q.id, "")))
    return tuple(out)


def _distance(direction: str, value: int) -> float:
    return value / 4 if direction == "distance" else (4 - value) / 4


def _domain_score(d: Definition, answers: Mapping[str, Answer], domain_id: str) -> DomainScore:
    dom = next(x for x in d.domains if x.id == domain_id)
    indexes: dict[str, int | None] = {}
    counts: dict[str, int] = {}
    for about in ("self", "partner"):
        parts = [
            _distance(s.direction, int(answers[f"{s.id}.{about}"]))
            for s in dom.statements
            if f"{s.id}.{about}" in answers
        ]
        counts[about] = len(parts)
        # Half the statements at least, or the index would rest on one answer.
        enough = len(parts) * 2 >= len(dom.statements)
        indexes[about] = round(100 * mean(parts)) if enough else None
    return DomainScore(
        domain_id,
        indexes["self"],
        indexes["partner"],
        band(indexes["self"]),
        band(indexes["partner"]),
        counts["self"],
        counts["partner"],
    )


def _overall(indexes: list[int | None]) -> int | None:
    known = [i for i in indexes if i is not None]
    return round(mean(known)) if len(known) * 2 >= len(indexes) else None


def _factors(
    d: Definition,
    answers: Mapping[str, Answer],
    cycle: Finding,
    note_words: Mapping[str, str],
) -> tuple[FactorEvidence, ...]:
    """Rank contributing factors by the weight of the answers that point to them."""
    # whose is None for a couple-level answer (we argue often): it names no one person.
    weights: dict[str, list[tuple[Driver, Whose | None]]] = {}

    def add(factor: str, driver: Driver, whose: Whose | None) -> None:
        weights.setdefault(factor, []).append((driver, whose))

    for q in d.context:
        value = answers.get(q.id)
        if value is None or value in NO_EVIDENCE:
            continue
        # "who" answers say whose life it touches; other kinds are about the couple.
        whose = whose_of(value) if q.names_people else None
        words = note_words.get(q.id, "")
        for factor, weight in q.factors.items():
            add(factor, Driver(q.id, q.text, q.label(value), weight, words), whose)
    for s in d.statements:
        for about, hinted in s.hints.items():
            item = f"{s.id}.{about}"
            if not often(answers, item):
                continue
            label = d.scale[int(answers[item])].label
            for factor, weight in hinted.items():
                add(factor, Driver(item, s.text(about), label, weight), whose_about(about))
    if cycle.label == "pursue_withdraw":
        add("different_needs", Driver("p1-p3", "", "", CYCLE_WEIGHT), None)
    if answers.get("duration") == "gt2y" and answers.get("onset") == "gradual":
        duration, onset = d.question("duration"), d.question("onset")
        driver = Driver(
            "duration",
            duration.text,
            f"{duration.label('gt2y')}; {onset.label('gradual').lower()}",
            LONG_SLOW_WEIGHT,
        )
        add("past_pain", driver, None)
        add("attachment_avoidant", driver, None)

    context_ids = {q.id for q in d.context}
    ranked: list[FactorEvidence] = []
    for factor, rows in weights.items():
        score = sum(driver.weight for driver, _ in rows)
        if score < POSSIBLE:
            continue
        if factor in d.needs_own_answer and not any(dr.item in context_ids for dr, _ in rows):
            # Numbness or a long, slow drift alone never names trauma or an attachment style.
            continue
        owners = {whose for _, whose in rows if whose is not None}
        # One person's answers make it theirs; two people's, or none (couple-level), both.
        owner: Whose = owners.pop() if len(owners) == 1 else "both"
        ranked.append(
            FactorEvidence(
                factor,
                score,
                "likely" if score >= LIKELY else "possible",
                owner,
                tuple(sorted((dr for dr, _ in rows), key=lambda x: -x.weight)),
            )
        )
    ranked.sort(key=lambda f: (-f.score, f.factor))
    return tuple(ranked)
