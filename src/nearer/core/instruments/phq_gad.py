"""PHQ-9, PHQ-2, GAD-7 and GAD-2: the Patient Health Questionnaire screens for low mood and worry.

Item wording, the stem and the answer labels are the published ones, because clinicians
recognise them and the scoring was validated on them; the PHQ and GAD-7 are free to use
(Pfizer: no permission required to reproduce, translate, display or distribute). Every
interpretation is nearer's own wording.
"""

from __future__ import annotations

from nearer.core.instruments.base import Choice, Item
from nearer.core.instruments.screener import Band, SummedScreener

PFIZER_PERMISSION = (
    "Free to use: developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
    "colleagues with an educational grant from Pfizer Inc.; no permission is required to "
    "reproduce, translate, display or distribute it."
)

# The four answers of every PHQ and GAD item, scored 0-3 (Kroenke et al. 2001; Spitzer et al.
# 2006).
FREQUENCY = (
    Choice(0, "Not at all"),
    Choice(1, "Several days"),
    Choice(2, "More than half the days"),
    Choice(3, "Nearly every day"),
)

PHQ_STEM = (
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
)
GAD_STEM = "Over the last 2 weeks, how often have you been bothered by the following problems?"
TWO_WEEKS = "the last 2 weeks"


def _frequency_items(texts: tuple[str, ...]) -> tuple[Item, ...]:
    return tuple(
        Item(id=str(number), text=text, choices=FREQUENCY)
        for number, text in enumerate(texts, start=1)
    )


PHQ9_TEXTS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your "
    "family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
    "being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)

GAD7_TEXTS = (
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
)

_SEE_SOMEONE = (
    "It is worth talking with a doctor or a mental-health clinician about it; low mood and "
    "worry are common, treatable, and often part of why partners drift apart."
)

PHQ9_SELF_HARM_TEXT = (
    "First, and more important than the total: you said that thoughts of being better off "
    "dead or of hurting yourself came up in the last two weeks. If you might act on them or "
    "do not feel safe right now, call your local emergency number or a crisis line now. "
    "Otherwise, please tell a doctor, a counsellor or someone you trust today; you do not "
    "have to carry this alone."
)

PHQ9 = SummedScreener(
    id="phq9",
    name="Patient Health Questionnaire-9",
    short_name="PHQ-9",
    purpose="Screens for depression and gauges how strong low-mood symptoms are.",
    timeframe=TWO_WEEKS,
    stem=PHQ_STEM,
    items=_frequency_items(PHQ9_TEXTS),
    source=(
        "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression "
        "severity measure. J Gen Intern Med. 2001;16(9):606-613."
    ),
    permission=PFIZER_PERMISSION,
    cutoff=10,  # a total of 10 or more is the usual positive screen (Kroenke et al. 2001)
    max_total=27,
    # Severity bands 0-4, 5-9, 10-14, 15-19, 20-27 (Kroenke et al. 2001, table 3).
    bands=(
        Band(
            0,
            4,
            "minimal",
            "Your total of {total} is in the minimal range (0-4): few signs of low mood in "
            "the last two weeks.",
        ),
        Band(
            5,
            9,
            "mild",
            "Your total of {total} is in the mild range (5-9), below the usual screening "
            "cut-off of 10. Notice how it goes, and take this check again in a few weeks; if "
            "it stays or grows, mention it to a doctor.",
        ),
        Band(
            10,
            14,
            "moderate",
            "Your total of {total} is in the moderate range (10-14), at or above the usual "
            "screening cut-off of 10. " + _SEE_SOMEONE,
        ),
        Band(
            15,
            19,
            "moderately severe",
            "Your total of {total} is in the moderately severe range (15-19), well above the "
            "usual screening cut-off of 10. Please arrange to talk with a doctor or a "
            "mental-health clinician soon.",
        ),
        Band(
            20,
            27,
            "severe",
            "Your total of {total} is in the severe range (20-27). Please talk with a doctor "
            "or a mental-health clinician as soon as you can; support helps, and you deserve it.",
        ),
    ),
    safety_item="9",  # any answer above 0 on item 9 needs follow-up (Kroenke et al. 2001)
    safety_text=PHQ9_SELF_HARM_TEXT,
)

PHQ2 = SummedScreener(
    id="phq2",
    name="Patient Health Questionnaire-2",
    short_name="PHQ-2",
    purpose="A two-question first screen for depression (the first two PHQ-9 items).",
    timeframe=TWO_WEEKS,
    stem=PHQ_STEM,
    items=_frequency_items(PHQ9_TEXTS[:2]),
    source=(
        "Kroenke K, Spitzer RL, Williams JBW. The Patient Health Questionnaire-2: validity of "
        "a two-item depression screener. Med Care. 2003;41(11):1284-1292."
    ),
    permission=PFIZER_PERMISSION,
    cutoff=3,  # 3 or more out of 6 is a positive screen (Kroenke et al. 2003)
    max_total=6,
    positive_text=(
        "Your total of {total} is at or above the cut-off of 3. The full nine-question PHQ-9 "
        "gives a clearer picture, and a doctor or mental-health clinician can help make sense "
        "of it."
    ),
    negative_text=(
        "Your total of {total} is below the cut-off of 3: little sign of low mood or lost "
        "interest in the last two weeks."
    ),
)

GAD7 = SummedScreener(
    id="gad7",
    name="Generalized Anxiety Disorder-7",
    short_name="GAD-7",
    purpose="Screens for anxiety and gauges how strong worry and tension are.",
    timeframe=TWO_WEEKS,
    stem=GAD_STEM,
    items=_frequency_items(GAD7_TEXTS),
    source=(
        "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing "
        "generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092-1097."
    ),
    permission=PFIZER_PERMISSION,
    cutoff=10,  # 10 or more is the suggested positive screen (Spitzer et al. 2006)
    max_total=21,
    # Cut points 5, 10 and 15 for mild, moderate and severe anxiety (Spitzer et al. 2006).
    bands=(
        Band(
            0,
            4,
            "minimal",
            "Your total of {total} is in the minimal range (0-4): little worry or tension in "
            "the last two weeks.",
        ),
        Band(
            5,
            9,
            "mild",
            "Your total of {total} is in the mild range (5-9), below the usual screening "
            "cut-off of 10. Notice how it goes, and take this check again in a few weeks; if "
            "it stays or grows, mention it to a doctor.",
        ),
        Band(
            10,
            14,
            "moderate",
            "Your total of {total} is in the moderate range (10-14), at or above the usual "
            "screening cut-off of 10. " + _SEE_SOMEONE,
        ),
        Band(
            15,
            21,
            "severe",
            "Your total of {total} is in the severe range (15-21). Please talk with a doctor "
            "or a mental-health clinician soon; anxiety this strong usually responds well to "
            "help.",
        ),
    ),
)

GAD2 = SummedScreener(
    id="gad2",
    name="Generalized Anxiety Disorder-2",
    short_name="GAD-2",
    purpose="A two-question first screen for anxiety (the first two GAD-7 items).",
    timeframe=TWO_WEEKS,
    stem=GAD_STEM,
    items=_frequency_items(GAD7_TEXTS[:2]),
    source=(
        "Kroenke K, Spitzer RL, Williams JBW, Monahan PO, Löwe B. Anxiety disorders in "
        "primary care: prevalence, impairment, comorbidity, and detection. Ann Intern Med. "
        "2007;146(5):317-325."
    ),
    permission=PFIZER_PERMISSION,
    cutoff=3,  # 3 or more out of 6 is a positive screen (Kroenke et al. 2007)
    max_total=6,
    positive_text=(
        "Your total of {total} is at or above the cut-off of 3. The full seven-question GAD-7 "
        "gives a clearer picture, and a doctor or mental-health clinician can help make sense "
        "of it."
    ),
    negative_text=(
        "Your total of {total} is below the cut-off of 3: little sign of nervousness or "
        "uncontrolled worry in the last two weeks."
    ),
)
