"""Bringing an export (the zip or its JSON document) into this nearer.

``read_export`` checks the file is a nearer export of a version this nearer reads;
``plan_import`` says what would be added without writing; ``apply_import`` adds it. Rows are
matched by their public ids, so running an import twice adds nothing the second time.

What does not travel: the couple (the two people pair again here), invitations, API tokens
and share links (their secrets were never exported, so they could not work here). Items that
were shared with the partner arrive private, as after unpairing.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.db import transaction
from django.db.models import Model
from django.utils.dateparse import parse_date, parse_datetime

from nearer.core.errors import NearerError
from nearer.web.accounts.export import EXPORT_FORMAT, EXPORT_VERSION
from nearer.web.accounts.export_zip import DOCUMENT
from nearer.web.accounts.models import User
from nearer.web.assessments.models import AssessmentResult
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.journal.models import JournalEntry
from nearer.web.safety.models import SafetyPlanRecord

# Kinds that are carried, in the order they are added.
CARRIED = (
    "daily_checkins",
    "weekly_talks",
    "journal_entries",
    "assessment_results",
    "safety_plans",
)
NOT_CARRIED = ("invitations", "api_tokens", "share_links")
# Exports are small (one person's notes); a much bigger file is not one of ours.
LARGEST = 200 * 1024 * 1024


class ImportRefused(NearerError):
    """The file is not a nearer export this nearer can read; nothing was written."""


@dataclass
class ImportPlan:
    """What an import adds (or would add), kind by kind."""

    email: str
    name: str
    new_account: bool
    added: dict[str, int] = field(default_factory=dict)
    already_here: dict[str, int] = field(default_factory=dict)
    # Rows this import cannot add: the id belongs to someone else, or the account already
    # has its one row of that kind (a check-in that day, a safety plan).
    conflicts: dict[str, int] = field(default_factory=dict)
    not_carried: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = []
        for kind in CARRIED:
            words = kind.replace("_", " ")
            out.append(
                f"{words}: {self.added.get(kind, 0)} to add, "
                f"{self.already_here.get(kind, 0)} already here"
                + (
                    f", {self.conflicts[kind]} in conflict (left out)"
                    if self.conflicts.get(kind)
                    else ""
                )
            )
        for kind, count in self.not_carried.items():
            if count:
                out.append(f"{kind.replace('_', ' ')}: {count} not carried (make new ones here)")
        return out


def read_export(handle: IO[bytes]) -> dict[str, Any]:
    """The export document from a zip made by nearer or from its JSON file."""
    raw = handle.read(LARGEST + 1)
    if len(raw) > LARGEST:
        raise ImportRefused("This file is too big to be a nearer export. Give the export zip.")
    if raw[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(_bytes_io(raw)) as archive:
                if DOCUMENT not in archive.namelist():
                    raise ImportRefused(
                        f"This zip has no {DOCUMENT}, so it is not a nearer export. "
                        "Give the zip from Settings → Download all my data."
                    )
                raw = archive.read(DOCUMENT)
        except zipfile.BadZipFile:
            raise ImportRefused("This zip is damaged. Download the export again.") from None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ImportRefused(
            "This file is not a nearer export (neither its zip nor its JSON). "
            "Give the zip from Settings → Download all my data."
        ) from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise ImportRefused(
            "This file is not a nearer export. Give the zip from Settings → Download all my data."
        )
    if document.get("version") != EXPORT_VERSION:
        raise ImportRefused(
            f"This export is version {document.get('version')!r}; this nearer reads version "
            f"{EXPORT_VERSION}. Update nearer, or export again from the same version."
        )
    if not isinstance(document.get("account"), dict):
        raise ImportRefused("This export has no account. Download the export again.")
    return document


def _bytes_io(raw: bytes) -> IO[bytes]:
    import io

    return io.BytesIO(raw)


def _uuid(value: Any, where: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ImportRefused(f"{where} has a bad id {value!r}. Download the export again.") from None


def _when(value: Any, where: str) -> datetime:
    found = parse_datetime(str(value)) if isinstance(value, str) else None
    if found is None:
        raise ImportRefused(f"{where} has a bad time {value!r}. Download the export again.")
    return found


def _maybe_when(value: Any, where: str) -> datetime | None:
    return None if value is None else _when(value, where)


def _day(value: Any, where: str) -> date:
    found = parse_date(str(value)) if isinstance(value, str) else None
    if found is None:
        raise ImportRefused(f"{where} has a bad day {value!r}. Download the export again.")
    return found


def _records(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    rows = document.get(kind) or []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ImportRefused(f"The export's {kind} are not a list of records. Export again.")
    return rows


def _build(kind: str, row: dict[str, Any], user: User, n: int) -> Model:
    """The unsaved row for one exported record (its couple left empty, private)."""
    where = f"{kind} record {n}"
    key = _uuid(row.get("id"), where)
    try:
        if kind == "daily_checkins":
            return DailyCheckIn(
                public_id=key,
                author=user,
                day=_day(row["day"], where),
                quadrant=str(row["quadrant"]),
                feeling=str(row["feeling"]),
                closeness=int(row["closeness"]),
                appreciation=str(row.get("appreciation") or ""),
                private_note=str(row.get("private_note") or ""),
                safety_alert=bool(row.get("safety_alert")),
                created_at=_when(row["created_at"], where),
            )
        if kind == "weekly_talks":
            return WeeklyCheckIn(
                public_id=key,
                recorded_by=user,
                done_at=_when(row["done_at"], where),
                minutes=int(row["minutes"]),
                note=str(row.get("note") or ""),
                safety_alert=bool(row.get("safety_alert")),
            )
        if kind == "journal_entries":
            return JournalEntry(
                public_id=key,
                author=user,
                text=str(row["text"]),
                feelings=list(row.get("feelings") or []),
                situations=list(row.get("situations") or []),
                triggers=list(row.get("triggers") or []),
                shared=False,
                safety_alert=bool(row.get("safety_alert")),
                created_at=_when(row["created_at"], where),
            )
        if kind == "assessment_results":
            return AssessmentResult(
                public_id=key,
                user=user,
                instrument=str(row["instrument"]),
                answers=dict(row.get("answers") or {}),
                private_answers=dict(row.get("private_answers") or {}),
                safety=dict(row.get("safety") or {}),
                result=dict(row.get("result") or {}),
                shared=False,
                safety_alert=bool(row.get("safety_alert")),
                taken_at=_when(row["taken_at"], where),
            )
        return SafetyPlanRecord(
            public_id=key,
            user=user,
            sections=dict(row.get("sections") or {}),
            country=str(row.get("country") or ""),
            created_at=_when(row["created_at"], where),
            updated_at=_when(row["updated_at"], where),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ImportRefused(f"{where} is incomplete ({exc}). Download the export again.") from None


_MODELS: dict[str, type[Model]] = {
    "daily_checkins": DailyCheckIn,
    "weekly_talks": WeeklyCheckIn,
    "journal_entries": JournalEntry,
    "assessment_results": AssessmentResult,
    "safety_plans": SafetyPlanRecord,
}
_OWNER = {
    "daily_checkins": "author",
    "weekly_talks": "recorded_by",
    "journal_entries": "author",
    "assessment_results": "user",
    "safety_plans": "user",
}


def account_for(document: dict[str, Any]) -> User | None:
    """The account the export belongs to here: same public id, or else same email."""
    account = document["account"]
    key = _uuid(account.get("id"), "The account")
    return (
        User.objects.filter(public_id=key).first()
        or User.objects.filter(email=str(account.get("email", "")).strip().lower()).first()
    )


def _sort(document: dict[str, Any], user: User | None) -> tuple[ImportPlan, list[Model]]:
    account = document["account"]
    plan = ImportPlan(
        email=str(account.get("email", "")),
        name=str(account.get("display_name", "")),
        new_account=user is None,
    )
    target = user or User(email=plan.email)
    new_rows: list[Model] = []
    days = set()
    has_plan = False
    if user is not None:
        days = set(DailyCheckIn.objects.filter(author=user).values_list("day", flat=True))
        has_plan = SafetyPlanRecord.objects.filter(user=user).exists()
    for kind in CARRIED:
        model = _MODELS[kind]
        added = here = conflict = 0
        for n, row in enumerate(_records(document, kind), start=1):
            built = _build(kind, row, target, n)
            found = model._default_manager.filter(public_id=built.public_id).first()  # type: ignore[attr-defined]
            if found is not None:
                mine = user is not None and getattr(found, f"{_OWNER[kind]}_id") == user.pk
                if mine:
                    here += 1
                else:
                    conflict += 1
                continue
            if isinstance(built, DailyCheckIn):
                if built.day in days:
                    conflict += 1
                    continue
                days.add(built.day)
            if isinstance(built, SafetyPlanRecord):
                if has_plan:
                    conflict += 1
                    continue
                has_plan = True
            added += 1
            new_rows.append(built)
        plan.added[kind], plan.already_here[kind], plan.conflicts[kind] = added, here, conflict
    for kind in NOT_CARRIED:
        plan.not_carried[kind] = len(_records(document, kind))
    return plan, new_rows


def plan_import(document: dict[str, Any], user: User | None = None) -> ImportPlan:
    """What ``apply_import`` would add; writes nothing. ``user`` None: the export's own
    account (found by id or email, or made new)."""
    return _sort(document, user if user is not None else account_for(document))[0]


@transaction.atomic
def apply_import(
    document: dict[str, Any], user: User | None = None, password: str | None = None
) -> ImportPlan:
    """Add what the plan says. Without ``user`` the export's account is used, or made (with
    ``password``; its public id, email, name and dates as exported)."""
    target = user if user is not None else account_for(document)
    if target is None:
        account = document["account"]
        target = User.objects.create_user(
            str(account.get("email", "")),
            password,
            public_id=_uuid(account.get("id"), "The account"),
            display_name=str(account.get("display_name") or "")[:60],
            country=str(account.get("country") or "US")[:2],
            share_daily_detail=bool(account.get("share_daily_detail")),
            date_joined=_when(account.get("joined_at"), "The account"),
            last_login=_maybe_when(account.get("last_login"), "The account"),
        )
        plan, rows = _sort(document, target)
        plan.new_account = True
    else:
        plan, rows = _sort(document, target)
    for row in rows:
        setattr(row, _OWNER[_kind_of(row)], target)
        row.save()
        if isinstance(row, JournalEntry):
            # ``updated_at`` is set on every save; put back the exported time.
            exported = _exported_updated_at(document, row.public_id)
            JournalEntry.objects.filter(pk=row.pk).update(updated_at=exported)
    return plan


def _kind_of(row: Model) -> str:
    return next(k for k, m in _MODELS.items() if isinstance(row, m))


def _exported_updated_at(document: dict[str, Any], key: uuid.UUID) -> datetime:
    for row in _records(document, "journal_entries"):
        if str(row.get("id")) == str(key):
            return _when(row.get("updated_at", row.get("created_at")), "journal_entries")
    raise ImportRefused("A journal entry changed while importing. Try again.")
