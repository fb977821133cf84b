"""Chat insights over the API: upload an export, follow its job, read insights and the early
warning. The same access helpers as the pages: a partner sees insights only when shared."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import StrictStr

from nearer.web import access
from nearer.web.api.common import user_of
from nearer.web.api.errors import ACTION, WRITE, BadInput, from_form, problems
from nearer.web.insights import early, jobs, uploads
from nearer.web.insights.charts import headline
from nearer.web.insights.forms import UploadForm, choose_form
from nearer.web.insights.models import InsightHistory

router = Router(tags=["insights"])

# A sender's name as a chat export writes it (phone numbers, emoji, long display names).
SenderName = Annotated[StrictStr, Field(max_length=500)]


class ChoiceIn(Schema):
    """The two people of a group chat to compare: two of the job's ``senders`` names.
    ``me`` is which of them you are (as the chat writes it); it defaults to the name given
    with the upload."""

    people: Annotated[list[SenderName], Field(max_length=50)]
    me: Annotated[StrictStr, Field(max_length=120)] | None = None


def _history(history: InsightHistory, viewer_id: int) -> dict[str, Any]:
    return {
        "id": str(history.public_id),
        "mine": history.owner_id == viewer_id,
        "shared": history.shared,
        "people": [history.name_a, history.name_b],
        "format": history.chat_format,
        "first_day": history.first_day.isoformat(),
        "last_day": history.last_day.isoformat(),
        "messages": [history.messages_a, history.messages_b],
        "uploads": history.uploads,
        "pattern": history.pattern,
        "headline": headline(history),
        "signals": [
            {
                **s,
                "person": history.shown_name(str(s.get("person", ""))),
                "explanation": history.rename(str(s.get("explanation", ""))),
            }
            for s in history.signals
        ],
        "weekly": [
            {
                "week": w.week,
                "week_start": w.week_start.isoformat(),
                "people": [w.person_a, w.person_b],
                "couple": w.couple,
            }
            for w in history.weeks.all()
        ],
        "metrics": history.metrics,
        "caveats": history.caveats,
    }


@router.post(
    "/insights/uploads", response={202: dict[str, Any], **problems(400, 401, 403, 413, 503)}
)
def upload(request: HttpRequest) -> Status[dict[str, Any]]:
    """Multipart form: ``export`` (the file), ``me`` (your name in the chat), ``redact`` and
    ``share`` (true/false). Answers 202 with the job to follow."""
    if uploads.too_big(request):
        raise BadInput(
            f"export: the file is larger than {uploads.limit_text()}. Export the chat without "
            "media.",
            {"export": [f"larger than {uploads.limit_text()}"]},
            status=413,
        )
    user = user_of(request)
    data = request.POST.copy()
    for flag in ("redact", "share"):
        if str(data.get(flag, "")).lower() in ("false", "0", "off", ""):
            data.pop(flag, None)
    form = UploadForm(data, request.FILES)
    if not form.is_valid():
        raise from_form(form)
    try:
        job = jobs.create_job(
            user,
            form.cleaned_data["export"],
            form.cleaned_data["me"],
            redact=form.cleaned_data["redact"],
            share=form.share_chosen,
        )
    except jobs.UploadNotKept as exc:
        raise BadInput(str(exc), {"export": [str(exc)]}, status=503) from exc
    return Status(202, jobs.progress(job))


@router.get("/insights/uploads/{job_id}", response={200: dict[str, Any], **problems(401, 404, 422)})
def job_status(request: HttpRequest, job_id: UUID) -> dict[str, Any]:
    """A job's status and progress; only the uploader gets it."""
    user = user_of(request)
    found = access.get_insight_job_for_user(user, job_id)
    jobs.expire_choices(only=found)
    body = jobs.progress(found)
    history = InsightHistory.objects.filter(owner=found.owner).first()
    body["insights_id"] = str(history.public_id) if history and found.status == "done" else None
    return body


@router.post(
    "/insights/uploads/{job_id}/choice",
    response={202: dict[str, Any], **problems(*WRITE, 404, 409)},
)
def choice(request: HttpRequest, job_id: UUID, body: ChoiceIn) -> Status[dict[str, Any]]:
    """A group chat's two people (the job's status is ``choosing``): 400 unless exactly two
    of its senders, one of them you; 409 when the job no longer waits for a choice."""
    found = access.get_insight_job_for_user(user_of(request), job_id)
    jobs.expire_choices(only=found)
    if not found.choosing:
        raise BadInput(_not_waiting(found), status=409)
    form = choose_form(found, {"people": body.people, "me": body.me or found.me})
    if not form.is_valid():
        raise from_form(form)
    if not jobs.choose(found, form.cleaned_data["people"], form.cleaned_data["me"]):
        raise BadInput(_not_waiting(found), status=409)
    found.refresh_from_db()
    return Status(202, jobs.progress(found))


@router.delete(
    "/insights/uploads/{job_id}", response={200: dict[str, Any], **problems(*ACTION, 404, 409, 422)}
)
def cancel(request: HttpRequest, job_id: UUID) -> dict[str, Any]:
    """Cancel an upload that waits in line or for its choice: the file is deleted at once.
    409 once it is being analysed or has ended."""
    found = access.get_insight_job_for_user(user_of(request), job_id)
    if not jobs.cancel(found):
        raise BadInput(
            "this upload is already being analysed or has ended, so it cannot be cancelled.",
            status=409,
        )
    found.refresh_from_db()
    return jobs.progress(found)


def _not_waiting(found: Any) -> str:
    found.refresh_from_db()
    return f"this upload does not wait for a choice of people (its status is {found.status})."


@router.get("/insights", response={200: list[dict[str, Any]], **problems(401)})
def insights(request: HttpRequest) -> list[dict[str, Any]]:
    """Your chat insights and those your partner shared with you."""
    user = user_of(request)
    return [_history(h, user.pk) for h in access.insights_for_user(user)]


@router.get("/insights/early-warning", response={200: dict[str, Any], **problems(401)})
def early_warning(request: HttpRequest) -> dict[str, Any]:
    """The early warning as you see it: status, headline, evidence, one next step."""
    summary = early.summary_for_user(user_of(request))
    return {
        "status": summary.status,
        "headline": summary.headline,
        "evidence": summary.evidence,
        "next_step": summary.next_step,
        "next_step_text": summary.step_text,
        "next_step_url": summary.step_url,
        "began": summary.began.isoformat() if summary.began else None,
    }


@router.get("/insights/{insights_id}", response={200: dict[str, Any], **problems(401, 404, 422)})
def one(request: HttpRequest, insights_id: UUID) -> dict[str, Any]:
    user = user_of(request)
    return _history(access.get_insights_for_user(user, insights_id), user.pk)
