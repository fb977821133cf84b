"""AUDIT-C: the three alcohol-consumption questions of the WHO AUDIT, with sex-specific cut-offs.

Item wording and answer labels follow the published questionnaire; interpretations are
nearer's own. The total is 0-12; a screen is positive at 4 or more for men and 3 or more for
women (Bradley et al. 2007). The third question (six or more drinks on one occasion) is also
reported on its own, because heavy single occasions carry risks whatever the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nearer.core.instruments.base import Answer, Choice, Item, ScreenResult
from nearer.core.instruments.screener import (
    NEGATIVE,
    NOT_A_DIAGNOSIS,
    POSITIVE,
    Screener,
    int_answer,
    join_text,
)

SEX = "sex"
FEMALE = "female"
MALE = "male"

# Positive screen for alcohol misuse: 4 or more for men, 3 or more for women (Bradley et al.
# 2007, Alcohol Clin Exp Res 31(7):1208-1217; the men's cut-off first in Bush et al. 1998).
CUTOFF_MALE = 4
CUTOFF_FEMALE = 3

# Any answer above "Never" on question 3 means at least one occasion of six or more drinks in
# the past year; a single heavy-drinking-day question counts any such day as positive (Smith
# et al. 2009, J Gen Intern Med 24(7):783-788), and question 3 alone was tested as a screen by
# Bush et al. 1998.
HEAVY_OCCASION_MIN = 1

ITEMS = (
    Item(
        id="1",
        text="How often do you have a drink containing alcohol?",
        choices=(
            Choice(0, "Never"),
            Choice(1, "Monthly or less"),
            Choice(2, "2-4 times a month"),
            Choice(3, "2-3 times a week"),
            Choice(4, "4 or more times a week"),
        ),
    ),
    Item(
        id="2",
        text="How many drinks containing alcohol do you have on a typical day when you are "
        "drinking?",
        choices=(
            Choice(0, "1 or 2"),
            Choice(1, "3 or 4"),
            Choice(2, "5 or 6"),
            Choice(3, "7 to 9"),
            Choice(4, "10 or more"),
        ),
    ),
    Item(
        id="3",
        text="How often do you have six or more drinks on one occasion?",
        choices=(
            Choice(0, "Never"),
            Choice(1, "Less than monthly"),
            Choice(2, "Monthly"),
            Choice(3, "Weekly"),
            Choice(4, "Daily or almost daily"),
        ),
    ),
    Item(
        id=SEX,
        text="Sex, for choosing the cut-off (the published cut-offs differ for women and men)",
        choices=(Choice(FEMALE, "Female"), Choice(MALE, "Male")),
    ),
)

POSITIVE_TEXT = (
    "Your total of {total} is at or above the cut-off of {cutoff} for {group}. On this screen "
    "that points to drinking at a level that may be harming your health, and sometimes your "
    "relationship. A doctor can go through it with you in a short, non-judging conversation."
)
NEGATIVE_TEXT = (
    "Your total of {total} is below the cut-off of {cutoff} for {group}: your answers do not "
    "point to risky drinking."
)
ONLY_FREQUENCY_TEXT = (
    "All of your points come from how often you drink, not how much; at that pattern the "
    "drinking may well be within low-risk limits, so a doctor would first check the amounts."
)
HEAVY_OCCASION_TEXT = (
    "You also said you have six or more drinks on one occasion ({how_often}). Drinking that "
    "much at once (binge drinking) carries risks of its own, such as accidents, injuries and "
    "arguments that go further than intended, whatever the total."
)


@dataclass(frozen=True, kw_only=True)
class AuditC(Screener):
    """Sums questions 1-3 and compares the total with the cut-off for the given sex."""

    cutoff_female: int = CUTOFF_FEMALE

    def cutoff_for(self, sex: str) -> int:
        return self.cutoff_female if sex == FEMALE else self.cutoff

    def _score(self, clean: dict[str, Answer]) -> ScreenResult:
        sex = str(clean[SEX])
        frequency, amount, heavy = (int_answer(clean, item_id) for item_id in ("1", "2", "3"))
        total = frequency + amount + heavy
        cutoff = self.cutoff_for(sex)
        positive = total >= cutoff
        group = "women" if sex == FEMALE else "men"
        body = (POSITIVE_TEXT if positive else NEGATIVE_TEXT).format(
            total=total, cutoff=cutoff, group=group
        )
        # US VA AUDIT-C guidance: when every point comes from question 1, intake may well be
        # below recommended limits; the screen stays positive by rule, but say so.
        only_frequency = positive and amount == 0 and heavy == 0
        heavy_occasions = heavy >= HEAVY_OCCASION_MIN
        heavy_label = self.item("3").choices[heavy].label.lower()
        details: dict[str, Any] = {
            "cutoff": cutoff,
            "sex": sex,
            "answers": {item_id: clean[item_id] for item_id in ("1", "2", "3")},
            "heavy_drinking_occasions": heavy_occasions,
            "only_frequency": only_frequency,
        }
        return ScreenResult(
            instrument=self.id,
            total=total,
            severity=POSITIVE if positive else NEGATIVE,
            positive_screen=positive,
            safety_alert=False,
            interpretation=join_text(
                body,
                ONLY_FREQUENCY_TEXT if only_frequency else "",
                HEAVY_OCCASION_TEXT.format(how_often=heavy_label) if heavy_occasions else "",
                NOT_A_DIAGNOSIS,
            ),
            max_total=self.max_total,
            details=details,
        )

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data["cutoff"] = {FEMALE: self.cutoff_female, MALE: self.cutoff}
        return data


AUDITC = AuditC(
    id="auditc",
    name="Alcohol Use Disorders Identification Test - Consumption",
    short_name="AUDIT-C",
    purpose="Screens for drinking that may be risky (hazardous drinking or alcohol misuse).",
    timeframe="the past year",
    stem="Think about your drinking over the past year.",
    items=ITEMS,
    source=(
        "Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. The AUDIT alcohol consumption "
        "questions (AUDIT-C): an effective brief screening test for problem drinking. Arch "
        "Intern Med. 1998;158(16):1789-1795. Cut-offs: Bradley KA, DeBenedetti AF, Volk RJ, "
        "et al. AUDIT-C as a brief screen for alcohol misuse in primary care. Alcohol Clin Exp "
        "Res. 2007;31(7):1208-1217."
    ),
    permission=(
        "Free to use: the questions are the first three of the World Health Organization's "
        "AUDIT (Babor et al. 2001), which WHO publishes for use without permission."
    ),
    cutoff=CUTOFF_MALE,
    cutoff_female=CUTOFF_FEMALE,
    max_total=12,
)
