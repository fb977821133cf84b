"""The only doors to stored objects: every view and API endpoint goes through these.

Each ``get_*_for_user`` returns the object the user may see or raises ``Http404``; each
``*_for_user`` query returns only what the user may see. A partner's private item and anything
belonging to another couple answer 404, never 403, so nothing leaks that it exists.

What a partner may see of someone's check-ins and plan comes out already cut to it, as typed
values without the private fields (``PartnerDay``, ``ReceivedAppreciation``, ``PartnerWeek``,
``PartnerStep``), so no caller has to remember to drop a note. ``current_user`` answers who
is asking, for pages and the API alike.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from nearer.web.accounts.models import ApiToken, User
from nearer.web.assessments.models import AssessmentResult, CheckDraft
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.checkins.summary import PartnerWeek, partner_week
from nearer.web.couples.models import Invitation, normalise_code
from nearer.web.insights.models import InsightHistory, InsightJob
from nearer.web.journal.models import JournalEntry
from nearer.web.plans.models import Plan, PlanSharing, PlanStep, Thanks
from nearer.web.reminders.models import Reminder, Sent
from nearer.web.safety.models import SafetyPlanRecord
from nearer.web.sharing.models import ShareLink


def current_user(request: HttpRequest) -> User:
    """Who is asking, for pages and the API alike: the bearer token's user when the API
    authenticated one, else the session's. Every view is behind a login check first."""
    user = getattr(request, "auth", None) or request.user
    if not isinstance(user, User):
        raise Http404("Log in first.")
    return user


Row = TypeVar("Row", bound=Model)


def _uuid(raw: object) -> uuid.UUID:
    try:
        return raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw))
    except ValueError:
        raise Http404("No such item.") from None


def _one(rows: QuerySet[Row], public_id: object, missing: str) -> Row:
    """The row of ``rows`` with this public id, or 404 saying ``missing``: the one way every
    getter below answers, so a partner's private item looks like one that does not exist."""
    found = rows.filter(public_id=_uuid(public_id)).first()
    if found is None:
        raise Http404(missing)
    return found


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
    return _one(checkins_for_user(user), public_id, "No such check-in.")


@dataclass(frozen=True)
class PartnerDay:
    """One of the partner's days cut to what they share: the appreciation always; the area,
    word and closeness only when they turned on daily sharing. There is no note field and
    no safety flag here, so no view can show them by mistake."""

    day: date
    appreciation: str
    quadrant: str | None
    feeling: str | None
    closeness: int | None


@dataclass(frozen=True)
class ReceivedAppreciation:
    """An appreciation the partner wrote for this user, and whether it was thanked."""

    id: uuid.UUID  # the check-in's public id: what a thank-you names
    day: date
    text: str
    author_name: str
    author_id: uuid.UUID
    thanked: bool


def _partner_rows(user: User) -> QuerySet[DailyCheckIn]:
    # Never returned: callers get PartnerDay, ReceivedAppreciation or PartnerWeek only.
    if user.couple_id is None:
        return DailyCheckIn.objects.none()
    return DailyCheckIn.objects.filter(couple_id=user.couple_id).exclude(author=user)


def partner_days_for_user(user: User, limit: int = 60) -> list[PartnerDay]:
    """The partner's days in the current couple, newest first, as they share them. Days
    with nothing to show (no appreciation and no daily sharing) are left out."""
    partner = user.partner
    detail = bool(partner is not None and partner.share_daily_detail)
    rows = _partner_rows(user)
    if not detail:
        rows = rows.exclude(appreciation="")
    fields_shown = ("day", "appreciation", "quadrant", "feeling", "closeness")
    return [
        PartnerDay(
            day=day,
            appreciation=appreciation,
            quadrant=quadrant if detail else None,
            feeling=feeling if detail else None,
            closeness=closeness if detail else None,
        )
        for day, appreciation, quadrant, feeling, closeness in rows.values_list(*fields_shown)[
            :limit
        ]
    ]


def appreciations_for_user(user: User, limit: int = 100) -> list[ReceivedAppreciation]:
    """Appreciations the partner wrote for this user, newest first."""
    rows = (
        _partner_rows(user)
        .exclude(appreciation="")
        .values_list(
            "pk", "public_id", "day", "appreciation", "author__display_name", "author__public_id"
        )[:limit]
    )
    found = list(rows)
    thanked = set(
        Thanks.objects.filter(thanked_by=user, checkin_id__in=[r[0] for r in found]).values_list(
            "checkin_id", flat=True
        )
    )
    return [
        ReceivedAppreciation(public_id, day, text, name, author_id, pk in thanked)
        for pk, public_id, day, text, name, author_id in found
    ]


def appreciation_count_for_user(user: User) -> int:
    """How many appreciations the partner wrote for this user: a count, no text."""
    return _partner_rows(user).exclude(appreciation="").count()


def get_appreciation_for_user(user: User, public_id: object) -> DailyCheckIn:
    """The partner's check-in whose appreciation this user may thank; 404 otherwise. Used
    only to attach a thank-you to it: its fields are not for display."""
    found = (
        _partner_rows(user)
        .exclude(appreciation="")
        .filter(public_id=_uuid(public_id))
        .only("pk", "author_id")
        .first()
    )
    if found is None:
        raise Http404("No such appreciation.")
    return found


def partner_week_for_user(user: User, start: date) -> PartnerWeek | None:
    """The partner's week as it may be shown (bands and words, from three check-ins on), or
    None when solo. The scores stay inside: only the banded summary comes out."""
    if user.partner is None:
        return None
    days = (
        _partner_rows(user)
        .filter(day__gte=start, day__lt=start + timedelta(days=7))
        .values_list("quadrant", "closeness")
    )
    return partner_week(start, list(days))


def thanks_received_for_user(user: User, since: date) -> list[str]:
    """Names of whoever thanked this user for an appreciation since ``since``: only the
    current partner (a former partner's thank-you is not news on the home page)."""
    if user.couple_id is None:
        return []
    return list(
        Thanks.objects.filter(
            checkin__author=user,
            thanked_by__couple_id=user.couple_id,
            created_at__date__gte=since,
        )
        .order_by("-created_at")
        .values_list("thanked_by__display_name", flat=True)
    )


def partner_checked_in_today(user: User, today: date) -> bool:
    """Whether the partner checked in today: a yes or no, never what they recorded."""
    return _partner_rows(user).filter(day=today).exists()


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
    return _one(entries_for_user(user), public_id, "No such journal entry.")


def get_own_entry_for_user(user: User, public_id: object) -> JournalEntry:
    """For editing and deleting: only the author may; a partner gets 404 like a stranger."""
    return _one(JournalEntry.objects.filter(author=user), public_id, "No such journal entry.")


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
    return _one(results_for_user(user), public_id, "No such result.")


def draft_for_user(user: User, instrument: str) -> CheckDraft | None:
    """The user's own unfinished check, if any. Drafts are never shared with anyone."""
    return CheckDraft.objects.filter(user=user, instrument=instrument).first()


def get_draft_for_user(user: User, public_id: object) -> CheckDraft:
    """A draft by id, for its owner only; the partner gets 404 like a stranger."""
    return _one(CheckDraft.objects.filter(user=user), public_id, "No such check in progress.")


# --- safety plan ---------------------------------------------------------------------


def safety_plan_for_user(user: User) -> SafetyPlanRecord | None:
    """The user's own safety plan, if they wrote one. Never anyone else's: no sharing."""
    return SafetyPlanRecord.objects.filter(user=user).first()


def get_safety_plan_for_user(user: User, public_id: object) -> SafetyPlanRecord:
    """A safety plan by id, for its author only; the partner gets 404 like a stranger."""
    return _one(SafetyPlanRecord.objects.filter(user=user), public_id, "No such safety plan.")


# --- insights (chat uploads) -----------------------------------------------------------


def insight_jobs_for_user(user: User) -> QuerySet[InsightJob]:
    """Upload jobs: only the uploader ever sees one (a partner gets 404 like a stranger)."""
    return InsightJob.objects.filter(owner=user)


def get_insight_job_for_user(user: User, public_id: object) -> InsightJob:
    return _one(insight_jobs_for_user(user), public_id, "No such upload.")


def insights_for_user(user: User) -> QuerySet[InsightHistory]:
    """The user's own chat insights and the partner's, if the partner shared them in the
    current couple."""
    return InsightHistory.objects.filter(Q(owner=user) | shared_with_couple(user))


def shared_with_couple(user: User) -> Q:
    """Insights the partner shared in this user's current couple (nothing when solo)."""
    if user.couple_id is None:
        return Q(pk__in=[])
    return Q(shared=True, couple_id=user.couple_id) & ~Q(owner=user)


def get_insights_for_user(user: User, public_id: object) -> InsightHistory:
    return _one(insights_for_user(user), public_id, "No such insights.")


def get_own_insights_for_user(user: User, public_id: object) -> InsightHistory:
    """For sharing and deleting: only the uploader may."""
    return _one(InsightHistory.objects.filter(owner=user), public_id, "No such insights.")


# --- plans ---------------------------------------------------------------------------


def plans_for_user(user: User) -> QuerySet[Plan]:
    """The user's own plans, newest first. A plan is never shown to anyone else."""
    return Plan.objects.filter(user=user)


def latest_plan_for_user(user: User) -> Plan | None:
    return plans_for_user(user).first()


def get_step_for_user(user: User, public_id: object) -> PlanStep:
    """A step of one of the user's own plans; the partner gets 404 like a stranger, also
    for a step meant for both (they mark their own copy in their own plan)."""
    found = (
        PlanStep.objects.filter(plan__user=user, public_id=_uuid(public_id))
        .select_related("plan")
        .first()
    )
    if found is None:
        raise Http404("No such step.")
    return found


def declined_strategies_for_user(user: User) -> dict[str, str]:
    """Strategies this user marked "not for us", with the latest reason given."""
    rows = (
        PlanStep.objects.filter(plan__user=user, status="not_for_us")
        .order_by("updated_at")
        .values_list("strategy_id", "reason")
    )
    return dict(rows)


def shares_joint_steps(user: User) -> bool:
    found = PlanSharing.objects.filter(user=user).first()
    return bool(found and found.share_joint_steps)


@dataclass(frozen=True)
class PartnerStep:
    """A step of the partner's plan meant for both of you, without the reasons (which quote
    the partner's answers)."""

    name: str
    summary: str
    actions: tuple[str, ...]
    minutes: int
    done: bool
    in_your_plan: bool  # the same practice is one of your own steps this week


def partner_joint_steps_for_user(user: User) -> list[PartnerStep] | None:
    """The partner's steps meant for both, once both have a plan and both agreed to share;
    None until then. Never their other steps, reasons or help."""
    partner = user.partner
    if partner is None or user.couple_id is None:
        return None
    if not (shares_joint_steps(user) and shares_joint_steps(partner)):
        return None
    mine = latest_plan_for_user(user)
    theirs = latest_plan_for_user(partner)
    if mine is None or theirs is None:
        return None
    own = set(mine.steps.values_list("strategy_id", flat=True))
    rows = theirs.steps.filter(audience="both").exclude(status="not_for_us")
    return [
        PartnerStep(
            name=s.name,
            summary=s.summary,
            actions=tuple(str(a) for a in s.actions),
            minutes=s.minutes,
            done=s.status == "done",
            in_your_plan=s.strategy_id in own,
        )
        for s in rows
    ]


# --- invitations -----------------------------------------------------------------------


def get_invitation_by_code(code: str) -> Invitation:
    """The code is the secret: anyone holding a usable code may accept it, nobody else."""
    found = Invitation.objects.select_related("inviter").filter(code=normalise_code(code)).first()
    if found is None or not found.usable:
        raise Http404("No such invitation.")
    return found


# --- reminders ------------------------------------------------------------------------


def reminders_for_user(user: User) -> QuerySet[Reminder]:
    """The user's own reminders. Nobody else's reminders are ever read or changed."""
    return Reminder.objects.filter(user=user)


def get_reminder_for_user(user: User, public_id: object) -> Reminder:
    return _one(reminders_for_user(user), public_id, "No such reminder.")


def get_notice_for_user(user: User, public_id: object) -> Sent:
    """One in-app reminder shown to this user (to dismiss it)."""
    return _one(Sent.objects.filter(reminder__user=user), public_id, "No such reminder.")


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
    check_drafts: QuerySet[CheckDraft]
    invitations: QuerySet[Invitation]
    api_tokens: QuerySet[ApiToken]
    safety_plans: QuerySet[SafetyPlanRecord]
    insight_jobs: QuerySet[InsightJob]
    insight_histories: QuerySet[InsightHistory]
    plan_steps: QuerySet[PlanStep]  # before plans, so deletion counts them itself
    plans: QuerySet[Plan]
    plan_sharing: QuerySet[PlanSharing]
    thanks: QuerySet[Thanks]
    # Their openings (ShareAccess) go with each link (CASCADE) and are exported inside it.
    share_links: QuerySet[ShareLink]
    # What was sent (Sent) goes with each reminder (CASCADE).
    reminders: QuerySet[Reminder]

    def items(self) -> list[tuple[str, QuerySet[Any]]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def own_rows_for_user(user: User) -> OwnRows:
    """Only rows this user authored or made; nothing of the partner's, shared or not."""
    return OwnRows(
        daily_checkins=DailyCheckIn.objects.filter(author=user).order_by("day", "created_at"),
        weekly_talks=WeeklyCheckIn.objects.filter(recorded_by=user).order_by("done_at"),
        journal_entries=JournalEntry.objects.filter(author=user).order_by("created_at"),
        assessment_results=AssessmentResult.objects.filter(user=user).order_by("taken_at"),
        check_drafts=CheckDraft.objects.filter(user=user).order_by("started_at"),
        invitations=Invitation.objects.filter(inviter=user).order_by("created_at"),
        api_tokens=ApiToken.objects.filter(user=user).order_by("created_at"),
        safety_plans=SafetyPlanRecord.objects.filter(user=user).order_by("created_at"),
        insight_jobs=InsightJob.objects.filter(owner=user).order_by("created_at"),
        insight_histories=InsightHistory.objects.filter(owner=user),
        plan_steps=PlanStep.objects.filter(plan__user=user).order_by("plan__built_at", "position"),
        plans=Plan.objects.filter(user=user).order_by("built_at", "pk"),
        plan_sharing=PlanSharing.objects.filter(user=user),
        thanks=Thanks.objects.filter(thanked_by=user).order_by("created_at"),
        share_links=ShareLink.objects.filter(owner=user).order_by("created_at"),
        reminders=Reminder.objects.filter(user=user).order_by("kind"),
    )
