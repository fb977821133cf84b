"""``nearer instruments`` and ``nearer score``: the instruments and scoring one of them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from nearer.cli.common import fail, out, print_json, read_json_file, user_errors
from nearer.core.instruments.connection_check import INSTRUMENT_ID, instrument_dict
from nearer.core.instruments.registry import SCREENERS, get_screener, normalise_id


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
    answers: Path = typer.Option(
        ..., "--answers", help="JSON file mapping item id to the chosen value."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Score one screener from an answers file."""
    if normalise_id(instrument) == normalise_id(INSTRUMENT_ID):
        fail("the Connection Check is scored by `nearer assess --answers FILE.json`.")
    with user_errors():
        screener = get_screener(instrument)
    data = read_json_file(answers)
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
        out.print(
            "Crisis and safety lines for your country: nearer learn crisis",
            style="bold red",
            markup=False,
        )
