"""Daily check-ins, appreciations, the weekly summary and talks, and the feelings list."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from nearer.core.safety import SafetyAlert
from nearer.web import access, vocab
from nearer.web.accounts.models import User
from nearer.web.api import schemas
from nearer.web.api.common import user_of
from nearer.web.api.errors import ACTION, WRITE, from_form, problems
from nearer.web.checkins.forms import DailyCheckInForm
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.checkins.record import record_weekly, save_today
from nearer.web.checkins.summary import WeekSummary, summarise, week_start
from nearer.web.plans.record import thank_for
from nearer.web.safety.alerts import of_texts
from nearer.web.safety.alerts import summary as safety_summary

router = Router(tags=["check-ins"])
LIMIT = 400


def _safety(alerts: list[SafetyAlert]) -> schemas.Safety | None:
    found = safety_summary(alerts)
    return schemas.Safety(**found) if found else None


def _checkin(found: DailyCheckIn) -> schemas.CheckIn:
    # Check-ins are only ever returned to their author (access.checkins_for_user).
    alerts = of_texts(found.private_note, found.appreciation) if found.safety_alert else []
    return schemas.CheckIn(
        id=found.public_id,
        day=found.day,
        quadrant=found.quadrant,
        feeling=found.feeling,
        closeness=found.closeness,
        appreciation=found.appreciation,
        private_note=found.private_note,
        safety_alert=found.safety_alert,
        safety=_safety(alerts),
    )


@router.get("/feelings", response=list[schemas.Quadrant], auth=None)
def feelings(request: HttpRequest) -> list[schemas.Quadrant]:
    """The vocabulary a check-in picks from: four areas, each with its words."""
    return [
        schemas.Quadrant(
            id=q.id,
            name=q.name,
            description=q.description,
            feelings=[
                schemas.FeelingWord(word=f.word, meaning=f.meaning, family=f.family)
                for f in q.feelings
            ],
        )
        for q in vocab.all_quadrants()
    ]


@router.get("/checkins", response={200: list[schemas.CheckIn], **problems(401)})
def my_checkins(request: HttpRequest) -> list[schemas.CheckIn]:
    """Your own check-ins, newest first (notes included: only you get these)."""
    return [_checkin(c) for c in access.checkins_for_user(user_of(request))[:LIMIT]]


@router.post("/checkins", response={201: schemas.CheckIn, **problems(*WRITE)})
def check_in(request: HttpRequest, body: schemas.CheckInIn) -> Status[schemas.CheckIn]:
    """Today's check-in; sending again the same day replaces it. ``quadrant`` may be left
    out: it then follows from the word."""
    data = body.dict()
    derived = not data.get("quadrant")
    if derived:
        found = vocab.lookup(body.feeling)
        data["quadrant"] = found.quadrant if found else ""
    form = DailyCheckInForm(data)
    if not form.is_valid():
        if derived and "feeling" in form.errors:
            del form.errors["quadrant"]  # the unknown word is the one thing to fix
        raise from_form(form)
    checkin, _ = save_today(user_of(request), form.cleaned_data)
    return Status(201, _checkin(checkin))


@router.get("/checkins/{checkin_id}", response={200: schemas.CheckIn, **problems(401, 404, 422)})
def one_checkin(request: HttpRequest, checkin_id: UUID) -> schemas.CheckIn:
    return _checkin(access.get_checkin_for_user(user_of(request), checkin_id))


@router.get("/partner/days", response={200: list[schemas.PartnerDay], **problems(401)})
def partner_days(request: HttpRequest) -> list[schemas.PartnerDay]:
    """The partner's days as they share them: always the appreciation; feeling and closeness
    only if they turned on daily sharing; never their private note."""
    return [
        schemas.PartnerDay(
            day=d.day, feeling=d.feeling, closeness=d.closeness, appreciation=d.appreciation
        )
        for d in access.partner_days_for_user(user_of(request), limit=LIMIT)
    ]


@router.get("/appreciations", response={200: list[schemas.Appreciation], **problems(401)})
def appreciations(request: HttpRequest) -> list[schemas.Appreciation]:
    """What your partner appreciated about you, newest first."""
    return [
        schemas.Appreciation(
            id=a.id,
            day=a.day,
            text=a.text,
            author=schemas.Person(id=a.author_id, display_name=a.author_name),
            thanked=a.thanked,
        )
        for a in access.appreciations_for_user(user_of(request), limit=LIMIT)
    ]


@router.post(
    "/appreciations/{checkin_id}/thanks",
    response={201: schemas.Message, **problems(*ACTION, 404, 422)},
)
def thank(request: HttpRequest, checkin_id: UUID) -> Status[schemas.Message]:
    """Say thank you for an appreciation your partner wrote you (once; again is a no-op)."""
    thank_for(user_of(request), checkin_id)
    return Status(201, schemas.Message(detail="Thank you sent."))


def _week(found: WeekSummary) -> schemas.WeekSummary:
    return schemas.WeekSummary(**found.__dict__)


@router.get("/summary", response={200: schemas.Summary, **problems(401)})
def summary(request: HttpRequest) -> schemas.Summary:
    """This week's summary: yours in figures; your partner's in bands and words, from three
    check-ins on."""
    user = user_of(request)
    start = week_start(timezone.localdate())
    theirs = access.partner_week_for_user(user, start)
    return schemas.Summary(
        me=_week(summarise(access.checkins_for_user(user), start)),
        partner=schemas.PartnerWeekSummary(**theirs.__dict__) if theirs else None,
    )


def _talk(user: User, talk: WeeklyCheckIn) -> schemas.WeeklyTalk:
    # A note and its safety result belong to whoever recorded the talk, never the partner.
    mine = talk.recorded_by_id == user.pk
    alerts = of_texts(talk.note) if mine and talk.safety_alert else []
    return schemas.WeeklyTalk(
        id=talk.public_id,
        done_at=talk.done_at,
        note=talk.note if mine else "",
        safety=_safety(alerts),
    )


@router.get("/weekly", response={200: list[schemas.WeeklyTalk], **problems(401)})
def weekly(request: HttpRequest) -> list[schemas.WeeklyTalk]:
    user = user_of(request)
    return [_talk(user, w) for w in access.weekly_for_user(user)[:LIMIT]]


@router.post("/weekly", response={201: schemas.WeeklyTalk, **problems(*WRITE)})
def weekly_done(
    request: HttpRequest, body: schemas.WeeklyIn | None = None
) -> Status[schemas.WeeklyTalk]:
    """Record that the weekly 10-minute talk happened, with an optional private ``note``."""
    note = body.note if body is not None else ""
    user = user_of(request)
    talk, _ = record_weekly(user, note)
    return Status(201, _talk(user, talk))
