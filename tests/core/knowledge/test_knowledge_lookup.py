"""Looking things up: by id, by topic, by forgiving name, and crisis lines by country."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.core.errors import UnknownTopic
from nearer.core.knowledge import Country, KnowledgeBase, Sign, Strategy, Topic, load

TOPIC_IDS = [
    "signs",
    "factors",
    "effects",
    "detachment",
    "myths",
    "faq",
    "strategies",
    "help",
    "crisis",
]


def test_getters_by_id(kb: KnowledgeBase) -> None:
    assert kb.sign("numbness").domain == "inner"
    assert kb.factor("medication").kind == "health"
    assert kb.strategy("stop_chasing").audience == "reaching"
    assert kb.help_option("eft").id == "eft"
    assert kb.domain("conflict").name == "Conflict"


@pytest.mark.parametrize(
    ("getter", "wrong", "suggested"),
    [
        ("sign", "numbnes", "numbness"),
        ("factor", "medicaton", "medication"),
        ("strategy", "stop_chasin", "stop_chasing"),
        ("help_option", "cbtt", "cbt"),
        ("domain", "afection", "affection"),
    ],
)
def test_unknown_ids_suggest_close_matches(
    kb: KnowledgeBase, getter: str, wrong: str, suggested: str
) -> None:
    with pytest.raises(UnknownTopic) as caught:
        getattr(kb, getter)(wrong)
    message = str(caught.value)
    assert f'"{wrong}"' in message and "Try one of:" in message and suggested in message


def test_unknown_id_without_close_match_lists_some_ids(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownTopic, match=r"Try one of: feelings_check_in, .* more\)\."):
        kb.strategy("zzzz")


def test_signs_in_a_domain(kb: KnowledgeBase) -> None:
    signs = kb.signs_in("affection")
    assert signs and all(isinstance(s, Sign) and s.domain == "affection" for s in signs)
    assert sum(len(kb.signs_in(d.id)) for d in kb.domains) == len(kb.signs)
    with pytest.raises(UnknownTopic, match="domain"):
        kb.signs_in("money")


def test_topics_list_every_section_with_counts(kb: KnowledgeBase) -> None:
    topics = kb.topics()
    assert [t.id for t in topics] == TOPIC_IDS
    counts = {t.id: t.count for t in topics}
    assert counts["signs"] == len(kb.signs) and counts["crisis"] == len(kb.crisis)
    assert all(t.title and t.summary for t in topics)


@pytest.mark.parametrize(
    ("query", "topic", "entry_id"),
    [
        ("signs", "signs", "signs"),
        ("STRATEGIES", "strategies", "strategies"),
        ("Ways to reconnect", "strategies", "strategies"),
        ("stop_chasing", "strategies", "stop_chasing"),
        ("stop chasing", "strategies", "stop_chasing"),
        ("stop-chasing", "strategies", "stop_chasing"),
        ("Ease off the chase", "strategies", "stop_chasing"),
        ("ease off", "strategies", "stop_chasing"),
        ("numb", "signs", "numbness"),
        ("EFT", "help", "eft"),
        ("communication", "signs", "communication"),
        ("healthy", "detachment", "healthy"),
        ("uk", "crisis", "GB"),
        ("new zealand", "crisis", "NZ"),
        ("How long does it take?", "faq", "how_long"),
        ("walls", "signs", "walls_up"),
    ],
)
def test_lookup_is_forgiving(kb: KnowledgeBase, query: str, topic: str, entry_id: str) -> None:
    entry = kb.lookup(query)
    assert (entry.topic, entry.id) == (topic, entry_id)
    assert entry.title


def test_lookup_of_a_topic_returns_the_topic(kb: KnowledgeBase) -> None:
    entry = kb.lookup("myths")
    assert isinstance(entry.item, Topic) and entry.item.count == len(kb.myths)


def test_ambiguous_lookup_lists_the_candidates(kb: KnowledgeBase) -> None:
    with pytest.raises(
        UnknownTopic, match=r'"medic" matches several entries: medication, medication_cause'
    ):
        kb.lookup("medic")


def test_unknown_lookup_suggests(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownTopic, match=r"Try one of: .*numbness"):
        kb.lookup("numbnesss")
    with pytest.raises(UnknownTopic, match="Try one of: signs, factors"):
        kb.lookup("xyzzy")
    with pytest.raises(UnknownTopic, match="Say which topic"):
        kb.lookup("   ")


def test_every_entry_is_found_by_id_and_by_title(kb: KnowledgeBase) -> None:
    for entry in kb.entries():
        assert kb.lookup(entry.id).item is entry.item
        assert kb.lookup(entry.title.upper()).item is entry.item, entry.title


def test_entry_ids_are_unique_across_topics(kb: KnowledgeBase) -> None:
    ids = [e.id.casefold() for e in kb.entries()]
    assert len(ids) == len(set(ids))
    assert not set(ids) & set(TOPIC_IDS)


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_lookup_never_fails_unexpectedly(query: str) -> None:
    kb = load()
    try:
        entry = kb.lookup(query)
    except UnknownTopic as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert entry.topic in TOPIC_IDS


@pytest.mark.parametrize(
    ("asked", "code"),
    [
        (None, "INTL"),
        ("", "INTL"),
        ("us", "US"),
        ("USA", "US"),
        ("uk", "GB"),
        ("UK", "GB"),
        ("gb", "GB"),
        ("United Kingdom", "GB"),
        ("scotland", "GB"),
        ("ie", "IE"),
        ("Ireland", "IE"),
        ("ca", "CA"),
        ("Aotearoa", "NZ"),
        ("AU", "AU"),
        ("fr", "INTL"),
        ("Narnia", "INTL"),
    ],
)
def test_crisis_for_country(kb: KnowledgeBase, asked: str | None, code: str) -> None:
    assert kb.crisis_for(asked).code == code


@given(st.one_of(st.none(), st.text(max_size=20)))
def test_crisis_for_always_returns_a_country(asked: str | None) -> None:
    country = load().crisis_for(asked)
    assert isinstance(country, Country) and country.emergency and country.resources


def test_strategies_for_filters_and_ranks(kb: KnowledgeBase) -> None:
    reaching = kb.strategies_for(audience="reaching")
    assert reaching and all(s.audience in ("reaching", "anyone") for s in reaching)
    ranked = kb.strategies_for(patterns=["pursue_withdraw"], factors=["different_needs"])
    best = ranked[0]
    assert isinstance(best, Strategy)
    assert "different_needs" in best.fits_factors and "pursue_withdraw" in best.fits_patterns
    no_meds = kb.strategies_for(factors=["medication"])
    assert all("medication" not in s.avoid_factors for s in no_meds)
    with pytest.raises(UnknownTopic):
        kb.strategies_for(audience="neighbours")
    with pytest.raises(UnknownTopic):
        kb.strategies_for(factors=["astrology"])


def test_help_for_factors(kb: KnowledgeBase) -> None:
    ids = {h.id for h in kb.help_for(["medication"])}
    assert "doctor_medication" in ids
    assert not kb.help_for([])
