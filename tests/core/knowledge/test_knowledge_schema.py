"""The packaged knowledge base: schema, references, minimum counts and the safety rule."""

from __future__ import annotations

import re
from pathlib import Path

from nearer.core.knowledge import (
    AUDIENCES,
    DOMAIN_IDS,
    FILES,
    PATTERNS,
    PRACTICES,
    REQUIRED_COUNTRIES,
    REQUIRED_FACTORS,
    REQUIRED_HELP,
    SEEDS,
    KnowledgeBase,
    load,
    load_from,
)
from tests.core.knowledge.seedwords import SEED_DIR

# The six practices the product promises (issue 2), plus the other families of help.
PROMISED_PRACTICES = {
    "check_in",
    "sharing",
    "appreciation",
    "quality_time",
    "shared_goals",
    "non_blaming",
}

# Wording that asks someone to step back; any strategy using it must be flagged as such.
STEP_BACK = re.compile(
    r"\b(give|giving) (\w+ )?space\b|\bstep(ping)? back\b|\bstop (chasing|pursuing)\b"
    r"|\bease off\b|\btime apart\b|\bneed (time alone|space)\b",
    re.IGNORECASE,
)


def test_load_is_cached_and_typed(kb: KnowledgeBase) -> None:
    assert load() is kb
    assert isinstance(kb.signs, tuple) and isinstance(kb.crisis, tuple)


def test_package_ships_exactly_the_documented_files(data_dir: Path) -> None:
    assert sorted(p.name for p in data_dir.glob("*.toml")) == sorted(FILES)


def test_load_from_a_folder_equals_the_packaged_base(kb: KnowledgeBase, data_dir: Path) -> None:
    copy = load_from(str(data_dir))
    assert copy.signs == kb.signs and copy.strategies == kb.strategies and copy.crisis == kb.crisis


def test_domains_are_the_six_fixed_ones(kb: KnowledgeBase) -> None:
    assert tuple(d.id for d in kb.domains) == DOMAIN_IDS
    assert kb.domain("affection").name == "Affection and intimacy"


def test_enough_signs_and_every_domain_has_three(kb: KnowledgeBase) -> None:
    assert len(kb.signs) >= 30
    for domain in DOMAIN_IDS:
        assert len(kb.signs_in(domain)) >= 3, domain


def test_signs_have_both_points_of_view(kb: KnowledgeBase) -> None:
    for sign in kb.signs:
        assert re.search(r"\byou(r)?\b", sign.self_view, re.I), sign.id
        assert sign.self_view != sign.partner_view, sign.id
        assert sign.description and sign.name, sign.id


def test_merged_signs_cover_what_the_articles_name(kb: KnowledgeBase) -> None:
    # One representative per sign family the five articles name; merged duplicates share one.
    expected = {
        "numbness", "less_touch", "less_sex", "avoids_feelings_talk", "shallow_talk",
        "seeks_solitude", "no_shared_future", "flat_reactions", "little_support",
        "lost_curiosity", "always_busy", "unbothered", "no_repair_effort",
        "unfavourable_comparisons", "hard_to_empathise", "cannot_name_feelings",
        "terse_replies", "plans_unshared", "others_first", "less_invested", "hard_to_commit",
        "half_listening", "hard_to_open_up", "ambivalence", "low_self_worth",
        "leaning_on_substances", "drifting_from_others", "lonely_together", "walls_up",
        "dodges_hard_topics", "given_up_talking", "chase_and_retreat", "says_fine",
    }  # fmt: skip
    assert expected <= {s.id for s in kb.signs}


def test_factors_cover_every_fixed_id(kb: KnowledgeBase) -> None:
    ids = [f.id for f in kb.factors]
    assert len(ids) >= 12
    assert set(REQUIRED_FACTORS) <= set(ids)
    assert kb.factor("chosen_boundary").kind == "healthy"
    assert kb.factor("work_detachment").kind == "healthy"
    assert "antidepressant" in kb.factor("medication").description


def test_every_reference_resolves(kb: KnowledgeBase) -> None:
    factor_ids = {f.id for f in kb.factors}
    help_ids = {h.id for h in kb.help}
    for factor in kb.factors:
        assert set(factor.professional) <= help_ids, factor.id
    for option in kb.help:
        assert set(option.factors) <= factor_ids, option.id
    for strategy in kb.strategies:
        assert set(strategy.fits_factors) | set(strategy.avoid_factors) <= factor_ids, strategy.id
        assert set(strategy.fits_patterns) | set(strategy.avoid_patterns) <= set(PATTERNS)
        assert not set(strategy.fits_patterns) & set(strategy.avoid_patterns), strategy.id
    for sign in kb.signs:
        assert sign.domain in DOMAIN_IDS


def test_every_factor_has_a_strategy_and_unhealthy_ones_have_help(kb: KnowledgeBase) -> None:
    for factor in kb.factors:
        assert any(factor.id in s.fits_factors for s in kb.strategies), factor.id
        if factor.kind in ("health", "personal"):
            assert factor.professional, factor.id


def test_every_source_is_a_seed_file(kb: KnowledgeBase) -> None:
    records = [*kb.signs, *kb.factors, *kb.effects, *kb.detachment, *kb.myths, *kb.faq]
    records += [*kb.strategies, *kb.help]
    for record in records:
        assert record.sources, record
        assert set(record.sources) <= set(SEEDS), record
    cited = {s for record in records for s in record.sources}
    assert cited == set(SEEDS), "every seed article should be drawn on"


def test_seed_list_matches_the_seed_folder() -> None:
    if SEED_DIR.is_dir():
        assert {p.name for p in SEED_DIR.glob("*.txt")} == set(SEEDS)
    else:  # a clone without ../shared: the names must still look like seed files
        assert all(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", name) for name in SEEDS)


def test_enough_strategies_for_every_audience_and_practice(kb: KnowledgeBase) -> None:
    assert len(kb.strategies) >= 24
    assert {s.audience for s in kb.strategies} == set(AUDIENCES)
    assert {s.practice for s in kb.strategies} == set(PRACTICES)
    assert {s.practice for s in kb.strategies} >= PROMISED_PRACTICES
    for strategy in kb.strategies:
        assert len(strategy.steps) >= 2 and 1 <= strategy.minutes <= 180, strategy.id


def test_safety_rule_holds_for_every_strategy(kb: KnowledgeBase) -> None:
    for s in kb.strategies:
        text = " ".join([s.name, s.summary, *s.steps])
        if STEP_BACK.search(text):
            assert s.gives_space, f"{s.id} asks someone to step back but is not marked gives_space"
        if s.gives_space or s.audience == "both":
            assert "safety_concern" in s.avoid_patterns, s.id
            assert s.unsafe_note and len(s.unsafe_note) > 40, s.id


def test_stop_chasing_is_never_offered_with_a_safety_concern(kb: KnowledgeBase) -> None:
    offered = kb.strategies_for(patterns=["safety_concern"])
    ids = {s.id for s in offered}
    assert "stop_chasing" not in ids
    assert not [s.id for s in offered if s.gives_space or s.audience == "both"]
    assert "reach_safety_support" in ids
    assert "stop_chasing" in {s.id for s in kb.strategies_for(patterns=["pursue_withdraw"])}


def test_chosen_boundary_and_work_detachment_are_respected(kb: KnowledgeBase) -> None:
    boundary = [s for s in kb.strategies if "chosen_boundary" in s.fits_factors]
    assert len(boundary) >= 2
    assert any(s.audience == "reaching" and s.practice == "boundaries" for s in boundary)
    work = [s for s in kb.strategies if "work_detachment" in s.fits_factors]
    assert len(work) >= 2
    assert any("healthy" in s.summary.lower() for s in work)
    assert "healthy" in kb.factor("work_detachment").what_helps.lower() or (
        "healthy" in kb.factor("work_detachment").description.lower()
    )


def test_help_covers_the_named_kinds(kb: KnowledgeBase) -> None:
    assert set(REQUIRED_HELP) <= {h.id for h in kb.help}
    assert "emotionally focused" in kb.help_option("eft").name.lower()
    assert "medication" in kb.help_option("doctor_medication").factors
    assert "internet" in kb.help_option("icbt").name.lower()


def test_effects_detachment_myths_faq_are_filled(kb: KnowledgeBase) -> None:
    assert len(kb.effects) >= 5
    assert [k.id for k in kb.detachment] == ["healthy", "unhealthy"]
    assert len(kb.contrasts) >= 4
    assert len(kb.myths) >= 5 and len(kb.faq) >= 10


def test_crisis_resources_for_every_required_country(kb: KnowledgeBase) -> None:
    codes = {c.code for c in kb.crisis}
    assert set(REQUIRED_COUNTRIES) <= codes
    for country in kb.crisis:
        kinds = {r.kind for r in country.resources}
        assert country.emergency and country.last_checked, country.code
        assert kinds & {"crisis", "suicide"}, country.code
        assert "domestic_violence" in kinds, country.code
        for resource in country.resources:
            assert resource.last_checked and resource.checked_against, resource.name
    # A text option exists in each of these countries (verified 2026-11-21).
    for code in ("US", "CA", "GB", "IE", "AU", "NZ"):
        country = kb.crisis_for(code)
        assert country.of_kind("text") or any(
            "text" in r.contact.lower() for r in country.resources
        )


def test_well_known_numbers_are_where_they_belong(kb: KnowledgeBase) -> None:
    assert kb.crisis_for("US").emergency == "911"
    assert "988" in kb.crisis_for("US").of_kind("suicide")[0].contact
    assert "116 123" in kb.crisis_for("UK").of_kind("suicide")[0].contact
    assert kb.crisis_for("AU").emergency == "000"
    assert kb.crisis_for("NZ").emergency == "111"
