"""The feelings vocabulary from ``nearer.core.emotions.feelings``, shaped for forms."""

from __future__ import annotations

from functools import cache

from nearer.core.emotions.feelings import Feeling, Quadrant, feeling, quadrants
from nearer.core.errors import NearerError


@cache
def quadrant_choices() -> tuple[tuple[str, str], ...]:
    return tuple((q.id, q.name) for q in quadrants())


@cache
def quadrant_names() -> dict[str, str]:
    return dict(quadrant_choices())


@cache
def word_choices() -> tuple[tuple[str, str], ...]:
    return tuple((f.word, f.word) for q in quadrants() for f in q.feelings)


def all_quadrants() -> tuple[Quadrant, ...]:
    return quadrants()


def lookup(word: str) -> Feeling | None:
    """The feeling for a word, or None when it is not in the vocabulary."""
    try:
        return feeling(word)
    except NearerError:
        return None
