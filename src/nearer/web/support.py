"""What the web app takes from the core for help and safety, shaped for templates.

Crisis lines come from the knowledge base (``nearer.core.knowledge``) and the safety scan from
``nearer.core.safety``; both are looked up per request, so a country change shows at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from nearer.core.emotions import suggest_feelings as core_suggest_feelings
from nearer.core.knowledge import load
from nearer.core.safety import SafetyAlert, ScanResult
from nearer.core.safety import scan as scan_text
from nearer.core.safety.response import kind_name


@dataclass(frozen=True)
class HelpLine:
    name: str
    kind: str
    contact: str
    hours: str
    kind_name: str = ""  # "Domestic abuse", "Crisis line": what people read, never the id


@dataclass(frozen=True)
class CountryHelp:
    code: str
    name: str
    emergency: str
    lines: tuple[HelpLine, ...] = field(default_factory=tuple)


def countries() -> list[tuple[str, str]]:
    """(code, name) of every country the knowledge base has help lines for, by name."""
    return sorted(((c.code, c.name) for c in load().crisis), key=lambda pair: pair[1])


def help_for(country_code: str) -> CountryHelp:
    """Help lines for a country; the international entry when nearer has none for it."""
    country = load().crisis_for(country_code)
    return CountryHelp(
        code=country.code,
        name=country.name,
        emergency=country.emergency,
        lines=tuple(
            HelpLine(r.name, r.kind, r.contact, r.hours, kind_name(r.kind))
            for r in country.resources
        ),
    )


def scan(text: str) -> ScanResult:
    """Run the core safety scan on free text (journal, notes, appreciations)."""
    return scan_text(text or "")


@dataclass(frozen=True)
class FeelingSuggestion:
    word: str
    quadrant: str
    evidence: tuple[str, ...]  # the phrases in the text that point at this feeling


def suggest_feelings(text: str, limit: int = 5) -> list[FeelingSuggestion]:
    """Feelings the core suggests for a journal entry, each with the words that point to it."""
    if not text.strip():
        return []
    # Journal entries are at most 10,000 characters, inside what the model reads (20,000).
    found = core_suggest_feelings(text, limit=limit)
    return [
        FeelingSuggestion(s.feeling.word, s.feeling.quadrant, tuple(str(e) for e in s.evidence))
        for s in found
    ]


@dataclass(frozen=True)
class Readout:
    """A Connection Check in words: the headline, then the pattern and likely factors."""

    headline: str
    understanding: tuple[str, ...]


def readout(answers: dict[str, object], alerts: Sequence[SafetyAlert] = ()) -> Readout:
    """The core's own sentences for stored Connection Check answers. The safety alerts go
    in too, so that partner harm opens the read-out with its own line and safety first."""
    from nearer.core.guidance.words import headline, understanding
    from nearer.core.instruments.connection_scoring import score_connection_check

    kb = load()
    check = score_connection_check(answers)
    return Readout(headline(kb, check, alerts), understanding(kb, check, alerts))
