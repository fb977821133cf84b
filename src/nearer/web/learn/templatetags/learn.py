"""``{% load learn %}{% learn_url "strategy" step.id %}``: the knowledge page of an entry.

An id the knowledge base lacks links to the topic's list instead of failing the page: the
tests of ``nearer.web.learn.pages.learn_url`` catch typos, readers never see an error.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

from nearer.core.errors import UnknownTopic
from nearer.web.learn import pages

register = template.Library()


@register.simple_tag(name="learn_url")
def learn_url(kind: str, id: str | None = None) -> str:
    try:
        return pages.learn_url(kind, id)
    except UnknownTopic:
        try:
            return pages.learn_url(kind)
        except UnknownTopic:
            return reverse("learn:index")
