"""Normalising texting for the rules, and the map back to the original characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearer.core.safety.text import correct, normalise, words


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("dont wanna be here", "do not want to be here"),
        ("I can't, he'll know", "i can not , he will know"),
        ("kms fr", "kill myself for real"),
        ("sewer slide thoughts", "suicide thoughts"),
        ("bf took my phone rn", "boyfriend took my phone right now"),
        ("sh urges r bad", "self harm urges are bad"),
        ("Im so scared 😂🔪", "i am so scared lol knife"),
        ("Wait... what?! ok", "wait . what . ok"),
        ("she’s", "she is"),
        ("Mum's car", "mums car"),
        ("low for kms on a used car", "low for kms on a used car"),
        ("drove 200 kms", "drove 200 kms"),
        ("gonna kms tonight", "going to kill myself tonight"),
        ("a cut called fæ-shē", "a cut called fæ shē"),
        ("Went at me arms again", "went at my arms again"),
        ("give me space", "give me space"),
        ("Thinkin aboot toppin meself", "thinking about topping myself"),
        ("had me by the thrapple", "had me by the throat"),
    ],
)
def test_normalise(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("sucidal", "suicidal"),
        ("suicdie", "suicide"),
        ("ovedosed", "overdosed"),
        ("strangeld", "strangled"),
        ("cooked", "cooked"),
        ("choked", "choked"),
    ],
)
def test_one_letter_slips_in_risk_words_are_corrected(typo: str, word: str) -> None:
    assert correct(typo) == word


def test_each_word_maps_back_to_what_was_written() -> None:
    found = words("I DON'T wanna… “go”")
    assert found.text == "i do not want to . go"
    start = found.text.index("do not")
    assert found.original(start, start + len("do not")) == (2, 7)
    go = found.text.index("go")
    assert found.quoted(go, go + 2) is True
    assert found.quoted(0, 1) is False


@given(st.text())
def test_every_normalised_character_maps_into_the_source(source: str) -> None:
    found = words(source)
    for i in range(len(found.text)):
        start, end = found.original(i, i + 1)
        assert 0 <= start < end <= len(source)
