"""Assessments: the instruments, taking one, results over time, the perception gap."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from nearer.core.errors import AnswerError, UnknownInstrument
from nearer.web import access
from nearer.web.api import schemas
from nearer.web.api.common import user_of
from nearer.web.api.errors import WRITE, BadInput, problems
from nearer.web.assessments import instruments
from nearer.web.assessments.models import AssessmentResult
from nearer.web.assessments.reading import partner_result
from nearer.web.assessments.record import perception_gap, save_result
from nearer.web.safety.alerts import stored_alerts, summary

router = Router(tags=["assessments"])
LIMIT = 200
NOT_A_DIAGNOSIS = (
    "This is not a diagnosis: it describes the answers given on one day and can point to "
    "something worth talking about, with each other or with a professional."
)


def _result(request: HttpRequest, found: AssessmentResult) -> schemas.Assessment:
    mine = found.user_id == user_of(request).pk
    # Only the author is told what the screens and notes showed; the partner never is.
    safety = summary(stored_alerts(found)) if mine else None
    return schemas.Assessment(
        id=found.public_id,
        instrument=found.instrument,
        taken_at=found.taken_at,
        mine=mine,
        shared=found.shared,
        safety_alert=found.safety_alert if mine else False,
        safety=schemas.Safety(**safety) if safety else None,
        result=found.result if mine else partner_result(found.result, found.answers),
        disclaimer=NOT_A_DIAGNOSIS,
    )


@router.get("/instruments", response=list[schemas.Instrument], auth=None)
def instrument_list(request: HttpRequest) -> list[schemas.Instrument]:
    return [
        schemas.Instrument(
            id=i.id,
            name=i.name,
            purpose=i.purpose,
            timeframe=i.timeframe,
            items=[
                schemas.InstrumentItem(
                    id=item.id,
                    text=item.text,
                    optional=item.optional,
                    choices=[schemas.Choice(value=c.value, label=c.label) for c in item.choices],
                )
                for item in i.items
            ],
        )
        for i in instruments.all_instruments()
    ]


@router.post("/assessments", response={201: schemas.Assessment, **problems(*WRITE)})
def take(request: HttpRequest, body: schemas.AssessmentIn) -> Status[schemas.Assessment]:
    """Score and store one instrument. Bad answers: 400 naming the item and allowed values."""
    try:
        found = instruments.instrument(body.instrument)
        result = save_result(user_of(request), found.id, dict(body.answers), body.shared)
    except UnknownInstrument as exc:
        raise BadInput(str(exc), {"instrument": [str(exc)]}) from exc
    except AnswerError as exc:
        raise BadInput(str(exc), {"answers": [str(exc)]}) from exc
    return Status(201, _result(request, result))


@router.get("/assessments", response={200: list[schemas.Assessment], **problems(401)})
def mine(request: HttpRequest) -> list[schemas.Assessment]:
    """Your results over time, newest first."""
    found = access.results_for_user(user_of(request))[:LIMIT]
    return [_result(request, r) for r in found]


@router.get(
    "/assessments/{result_id}", response={200: schemas.Assessment, **problems(401, 404, 422)}
)
def one(request: HttpRequest, result_id: UUID) -> schemas.Assessment:
    return _result(request, access.get_result_for_user(user_of(request), result_id))


@router.get("/gap", response={200: schemas.GapOut, **problems(401)})
def gap(request: HttpRequest) -> schemas.GapOut:
    """The perception gap, once both partners took the Connection Check and shared it."""
    state = perception_gap(user_of(request))
    return schemas.GapOut(
        available=state.comparison is not None,
        missing=state.missing,
        comparison=state.comparison.to_dict() if state.comparison else None,
    )
