"""The free-text safety scan (phrases that must and must not alert) and alert aggregation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearer.core.instruments.pcptsd5 import PCPTSD5
from nearer.core.instruments.phq_gad import GAD7, PHQ9
from nearer.core.instruments.safety_screen import SAFETY
from nearer.core.safety import NO_RISK, SafetyAlert, normalise, safety_alerts
from nearer.core.safety import scan as scan_text

SELF_HARM = [
    "I want to die",
    "I really want to die",
    "i just wanna die",
    "I WANT TO DIE.",
    "Sometimes I wish I was dead",
    "I'm going to kill myself",
    "I want to end it all",
    "There's no reason to live anymore",
    "Everyone would be better off without me",
    "I have been feeling suicidal",
    "I self-harm when it gets bad",
    "I started cutting myself again",
    "I keep thinking about hurting myself",
    "I don’t want to live anymore",
    "I can't go on.",
    "I have nothing left to live for",
    "I wish I could go to sleep and never wake up",
    "thinking about ending my life",
    "I'd be better off dead",
    "I took a bunch of pills last night",
    "I want to take my own life",
    "Life isn't worth living",
    "I don't want to be here anymore",
    "I'm so tired of living",
    "there's no point in living",
    "I've been having thoughts of suicide",
    "My family would be happier without me",
    "I deserve to die",
    "I want it all to end",
    "I thought about jumping off the bridge",
    "i dont want to exist",
    "I wish I'd never been born",
    "I won't be around much longer",
    "I want to disappear forever",
    "I overdosed once",
    "I would rather be dead",
    "I've given up on life",
    "I want to harm myself",
    "he'd be better off if I was gone",
]

PARTNER_HARM = [
    "I'm afraid of him",
    "I am scared of my husband",
    "He hit me last night",
    "she hits me when she drinks",
    "He threatened to take the kids",
    "She threatened to kill herself if I leave",
    "He won't let me see my friends",
    "she checks my phone every night",
    "He controls the money",
    "my boyfriend pushed me against the wall",
    "He pushed me down the stairs",
    "he choked me",
    "I was choked until I passed out",
    "she slapped me",
    "I’m terrified of what he’ll do if I leave",
    "I don't feel safe at home",
    "He goes through my messages",
    "I'm not allowed to see my family",
    "my wife is so controlling",
    "he forced me to have sex",
    "He raped me",
    "He's abusive",
    "I feel like I'm walking on eggshells around her",
    "he threw a plate at me",
    "she grabbed me by the arm",
    "He beat me up",
    "my partner tracks my location",
    "he said he would kill me if I left",
    "He hurt me.",
    "My ex has been threatening me",
    "he takes my paycheck",
    "he isolates me from my family",
    "I'm afraid he will hurt the kids",
    "He kicked the dog",
    "I fear for my safety",
    "she gets violent when drunk",
    "He strangled me",
    "I'm afraid of my partner",
    "I'm afraid of her when she drinks",
    "I'm scared of his temper",
]

NOT_AN_ALERT = [
    "this traffic is killing me",
    "I'd die for a coffee",
    "dying to see you",
    "my feet are killing me",
    "you're killing me with these jokes",
    "I nearly died laughing",
    "the cake was to die for",
    "my phone died",
    "I'm dead tired",
    "I could kill for a pizza",
    "she's going to kill me when she sees the mess",
    "he shot me a look",
    "that hit me hard",
    "it hit me that I miss her",
    "hit me up later",
    "I cut my hair",
    "we're cutting back on takeaways",
    "I choked up when he apologised",
    "I choked on my water",
    "she pushed me to apply for the job",
    "he pushed me away emotionally",
    "she beat me at chess",
    "I'm afraid of heights",
    "I'm scared of spiders",
    "I checked my phone and saw his text",
    "I'm afraid of losing him",
    "I'm scared of her leaving me",
    "we can't go on like this",
    "I'd rather die than sing karaoke",
    "I want to live in Spain",
    "I don't want to live with my parents",
    "I'm dying of boredom",
    "I'd kill for a holiday",
    "he grabbed me a coffee",
    "she threw a party for me",
    "It hurts me to see her sad",
    "she hurt me when she forgot our anniversary",
    "don't wake up the baby",
    "my kids are my reason to live",
    "I don't want to die",
    "I cut myself shaving",
    "I hurt myself at the gym",
    "I control the budget",
    "I want to end it with him",
    "the baby kicked me all night",
    "he killed it at the presentation",
    "I'm dying to try that restaurant",
    "I'm so dead if mum finds out",
    "I keep thinking about our holiday",
    "We had a lovely evening and talked for hours.",
    "I'm afraid of her judgement",
    "she'll kill me if she finds out I broke her mug",
]


def test_lists_are_long_enough() -> None:
    assert len(SELF_HARM) >= 30
    assert len(PARTNER_HARM) >= 30
    assert len(NOT_AN_ALERT) >= 20


@pytest.mark.parametrize("text", SELF_HARM)
def test_self_harm_wording_alerts(text: str) -> None:
    scan = scan_text(text)
    assert scan.self_harm is True
    assert scan.partner_harm is False
    assert scan.alert is True


@pytest.mark.parametrize("text", PARTNER_HARM)
def test_partner_harm_wording_alerts(text: str) -> None:
    scan = scan_text(text)
    assert scan.partner_harm is True
    assert scan.self_harm is False
    assert scan.alert is True


@pytest.mark.parametrize("text", NOT_AN_ALERT)
def test_figures_of_speech_do_not_alert(text: str) -> None:
    assert scan_text(text) == NO_RISK


def test_both_kinds_in_one_text() -> None:
    scan = scan_text("She hits me and sometimes I think everyone would be better off without me")
    assert (scan.self_harm, scan.partner_harm) == (True, True)


def test_a_pattern_does_not_run_across_sentences() -> None:
    assert scan_text("He was tired. Hit me up tomorrow!").alert is False


def test_empty_text() -> None:
    assert scan_text("").alert is False
    assert scan_text("   \n ").alert is False


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("I DON’T want to LIVE!!", "i do not want to live ."),
        ("he'll", "he will"),
        ("I'd die for it", "i would die for it"),
        ("I'm self-harming", "i am self harming"),
        ("we're  (very)   close", "we are , very , close"),
    ],
)
def test_normalise(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


@given(st.text())
def test_scan_never_fails_and_alert_follows_kinds(text: str) -> None:
    scan = scan_text(text)
    assert scan.alert is (scan.self_harm or scan.partner_harm)
    assert (scan.level == "none") is (not scan.alert)


@given(
    st.sampled_from(SELF_HARM + PARTNER_HARM),
    st.sampled_from(["", "Today was long. ", "Honestly ", "ok so "]),
    st.sampled_from(["", " Anyway.", " and I don't know what to do", "..."]),
    st.booleans(),
)
def test_alerts_survive_context_and_case(phrase: str, before: str, after: str, upper: bool) -> None:
    text = before + phrase + after
    text = text.upper() if upper else text
    expected = scan_text(phrase)
    scan = scan_text(text)
    assert scan.self_harm is expected.self_harm
    assert scan.partner_harm is expected.partner_harm


# ---------------------------------------------------------------------------------------------
# safety_alerts


def phq9(item9: int) -> dict[str, int]:
    return {str(i): 1 for i in range(1, 9)} | {"9": item9}


NO_SAFETY = {"afraid": 0, "controlled": 0, "threatened": 0, "hurt": 0, "forced_sex": 0}


def test_no_alerts() -> None:
    results = [
        PHQ9.score(phq9(0)),
        SAFETY.score(NO_SAFETY),
        GAD7.score({str(i): 3 for i in range(1, 8)}),
    ]
    assert safety_alerts(results, ["We laughed a lot tonight."]) == []


def test_phq9_item9_alert() -> None:
    alerts = safety_alerts([PHQ9.score(phq9(1))], [])
    assert alerts == [
        SafetyAlert(
            kind="self_harm",
            reason="On the PHQ-9 you said thoughts of being better off dead or of hurting "
            "yourself came up in the last two weeks.",
            source="phq9 item 9",
        )
    ]


def test_safety_screen_alert() -> None:
    alerts = safety_alerts([SAFETY.score(NO_SAFETY | {"controlled": 1})], [])
    assert [(a.kind, a.source) for a in alerts] == [("partner_harm", "safety screen")]
    assert "afraid, controlled, threatened or hurt" in alerts[0].reason


def test_free_text_alerts_never_quote_the_text() -> None:
    text = "He hit me. I want to die."
    alerts = safety_alerts([], [text])
    assert [(a.kind, a.source) for a in alerts] == [
        ("self_harm", "free text"),
        ("partner_harm", "free text"),
    ]
    for alert in alerts:
        assert "hit me" not in alert.reason and "want to die" not in alert.reason


def test_order_self_harm_first_screens_before_text_and_no_repeats() -> None:
    results = [
        SAFETY.score(NO_SAFETY | {"hurt": 1}),
        PHQ9.score(phq9(2)),
        PCPTSD5.score({"exposure": 0}),
    ]
    texts = ["she slapped me", "I'm afraid of her", "I don't want to live anymore"]
    alerts = safety_alerts(results, texts)
    assert [(a.kind, a.source) for a in alerts] == [
        ("self_harm", "phq9 item 9"),
        ("self_harm", "free text"),
        ("partner_harm", "safety screen"),
        ("partner_harm", "free text"),
    ]
    assert alerts[0].to_dict() == {
        "kind": "self_harm",
        "reason": alerts[0].reason,
        "source": "phq9 item 9",
        "level": "urgent",
        "categories": [],
    }


def test_generators_are_accepted() -> None:
    alerts = safety_alerts((r for r in [PHQ9.score(phq9(3))]), (t for t in ["suicidal"]))
    assert len(alerts) == 2
