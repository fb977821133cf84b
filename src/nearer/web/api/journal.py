"""Journal entries: private by default, shared one by one; suggestions with evidence."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from nearer.web import access
from nearer.web.api import schemas
from nearer.web.api.common import person, user_of
from nearer.web.api.errors import ACTION, WRITE, from_form, problems
from nearer.web.journal.forms import JournalEntryForm
from nearer.web.journal.models import JournalEntry
from nearer.web.journal.record import entry_alerts, save_entry
from nearer.web.safety.alerts import summary
from nearer.web.support import suggest_feelings

router = Router(tags=["journal"])
LIMIT = 400


def _entry(request: HttpRequest, found: JournalEntry) -> schemas.Entry:
    mine = found.author_id == user_of(request).pk
    # Only the author is told what the safety scan found; the partner never is.
    safety = summary(entry_alerts(found)) if mine and found.safety_alert else None
    return schemas.Entry(
        id=found.public_id,
        author=person(found.author),
        mine=mine,
        shared=found.shared,
        text=found.text,
        feelings=found.feelings,
        situations=found.situations,
        triggers=found.triggers,
        created_at=found.created_at,
        safety_alert=found.safety_alert if mine else False,
        safety=schemas.Safety(**safety) if safety else None,
    )


def _form(body: schemas.EntryIn) -> JournalEntryForm:
    form = JournalEntryForm(
        {
            "text": body.text,
            "feelings": ", ".join(body.feelings),
            "situations": ", ".join(body.situations),
            "triggers": ", ".join(body.triggers),
            "shared": "on" if body.shared else "",
        }
    )
    if not form.is_valid():
        raise from_form(form)
    return form


@router.get("", response={200: list[schemas.Entry], **problems(401)})
def entries(request: HttpRequest) -> list[schemas.Entry]:
    """Your entries and the ones your partner shared with you, newest first."""
    return [_entry(request, e) for e in access.entries_for_user(user_of(request))[:LIMIT]]


@router.post("", response={201: schemas.Entry, **problems(*WRITE)})
def create(request: HttpRequest, body: schemas.EntryIn) -> Status[schemas.Entry]:
    user = user_of(request)
    entry = save_entry(user, JournalEntry(author=user), _form(body).cleaned_data)
    return Status(201, _entry(request, entry))


@router.get("/{entry_id}", response={200: schemas.Entry, **problems(401, 404, 422)})
def one(request: HttpRequest, entry_id: UUID) -> schemas.Entry:
    return _entry(request, access.get_entry_for_user(user_of(request), entry_id))


@router.patch("/{entry_id}", response={200: schemas.Entry, **problems(*WRITE, 404)})
def change(request: HttpRequest, entry_id: UUID, body: schemas.EntryPatch) -> schemas.Entry:
    """Change your own entry; fields left out keep their value. ``shared`` toggles sharing."""
    user = user_of(request)
    entry = access.get_own_entry_for_user(user, entry_id)
    merged = schemas.EntryIn(
        text=body.text if body.text is not None else entry.text,
        feelings=body.feelings if body.feelings is not None else entry.feelings,
        situations=body.situations if body.situations is not None else entry.situations,
        triggers=body.triggers if body.triggers is not None else entry.triggers,
        shared=body.shared if body.shared is not None else entry.shared,
    )
    save_entry(user, entry, _form(merged).cleaned_data)
    return _entry(request, entry)


@router.delete("/{entry_id}", response={204: None, **problems(*ACTION, 404, 422)})
def remove(request: HttpRequest, entry_id: UUID) -> Status[None]:
    access.get_own_entry_for_user(user_of(request), entry_id).delete()
    return Status(204, None)


@router.get(
    "/{entry_id}/suggestions",
    response={200: list[schemas.Suggestion], **problems(401, 404, 422)},
)
def suggestions(request: HttpRequest, entry_id: UUID) -> list[schemas.Suggestion]:
    """Feelings the text may hold, each with the words that point to it (own entries only)."""
    entry = access.get_own_entry_for_user(user_of(request), entry_id)
    return [
        schemas.Suggestion(word=s.word, quadrant=s.quadrant, evidence=list(s.evidence))
        for s in suggest_feelings(entry.text)
    ]
