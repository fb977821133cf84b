"""``nearer safety-plan``: write, show, print or export your own safety plan.

The plan lives in the data folder (``NEARER_DATA_DIR``) as ``safety-plan.json`` and is
saved after every section, so quitting part-way loses nothing.
"""

from __future__ import annotations

from pathlib import Path

import typer

from nearer.cli.common import err, fail, out, print_json, reading, user_errors, write_text_atomic
from nearer.cli.paths import country_from_locale, data_dir
from nearer.cli.prompting import read_line
from nearer.core.knowledge import load
from nearer.core.knowledge.records import Country
from nearer.core.safety.plan import SECTIONS, SafetyPlan, SafetyPlanError, new_plan
from nearer.core.safety.plan_html import render_safety_plan_html

PLAN_FILE = "safety-plan.json"


def register(app: typer.Typer) -> None:
    app.command("safety-plan")(safety_plan_command)


def plan_path() -> Path:
    return data_dir() / PLAN_FILE


def _load(country: Country) -> SafetyPlan:
    path = plan_path()
    if not path.exists():
        return new_plan(country)
    with reading(f"safety plan {path}", "a .json file", "UTF-8 JSON"):
        text = path.read_text(encoding="utf-8")
    try:
        return SafetyPlan.from_json(text)
    except SafetyPlanError as exc:
        fail(f"the saved safety plan {path} cannot be read: {exc} Move it away to start again.")


def _save(plan: SafetyPlan) -> None:
    path = plan_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {path.parent}: {exc.strerror}. Set NEARER_DATA_DIR to a folder.")
    write_text_atomic(path, plan.to_json() + "\n")


def _show(plan: SafetyPlan, country: Country) -> None:
    out.print("[bold]My safety plan[/bold]  [dim](private: only on this machine)[/dim]")
    for n, s in enumerate(SECTIONS, 1):
        out.print(f"\n[bold]{n}. {s.title}[/bold]")
        items = plan.items(s.id)
        if not items:
            out.print("   [dim]nothing here yet[/dim]")
        for item in items:
            out.print(f"   • {item}", markup=False)
    out.print(f"\n[bold red]In immediate danger in {country.name}: call {country.emergency}.[/]")


def _edit(plan: SafetyPlan) -> SafetyPlan:
    out.print(
        "[bold]Your safety plan[/bold]: a short list for a hard moment, in your own words.\n"
        "For each part, type one line at a time and press Enter; an empty line moves on.\n"
        "Enter on its own keeps what is there. b goes back a part, q saves and quits."
    )
    index = 0
    while index < len(SECTIONS):
        s = SECTIONS[index]
        out.print(f"\n[dim]{index + 1}/{len(SECTIONS)}[/dim] [bold]{s.title}[/bold]")
        out.print(s.prompt, markup=False)
        out.print(f"For example: {'; '.join(s.examples)}", style="dim", markup=False)
        current = plan.items(s.id)
        for item in current:
            out.print(f"   • {item}", markup=False)
        if current:
            out.print("[dim]New lines replace these; c clears them.[/dim]")
        typed: list[str] = []
        action = "next"
        while True:
            line = read_line("> ").strip()
            if not line:
                break
            if line.lower() in ("q", "b", "c") and not typed:
                action = {"q": "quit", "b": "back", "c": "clear"}[line.lower()]
                break
            typed.append(line)
        if action == "clear":
            plan = plan.with_items(s.id, [])
            _save(plan)
            continue
        if typed:
            try:
                plan = plan.with_items(s.id, typed)
            except SafetyPlanError as exc:
                err.print(f"{exc} Try this part again.", style="yellow", markup=False)
                continue
            _save(plan)
        if action == "quit":
            break
        index = max(0, index - 1) if action == "back" else index + 1
    return plan


def safety_plan_command(
    show: bool = typer.Option(False, "--show", help="Print your safety plan and exit."),
    html: Path | None = typer.Option(
        None, "--html", help="Write a printable HTML page of your plan to this file."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print your plan as JSON and exit."),
    country: str | None = typer.Option(
        None, "--country", help="Country code for the crisis lines a new plan starts with."
    ),
) -> None:
    """Write your own safety plan for a hard moment, section by section (after Stanley &
    Brown's Safety Planning Intervention), or show, print or export it.

    It stays in the data folder on this machine; nothing is sent anywhere.
    """
    if sum((show, as_json, html is not None)) > 1:
        fail("use one of --show, --json or --html at a time.")
    with user_errors():
        where = load().crisis_for(country or country_from_locale())
        if country and where.code == "INTL" and country.strip().upper() not in ("INTL",):
            fail(
                f"nearer has no crisis lines for {country!r}. Use a code such as GB, US, IN, "
                "or INTL."
            )
        plan = _load(where)
        if plan.country and not country:
            where = load().crisis_for(plan.country)
        if show:
            _show(plan, where)
            return
        if as_json:
            print_json(plan.to_dict())
            return
        if html is not None:
            write_text_atomic(html, render_safety_plan_html(plan, where))
            out.print(f"Wrote a printable page of your plan to {html}.")
            return
        plan = _edit(plan)
        _save(plan)
        out.print(
            f"\nSaved to {plan_path()}. Only you have it. See it with nearer safety-plan --show."
        )
