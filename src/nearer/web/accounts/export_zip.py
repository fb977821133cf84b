"""The export as a zip people can open: the JSON document, one JSON file and one CSV file
per kind of record, and a README.txt that explains every file and field.

The records come from ``export.export_for`` (itself reading ``access.own_rows_for_user``),
so the zip, the JSON download and the API hold exactly the same things. The README is
written from ``FIELDS`` below; a test fails when an exported field is not described there.
The zip is built in a temporary file, not in memory, and nothing of its content is logged.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from datetime import date, datetime
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from nearer.web.accounts.export import EXPORT_FORMAT, EXPORT_VERSION, export_for
from nearer.web.accounts.models import User

# The whole document, as ``GET /api/me/export`` gives it; ``nearer import`` reads this file.
DOCUMENT = "nearer-export.json"
README = "README.txt"
# Spreadsheets (Excel above all) read UTF-8 only when the file starts with this mark.
BOM = "\ufeff"

# What each kind of record is, then each of its fields. Nested fields are "outer.inner".
KINDS: dict[str, str] = {
    "account": "Your account.",
    "couple": "Your couple, if you are paired: your partner's name and since when. Nothing "
    "else of your partner's is here; their data is in their own export.",
    "daily_checkins": "Your daily check-ins, one per day.",
    "weekly_talks": "The weekly talks you recorded as done.",
    "journal_entries": "Your journal entries.",
    "assessment_results": "The Connection Checks and screeners you took.",
    "invitations": "The invitations to pair you made (never the code itself).",
    "api_tokens": "Your API tokens (when made and last used; never the token itself).",
    "safety_plans": "Your safety plan, if you wrote one.",
    "share_links": "The read-only report links you made for a therapist, and each opening. "
    "The link's token is not stored anywhere, so it is not here either.",
    "check_drafts": "A Connection Check you started and have not finished yet.",
    "plans": "Your weekly plans, each with its steps and what you marked on them.",
    "thanks_given": "The thank-yous you sent for your partner's appreciations.",
    "insight_uploads": "The chat exports you uploaded and how their analysis went (the files "
    "themselves are deleted when the analysis ends).",
    "chat_insights": "What nearer worked out from your chat exports: weekly figures and "
    "signals only. No message is ever kept, so none is here.",
    "reminders": "Your check-in and weekly-talk reminders: whether each is on, and when.",
}

FIELDS: dict[str, dict[str, str]] = {
    "": {
        "format": f'Always "{EXPORT_FORMAT}": says this file is a nearer export.',
        "version": f"The export layout's version ({EXPORT_VERSION} here); it changes when a "
        "field is renamed or removed.",
        "exported_at": "When this export was made (ISO 8601, UTC).",
        "plan_sharing": "Whether you chose to show your partner the plan steps meant for both "
        "of you.",
    },
    "account": {
        "id": "Your account's public id (a UUID).",
        "email": "The email you log in with.",
        "display_name": "The name your partner sees.",
        "country": "Your country (two letters, ISO 3166-1), which picks the help lines shown.",
        "time_zone": "Your time zone (an IANA name such as Europe/London), which decides which "
        "day a check-in belongs to; empty means the site's.",
        "share_daily_detail": "Whether your partner may see each day's feeling and closeness.",
        "joined_at": "When you signed up.",
        "last_login": "When you last logged in (empty if never).",
    },
    "couple": {
        "partner_name": "Your partner's name.",
        "since": "When you paired.",
    },
    "daily_checkins": {
        "id": "The check-in's public id (a UUID).",
        "day": "The day it is for (YYYY-MM-DD).",
        "quadrant": "The feeling area you picked (e.g. low_pleasant: quiet and pleasant).",
        "feeling": "The feeling word you picked.",
        "closeness": "How close you felt, 1 (far) to 10 (close).",
        "appreciation": "What you appreciated about your partner (they see it).",
        "private_note": "Your private note (only you ever see it).",
        "safety_alert": "Whether the safety scan of your words raised an alert.",
        "created_at": "When you saved it.",
    },
    "weekly_talks": {
        "id": "The talk's public id (a UUID).",
        "done_at": "When you recorded the talk as done.",
        "minutes": "How long it took, in minutes.",
        "note": "Your note about it (only you see it).",
        "safety_alert": "Whether the safety scan of the note raised an alert.",
    },
    "journal_entries": {
        "id": "The entry's public id (a UUID).",
        "text": "What you wrote.",
        "feelings": "The feelings you tagged (in CSV: separated by semicolons).",
        "situations": "The situations you tagged.",
        "triggers": "The triggers you tagged.",
        "shared": "Whether your partner may see the entry.",
        "safety_alert": "Whether the safety scan of the text raised an alert.",
        "created_at": "When you wrote it.",
        "updated_at": "When you last changed it.",
    },
    "assessment_results": {
        "id": "The result's public id (a UUID).",
        "instrument": "Which check or screener (e.g. connection-check, gad2, phq2).",
        "answers": "Your answers, question id to answer (in CSV: JSON text).",
        "private_answers": "Answers never shared: the check's notes and its safety screen.",
        "safety": "What the safety screen found (kinds and level, no text).",
        "result": "The scores and bands worked out from your answers.",
        "shared": "Whether your partner may see the result.",
        "safety_alert": "Whether the result raised a safety alert.",
        "taken_at": "When you took it.",
    },
    "invitations": {
        "id": "The invitation's public id (a UUID).",
        "created_at": "When you made it.",
        "expires_at": "When it stopped (or stops) working.",
        "accepted_at": "When your partner used it (empty if never).",
    },
    "api_tokens": {
        "id": "The token's public id (a UUID).",
        "created_at": "When you made it.",
        "last_used_at": "When a script last used it (to the minute; empty if never).",
    },
    "safety_plans": {
        "id": "The plan's public id (a UUID).",
        "sections": "Each section of the plan and its lines (in CSV: JSON text).",
        "country": "The country whose help lines the plan lists.",
        "created_at": "When you first saved it.",
        "updated_at": "When you last changed it.",
    },
    "share_links": {
        "id": "The link's public id (a UUID).",
        "label": "Who you made it for.",
        "sections": "The report sections you chose.",
        "journal_entries": "The ids of the journal entries you ticked.",
        "together": "Whether it joins your partner's part when they share with the same name.",
        "created_at": "When you made it.",
        "expires_at": "When it stops (or stopped) working.",
        "revoked_at": "When you revoked it (empty if never).",
        "accesses": "Each opening (in CSV: JSON text).",
        "accesses.at": "When the report was opened.",
        "accesses.client": "The browser that opened it, as a name such as "
        "'Firefox on Windows' (never the address).",
    },
    "reminders": {
        "id": "The reminder's public id (a UUID).",
        "kind": "checkin (the daily check-in) or talk (the weekly talk).",
        "enabled": "Whether it is on.",
        "time_of_day": "The local time it comes at (HH:MM).",
        "days": "The weekdays it comes on (mon ... sun).",
        "channel": "email or app (shown on the home page).",
        "time_zone": "The time zone its time is read in (e.g. Europe/London).",
        "changed_at": "When you last changed it.",
    },
    "check_drafts": {
        "id": "The draft's public id (a UUID).",
        "instrument": "Which check it is (connection-check).",
        "answers": "The answers so far, question id to answer (in CSV: JSON text).",
        "screen": "The screen you were on.",
        "started_at": "When you started it.",
        "updated_at": "When you last saved an answer.",
    },
    "plans": {
        "id": "The plan's public id (a UUID).",
        "week_start": "The Monday of the plan's week (YYYY-MM-DD).",
        "built_at": "When nearer built it.",
        "content": "The plan as it was shown: headline, read-out, help, what to read "
        "(in CSV: JSON text).",
        "changes": "What had changed since the plan before, in sentences.",
        "safety_alert": "Whether the plan was built with a safety alert, so help came first.",
        "basis": "What the plan was built from: the week, the ids of the results and "
        "check-ins it read, the closeness band, the steps set aside (in CSV: JSON text).",
        "safety": "What the safety scan found when it was built (kinds and level, no text).",
        "steps": "Its steps (in CSV: JSON text).",
        "steps.id": "The step's public id (a UUID).",
        "steps.strategy": "The id of the practice in nearer's knowledge base.",
        "steps.name": "The practice's name.",
        "steps.audience": "Who the step is for: both of you, or anyone.",
        "steps.practice": "The kind of practice (talk, reflect, professional, ...).",
        "steps.summary": "The practice in one or two sentences.",
        "steps.actions": "The concrete actions of the practice.",
        "steps.minutes": "About how many minutes it takes.",
        "steps.status": "todo, done, or not_for_us.",
        "steps.reason": "Your reason for 'not for us', if you gave one.",
        "steps.why": "Why nearer chose the step, quoting your answers.",
        "steps.updated_at": "When you last marked it.",
    },
    "thanks_given": {
        "id": "The thank-you's public id (a UUID).",
        "appreciation": "The id of your partner's check-in whose appreciation you thanked "
        "for (its words are in your partner's export).",
        "created_at": "When you sent it.",
    },
    "insight_uploads": {
        "id": "The upload's public id (a UUID).",
        "status": "queued, running, done or failed.",
        "error": "Why it failed, in one line (empty when it did not).",
        "size_bytes": "The file's size in bytes.",
        "created_at": "When you uploaded it.",
        "finished_at": "When its analysis ended (empty while it runs).",
    },
    "chat_insights": {
        "id": "The insights' public id (a UUID).",
        "people": "The two names shown (yours first), or Partner A and B.",
        "shared": "Whether your partner may see them.",
        "format": "The kind of export (whatsapp, telegram, ...).",
        "first_day": "The first day the chats cover.",
        "last_day": "The last day the chats cover.",
        "pattern": "The pattern found across both of you, if any (e.g. pursue-withdraw).",
        "signals": "Each lasting change found, with its figures (in CSV: JSON text).",
        "signals.person": "Whose messages changed.",
        "signals.metric": "What changed (e.g. questions_per_100), as docs/methods.md names it.",
        "signals.direction": "up or down.",
        "signals.baseline": "Its weekly level in the months before (the metric's unit).",
        "signals.recent": "Its weekly level in the recent weeks (the same unit).",
        "signals.change_date": "About when the change began (YYYY-MM-DD).",
        "signals.strength": "How clear the change is, 0 to 1.",
        "signals.explanation": "The change in words.",
        "signals.caveats": "What else could explain it.",
        "signals.statistics": "The effect size and test behind it (Cliff's delta, Holm p-value, "
        "a 95% interval of the difference).",
        "signals.pattern": "The pattern it belongs to, if any.",
        "signals.evidence": "The changes that make up a pattern.",
        "signals.evidence.person": "Whose messages changed.",
        "signals.evidence.metric": "What changed.",
        "signals.evidence.direction": "up or down.",
        "redacted": "Whether the names were replaced by Partner A and Partner B.",
        "totals": "Each figure over the whole history (in CSV: JSON text).",
        "metrics": "The name of every figure measured, by its id.",
        "caveats": "What to keep in mind when reading them.",
        "emotion_model": "Whether the emotion model ran on the messages.",
        "uploads": "How many exports went into them.",
        "updated_at": "When they last changed.",
        "safety": "What the safety screen found in your chats, or empty when nothing: kinds, "
        "level, categories, how many messages and in which weeks; never their text (in CSV: "
        "JSON text).",
        "weeks": "The weekly figures (in CSV: JSON text).",
        "weeks.week": "The ISO week (e.g. 2026-W05).",
        "weeks.people": "Each person's figures that week.",
        "weeks.couple": "The two of you together that week.",
    },
}


def plain_document(user: User, now: datetime | None = None) -> dict[str, Any]:
    """The export with every value as JSON gives it back (ISO text for dates, UUID text)."""
    loaded: dict[str, Any] = json.loads(json.dumps(export_for(user, now), cls=DjangoJSONEncoder))
    return loaded


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def table_csv(kind: str, rows: list[dict[str, Any]]) -> str:
    """One CSV table: UTF-8 with BOM, one header row (every field, even with no rows)."""
    described = FIELDS.get(kind) or {key: "" for row in rows for key in row}
    columns = [f for f in described if "." not in f]
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def readme_text(day: date) -> str:
    lines = [
        "nearer: all of your data",
        "=" * 24,
        "",
        f"Exported on {day.isoformat()}. Dates and times are ISO 8601 in UTC.",
        "Only your own data is here: nothing your partner wrote, not even what they shared.",
        "Keep this file somewhere private: it holds your private notes.",
        "To move to another nearer, give this zip to `nearer import` or to Settings → Bring",
        "in data from another nearer there. Share links, API tokens and invitations stay",
        "behind, and the two of you pair again there.",
        "",
        "Files",
        "-----",
        f"{DOCUMENT}: everything below in one JSON document (what `nearer import` reads).",
        f"{README}: this file.",
    ]
    for kind, about in KINDS.items():
        lines.append(f"{kind}.json: {about}")
        if kind not in {"account", "couple"}:
            lines.append(f"{kind}.csv: the same as a table (UTF-8, opens in a spreadsheet).")
    lines += ["", "Fields", "------"]
    for kind, described in FIELDS.items():
        lines.append("")
        lines.append(f"[{kind or DOCUMENT}]")
        for name, about in described.items():
            lines.append(f"  {name}: {about}")
    return "\n".join(lines) + "\n"


def write_zip(user: User, into: IO[bytes], now: datetime | None = None) -> None:
    document = plain_document(user, now)
    day = timezone.localdate()
    with zipfile.ZipFile(into, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            DOCUMENT, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        )
        archive.writestr(README, readme_text(day).encode("utf-8"))
        # Every kind in the document, also one added to the export before its description
        # here (the README test then fails, so the description follows).
        for kind in [k for k in document if k not in FIELDS[""]]:
            value = document[kind]
            archive.writestr(
                f"{kind}.json", json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")
            )
            if isinstance(value, list):
                archive.writestr(f"{kind}.csv", table_csv(kind, value).encode("utf-8"))


def export_zip_file(user: User, now: datetime | None = None) -> IO[bytes]:
    """The zip in a temporary file (deleted when closed), positioned at its start."""
    # The response closes (and so deletes) it once sent: no context manager can.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    write_zip(user, handle, now)
    handle.seek(0)
    return handle


def zip_filename(day: date | None = None) -> str:
    return f"nearer-export-{(day or timezone.localdate()).isoformat()}.zip"
