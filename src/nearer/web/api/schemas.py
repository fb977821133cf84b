"""Shapes of what the API returns. Public ids are UUIDs; no integer key ever leaves."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema


class Safety(Schema):
    """What the safety scan found in what you sent: kinds, level, categories; never text.
    Only the author ever gets it; for anyone else it is null."""

    kinds: list[str]
    level: str
    categories: list[str]


class Person(Schema):
    id: UUID
    display_name: str


class Me(Schema):
    id: UUID
    email: str
    display_name: str
    country: str
    share_daily_detail: bool
    partner: Person | None


class Token(Schema):
    token: str


class Credentials(Schema):
    email: str
    password: str


class SignUp(Schema):
    display_name: str
    email: str
    password: str
    # Left out: NEARER_DEFAULT_COUNTRY, else the Accept-Language region; else refused.
    country: str | None = None


class Message(Schema):
    detail: str


class DeleteAccount(Schema):
    password: str


class ExportAccount(Schema):
    id: UUID
    email: str
    display_name: str
    country: str
    share_daily_detail: bool
    joined_at: datetime
    last_login: datetime | None


class ExportCouple(Schema):
    partner_name: str | None
    since: datetime


class ExportCheckIn(Schema):
    id: UUID
    day: date
    quadrant: str
    feeling: str
    closeness: int
    appreciation: str
    private_note: str
    safety_alert: bool
    created_at: datetime


class ExportWeeklyTalk(Schema):
    id: UUID
    done_at: datetime
    minutes: int
    note: str
    safety_alert: bool


class ExportEntry(Schema):
    id: UUID
    text: str
    feelings: list[str]
    situations: list[str]
    triggers: list[str]
    shared: bool
    safety_alert: bool
    created_at: datetime
    updated_at: datetime


class ExportResult(Schema):
    id: UUID
    instrument: str
    answers: dict[str, Any]
    private_answers: dict[str, Any]
    safety: dict[str, Any]
    result: dict[str, Any]
    shared: bool
    safety_alert: bool
    taken_at: datetime


class ExportSafetyPlan(Schema):
    id: UUID
    sections: dict[str, list[str]]
    country: str
    created_at: datetime
    updated_at: datetime


class ExportCheckDraft(Schema):
    """An unfinished Connection Check: its answers so far (notes included) and the screen."""

    id: UUID
    instrument: str
    answers: dict[str, Any]
    screen: int
    started_at: datetime
    updated_at: datetime


class ExportInvitation(Schema):
    id: UUID
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None


class ExportToken(Schema):
    id: UUID
    created_at: datetime
    last_used_at: datetime | None


class Export(Schema):
    """Everything one person stored; the Settings download has the same content."""

    format: str
    version: int
    exported_at: datetime
    account: ExportAccount
    couple: ExportCouple | None
    daily_checkins: list[ExportCheckIn]
    weekly_talks: list[ExportWeeklyTalk]
    journal_entries: list[ExportEntry]
    assessment_results: list[ExportResult]
    check_drafts: list[ExportCheckDraft]
    invitations: list[ExportInvitation]
    api_tokens: list[ExportToken]
    safety_plans: list[ExportSafetyPlan]


class Invitation(Schema):
    code: str
    link: str
    expires_at: datetime


class CoupleState(Schema):
    paired: bool
    partner: Person | None
    since: datetime | None
    invitation: Invitation | None


class JoinCode(Schema):
    code: str


class UnpairPreview(Schema):
    my_shared_entries: int
    partner_shared_entries: int
    appreciations_received: int
    appreciations_given: int
    my_shared_results: int
    weekly_talks: int


class CheckInIn(Schema):
    quadrant: str | None = None
    feeling: str
    closeness: int
    appreciation: str = ""
    private_note: str = ""


class CheckIn(Schema):
    id: UUID
    day: date
    quadrant: str
    feeling: str
    closeness: int
    appreciation: str
    private_note: str
    safety_alert: bool = False
    safety: Safety | None = None


class PartnerDay(Schema):
    """A partner's day as the partner chose to share it: never the private note."""

    day: date
    feeling: str | None
    closeness: int | None
    appreciation: str


class Appreciation(Schema):
    day: date
    text: str
    author: Person


class WeekSummary(Schema):
    start: date
    days_checked_in: int
    average_closeness: float | None
    main_area: str | None


class Summary(Schema):
    me: WeekSummary
    partner: WeekSummary | None


class WeeklyTalk(Schema):
    id: UUID
    done_at: datetime
    note: str = ""
    safety: Safety | None = None


class WeeklyIn(Schema):
    note: str = ""


class FeelingWord(Schema):
    word: str
    meaning: str
    family: str


class Quadrant(Schema):
    id: str
    name: str
    description: str
    feelings: list[FeelingWord]


class EntryIn(Schema):
    text: str
    feelings: list[str] = Field(default_factory=list)
    situations: list[str] = Field(default_factory=list)
    triggers: list[str] = Field(default_factory=list)
    shared: bool = False


class EntryPatch(Schema):
    text: str | None = None
    feelings: list[str] | None = None
    situations: list[str] | None = None
    triggers: list[str] | None = None
    shared: bool | None = None


class Entry(Schema):
    id: UUID
    author: Person
    mine: bool
    shared: bool
    text: str
    feelings: list[str]
    situations: list[str]
    triggers: list[str]
    created_at: datetime
    safety_alert: bool
    safety: Safety | None = None


class Suggestion(Schema):
    word: str
    quadrant: str
    evidence: list[str]


class Choice(Schema):
    value: int | str
    label: str


class InstrumentItem(Schema):
    id: str
    text: str
    optional: bool
    choices: list[Choice]


class Instrument(Schema):
    id: str
    name: str
    purpose: str
    timeframe: str
    items: list[InstrumentItem]


class AssessmentIn(Schema):
    instrument: str
    answers: dict[str, int | str]
    shared: bool = False


class Assessment(Schema):
    id: UUID
    instrument: str
    taken_at: datetime
    mine: bool
    shared: bool
    safety_alert: bool
    safety: Safety | None = None
    result: dict[str, Any]
    disclaimer: str


class GapOut(Schema):
    available: bool
    missing: str | None
    comparison: dict[str, Any] | None
