"""Broken copies of the data raise KnowledgeError naming the file, the entry and the field."""

from __future__ import annotations

import pytest

from nearer.core.errors import KnowledgeError, NearerError
from nearer.core.knowledge import load_from
from nearer.core.knowledge.loader import parse
from tests.core.knowledge.conftest import BrokenCopy

CHASE_FITS = 'fits_factors = ["different_needs", "attachment_avoidant", "attachment_anxious"]'
CHASE_PATTERNS = 'fits_patterns = ["pursue_withdraw", "one_sided"]'
STOP_CHASING_AVOID = """fits_circumstances = ["partner_refuses_help"]
avoid_circumstances = []
avoid_patterns = ["safety_concern"]"""

CASES = [
    # (file, old, new, fragments the message must contain)
    (
        "signs.toml",
        'domain = "affection"',
        'domain = "romance"',
        ["signs.toml", "less_touch", "domain", "romance"],
    ),
    (
        "signs.toml",
        'sources = ["$B"]\n',
        'sources = ["999_nope.txt"]\n',
        ["signs.toml", "sources", "999_nope.txt"],
    ),
    (
        "signs.toml",
        'id = "terse_replies"',
        'id = "shallow_talk"',
        ["signs.toml", "shallow_talk", "twice"],
    ),
    (
        "signs.toml",
        'self_view = "Replying',
        'selfview = "Replying',
        ["terse_replies", "self_view", "missing"],
    ),
    (
        "factors.toml",
        'id = "work_detachment"',
        'id = "work_switch_off"',
        ["factors.toml", "work_detachment", "fixed id"],
    ),
    (
        "factors.toml",
        'kind = "healthy"',
        'kind = "nice"',
        ["factors.toml", "chosen_boundary", "kind", "nice"],
    ),
    (
        "factors.toml",
        'professional = ["doctor_medication"]',
        'professional = ["witch_doctor"]',
        ["factors.toml", "medication", "professional", "witch_doctor"],
    ),
    (
        "strategies.toml",
        STOP_CHASING_AVOID,
        'fits_circumstances = ["partner_refuses_help"]\n'
        "avoid_circumstances = []\navoid_patterns = []",
        ["strategies.toml", "stop_chasing", "avoid_patterns", "safety_concern"],
    ),
    (
        "strategies.toml",
        'accommodates = true\navoid_patterns = ["partner_harm"]',
        "accommodates = true\navoid_patterns = []",
        ["strategies.toml", "wait_out_the_landing", "avoid_patterns", "partner_harm"],
    ),
    (
        "strategies.toml",
        STOP_CHASING_AVOID,
        'fits_circumstances = ["partner_refuses_help"]\navoid_patterns = ["safety_concern"]',
        ["stop_chasing", "avoid_circumstances", "is missing", "must not be offered"],
    ),
    (
        "strategies.toml",
        'only_when = ["long_distance"]\navoid_patterns = ["safety_concern"]',
        'only_when = ["long_distnce"]\navoid_patterns = ["safety_concern"]',
        ["overlap_hours", "only_when", "long_distnce"],
    ),
    (
        "strategies.toml",
        'avoid_circumstances = ["partner_refuses_help", "chosen_boundary"]',
        'avoid_circumstances = ["chosen_boundary"]',
        ["try_couples_counselling", "partner_refuses_help"],
    ),
    (
        "strategies.toml",
        'for = "reaching"\nsummary = "If pursuing',
        'for = "everyone"\nsummary = "If pursuing',
        ["stop_chasing", "for", "everyone"],
    ),
    (
        "strategies.toml",
        'minutes = 15\ncadence = "once"\nunsafe_note',
        'minutes = "a while"\ncadence = "once"\nunsafe_note',
        ["stop_chasing", "minutes"],
    ),
    (
        "strategies.toml",
        f"{CHASE_FITS}\n{CHASE_PATTERNS}",
        f'fits_factors = ["different_needs", "moon_phase"]\n{CHASE_PATTERNS}',
        ["stop_chasing", "fits_factors", "moon_phase"],
    ),
    (
        "strategies.toml",
        'practice = "check_in"',
        'practice = "chat"',
        ["feelings_check_in", "practice", "chat"],
    ),
    (
        "strategies.toml",
        'cadence = "weekly"',
        'cadence = "fortnightly"',
        ["cadence", "fortnightly"],
    ),
    (
        "strategies.toml",
        f"gives_space = true\n{CHASE_FITS}",
        'gives_space = "yes"\nfits_factors = ["different_needs"]',
        ["stop_chasing", "gives_space"],
    ),
    (
        "strategies.toml",
        'name = "Ease off the chase"',
        'name = "Ease off the chase"\nmood = "calm"',
        ["stop_chasing", "mood", "not a field"],
    ),
    (
        "help.toml",
        'factors = ["medication", "depression"]',
        'factors = ["medication", "sadness"]',
        ["help.toml", "doctor_medication", "factors", "sadness"],
    ),
    ("help.toml", 'id = "eft"', 'id = "emotion_therapy"', ["help.toml", "eft", "fixed id"]),
    (
        "crisis.toml",
        'kind = "domestic_violence"\ncontact = "Call 1800 341 900"',
        'kind = "crisis"\ncontact = "Call 1800 341 900"',
        ["crisis.toml", "IE", "domestic violence"],
    ),
    ("crisis.toml", 'code = "NZ"', 'code = "NZL"', ["crisis.toml", "code", "NZL"]),
    ("crisis.toml", 'code = "INTL"', 'code = "XX"', ["crisis.toml", "INTL"]),
    (
        "crisis.toml",
        'last_checked = 2026-11-21\n\n[[country.resource]]\nname = "Samaritans"\n',
        'last_checked = 2999-01-01\n\n[[country.resource]]\nname = "Samaritans"\n',
        ["crisis.toml", "GB", "last_checked", "future"],
    ),
    (
        "crisis.toml",
        'aliases = ["Aotearoa"]',
        'aliases = ["UK"]',
        ["crisis.toml", "UK", "GB", "NZ"],
    ),
    ("myths.toml", 'id = "about_you"', 'id = "numbness"', ["numbness", "clashes"]),
    ("detachment.toml", "[unhealthy]", "[not_healthy]", ["detachment.toml", "not_healthy"]),
    ("domains.toml", 'id = "inner"', 'id = "inside"', ["domains.toml", "inside"]),
    (
        "faq.toml",
        'question = "How long does it take?"',
        "question = 42",
        ["faq.toml", "how_long", "question", "42"],
    ),
    (
        "effects.toml",
        '[[effect]]\nid = "loneliness"',
        '[[effect]\nid = "loneliness"',
        ["effects.toml", "not valid TOML"],
    ),
]
SEED_B = "001_1a052d94620c2f95.txt"


@pytest.mark.parametrize(
    ("file", "old", "new", "fragments"), CASES, ids=[f"{c[0]}:{c[3][1]}" for c in CASES]
)
def test_broken_copy_names_file_entry_and_field(
    broken_copy: BrokenCopy, file: str, old: str, new: str, fragments: list[str]
) -> None:
    folder = broken_copy(file, old.replace("$B", SEED_B), new)
    with pytest.raises(KnowledgeError) as caught:
        load_from(folder)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, message
    assert "\n" not in message
    assert message.endswith((".", ")")) or message.rstrip().endswith("."), message
    assert isinstance(caught.value, NearerError)


def test_missing_file_is_named(broken_copy: BrokenCopy) -> None:
    folder = broken_copy("faq.toml", "[[faq]]", "[[faq]]")
    (folder / "help.toml").unlink()
    with pytest.raises(KnowledgeError, match=r"help\.toml: is missing"):
        load_from(folder)


def test_parse_needs_every_file() -> None:
    with pytest.raises(KnowledgeError, match=r"domains\.toml"):
        parse({})


def test_unsafe_note_required_when_safety_concern_is_avoided(broken_copy: BrokenCopy) -> None:
    folder = broken_copy(
        "strategies.toml",
        'unsafe_note = "If you fear how your partner may react, do not raise it alone.',
        'unsafe_nope = "If you fear how your partner may react, do not raise it alone.',
    )
    with pytest.raises(KnowledgeError) as caught:
        load_from(folder)
    # the misspelt key is caught as missing unsafe_note or as an unknown field, both naming it
    assert "name_it_without_blame" in str(caught.value)
