"""``nearer assess``: the Connection Check, interactive or from an answers file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import typer

from nearer.cli.common import out, print_json, read_json_file, user_errors, write_text_atomic
from nearer.cli.paths import data_dir
from nearer.cli.report import print_plan
from nearer.core.assessment import assess
from nearer.core.instruments.base import Choice
from nearer.core.instruments.connection_check import definition
from nearer.core.interview import Step, steps, to_answers
from nearer.core.reports.assessment_html import render_assessment_html

PROGRESS_FILE = "assess-progress.json"
HELP_KEYS = "Type the number of your answer. b = back, s = skip (where allowed), q = save and quit."


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_command)


def assess_command(
    answers: Path | None = typer.Option(
        None, "--answers", help="Read answers from a JSON file instead of asking."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
    html: Path | None = typer.Option(
        None, "--html", help="Also write a self-contained, printable HTML report to this file."
    ),
    country: str | None = typer.Option(
        None, "--country", help="Country code for crisis resources (US, CA, UK, IE, AU, NZ...)."
    ),
    restart: bool = typer.Option(
        False, "--restart", help="Discard a saved, unfinished check and start again."
    ),
) -> None:
    """Take the Connection Check and get a personal plan.

    Interactive by default: answer with number keys, go back with b, quit with q and pick up
    where you left off next time.
    """
    where = country or _country_from_locale()
    if answers is not None:
        data = read_json_file(answers)
        with user_errors():
            result = assess(data, country=where)
    else:
        state = _interview(restart)
        if state is None:
            raise typer.Exit(0)
        with user_errors():
            result = assess(to_answers(state), country=where)
        _progress_path().unlink(missing_ok=True)
    if html is not None:
        write_text_atomic(html, render_assessment_html(result))
    if as_json:
        print_json(result.to_dict())
    else:
        print_plan(out, result.check, result.plan)
        if html is not None:
            out.print(f"\nHTML report written to {html}.", markup=False)


def _country_from_locale() -> str | None:
    """Take the country from LANG-style variables (en_GB.UTF-8 -> GB); None if unknown."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if "_" in value:
            code = value.split("_", 1)[1][:2]
            if code.isalpha():
                return code.upper()
    return None


def _progress_path() -> Path:
    return data_dir() / PROGRESS_FILE


def _load_progress(restart: bool) -> tuple[dict[str, Any], int]:
    path = _progress_path()
    if restart or not path.exists():
        return {}, 0
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        state, position = dict(saved["state"]), int(saved["position"])
    except (OSError, ValueError, KeyError, TypeError):
        out.print("A saved check could not be read; starting again.")
        return {}, 0
    if typer.confirm(f"Resume your unfinished check ({len(state)} answers saved)?", default=True):
        return state, position
    return {}, 0


def _save_progress(state: dict[str, Any], position: int) -> None:
    path = _progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps({"state": state, "position": position}))


def _intro() -> None:
    d = definition()
    out.rule("The Connection Check")
    out.print(
        "About 10 minutes. You answer each statement about yourself, then about your "
        "partner. " + d.timeframe + " Your answers stay on this computer.",
        markup=False,
    )
    out.print(HELP_KEYS, style="dim", markup=False)
    out.print(
        "If you are in danger or thinking about ending your life, stop here and call your "
        "local emergency number now; `nearer learn crisis` lists crisis lines.",
        style="bold",
        markup=False,
    )


def _interview(restart: bool) -> dict[str, Any] | None:
    """Ask every step; returns the state, or None when the person quits (state is saved)."""
    state, position = _load_progress(restart)
    _intro()
    section = None
    while True:
        current = steps(state)
        if position >= len(current):
            return state
        step = current[position]
        if step.section != section:
            section = step.section
            out.print()
            out.rule(section.split(":", 1)[-1].strip() or section, style="cyan")
        reply = _ask(step, position, len(current), state.get(step.id))
        if reply == "quit":
            _save_progress(state, position)
            out.print(
                "Saved. Run `nearer assess` (or `make run`) again to continue. "
                f"({_progress_path()})",
                markup=False,
            )
            return None
        if reply == "back":
            position = max(0, position - 1)
            continue
        state[step.id] = reply[1]
        _save_progress(state, position + 1)
        position += 1


def _ask(step: Step, position: int, total: int, previous: Any) -> Any:
    """Ask one step until the reply is valid. Returns ("answer", value), "back" or "quit"."""
    out.print(f"\n[dim]{position + 1}/{total}[/dim] [bold]{step.text}[/bold]")
    if step.kind == "text":
        raw = _read("Your words (Enter to skip): ")
        lowered = raw.strip().lower()
        if lowered in ("q", "b"):
            return "quit" if lowered == "q" else "back"
        return ("answer", raw.strip() or None)
    keys = _keys(step)
    if step.kind == "choice" and all(isinstance(c.value, int) for _, c in keys):
        # A frequency scale fits on one line; an earlier answer is marked with *.
        scale = "   ".join(
            f"{key} {choice.label}{'*' if previous == choice.value else ''}" for key, choice in keys
        )
        out.print(f"  {scale}", markup=False)
    else:
        for key, choice in keys:
            chosen = previous == choice.value or (
                isinstance(previous, list) and choice.value in previous
            )
            mark = " (your earlier answer)" if chosen else ""
            out.print(f"  {key}. {choice.label}{mark}", markup=False)
    while True:
        hint = (
            "numbers separated by commas, or Enter for none"
            if step.kind == "checklist"
            else ("number" + (", s to skip" if step.optional else ""))
        )
        raw = _read(f"Answer ({hint}; b back, q quit): ").strip().lower()
        if raw == "q":
            return "quit"
        if raw == "b":
            return "back"
        value = _parse(step, raw)
        if value is not None:
            return ("answer", value[0])
        out.print(
            "Please type one of the numbers shown, b to go back or q to quit.",
            style="yellow",
            markup=False,
        )


def _keys(step: Step) -> list[tuple[str, Choice]]:
    """What to type for each choice: a frequency scale uses its own 0-4, others count from 1."""
    if step.kind == "choice" and all(isinstance(c.value, int) for c in step.choices):
        return [(str(c.value), c) for c in step.choices]
    return [(str(n), c) for n, c in enumerate(step.choices, 1)]


def _parse(step: Step, raw: str) -> tuple[Any] | None:
    keys = dict(_keys(step))
    if step.kind == "checklist":
        if raw in ("", "none"):
            return ([],)
        parts = [p for p in raw.replace(" ", ",").split(",") if p]
        if not all(p in keys for p in parts):
            return None
        order = [c.value for c in step.choices]
        return (sorted({keys[p].value for p in parts}, key=order.index),)
    if raw == "s" and step.optional:
        return (None,)
    return (keys[raw].value,) if raw in keys else None


def _read(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        return "q"
    except KeyboardInterrupt:
        return "q"
