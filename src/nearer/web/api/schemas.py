"""Shapes of what the API takes and returns. Public ids are UUIDs; no integer key leaves.

What the API takes is strict: ``true`` is not a closeness of 1, ``1`` is not ``true`` and a
number is not text (422), and every field states its limits, which the OpenAPI document
shows. The limits match the forms behind the endpoints; the forms still have the last word.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from ninja import Field, Schema
from pydantic import StrictBool, StrictInt, StrictStr

from nearer.web.checkins.forms import TEXT_LIMIT as NOTE_LIMIT
from nearer.web.checkins.models import CLOSENESS_MAX, CLOSENESS_MIN
from nearer.web.journal.forms import TAG_LENGTH, TAG_LIMIT
from nearer.web.journal.forms import TEXT_LIMIT as ENTRY_LIMIT

# Django's own limit for an email field (RFC 5321 path length).
EMAIL_LIMIT = 254
# Long passphrases are welcome; a megabyte of "password" is only work for Argon2.
PASSWORD_LIMIT = 1000
NAME_LIMIT = 60
WORD_LIMIT = 40
ANSWERS_LIMIT = 100


Email = Annotated[StrictStr, Field(max_length=EMAIL_LIMIT)]
Password = Annotated[StrictStr, Field(max_length=PASSWORD_LIMIT)]
Name = Annotated[StrictStr, Field(max_length=NAME_LIMIT)]
CountryCode = Annotated[StrictStr, Field(max_length=2)]
ZoneName = Annotated[StrictStr, Field(max_length=64)]
JoinCodeText = Annotated[StrictStr, Field(max_length=20)]
Word = Annotated[StrictStr, Field(max_length=WORD_LIMIT)]
Note = Annotated[StrictStr, Field(max_length=NOTE_LIMIT)]
EntryText = Annotated[StrictStr, Field(max_length=ENTRY_LIMIT)]
Tags = Annotated[
    list[Annotated[StrictStr, Field(max_length=TAG_LENGTH)]], Field(max_length=TAG_LIMIT)
]
Closeness = Annotated[StrictInt, Field(ge=CLOSENESS_MIN, le=CLOSENESS_MAX)]
AnswerValue = (
    Annotated[StrictInt, Field(ge=-1000, le=1000)] | Annotated[StrictStr, Field(max_length=200)]
)
Answers = Annotated[dict[Word, AnswerValue], Field(max_length=ANSWERS_LIMIT)]


class Problem(Schema):
    """Every error: one line to show, and the messages per field (empty when none)."""

    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


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
    # The person's IANA zone ("" = the site's): which day a check-in belongs to.
    time_zone: str
    share_daily_detail: bool
    partner: Person | None


class Token(Schema):
    token: str


class Credentials(Schema):
    email: Email
    password: Password


class SignUp(Schema):
    display_name: Name
    email: Email
    password: Password
    # Left out: NEARER_DEFAULT_COUNTRY, else the Accept-Language region; else refused.
    country: CountryCode | None = None
    # The device's IANA zone (Intl's timeZone); unknown or left out: the site's zone.
    time_zone: ZoneName | None = None


class Message(Schema):
    detail: str


class DeleteAccount(Schema):
    password: Password


class PasswordChange(Schema):
    current_password: Password
    new_password: Password


class ExportAccount(Schema):
    id: UUID
    email: str
    display_name: str
    country: str
    time_zone: str
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


class ExportInsightUpload(Schema):
    id: UUID
    status: str
    error: str
    size_bytes: int
    created_at: datetime
    finished_at: datetime | None


class ExportChatInsights(Schema):
    id: UUID
    people: list[str]
    shared: bool
    format: str
    first_day: date
    last_day: date
    pattern: str
    signals: list[dict[str, Any]]
    redacted: bool
    totals: list[Any]
    metrics: dict[str, Any]
    caveats: list[str]
    emotion_model: bool
    uploads: int
    updated_at: datetime
    safety: dict[str, Any] | None
    weeks: list[dict[str, Any]]


class ExportPlanStep(Schema):
    id: UUID
    strategy: str
    name: str
    audience: str
    practice: str
    summary: str
    actions: list[Any]
    minutes: int
    status: str
    reason: str
    why: list[str]
    updated_at: datetime


class ExportPlan(Schema):
    id: UUID
    week_start: date
    built_at: datetime
    content: dict[str, Any]
    changes: list[str]
    safety_alert: bool
    basis: dict[str, Any]
    safety: dict[str, Any]
    steps: list[ExportPlanStep]


class ExportThanks(Schema):
    id: UUID
    appreciation: UUID  # the partner's check-in it thanked for, by id only
    created_at: datetime


class ExportShareAccess(Schema):
    at: datetime
    client: str


class ExportShareLink(Schema):
    id: UUID
    label: str
    sections: list[str]
    journal_entries: list[str]
    together: bool
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    accesses: list[ExportShareAccess]


class ExportReminder(Schema):
    id: UUID
    kind: str
    enabled: bool
    time_of_day: str
    days: list[str]
    channel: str
    time_zone: str
    changed_at: datetime


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
    insight_uploads: list[ExportInsightUpload]
    chat_insights: list[ExportChatInsights]
    plans: list[ExportPlan]
    plan_sharing: bool
    thanks_given: list[ExportThanks]
    share_links: list[ExportShareLink]
    reminders: list[ExportReminder]


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
    code: JoinCodeText


class UnpairPreview(Schema):
    my_shared_entries: int
    partner_shared_entries: int
    appreciations_received: int
    appreciations_given: int
    my_shared_results: int
    weekly_talks: int


class CheckInIn(Schema):
    quadrant: Word | None = None
    feeling: Word
    closeness: Closeness
    appreciation: Note = ""
    private_note: Note = ""


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
    id: UUID  # the check-in it came with: POST /api/appreciations/{id}/thanks
    day: date
    text: str
    author: Person
    thanked: bool = False


class WeekSummary(Schema):
    start: date
    days_checked_in: int
    average_closeness: float | None
    main_area: str | None


class PartnerWeekSummary(Schema):
    """A partner's week in bands and words, only from three check-ins on (docs/privacy.md)."""

    start: date
    shown: bool
    closeness: str | None
    main_area: str | None


class Summary(Schema):
    me: WeekSummary
    partner: PartnerWeekSummary | None


class WeeklyTalk(Schema):
    id: UUID
    done_at: datetime
    note: str = ""
    safety: Safety | None = None


class WeeklyIn(Schema):
    note: Note = ""


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
    text: EntryText
    feelings: Tags = Field(default_factory=list)
    situations: Tags = Field(default_factory=list)
    triggers: Tags = Field(default_factory=list)
    shared: StrictBool = False


class EntryPatch(Schema):
    text: EntryText | None = None
    feelings: Tags | None = None
    situations: Tags | None = None
    triggers: Tags | None = None
    shared: StrictBool | None = None


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
    instrument: Word
    answers: Answers
    shared: StrictBool = False


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
