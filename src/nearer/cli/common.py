"""What every command shares: one consoles pair, the error line, and reading JSON files.

Commands catch ``NearerError`` only (through ``user_errors``), print one line
``Error: what went wrong. How to fix it.`` on stderr and exit with a status: 2 for bad input
(usage, answers, files), 1 for anything else nearer refuses. No tracebacks for user mistakes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

from nearer.core.errors import NearerError

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

BAD_INPUT = 2
REFUSED = 1


def fail(message: str, code: int = BAD_INPUT) -> NoReturn:
    """Print ``Error: message`` as one line on stderr and exit with ``code``."""
    line = " ".join(str(message).split())
    err.print(f"Error: {line}", markup=False)
    raise typer.Exit(code)


@contextmanager
def user_errors(code: int = BAD_INPUT) -> Iterator[None]:
    """Turn a ``NearerError`` raised inside the block into the one-line error and exit."""
    try:
        yield
    except NearerError as exc:
        fail(str(exc), code)


@contextmanager
def reading(name: str, give: str, save_as: str) -> Iterator[None]:
    """Turn the ways a file cannot be read inside the block into one ``Error:`` line.

    ``name`` is how the message calls the file ("answers file a.json"), ``give`` what to pass
    instead of a folder ("a .json file") and ``save_as`` how to save it ("UTF-8 JSON").
    """
    try:
        yield
    except FileNotFoundError:
        fail(f"{name} does not exist. Check the path.")
    except IsADirectoryError:
        fail(f"{name} is a folder. Give {give}.")
    except UnicodeDecodeError:
        fail(f"{name} is not UTF-8 text. Save it as {save_as}.")
    except OSError as exc:
        fail(f"cannot read {name}: {exc.strerror}.")


def read_json_file(path: Path, what: str = "answers file") -> Any:
    """Read a JSON file, failing with a line that names the file and what to fix."""
    with reading(f"{what} {path}", "a .json file", "UTF-8 JSON"):
        text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        fail(
            f"{what} {path} is not valid JSON (line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg}). Fix the JSON and try again."
        )


def print_json(data: Any) -> None:
    """Write ``data`` as indented JSON on stdout, untouched by Rich's markup."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so no half-written file is left."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        fail(f"cannot write {path}: {exc.strerror}. Check the folder exists and is writable.")
