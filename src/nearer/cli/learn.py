"""``nearer learn [TOPIC]``: browse what nearer knows about emotional distance."""

from __future__ import annotations

import dataclasses
import datetime as dt

import typer
from rich.panel import Panel
from rich.table import Table

from nearer.cli.common import out, user_errors
from nearer.core.knowledge import KnowledgeBase, load
from nearer.core.knowledge.records import SEEDS, Country, Topic

# Field names shown as headings, in the user's words; fields not listed are shown by name.
LABELS = {
    "description": "What it is",
    "self_view": "From the inside",
    "partner_view": "From the outside",
    "how_it_shows": "How it shows",
    "what_helps": "What helps",
    "summary": "In short",
    "markers": "Signs",
    "fact": "Fact",
    "answer": "Answer",
    "steps": "Steps",
    "minutes": "Minutes",
    "cadence": "How often",
    "audience": "For",
    "fits_factors": "Fits when",
    "avoid_patterns": "Not offered when",
    "unsafe_note": "Instead, when unsafe",
    "what": "What it is",
    "when": "When to consider it",
    "sources": "Sources",
}
HIDDEN = {"id", "name", "title", "question", "myth", "fits_patterns", "gives_space", "aliases"}


def register(app: typer.Typer) -> None:
    app.command("learn")(learn_command)


def learn_command(
    topic: str | None = typer.Argument(
        None, help="A topic (signs, factors, strategies, crisis, ...) or any entry's id or name."
    ),
    country: str | None = typer.Option(
        None, "--country", help="With `crisis`: the country code (US, CA, UK, IE, AU, NZ...)."
    ),
) -> None:
    """Browse the knowledge base: signs, causes, what helps, and where to get help."""
    kb = load()
    if topic is None:
        _list_topics(kb)
        return
    with user_errors():
        if country is not None and topic.lower() == "crisis":
            _show_country(kb.crisis_for(country))
            return
        entry = kb.lookup(topic)
    if isinstance(entry.item, Topic):
        _list_entries(kb, entry.item)
    elif isinstance(entry.item, Country):
        _show_country(entry.item)
    else:
        _show_item(entry.title, entry.item)


def _list_topics(kb: KnowledgeBase) -> None:
    table = Table(title="What nearer can tell you about", title_justify="left")
    for column in ("topic", "what", "entries"):
        table.add_column(column)
    for t in kb.topics():
        table.add_row(t.id, t.summary, str(t.count))
    out.print(table)
    out.print("Open one with: nearer learn TOPIC, then nearer learn ENTRY-ID.", markup=False)


def _list_entries(kb: KnowledgeBase, topic: Topic) -> None:
    table = Table(title=topic.title, title_justify="left")
    table.add_column("id")
    table.add_column("name")
    for e in kb.entries(topic.id):
        table.add_row(e.id, e.title)
    out.print(table)
    out.print(f"Open one with: nearer learn ID   ({topic.summary})", markup=False)


def _text(value: object) -> str:
    if isinstance(value, tuple | list):
        if value and all(isinstance(v, str) and v in SEEDS for v in value):
            return "\n".join(f"{v}: {SEEDS[v]}" for v in value)
        return "\n".join(f"• {v}" for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _show_item(title: str, item: object) -> None:
    if not dataclasses.is_dataclass(item):
        out.print(title, markup=False)
        return
    lines = []
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        if field.name in HIDDEN or value in (None, "", (), []):
            continue
        label = LABELS.get(field.name, field.name.replace("_", " ").capitalize())
        lines.append(f"[bold]{label}[/bold]\n{_escape(_text(value))}")
    out.print(Panel("\n\n".join(lines), title=_escape(title), title_align="left"))


def _show_country(country: Country) -> None:
    table = Table(
        title=f"Help now: {country.name} (emergency {country.emergency})", title_justify="left"
    )
    for column in ("service", "contact", "hours", "checked"):
        table.add_column(column)
    for r in country.resources:
        table.add_row(r.name, r.contact, r.hours, r.last_checked.isoformat())
    out.print(table)
    out.print(
        "If you or someone else is in immediate danger, call the emergency number now.",
        style="bold",
        markup=False,
    )


def _escape(text: str) -> str:
    return text.replace("[", "\\[")
