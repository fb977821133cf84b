"""Knowledge-base records shaped as readable pages, and ``learn_url`` to link to them.

Each entry of ``nearer.core.knowledge`` becomes a ``Page``: a title, a one-line summary,
sections in the reader's words, the seed articles it draws on (by readable title), and
links to related entries. The JSON API and the templates both read these pages, so the
two never disagree about what an entry says.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from django.urls import reverse

from nearer.core.errors import UnknownTopic
from nearer.core.knowledge import (
    AUDIENCES,
    SEEDS,
    Country,
    DetachmentKind,
    Domain,
    Effect,
    Entry,
    Factor,
    Faq,
    HelpOption,
    KnowledgeBase,
    Myth,
    Sign,
    Strategy,
    load,
)
from nearer.core.knowledge.base import TOPICS

# Other modules name the kind of thing they link to in the singular ("strategy", "factor");
# the URLs use the topic ids of the knowledge base. Both spellings work in ``learn_url``.
KINDS: dict[str, str] = {
    **{topic: topic for topic in TOPICS},
    "sign": "signs",
    "domain": "signs",
    "area": "signs",
    "factor": "factors",
    "cause": "factors",
    "effect": "effects",
    "myth": "myths",
    "question": "faq",
    "strategy": "strategies",
    "step": "strategies",
    "help_option": "help",
    "country": "crisis",
}

CADENCE_WORDS = {
    "once": "once",
    "daily": "every day",
    "weekly": "once a week",
    "as_needed": "whenever it helps",
}


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    ordered: bool = False
    # "caution" sections (what to do instead when someone may be unsafe) come first.
    tone: str = ""


@dataclass(frozen=True)
class Source:
    file: str
    title: str


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Page:
    topic: str
    id: str
    title: str
    summary: str
    url: str
    sections: tuple[Section, ...] = ()
    sources: tuple[Source, ...] = ()
    related: tuple[Link, ...] = field(default=())
    related_heading: str = "Related"

    def text(self) -> str:
        """Everything the page says, for search."""
        parts = [self.title, self.summary]
        for section in self.sections:
            parts += [section.heading, *section.paragraphs, *section.items]
        return "\n".join(parts)


def topic_of(kind: str) -> str:
    topic = KINDS.get(kind.strip().lower())
    if topic is None:
        known = ", ".join(TOPICS)
        raise UnknownTopic(f'No kind of knowledge is called "{kind}". Try one of: {known}.')
    return topic


def learn_url(kind: str, id: str | None = None) -> str:
    """The page of one entry (``learn_url("strategy", "feelings_check_in")``) or a topic.

    Raises ``UnknownTopic`` for an id the knowledge base lacks, so that a typo in a link
    fails in the tests instead of sending a reader to a missing page. Crisis lines live on
    the help page, which also works without logging in.
    """
    topic = topic_of(kind)
    if id is None or id == "":
        return reverse("learn:topic", args=[topic])
    entry = find(topic, id)
    if topic == "crisis":
        return reverse("help") + f"?country={entry.id}"
    return reverse("learn:entry", args=[topic, entry.id])


def find(topic: str, id: str) -> Entry:
    for entry in load().entries(topic):
        if entry.id == id:
            return entry
    title = TOPICS[topic][0]
    where = reverse("learn:topic", args=[topic])
    raise UnknownTopic(f'"{title}" has no entry "{id}". Open {where} to see them all.')


def sources(files: tuple[str, ...]) -> tuple[Source, ...]:
    return tuple(Source(f, SEEDS.get(f, f)) for f in files)


def _link(kb: KnowledgeBase, topic: str, id: str) -> Link | None:
    for entry in kb.entries(topic):
        if entry.id == id:
            return Link(entry.title, learn_url(topic, id))
    return None


def _links(kb: KnowledgeBase, topic: str, ids: tuple[str, ...]) -> tuple[Link, ...]:
    found = (_link(kb, topic, i) for i in ids)
    return tuple(link for link in found if link is not None)


def page_for(entry: Entry, kb: KnowledgeBase | None = None) -> Page:
    """The page of one knowledge-base entry."""
    kb = kb or load()
    item = entry.item
    url = learn_url(entry.topic, entry.id)
    base = Page(topic=entry.topic, id=entry.id, title=entry.title, summary="", url=url)
    if isinstance(item, Domain):
        signs = kb.signs_in(item.id)
        return replace(
            base,
            summary=item.description,
            sources=sources(tuple(dict.fromkeys(f for s in signs for f in s.sources))),
            related=tuple(Link(s.name, learn_url("signs", s.id)) for s in signs),
            related_heading="Signs in this area",
        )
    if isinstance(item, Sign):
        return replace(
            base,
            summary=item.description,
            sections=(
                Section("How it can feel from the inside", (item.self_view,)),
                Section("How a partner may notice it", (item.partner_view,)),
            ),
            sources=sources(item.sources),
            related=_links(kb, "signs", (item.domain,)),
            related_heading="Area of life",
        )
    if isinstance(item, Factor):
        return replace(
            base,
            summary=item.description,
            sections=(
                Section("How it shows", (item.how_it_shows,)),
                Section("What helps", (item.what_helps,)),
            ),
            sources=sources(item.sources),
            related=_links(kb, "help", item.professional)
            + tuple(
                Link(s.name, learn_url("strategies", s.id))
                for s in kb.strategies
                if item.id in s.fits_factors
            )[:6],
            related_heading="Help and practices that fit",
        )
    if isinstance(item, Effect):
        return replace(base, summary=item.description, sources=sources(item.sources))
    if isinstance(item, DetachmentKind):
        return replace(
            base,
            summary=item.summary,
            sections=(Section("What it looks like", items=item.markers),),
            sources=sources(item.sources),
            related=tuple(
                Link(k.name, learn_url("detachment", k.id))
                for k in kb.detachment
                if k.id != item.id
            ),
            related_heading="Compare",
        )
    if isinstance(item, Myth):
        return replace(base, summary=item.fact, sources=sources(item.sources))
    if isinstance(item, Faq):
        return replace(base, summary=item.answer, sources=sources(item.sources))
    if isinstance(item, Strategy):
        return _strategy_page(kb, item, base)
    if isinstance(item, HelpOption):
        return replace(
            base,
            summary=item.what,
            sections=(Section("When to consider it", items=item.when),),
            sources=sources(item.sources),
            related=_links(kb, "factors", item.factors),
            related_heading="What it can help with",
        )
    if isinstance(item, Country):
        return replace(
            base,
            summary=f"Emergency number: {item.emergency}.",
            sections=(
                Section(
                    "Services",
                    items=tuple(f"{r.name}: {r.contact} ({r.hours})" for r in item.resources),
                ),
            ),
        )
    raise UnknownTopic(f'"{entry.title}" cannot be shown as a page. Open /learn/ instead.')


def _strategy_page(kb: KnowledgeBase, item: Strategy, base: Page) -> Page:
    how_long = f"About {item.minutes} minute{'s' if item.minutes != 1 else ''}, "
    how_long += CADENCE_WORDS.get(item.cadence, item.cadence) + "."
    sections = []
    if item.unsafe_note:
        sections.append(Section("If you may not be safe", (item.unsafe_note,), tone="caution"))
    sections += [
        Section("For", (AUDIENCES[item.audience].capitalize() + ".", how_long)),
        Section("Steps", items=item.steps, ordered=True),
    ]
    return replace(
        base,
        summary=item.summary,
        sections=tuple(sections),
        sources=sources(item.sources),
        related=_links(kb, "factors", item.fits_factors),
        related_heading="Fits when there is",
    )


# How the longer topics are split on their page, in the reader's words.
AUDIENCE_HEADINGS = {
    "withdrawing": "For the one who has pulled back",
    "reaching": "For the one who keeps reaching out",
    "both": "For both of you, together",
    "anyone": "For either of you, on your own",
}
FACTOR_HEADINGS = {
    "personal": "In a person's own history and make-up",
    "health": "Health, mood and medication",
    "relational": "Between the two of you",
    "circumstance": "Life around you",
    "healthy": "When space is healthy",
}


@dataclass(frozen=True)
class Group:
    heading: str
    anchor: str
    pages: tuple[Page, ...]
    summary: str = ""
    url: str = ""


@cache
def groups_of(topic: str) -> tuple[Group, ...]:
    """The entries of a long topic in groups (signs by area, strategies by whom they are
    for, factors by kind); no groups for the short topics."""
    kb = load()
    by_id = {p.id: p for p in topic_pages(topic)}
    if topic == "signs":
        return tuple(
            Group(
                d.name,
                d.id,
                tuple(by_id[s.id] for s in kb.signs_in(d.id)),
                d.description,
                by_id[d.id].url,
            )
            for d in kb.domains
        )
    if topic == "strategies":
        return tuple(
            Group(
                heading,
                audience,
                tuple(by_id[s.id] for s in kb.strategies if s.audience == audience),
            )
            for audience, heading in AUDIENCE_HEADINGS.items()
        )
    if topic == "factors":
        return tuple(
            Group(heading, kind, tuple(by_id[f.id] for f in kb.factors if f.kind == kind))
            for kind, heading in FACTOR_HEADINGS.items()
        )
    return ()


@cache
def topic_pages(topic: str) -> tuple[Page, ...]:
    kb = load()
    return tuple(page_for(e, kb) for e in kb.entries(topic))


@cache
def all_pages() -> tuple[Page, ...]:
    kb = load()
    return tuple(page_for(e, kb) for e in kb.entries())
