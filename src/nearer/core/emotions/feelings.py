"""nearer's feelings vocabulary: precise words placed on pleasantness and energy.

The data lives in ``feelings.toml`` (package data). Each feeling has a one-line meaning in
nearer's own words, a position on two axes from -5 to +5 (the circumplex model of affect,
Russell, 1980; popularised as the Mood Meter, Brackett, 2019), the quadrant those axes put
it in, and a family of near-synonyms. A check-in can go quadrant -> family -> word.

``GOEMOTIONS_TO_FEELINGS`` maps each of the 28 GoEmotions labels (Demszky et al., 2020) to
the words in this vocabulary a person might pick for it, most typical first.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from nearer.core.errors import KnowledgeError, UnknownTopic

QUADRANT_IDS: tuple[str, ...] = (
    "high_pleasant",
    "high_unpleasant",
    "low_unpleasant",
    "low_pleasant",
)
AXIS_MIN, AXIS_MAX = -5, 5


@dataclass(frozen=True)
class Feeling:
    """One feeling word, where it sits on the two axes, and its family of near-synonyms."""

    word: str
    meaning: str
    pleasantness: int  # -5 (very unpleasant) .. +5 (very pleasant), never 0
    energy: int  # -5 (drained) .. +5 (charged), never 0
    quadrant: str  # one of QUADRANT_IDS, implied by the signs of the two axes
    family: str


@dataclass(frozen=True)
class Quadrant:
    """One quarter of the energy x pleasantness plane and the feelings in it."""

    id: str
    name: str
    description: str
    feelings: tuple[Feeling, ...]

    def families(self) -> tuple[tuple[str, tuple[Feeling, ...]], ...]:
        """The quadrant's feelings grouped by family, in the order the data lists them."""
        grouped: dict[str, list[Feeling]] = {}
        for item in self.feelings:
            grouped.setdefault(item.family, []).append(item)
        return tuple((family, tuple(items)) for family, items in grouped.items())


def quadrant_of(pleasantness: int, energy: int) -> str:
    """The quadrant id for a point on the plane (both axes must be non-zero)."""
    if pleasantness == 0 or energy == 0:
        raise ValueError("pleasantness and energy must both be non-zero")
    level = "high" if energy > 0 else "low"
    tone = "pleasant" if pleasantness > 0 else "unpleasant"
    return f"{level}_{tone}"


def _key(word: str) -> str:
    # Web forms and slugs may send "shut_out" or "Shut-Out"; all mean the same word.
    return " ".join(word.lower().replace("_", " ").replace("-", " ").split())


def _bad(message: str) -> KnowledgeError:
    return KnowledgeError(f"feelings.toml is broken: {message}. Reinstall nearer.")


def _axis(entry: Mapping[str, Any], name: str) -> int:
    value = entry.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(f"{entry.get('word')!r} has a non-integer {name}")
    if not AXIS_MIN <= value <= AXIS_MAX or value == 0:
        raise _bad(f"{entry.get('word')!r} has {name} {value}, outside -5..-1 or 1..5")
    return value


def _parse(data: Mapping[str, Any]) -> tuple[tuple[Feeling, ...], dict[str, dict[str, str]]]:
    feelings: list[Feeling] = []
    seen: set[str] = set()
    for entry in data.get("feeling", []):
        word, meaning, family = entry.get("word"), entry.get("meaning"), entry.get("family")
        if not all(isinstance(v, str) and v.strip() for v in (word, meaning, family)):
            raise _bad(f"an entry lacks word, meaning or family: {entry!r}")
        assert isinstance(word, str) and isinstance(meaning, str) and isinstance(family, str)
        if _key(word) in seen:
            raise _bad(f"{word!r} is listed twice")
        seen.add(_key(word))
        pleasantness, energy = _axis(entry, "pleasantness"), _axis(entry, "energy")
        feelings.append(
            Feeling(word, meaning, pleasantness, energy, quadrant_of(pleasantness, energy), family)
        )
    quadrant_data = data.get("quadrants", {})
    if sorted(quadrant_data) != sorted(QUADRANT_IDS):
        raise _bad(f"quadrants must be exactly {', '.join(QUADRANT_IDS)}")
    return tuple(feelings), quadrant_data


@cache
def _load() -> tuple[tuple[Feeling, ...], tuple[Quadrant, ...], Mapping[str, tuple[str, ...]]]:
    raw = resources.files(__package__).joinpath("feelings.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    feelings, quadrant_data = _parse(data)
    quadrant_list = tuple(
        Quadrant(
            id=qid,
            name=str(quadrant_data[qid]["name"]),
            description=str(quadrant_data[qid]["description"]),
            feelings=tuple(f for f in feelings if f.quadrant == qid),
        )
        for qid in QUADRANT_IDS
    )
    words = {f.word for f in feelings}
    mapping: dict[str, tuple[str, ...]] = {}
    for label, targets in data.get("goemotions", {}).items():
        missing = [t for t in targets if t not in words]
        if missing or not targets:
            raise _bad(f"GoEmotions label {label!r} points to unknown words {missing}")
        mapping[label] = tuple(targets)
    return feelings, quadrant_list, MappingProxyType(mapping)


FEELINGS: tuple[Feeling, ...] = _load()[0]
GOEMOTIONS_TO_FEELINGS: Mapping[str, tuple[str, ...]] = _load()[2]
_BY_KEY: Mapping[str, Feeling] = MappingProxyType({_key(f.word): f for f in FEELINGS})


def quadrants() -> tuple[Quadrant, ...]:
    """The four quadrants in a fixed order: high_pleasant, high_unpleasant, low_unpleasant,
    low_pleasant (clockwise from the top right of the mood meter)."""
    return _load()[1]


def quadrant(quadrant_id: str) -> Quadrant:
    """One quadrant by id, e.g. ``"low_unpleasant"``."""
    for item in quadrants():
        if item.id == quadrant_id:
            return item
    raise UnknownTopic(
        f"there is no quadrant {quadrant_id!r}. Use one of: {', '.join(QUADRANT_IDS)}."
    )


def feeling(word: str) -> Feeling:
    """Look a feeling up by its word; case, hyphens and underscores do not matter.

    Raises ``UnknownTopic`` with the closest words as a hint when the word is not in the
    vocabulary.
    """
    found = _BY_KEY.get(_key(word)) if isinstance(word, str) else None
    if found is not None:
        return found
    close = difflib.get_close_matches(_key(str(word)), list(_BY_KEY), n=3, cutoff=0.6)
    hint = (
        f"Did you mean {' or '.join(repr(_BY_KEY[c].word) for c in close)}?"
        if close
        else "Run `nearer emotions --feelings` to list the words."
    )
    raise UnknownTopic(f"{word!r} is not in nearer's feelings vocabulary. {hint}")


def feelings_for_label(label: str) -> tuple[Feeling, ...]:
    """The precise feelings for one GoEmotions label, most typical first."""
    words = GOEMOTIONS_TO_FEELINGS.get(label)
    if words is None:
        raise UnknownTopic(
            f"{label!r} is not a GoEmotions label. Use one of the 28 names in emotions.txt."
        )
    return tuple(feeling(w) for w in words)
