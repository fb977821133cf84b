"""Safety alerts: screens and free text together, self-harm first, never quoting the text."""

from __future__ import annotations

from nearer.core.instruments.pcptsd5 import PCPTSD5
from nearer.core.instruments.phq_gad import GAD7, PHQ9
from nearer.core.instruments.safety_screen import SAFETY
from nearer.core.safety import SafetyAlert, safety_alerts, text_alerts


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


def test_text_alerts_carry_the_highest_level_and_every_category() -> None:
    alerts = text_alerts(["he checks my phone", "he choked me", "I want to die"])
    assert [(a.kind, a.level, a.categories) for a in alerts] == [
        ("self_harm", "concern", ("passive_wish_dead",)),
        ("partner_harm", "emergency", ("monitoring", "strangulation")),
    ]
