"""Propose precise feeling words for a journal entry, each with the words that suggest it.

Three sources, in order of trust:

1. the writer names a feeling from the vocabulary ("I feel numb"), unless it is negated;
2. a phrase from ``cues.toml`` points to one ("nobody noticed" -> overlooked, lonely);
3. the emotion classifier's labels, turned into words by ``GOEMOTIONS_TO_FEELINGS``, with
   the classifier's evidence.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from nearer.core.emotions.classify import Evidence, classify
from nearer.core.emotions.feelings import FEELINGS, GOEMOTIONS_TO_FEELINGS, Feeling, feeling
from nearer.core.emotions.labels import NEUTRAL
from nearer.core.errors import KnowledgeError

# Words that negate a feeling named within the next few words ("not lonely", "never angry").
_NEGATORS = re.compile(
    r"\b(not|never|no|hardly|isn't|wasn't|aren't|don't|didn't|nor)\b\W+(\w+\W+){0,2}$"
)
NAMED, PHRASE, EMOTION = "named", "phrase", "emotion"


@dataclass(frozen=True)
class FeelingSuggestion:
    """A feeling word that may fit, why, and the words of the text that suggest it."""

    feeling: Feeling
    source: str  # "named", "phrase", or "emotion"
    label: str | None  # the GoEmotions label behind an "emotion" suggestion
    evidence: tuple[Evidence, ...]
    score: float  # 0..1, for ordering: named and phrase suggestions rank first


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]
    feelings: tuple[Feeling, ...]


@cache
def _cues() -> tuple[_Cue, ...]:
    raw = resources.files(__package__).joinpath("cues.toml").read_text(encoding="utf-8")
    try:
        return tuple(
            _Cue(
                re.compile(rf"\b(?:{entry['pattern']})\b", re.IGNORECASE),
                tuple(feeling(word) for word in entry["feelings"]),
            )
            for entry in tomllib.loads(raw)["cue"]
        )
    except (KeyError, re.error) as exc:
        raise KnowledgeError(f"cues.toml is broken ({exc}). Reinstall nearer.") from exc


@cache
def _named_pattern() -> re.Pattern[str]:
    # Longest words first so "let down" wins over "down".
    words = sorted((f.word for f in FEELINGS), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def _named(text: str) -> list[FeelingSuggestion]:
    found: list[FeelingSuggestion] = []
    for match in _named_pattern().finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _NEGATORS.search(before.lower()):
            continue
        span = Evidence(match.group(), match.start(), match.end(), 1.0)
        found.append(FeelingSuggestion(feeling(match.group()), NAMED, None, (span,), 1.0))
    return found


def _phrases(text: str) -> list[FeelingSuggestion]:
    found: list[FeelingSuggestion] = []
    for cue in _cues():
        for match in cue.pattern.finditer(text):
            span = Evidence(match.group(), match.start(), match.end(), 1.0)
            for rank, item in enumerate(cue.feelings):
                found.append(FeelingSuggestion(item, PHRASE, None, (span,), 0.95 - 0.05 * rank))
    return found


def suggest_feelings(text: str, *, mode: str = "fast", limit: int = 6) -> list[FeelingSuggestion]:
    """Up to ``limit`` feeling words for ``text``, most likely first, each with its evidence.

    Raises ``ModelError`` for empty, non-text or over-long input (as ``classify`` does).
    """
    result = classify([text], mode=mode)[0]
    candidates = _named(text) + _phrases(text)
    for label in result.labels:
        if label == NEUTRAL:
            continue
        for rank, word in enumerate(GOEMOTIONS_TO_FEELINGS[label][:2]):
            candidates.append(
                FeelingSuggestion(
                    feeling(word),
                    EMOTION,
                    label,
                    result.evidence.get(label, ()),
                    round(result.scores[label] * (0.9 - 0.1 * rank), 4),
                )
            )
    best: dict[str, FeelingSuggestion] = {}
    for item in candidates:
        kept = best.get(item.feeling.word)
        if kept is None or item.score > kept.score:
            best[item.feeling.word] = item
        elif item.score == kept.score and item.evidence != kept.evidence:
            # The same word from several phrases: keep every span that points to it.
            merged = tuple(dict.fromkeys(kept.evidence + item.evidence))
            best[item.feeling.word] = FeelingSuggestion(
                kept.feeling, kept.source, kept.label, merged, kept.score
            )
    ranked = sorted(
        best.values(),
        key=lambda s: (-s.score, min(e.start for e in s.evidence) if s.evidence else 0),
    )
    return ranked[: max(limit, 0)]
