"""Honest about language: the guess, no emotion figures outside English, style words per
language."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest

from nearer.core.analysis.definitions import STYLE_LANGUAGES
from nearer.core.analysis.features import message_features
from nearer.core.analysis.language import guess_language
from nearer.core.analysis.lexicon import CATEGORIES, LSM_CATEGORIES, LSM_WORDS, lexicon_for
from nearer.core.analysis.report import Settings, run
from nearer.core.analysis.synthetic import synthetic_couple
from nearer.core.chats.model import ChatTable, Message

GERMAN = [
    "ich bin heute so müde, und du?",
    "ja, das ist gut, ich habe auch nicht geschlafen",
    "wir sehen uns morgen bei dir",
    "hast du die Katze schon gefüttert?",
    "nein, noch nicht, aber ich mache es jetzt",
    "das Essen war echt lecker, danke dir",
    "kannst du mir den Schlüssel mitbringen?",
    "ich freue mich auf das Wochenende mit dir",
]
SPANISH = [
    "hola, ¿qué tal el trabajo?",
    "muy bien, pero estoy cansada",
    "yo también, ¿cenamos juntos esta noche?",
    "sí, claro, te espero en la casa",
    "no encuentro las llaves del coche",
    "están en la mesa de la cocina",
]


def chat(lines: list[str], weeks: int = 3) -> ChatTable:
    start = datetime(2024, 1, 1, 9)
    texts = itertools.cycle(lines)
    msgs = [
        Message(start + timedelta(hours=5 * i), ("Lena", "Jonas")[i % 2], next(texts))
        for i in range(weeks * 7 * 4)
    ]
    return ChatTable.from_messages("whatsapp", msgs)


@pytest.mark.parametrize(("lines", "code"), [(GERMAN, "de"), (SPANISH, "es")])
def test_guess(lines: list[str], code: str) -> None:
    detected, shares = guess_language(lines * 5)
    assert detected == code
    assert shares[code] == max(shares.values())


def test_too_little_text_is_no_guess() -> None:
    assert guess_language(["ok", "👍"]) == (None, {})


def test_a_german_chat_gets_no_emotion_figures_and_says_why() -> None:
    data = run(chat(GERMAN), Settings(emotions=True)).data
    note = data["language"]
    assert note["detected"] == "de" and note["emotion_model_fits"] is False
    assert note["emotion_note"] == (
        "This chat is mostly in German. The emotion model reads English only, so it was not "
        "run: figures from a language it cannot read would be wrong, not just rough."
    )
    assert note["note"] == (
        "This chat is mostly in German. There are no emotion figures: the emotion model reads "
        "English only. The word lists of the other metrics cover German."
    )
    assert data["settings"]["emotion_model"] is False
    assert "emotion_share" not in data["totals"][0] and "emotion_share" not in data["metrics"]
    assert note["style_words"] == "de" and note["word_lists_cover"]["lsm"] is True


def test_an_english_chat_keeps_its_emotion_figures() -> None:
    table = ChatTable.from_messages("whatsapp", synthetic_couple("stable", weeks=4, seed=1))
    data = run(table, Settings(emotions=True)).data
    assert data["language"]["detected"] == "en" and data["language"]["note"] is None
    assert data["settings"]["emotion_model"] is True


def test_italian_style_matching_says_it_is_not_covered() -> None:
    italian = ["ciao, come stai? io sono a casa", "bene, ma sono molto stanca anche io"]
    note = run(chat(italian), Settings(emotions=False)).data["language"]
    assert note["detected"] == "it" and note["word_lists_cover"]["lsm"] is False
    assert note["word_lists_cover"]["affection_per_100"] is True
    assert "do not cover Italian for: style matching between you" in note["note"]


def test_every_style_language_has_the_nine_categories() -> None:
    assert set(LSM_WORDS) == set(STYLE_LANGUAGES) == {"en", "de", "es", "fr", "pt"}
    for language, lists in LSM_WORDS.items():
        assert tuple(lists) == LSM_CATEGORIES, language
        assert all(len(words.split()) >= 3 for words in lists.values()), language


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("de", "der Hund und die Katze sind nicht hier", {"articles": 2, "conjunctions": 1}),
        ("es", "el perro y la gata no están en casa", {"articles": 2, "negations": 1}),
        ("fr", "le chien et la chatte sont avec moi", {"articles": 2, "prepositions": 1}),
        ("pt", "o cão e a gata não estão em casa", {"articles": 2, "negations": 1}),
        ("en", "the dog and the cat are not here", {"articles": 2, "negations": 1}),
    ],
)
def test_style_words_are_counted_in_their_language(
    language: str, text: str, expected: dict[str, int]
) -> None:
    table = ChatTable.from_messages("whatsapp", [Message(datetime(2024, 1, 1), "A", text)])
    features = message_features(table, lexicon_for(language))
    for category, count in expected.items():
        assert int(features.category(category)[0]) == count, (language, category)
    # The English lists do not read German articles as English words, and back.
    if language == "de":
        english = message_features(table, lexicon_for("en"))
        assert int(english.category("articles")[0]) == 0
    assert "articles" in CATEGORIES


def test_the_html_report_says_why_there_are_no_emotion_figures() -> None:
    from nearer.core.analysis.html import render_html

    data = run(chat(GERMAN), Settings(emotions=True)).data
    page = render_html(data)
    assert "This chat is mostly in German. There are no emotion figures" in page
    assert 'data-metric="emotion_share"' not in page
