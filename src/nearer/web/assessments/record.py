"""Taking an assessment and the perception gap, shared by the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nearer.core.assessment.compare import Comparison, compare
from nearer.core.instruments.connection_check import definition
from nearer.core.instruments.connection_scoring import score_connection_check
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.assessments import gap_words
from nearer.web.assessments.instruments import CONNECTION_CHECK, score
from nearer.web.assessments.models import AssessmentResult
from nearer.web.safety.alerts import summary


def save_result(
    user: User, instrument_id: str, answers: dict[str, Any], shared: bool
) -> AssessmentResult:
    """Score (raising ``AnswerError`` on bad answers, so nothing is saved) and store."""
    scored = score(instrument_id, answers)
    sharing = shared and user.couple_id is not None
    return AssessmentResult.objects.create(
        user=user,
        instrument=instrument_id,
        answers=scored.answers,
        private_answers=scored.private,
        safety=summary(scored.alerts) or {},
        result=scored.result,
        safety_alert=scored.safety_alert,
        shared=sharing,
        couple_id=user.couple_id if sharing else None,
    )


def set_shared(user: User, result: AssessmentResult, shared: bool) -> None:
    result.shared = shared and user.couple_id is not None
    result.couple_id = user.couple_id if result.shared else None
    result.save(update_fields=["shared", "couple"])


@dataclass(frozen=True)
class GapState:
    """Either the comparison, or what is still missing before it can be shown."""

    comparison: Comparison | None
    missing: str | None
    areas: tuple[gap_words.AreaGap, ...] = ()
    summary: tuple[str, ...] = ()
    cycle: tuple[str, ...] = ()
    overall: tuple[gap_words.AreaGap, ...] = ()

    @property
    def alike(self) -> list[str]:
        """The areas where you see each other much as you see yourselves."""
        return [a.title.lower() for a in self.areas if not a.notable]


def perception_gap(user: User) -> GapState:
    partner = user.partner
    if partner is None or user.couple_id is None:
        return GapState(None, "The perception gap needs a partner: invite yours first.")
    mine = (
        access.results_for_user(user)
        .filter(instrument=CONNECTION_CHECK, shared=True, couple_id=user.couple_id)
        .first()
    )
    theirs = access.shared_results_for_user(user).filter(instrument=CONNECTION_CHECK).first()
    if mine is None and theirs is None:
        return GapState(None, "Neither of you has shared a Connection Check yet.")
    if mine is None:
        return GapState(
            None,
            f"{partner.display_name} has shared theirs. Take the Connection Check and tick "
            "“Share this result with my partner” to see the gap.",
        )
    if theirs is None:
        return GapState(
            None,
            f"You have shared yours. When {partner.display_name} takes it and agrees to "
            "share, the gap shows here.",
        )
    my_check = score_connection_check(mine.answers)
    their_check = score_connection_check(theirs.answers)
    # The reader first, so that "you" is always the person looking at the page.
    both = compare(my_check, their_check, names=(user.display_name, partner.display_name))
    intros = {d.id: d.intro for d in definition().domains}
    areas = gap_words.area_gaps(both, intros)
    overall = gap_words.area_gaps(
        Comparison(both.names, both.overall, both.overall, both.cycle_views, both.summary), {}
    )
    return GapState(
        both,
        None,
        areas,
        gap_words.summary(areas, partner.display_name),
        gap_words.cycle_views(my_check, their_check, partner.display_name),
        overall,
    )
