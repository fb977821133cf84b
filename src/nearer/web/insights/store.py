"""Writing an analysis into a person's history: aggregates only, merged by ISO week.

A newer export extends the history: weeks it covers replace the stored ones (newer wins), and
weeks only the older exports had are kept. "Newer" means the export that reaches the later
last message, so uploading an old export after a new one never overwrites recent weeks.
Everything is written in one transaction, together with the job's "done", so a worker that
dies half way leaves nothing half-written.

A history holds one conversation. Sender names are never stored, so a different chat (with a
friend, or another pair picked from a group) is told apart by its weeks: two exports of the
same chat count the same messages in the whole weeks both cover, so when most of the shared
weeks disagree the upload is refused rather than mixed into the couple's history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from nearer.core.errors import ChatError
from nearer.core.safety.vocabulary import KINDS, highest
from nearer.web.insights.analysis import PARTNER_A, PARTNER_B
from nearer.web.insights.models import InsightHistory, InsightJob, InsightWeek

# Keys of a weekly row that are labels, not metrics.
_LABELS = ("week", "week_start", "person")


def _weeks(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The report's weekly rows regrouped as one entry per ISO week."""
    weeks: dict[str, dict[str, Any]] = {}
    for row in data["weekly"]:
        entry = weeks.setdefault(
            row["week"], {"start": date.fromisoformat(row["week_start"]), "a": {}, "b": {}}
        )
        side = "a" if row["person"] == PARTNER_A else "b"
        entry[side] = {k: v for k, v in row.items() if k not in _LABELS}
    for row in data.get("couple_weekly", []):
        if row["week"] in weeks:
            weeks[row["week"]]["couple"] = {"lsm": row.get("lsm")}
    return weeks


# Two exports of one chat may differ a little in a week (a message deleted for everyone, a
# system notice read differently by the Android and iOS layouts): a week agrees when each
# person's count is within this share of the stored one.
AGREE_WITHIN = 0.1


def _agrees(stored: int, new: int) -> bool:
    return abs(stored - new) <= max(1.0, AGREE_WITHIN * max(stored, new))


def different_chat(existing: dict[str, InsightWeek], weeks: dict[str, dict[str, Any]]) -> bool:
    """True when the new export's weeks contradict the stored ones: of the whole weeks both
    cover (each side's first and last week can be cut short by where an export starts or
    ends, so they are left out), more than half disagree on either person's messages."""
    inner_old = sorted(existing)[1:-1]
    inner_new = set(sorted(weeks)[1:-1])
    # No week in common (an export of a later or earlier stretch) leaves nothing to compare.
    shared = [w for w in inner_old if w in inner_new]
    compared = disagree = 0
    for w in shared:
        row, entry = existing[w], weeks[w]
        old = (_count(row.person_a), _count(row.person_b))
        new = (_count(entry["a"]), _count(entry["b"]))
        if not any(old + new):
            continue  # a silent week in both says nothing about which chat this is
        compared += 1
        disagree += not (_agrees(old[0], new[0]) and _agrees(old[1], new[1]))
    return disagree * 2 > compared > 0


def _count(metrics: dict[str, Any]) -> int:
    return int(metrics.get("messages") or 0)


DIFFERENT_CHAT = (
    "this export does not match the chat in your saved insights: in the weeks both cover, "
    "the message counts differ, so it looks like a conversation with someone else (or your "
    "name was given as the other person's). Upload the chat with the same person, or "
    "delete your saved insights first to start over with this one."
)


def labels_for(job: InsightJob) -> tuple[str, str]:
    if job.redact:
        return PARTNER_A, PARTNER_B
    return (job.label_a or job.owner.display_name, job.label_b or "your partner")


def save_report(job: InsightJob, data: dict[str, Any]) -> InsightHistory:
    """Merge ``data`` (the JSON report, people labelled Partner A/B) into the uploader's
    history and mark the job done, all or nothing."""
    with transaction.atomic():
        owner = job.owner
        history = InsightHistory.objects.select_for_update().filter(owner=owner).first()
        last = date.fromisoformat(data["last"][:10])
        first = date.fromisoformat(data["first"][:10])
        newer = history is None or last >= history.last_day
        name_a, name_b = labels_for(job)
        if history is None:
            history = InsightHistory(owner=owner, first_day=first, last_day=last)
        weeks = _weeks(data)
        existing = {w.week: w for w in history.weeks.all()} if history.pk else {}
        if different_chat(existing, weeks):
            raise ChatError(DIFFERENT_CHAT)
        if newer:
            history.pattern = data["pattern"]
            history.signals = data["signals"]
            history.totals = data["totals"]
            history.metrics = data["metrics"]
            history.caveats = data["caveats"]
            history.chat_format = data["format"]
            history.emotion_model = bool(data["settings"].get("emotion_model"))
        history.safety = merged_safety(history.safety, data.get("safety"))
        history.first_day = min(history.first_day, first)
        history.last_day = max(history.last_day, last)
        history.name_a, history.name_b, history.redacted = name_a, name_b, job.redact
        history.shared = job.share
        history.couple_id = owner.couple_id if job.share else None
        history.uploads += 1
        history.updated_at = timezone.now()
        history.save()
        for week, entry in weeks.items():
            row = existing.get(week)
            if row is not None and not newer:
                continue  # an older export never overwrites a week a newer one gave
            if row is None:
                row = InsightWeek(history=history, week=week)
            row.week_start = entry["start"]
            row.person_a, row.person_b = entry["a"], entry["b"]
            row.couple = entry.get("couple", {})
            row.save()
        counts = [0, 0]
        for row in history.weeks.all():
            counts[0] += int(row.person_a.get("messages") or 0)
            counts[1] += int(row.person_b.get("messages") or 0)
        history.messages_a, history.messages_b = counts
        history.save(update_fields=["messages_a", "messages_b"])
        InsightJob.objects.filter(pk=job.pk).update(
            status=InsightJob.DONE, stage="done", finished_at=timezone.now(), error=""
        )
    return history


def merged_safety(
    stored: dict[str, Any] | None, found: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The uploader's safety summary with a new export's finding added: kinds and categories
    joined, the most serious level, per ISO week the larger count (two exports that both
    hold a week count its messages once), and which of the two roles wrote them. Only these
    aggregates are kept: no text, no names, no help lines (those are chosen when the page is
    shown)."""
    if not found:
        return stored
    weeks = {w["week"]: w for w in (stored or {}).get("weeks", [])}
    for w in found["weeks"]:
        old = weeks.get(w["week"])
        if old is None or w["messages"] > old["messages"]:
            weeks[w["week"]] = {k: w[k] for k in ("week", "week_start", "messages")}
    # Whose messages they were, as the roles "Partner A" (the uploader) and "Partner B": the
    # page words the help differently when only the other person wrote them.
    writers = {*(stored or {}).get("writers", []), *found.get("senders", {})}
    kinds = [*(stored or {}).get("kinds", []), *found["kinds"]]
    categories = [*(stored or {}).get("categories", []), *found["categories"]]
    levels = [found["level"], *([stored["level"]] if stored else [])]
    ordered = [weeks[k] for k in sorted(weeks)]
    return {
        "kinds": [k for k in KINDS if k in kinds],
        "level": highest(levels),
        "categories": list(dict.fromkeys(categories)),
        "messages": sum(w["messages"] for w in ordered),
        "weeks": ordered,
        "writers": sorted(w for w in writers if w in (PARTNER_A, PARTNER_B)),
    }
