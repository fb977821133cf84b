"""One exported record back into unsaved rows, kind by kind, for ``importing``.

Each builder checks the record (a bad id, time or field is ``ImportRefused`` naming the
record) and returns the unsaved row with its children (a plan's steps, the weeks of chat
insights). Nothing here writes: ``importing`` decides what is added.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Model
from django.utils.dateparse import parse_date, parse_datetime

from nearer.core.errors import NearerError
from nearer.web.accounts.models import User
from nearer.web.assessments.models import AssessmentResult, CheckDraft
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.insights.models import InsightHistory, InsightJob, InsightWeek
from nearer.web.journal.models import JournalEntry
from nearer.web.plans.models import STEP_STATUSES, Plan, PlanStep, Thanks
from nearer.web.safety.models import SafetyPlanRecord

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_STEP_STATUSES = {value for value, _ in STEP_STATUSES}
# An upload still waiting or running when exported: its file stayed on the first install,
# so here it can only be a failed upload that says what to do.
UPLOAD_LEFT_BEHIND = "The chat file stayed on the nearer this was exported from. Upload it again."


class ImportRefused(NearerError):
    """The file is not a nearer export this nearer can read; nothing was written."""


@dataclass
class Built:
    """An unsaved row, the field that names its owner, and its unsaved children (saved
    after it, pointing at it through ``parent_field``)."""

    row: Model
    owner_field: str
    children: list[Model] = field(default_factory=list)
    parent_field: str = ""


def as_uuid(value: Any, where: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ImportRefused(f"{where} has a bad id {value!r}. Download the export again.") from None


def when(value: Any, where: str) -> datetime:
    found = parse_datetime(str(value)) if isinstance(value, str) else None
    if found is None:
        raise ImportRefused(f"{where} has a bad time {value!r}. Download the export again.")
    return found


def maybe_when(value: Any, where: str) -> datetime | None:
    return None if value is None else when(value, where)


def day(value: Any, where: str) -> date:
    found = parse_date(str(value)) if isinstance(value, str) else None
    if found is None:
        raise ImportRefused(f"{where} has a bad day {value!r}. Download the export again.")
    return found


def records(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    rows = document.get(kind) or []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ImportRefused(f"The export's {kind} are not a list of records. Export again.")
    return rows


def _daily(row: dict[str, Any], user: User, where: str) -> Built:
    return Built(
        DailyCheckIn(
            public_id=as_uuid(row.get("id"), where),
            author=user,
            day=day(row["day"], where),
            quadrant=str(row["quadrant"]),
            feeling=str(row["feeling"]),
            closeness=int(row["closeness"]),
            appreciation=str(row.get("appreciation") or ""),
            private_note=str(row.get("private_note") or ""),
            safety_alert=bool(row.get("safety_alert")),
            created_at=when(row["created_at"], where),
        ),
        "author",
    )


def _weekly(row: dict[str, Any], user: User, where: str) -> Built:
    return Built(
        WeeklyCheckIn(
            public_id=as_uuid(row.get("id"), where),
            recorded_by=user,
            done_at=when(row["done_at"], where),
            minutes=int(row["minutes"]),
            note=str(row.get("note") or ""),
            safety_alert=bool(row.get("safety_alert")),
        ),
        "recorded_by",
    )


def _journal(row: dict[str, Any], user: User, where: str) -> Built:
    return Built(
        JournalEntry(
            public_id=as_uuid(row.get("id"), where),
            author=user,
            text=str(row["text"]),
            feelings=list(row.get("feelings") or []),
            situations=list(row.get("situations") or []),
            triggers=list(row.get("triggers") or []),
            shared=False,
            safety_alert=bool(row.get("safety_alert")),
            created_at=when(row["created_at"], where),
        ),
        "author",
    )


def _result(row: dict[str, Any], user: User, where: str) -> Built:
    return Built(
        AssessmentResult(
            public_id=as_uuid(row.get("id"), where),
            user=user,
            instrument=str(row["instrument"]),
            answers=dict(row.get("answers") or {}),
            private_answers=dict(row.get("private_answers") or {}),
            safety=dict(row.get("safety") or {}),
            result=dict(row.get("result") or {}),
            shared=False,
            safety_alert=bool(row.get("safety_alert")),
            taken_at=when(row["taken_at"], where),
        ),
        "user",
    )


def _draft(row: dict[str, Any], user: User, where: str) -> Built:
    return Built(
        CheckDraft(
            public_id=as_uuid(row.get("id"), where),
            user=user,
            instrument=str(row["instrument"]),
            answers=dict(row.get("answers") or {}),
            screen=int(row.get("screen") or 0),
            started_at=when(row["started_at"], where),
        ),
        "user",
    )


def _safety_plan(row: dict[str, Any], user: User, where: str) -> Built:
    return Built(
        SafetyPlanRecord(
            public_id=as_uuid(row.get("id"), where),
            user=user,
            sections=dict(row.get("sections") or {}),
            country=str(row.get("country") or ""),
            created_at=when(row["created_at"], where),
            updated_at=when(row["updated_at"], where),
        ),
        "user",
    )


def _upload(row: dict[str, Any], user: User, where: str) -> Built:
    status = str(row["status"])
    if status not in {s for s, _ in InsightJob.STATUSES}:
        raise ImportRefused(f"{where} has an unknown status {status!r}. Download the export again.")
    error = str(row.get("error") or "")
    finished = maybe_when(row.get("finished_at"), where)
    created = when(row["created_at"], where)
    if status in (InsightJob.QUEUED, InsightJob.RUNNING):
        status, error, finished = InsightJob.FAILED, UPLOAD_LEFT_BEHIND, finished or created
    return Built(
        InsightJob(
            public_id=as_uuid(row.get("id"), where),
            owner=user,
            status=status,
            stage="done" if status == InsightJob.DONE else "failed",
            error=error[:600],
            size_bytes=int(row.get("size_bytes") or 0),
            created_at=created,
            finished_at=finished,
        ),
        "owner",
    )


def _week_start(week: str, where: str) -> date:
    found = _ISO_WEEK.match(week)
    try:
        if found is None:
            raise ValueError(week)
        return date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        raise ImportRefused(
            f"{where} has a bad week {week!r}. Download the export again."
        ) from None


def _insights(row: dict[str, Any], user: User, where: str) -> Built:
    people = list(row.get("people") or [])
    if len(people) != 2:
        raise ImportRefused(f"{where} does not name two people. Download the export again.")
    weeks: list[Model] = []
    totals = [0, 0]
    for w in row.get("weeks") or []:
        figures = list(w.get("people") or [{}, {}])
        if len(figures) != 2 or not all(isinstance(f, dict) for f in figures):
            raise ImportRefused(f"{where} has a bad week. Download the export again.")
        for n in (0, 1):
            totals[n] += int(figures[n].get("messages") or 0)
        week = str(w["week"])
        weeks.append(
            InsightWeek(
                week=week,
                week_start=_week_start(week, where),
                person_a=figures[0],
                person_b=figures[1],
                couple=dict(w.get("couple") or {}),
            )
        )
    history = InsightHistory(
        public_id=as_uuid(row.get("id"), where),
        owner=user,
        shared=False,
        name_a=str(people[0])[:80],
        name_b=str(people[1])[:80],
        redacted=bool(row.get("redacted")),
        chat_format=str(row["format"]),
        first_day=day(row["first_day"], where),
        last_day=day(row["last_day"], where),
        messages_a=totals[0],
        messages_b=totals[1],
        pattern=str(row.get("pattern") or ""),
        signals=list(row.get("signals") or []),
        totals=list(row.get("totals") or []),
        metrics=dict(row.get("metrics") or {}),
        caveats=list(row.get("caveats") or []),
        emotion_model=bool(row.get("emotion_model")),
        uploads=int(row.get("uploads") or 0),
        safety=row.get("safety") if isinstance(row.get("safety"), dict) else None,
    )
    if row.get("updated_at") is not None:
        history.updated_at = when(row["updated_at"], where)
    return Built(history, "owner", weeks, "history")


def _plan(row: dict[str, Any], user: User, where: str) -> Built:
    steps: list[Model] = []
    for n, s in enumerate(row.get("steps") or [], start=1):
        status = str(s.get("status", ""))
        if status not in _STEP_STATUSES:
            raise ImportRefused(f"{where} has a step with status {status!r}. Export again.")
        steps.append(
            PlanStep(
                public_id=as_uuid(s.get("id"), where),
                position=n,
                strategy_id=str(s["strategy"]),
                name=str(s["name"]),
                audience=str(s.get("audience") or "anyone"),
                practice=str(s.get("practice") or ""),
                summary=str(s.get("summary") or ""),
                actions=list(s.get("actions") or []),
                why=list(s.get("why") or []),
                minutes=int(s.get("minutes") or 0),
                status=status,
                reason=str(s.get("reason") or ""),
                updated_at=when(s["updated_at"], where),
            )
        )
    plan = Plan(
        public_id=as_uuid(row.get("id"), where),
        user=user,
        week_start=day(row["week_start"], where),
        built_at=when(row["built_at"], where),
        basis=dict(row.get("basis") or {}),
        content=dict(row.get("content") or {}),
        changes=list(row.get("changes") or []),
        safety_alert=bool(row.get("safety_alert")),
        safety=dict(row.get("safety") or {}),
    )
    return Built(plan, "user", steps, "plan")


def partner_checkin(user: User, appreciation: Any, where: str) -> DailyCheckIn | None:
    """The partner's check-in a thank-you was for, when it is here and its author is this
    person's partner now; else None (the thank-you waits: never attached to someone else)."""
    key = as_uuid(appreciation, where)
    if user.pk is None or user.couple_id is None:
        return None
    return (
        DailyCheckIn.objects.filter(public_id=key, author__couple_id=user.couple_id)
        .exclude(author=user)
        .exclude(appreciation="")
        .first()
    )


def _thanks(row: dict[str, Any], user: User, where: str) -> Built:
    found = Thanks(
        public_id=as_uuid(row.get("id"), where),
        thanked_by=user,
        created_at=when(row["created_at"], where),
    )
    if "appreciation" in row:
        checkin = partner_checkin(user, row["appreciation"], where)
        if checkin is not None:
            found.checkin = checkin
    return Built(found, "thanked_by")


BUILDERS: dict[str, Callable[[dict[str, Any], User, str], Built]] = {
    "daily_checkins": _daily,
    "weekly_talks": _weekly,
    "journal_entries": _journal,
    "assessment_results": _result,
    "check_drafts": _draft,
    "safety_plans": _safety_plan,
    "insight_uploads": _upload,
    "chat_insights": _insights,
    "plans": _plan,
    "thanks_given": _thanks,
}


def build(kind: str, row: dict[str, Any], user: User, n: int) -> Built:
    """The unsaved rows for one exported record (its couple left empty, private)."""
    where = f"{kind} record {n}"
    try:
        return BUILDERS[kind](row, user, where)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ImportRefused(f"{where} is incomplete ({exc}). Download the export again.") from None
