"""The perception gap written for the person reading it: second person, the partner by name.

The core compares the two checks (``nearer.core.assessment.compare``) and names both people
in the third person, which reads oddly to either of them ("Bob sees Bob reaching", to Bob).
Here each area says, to the reader, where the two views of each of you differ, with the
area's own explanation from the check's definition and the four numbers drawn as bars.
"""

from __future__ import annotations

from dataclasses import dataclass

from nearer.core.assessment.compare import Comparison, Gap
from nearer.core.instruments.connection_check import band
from nearer.core.instruments.connection_scoring import ConnectionResult
from nearer.web.assessments.reading import AREA_NOUNS, AREA_TITLES, width


@dataclass(frozen=True)
class View:
    label: str
    value: int | None

    @property
    def width(self) -> int:
        return width(self.value)

    @property
    def band(self) -> str | None:
        return band(self.value)


@dataclass(frozen=True)
class AreaGap:
    area: str
    title: str
    intro: str
    about_you: str  # the sentence about how the two of you see the reader
    about_partner: str  # and how the two of you see the partner
    notable: bool
    explain_you: str  # what a gap about the reader may mean, and what to do with it
    explain_partner: str
    you: tuple[View, View]  # you as you see yourself, you as the partner sees you
    partner: tuple[View, View]  # the partner as they see themselves, as you see them


def _about_you(g: Gap, partner: str, area: str) -> str:
    if g.gap is None:
        return f"Only one of you answered about your {area}."
    if not g.notable:
        return f"You and {partner} see your {area} much the same."
    if g.gap > 0:
        return f"{partner} sees more distance in your {area} than you do."
    return f"You see more distance in your own {area} than {partner} notices."


def _about_partner(g: Gap, partner: str, area: str) -> str:
    if g.gap is None:
        return f"Only one of you answered about {partner}'s {area}."
    if not g.notable:
        return f"You and {partner} see {partner}'s {area} much the same."
    if g.gap > 0:
        return f"You see more distance in {partner}'s {area} than {partner} does."
    return f"{partner} sees more distance in their own {area} than you notice."


def _explain_you(g: Gap, partner: str) -> str:
    if not g.notable or g.gap is None:
        return ""
    if g.gap > 0:
        return (
            f"{partner} may be noticing something you do not feel, or reading a quiet patch "
            f"as distance: ask {partner} what they see."
        )
    return f"Some of what you feel may not show: telling {partner} gives them a chance to notice."


def _explain_partner(g: Gap, partner: str) -> str:
    if not g.notable or g.gap is None:
        return ""
    if g.gap > 0:
        return (
            f"{partner} may not feel it, or may not show what they feel: ask {partner} how it "
            "is from the inside."
        )
    return f"Some of what {partner} feels may not show: ask {partner} about it."


def area_gaps(c: Comparison, intros: dict[str, str]) -> tuple[AreaGap, ...]:
    """One entry per area; ``c`` must have been built with the reader's name first."""
    me, partner = c.names
    out: list[AreaGap] = []
    for area in dict.fromkeys(g.domain for g in c.gaps):
        mine = next(g for g in c.gaps if g.domain == area and g.person == me)
        theirs = next(g for g in c.gaps if g.domain == area and g.person == partner)
        words = AREA_NOUNS.get(area, area)
        out.append(
            AreaGap(
                area,
                AREA_TITLES.get(area, area.capitalize()),
                intros.get(area, ""),
                _about_you(mine, partner, words),
                _about_partner(theirs, partner, words),
                mine.notable or theirs.notable,
                _explain_you(mine, partner),
                _explain_partner(theirs, partner),
                (
                    View("You, as you see yourself", mine.own_view),
                    View(f"You, as {partner} sees you", mine.other_view),
                ),
                (
                    View(f"{partner}, as {partner} answered", theirs.own_view),
                    View(f"{partner}, as you see {partner}", theirs.other_view),
                ),
            )
        )
    return tuple(out)


def summary(gaps: tuple[AreaGap, ...], partner: str) -> tuple[str, ...]:
    """The notable gaps first, in the reader's words; or that you see each other alike."""
    lines = []
    for g in gaps:
        if not g.notable:
            continue
        for sentence in (g.about_you, g.about_partner):
            if "much the same" not in sentence and not sentence.startswith("Only one"):
                lines.append(sentence)
    if not lines:
        lines.append(f"You and {partner} see each other much as you each see yourselves.")
    return tuple(lines[:3])


def cycle_views(mine: ConnectionResult, theirs: ConnectionResult, partner: str) -> tuple[str, str]:
    """How each of you sees reaching and pulling back, told to the reader."""
    if mine.cycle.label != "pursue_withdraw":
        you = "In your answers there is no clear cycle of reaching and pulling back."
    elif mine.cycle.who == "me":
        you = f"In your answers, you are the one reaching and {partner} is pulling back."
    else:
        you = f"In your answers, {partner} is the one reaching and you are pulling back."
    if theirs.cycle.label != "pursue_withdraw":
        them = f"In {partner}'s answers there is no clear cycle of reaching and pulling back."
    elif theirs.cycle.who == "me":
        them = f"In {partner}'s answers, {partner} is the one reaching and you are pulling back."
    else:
        them = f"In {partner}'s answers, you are the one reaching and {partner} is pulling back."
    return you, them
