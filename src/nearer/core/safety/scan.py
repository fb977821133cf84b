"""The free-text safety scan: what a text says about risk, with the words that say it.

``scan(text)`` reads a journal entry, a check-in note, a Connection Check note or an API text
field and returns a ``ScanResult``: whether to alert, the kinds and categories of risk, the
most serious level, and evidence spans (start, end, text) into the original string.
It is offline, deterministic and explainable: every alert shows the words behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nearer.core.safety.patterns import _LOOK_BACK, RULES, normalise
from nearer.core.safety.vocabulary import KINDS, SELF_HARM, Kind, Level, highest


@dataclass(frozen=True)
class Evidence:
    """Words in the original text behind a finding: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    category: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "category": self.category}


@dataclass(frozen=True)
class ScanResult:
    """What one text says about risk; ``level`` is "none" when there is no alert."""

    kinds: tuple[Kind, ...]
    level: Level
    categories: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    @property
    def alert(self) -> bool:
        return bool(self.kinds)

    @property
    def self_harm(self) -> bool:
        return SELF_HARM in self.kinds

    @property
    def partner_harm(self) -> bool:
        return "partner_harm" in self.kinds

    def to_dict(self, text: str) -> dict[str, Any]:
        """The JSON-lines contract of ``nearer safety --jsonl``."""
        return {
            "text": text,
            "alert": self.alert,
            "kinds": list(self.kinds),
            "level": self.level,
            "categories": list(self.categories),
            "evidence": [e.to_dict() for e in self.evidence],
        }


NO_RISK = ScanResult(kinds=(), level="none", categories=(), evidence=())

# Interim: the first scan's patterns carry a kind only, so each kind maps to one category
# and level until the rules are rebuilt as data with their own categories and levels.
_INTERIM: dict[str, tuple[str, Level]] = {
    "self_harm": ("active_ideation", "urgent"),
    "partner_harm": ("fear", "urgent"),
}


def scan(text: str) -> ScanResult:
    """Look for self-harm wording and for fear, control or violence from a partner."""
    clean = normalise(text or "")
    kinds: set[str] = set()
    for rule in RULES:
        for match in rule.pattern.finditer(clean):
            before = clean[max(0, match.start() - _LOOK_BACK) : match.start()]
            if rule.not_after is not None and rule.not_after.search(before):
                continue
            kinds.add(rule.kind)
    if not kinds:
        return NO_RISK
    ordered = tuple(k for k in KINDS if k in kinds)
    return ScanResult(
        kinds=ordered,
        level=highest([_INTERIM[k][1] for k in ordered]),
        categories=tuple(_INTERIM[k][0] for k in ordered),
        evidence=(),
    )
