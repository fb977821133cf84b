"""Bringing an export (the zip or its JSON document) into this nearer.

``read_export`` checks the file is a nearer export of a version this nearer reads;
``plan_import`` says what would be added without writing; ``apply_import`` adds it. Rows are
matched by their public ids, so running an import twice adds nothing the second time.

What does not travel: the couple (the two people pair again here), invitations, API tokens
and share links (their secrets were never exported, so they could not work here). Items that
were shared with the partner arrive private, as after unpairing, and so does the choice to
show the partner the plan's joint steps.

Rows that point at the partner's records: a thank-you names the partner's check-in it was
for. It is added only when that check-in is here and its author is this person's partner
now; otherwise it waits (counted, never attached to anyone else), and importing the same
file again after pairing, once the partner brought in their own data, adds it.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.core import signing
from django.db import transaction
from django.db.models import Model

from nearer.web.accounts.export import EXPORT_FORMAT, EXPORT_VERSION
from nearer.web.accounts.export_zip import DOCUMENT
from nearer.web.accounts.import_rows import (
    Built,
    ImportRefused,
    as_uuid,
    build,
    maybe_when,
    records,
    when,
)
from nearer.web.accounts.models import User
from nearer.web.assessments.models import AssessmentResult, CheckDraft
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.insights.models import InsightHistory, InsightJob
from nearer.web.journal.models import JournalEntry
from nearer.web.plans.models import Plan, PlanStep, Thanks
from nearer.web.safety.models import SafetyPlanRecord
from nearer.web.timezones import zone_names

# Kinds that are carried, in the order they are added.
CARRIED = (
    "daily_checkins",
    "weekly_talks",
    "journal_entries",
    "assessment_results",
    "check_drafts",
    "safety_plans",
    "insight_uploads",
    "chat_insights",
    "plans",
    "thanks_given",
)
# Reminders are not carried: whether mail can be sent, and from which address, belongs to
# each install; a person sets them again in two taps.
NOT_CARRIED = ("invitations", "api_tokens", "share_links", "reminders")
# Exports are small (one person's notes); a much bigger file is not one of ours.
LARGEST = 200 * 1024 * 1024

_MODELS: dict[str, type[Model]] = {
    "daily_checkins": DailyCheckIn,
    "weekly_talks": WeeklyCheckIn,
    "journal_entries": JournalEntry,
    "assessment_results": AssessmentResult,
    "check_drafts": CheckDraft,
    "safety_plans": SafetyPlanRecord,
    "insight_uploads": InsightJob,
    "chat_insights": InsightHistory,
    "plans": Plan,
    "thanks_given": Thanks,
}

# How the dry run names a kind, where its export name is not how people say it.
_WORDS = {
    "daily_checkins": "daily check-ins",
    "check_drafts": "unfinished Connection Checks",
    "insight_uploads": "chat uploads",
    "thanks_given": "thank-yous",
}

# The Settings page's confirm step carries the checked document back, signed for this one
# account and for an hour, so the person need not choose the file twice. A bigger document
# than this (compressed) asks for the file again instead: the page stays light.
CONFIRM_LARGEST = 200 * 1024
CONFIRM_MAX_AGE = 3600
_CONFIRM_SALT = "nearer.accounts.import"

__all__ = [
    "CARRIED",
    "NOT_CARRIED",
    "ImportPlan",
    "ImportRefused",
    "account_for",
    "apply_import",
    "check_document",
    "confirm_token",
    "document_from_token",
    "plan_import",
    "read_export",
]


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
    # Rows that point at the partner's records that are not here yet (thank-yous).
    waiting: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = []
        for kind in CARRIED:
            words = _WORDS.get(kind, kind.replace("_", " "))
            out.append(
                f"{words}: {self.added.get(kind, 0)} to add, "
                f"{self.already_here.get(kind, 0)} already here"
                + (
                    f", {self.conflicts[kind]} in conflict (left out)"
                    if self.conflicts.get(kind)
                    else ""
                )
                + (
                    f", {self.waiting[kind]} waiting for your partner (import again once "
                    "you are paired and your partner has brought in their data)"
                    if self.waiting.get(kind)
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
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
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
    return check_document(document)


def check_document(document: Any) -> dict[str, Any]:
    """The document itself, once it says it is a nearer export of a version read here."""
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


def account_for(document: dict[str, Any]) -> User | None:
    """The account the export belongs to here: same public id, or else same email."""
    account = document["account"]
    key = as_uuid(account.get("id"), "The account")
    return (
        User.objects.filter(public_id=key).first()
        or User.objects.filter(email=str(account.get("email", "")).strip().lower()).first()
    )


def _owned_by(found: Model, built: Built, user: User | None) -> bool:
    return user is not None and getattr(found, f"{built.owner_field}_id") == user.pk


def _one_each(user: User | None) -> dict[str, set[Any]]:
    """What the account already has one of, where only one is allowed: a check-in per
    day, a draft per check, one safety plan, one chat history, one thank-you per
    appreciation."""
    if user is None:
        return {kind: set() for kind in ("days", "drafts", "safety", "insights", "thanked")}
    return {
        "days": set(DailyCheckIn.objects.filter(author=user).values_list("day", flat=True)),
        "drafts": set(CheckDraft.objects.filter(user=user).values_list("instrument", flat=True)),
        "safety": {True} if SafetyPlanRecord.objects.filter(user=user).exists() else set(),
        "insights": {True} if InsightHistory.objects.filter(owner=user).exists() else set(),
        "thanked": set(Thanks.objects.filter(thanked_by=user).values_list("checkin_id", flat=True)),
    }


def _taken_slot(row: Model, taken: dict[str, set[Any]]) -> bool:
    """Whether the account already has this row's one allowed place; else claim it."""
    slot: str
    key: Any
    if isinstance(row, DailyCheckIn):
        slot, key = "days", row.day
    elif isinstance(row, CheckDraft):
        slot, key = "drafts", row.instrument
    elif isinstance(row, SafetyPlanRecord):
        slot, key = "safety", True
    elif isinstance(row, InsightHistory):
        slot, key = "insights", True
    elif isinstance(row, Thanks):
        slot, key = "thanked", row.checkin_id
    else:
        return False
    if key in taken[slot]:
        return True
    taken[slot].add(key)
    return False


def _children_elsewhere(built: Built) -> bool:
    """A plan whose step ids are already here (in any plan) cannot be added whole."""
    keys = [c.public_id for c in built.children if isinstance(c, PlanStep)]
    return bool(keys) and PlanStep.objects.filter(public_id__in=keys).exists()


def _sort(document: dict[str, Any], user: User | None) -> tuple[ImportPlan, list[Built]]:
    account = document["account"]
    plan = ImportPlan(
        email=str(account.get("email", "")),
        name=str(account.get("display_name", "")),
        new_account=user is None,
    )
    target = user or User(email=plan.email)
    new_rows: list[Built] = []
    taken = _one_each(user)
    for kind in CARRIED:
        model = _MODELS[kind]
        added = here = conflict = waiting = 0
        for n, record in enumerate(records(document, kind), start=1):
            built = build(kind, record, target, n)
            row = built.row
            found = model._default_manager.filter(public_id=row.public_id).first()  # type: ignore[attr-defined]
            if found is not None:
                if _owned_by(found, built, user):
                    here += 1
                else:
                    conflict += 1
                continue
            if isinstance(row, Thanks) and row.checkin_id is None:
                waiting += 1  # the partner's check-in is not here, or not the partner's
                continue
            if _taken_slot(row, taken) or _children_elsewhere(built):
                conflict += 1
                continue
            added += 1
            new_rows.append(built)
        plan.added[kind], plan.already_here[kind], plan.conflicts[kind] = added, here, conflict
        if waiting:
            plan.waiting[kind] = waiting
    for kind in NOT_CARRIED:
        plan.not_carried[kind] = len(records(document, kind))
    return plan, new_rows


def plan_import(document: dict[str, Any], user: User | None = None) -> ImportPlan:
    """What ``apply_import`` would add; writes nothing. ``user`` None: the export's own
    account (found by id or email, or made new)."""
    return _sort(document, user if user is not None else account_for(document))[0]


# Times a model sets on every save (``auto_now``): put back as exported once saved.
_EXPORTED_UPDATED_AT = {JournalEntry: "journal_entries", CheckDraft: "check_drafts"}


def _zone(raw: Any) -> str:
    """The exported zone when this nearer knows it (an older export has none: the site's)."""
    name = str(raw or "").strip()
    return name if name in zone_names() else ""


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
            public_id=as_uuid(account.get("id"), "The account"),
            display_name=str(account.get("display_name") or "")[:60],
            country=str(account.get("country") or "US")[:2],
            time_zone=_zone(account.get("time_zone")),
            share_daily_detail=bool(account.get("share_daily_detail")),
            date_joined=when(account.get("joined_at"), "The account"),
            last_login=maybe_when(account.get("last_login"), "The account"),
        )
        plan, rows = _sort(document, target)
        plan.new_account = True
    else:
        plan, rows = _sort(document, target)
    for built in rows:
        row = built.row
        setattr(row, built.owner_field, target)
        row.save()
        for child in built.children:
            setattr(child, built.parent_field, row)
        if built.children:
            type(built.children[0])._default_manager.bulk_create(built.children)
        kind = _EXPORTED_UPDATED_AT.get(type(row))
        if kind is not None:
            exported = _exported_updated_at(document, kind, row.public_id)  # type: ignore[attr-defined]
            type(row)._default_manager.filter(pk=row.pk).update(updated_at=exported)
    return plan


def _exported_updated_at(document: dict[str, Any], kind: str, key: Any) -> Any:
    for record in records(document, kind):
        if str(record.get("id")) == str(key):
            return when(record.get("updated_at", record.get("created_at")), kind)
    raise ImportRefused("A record changed while importing. Try again.")


def confirm_token(document: dict[str, Any], user: User) -> str | None:
    """The checked document, signed for ``user``, to send back with "Add it"; None when
    it is too big to travel in the page."""
    token = signing.dumps(document, salt=f"{_CONFIRM_SALT}:{user.public_id}", compress=True)
    return token if len(token) <= CONFIRM_LARGEST else None


def document_from_token(token: str, user: User) -> dict[str, Any]:
    """The document a confirm step carries, if it was checked for this account within the
    hour and not changed since."""
    try:
        document = signing.loads(
            token, salt=f"{_CONFIRM_SALT}:{user.public_id}", max_age=CONFIRM_MAX_AGE
        )
    except signing.SignatureExpired:
        raise ImportRefused("That check is more than an hour old. Choose the file again.") from None
    except signing.BadSignature:
        raise ImportRefused(
            "That check was not made for this account. Choose the file again."
        ) from None
    return check_document(document)
