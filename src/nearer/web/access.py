"""The only doors to stored objects: every view and API endpoint goes through these.

Each ``get_*_for_user`` returns the object the user may see or raises ``Http404``; each
``*_for_user`` query returns only what the user may see. A partner's private item and anything
belonging to another couple answer 404, never 403, so nothing leaks that it exists.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404

from nearer.web.accounts.models import ApiToken
from nearer.web.assessments.models import AssessmentResult
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.couples.models import Invitation, normalise_code
from nearer.web.journal.models import JournalEntry
from nearer.web.safety.models import SafetyPlanRecord
from nearer.web.sharing.models import ShareLink

if TYPE_CHECKING:
    from nearer.web.accounts.models import User


def _uuid(raw: object) -> uuid.UUID:
    try:
        return raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw))
    except ValueError:
        raise Http404("No such item.") from None


def shared_with(user: User) -> Q:
    """Items the partner shared in this user's current couple (nothing when solo)."""
    if user.couple_id is None:
        return Q(pk__in=[])
    return Q(shared=True, couple_id=user.couple_id) & ~Q(author=user)


# --- check-ins -------------------------------------------------------------------------


def checkins_for_user(user: User) -> QuerySet[DailyCheckIn]:
    """The user's own daily check-ins (notes included): only the author sees these rows."""
    return DailyCheckIn.objects.filter(author=user)


def get_checkin_for_user(user: User, public_id: object) -> DailyCheckIn:
    found = checkins_for_user(user).filter(public_id=_uuid(public_id)).first()
    if found is None:
        raise Http404("No such check-in.")
    return found


def partner_checkins_for_user(user: User) -> QuerySet[DailyCheckIn]:
    """The partner's check-ins from the current couple. Views take from these rows only what
    the partner chose to share (appreciations; feeling and closeness if they opted in)."""
    if user.couple_id is None:
        return DailyCheckIn.objects.none()
    return DailyCheckIn.objects.filter(couple_id=user.couple_id).exclude(author=user)


def appreciations_for_user(user: User) -> QuerySet[DailyCheckIn]:
    """Check-ins whose appreciation the partner wrote for this user."""
    return partner_checkins_for_user(user).exclude(appreciation="")


def weekly_for_user(user: User) -> QuerySet[WeeklyCheckIn]:
    """Weekly talks this user recorded, or that were recorded in the user's current couple."""
    mine = Q(recorded_by=user)
    if user.couple_id is not None:
        mine |= Q(couple_id=user.couple_id)
    return WeeklyCheckIn.objects.filter(mine)


# --- journal ---------------------------------------------------------------------------


def entries_for_user(user: User) -> QuerySet[JournalEntry]:
    """The user's own entries and the partner's entries shared in the current couple."""
    return JournalEntry.objects.filter(Q(author=user) | shared_with(user)).select_related("author")


def get_entry_for_user(user: User, public_id: object) -> JournalEntry:
    found = entries_for_user(user).filter(public_id=_uuid(public_id)).first()
    if found is None:
        raise Http404("No such journal entry.")
    return found


def get_own_entry_for_user(user: User, public_id: object) -> JournalEntry:
    """For editing and deleting: only the author may; a partner gets 404 like a stranger."""
    found = JournalEntry.objects.filter(author=user, public_id=_uuid(public_id)).first()
    if found is None:
        raise Http404("No such journal entry.")
    return found


# --- assessments -----------------------------------------------------------------------


def results_for_user(user: User) -> QuerySet[AssessmentResult]:
    return AssessmentResult.objects.filter(user=user)


def shared_results_for_user(user: User) -> QuerySet[AssessmentResult]:
    """The partner's results that they agreed to share in the current couple."""
    if user.couple_id is None:
        return AssessmentResult.objects.none()
    return AssessmentResult.objects.filter(shared=True, couple_id=user.couple_id).exclude(user=user)


def get_result_for_user(user: User, public_id: object) -> AssessmentResult:
    key = _uuid(public_id)
    found = (
        results_for_user(user).filter(public_id=key).first()
        or shared_results_for_user(user).filter(public_id=key).first()
    )
    if found is None:
        raise Http404("No such result.")
    return found


def get_own_result_for_user(user: User, public_id: object) -> AssessmentResult:
    found = results_for_user(user).filter(public_id=_uuid(public_id)).first()
    if found is None:
        raise Http404("No such result.")
    return found


# --- safety plan ---------------------------------------------------------------------


def safety_plan_for_user(user: User) -> SafetyPlanRecord | None:
    """The user's own safety plan, if they wrote one. Never anyone else's: no sharing."""
    return SafetyPlanRecord.objects.filter(user=user).first()


def get_safety_plan_for_user(user: User, public_id: object) -> SafetyPlanRecord:
    """A safety plan by id, for its author only; the partner gets 404 like a stranger."""
    found = SafetyPlanRecord.objects.filter(user=user, public_id=_uuid(public_id)).first()
    if found is None:
        raise Http404("No such safety plan.")
    return found


# --- invitations -----------------------------------------------------------------------


def get_invitation_by_code(code: str) -> Invitation:
    """The code is the secret: anyone holding a usable code may accept it, nobody else."""
    found = Invitation.objects.select_related("inviter").filter(code=normalise_code(code)).first()
    if found is None or not found.usable:
        raise Http404("No such invitation.")
    return found


# --- everything one person owns (export and account deletion) --------------------------


@dataclass(frozen=True)
class OwnRows:
    """Every stored row that belongs to one person, one query per model.

    Export and deletion both read this one list, so what a person can download is exactly
    what deleting their account removes. A test walks every model with a key to User and
    fails when one is missing here.
    """

    daily_checkins: QuerySet[DailyCheckIn]
    weekly_talks: QuerySet[WeeklyCheckIn]
    journal_entries: QuerySet[JournalEntry]
    assessment_results: QuerySet[AssessmentResult]
    invitations: QuerySet[Invitation]
    api_tokens: QuerySet[ApiToken]
    safety_plans: QuerySet[SafetyPlanRecord]
    # Their openings (ShareAccess) go with each link (CASCADE) and are exported inside it.
    share_links: QuerySet[ShareLink]

    def items(self) -> list[tuple[str, QuerySet[Any]]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def own_rows_for_user(user: User) -> OwnRows:
    """Only rows this user authored or made; nothing of the partner's, shared or not."""
    return OwnRows(
        daily_checkins=DailyCheckIn.objects.filter(author=user).order_by("day", "created_at"),
        weekly_talks=WeeklyCheckIn.objects.filter(recorded_by=user).order_by("done_at"),
        journal_entries=JournalEntry.objects.filter(author=user).order_by("created_at"),
        assessment_results=AssessmentResult.objects.filter(user=user).order_by("taken_at"),
        invitations=Invitation.objects.filter(inviter=user).order_by("created_at"),
        api_tokens=ApiToken.objects.filter(user=user).order_by("created_at"),
        safety_plans=SafetyPlanRecord.objects.filter(user=user).order_by("created_at"),
        share_links=ShareLink.objects.filter(owner=user).order_by("created_at"),
    )
