"""Safety alerts: every reason to put crisis or safety resources ahead of everything else.

``safety_alerts`` gathers the screeners' own alerts (PHQ-9 item 9, the safety screen) and the
free-text scan of what the person wrote, so the guidance engine, the CLI report and the web
app can lead with help. The texts themselves never appear in an alert.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from nearer.core.instruments.base import ScreenResult
from nearer.core.safety.scan import scan
from nearer.core.safety.vocabulary import (
    KINDS,
    PARTNER_HARM,
    SELF_HARM,
    Kind,
    Level,
    highest,
    kind_of,
)


@dataclass(frozen=True)
class SafetyAlert:
    """One reason to put crisis or safety resources first.

    ``kind`` is "self_harm" or "partner_harm"; ``source`` says where it came from
    ("phq9 item 9", "safety screen", "free text"); ``reason`` is a sentence for the reader;
    ``level`` and ``categories`` come from the scan (screens are "urgent" with no category).
    """

    kind: Kind
    reason: str
    source: str
    level: Level = "urgent"
    categories: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "reason": self.reason,
            "source": self.source,
            "level": self.level,
            "categories": list(self.categories),
        }


TEXT_SOURCE = "free text"
_TEXT_REASONS: dict[str, str] = {
    SELF_HARM: "Something you wrote mentions wanting to die or hurting yourself.",
    PARTNER_HARM: (
        "Something you wrote mentions being afraid of, controlled, threatened or hurt by a partner."
    ),
}


def _screen_alert(result: ScreenResult) -> SafetyAlert:
    details = result.details or {}
    raw_kind = str(details.get("alert_kind", SELF_HARM))
    kind: Kind = PARTNER_HARM if raw_kind == PARTNER_HARM else SELF_HARM
    if result.instrument == "phq9":
        return SafetyAlert(
            SELF_HARM,
            "On the PHQ-9 you said thoughts of being better off dead or of hurting yourself "
            "came up in the last two weeks.",
            "phq9 item 9",
        )
    if result.instrument == "safety":
        return SafetyAlert(
            PARTNER_HARM,
            "On the safety screen you said you have felt afraid, controlled, threatened or "
            "hurt in your relationship.",
            "safety screen",
        )
    item = details.get("safety_item")
    source = f"{result.instrument} item {item}" if item else f"{result.instrument} screen"
    return SafetyAlert(kind, f"An answer on {result.instrument} needs a safety follow-up.", source)


def text_alerts(texts: Iterable[str]) -> list[SafetyAlert]:
    """One alert per kind found in ``texts``, at the highest level and with every category."""
    levels: dict[str, list[Level]] = {}
    categories: dict[str, list[str]] = {}
    for text in texts:
        found = scan(text)
        for evidence in found.evidence:
            kind = kind_of(evidence.category)
            levels.setdefault(kind, []).append(evidence.level)
            categories.setdefault(kind, []).append(evidence.category)
    alerts = []
    for kind in KINDS:
        if kind in levels:
            cats = tuple(dict.fromkeys(categories.get(kind, [])))
            alerts.append(
                SafetyAlert(kind, _TEXT_REASONS[kind], TEXT_SOURCE, highest(levels[kind]), cats)
            )
    return alerts


def safety_alerts(results: Iterable[ScreenResult], texts: Iterable[str]) -> list[SafetyAlert]:
    """Every reason to lead with crisis or safety help, self-harm first, without repeats.

    Screen results raise an alert when their ``safety_alert`` is set; each text is scanned.
    Repeats of the same kind from the same source are merged.
    """
    alerts = [_screen_alert(r) for r in results if r.safety_alert] + text_alerts(texts)
    unique: list[SafetyAlert] = []
    seen: set[tuple[str, str]] = set()
    for alert in alerts:
        if (alert.kind, alert.source) not in seen:
            seen.add((alert.kind, alert.source))
            unique.append(alert)
    # Stable sort: self-harm before partner harm, screens before free text within a kind.
    unique.sort(key=lambda a: (KINDS.index(a.kind), a.source == TEXT_SOURCE))
    return unique
