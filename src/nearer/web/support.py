"""What the web app takes from the core for help and safety, shaped for templates.

Crisis lines come from the knowledge base (``nearer.core.knowledge``) and the safety scan from
``nearer.core.safety``; both are looked up per request, so a country change shows at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from nearer.core.errors import NearerError
from nearer.core.knowledge import KnowledgeBase, load
from nearer.core.safety import scan_text


@dataclass(frozen=True)
class HelpLine:
    name: str
    kind: str
    contact: str
    hours: str


@dataclass(frozen=True)
class CountryHelp:
    code: str
    name: str
    emergency: str
    lines: tuple[HelpLine, ...] = field(default_factory=tuple)


@cache
def _kb() -> KnowledgeBase | None:
    """The packaged knowledge base, or None if it cannot be read (a packaging bug that the
    core's own tests catch); the help page then still shows the advice that holds anywhere."""
    try:
        return load()
    except NearerError:
        return None


def countries() -> list[tuple[str, str]]:
    """(code, name) of every country the knowledge base has help lines for, by name."""
    kb = _kb()
    found = [(c.code, c.name) for c in kb.crisis] if kb is not None else []
    return sorted(found, key=lambda pair: pair[1]) or [("US", "United States")]


def help_for(country_code: str) -> CountryHelp:
    """Help lines for a country; the international entry when nearer has none for it."""
    kb = _kb()
    if kb is not None:
        country = kb.crisis_for(country_code)
        return CountryHelp(
            code=country.code,
            name=country.name,
            emergency=country.emergency,
            lines=tuple(HelpLine(r.name, r.kind, r.contact, r.hours) for r in country.resources),
        )
    return CountryHelp(
        code=country_code, name="your country", emergency="your local emergency number"
    )


@dataclass(frozen=True)
class SafetyResult:
    alert: bool
    self_harm: bool = False
    harm_from_partner: bool = False


def scan(text: str) -> SafetyResult:
    """Run the core safety scan on free text (journal, notes, appreciations)."""
    found = scan_text(text or "")
    return SafetyResult(
        alert=found.alert,
        self_harm=found.self_harm,
        harm_from_partner=found.harm_from_partner,
    )


@dataclass(frozen=True)
class FeelingSuggestion:
    word: str
    quadrant: str
    evidence: tuple[str, ...]  # the phrases in the text that point at this feeling


def suggest_feelings(text: str, limit: int = 5) -> list[FeelingSuggestion]:
    """Feelings the core suggests for a journal entry, each with the words that point to it.

    Empty when the core's suggester is not installed in this build; the journal still works.
    """
    try:
        from nearer.core import emotions
    except ImportError:
        return []
    suggest = getattr(emotions, "suggest_feelings", None)
    if suggest is None or not text.strip():
        return []
    found: list[FeelingSuggestion] = []
    for item in list(suggest(text))[:limit]:
        feeling = getattr(item, "feeling", item)
        word = str(getattr(feeling, "word", getattr(item, "word", "")))
        quadrant = str(getattr(feeling, "quadrant", getattr(item, "quadrant", "")))
        evidence = getattr(item, "evidence", ())
        if isinstance(evidence, str):
            evidence = (evidence,)
        found.append(FeelingSuggestion(word, quadrant, tuple(str(e) for e in evidence)))
    return [s for s in found if s.word]


@dataclass(frozen=True)
class Readout:
    """A Connection Check in words: the headline, then the pattern and likely factors."""

    headline: str
    understanding: tuple[str, ...]


def readout(answers: dict[str, object]) -> Readout | None:
    """The core's own sentences for stored Connection Check answers (None without a kb)."""
    from nearer.core.guidance.words import headline, understanding
    from nearer.core.instruments.connection_scoring import score_connection_check

    kb = _kb()
    if kb is None:
        return None
    check = score_connection_check(answers)
    return Readout(headline(kb, check, ()), understanding(kb, check))
