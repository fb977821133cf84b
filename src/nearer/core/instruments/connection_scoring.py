"""Scoring the Connection Check: indexes, bands, the pattern read-out and likely factors.

Every number in the result can be traced to answers: a factor lists its drivers (the
question, the answer given, the weight it added), and each part of the read-out lists the
reasons it was reached. The weights and thresholds are nearer's own reading aids, documented
in docs/connection-check.md; they rank possibilities, they do not diagnose.
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
    band,
    definition,
    split_meta,
    validate,
)

# A statement answered "often" (3) or "almost always" (4) counts as a marked answer.
OFTEN = 3

# How the sign answers themselves hint at factors: (statement, about, factor, weight). Muted
# reactions and numbness are what the seeds tie to depression, trauma and emotional blunting
# from medication; shutting down in arguments to a pattern of frequent fights.
SIGN_HINTS: tuple[tuple[str, str, str, int], ...] = (
    ("i1", "self", "depression", 1),
    ("i1", "partner", "depression", 1),
    ("i1", "self", "medication", 1),
    ("i1", "partner", "medication", 1),
    ("i1", "self", "trauma", 1),
    ("i1", "partner", "trauma", 1),
    ("r2", "self", "medication", 1),
    ("r2", "partner", "medication", 1),
    ("a4", "self", "depression", 1),
    ("a4", "partner", "depression", 1),
    ("k2", "self", "frequent_fights", 1),
    ("k2", "partner", "frequent_fights", 1),
    ("k1", "self", "fear_vulnerability", 1),
    ("k1", "partner", "fear_vulnerability", 1),
    ("c2", "self", "fear_vulnerability", 1),
    ("c2", "partner", "fear_vulnerability", 1),
    ("e3", "self", "stress_burnout", 1),
    ("e3", "partner", "stress_burnout", 1),
    ("i2", "self", "feeling_unappreciated", 1),
    ("e4", "self", "unresolved_conflict", 1),
    ("e4", "partner", "unresolved_conflict", 1),
)

# Factor totals at or above this are "likely", from 2 "possible"; one weak hint is not shown.
LIKELY = 4
POSSIBLE = 2

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

DURATION_WEEKS = {"none": 0, "lt2w": 1, "2w-2m": 5, "2m-6m": 17, "6m-2y": 52, "gt2y": 104}


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


@dataclass(frozen=True)
class FactorEvidence:
    factor: str
    score: int
    likelihood: str  # "likely" or "possible"
    whose: str  # "me", "partner", "both" or "couple"
    drivers: tuple[Driver, ...]


@dataclass(frozen=True)
class Finding:
    """One part of the read-out: a label and the reasons it was reached."""

    label: str
    reasons: tuple[str, ...]
    who: str | None = None


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
            "factors": [asdict(f) for f in self.factors],
        }
        if include_answers:
            data["answers"] = dict(self.answers)
        return data


def score_connection_check(answers: Mapping[str, Any]) -> ConnectionResult:
    """Validate and score one person's Connection Check answers."""
    d = definition()
    clean = validate(answers)
    _, meta = split_meta(answers)
    domains = tuple(_domain_score(d, clean, dom.id) for dom in d.domains)
    overall_self = _overall([x.self_index for x in domains])
    overall_partner = _overall([x.partner_index for x in domains])
    cycle = _cycle(clean)
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
        boundary=_boundary(d, clean, domains, overall_self, overall_partner),
        course=_course(d, clean, duration, onset),
        sidedness=_sidedness(overall_self, overall_partner),
        cycle=cycle,
        factors=_factors(d, clean, cycle),
        answers=clean,
        notes=meta.get("notes") or None,
    )


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


def _often(answers: Mapping[str, Answer], item: str) -> bool:
    value = answers.get(item)
    return isinstance(value, int) and value >= OFTEN


def _chosen(answers: Mapping[str, Answer], question: str) -> bool:
    return answers.get(question) in ("me", "partner", "both", "yes")


def _boundary(
    d: Definition,
    answers: Mapping[str, Answer],
    domains: tuple[DomainScore, ...],
    overall_self: int | None,
    overall_partner: int | None,
) -> Finding:
    """Healthy boundary or unhealthy detachment (knowledge base: detachment.toml).

    A boundary is healthy when it was chosen and named, and it comes without numbness,
    loneliness, indifference or a wall against the partner's feelings; those markers are what
    set unhealthy detachment apart.
    """
    markers: list[str] = []
    for sid, about, words in (
        ("i1", "self", "you often feel numb or switched off"),
        ("i1", "partner", "your partner often seems numb or switched off"),
        ("i2", "self", "you often feel lonely when you are together"),
        ("i2", "partner", "your partner often seems lonely when you are together"),
        ("i4", "self", "you often feel indifferent about growing closer"),
        ("i4", "partner", "your partner often seems indifferent about growing closer"),
        ("r2", "partner", "your feelings often meet a flat reaction"),
        ("r2", "self", "your reactions to your partner's feelings are often flat"),
    ):
        if _often(answers, f"{sid}.{about}"):
            markers.append(words)
    inner = next(x for x in domains if x.domain == "inner")
    if inner.self_index is not None and inner.self_index >= 60:
        markers.append(f"your inner-experience index is {inner.self_index} of 100")
    chosen = [q for q in ("boundary", "work_switch_off") if _chosen(answers, q)]
    reasons = [
        f"{d.question(q).text.split('?')[0]}?: {d.question(q).label(answers[q])}" for q in chosen
    ]
    highest = max((i for i in (overall_self, overall_partner) if i is not None), default=0)
    if chosen and not markers:
        return Finding(
            "healthy_boundary",
            (
                *reasons,
                "none of the warning signs of unhealthy detachment (numbness, loneliness, "
                "indifference, flat reactions) came up often",
            ),
        )
    if chosen and markers:
        return Finding(
            "mixed",
            (*reasons, *markers, "a chosen boundary may have grown into a wider wall"),
        )
    if markers or highest >= 40:
        extra = [f"overall distance reaches {highest} of 100"] if highest >= 40 else []
        return Finding("unhealthy_detachment", (*markers, *extra))
    if highest < 20:
        return Finding("little_distance", (f"overall distance is {highest} of 100",))
    return Finding("some_distance", (f"overall distance is {highest} of 100, no warning signs",))


def _course(
    d: Definition, answers: Mapping[str, Answer], duration: str, onset: str | None
) -> Finding:
    """Situational (a recent reaction to events) or persistent (months, a settled pattern)."""
    weeks = DURATION_WEEKS[duration]
    stressors = [q for q in ("stress", "exhausted", "loss") if _chosen(answers, q)]
    label = d.question("duration").label(duration)
    reasons = [f"it has lasted about {label.lower()}"]
    if onset == "event":
        reasons.append("it began after a particular event or change")
    if stressors:
        reasons.append("there is heavy stress or a big change in your lives right now")
    if weeks == 0:
        return Finding("none", ("you said there is no real distance",))
    if weeks >= 26:
        return Finding("persistent", tuple(reasons))
    if weeks <= 8 or onset == "event" or stressors:
        return Finding("situational", tuple(reasons))
    return Finding("emerging", (*reasons, "long enough to watch, not yet a settled pattern"))


def _sidedness(overall_self: int | None, overall_partner: int | None) -> Finding:
    """One-sided (one of you pulls back) or mutual (you both do)."""
    if overall_self is None or overall_partner is None:
        known = overall_self if overall_self is not None else overall_partner
        return Finding("unknown", (f"only one side was answered (index {known})",))
    reasons = (f"your index is {overall_self}, your partner's (as you see it) {overall_partner}",)
    if overall_self >= 40 and overall_partner >= 40:
        return Finding("mutual", reasons)
    if abs(overall_self - overall_partner) >= 15 and max(overall_self, overall_partner) >= 30:
        who = "me" if overall_self > overall_partner else "partner"
        return Finding("one_sided", reasons, who)
    if max(overall_self, overall_partner) < 20:
        return Finding("neither", reasons)
    return Finding("both_somewhat", reasons)


def _cycle(answers: Mapping[str, Answer]) -> Finding:
    """The pursue-withdraw cycle: one presses for closeness, the other pulls back.

    Pursuit is pressing (p1) together with always starting contact (p3); withdrawal is
    pulling back when pressed (p2). The cycle is named when one side pursues at least
    "sometimes to often" on average and the other withdraws "often" or more.
    """

    def level(item: str) -> float | None:
        value = answers.get(item)
        return float(value) if isinstance(value, int) else None

    def pursuit(about: str) -> float:
        values = [v for v in (level(f"p1.{about}"), level(f"p3.{about}")) if v is not None]
        return mean(values) if values else 0.0

    for pursuer, withdrawer in (("self", "partner"), ("partner", "self")):
        p = pursuit(pursuer)
        w = level(f"p2.{withdrawer}") or 0.0
        if p >= 2.5 and w >= OFTEN:
            who = "me" if pursuer == "self" else "partner"
            other = "your partner" if who == "me" else "you"
            return Finding(
                "pursue_withdraw",
                (
                    f"{'you press' if who == 'me' else 'your partner presses'} for closeness "
                    f"(average {p:.1f} of 4)",
                    f"{other} pull{'s' if other == 'your partner' else ''} back when pressed "
                    f"({w:.0f} of 4)",
                ),
                who,
            )
    return Finding("no_cycle", ("no clear pursue-withdraw pattern in the answers",))


def _factors(
    d: Definition, answers: Mapping[str, Answer], cycle: Finding
) -> tuple[FactorEvidence, ...]:
    """Rank contributing factors by the weight of the answers that point to them."""
    weights: dict[str, list[tuple[Driver, str]]] = {}

    def add(factor: str, driver: Driver, whose: str) -> None:
        weights.setdefault(factor, []).append((driver, whose))

    for q in d.context:
        value = answers.get(q.id)
        if value is None or value in ("no", "unsure"):
            continue
        # "needs" answers say who wants more closeness: a difference between two people.
        people = {"me": "me", "partner": "partner", "both": "both"}
        whose = people.get(str(value), "couple") if q.kind == "who" else "couple"
        for factor, weight in q.factors.items():
            add(factor, Driver(q.id, q.text, q.label(value), weight), whose)
    for sid, about, factor, weight in SIGN_HINTS:
        item = f"{sid}.{about}"
        if _often(answers, item):
            s = d.statement(sid)
            label = d.scale[int(answers[item])].label
            add(
                factor,
                Driver(item, s.text(about), label, weight),
                "me" if about == "self" else "partner",
            )
    if cycle.label == "pursue_withdraw":
        add(
            "different_needs",
            Driver("p1-p3", "pursue and withdraw answers", "; ".join(cycle.reasons), 2),
            "couple",
        )
    duration = answers.get("duration")
    if duration == "gt2y" and answers.get("onset") == "gradual":
        driver = Driver("duration", d.question("duration").text, "More than two years, slowly", 1)
        add("past_pain", driver, "couple")
        add("attachment_avoidant", driver, "couple")

    ranked: list[FactorEvidence] = []
    for factor, rows in weights.items():
        score = sum(driver.weight for driver, _ in rows)
        if score < POSSIBLE:
            continue
        owners = {whose for _, whose in rows if whose != "couple"}
        if "both" in owners or {"me", "partner"} <= owners:
            whose = "both"
        elif len(owners) == 1:
            whose = owners.pop()
        else:
            whose = "couple"
        ranked.append(
            FactorEvidence(
                factor,
                score,
                "likely" if score >= LIKELY else "possible",
                whose,
                tuple(sorted((dr for dr, _ in rows), key=lambda x: -x.weight)),
            )
        )
    ranked.sort(key=lambda f: (-f.score, f.factor))
    return tuple(ranked)
