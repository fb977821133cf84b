"""``nearer instruments`` and ``nearer score``: the instruments and scoring one of them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from nearer.cli.common import fail, out, print_json, read_json_file, user_errors
from nearer.cli.paths import country_from_locale
from nearer.cli.prompting import ask, step_for
from nearer.core.instruments.base import Item
from nearer.core.instruments.connection_check import INSTRUMENT_ID, instrument_dict
from nearer.core.instruments.registry import SCREENERS, get_screener, normalise_id
from nearer.core.instruments.screener import Screener
from nearer.core.knowledge import load


def register(app: typer.Typer) -> None:
    app.command("instruments")(instruments_command)
    app.command("score")(score_command)


def all_instruments() -> list[dict[str, Any]]:
    return [instrument_dict(), *(s.to_dict() for s in SCREENERS.values())]


def instruments_command(
    as_json: bool = typer.Option(
        False, "--json", help="Every instrument with item ids, texts and allowed values."
    ),
) -> None:
    """List the Connection Check and the standard screeners nearer can score."""
    instruments = all_instruments()
    if as_json:
        print_json(instruments)
        return
    table = Table(title="Instruments", title_justify="left")
    for column in ("id", "name", "items", "source"):
        table.add_column(column)
    for data in instruments:
        table.add_row(data["id"], data["name"], str(len(data["items"])), _short(data["source"]))
    out.print(table)
    out.print(
        "Score one with: nearer score ID --answers FILE.json (the Connection Check: "
        "nearer assess). Screeners screen; they never diagnose.",
        markup=False,
    )


def _short(source: str) -> str:
    """First author and year of a citation ("Kroenke K, ... 2001;16:606" -> "Kroenke K, 2001")."""
    year = re.search(r"\b(19|20)\d\d\b", source)
    first = source.split(",")[0].split(".")[0]
    return f"{first}, {year.group(0)}" if year else first


def score_command(
    instrument: str = typer.Argument(..., help="Instrument id, e.g. phq9, gad7, auditc."),
    answers: Path | None = typer.Option(
        None, "--answers", help="JSON file mapping item id to the chosen value; asks if absent."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Score one screener, from an answers file or by asking its questions."""
    if normalise_id(instrument) == normalise_id(INSTRUMENT_ID):
        fail("the Connection Check is scored by `nearer assess` (or assess --answers FILE.json).")
    with user_errors():
        screener = get_screener(instrument)
    data = read_json_file(answers) if answers is not None else _ask_screener(screener)
    with user_errors():
        result = screener.score(data)
    if as_json:
        print_json(result.to_dict())
        return
    style = "bold red" if result.safety_alert else "bold"
    out.print(
        f"{screener.name}: {result.total} of {result.max_total}, {result.severity}",
        style=style,
        markup=False,
    )
    out.print(result.interpretation, markup=False)
    if result.safety_alert:
        country = load().crisis_for(country_from_locale())
        out.print(
            f"Emergency ({country.name}): {country.emergency}", style="bold red", markup=False
        )
        for r in country.resources:
            out.print(f"  {r.name}: {r.contact} ({r.hours})", markup=False)
        out.print("Other countries: nearer learn crisis --country CODE", markup=False)


def _applies(item: Item, answers: dict[str, Any]) -> bool:
    """PC-PTSD-5 asks its five questions only after a "yes" to the exposure question."""
    return not (item.optional and answers.get("exposure") == 0)


def _ask_screener(screener: Screener) -> dict[str, Any]:
    """Ask a screener's items one by one; b goes back, q stops without scoring."""
    out.rule(screener.name)
    out.print(f"{screener.purpose} Time frame: {screener.timeframe}.", markup=False)
    if screener.stem:
        out.print(screener.stem, style="bold", markup=False)
    answers: dict[str, Any] = {}
    position = 0
    items = screener.items
    while position < len(items):
        item = items[position]
        if not _applies(item, answers):
            answers.pop(item.id, None)
            position += 1
            continue
        reply = ask(step_for(item), position, len(items), answers.get(item.id))
        if reply == "quit":
            out.print("Stopped; nothing was saved.", markup=False)
            raise typer.Exit(0)
        if reply == "back":
            position = max(0, position - 1)
            while position > 0 and not _applies(items[position], answers):
                position -= 1
            continue
        if reply[1] is None:
            answers.pop(item.id, None)
        else:
            answers[item.id] = reply[1]
        position += 1
    return answers
