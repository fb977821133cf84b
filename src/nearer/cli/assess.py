"""``nearer assess``: the Connection Check, interactive or from an answers file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from nearer.cli.common import out, print_json, read_json_file, user_errors, write_text_atomic
from nearer.cli.paths import country_from_locale, data_dir
from nearer.cli.prompting import ask
from nearer.cli.report import print_plan
from nearer.core.assessment import assess
from nearer.core.assessment.interview import steps, to_answers
from nearer.core.assessment.reports.assessment_html import render_assessment_html
from nearer.core.instruments.connection_check import definition

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
    where = country or country_from_locale()
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
        reply = ask(step, position, len(current), state.get(step.id))
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
