"""The one way the web app sets and shows a safety alert.

A view that saved something a person wrote calls ``remember(request, alerts)``; the next
page (whatever it is) shows the help first, through the ``nearer`` context processor, which
calls ``take``. Only kinds, the level and categories go into the session, never the text.
A partner-harm alert also turns on quick exit for the rest of the session, on every page.
The partner is never told: nothing here touches the partner's session or data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest

from nearer.core.safety import PARTNER_HARM, SafetyAlert, highest, text_alerts
from nearer.core.safety.response import alerts_from

ALERT_KEY = "safety_alert"
QUICK_EXIT_KEY = "quick_exit"


def summary(alerts: Iterable[SafetyAlert]) -> dict[str, Any] | None:
    """Kinds, level and categories of ``alerts`` (the API's ``safety`` object); None if none."""
    found = list(alerts)
    if not found:
        return None
    return {
        "kinds": list(dict.fromkeys(a.kind for a in found)),
        "level": highest([a.level for a in found]),
        "categories": list(dict.fromkeys(c for a in found for c in a.categories)),
    }


def of_texts(*texts: str) -> list[SafetyAlert]:
    """Scan what a person wrote (empty fields skipped): one alert per kind found."""
    return text_alerts([t for t in texts if t and t.strip()])


def remember(request: HttpRequest, alerts: Iterable[SafetyAlert]) -> bool:
    """Keep ``alerts`` for the next page; True when there was any. Merges with an alert
    not yet shown, so two saves in a row lose nothing."""
    found = list(alerts)
    if not found:
        return False
    earlier = take(request, keep=True)
    merged = summary([*earlier, *found])
    request.session[ALERT_KEY] = merged
    if merged and PARTNER_HARM in merged["kinds"]:
        request.session[QUICK_EXIT_KEY] = True
    return True


def take(request: HttpRequest, keep: bool = False) -> list[SafetyAlert]:
    """The alerts remembered for this page, removed from the session unless ``keep``."""
    session = getattr(request, "session", None)
    if session is None:
        return []
    stored = session.get(ALERT_KEY) if keep else session.pop(ALERT_KEY, None)
    if not isinstance(stored, dict):
        return []
    kinds = [str(k) for k in stored.get("kinds", []) if isinstance(k, str)]
    categories = [str(c) for c in stored.get("categories", []) if isinstance(c, str)]
    return alerts_from(kinds, str(stored.get("level", "urgent")), categories)


def quick_exit_on(request: HttpRequest) -> bool:
    """Quick exit shows on every page once a partner-harm alert was raised this session."""
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(QUICK_EXIT_KEY, False))


def stored_alerts(item: object) -> list[SafetyAlert]:
    """The alerts saved with an item that keeps ``safety`` (kinds, level, categories)."""
    stored = getattr(item, "safety", None)
    if not getattr(item, "safety_alert", False):
        return []
    if not isinstance(stored, dict) or not stored.get("kinds"):
        # Saved before kinds were kept: a screen alert without detail.
        return alerts_from(["self_harm"], "urgent", [], source="screen")
    return alerts_from(
        [str(k) for k in stored.get("kinds", [])],
        str(stored.get("level", "urgent")),
        [str(c) for c in stored.get("categories", [])],
    )
