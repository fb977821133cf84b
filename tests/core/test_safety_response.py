"""What a set of safety alerts shows: order of help per kind and level, and the words."""

from __future__ import annotations

import pytest

from nearer.core.knowledge import load
from nearer.core.safety import SafetyAlert, scan
from nearer.core.safety.response import (
    DESCRIBED,
    DEVICE_WARNING,
    HelpLine,
    alerts_from,
    alerts_of_scan,
    kind_name,
    respond,
)
from nearer.core.safety.vocabulary import CATEGORIES

GB = load().crisis_for("GB")


def _kinds(lines: tuple[HelpLine, ...]) -> list[str]:
    return [line.kind for line in lines]


def test_partner_harm_leads_with_domestic_abuse_services() -> None:
    shown = respond([SafetyAlert("partner_harm", "r", "free text", "urgent", ("fear",))], GB)
    assert shown.lead == "partner_harm"
    assert _kinds(shown.lines)[:2] == ["domestic_violence", "domestic_violence"]
    assert _kinds(shown.lines)[2:4] == ["suicide", "text"]
    assert shown.lines[0].name == "National Domestic Abuse Helpline (run by Refuge)"
    assert shown.emergency_first is False
    assert shown.device_warning == DEVICE_WARNING
    assert shown.safety_planning is True and shown.safety_plan is False
    assert shown.described == (DESCRIBED["fear"],)


def test_self_harm_leads_with_crisis_lines_and_offers_the_plan() -> None:
    shown = respond(
        [SafetyAlert("self_harm", "r", "free text", "urgent", ("active_ideation",))], GB
    )
    assert shown.lead == "self_harm"
    assert _kinds(shown.lines) == ["suicide", "text", "domestic_violence", "domestic_violence"]
    assert shown.safety_plan is True and shown.safety_planning is False
    assert shown.device_warning is None
    assert shown.emergency_first is False


@pytest.mark.parametrize("kind", ["self_harm", "partner_harm"])
def test_emergency_level_puts_the_emergency_number_first(kind: str) -> None:
    category = "plan" if kind == "self_harm" else "strangulation"
    shown = respond([SafetyAlert(kind, "r", "free text", "emergency", (category,))], GB)  # type: ignore[arg-type]
    assert shown.emergency_first is True
    assert (
        shown.emergency_line == "In immediate danger in United Kingdom: call 999 (112 also works)."
    )


def test_strangulation_is_called_an_emergency_even_without_marks() -> None:
    text = DESCRIBED["strangulation"]
    assert "emergency" in text and "no marks" in text


def test_the_more_serious_kind_leads_and_a_tie_goes_to_self_harm() -> None:
    both = [
        SafetyAlert("self_harm", "r", "free text", "concern", ("passive_wish_dead",)),
        SafetyAlert("partner_harm", "r", "free text", "emergency", ("strangulation",)),
    ]
    shown = respond(both, GB)
    assert shown.lead == "partner_harm"
    assert shown.described[0] == DESCRIBED["strangulation"]
    assert shown.kinds == ("self_harm", "partner_harm")
    tie = [SafetyAlert("partner_harm", "r", "s"), SafetyAlert("self_harm", "r", "s")]
    assert respond(tie, GB).lead == "self_harm"


def test_coercive_control_is_named_for_tracking_and_isolation() -> None:
    shown = respond(
        [SafetyAlert("partner_harm", "r", "free text", "urgent", ("monitoring", "isolation"))], GB
    )
    assert len(shown.described) == 2
    assert all("coercive control" in s for s in shown.described)


def test_every_category_has_its_own_sentence() -> None:
    every = [c for cats in CATEGORIES.values() for c in cats]
    assert sorted(DESCRIBED) == sorted(every)
    assert len(set(DESCRIBED.values())) == len(every)


def test_no_alert_shows_crisis_lines_first_and_no_warning() -> None:
    shown = respond([], GB)
    assert shown.alert is False and shown.lead is None
    assert shown.lines[0].kind == "suicide"
    assert shown.device_warning is None and shown.described == ()


def test_kind_names_are_words_not_ids() -> None:
    assert kind_name("domestic_violence") == "Domestic abuse"
    assert kind_name("crisis") == "Crisis line"
    assert all("_" not in line.kind_name for line in respond([], GB).lines)


def test_alerts_rebuilt_from_a_session_drop_unknown_names() -> None:
    found = alerts_from(["partner_harm", "bogus"], "emergency", ["strangulation", "nope", "plan"])
    assert [(a.kind, a.level, a.categories) for a in found] == [
        ("partner_harm", "emergency", ("strangulation",))
    ]
    assert alerts_from(["self_harm"], "weird", [])[0].level == "urgent"


def test_a_scan_becomes_alerts_per_kind() -> None:
    found = alerts_of_scan(scan("he hit me last night and I want to kill myself"))
    assert [a.kind for a in found] == ["self_harm", "partner_harm"]
    assert alerts_of_scan(scan("we had a lovely walk")) == []


def _safety_texts() -> list[tuple[str, str]]:
    from nearer.core.safety import guide
    from nearer.core.safety.plan import SECTIONS
    from nearer.core.safety.response import REACH_OUT, TITLES

    texts = [(f"described {k}", v) for k, v in DESCRIBED.items()]
    texts += [(f"reach out {k}", v) for k, v in REACH_OUT.items()]
    texts += [(f"title {k}", v) for k, v in TITLES.items()]
    texts += [("device warning", DEVICE_WARNING)]
    texts += [(f"guide {n}", t) for n, t in enumerate(guide.all_texts())]
    for s in SECTIONS:
        texts += [(f"plan {s.id}", f"{s.title}. {s.prompt} {' '.join(s.examples)}")]
    return texts


def test_safety_wording_copies_no_eight_words_from_a_seed() -> None:
    from tests.core.knowledge.seedwords import fingerprint, runs, stored_fingerprints

    seeds = stored_fingerprints()
    copied = [
        f"{where}: {' '.join(run)}"
        for where, text in _safety_texts()
        for run in runs(text)
        if fingerprint(run) in seeds
    ]
    assert not copied, "reword these:\n" + "\n".join(copied)
    assert len(_safety_texts()) > 40
