"""The ``nearer`` Typer app. Each command lives in its own module and registers itself here.

To add a command: write ``nearer/cli/<name>.py`` with a ``register(app)`` function, add the
module to ``COMMAND_MODULES`` below, and document the command in ``docs/cli.md`` (a test
fails otherwise).
"""

from __future__ import annotations

import importlib

import typer

from nearer import __version__

COMMAND_MODULES: tuple[str, ...] = (
    "learn",
    "assess",
    "instruments",
    "compare",
    "serve",
    "backup",
    "createsuperuser",
    "analyze",
    "emotions",
)

app = typer.Typer(
    name="nearer",
    help="Notice, understand and repair emotional distance in a couple. Private: "
    "everything stays on this machine.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nearer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """nearer: notice, understand and repair emotional distance in a couple."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"nearer.cli.{_name}").register(app)


def main() -> None:
    app()
