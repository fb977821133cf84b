"""The typed records of the knowledge base and the fixed vocabularies they use.

Every record is a frozen dataclass built by the loader from one TOML table. The fixed ids
below (domains, patterns, audiences, practices, required factors and countries) are the
contract other modules code against; docs/knowledge.md lists them for people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The five seed articles every fact is drawn from, by file name (../shared/seeds/). The
# titles are the articles' own, kept only so that a reader can tell them apart.
SEEDS: dict[str, str] = {
    "000_b057ac144da81938.txt": "Emotional Detachment",
    "001_1a052d94620c2f95.txt": (
        "Emotional Detachment in Relationships: Signs, Causes, and Solutions"
    ),
    "002_8f7ce1cc5bb097ac.txt": "Strategies To Improve Emotional Detachment In Relationships",
    "003_48da5a5706095f1d.txt": "How to Handle Emotional Detachment Issues",
    "004_a24e324e7ee3422d.txt": "How to Deal with Emotional Detachment in a Relationship",
}

DOMAIN_IDS: tuple[str, ...] = (
    "communication",
    "affection",
    "responsiveness",
    "engagement",
    "conflict",
    "inner",
)

# Patterns a Connection Check read-out can name; strategies say which they fit and which
# they must never be offered in.
PATTERNS: dict[str, str] = {
    "pursue_withdraw": "One of you reaches for closeness while the other steps further back.",
    "mutual": "You have both drifted; neither of you feels close right now.",
    "one_sided": "One of you feels the distance much more than the other.",
    "situational": "The distance arrived with a hard stretch of life and may ease with it.",
    "persistent": "The distance has lasted for months and does not lift on good days.",
    "healthy_boundary": "The space is a chosen, caring limit rather than a shutting out.",
    "unhealthy_detachment": "The distance is numbing, shutting out or wearing the bond down.",
    "safety_concern": (
        "Someone may be unsafe: afraid of their partner, controlled, or at risk of self-harm."
    ),
    "partner_harm": (
        "Someone may be frightened, controlled or hurt by their partner (issue 8: every "
        "accommodation, joint step and couples therapy is left out)."
    ),
}

# Circumstances in a couple's life that change the right advice (the Connection Check's
# circumstance questions and the note reader name them; docs/connection-check.md).
CIRCUMSTANCES: dict[str, str] = {
    "new_baby": "a baby born in the last year",
    "small_children": "small children at home",
    "living_apart": "living apart, near each other",
    "long_distance": "a long-distance relationship",
    "partner_refuses_help": "a partner who has said no to help together",
    "hurt_by_partner": "being hurt by a partner's betrayal",
    "hurt_my_partner": "having hurt one's partner by a betrayal",
    "grief": "grief after a death",
    "illness": "a serious illness or injury",
    "crunch": "a busy stretch with an end date",
    "shift_work": "shift work or intense shifts",
    "medication_change": "a medication started or changed",
    "substance_use": "drinking or drug use that worries one of you",
    "chosen_boundary": "a boundary chosen on purpose",
}

# Whose circumstance or factor a strategy is written for: the writer's, the partner's, either.
OWNERS: tuple[str, ...] = ("either", "me", "partner")

AUDIENCES: dict[str, str] = {
    "withdrawing": "the partner who has pulled back",
    "reaching": "the partner who keeps reaching out",
    "both": "both partners, together",
    "anyone": "either partner, on their own",
}

PRACTICES: dict[str, str] = {
    "check_in": "Check-ins",
    "sharing": "Small emotional sharing",
    "appreciation": "Appreciation",
    "quality_time": "Quality time",
    "shared_goals": "Shared goals",
    "non_blaming": "Non-blaming words",
    "self_care": "Self-care",
    "understanding": "Understanding differences",
    "boundaries": "Boundaries",
    "professional": "Professional help",
    "trust": "Trust repair",
}

CADENCES: tuple[str, ...] = ("once", "daily", "weekly", "as_needed")

FACTOR_KINDS: tuple[str, ...] = ("personal", "health", "relational", "circumstance", "healthy")

RESOURCE_KINDS: tuple[str, ...] = ("crisis", "suicide", "domestic_violence", "substance", "text")

REQUIRED_FACTORS: tuple[str, ...] = (
    "past_pain",
    "trauma",
    "attachment_avoidant",
    "attachment_anxious",
    "depression",
    "anxiety",
    "other_conditions",
    "medication",
    "stress_burnout",
    "substance_use",
    "unresolved_conflict",
    "frequent_fights",
    "fear_vulnerability",
    "different_needs",
    "feeling_unappreciated",
    "chosen_boundary",
    "work_detachment",
)

REQUIRED_HELP: tuple[str, ...] = (
    "couples_therapy",
    "eft",
    "cbt",
    "icbt",
    "psychodynamic",
    "individual_therapy",
    "doctor_medication",
    "substance_support",
)

REQUIRED_COUNTRIES: tuple[str, ...] = ("US", "CA", "GB", "IE", "AU", "NZ", "INTL")
FALLBACK_COUNTRY = "INTL"


@dataclass(frozen=True)
class Domain:
    """One of the six areas of life in which signs of distance show."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Sign:
    """A sign of emotional distance, seen from the inside and from the outside."""

    id: str
    name: str
    domain: str
    description: str
    self_view: str
    partner_view: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Factor:
    """Something that can feed emotional distance, or a healthy reason for space."""

    id: str
    name: str
    kind: str
    description: str
    how_it_shows: str
    what_helps: str
    professional: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Effect:
    """What lasting distance can do to a relationship."""

    id: str
    name: str
    description: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class DetachmentKind:
    """Healthy (``id == "healthy"``) or unhealthy (``"unhealthy"``) detachment."""

    id: str
    name: str
    summary: str
    markers: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Contrast:
    """One row of the healthy-versus-unhealthy comparison."""

    aspect: str
    healthy: str
    unhealthy: str


@dataclass(frozen=True)
class Myth:
    id: str
    myth: str
    fact: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Faq:
    id: str
    question: str
    answer: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Strategy:
    """A practice one or both partners can try, with when it fits and when it must not.

    ``audience`` is the TOML key ``for``. ``avoid_patterns`` lists the patterns in which it
    is never offered; ``unsafe_note`` is what to say instead when it is held back for a
    safety concern. ``gives_space`` marks strategies that ask a partner to step back, give
    space or stop pursuing; those, and every strategy done together, carry
    ``safety_concern`` in ``avoid_patterns``.
    """

    id: str
    name: str
    audience: str
    summary: str
    practice: str
    fits_factors: tuple[str, ...]
    fits_patterns: tuple[str, ...]
    avoid_patterns: tuple[str, ...]
    avoid_factors: tuple[str, ...]
    steps: tuple[str, ...]
    minutes: int
    cadence: str
    gives_space: bool
    unsafe_note: str | None
    sources: tuple[str, ...]
    # For whom and when it fits, and when it must not be offered, in circumstances:
    # ``only_when`` (offered only with one of these), ``fits_circumstances`` (ranked up),
    # ``avoid_circumstances`` (never offered). ``owner``: whose circumstance or factor it is
    # written for. ``accommodates``: it makes room for the partner's feelings, pace or trust
    # (listen, rebuild trust, make it safe to open up), so never with ``partner_harm``.
    fits_circumstances: tuple[str, ...] = ()
    only_when: tuple[str, ...] = ()
    avoid_circumstances: tuple[str, ...] = ()
    owner: str = "either"
    accommodates: bool = False

    def fits(self, patterns: frozenset[str] | set[str] = frozenset()) -> bool:
        """True unless one of ``patterns`` is a pattern this strategy must avoid."""
        return not (set(patterns) & set(self.avoid_patterns))


@dataclass(frozen=True)
class HelpOption:
    """A kind of professional help, when it suits, and which factors it addresses."""

    id: str
    name: str
    what: str
    when: tuple[str, ...]
    factors: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    """One crisis or safety service; ``last_checked`` is when nearer last verified it."""

    name: str
    kind: str
    contact: str
    hours: str
    last_checked: dt.date
    checked_against: str


@dataclass(frozen=True)
class Country:
    """Emergency number and crisis services of one country (``code`` ISO alpha-2 or INTL)."""

    code: str
    name: str
    emergency: str
    aliases: tuple[str, ...]
    last_checked: dt.date
    resources: tuple[Resource, ...]

    def of_kind(self, kind: str) -> tuple[Resource, ...]:
        return tuple(r for r in self.resources if r.kind == kind)


@dataclass(frozen=True)
class Topic:
    """One section of the knowledge base as ``learn`` lists it."""

    id: str
    title: str
    summary: str
    count: int


@dataclass(frozen=True)
class Entry:
    """The answer to ``KnowledgeBase.lookup``: which topic, which entry, and the record."""

    topic: str
    id: str
    title: str
    item: object
