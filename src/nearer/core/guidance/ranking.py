"""Ranking strategies: conditions on both sides, and this week's three steps.

A strategy is offered only when its conditions say it fits (its audience, a factor, a
pattern or a circumstance of the couple, owned by the right person) and none says it must
not be (an avoided pattern, factor or circumstance). Each recommendation carries the reasons,
quoting the answers that led to it. The weights are nearer's own, documented in
docs/guidance.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nearer.core.guidance.words import (
    circumstance_reason,
    factor_reason,
    pattern_reason,
    pattern_words,
)
from nearer.core.instruments.connection_scoring import (
    Circumstance,
    ConnectionResult,
    FactorEvidence,
)
from nearer.core.knowledge import KnowledgeBase
from nearer.core.knowledge.records import CIRCUMSTANCES, Strategy

# docs/guidance.md, "Strategies, ranked": how well the audience fits the reader's role, the
# weight of each factor it addresses (likely counts double), each pattern it suits, and each
# circumstance it was written for, which counts most: a practice written for new parents
# beats a general one for a couple with a newborn.
AUDIENCE_FIT = {"exact": 3.0, "both": 2.0, "anyone": 1.5}
FACTOR_WEIGHT = {"likely": 3.0, "possible": 1.5}
PATTERN_WEIGHT = 2.0
CIRCUMSTANCE_WEIGHT = 4.0
# A partner who has said no to help together: joint practices drop down the list.
REFUSED_JOINT_PENALTY = 3.0
THIS_WEEK = 3
# At most this many joint steps in a week (one when the partner refuses help together), so
# a week is never made only of things that need the partner's agreement.
MAX_JOINT = 2
MAX_JOINT_WHEN_REFUSED = 1


@dataclass(frozen=True)
class Recommendation:
    strategy: Strategy
    score: float
    why: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        s = self.strategy
        return {
            "id": s.id,
            "name": s.name,
            "for": s.audience,
            "practice": s.practice,
            "summary": s.summary,
            "steps": list(s.steps),
            "minutes": s.minutes,
            "cadence": s.cadence,
            "score": round(self.score, 2),
            "why": list(self.why),
            "sources": list(s.sources),
        }


@dataclass(frozen=True)
class LeftOut:
    strategy: Strategy
    reason: str


def _owned(owner: str, whose: str | None) -> bool:
    """Whether a factor or circumstance belongs to the person a strategy is written for."""
    if owner == "either" or whose is None:
        return True
    return whose in (owner, "both")


def _circumstances(check: ConnectionResult, ids: Sequence[str], owner: str) -> list[Circumstance]:
    return [c for c in check.circumstances if c.id in ids and _owned(owner, c.whose)]


def _blocked(
    kb: KnowledgeBase,
    s: Strategy,
    check: ConnectionResult,
    patterns: set[str],
    factors: dict[str, FactorEvidence],
) -> str | None:
    """Why a strategy must not be offered here, or None."""
    blocked = sorted(set(s.avoid_patterns) & patterns)
    if blocked:
        if {"safety_concern", "partner_harm"} & set(blocked):
            return s.unsafe_note or "held back while there is a safety concern"
        return f"not suited when {pattern_words(blocked[0])}"
    avoided = [c for c in check.circumstances if c.id in s.avoid_circumstances]
    if avoided:
        return f"not suited to {CIRCUMSTANCES[avoided[0].id]}"
    clashes = [f for f in s.avoid_factors if f in factors and factors[f].likelihood == "likely"]
    if clashes:
        return f"not suited when {kb.factor(clashes[0]).name.lower()} is likely part of the picture"
    return None


def rank(
    kb: KnowledgeBase, check: ConnectionResult, patterns: set[str], role: str
) -> tuple[list[Recommendation], list[LeftOut]]:
    factors = {f.factor: f for f in check.factors}
    refused = check.has("partner_refuses_help")
    ranked: list[Recommendation] = []
    left_out: list[LeftOut] = []
    for s in kb.strategies:
        reason = _blocked(kb, s, check, patterns, factors)
        if reason is not None:
            left_out.append(LeftOut(s, reason))
            continue
        if s.audience in ("withdrawing", "reaching") and s.audience != role:
            continue
        needed = _circumstances(check, s.only_when, s.owner)
        if s.only_when and not needed:
            continue  # written for a circumstance these answers do not show
        fit = "exact" if s.audience == role else s.audience
        score = AUDIENCE_FIT.get(fit, 0.0)
        why: list[str] = []
        written_for = list(
            dict.fromkeys([*needed, *_circumstances(check, s.fits_circumstances, s.owner)])
        )
        score += CIRCUMSTANCE_WEIGHT * len(written_for)
        why.extend(circumstance_reason(c) for c in written_for[:2])
        matched = sorted(
            (
                factors[fid]
                for fid in s.fits_factors
                if fid in factors and _owned(s.owner, factors[fid].whose)
            ),
            key=lambda f: -f.score,
        )
        score += sum(FACTOR_WEIGHT[f.likelihood] for f in matched)
        why.extend(factor_reason(kb, f) for f in matched[: 2 if not written_for else 1])
        suited = [pid for pid in s.fits_patterns if pid in patterns]
        score += PATTERN_WEIGHT * len(suited)
        if suited and len(why) < 2:
            why.append(pattern_reason(check, suited))
        if s.owner != "either" and not (written_for or matched):
            continue  # written for the writer's (or the partner's) own factor or circumstance
        if not (written_for or matched or suited):
            if s.fits_factors or s.fits_patterns or s.fits_circumstances:
                continue  # written for situations these answers do not show
            why.append("a small, low-risk practice that supports closeness in most couples")
        if refused and s.audience == "both":
            score -= REFUSED_JOINT_PENALTY
        ranked.append(Recommendation(s, score, tuple(why)))
    ranked.sort(key=lambda r: (-r.score, r.strategy.minutes, r.strategy.id))
    return ranked, left_out


def this_week(
    ranked: Sequence[Recommendation],
    first: Sequence[Recommendation] = (),
    refused: bool = False,
) -> tuple[Recommendation, ...]:
    """This week's steps: ``first`` (professional help due now or soon), then the top
    strategies, one per kind of practice and with at most ``MAX_JOINT`` done together."""
    chosen: list[Recommendation] = list(first[:THIS_WEEK])
    seen = {r.strategy.practice for r in chosen}
    joint_limit = MAX_JOINT_WHEN_REFUSED if refused else MAX_JOINT
    joint = 0
    for r in ranked:
        if len(chosen) >= THIS_WEEK:
            break
        practice = r.strategy.practice
        if practice in seen or practice == "professional":
            continue
        if r.strategy.audience == "both":
            if joint >= joint_limit:
                continue
            joint += 1
        chosen.append(r)
        seen.add(practice)
    return tuple(chosen)
