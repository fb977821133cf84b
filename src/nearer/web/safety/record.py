"""Reading and saving a person's safety plan through the core ``SafetyPlan`` checks."""

from __future__ import annotations

from django.utils import timezone

from nearer.core.knowledge import load
from nearer.core.safety.plan import SafetyPlan, new_plan
from nearer.web.accounts.models import User
from nearer.web.safety.models import SafetyPlanRecord


def plan_of(record: SafetyPlanRecord) -> SafetyPlan:
    """The stored plan as the core type (stored rows were checked when saved)."""
    return SafetyPlan.from_dict(
        {
            "sections": dict(record.sections),
            "country": record.country or None,
            "updated_at": record.updated_at.isoformat(timespec="seconds"),
        }
    )


def starting_plan(user: User) -> SafetyPlan:
    """What a person who has no plan yet starts from: their country's crisis lines filled in."""
    return new_plan(load().crisis_for(user.country or None))


def save_plan(user: User, plan: SafetyPlan) -> SafetyPlanRecord:
    """Store ``plan`` as the user's one safety plan (created on first save)."""
    record, _ = SafetyPlanRecord.objects.update_or_create(
        user=user,
        defaults={
            "sections": {k: list(v) for k, v in plan.sections.items()},
            "country": plan.country or user.country or "",
            "updated_at": timezone.now(),
        },
    )
    return record
