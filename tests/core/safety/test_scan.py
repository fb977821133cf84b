"""The free-text safety scan: phrases that must and must not alert, categories, levels,
evidence spans into the original text, and the project's own cases (cases/*.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearer.core.safety import CATEGORIES, NO_RISK, ScanResult, kind_of, normalise
from nearer.core.safety import scan as scan_text
from nearer.core.safety.rules import rule_book

CASES = Path(__file__).parent / "cases"


def _cases(kind: str) -> list[dict[str, Any]]:
    rows = []
    for path in sorted(CASES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["expect"] == kind:
                rows.append(row)
    return rows


POSITIVE_CASES = _cases("self_harm") + _cases("partner_harm")
NEGATIVE_CASES = _cases("none")

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
# The project's own cases: every category, many registers, and hard negatives


def test_cases_cover_every_category_in_several_ways() -> None:
    for kind, categories in CATEGORIES.items():
        for category in categories:
            texts = [r for r in POSITIVE_CASES if r["category"] == category]
            assert len(texts) >= 4, (kind, category)
    negative_categories = {r["category"] for r in NEGATIVE_CASES}
    assert len(negative_categories) == 9
    for category in negative_categories:
        assert sum(r["category"] == category for r in NEGATIVE_CASES) >= 5, category


@pytest.mark.parametrize("case", POSITIVE_CASES, ids=lambda r: r["text"][:40])
def test_own_case_alerts_with_its_kind_and_category(case: dict[str, Any]) -> None:
    result = scan_text(case["text"])
    assert case["expect"] in result.kinds
    assert case["category"] in result.categories


@pytest.mark.parametrize("case", NEGATIVE_CASES, ids=lambda r: r["text"][:40])
def test_own_hard_negative_does_not_alert(case: dict[str, Any]) -> None:
    result = scan_text(case["text"])
    assert result.alert is False, result.evidence


def test_every_rule_catches_its_own_examples() -> None:
    for rule in rule_book().rules:
        for example in rule.examples:
            result = scan_text(example)
            assert rule.category in result.categories, (rule.id, example)
            assert rule.pattern.search(normalise(example)), (rule.id, example)


def test_every_category_has_a_rule() -> None:
    covered = {rule.category for rule in rule_book().rules}
    assert covered == {c for cats in CATEGORIES.values() for c in cats}


# ---------------------------------------------------------------------------------------------
# Levels: C-SSRS and Duluth categories, raised by immediacy and lethality

LEVELS = [
    ("sometimes i wish i was dead", "passive_wish_dead", "concern"),
    ("i keep thinking about killing myself", "active_ideation", "urgent"),
    ("googled painless ways to die", "method", "urgent"),
    ("I'm going to kill myself, I've decided", "intent", "urgent"),
    ("I'm going to jump off the bridge tonight", "plan", "emergency"),
    ("counted my pills again, it's enough", "preparatory", "emergency"),
    ("I took a load of pills last night", "recent_attempt", "emergency"),
    ("cut again last night", "nssi", "concern"),
    ("I cut too deep and it won't stop bleeding", "nssi", "emergency"),
    ("he slapped me", "physical", "urgent"),
    ("he's hitting me right now", "physical", "emergency"),
    ("he punched me when I was pregnant", "physical", "emergency"),
    ("he choked me", "strangulation", "emergency"),
    ("he won't take no for an answer in bed", "sexual_coercion", "urgent"),
    ("he said he'd hurt the dog if I went out", "threats", "urgent"),
    ("he said he will kill me if I leave", "threats", "emergency"),
    ("he smashed my phone", "intimidation", "urgent"),
    ("he cleans his gun in front of me when we argue", "intimidation", "emergency"),
    ("he checks my phone every night", "monitoring", "concern"),
    ("he put a tracker in my handbag", "monitoring", "urgent"),
    ("he doesn't let me see my friends", "isolation", "concern"),
    ("he locks me in the flat when he goes out", "isolation", "emergency"),
    ("he controls all the money", "economic", "concern"),
    ("he took out loans in my name", "economic", "urgent"),
    ("he calls me worthless", "emotional_abuse", "concern"),
    ("I'm scared of him", "fear", "urgent"),
    ("he's banging on the door right now and I'm scared", "fear", "emergency"),
]


@pytest.mark.parametrize(("text", "category", "level"), LEVELS)
def test_category_and_level(text: str, category: str, level: str) -> None:
    result = scan_text(text)
    assert result.categories[0] == category
    assert result.kinds == (kind_of(category),)
    assert result.level == level


def test_suicide_threats_used_as_control_are_partner_harm() -> None:
    result = scan_text("Every time I talk about leaving he says he'll kill himself")
    assert result.kinds == ("partner_harm",)
    assert result.categories == ("threats",)


def test_past_and_resolved_gets_the_gentle_flag_not_an_alert() -> None:
    result = scan_text("I attempted when I was 17. I'm 34 now, happily married.")
    assert result.alert is False
    assert result.past_resolved is True
    assert (
        scan_text("i used to cut myself when i was 15 and started again last night").alert is True
    )
    assert scan_text("We had a lovely evening.").past_resolved is False


@pytest.mark.parametrize(
    "text",
    [
        "you choked me",
        "you took my phone again",
        "my partner demands to scroll through my phone",
        "I have to ask my husband for money for food",
        "he put his hands on my neck",
        "i've been giving my things away",
        "everyone would be better off without me",
        "i keep counting my pills",
        "unalive thoughts again",
        "sucidal af",
        "kms fr",
        "i think about sewerslide",
        "i overdoesed",
        "he strangeled me",
    ],
)
def test_misses_named_in_the_issue_are_caught(text: str) -> None:
    assert scan_text(text).alert is True


@pytest.mark.parametrize(
    "text",
    [
        "we watched a film about suicide in class",
        "my nursing class did a module on self-harm",
        "we play-fight and he pins me down, I always win",
        "i cut my finger chopping onions",
        "kms if i have to sit through one more zoom lol",
        "I would never hurt myself",
    ],
)
def test_false_alarms_named_in_the_issue_stay_quiet(text: str) -> None:
    assert scan_text(text).alert is False


# ---------------------------------------------------------------------------------------------
# Evidence: every span is a slice of what the person wrote


def _spans_are_slices(text: str, result: ScanResult) -> None:
    for evidence in result.evidence:
        assert 0 <= evidence.start < evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
        assert evidence.category in result.categories
    assert result.alert is bool(result.evidence)


def test_evidence_points_into_the_original_text() -> None:
    text = "Honestly?? I DON’T wanna be here anymore… he’s choked me twice 😞"
    result = scan_text(text)
    assert [(e.text, e.category) for e in result.evidence] == [
        ("DON’T wanna be here anymore", "passive_wish_dead"),
        ("choked me", "strangulation"),
    ]
    _spans_are_slices(text, result)


def test_to_dict_is_the_jsonl_contract() -> None:
    text = "he choked me"
    data = scan_text(text).to_dict(text)
    assert list(data) == ["text", "alert", "kinds", "level", "categories", "evidence"]
    assert data["evidence"] == [
        {"start": 3, "end": 12, "text": "choked me", "category": "strangulation"}
    ]


@given(st.text())
def test_any_text_scans_and_every_span_is_a_slice(text: str) -> None:
    _spans_are_slices(text, scan_text(text))


@pytest.mark.parametrize("style", ["upper", "lower", "nopunct"])
def test_cases_still_alert_in_other_clothes(style: str) -> None:
    wrappers = [("ok so ", "!!!"), ("Journal, 3 May. lol ", " idk 🙃")]
    for case in POSITIVE_CASES:
        text = case["text"]
        if style == "upper":
            text = text.upper()
        elif style == "lower":
            text = text.lower()
        else:
            text = "".join(ch for ch in text if ch.isalnum() or ch.isspace())
        for before, after in wrappers:
            full = before + text + after
            result = scan_text(full)
            assert case["expect"] in result.kinds, full
            _spans_are_slices(full, result)


@pytest.mark.parametrize(
    "text",
    [
        "Failed my exam today and I want to kill myself",
        "I'm a nurse and I've been feeling suicidal for weeks",
        "couldn't concentrate on studying, I just want to die",
        "he hit me in front of the kids again",
        "he plays mind games and then he hits me",
        "I have to ask him for money even for pads",
    ],
)
def test_risk_beside_an_everyday_topic_still_alerts(text: str) -> None:
    assert scan_text(text).alert is True


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # Told to kill myself by a partner is abuse; my own head saying it is ideation.
        ("he told me to go kill myself", ("partner_harm",)),
        ("my head tells me to kill myself", ("self_harm",)),
        ("the voice in my head keeps telling me to die", ("self_harm",)),
        # A partner's bite is violence; my own bite on purpose is self-injury.
        (
            "She scratched my face and bit my hand when I tried to leave the room.",
            ("partner_harm",),
        ),
        ("bit my arm so hard it left a bruise, on purpose", ("self_harm",)),
    ],
)
def test_the_right_kind_and_only_that_kind(text: str, kinds: tuple[str, ...]) -> None:
    assert scan_text(text).kinds == kinds


@pytest.mark.parametrize(
    "text",
    [
        "packing to leave tonight and he said I won't make it to the car",
        "he knelt on my chest and I couldn't get a breath",
        "he said he'd burn the house down with us in it",
        "haven't left the flat since Tuesday, he takes the keys when he goes to work",
    ],
)
def test_leaving_suffocation_and_confinement_are_emergencies(text: str) -> None:
    result = scan_text(text)
    assert result.partner_harm
    assert result.level == "emergency"
