"""``KnowledgeBase``: the loaded, cross-checked knowledge and the ways to look into it.

Lookups by id raise ``UnknownTopic`` with a "try one of ..." hint so that the CLI and the
web app can show the message as it is. ``lookup`` is forgiving: a topic id, an entry id, a
name, or a unique prefix or fragment of one, in any case.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from nearer.core.errors import UnknownTopic
from nearer.core.knowledge.records import (
    AUDIENCES,
    FALLBACK_COUNTRY,
    Contrast,
    Country,
    DetachmentKind,
    Domain,
    Effect,
    Entry,
    Factor,
    Faq,
    HelpOption,
    Myth,
    Sign,
    Strategy,
    Topic,
)

# Titles and one-line summaries of the nine topics, in the order ``topics()`` lists them.
TOPICS: dict[str, tuple[str, str]] = {
    "signs": (
        "Signs of emotional distance",
        "How distance shows, from the inside and the outside.",
    ),
    "factors": ("What can feed the distance", "Causes and contributing factors, and what helps."),
    "effects": ("What lasting distance does", "How a long stretch of distance wears on a couple."),
    "detachment": (
        "Healthy and unhealthy detachment",
        "When stepping back protects you, and when it starts to cost you.",
    ),
    "myths": ("Myths and facts", "Common beliefs about emotional distance, set straight."),
    "faq": ("Questions people ask", "Short answers to frequent questions."),
    "strategies": (
        "Ways to reconnect",
        "Practices for the one who pulls back, the one who reaches out, and both.",
    ),
    "help": ("Professional help", "Which kind of help fits which situation."),
    "crisis": ("Crisis and safety lines", "Emergency numbers and helplines by country."),
}

T = TypeVar("T")


def normalise(text: str) -> str:
    """Case-fold and treat spaces, hyphens and underscores alike, so ids and names match."""
    text = text.casefold().replace("\u2019", "'")
    return re.sub(r"[\s_\-]+", " ", text).strip()


def _quoted(text: str) -> str:
    """The user's text on one line, for error messages (the CLI prints one line)."""
    return '"' + " ".join(text.split()) + '"'


def _hint(wanted: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(wanted, known, n=5, cutoff=0.6)
    shown = close or list(known[:8])
    more = "" if close or len(known) <= 8 else f" (and {len(known) - 8} more)"
    return "Try one of: " + ", ".join(shown) + more + "."


def _title(item: object) -> str:
    if isinstance(item, Myth):
        return item.myth
    if isinstance(item, Faq):
        return item.question
    if isinstance(item, Topic):
        return item.title
    name = getattr(item, "name", None)
    return name if isinstance(name, str) else str(item)


class KnowledgeBase:
    """Every topic as tuples of frozen records, plus indexes for fast, forgiving lookup."""

    def __init__(
        self,
        *,
        domains: Sequence[Domain],
        signs: Sequence[Sign],
        factors: Sequence[Factor],
        effects: Sequence[Effect],
        detachment: Sequence[DetachmentKind],
        contrasts: Sequence[Contrast],
        myths: Sequence[Myth],
        faq: Sequence[Faq],
        strategies: Sequence[Strategy],
        help: Sequence[HelpOption],
        crisis: Sequence[Country],
    ) -> None:
        self.domains = tuple(domains)
        self.signs = tuple(signs)
        self.factors = tuple(factors)
        self.effects = tuple(effects)
        self.detachment = tuple(detachment)
        self.contrasts = tuple(contrasts)
        self.myths = tuple(myths)
        self.faq = tuple(faq)
        self.strategies = tuple(strategies)
        self.help = tuple(help)
        self.crisis = tuple(crisis)
        self._entries = self._build_entries()

    def __repr__(self) -> str:
        counts = ", ".join(f"{t.id}={t.count}" for t in self.topics())
        return f"KnowledgeBase({counts})"

    # -- by id ---------------------------------------------------------------------------

    @staticmethod
    def _by_id(items: Sequence[T], wanted: str, what: str) -> T:
        for item in items:
            if getattr(item, "id", None) == wanted:
                return item
        ids = [str(getattr(i, "id", "")) for i in items]
        raise UnknownTopic(f"No {what} has the id {_quoted(wanted)}. {_hint(wanted, ids)}")

    def domain(self, id: str) -> Domain:
        return self._by_id(self.domains, id, "domain")

    def sign(self, id: str) -> Sign:
        return self._by_id(self.signs, id, "sign")

    def factor(self, id: str) -> Factor:
        return self._by_id(self.factors, id, "factor")

    def strategy(self, id: str) -> Strategy:
        return self._by_id(self.strategies, id, "strategy")

    def help_option(self, id: str) -> HelpOption:
        return self._by_id(self.help, id, "kind of help")

    def signs_in(self, domain_id: str) -> tuple[Sign, ...]:
        self.domain(domain_id)
        return tuple(s for s in self.signs if s.domain == domain_id)

    def help_for(self, factor_ids: Iterable[str]) -> tuple[HelpOption, ...]:
        """Kinds of help that address any of the factors, in file order."""
        wanted = set(factor_ids)
        for factor_id in wanted:
            self.factor(factor_id)
        return tuple(h for h in self.help if wanted & set(h.factors))

    def strategies_for(
        self,
        *,
        audience: str | None = None,
        patterns: Iterable[str] = (),
        factors: Iterable[str] = (),
    ) -> tuple[Strategy, ...]:
        """Strategies that may be offered, best fitting first.

        Drops every strategy whose ``avoid_patterns`` or ``avoid_factors`` meet the given
        patterns or factors (so ``safety_concern`` removes every step-back and joint
        exercise). With ``audience``, keeps that audience's strategies and those for
        ``anyone``. The order is by how many given factors and patterns a strategy fits,
        then file order.
        """
        pattern_set, factor_set = set(patterns), set(factors)
        if audience is not None and audience not in AUDIENCES:
            raise UnknownTopic(
                f"No audience is called {_quoted(audience)}. {_hint(audience, list(AUDIENCES))}"
            )
        for factor_id in factor_set:
            self.factor(factor_id)
        chosen = [
            s
            for s in self.strategies
            if not pattern_set & set(s.avoid_patterns)
            and not factor_set & set(s.avoid_factors)
            and (audience is None or s.audience in (audience, "anyone"))
        ]

        def fit(s: Strategy) -> int:
            return len(pattern_set & set(s.fits_patterns)) + len(factor_set & set(s.fits_factors))

        return tuple(sorted(chosen, key=fit, reverse=True))

    # -- crisis ---------------------------------------------------------------------------

    def crisis_for(self, country: str | None) -> Country:
        """The country by code, alias or name in any case; the international entry otherwise."""
        wanted = normalise(country or "")
        fallback = None
        for entry in self.crisis:
            keys = {entry.code, entry.name, *entry.aliases}
            if wanted and wanted in {normalise(k) for k in keys}:
                return entry
            if entry.code == FALLBACK_COUNTRY:
                fallback = entry
        if fallback is None:  # the loader guarantees INTL; this keeps mypy and readers honest
            raise UnknownTopic(
                "The knowledge base has no international crisis entry. Reinstall nearer."
            )
        return fallback

    # -- topics and lookup -----------------------------------------------------------------

    def topics(self) -> list[Topic]:
        counts = {
            "signs": len(self.signs),
            "factors": len(self.factors),
            "effects": len(self.effects),
            "detachment": len(self.detachment),
            "myths": len(self.myths),
            "faq": len(self.faq),
            "strategies": len(self.strategies),
            "help": len(self.help),
            "crisis": len(self.crisis),
        }
        return [Topic(id, title, summary, counts[id]) for id, (title, summary) in TOPICS.items()]

    def entries(self, topic: str | None = None) -> tuple[Entry, ...]:
        """Every entry (domains count under ``signs``), or those of one topic."""
        if topic is not None and topic not in TOPICS:
            raise UnknownTopic(f"No topic is called {_quoted(topic)}. {_hint(topic, list(TOPICS))}")
        return tuple(e for e in self._entries if topic is None or e.topic == topic)

    def _build_entries(self) -> tuple[Entry, ...]:
        groups: list[tuple[str, Iterable[object]]] = [
            ("signs", self.domains),
            ("signs", self.signs),
            ("factors", self.factors),
            ("effects", self.effects),
            ("detachment", self.detachment),
            ("myths", self.myths),
            ("faq", self.faq),
            ("strategies", self.strategies),
            ("help", self.help),
        ]
        entries = [
            Entry(topic, str(getattr(item, "id", "")), _title(item), item)
            for topic, items in groups
            for item in items
        ]
        entries += [Entry("crisis", c.code, c.name, c) for c in self.crisis]
        return tuple(entries)

    def _keys(self, entry: Entry) -> set[str]:
        keys = {normalise(entry.id), normalise(entry.title)}
        if isinstance(entry.item, Country):
            keys |= {normalise(a) for a in entry.item.aliases}
        return keys

    def lookup(self, query: str) -> Entry:
        """A topic, or one entry, by id, name, or a unique prefix or fragment of either."""
        wanted = normalise(query)
        topics = {t.id: t for t in self.topics()}
        if not wanted:
            raise UnknownTopic(
                f"Say which topic or entry to look up. Try one of: {', '.join(topics)}."
            )
        for topic in topics.values():
            if wanted in (normalise(topic.id), normalise(topic.title)):
                return Entry(topic.id, topic.id, topic.title, topic)
        keyed = [(self._keys(e), e) for e in self._entries]
        exact = [e for keys, e in keyed if wanted in keys]
        if exact:
            return exact[0]
        topic_entries = [Entry(t.id, t.id, t.title, t) for t in topics.values()]
        keyed += [({normalise(t.id), normalise(t.title)}, t) for t in topic_entries]
        for matches in (
            [e for keys, e in keyed if any(k.startswith(wanted) for k in keys)],
            [e for keys, e in keyed if any(wanted in k for k in keys)],
        ):
            if len(matches) == 1:
                return matches[0]
            if matches:
                names = ", ".join(e.id for e in matches[:6])
                more = f" (and {len(matches) - 6} more)" if len(matches) > 6 else ""
                raise UnknownTopic(
                    f"{_quoted(query)} matches several entries: {names}{more}. "
                    "Use one of these ids."
                )
        candidates = sorted({k for keys, _ in keyed for k in keys if len(k) <= 40})
        close = difflib.get_close_matches(wanted, candidates, n=5, cutoff=0.6)
        hint = ", ".join(close) if close else ", ".join(topics)
        raise UnknownTopic(
            f"Nothing in the knowledge base matches {_quoted(query)}. Try one of: {hint}."
        )

    # -- wording ------------------------------------------------------------------------------

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every user-facing sentence as ``(where, text)``, for wording checks."""
        for d in self.domains:
            yield f"domains.toml {d.id}", d.description
        for s in self.signs:
            for field in ("name", "description", "self_view", "partner_view"):
                yield f"signs.toml {s.id} {field}", getattr(s, field)
        for f in self.factors:
            for field in ("name", "description", "how_it_shows", "what_helps"):
                yield f"factors.toml {f.id} {field}", getattr(f, field)
        for e in self.effects:
            yield f"effects.toml {e.id} name", e.name
            yield f"effects.toml {e.id} description", e.description
        for k in self.detachment:
            yield f"detachment.toml {k.id} summary", k.summary
            for i, marker in enumerate(k.markers):
                yield f"detachment.toml {k.id} markers[{i}]", marker
        for c in self.contrasts:
            yield f"detachment.toml contrast {c.aspect} healthy", c.healthy
            yield f"detachment.toml contrast {c.aspect} unhealthy", c.unhealthy
        for m in self.myths:
            yield f"myths.toml {m.id} myth", m.myth
            yield f"myths.toml {m.id} fact", m.fact
        for q in self.faq:
            yield f"faq.toml {q.id} question", q.question
            yield f"faq.toml {q.id} answer", q.answer
        for st in self.strategies:
            yield f"strategies.toml {st.id} name", st.name
            yield f"strategies.toml {st.id} summary", st.summary
            for i, step in enumerate(st.steps):
                yield f"strategies.toml {st.id} steps[{i}]", step
            if st.unsafe_note:
                yield f"strategies.toml {st.id} unsafe_note", st.unsafe_note
        for h in self.help:
            yield f"help.toml {h.id} what", h.what
            for i, when in enumerate(h.when):
                yield f"help.toml {h.id} when[{i}]", when
        for country in self.crisis:
            yield f"crisis.toml {country.code} emergency", country.emergency
            for r in country.resources:
                yield f"crisis.toml {country.code} {r.name} hours", r.hours
