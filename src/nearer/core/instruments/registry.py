"""Find a screener by id: ``get_screener("PHQ-9")`` is the PHQ-9.

Ids are matched without regard to case, hyphens, underscores, dots or spaces, so the names
people write ("PHQ-9", "audit-c", "PC-PTSD-5") all work.
"""

from __future__ import annotations

import re

from nearer.core.errors import UnknownInstrument
from nearer.core.instruments.auditc import AUDITC
from nearer.core.instruments.epds import EPDS
from nearer.core.instruments.pcptsd5 import PCPTSD5
from nearer.core.instruments.phq_gad import GAD2, GAD7, PHQ2, PHQ9
from nearer.core.instruments.safety_screen import SAFETY
from nearer.core.instruments.screener import Screener

SCREENERS: dict[str, Screener] = {
    screener.id: screener for screener in (PHQ9, PHQ2, GAD7, GAD2, PCPTSD5, AUDITC, EPDS, SAFETY)
}

# Other names people use for the same instrument, after normalising.
ALIASES: dict[str, str] = {
    "safetyscreen": "safety",
    "ptsd5": "pcptsd5",
    "edinburgh": "epds",
    "edinburghpostnataldepressionscale": "epds",
}

_SEPARATORS = re.compile(r"[\s\-_.]+")


def normalise_id(name: str) -> str:
    """``" PHQ-9 "`` -> ``"phq9"``."""
    key = _SEPARATORS.sub("", str(name).strip().lower())
    return ALIASES.get(key, key)


def get_screener(name: str) -> Screener:
    """The screener called ``name``; raises ``UnknownInstrument`` listing the valid ids."""
    screener = SCREENERS.get(normalise_id(name))
    if screener is None:
        raise UnknownInstrument(
            f"unknown instrument {name!r}; choose one of {', '.join(SCREENERS)}."
        )
    return screener
