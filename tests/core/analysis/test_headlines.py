"""One headline per person, grouping the changes that began together, each with next steps."""

from __future__ import annotations

import re
from datetime import date

from nearer.core.analysis.definitions import PATTERN_BY_ID, Direction
from nearer.core.analysis.html import render_html
from nearer.core.analysis.next_steps import headlines
from nearer.core.analysis.signals import Signal
from tests.core.analysis.test_golden import report_of

# "(from about 84 to 34 a week)": the closing value always carries its unit (the first one
# too where the two units could differ, "6 minutes to 34 minutes").
UNITS = r"(?:minutes|hours|%|per 100 messages|a week|words|unanswered a week)"
CHANGE = re.compile(rf".* \(from about [\d.]+(?: {UNITS})? to [\d.]+ {UNITS}\)")


def signal(person: str, metric: str, direction: Direction, when: str | None) -> Signal:
    return Signal(person, metric, direction, 10.0, 4.0, when, 0.9, "x", 0.01, -0.9, (-7, -5))


def test_signals_of_the_same_weeks_make_one_headline() -> None:
    signals = [
        signal("Ben", "messages", "down", "2023-07-31"),
        signal("Ben", "words_per_message", "down", "2023-07-31"),
        signal("Ben", "questions_per_100", "down", "2023-08-07"),  # a week later: same turn
        signal("Ben", "affection_per_100", "down", "2023-10-02"),  # two months later: apart
        signal("Ana", "messages", "down", None),
    ]
    found = headlines(signals, ("Ana", "Ben"), PATTERN_BY_ID["changes"])
    assert [h.person for h in found] == ["Ana", "Ben"]
    ben = found[1]
    assert ben.text == (
        "Ben, since about the week of 31 July 2023: fewer messages (from about 10 to 4 a "
        "week), shorter messages (from about 10.0 to 4.0 words), fewer questions (from about "
        "10.0 to 4.0 per 100 messages); since about the week of 2 October 2023: less "
        "affection (from about 10.0 to 4.0 per 100 messages)."
    )
    assert [g.since for g in ben.groups] == [date(2023, 7, 31), date(2023, 10, 2)]
    assert found[0].text == "Ana, lately: fewer messages (from about 10 to 4 a week)."
    # "changes" is no pattern of the knowledge base: nearer's own tools, no therapy referral.
    assert [s.kind for s in ben.steps][-2:] == ["weekly_talk", "connection_check"]
    assert "help" not in [s.kind for s in ben.steps]


def test_report_headlines_one_per_person_with_units_and_steps() -> None:
    data = report_of("pursue-withdraw")
    lines = data["headlines"]
    assert [h["person"] for h in lines] == ["Ben", "Ana", "both"]  # --me Ben lists Ben first
    plain = [s for s in data["signals"] if not s.get("pattern")]
    for h in lines:
        mine = [s for s in plain if s["person"] == h["person"]]
        assert sum(len(g["changes"]) for g in h["groups"]) == len(mine)
        assert h["text"].count("since about the week of") == len(h["groups"])
        for group in h["groups"]:
            for change in group["changes"]:
                assert CHANGE.fullmatch(change["text"]), change["text"]
    ben = lines[0]
    kinds = [s["kind"] for s in ben["steps"]]
    assert kinds == ["strategy", "strategy", "weekly_talk", "connection_check", "help"]
    assert ben["steps"][0]["id"] == "check_in_with_yourself"  # for the one pulling back
    assert lines[1]["steps"][0]["id"] == "welcome_a_share"  # for the one reaching out
    assert ben["steps"][-1]["id"] == "couples_therapy"


def test_stable_couples_get_no_headline_and_the_page_says_nothing_stands_out() -> None:
    data = report_of("stable")
    assert data["headlines"] == []
    assert "<p>Nothing stands out.</p>" in render_html(data)


def test_html_shows_each_headline_with_its_steps() -> None:
    data = report_of("pursue-withdraw")
    page = render_html(data)
    for h in data["headlines"]:
        assert h["text"].replace("'", "&#x27;") in page
        for step in h["steps"]:
            assert step["title"] in page
