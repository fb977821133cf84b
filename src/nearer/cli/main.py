"""The ``nearer`` Typer app. Each command lives in its own module and registers itself here.

To add a command: write ``nearer/cli/<name>.py`` with a ``register(app)`` function, add its
commands to ``COMMANDS`` below, and document them in ``docs/cli.md`` (a test fails
otherwise).

Start-up stays quick because nothing is imported that the command line does not need:
``nearer --version`` imports no command at all, and ``nearer CMD ...`` imports only the
module that registers ``CMD`` (every module for ``nearer`` alone or ``nearer --help``).
``app`` (for tests and other callers) is the app with every command.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from nearer import __version__

if TYPE_CHECKING:
    import typer

# Command name -> the module that registers it (a test checks that each module registers
# exactly its commands).
COMMANDS: dict[str, str] = {
    "learn": "learn",
    "assess": "assess",
    "instruments": "instruments",
    "score": "instruments",
    "compare": "compare",
    "serve": "serve",
    "createsuperuser": "createsuperuser",
    "analyze": "analyze",
    "emotions": "emotions",
    "safety": "safety",
    "safety-plan": "safety_plan",
    "worker": "worker",
    "backup": "backup",
    "restore": "backup",
    "report": "share_report",
    "import": "import_data",
    "remind": "remind",
}
# Each module once, in the order of the help listing.
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(COMMANDS.values()))
HELP = (
    "Notice, understand and repair emotional distance in a couple. Private: everything stays "
    "on this machine."
)


def _version(value: bool) -> None:
    import typer

    if value:
        typer.echo(f"nearer {__version__}")
        raise typer.Exit()


def build_app(modules: Sequence[str] = COMMAND_MODULES) -> typer.Typer:
    """The Typer app with the commands of ``modules``."""
    import typer

    built = typer.Typer(
        name="nearer",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    @built.callback()
    def _root(
        version: bool = typer.Option(
            False,
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ) -> None:
        """nearer: notice, understand and repair emotional distance in a couple."""

    for name in modules:
        importlib.import_module(f"nearer.cli.{name}").register(built)
    return built


_FULL: list[typer.Typer] = []


def __getattr__(name: str) -> Any:
    if name == "app":
        if not _FULL:
            _FULL.append(build_app())
        return _FULL[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_PLAIN: dict[Any, Callable[[Any], Any]] = {str: str, Path: Path, bool: bool}


def _plain_values(command: Any) -> None:
    """Give ``nearer analyze``'s text and path options a plain converter.

    typer (0.2x) checks each option's value with a pydantic TypeAdapter it builds on first
    use: importing pydantic and building the adapters was about 0.2 s of every run, for
    values that are strings, paths, flags and lists of them. ``analyze`` checks its own values
    (the files exist and are files, the folders of the reports exist), so those options get
    ``str`` or ``Path`` instead. An option of any other kind, or a typer without these
    internals, keeps typer's own converter.
    """
    try:
        from typer._coercion import RuntimeParam
    except ImportError:
        return

    @dataclass(frozen=True)
    class Plain(RuntimeParam):
        convert: Callable[[Any], Any] = str

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, list | tuple):
                return [self.convert(v) for v in value]
            return self.convert(value)

    def plain(param: Any) -> None:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            return
        annotation = descriptor.annotation
        inner = [a for a in get_args(annotation) if a is not type(None)]
        if get_origin(annotation) in (Union, UnionType) and len(inner) == 1:
            annotation = inner[0]
        if get_origin(annotation) is list and len(get_args(annotation)) == 1:
            annotation = get_args(annotation)[0]
        info = descriptor.parameter_info
        special = info.parser is not None or info.exists or info.resolve_path or info.allow_dash
        if annotation in _PLAIN and not special:
            param._runtime_param = Plain(
                parameter_info=info, annotation=descriptor.annotation, convert=_PLAIN[annotation]
            )

    for each in (command, *getattr(command, "commands", {}).values()):
        for param in each.params:
            plain(param)
        # The --help flag is made when the arguments are read.
        made = each.get_help_option

        def get_help_option(ctx: Any, made: Callable[[Any], Any] = made) -> Any:
            option = made(ctx)
            if option is not None:
                plain(option)
            return option

        each.get_help_option = get_help_option


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        sys.stdout.write(f"nearer {__version__}\n")
        return
    module = COMMANDS.get(args[0]) if args else None
    app = build_app((module,) if module else COMMAND_MODULES)
    if module != "analyze" or "--help" in args:
        app()
        return
    import typer.main

    command = typer.main.get_command(app)
    _plain_values(command)
    # A big chat leaves hundreds of megabytes of arrays behind; tearing the interpreter down
    # frees them one by one (about 0.25 s at a million messages) for a process that is
    # ending anyway. The reports are written and closed by now: flush and leave.
    code: int | str | None = 0
    try:
        command()
    except SystemExit as exc:
        code = exc.code
    sys.stdout.flush()
    sys.stderr.flush()
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    os._exit(code or 0)
