"""The early warning one person sees, built only from what that person may already see.

Their own check-ins count in full. The partner's enter as the partner shares them: daily
feeling and closeness when the partner turned on daily detail, otherwise only the weekly
summary that the home page already shows (days checked in, average closeness), plus the
appreciations written for this person. Message counts come from a chat history the person
uploaded, or one the partner shared with them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from nearer.core.drift import Day, Person, WeekSeen, early_warning
from nearer.core.drift.detect import LOOKBACK_DAYS
from nearer.core.drift.words import Summary, summary_for
from nearer.core.instruments.connection_check import INSTRUMENT_ID as CHECK_ID
from nearer.web import access, vocab
from nearer.web.accounts.models import User
from nearer.web.assessments.models import AssessmentResult
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.checkins.summary import CLOSENESS_BANDS, week_start
from nearer.web.insights.models import InsightHistory
from nearer.web.journal.models import JournalEntry

SAFETY_LOOKBACK_DAYS = 90


class _CheckInDay(Protocol):
    """What a day needs to enter the warning: one's own check-in or a partner's shared day
    (``access.PartnerDay``, whose closeness and feeling are None when not shared)."""

    @property
    def day(self) -> date: ...
    @property
    def closeness(self) -> int | None: ...
    @property
    def feeling(self) -> str | None: ...
    @property
    def appreciation(self) -> str: ...


def _days(rows: Iterable[_CheckInDay]) -> list[Day]:
    out = []
    for r in rows:
        if r.closeness is None:
            continue
        feeling = vocab.lookup(r.feeling or "")
        out.append(
            Day(
                day=r.day,
                closeness=r.closeness,
                pleasantness=feeling.pleasantness if feeling else None,
                energy=feeling.energy if feeling else None,
                appreciation=bool(r.appreciation),
            )
        )
    return out


def _weeks_seen(user: User, since: date, today: date) -> list[WeekSeen]:
    """The partner's weeks as the weekly summary shows them to ``user``: a closeness band
    (read as the band's middle) once the week has enough check-ins, nothing before; never
    the partner's own figures (docs/privacy.md)."""
    middle = {words: (low + high) / 2 for low, high, words in CLOSENESS_BANDS}
    received = [a.day for a in access.appreciations_for_user(user, limit=1000)]
    weeks: list[WeekSeen] = []
    start = week_start(since)
    while start <= today:
        end = start + timedelta(days=7)
        shown = access.partner_week_for_user(user, start)
        if shown is not None and shown.shown and shown.closeness in middle:
            weeks.append(
                WeekSeen(
                    start=start,
                    # How many check-ins a shown week holds is not shown (at least
                    # MIN_PARTNER_CHECKINS): the band counts as the whole week's, and a week
                    # not shown is a gap, as a holiday is, not a fall in check-ins.
                    days_checked_in=7,
                    average_closeness=middle[shown.closeness],
                    appreciations=sum(start <= day < end for day in received),
                )
            )
        start = end
    return weeks


def visible_history(user: User) -> InsightHistory | None:
    """The chat history whose message counts this user may use: their own, else the one the
    partner shared with them."""
    own = InsightHistory.objects.filter(owner=user).first()
    if own is not None:
        return own
    return access_shared_history(user)


def access_shared_history(user: User) -> InsightHistory | None:
    if user.couple_id is None:
        return None
    return (
        InsightHistory.objects.filter(shared=True, couple_id=user.couple_id)
        .exclude(owner=user)
        .first()
    )


def _messages(history: InsightHistory | None, user: User) -> tuple[dict[date, float], ...]:
    """Weekly message counts (mine, partner's) from the history, if any."""
    if history is None:
        return {}, {}
    mine_side = "a" if history.owner_id == user.pk else "b"
    mine: dict[date, float] = {}
    theirs: dict[date, float] = {}
    for week in history.weeks.all():
        a = week.person_a.get("messages")
        b = week.person_b.get("messages")
        if a is None or b is None:
            continue
        mine[week.week_start], theirs[week.week_start] = (a, b) if mine_side == "a" else (b, a)
    return mine, theirs


def safety_concern(user: User, today: date) -> bool:
    since = timezone.now() - timedelta(days=SAFETY_LOOKBACK_DAYS)
    return (
        JournalEntry.objects.filter(author=user, safety_alert=True, created_at__gte=since).exists()
        or AssessmentResult.objects.filter(
            Q(user=user) & Q(safety_alert=True) & Q(taken_at__gte=since)
        ).exists()
    )


def _cache_key(user: User, today: date) -> str:
    """Changes whenever anything the warning reads changes: check-ins (either partner's),
    sharing, chat insights, safety flags. Computing the warning costs tens of milliseconds,
    looking up the key a few small queries."""
    partner = user.partner
    people = [user.pk] + ([partner.pk] if partner is not None else [])
    checkins = DailyCheckIn.objects.filter(author_id__in=people).aggregate(
        n=Count("id"), last=Max("created_at")
    )
    history = visible_history(user)
    parts = [
        user.pk,
        today.isoformat(),
        checkins["n"],
        checkins["last"],
        partner.pk if partner else None,
        partner.share_daily_detail if partner else None,
        history.updated_at if history else None,
        history.pk if history else None,
        safety_concern(user, today),
        AssessmentResult.objects.filter(user=user).count(),
    ]
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return f"nearer-early-warning-{digest}"


@dataclass(frozen=True)
class ShownWarning:
    """The summary with the page its next step links to."""

    summary: Summary
    step_url: str

    @property
    def status(self) -> str:
        return self.summary.status

    @property
    def headline(self) -> str:
        return self.summary.headline

    @property
    def evidence(self) -> list[str]:
        return self.summary.evidence

    @property
    def next_step(self) -> str:
        return self.summary.next_step

    @property
    def step_text(self) -> str:
        return self.summary.step_text

    @property
    def began(self) -> date | None:
        return self.summary.began


def _step_url(user: User, step: str) -> str:
    if step == "plan-step":
        latest = (
            AssessmentResult.objects.filter(user=user, instrument=CHECK_ID)
            .order_by("-taken_at")
            .first()
        )
        if latest is not None:  # the plan is on the check's result page
            return reverse("assessments:result", args=[latest.public_id])
        return reverse("assessments:take", args=[CHECK_ID])
    return {
        "weekly-talk": reverse("checkins:weekly"),
        "connection-check": reverse("assessments:take", args=[CHECK_ID]),
        "help": reverse("help"),
    }.get(step, reverse("checkins:today"))


def summary_for_user(user: User, today: date | None = None) -> ShownWarning:
    """The early warning ``user`` sees today (cached until something it reads changes)."""
    today = today or timezone.localdate()
    key = _cache_key(user, today)
    found = cache.get(key)
    if not isinstance(found, Summary):
        found = _compute(user, today)
        cache.set(key, found, 24 * 3600)
    return ShownWarning(found, _step_url(user, found.next_step))


def _compute(user: User, today: date) -> Summary:
    since = today - timedelta(days=LOOKBACK_DAYS)
    own = access.checkins_for_user(user).filter(day__gte=since, day__lte=today)
    history = visible_history(user)
    mine_messages, their_messages = _messages(history, user)
    me = Person("me", _days(own), (), mine_messages)
    people = [me]
    names = {"me": "you"}
    partner = user.partner
    if partner is not None:
        if partner.share_daily_detail:
            # Their appreciations are written for this person: they count.
            shared = [
                d
                for d in access.partner_days_for_user(user, limit=LOOKBACK_DAYS)
                if since <= d.day <= today
            ]
            them = Person("partner", _days(shared), (), their_messages)
        else:
            them = Person("partner", (), _weeks_seen(user, since, today), their_messages)
        people.append(them)
        names["partner"] = partner.display_name
    warning = early_warning(people, today)
    has_plan = AssessmentResult.objects.filter(user=user, instrument=CHECK_ID).exists()
    return summary_for(
        warning,
        "me",
        names,
        safety_concern=safety_concern(user, today),
        has_plan=has_plan,
    )
