"""EPDS: the Edinburgh Postnatal Depression Scale, for either parent in the year after a birth.

Cox J.L., Holden J.M. & Sagovsky R. (1987). Detection of postnatal depression: development of
the 10-item Edinburgh Postnatal Depression Scale. Br J Psychiatry 150:782-786.

Scoring, as published and checked against two stored public copies of the scoring
instructions (a clinical handbook page reproducing the RCPsych form, and the HBCD study's
instrument documentation): ten items about the past 7 days, each with four responses scored
0-3. Items 1, 2 and 4 score 0 for the first response down to 3 for the last; items 3 and
5-10 are reverse-scored (first response 3 ... last 0). The total runs 0-30. 10 or more is the
commonly used cut-off for possible depression (the published advice for greater
sensitivity), 13 or more for probable depression (the published cut-off); any score above 0
on item 10, thoughts of self-harm, needs follow-up whatever the total.

Wording: the scale is free to use with citation, but the item wording is copyright of the
Royal College of Psychiatrists (1987), and the stored copies say written permission is needed
to copy or republish it. So nearer shows a faithful paraphrase of each item and response, in
the published order, clearly marked as a paraphrase; anyone scoring a paper form records the
position of the response chosen (0 for the first) and nearer applies the published scoring.
Although the scale was developed with mothers, it is also used with fathers and partners
after a birth; nearer offers it to either parent.
"""

from __future__ import annotations

from nearer.core.instruments.base import Choice, Item
from nearer.core.instruments.screener import Band, SummedScreener

# Published cut-offs (Cox et al. 1987): 13+ probable depression; 10+ where greater
# sensitivity is wanted (possible depression). Item 10 above 0 needs follow-up.
EPDS_POSSIBLE = 10
EPDS_PROBABLE = 13
EPDS_SAFETY_ITEM = "10"
# Reverse-scored items (first response scores 3): 3 and 5-10 (Cox et al. 1987).
EPDS_REVERSED = ("3", "5", "6", "7", "8", "9", "10")

PARAPHRASE_NOTE = (
    "nearer's paraphrase of the published EPDS items; the original wording is copyright of "
    "the Royal College of Psychiatrists (1987)"
)

# (item text, responses top to bottom): nearer's paraphrase, same order as published.
EPDS_PARAPHRASE: tuple[tuple[str, tuple[str, str, str, str]], ...] = (
    (
        "I have been able to laugh and see the lighter side of things",
        ("As much as I ever could", "Not quite as much now", "Clearly less now", "Not at all"),
    ),
    (
        "I have looked forward to things with pleasure",
        (
            "As much as I ever did",
            "Somewhat less than before",
            "Clearly less than before",
            "Hardly at all",
        ),
    ),
    (
        "I have blamed myself without good reason when things went wrong",
        ("Yes, most of the time", "Yes, some of the time", "Not very often", "No, never"),
    ),
    (
        "I have felt anxious or worried without a good reason",
        ("No, not at all", "Hardly ever", "Yes, sometimes", "Yes, very often"),
    ),
    (
        "I have felt frightened or panicky without a good reason",
        ("Yes, quite a lot", "Yes, sometimes", "No, not much", "No, not at all"),
    ),
    (
        "Things have been too much for me",
        (
            "Yes, most of the time I have not managed at all",
            "Yes, sometimes I have not managed as well as usual",
            "No, most of the time I have managed quite well",
            "No, I have managed as well as ever",
        ),
    ),
    (
        "I have been so unhappy that I have found it hard to sleep",
        ("Yes, most of the time", "Yes, sometimes", "Not very often", "No, not at all"),
    ),
    (
        "I have felt sad or miserable",
        ("Yes, most of the time", "Yes, quite often", "Not very often", "No, not at all"),
    ),
    (
        "I have been so unhappy that I have cried",
        ("Yes, most of the time", "Yes, quite often", "Only now and then", "No, never"),
    ),
    (
        "The thought of hurting myself has come to me",
        ("Yes, quite often", "Sometimes", "Hardly ever", "Never"),
    ),
)


def _items() -> tuple[Item, ...]:
    return tuple(
        Item(
            id=str(number),
            text=f"{text} (paraphrased)",
            choices=tuple(Choice(position, label) for position, label in enumerate(responses)),
        )
        for number, (text, responses) in enumerate(EPDS_PARAPHRASE, start=1)
    )


EPDS_SELF_HARM_TEXT = (
    "First, and more important than the total: you said the thought of hurting yourself has "
    "come to you in the last week. If you might act on it or do not feel safe right now, call "
    "your local emergency number or a crisis line now. Otherwise, please tell your doctor, "
    "midwife, health visitor or someone you trust today; the months after a birth are a time "
    "when this help is there for parents, and you do not have to carry it alone."
)

_AFTER_A_BIRTH = (
    "Low mood after a birth is common for mothers and for fathers and partners, and it "
    "responds well to help; your doctor (GP), midwife or health visitor is the place to start."
)

EPDS = SummedScreener(
    id="epds",
    name="Edinburgh Postnatal Depression Scale",
    short_name="EPDS",
    purpose=(
        "Screens for depression in either parent during pregnancy or the first year after a birth."
    ),
    timeframe="the past 7 days",
    stem=(
        "You, or you and your partner, have had a baby in the last year. Pick the answer "
        "closest to how you have felt in the past 7 days, not just today. (The items are "
        + PARAPHRASE_NOTE
        + ".)"
    ),
    items=_items(),
    source=(
        "Cox JL, Holden JM, Sagovsky R. Detection of postnatal depression: development of the "
        "10-item Edinburgh Postnatal Depression Scale. Br J Psychiatry. 1987;150:782-786."
    ),
    permission=(
        "Free to use with citation of Cox, Holden & Sagovsky (1987). The item wording is "
        "copyright of the Royal College of Psychiatrists and needs written permission to "
        "reproduce, so nearer shows a faithful paraphrase, marked as such."
    ),
    cutoff=EPDS_POSSIBLE,
    max_total=30,
    bands=(
        Band(
            0,
            EPDS_POSSIBLE - 1,
            "low",
            "Your total of {total} is below the cut-off of 10: few signs of low mood in the "
            "past week. If that changes in the months after the birth, take it again.",
        ),
        Band(
            EPDS_POSSIBLE,
            EPDS_PROBABLE - 1,
            "possible depression",
            "Your total of {total} is at or above 10, the cut-off used for possible "
            "depression after a birth. " + _AFTER_A_BIRTH,
        ),
        Band(
            EPDS_PROBABLE,
            30,
            "probable depression",
            "Your total of {total} is at or above 13, the published cut-off for probable "
            "depression after a birth. Please talk with your doctor (GP), midwife or health "
            "visitor soon: low mood after a birth is common for mothers and for fathers and "
            "partners, and it responds well to help.",
        ),
    ),
    safety_item=EPDS_SAFETY_ITEM,
    safety_text=EPDS_SELF_HARM_TEXT,
    reverse_items=EPDS_REVERSED,
)
