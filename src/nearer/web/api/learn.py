"""The knowledge pages as JSON: topics, search, one entry. Public, like /learn/ itself."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from nearer.core.errors import UnknownTopic
from nearer.core.knowledge import load
from nearer.core.knowledge.base import TOPICS
from nearer.web.api.errors import BadInput, problems
from nearer.web.learn.pages import Page, find, learn_url, page_for
from nearer.web.learn.search import MAX_QUERY, search

router = Router(tags=["learn"], auth=None)


class TopicOut(Schema):
    id: str
    title: str
    summary: str
    count: int
    url: str


class HitOut(Schema):
    topic: str
    id: str
    title: str
    snippet: str
    url: str


class LearnOut(Schema):
    query: str
    topics: list[TopicOut]
    results: list[HitOut]


class SectionOut(Schema):
    heading: str
    paragraphs: list[str]
    items: list[str]
    ordered: bool


class SourceOut(Schema):
    file: str
    title: str


class LinkOut(Schema):
    title: str
    url: str


class PageOut(Schema):
    topic: str
    id: str
    title: str
    summary: str
    url: str
    sections: list[SectionOut]
    sources: list[SourceOut]
    related: list[LinkOut]


def _page(page: Page) -> PageOut:
    return PageOut(
        topic=page.topic,
        id=page.id,
        title=page.title,
        summary=page.summary,
        url=page.url,
        sections=[
            SectionOut(
                heading=s.heading,
                paragraphs=list(s.paragraphs),
                items=list(s.items),
                ordered=s.ordered,
            )
            for s in page.sections
        ],
        sources=[SourceOut(file=s.file, title=s.title) for s in page.sources],
        related=[LinkOut(title=r.title, url=r.url) for r in page.related],
    )


@router.get("/learn", response={200: LearnOut, **problems(400)})
def topics(request: HttpRequest, q: str = "") -> LearnOut:
    if len(q) > MAX_QUERY:
        raise BadInput(
            f"q: the search is {len(q)} characters; keep it to {MAX_QUERY}.",
            {"q": [f"keep a search to {MAX_QUERY} characters"]},
        )
    hits = search(q)
    return LearnOut(
        query=q.strip(),
        topics=[
            TopicOut(id=t.id, title=t.title, summary=t.summary, count=t.count, url=learn_url(t.id))
            for t in load().topics()
        ],
        results=[
            HitOut(
                topic=h.page.topic,
                id=h.page.id,
                title=h.page.title,
                snippet=h.snippet,
                url=h.page.url,
            )
            for h in hits
        ],
    )


@router.get("/learn/{topic}/{id}", response={200: PageOut, **problems(404)})
def entry(request: HttpRequest, topic: str, id: str) -> PageOut:
    if topic not in TOPICS:
        raise BadInput(
            f'No topic is called "{topic}". Use one of: {", ".join(TOPICS)}.', status=404
        )
    try:
        return _page(page_for(find(topic, id)))
    except UnknownTopic as exc:
        raise BadInput(str(exc), status=404) from exc
