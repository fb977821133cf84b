"""``{% reminder_settings %}`` (the Settings section) and ``{% reminder_notices %}`` (the
home page's gentle cards), so those pages' own views need not know about reminders."""

from __future__ import annotations

from typing import Any

from django import template

from nearer.web.accounts.models import User
from nearer.web.reminders import send
from nearer.web.reminders.forms import RemindersForm
from nearer.web.reminders.models import TALK

register = template.Library()


def _user(context: template.Context) -> User | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if isinstance(user, User) else None


@register.inclusion_tag("reminders/_settings.html", takes_context=True)
def reminder_settings(context: template.Context) -> dict[str, Any]:
    user = _user(context)
    if user is None:
        return {}
    form = RemindersForm(reminders=send.reminders_for(user))
    return {
        "form": form,
        "mail_works": send.mail_works(),
        "partner": user.partner,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("reminders/_notices.html", takes_context=True)
def reminder_notices(context: template.Context) -> dict[str, Any]:
    """The in-app reminders due today. A weekly-talk one is left to the home page's own
    "Time for your weekly talk" card when that shows, so the talk is not asked for twice."""
    user = _user(context)
    notices = send.notices_for(user) if user is not None else []
    if context.get("talk_due"):
        notices = [n for n in notices if n.reminder.kind != TALK]
    return {
        "notices": notices,
        "csrf_token": context.get("csrf_token"),
    }
