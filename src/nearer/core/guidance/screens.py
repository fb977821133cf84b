"""Screeners outrank guesses: a completed screener decides the factor it screens for.

The Connection Check's factors are estimates from answers; a validated screen is better
evidence about the person who took it. So a negative screen caps its factor at "possible"
(and the read-out says the screen was negative), and a positive one makes it "likely" with
the matching referral (``help.py``). A screen speaks for the person who took it, the writer:
a factor that rests only on answers about the partner is left as it is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from nearer.core.instruments.base import ScreenResult
from nearer.core.instruments.connection_check import Whose
from nearer.core.instruments.connection_scoring import (
    LIKELY,
    POSSIBLE,
    ConnectionResult,
    Driver,
    FactorEvidence,
    ScreenEvidence,
)
from nearer.core.instruments.registry import get_screener

# Which factor each screener decides (docs/guidance.md, "Screeners outrank guesses").
SCREEN_FACTOR: dict[str, str] = {
    "phq9": "depression",
    "phq2": "depression",
    "epds": "depression",
    "gad7": "anxiety",
    "gad2": "anxiety",
    "pcptsd5": "trauma",
    "auditc": "substance_use",
}


def _evidence(screen: ScreenResult) -> ScreenEvidence:
    return ScreenEvidence(
        screen.instrument,
        get_screener(screen.instrument).short_name,
        screen.total,
        screen.max_total,
        screen.positive_screen,
    )


def deciding_screens(screens: Sequence[ScreenResult]) -> dict[str, ScreenEvidence]:
    """Per factor, the screen that decides it: a positive one wins over a negative one."""
    out: dict[str, ScreenEvidence] = {}
    for screen in screens:
        factor = SCREEN_FACTOR.get(screen.instrument)
        if factor is None:
            continue
        current = out.get(factor)
        if current is None or (screen.positive_screen and not current.positive):
            out[factor] = _evidence(screen)
    return out


def _decided(f: FactorEvidence, screen: ScreenEvidence) -> FactorEvidence:
    if screen.positive:
        whose: Whose = "me" if f.whose == "me" else "both"
        return dataclasses.replace(
            f, score=max(f.score, LIKELY), likelihood="likely", whose=whose, screen=screen
        )
    # Negative: at most possible, whatever the answers added up to.
    return dataclasses.replace(
        f, score=min(f.score, LIKELY - 1), likelihood="possible", screen=screen
    )


def with_screens(check: ConnectionResult, screens: Sequence[ScreenResult]) -> ConnectionResult:
    """The check with each screened factor decided by its screen."""
    deciding = deciding_screens(screens)
    if not deciding:
        return check
    factors: list[FactorEvidence] = []
    for f in check.factors:
        screen = deciding.pop(f.factor, None)
        if screen is None or (f.whose == "partner" and not screen.positive):
            factors.append(f)
        else:
            factors.append(_decided(f, screen))
    for factor, screen in deciding.items():
        if screen.positive:
            driver = Driver(screen.instrument, screen.short_name, "positive", LIKELY)
            factors.append(FactorEvidence(factor, LIKELY, "likely", "me", (driver,), screen))
    factors = [f for f in factors if f.score >= POSSIBLE or f.screen is not None]
    factors.sort(key=lambda f: (-f.score, f.factor))
    return dataclasses.replace(check, factors=tuple(factors))
