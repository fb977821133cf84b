"""``nearer compare``: perception gaps between two partners' Connection Checks."""

from __future__ import annotations

from pathlib import Path

import typer

from nearer.cli.common import fail, out, print_json, read_json_file, user_errors
from nearer.cli.report import print_comparison
from nearer.core.assessment import result_from_json
from nearer.core.assessment.compare import compare


def register(app: typer.Typer) -> None:
    app.command("compare")(compare_command)


def compare_command(
    first: Path = typer.Argument(..., help="One partner's answers file or assess --json output."),
    second: Path = typer.Argument(..., help="The other partner's file."),
    names: str = typer.Option(
        "Partner A,Partner B", "--names", help="Two names, comma-separated, for the report."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
) -> None:
    """Show how each of you sees yourself against how the other sees you."""
    parts = [n.strip() for n in names.split(",")]
    if len(parts) != 2 or not all(parts):
        fail('--names takes two names separated by a comma, e.g. --names "Sam,Alex".')
    a_data, b_data = read_json_file(first), read_json_file(second)
    with user_errors():
        a = result_from_json(a_data)
        b = result_from_json(b_data)
    comparison = compare(a, b, (parts[0], parts[1]))
    if as_json:
        print_json(comparison.to_dict())
    else:
        print_comparison(out, comparison)
