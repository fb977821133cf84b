"""Server-side search over the knowledge pages: every word of the query must appear.

Small enough (about 200 pages) to scan on each request; a title hit ranks above a hit in
the text, and the snippet shows the first sentence that holds a query word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nearer.core.knowledge.base import TOPICS, normalise
from nearer.web.learn.pages import Page, all_pages

# Longer queries are cut here: nobody types more, and it bounds the work per request.
MAX_QUERY = 100
SNIPPET = 180


@dataclass(frozen=True)
class Hit:
    page: Page
    snippet: str
    score: int
    words: tuple[str, ...] = ()

    @property
    def marked(self) -> list[tuple[str, bool]]:
        """The snippet in pieces, each saying whether it starts with a searched word, so the
        template can mark the matches without writing HTML here."""
        if not self.words:
            return [(self.snippet, False)]
        pattern = r"(\b(?:" + "|".join(re.escape(w) for w in self.words) + r")[\w']*)"
        pieces = re.split(pattern, self.snippet, flags=re.IGNORECASE)
        return [(piece, i % 2 == 1) for i, piece in enumerate(pieces) if piece]

    @property
    def topic_title(self) -> str:
        return TOPICS[self.page.topic][0]


# A light stemmer: "arguing" finds "argue" and "arguments", "fights" finds "fight". Only
# when at least four letters are left, so that short words are matched as typed.
SUFFIXES = ("ing", "ed", "es", "s")
MIN_STEM = 4


def _stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def words_of(query: str) -> list[str]:
    found = re.findall(r"[\w']+", normalise(query[:MAX_QUERY]))
    return [_stem(w) for w in found if len(w) > 1]


def _has(text: str, word: str) -> bool:
    """The word starts a word of the text ("space" finds "spaces", "ease" not "please")."""
    return re.search(r"\b" + re.escape(word), text) is not None


def _snippet(page: Page, words: list[str]) -> str:
    sentences = re.split(r"(?<=[.!?])\s+|\n", page.text())
    for sentence in sentences[1:] + sentences[:1]:
        folded = normalise(sentence)
        if any(_has(folded, w) for w in words):
            return sentence if len(sentence) <= SNIPPET else sentence[: SNIPPET - 1] + "…"
    return page.summary[:SNIPPET]


def search(query: str) -> list[Hit]:
    """Pages holding every word of ``query``, best first; nothing for an empty query."""
    words = words_of(query)
    if not words:
        return []
    hits = []
    for page in all_pages():
        title = normalise(page.title)
        text = normalise(page.text())
        if not all(_has(text, w) for w in words):
            continue
        score = sum(3 if _has(title, w) else 1 for w in words)
        score += 5 if " ".join(words) in title else 0
        hits.append(Hit(page, _snippet(page, words), score, tuple(words)))
    return sorted(hits, key=lambda h: -h.score)
