"""The registry: ids, spellings people use, the error for an unknown one, and to_dict."""

from __future__ import annotations

import json

import pytest

from nearer.core.errors import UnknownInstrument
from nearer.core.instruments.registry import SCREENERS, get_screener
from nearer.core.instruments.screener import Screener

IDS = ["phq9", "phq2", "gad7", "gad2", "pcptsd5", "auditc", "epds", "safety"]


def test_the_eight_screeners_are_registered_in_order() -> None:
    assert list(SCREENERS) == IDS
    assert all(screener.id == key for key, screener in SCREENERS.items())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("phq9", "phq9"),
        ("PHQ9", "phq9"),
        ("PHQ-9", "phq9"),
        (" phq_9 ", "phq9"),
        ("Gad-7", "gad7"),
        ("GAD 2", "gad2"),
        ("PC-PTSD-5", "pcptsd5"),
        ("pc_ptsd_5", "pcptsd5"),
        ("AUDIT-C", "auditc"),
        ("audit.c", "auditc"),
        ("Safety", "safety"),
        ("safety-screen", "safety"),
        ("EPDS", "epds"),
        ("Edinburgh", "epds"),
    ],
)
def test_spellings(name: str, expected: str) -> None:
    assert get_screener(name).id == expected


@pytest.mark.parametrize("name", ["phq8", "", "audit", "connection"])
def test_unknown_instrument_lists_the_choices(name: str) -> None:
    with pytest.raises(UnknownInstrument) as caught:
        get_screener(name)
    assert str(caught.value) == (
        f"unknown instrument {name!r}; choose one of "
        "phq9, phq2, gad7, gad2, pcptsd5, auditc, epds, safety."
    )


@pytest.mark.parametrize("screener", SCREENERS.values(), ids=lambda s: s.id)
def test_every_screener_describes_itself(screener: Screener) -> None:
    data = screener.to_dict()
    json.dumps(data)  # printable as JSON as it is
    for key in ("id", "name", "short_name", "purpose", "timeframe", "items", "source"):
        assert data[key], key
    assert data["permission"]
    assert data["id"] == screener.id
    for item, item_data in zip(screener.items, data["items"], strict=True):
        assert item_data["id"] == item.id
        assert item_data["text"] == item.text
        assert item_data["values"] == list(item.values)
        assert [c["label"] for c in item_data["choices"]] == [c.label for c in item.choices]


@pytest.mark.parametrize("screener", SCREENERS.values(), ids=lambda s: s.id)
def test_every_source_names_a_year_and_every_permission_is_stated(screener: Screener) -> None:
    if screener.id != "safety":
        assert any(str(year) in screener.source for year in range(1980, 2030))
    assert any(word in screener.permission.lower() for word in ("free", "public domain"))
