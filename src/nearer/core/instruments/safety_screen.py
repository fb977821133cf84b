"""The safety screen: is anyone afraid, controlled, threatened or hurt in this relationship?

nearer's own short screen, written for this app (no published instrument is copied). It asks
about the last 12 months. Its questions follow the areas that validated intimate-partner
violence screens cover: fear of the partner, controlling behaviour, threats, physical harm and
sexual coercion (e.g. HITS, Sherin et al. 1998; the Women Abuse Screening Tool, Brown et al.
1996; the Composite Abuse Scale, Hegarty et al. 1999). Because it is not a validated scale,
nearer uses the most cautious rule: any "yes" makes it positive and raises a safety alert.

Answers are 0 (no) or 1 (yes), the same as PC-PTSD-5, so every yes/no item in nearer reads
the same way in an answers file. Words such as "yes" are not accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nearer.core.instruments.base import Answer, ScreenResult
from nearer.core.instruments.screener import (
    ALERT_PARTNER_HARM,
    NEGATIVE,
    POSITIVE,
    Screener,
    int_answer,
    join_text,
    yes_no_item,
)

ITEMS = (
    yes_no_item("afraid", "Have you felt afraid of your partner?"),
    yes_no_item(
        "controlled",
        "Has your partner tried to control who you see, where you go, your money or your phone?",
    ),
    yes_no_item(
        "threatened",
        "Has your partner threatened to hurt you, someone close to you, or themselves?",
    ),
    yes_no_item(
        "hurt",
        "Has your partner hit, kicked, pushed, choked or in any other way physically hurt you?",
    ),
    yes_no_item(
        "forced_sex",
        "Has your partner pressured or forced you into anything sexual you did not want?",
    ),
    yes_no_item(
        "others_afraid",
        "Have you been afraid for the safety of children or pets at home because of your partner?",
        optional=True,
    ),
)

POSITIVE_TEXT = (
    "Your safety comes first. You said yes to at least one question about being afraid, "
    "controlled, threatened or hurt by your partner. None of that is your fault, and you "
    "deserve to be safe. If you are in danger right now, call your local emergency number. A "
    "domestic-abuse helpline can listen in confidence and help you plan for your safety, "
    "whether or not you want to leave. While someone is being frightened or hurt, couple "
    "exercises are not the right tool and can make things riskier, so nearer puts safety "
    "resources ahead of them. If your partner might look at this device, think about whether "
    "it is safe to keep this result here. This is a screen, not a diagnosis or a judgement "
    "of your relationship: it only makes sure help is offered first."
)
NEGATIVE_TEXT = (
    "You answered no to every safety question. If that ever changes, or you start to feel "
    "afraid of your partner, a domestic-abuse helpline or your doctor can help in confidence. "
    "This is a screen, not a diagnosis or a judgement of your relationship."
)


@dataclass(frozen=True, kw_only=True)
class SafetyScreen(Screener):
    """Any yes is a positive screen and a safety alert."""

    def _score(self, clean: dict[str, Answer]) -> ScreenResult:
        endorsed = [item.id for item in self.items if int_answer(clean, item.id) == 1]
        total = len(endorsed)
        positive = total >= self.cutoff
        details: dict[str, Any] = {
            "cutoff": self.cutoff,
            "answers": dict(clean),
            "endorsed": endorsed,
        }
        if positive:
            details["alert_kind"] = ALERT_PARTNER_HARM
        return ScreenResult(
            instrument=self.id,
            total=total,
            severity=POSITIVE if positive else NEGATIVE,
            positive_screen=positive,
            safety_alert=positive,
            interpretation=join_text(POSITIVE_TEXT if positive else NEGATIVE_TEXT),
            max_total=self.max_total,
            details=details,
        )


SAFETY = SafetyScreen(
    id="safety",
    name="nearer safety screen",
    short_name="Safety screen",
    purpose=(
        "Checks whether anyone is afraid, controlled, threatened or hurt, so that safety "
        "help comes before any couple exercise."
    ),
    timeframe="the last 12 months",
    stem="In the last 12 months...",
    items=ITEMS,
    source=(
        "nearer's own wording, covering the areas of validated intimate-partner violence "
        "screens (HITS, Sherin et al. 1998; WAST, Brown et al. 1996). Not itself validated."
    ),
    permission="Part of nearer (Apache-2.0); free to use.",
    cutoff=1,  # any yes: the most cautious rule for an unvalidated safety screen
    max_total=len(ITEMS),
)
