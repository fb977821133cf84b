"""PC-PTSD-5: the Primary Care PTSD Screen for DSM-5.

A lifetime exposure question gates five yes/no questions about the past month. When the
person has not been through such an event the five are not asked and the screen total is 0
(Prins et al. 2016). Item wording is the published, public-domain wording of the US VA
National Center for PTSD; interpretations are nearer's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nearer.core.errors import AnswerError
from nearer.core.instruments.base import Answer, ScreenResult
from nearer.core.instruments.screener import (
    NEGATIVE,
    NOT_A_DIAGNOSIS,
    POSITIVE,
    Screener,
    int_answer,
    join_text,
    yes_no_item,
)

EXPOSURE = "exposure"
SYMPTOM_IDS = ("1", "2", "3", "4", "5")

# 3 or more "yes" answers is the published positive screen (Prins et al. 2016). Some settings
# use 4 for fewer false positives (Bovin et al. 2021); nearer keeps 3, the more sensitive one.
PCPTSD5_CUTOFF = 3

EXPOSURE_TEXT = (
    "Sometimes things happen to people that are unusually or especially frightening, "
    "horrible, or traumatic. For example: a serious accident or fire; a physical or sexual "
    "assault or abuse; an earthquake or flood; a war; seeing someone be killed or seriously "
    "injured; having a loved one die through homicide or suicide. Have you ever experienced "
    "this kind of event?"
)

SYMPTOM_TEXTS = (
    "Had nightmares about the event(s) or thought about the event(s) when you did not want to?",
    "Tried hard not to think about the event(s) or went out of your way to avoid situations "
    "that reminded you of the event(s)?",
    "Been constantly on guard, watchful, or easily startled?",
    "Felt numb or detached from people, activities, or your surroundings?",
    "Felt guilty or unable to stop blaming yourself or others for the event(s) or any "
    "problems the event(s) may have caused?",
)

NO_EXPOSURE_TEXT = (
    "You said you have not been through this kind of event, so the five follow-up questions "
    "do not apply and the screen is negative."
)
POSITIVE_TEXT = (
    "You answered yes to {total} of the five questions, at or above the cut-off of 3. That "
    "pattern is common after a frightening event and often eases with the right help; a "
    "doctor or a clinician experienced with trauma can look at it with you. Reactions such as "
    "feeling numb or always on guard can also make closeness with a partner harder, which is "
    "worth knowing when distance has crept in."
)
NEGATIVE_TEXT = (
    "You answered yes to {total} of the five questions, below the cut-off of 3. If what "
    "happened still weighs on you, talking it through with a clinician can help all the same."
)


@dataclass(frozen=True, kw_only=True)
class PcPtsd5(Screener):
    """The exposure question decides whether the five symptom questions count."""

    def _score(self, clean: dict[str, Answer]) -> ScreenResult:
        exposed = int_answer(clean, EXPOSURE) == 1
        details: dict[str, Any] = {
            "cutoff": self.cutoff,
            "exposure": int(exposed),
            "items_asked": exposed,
        }
        if not exposed:
            return ScreenResult(
                instrument=self.id,
                total=0,
                severity=NEGATIVE,
                positive_screen=False,
                safety_alert=False,
                interpretation=join_text(NO_EXPOSURE_TEXT, NOT_A_DIAGNOSIS),
                max_total=self.max_total,
                details=details,
            )
        for item_id in SYMPTOM_IDS:
            if item_id not in clean:
                raise AnswerError(
                    f"{self.id} item {item_id!r} is missing; give "
                    f"{self.item(item_id).allowed_text()} "
                    f"(all five items are needed when {EXPOSURE!r} is 1)."
                )
        total = sum(int_answer(clean, item_id) for item_id in SYMPTOM_IDS)
        positive = total >= self.cutoff
        details["answers"] = {item_id: clean[item_id] for item_id in SYMPTOM_IDS}
        body = POSITIVE_TEXT if positive else NEGATIVE_TEXT
        return ScreenResult(
            instrument=self.id,
            total=total,
            severity=POSITIVE if positive else NEGATIVE,
            positive_screen=positive,
            safety_alert=False,
            interpretation=join_text(body.format(total=total), NOT_A_DIAGNOSIS),
            max_total=self.max_total,
            details=details,
        )


PCPTSD5 = PcPtsd5(
    id="pcptsd5",
    name="Primary Care PTSD Screen for DSM-5",
    short_name="PC-PTSD-5",
    purpose="Screens for posttraumatic stress after a frightening or traumatic event.",
    timeframe="the past month (the first question asks about your whole life)",
    stem="In the past month, have you...",
    items=(
        yes_no_item(EXPOSURE, EXPOSURE_TEXT),
        *(
            yes_no_item(item_id, text, optional=True)
            for item_id, text in zip(SYMPTOM_IDS, SYMPTOM_TEXTS, strict=True)
        ),
    ),
    source=(
        "Prins A, Bovin MJ, Smolenski DJ, et al. The Primary Care PTSD Screen for DSM-5 "
        "(PC-PTSD-5): development and evaluation within a veteran primary care sample. "
        "J Gen Intern Med. 2016;31(10):1206-1211."
    ),
    permission=(
        "Public domain: developed by the US Department of Veterans Affairs National Center "
        "for PTSD; free to use without permission."
    ),
    cutoff=PCPTSD5_CUTOFF,
    max_total=5,
)
