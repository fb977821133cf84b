"""The knowledge pages. Public, like the help page: they hold no one's data, and a person
wondering whether their relationship is drifting can read them before signing up."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from nearer.core.errors import UnknownTopic
from nearer.core.knowledge import load
from nearer.core.knowledge.base import TOPICS
from nearer.web.learn.pages import find, groups_of, learn_url, page_for, topic_pages
from nearer.web.learn.search import MAX_QUERY, search
from nearer.web.safety.alerts import of_texts, remember

# Topics whose entries are short enough to read in full on the topic page.
READ_IN_FULL = {"myths", "faq", "effects"}


@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    query = str(request.GET.get("q", "")).strip()[:MAX_QUERY]
    # A search is free text like any other: words of risk put crisis help first, here too.
    remember(request, of_texts(query))
    context = {"topics": load().topics(), "query": query, "hits": search(query) if query else None}
    return render(request, "learn/index.html", context)


@require_http_methods(["GET"])
def topic(request: HttpRequest, topic: str) -> HttpResponse:
    if topic not in TOPICS:
        raise Http404("No such topic.")
    if topic == "crisis":
        return redirect("help")
    kb = load()
    pages = topic_pages(topic)
    context = {
        "topic": next(t for t in kb.topics() if t.id == topic),
        "pages": pages,
        "groups": [g for g in groups_of(topic) if g.pages],
        "in_full": topic in READ_IN_FULL,
        "contrasts": kb.contrasts if topic == "detachment" else (),
    }
    return render(request, "learn/topic.html", context)


@require_http_methods(["GET"])
def entry(request: HttpRequest, topic: str, id: str) -> HttpResponse:
    if topic not in TOPICS:
        raise Http404("No such topic.")
    try:
        found = find(topic, id)
    except UnknownTopic as exc:
        raise Http404(str(exc)) from exc
    if topic == "crisis":
        return redirect(learn_url("crisis", found.id))
    page = page_for(found)
    return render(
        request,
        "learn/entry.html",
        {"page": page, "topic_title": TOPICS[topic][0], "topic_id": topic},
    )
