"""Changing a plan's steps, sharing the joint ones, and thanking for an appreciation: shared
by the pages and the API, so both refuse the same things with the same words."""

from __future__ import annotations

from django.utils import timezone

from nearer.core.errors import NearerError
from nearer.core.safety import SafetyAlert
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.plans.models import (
    DONE,
    NOT_FOR_US,
    REASON_LIMIT,
    STEP_STATUSES,
    TODO,
    PlanSharing,
    PlanStep,
    Thanks,
)
from nearer.web.safety.alerts import of_texts

STATUSES = tuple(value for value, _ in STEP_STATUSES)


class StepRefused(NearerError):
    """A step change that cannot be made; nothing was changed."""

    def __init__(self, message: str, field: str = "status") -> None:
        super().__init__(message)
        self.field = field


def set_step_status(user: User, step: PlanStep, status: str, reason: str = "") -> list[SafetyAlert]:
    """Mark a step done, to do again, or not for us (with an optional reason, scanned for
    safety like every text a person writes). Returns the alerts the reason raised."""
    if status not in STATUSES:
        raise StepRefused(f"status must be one of {', '.join(STATUSES)}; got {status!r}.")
    reason = reason.strip()
    if len(reason) > REASON_LIMIT:
        raise StepRefused(
            f"The reason is {len(reason)} characters; keep it under {REASON_LIMIT + 1}.", "reason"
        )
    if status == NOT_FOR_US and step.is_help:
        raise StepRefused(
            "Professional help that is due cannot be set aside here. Talk it over with the "
            "person it is for, or mark it done once you have reached out."
        )
    step.status = status
    step.reason = reason if status == NOT_FOR_US else ""
    step.updated_at = timezone.now()
    step.save(update_fields=["status", "reason", "updated_at"])
    return of_texts(reason) if status == NOT_FOR_US else []


def bring_back(user: User, strategy_id: str) -> int:
    """Undo "not for us" for a strategy in every plan of this user; the next plan may offer
    it again. Returns how many steps changed."""
    return PlanStep.objects.filter(
        plan__user=user, strategy_id=strategy_id, status=NOT_FOR_US
    ).update(status=TODO, reason="", updated_at=timezone.now())


def set_sharing(user: User, share: bool) -> None:
    PlanSharing.objects.update_or_create(
        user=user, defaults={"share_joint_steps": share, "updated_at": timezone.now()}
    )


def thank_for(user: User, checkin_public_id: object) -> Thanks:
    """Thank the partner for one appreciation they wrote this user (404 for anything else).
    Thanking twice keeps the first thank-you."""
    checkin = access.get_appreciation_for_user(user, checkin_public_id)
    found, _ = Thanks.objects.get_or_create(checkin=checkin, thanked_by=user)
    return found


__all__ = [
    "DONE",
    "NOT_FOR_US",
    "TODO",
    "StepRefused",
    "bring_back",
    "set_sharing",
    "set_step_status",
    "thank_for",
]
