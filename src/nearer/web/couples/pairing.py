"""Pairing and unpairing, kept apart from the views so the API does exactly the same."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from nearer.core.errors import NearerError
from nearer.web.accounts.models import User
from nearer.web.assessments.models import AssessmentResult
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.conflicts import retry_on_conflict
from nearer.web.couples.models import Couple, Invitation
from nearer.web.journal.models import JournalEntry


class PairingError(NearerError):
    """A pairing step the current state does not allow; the message says what to do."""


def invite(user: User) -> Invitation:
    """A fresh one-time code; earlier unused codes of this user stop working."""
    if user.couple_id is not None:
        raise PairingError("You are already paired. Unpair first to invite someone else.")
    Invitation.objects.filter(inviter=user, accepted_at__isnull=True).delete()
    return Invitation.objects.create(inviter=user)


def current_invitation(user: User) -> Invitation | None:
    found = (
        Invitation.objects.filter(inviter=user, accepted_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    return found if found is not None and found.usable else None


@retry_on_conflict
@transaction.atomic
def accept(user: User, invitation: Invitation) -> Couple:
    """Pair ``user`` with the invitation's author; safe when many try at once.

    Both people are locked in one query in key order (PostgreSQL: two people redeeming each
    other's codes at the same moment cannot deadlock; SQLite: the IMMEDIATE transaction
    already holds the only write lock), their state is read again under the lock, and the
    code is spent with a conditional UPDATE, so exactly one of several redeemers wins and
    the others get a PairingError.
    """
    if invitation.inviter_id == user.pk:
        raise PairingError("This is your own code. Give it to your partner to type in.")
    locked = {
        person.pk: person
        for person in User.objects.select_for_update()
        .filter(pk__in=[invitation.inviter_id, user.pk])
        .order_by("pk")
    }
    inviter, me = locked[invitation.inviter_id], locked[user.pk]
    if me.couple_id is not None:
        raise PairingError("You are already paired. Unpair first to join someone else.")
    if inviter.couple_id is not None:
        raise PairingError("This code is no longer valid. Ask your partner for a new one.")
    now = timezone.now()
    spent = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
    ).update(accepted_at=now)
    if spent != 1:
        raise PairingError("This code is no longer valid. Ask your partner for a new one.")
    couple = Couple.objects.create()
    User.objects.filter(pk__in=[inviter.pk, me.pk]).update(couple=couple)
    invitation.accepted_at = now
    Invitation.objects.filter(inviter__in=[inviter, me], accepted_at__isnull=True).delete()
    user.couple = couple
    return couple


@dataclass(frozen=True)
class UnpairPreview:
    """What unpairing changes, shown before the person confirms."""

    my_shared_entries: int
    partner_shared_entries: int
    appreciations_received: int
    appreciations_given: int
    my_shared_results: int
    weekly_talks: int


def preview(user: User) -> UnpairPreview:
    couple_id = user.couple_id
    if couple_id is None:
        return UnpairPreview(0, 0, 0, 0, 0, 0)
    entries = JournalEntry.objects.filter(couple_id=couple_id, shared=True)
    checkins = DailyCheckIn.objects.filter(couple_id=couple_id).exclude(appreciation="")
    return UnpairPreview(
        my_shared_entries=entries.filter(author=user).count(),
        partner_shared_entries=entries.exclude(author=user).count(),
        appreciations_received=checkins.exclude(author=user).count(),
        appreciations_given=checkins.filter(author=user).count(),
        my_shared_results=AssessmentResult.objects.filter(
            couple_id=couple_id, shared=True, user=user
        ).count(),
        weekly_talks=WeeklyCheckIn.objects.filter(couple_id=couple_id).count(),
    )


@retry_on_conflict
@transaction.atomic
def unpair(user: User) -> None:
    """End the couple. Each keeps their own items; what was shared in it turns private and
    stops naming the couple, so no page says "shared" any more and pairing again (with the
    same partner or another) never reopens it: sharing again is a fresh choice."""
    if user.couple_id is None:
        raise PairingError("You are not paired, so there is nothing to undo.")
    couple = Couple.objects.select_for_update().get(pk=user.couple_id)
    couple.ended_at = timezone.now()
    couple.save(update_fields=["ended_at"])
    JournalEntry.objects.filter(couple=couple).update(shared=False, couple=None)
    AssessmentResult.objects.filter(couple=couple).update(shared=False, couple=None)
    User.objects.filter(couple=couple).update(couple=None)
    user.couple = None
