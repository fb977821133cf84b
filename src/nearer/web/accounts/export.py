"""Everything one person stored, as one JSON document: the Settings download and
``GET /api/me/export`` both come from ``export_for``.

Only the person's own rows are in it (``access.own_rows_for_user``): their private notes and
unshared entries yes, anything their partner wrote no, not even what the partner shared with
them. Public ids only; never the password hash, a token's secret or an invitation code.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from nearer.core.reminders import WEEKDAYS
from nearer.web.access import own_rows_for_user
from nearer.web.accounts.models import User

EXPORT_FORMAT = "nearer-export"
# Bumped when a field is renamed or removed, so a reader can tell old files apart.
EXPORT_VERSION = 1


def export_for(user: User, now: datetime | None = None) -> dict[str, Any]:
    """The export as plain values (dates, datetimes and UUIDs left for the JSON encoder)."""
    rows = own_rows_for_user(user)
    partner = user.partner
    couple = user.couple
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": now or timezone.now(),
        "account": {
            "id": user.public_id,
            "email": user.email,
            "display_name": user.display_name,
            "country": user.country,
            "time_zone": user.time_zone,
            "share_daily_detail": user.share_daily_detail,
            "joined_at": user.date_joined,
            "last_login": user.last_login,
        },
        # The partner is named, nothing more: their account and items are theirs to export.
        "couple": (
            {"partner_name": partner.display_name if partner else None, "since": couple.created_at}
            if couple is not None
            else None
        ),
        "daily_checkins": [
            {
                "id": c.public_id,
                "day": c.day,
                "quadrant": c.quadrant,
                "feeling": c.feeling,
                "closeness": c.closeness,
                "appreciation": c.appreciation,
                "private_note": c.private_note,
                "safety_alert": c.safety_alert,
                "created_at": c.created_at,
            }
            for c in rows.daily_checkins
        ],
        "weekly_talks": [
            {
                "id": w.public_id,
                "done_at": w.done_at,
                "minutes": w.minutes,
                "note": w.note,
                "safety_alert": w.safety_alert,
            }
            for w in rows.weekly_talks
        ],
        "journal_entries": [
            {
                "id": e.public_id,
                "text": e.text,
                "feelings": list(e.feelings),
                "situations": list(e.situations),
                "triggers": list(e.triggers),
                "shared": e.shared,
                "safety_alert": e.safety_alert,
                "created_at": e.created_at,
                "updated_at": e.updated_at,
            }
            for e in rows.journal_entries
        ],
        "assessment_results": [
            {
                "id": r.public_id,
                "instrument": r.instrument,
                "answers": dict(r.answers),
                # The check's notes and safety screen: never shared, but the person's own.
                "private_answers": dict(r.private_answers),
                "safety": dict(r.safety),
                "result": dict(r.result),
                "shared": r.shared,
                "safety_alert": r.safety_alert,
                "taken_at": r.taken_at,
            }
            for r in rows.assessment_results
        ],
        # An unfinished Connection Check: its answers so far, notes included (owner only).
        "check_drafts": [
            {
                "id": d.public_id,
                "instrument": d.instrument,
                "answers": dict(d.answers),
                "screen": d.screen,
                "started_at": d.started_at,
                "updated_at": d.updated_at,
            }
            for d in rows.check_drafts
        ],
        # The code itself is left out: while unused it is a key to pair with this account.
        "invitations": [
            {
                "id": i.public_id,
                "created_at": i.created_at,
                "expires_at": i.expires_at,
                "accepted_at": i.accepted_at,
            }
            for i in rows.invitations
        ],
        # The safety plan is the person's own and goes with them.
        "safety_plans": [
            {
                "id": p.public_id,
                "sections": dict(p.sections),
                "country": p.country,
                "created_at": p.created_at,
                "updated_at": p.updated_at,
            }
            for p in rows.safety_plans
        ],
        # Chat insights: the upload jobs and the weekly aggregates (there is no message text
        # to export: none is ever stored).
        "insight_uploads": [
            {
                "id": j.public_id,
                "status": j.status,
                "error": j.error,
                "size_bytes": j.size_bytes,
                "created_at": j.created_at,
                "finished_at": j.finished_at,
            }
            for j in rows.insight_jobs
        ],
        "chat_insights": [
            {
                "id": h.public_id,
                "people": [h.name_a, h.name_b],
                "shared": h.shared,
                "format": h.chat_format,
                "first_day": h.first_day,
                "last_day": h.last_day,
                "pattern": h.pattern,
                "signals": h.signals,
                # What the insights page needs besides the weeks, so an import shows the same.
                "redacted": h.redacted,
                "totals": h.totals,
                "metrics": h.metrics,
                "caveats": h.caveats,
                "emotion_model": h.emotion_model,
                "uploads": h.uploads,
                "updated_at": h.updated_at,
                "safety": h.safety,
                "weeks": [
                    {"week": w.week, "people": [w.person_a, w.person_b], "couple": w.couple}
                    for w in h.weeks.all()
                ],
            }
            for h in rows.insight_histories
        ],
        # Plans with their steps, what was marked on them and why ("not for us" reasons).
        "plans": [
            {
                "id": p.public_id,
                "week_start": p.week_start,
                "built_at": p.built_at,
                "content": dict(p.content),
                "changes": list(p.changes),
                "safety_alert": p.safety_alert,
                # What it was built from (public ids only) and what the safety scan found
                # (kinds and level, no text): an imported plan stays this week's plan.
                "basis": dict(p.basis),
                "safety": dict(p.safety),
                "steps": [
                    {
                        "id": s.public_id,
                        "strategy": s.strategy_id,
                        "name": s.name,
                        "audience": s.audience,
                        "practice": s.practice,
                        "summary": s.summary,
                        "actions": list(s.actions),
                        "minutes": s.minutes,
                        "status": s.status,
                        "reason": s.reason,
                        "why": list(s.why),
                        "updated_at": s.updated_at,
                    }
                    for s in p.steps.all()
                ],
            }
            for p in rows.plans.prefetch_related("steps")
        ],
        "plan_sharing": next((s.share_joint_steps for s in rows.plan_sharing), False),
        # Thank-yous this person sent, naming the appreciation by its id only: the
        # appreciation itself is the partner's to export.
        "thanks_given": [
            {"id": t.public_id, "appreciation": t.checkin.public_id, "created_at": t.created_at}
            for t in rows.thanks.select_related("checkin")
        ],
        # Only SHA-256 digests are stored, and even those stay out: metadata only.
        "api_tokens": [
            {"id": t.public_id, "created_at": t.created_at, "last_used_at": t.last_used_at}
            for t in rows.api_tokens
        ],
        # The link's token is never stored, so it cannot be exported: label, choices, log.
        "share_links": [
            {
                "id": s.public_id,
                "label": s.label,
                "sections": list(s.sections),
                "journal_entries": list(s.journal_entries),
                "together": s.together,
                "created_at": s.created_at,
                "expires_at": s.expires_at,
                "revoked_at": s.revoked_at,
                "accesses": [{"at": a.at, "client": a.client} for a in s.accesses.order_by("at")],
            }
            for s in rows.share_links
        ],
        # Reminder settings only; which were sent is kept a week, to send none twice.
        "reminders": [
            {
                "id": r.public_id,
                "kind": r.kind,
                "enabled": r.enabled,
                "time_of_day": r.time_of_day.strftime("%H:%M"),
                "days": [WEEKDAYS[d] for d in r.weekdays],
                "channel": r.channel,
                "time_zone": r.time_zone,
                "changed_at": r.changed_at,
            }
            for r in rows.reminders
        ],
    }


def export_json(user: User, now: datetime | None = None) -> str:
    """The export as JSON text, encoded as the API encodes it (ISO dates, UUID strings)."""
    return json.dumps(export_for(user, now), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def export_filename(day: date | None = None) -> str:
    return f"nearer-export-{(day or timezone.localdate()).isoformat()}.json"
