"""Circumstances read from the note: what is read, from which words, and whose it is."""

from __future__ import annotations

import pytest

from nearer.core.instruments.connection_check import definition
from nearer.core.instruments.connection_scoring import score_connection_check
from nearer.core.instruments.note_reader import read_notes
from tests import situations as s


@pytest.mark.parametrize(
    ("note", "question", "value", "words"),
    [
        ("Our son is three months old.", "baby", "3to12m", "Our son is three months old"),
        (
            "It is seven weeks after the birth.",
            "baby",
            "under3m",
            "It is seven weeks after the birth",
        ),
        ("We have a newborn", "baby", "under3m", "We have a newborn"),
        (
            "She refuses to see a counsellor.",
            "help_together",
            "refuses",
            "She refuses to see a counsellor",
        ),
        (
            "he won't go to couples therapy",
            "help_together",
            "refuses",
            "he won't go to couples therapy",
        ),
        (
            "It started since he took the job in Dubai.",
            "apart",
            "long_distance",
            "It started since he took the job in Dubai",
        ),
        ("we are nine hours apart", "apart", "long_distance", "we are nine hours apart"),
        (
            "I've been on fluoxetine since March",
            "medication",
            "me",
            "I've been on fluoxetine since March",
        ),
        (
            "My husband started sertraline in May",
            "medication",
            "partner",
            "My husband started sertraline in May",
        ),
        ("He drinks every night now", "substances", "partner", "He drinks every night now"),
        ("My mum died in the spring", "grief", "me", "My mum died in the spring"),
        ("my bar exam is in six weeks", "crunch", "me", "my bar exam is in six weeks"),
        ("She works night shifts in A&E", "shift_work", "partner", "She works night shifts in A&E"),
        ("we have two toddlers", "small_children", "yes", "we have two toddlers"),
    ],
)
def test_reads_the_circumstance_with_its_words(
    note: str, question: str, value: str, words: str
) -> None:
    (reading,) = read_notes(note)
    assert (reading.question, reading.value, reading.words) == (question, value, words)
    # Every value read is one of the question's own choices.
    assert value in [c.value for c in definition().question(question).choices]


@pytest.mark.parametrize(
    "note",
    [
        "I am not on any antidepressants.",
        "He doesn't drink every night, only at weekends.",
        "Our daughter is 2 years old.",
        "We talked about a film last night.",
        "",
    ],
)
def test_reads_nothing_that_is_not_said_plainly(note: str) -> None:
    assert read_notes(note) == ()


def test_a_note_counts_as_an_answer_and_an_explicit_answer_wins() -> None:
    base = {**s.burnout_withdrawal(), "notes": "I've been on fluoxetine since March."}
    del base["medication"]
    check = score_connection_check(base)
    assert check.answers["medication"] == "me"
    medication = check.circumstance("medication_change")
    assert medication is not None and medication.note_words.startswith("I've been on")
    assert check.to_dict()["circumstances"][0]["from_note"] is True
    assert "fluoxetine" not in str(check.to_dict(include_answers=False))
    explicit = score_connection_check({**base, "medication": "no"})
    assert explicit.answers["medication"] == "no" and not explicit.has("medication_change")


def test_a_reading_the_person_declined_is_not_used() -> None:
    answers = {**s.stable_close(), "notes": "Our son is three months old."}
    del answers["baby"]  # the note speaks only where no answer does
    assert score_connection_check(answers).has("new_baby")
    declined = score_connection_check({**answers, "not_from_notes": ["baby"]})
    assert not declined.has("new_baby") and "baby" not in declined.answers
