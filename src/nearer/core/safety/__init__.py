"""Safety: the free-text scan, the alerts that put help first, and the safety plan.

- ``vocabulary``: the one set of kinds (self_harm, partner_harm), categories and levels;
- ``text``: texting as people write it, normalised for the rules with a map back to the original;
- ``rules``: the rules as data (``data/*.toml``), schema-checked once and cached;
- ``scan``: ``scan(text) -> ScanResult`` with kinds, level, categories and evidence spans;
- ``alerts``: ``safety_alerts(results, texts)``, screeners and free text together.
"""

from __future__ import annotations

from nearer.core.safety.alerts import TEXT_SOURCE, SafetyAlert, safety_alerts, text_alerts
from nearer.core.safety.scan import NO_RISK, Evidence, ScanResult, scan
from nearer.core.safety.text import normalise
from nearer.core.safety.vocabulary import (
    CATEGORIES,
    KINDS,
    LEVELS,
    PARTNER_HARM,
    SELF_HARM,
    Kind,
    Level,
    highest,
    kind_of,
)

__all__ = [
    "CATEGORIES",
    "KINDS",
    "LEVELS",
    "NO_RISK",
    "PARTNER_HARM",
    "SELF_HARM",
    "TEXT_SOURCE",
    "Evidence",
    "Kind",
    "Level",
    "SafetyAlert",
    "ScanResult",
    "highest",
    "kind_of",
    "normalise",
    "safety_alerts",
    "scan",
    "text_alerts",
]
