"""Which language a chat is mostly written in, and what that means for the metrics.

The guess counts very common function words (nearer's own short lists, chosen to be
frequent in chat and rare in the other languages) in an even sample of the text messages;
the language with the most of them wins. The emotion model reads English only, so a chat
mostly in another language gets no emotion figures (and the report says why); the word
lists of the other metrics cover English, German, Spanish, French, Portuguese, Italian,
Dutch and Russian, style matching English, German, Spanish, French and Portuguese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nearer.core.analysis.definitions import (
    ALL_LEXICON_LANGUAGES,
    METRICS,
    STYLE_LANGUAGES,
)
from nearer.core.chats.model import ChatTable

SAMPLE = 2_000  # text messages read for the guess: enough for a stable share, and quick
MIN_WORDS = 30  # fewer recognised function words than this: too little text to tell

LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "fr": "French",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "ru": "Russian",
}
EMOTION_LANGUAGES = ("en",)

_MARKERS: dict[str, str] = {
    "en": "the and you is are to of it that what this was with have but not my your for just "
    "i'm don't how about will can be me we they there would yeah",
    "de": "ich und der das nicht ist du ein eine mit auf auch es wir mir dich dir noch aber "
    "wie schon bin hast habe heute gut ja nein doch mal jetzt kann",
    "es": "que el la los las y es no por para con una pero muy estoy qué cómo bien sí "
    "también te mi tu lo del hola ya está eso esto yo",
    "fr": "je tu le la les et est pas que une un des du pour avec mais très oui c'est bien "
    "moi toi on ça suis ai au vous nous il elle",
    "pt": "eu você não que é o os as um uma com para mas muito sim tudo bem está isso meu "
    "minha do da em obrigado tá vou também",
    "it": "io che non è il lo gli una sono per con ma molto sì anche ciao bene tutto ho hai "
    "mi ti della del questo",
    "nl": "ik je het de een en niet is van dat met ook maar wat jij wel nog goed zijn heb "
    "mij naar dit",
    "ru": "я ты и в не на что это как с а но да нет так у меня тебя все всё мне уже очень",
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _marker_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for lang, words in _MARKERS.items():
        for word in words.split():
            table.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in table.items()}


_LANGUAGES_OF = _marker_table()


def guess_language(texts: list[str]) -> tuple[str | None, dict[str, float]]:
    """The most likely language of ``texts`` and each language's share of marker words.

    A word that marks several languages counts for each. None when too few markers are found.
    """
    counts = dict.fromkeys(_MARKERS, 0)
    for text in texts:
        for word in _WORD.findall(text.lower().replace("’", "'")):
            for lang in _LANGUAGES_OF.get(word, ()):
                counts[lang] += 1
    total = sum(counts.values())
    if total < MIN_WORDS:
        return None, {}
    shares = {lang: round(n / total, 3) for lang, n in counts.items() if n}
    best = max(counts, key=lambda lang: counts[lang])
    return best, shares


@dataclass(frozen=True)
class LanguageNote:
    """The guessed language and what it means for each metric (see ``to_json``)."""

    detected: str | None  # ISO 639-1 code, None when the chat has too little text
    shares: dict[str, float] = field(default_factory=dict)

    @property
    def emotion_model_fits(self) -> bool:
        return self.detected in (None, *EMOTION_LANGUAGES)

    @property
    def style_language(self) -> str:
        """The function-word lists style matching uses (English when none fits)."""
        return self.detected if self.detected in STYLE_LANGUAGES else "en"

    def covered(self, metric_id: str) -> bool | None:
        """Whether the metric's word lists cover the chat's language (None: it uses none)."""
        metric = next(m for m in METRICS if m.id == metric_id)
        if metric.emotion:
            return self.emotion_model_fits
        if not metric.word_lists:
            return None
        lang = self.detected or "en"
        if metric.word_lists == ("style",):
            return lang in STYLE_LANGUAGES
        return lang in ALL_LEXICON_LANGUAGES

    @property
    def emotion_note(self) -> str | None:
        if self.emotion_model_fits or self.detected is None:
            return None
        name = LANGUAGE_NAMES[self.detected]
        return (
            f"This chat is mostly in {name}. The emotion model reads English only, so it was "
            "not run: figures from a language it cannot read would be wrong, not just rough."
        )

    @property
    def note(self) -> str | None:
        """One sentence on what the language means for the figures (None for English)."""
        if self.detected in (None, "en"):
            return None
        name = LANGUAGE_NAMES[self.detected]
        missing = [m.label for m in METRICS if self.covered(m.id) is False and not m.emotion]
        parts = [f"This chat is mostly in {name}."]
        if self.emotion_note:
            parts.append("There are no emotion figures: the emotion model reads English only.")
        if missing:
            parts.append(
                f"nearer's word lists do not cover {name} for: {', '.join(missing)}; read "
                "those figures as English words only."
            )
        else:
            parts.append(f"The word lists of the other metrics cover {name}.")
        return " ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "detected": self.detected,
            "shares": dict(self.shares),
            "emotion_model_fits": self.emotion_model_fits,
            "emotion_note": self.emotion_note,
            "style_words": self.style_language,
            "word_lists_cover": {
                m.id: self.covered(m.id) for m in METRICS if self.covered(m.id) is not None
            },
            "note": self.note,
        }


def language_note(table: ChatTable, sample: int = SAMPLE) -> LanguageNote:
    """Guess the chat's language from an even sample of its text messages."""
    rows = np.flatnonzero(~table.media & ~table.deleted & (table.end > table.start))
    if rows.size > sample:
        rows = rows[np.linspace(0, rows.size - 1, sample).astype(np.int64)]
    detected, shares = guess_language([table.message_text(int(i))[:2000] for i in rows])
    return LanguageNote(detected, shares)
