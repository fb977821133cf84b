"""Rich rendering of an assessment: safety first, then the read-out, the plan and help.

Only presentation lives here; every sentence's content comes from ``nearer.core.guidance``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from nearer.core.knowledge import load
from nearer.core.safety.response import respond

if TYPE_CHECKING:
    # Types only: ``nearer analyze`` shows a safety panel from here without loading the
    # assessment and guidance (about 0.08 s of its start-up).
    from nearer.core.assessment.compare import Comparison, Gap
    from nearer.core.guidance import Plan
    from nearer.core.instruments.base import ScreenResult
    from nearer.core.instruments.connection_scoring import ConnectionResult
    from nearer.core.safety.response import SafetyResponse

NOT_A_DIAGNOSIS = (
    "This is a self-check, not a diagnosis. It describes your answers and what such answers "
    "often go with; only a qualified professional can assess you."
)


def crisis_panel(plan: Plan, urgent: bool) -> Panel:
    lines = [Text(f"Emergency ({plan.crisis.name}): {plan.crisis.emergency}", style="bold")]
    for r in plan.crisis.resources:
        lines.append(Text(f"• {r.name}: {r.contact} ({r.hours})"))
    lines.append(Text(f"Last checked {plan.crisis.last_checked}.", style="dim"))
    title = "Your safety comes first" if urgent else "If you need help now"
    return Panel(Group(*lines), title=title, border_style="red" if urgent else "dim")


def safety_panel(shown: SafetyResponse) -> Panel:
    """The alert's help in the order ``core.safety.response`` decides, with its words."""
    lines: list[Text] = []
    emergency = Text(shown.emergency_line, style="bold")
    if shown.emergency_first:
        lines.append(emergency)
    for line in shown.lines:
        lines.append(Text(f"• {line.name} ({line.kind_name}): {line.contact} ({line.hours})"))
    if not shown.emergency_first:
        lines.append(emergency)
    for sentence in (*shown.described, *shown.reach_out):
        lines.append(Text(""))
        lines.append(Text(sentence))
    if shown.device_warning:
        lines.append(Text(""))
        lines.append(Text(shown.device_warning, style="bold"))
    if shown.safety_plan:
        lines.append(Text("Write your own safety plan for a hard moment: nearer safety-plan"))
    if shown.safety_planning:
        lines.append(
            Text(
                "A short guide, Staying safer when a partner is dangerous, is on the help "
                "page of the web app (nearer serve)."
            )
        )
    lines.append(Text(f"Last checked {shown.last_checked}.", style="dim"))
    return Panel(Group(*lines), title=shown.title, border_style="red")


def index_table(check: ConnectionResult) -> Table:
    kb = load()
    table = Table(title="Distance by area (0 = close, 100 = far apart)", title_justify="left")
    table.add_column("Area")
    table.add_column("You", justify="right")
    table.add_column("Your partner (as you see it)", justify="right")
    for d in check.domains:
        table.add_row(
            kb.domain(d.domain).name,
            _cell(d.self_index, d.self_band),
            _cell(d.partner_index, d.partner_band),
        )
    table.add_row(
        Text("Overall", style="bold"),
        _cell(check.overall_self, check.band_self),
        _cell(check.overall_partner, check.band_partner),
    )
    return table


def _cell(index: int | None, band: str | None) -> str:
    return "can't tell" if index is None else f"{index} · {band}"


def screens_table(screens: tuple[ScreenResult, ...]) -> Table:
    table = Table(title="Screeners", title_justify="left")
    for column in ("Screener", "Score", "Result"):
        table.add_column(column)
    for s in screens:
        table.add_row(s.instrument, f"{s.total} / {s.max_total}", s.severity)
    return table


def print_plan(console: Console, check: ConnectionResult, plan: Plan) -> None:
    if plan.has_safety_alert:
        console.print(safety_panel(respond(plan.safety, plan.crisis)))
        for alert in plan.safety:
            console.print(f"[red]•[/red] {alert.reason}", markup=True)
    console.print(Panel(plan.headline, title="What your answers show", border_style="cyan"))
    if plan.from_notes:
        console.print("[bold]Read from your note[/bold] (used as if you had answered):")
        for read, words in plan.from_notes:
            console.print(f'  • {read}  — from "{words}"', markup=False)
        console.print(
            "  [dim]Not right? Answer the question in your answers file; an answer always wins "
            "over the note.[/dim]"
        )
    console.print(index_table(check))
    console.print()
    for sentence in plan.understanding:
        console.print(f"• {sentence}", markup=False)
    if plan.screens:
        console.print()
        console.print(screens_table(plan.screens))
        for screen in plan.screens:
            console.print(f"  {screen.instrument}: {screen.interpretation}", markup=False)
    console.print()
    console.rule("This week")
    for n, rec in enumerate(plan.this_week, 1):
        s = rec.strategy
        console.print(
            f"[bold]{n}. {s.name}[/bold]  ({s.minutes} min, {s.cadence.replace('_', ' ')})"
        )
        console.print(f"   {s.summary}", markup=False)
        for step in s.steps:
            console.print(f"   - {step}", markup=False)
        console.print(f"   [dim]Why: {'; '.join(rec.why)}.[/dim]")
    more = [r for r in plan.strategies if r not in plan.this_week][:4]
    if more:
        console.print("\n[bold]Also worth trying later:[/bold]")
        for rec in more:
            console.print(f"  • {rec.strategy.name}: {rec.strategy.summary}", markup=False)
    if plan.has_safety_alert and plan.left_out:
        console.print("\n[bold]Left out for now, for your safety:[/bold]")
        for x in plan.left_out:
            console.print(f"  • {x.strategy.name}: {x.reason}", markup=False)
    console.print()
    console.rule("Professional help")
    if plan.professional:
        for h in plan.professional:
            console.print(f"[bold]{h.name}[/bold] ({h.urgency}, for {h.for_whom}): {h.what}")
            console.print(f"   [dim]Because {'; '.join(h.why)}.[/dim]")
    else:
        console.print("Nothing in your answers calls for it now. It is always an option.")
    if plan.suggested_screens:
        names = ", ".join(plan.suggested_screens)
        console.print(
            f"\nShort screeners worth taking: {names} "
            f"(nearer score <name> --answers FILE.json, or nearer instruments)."
        )
    if plan.read_next:
        console.print("\n[bold]Read next[/bold] (nearer learn <id>):")
        for topic, entry_id, title in plan.read_next:
            console.print(
                f"  • {title}  [dim]nearer learn {entry_id if topic != entry_id else topic}[/dim]"
            )
    console.print()
    if not plan.has_safety_alert:
        console.print(crisis_panel(plan, urgent=False))
    console.print(f"[dim]{NOT_A_DIAGNOSIS}[/dim]")


def print_comparison(console: Console, comparison: Comparison) -> None:
    a, b = comparison.names
    kb = load()
    table = Table(
        title="How you see yourselves and each other (0 = close, 100 = far apart)",
        title_justify="left",
    )
    for column in ("Area", f"{a} on self", f"{b} on {a}", f"{b} on self", f"{a} on {b}"):
        table.add_column(column, justify="right" if column != "Area" else "left")
    rows = {(g.domain, g.person): g for g in (*comparison.gaps, *comparison.overall)}
    for domain in [d.id for d in kb.domains] + ["overall"]:
        ga, gb = rows[(domain, a)], rows[(domain, b)]
        name = "Overall" if domain == "overall" else kb.domain(domain).name
        table.add_row(name, _num(ga.own_view), _mark(ga), _num(gb.own_view), _mark(gb))
    console.print(table)
    console.print("[dim]* a gap of 15 points or more[/dim]\n")
    for line in comparison.summary:
        console.print(f"• {line}", markup=False)
    for line in comparison.cycle_views:
        console.print(f"• {line}", markup=False)
    console.print(
        "\n[dim]Gaps are a starting point for a calm talk, not a verdict on who is right.[/dim]"
    )


def _num(value: int | None) -> str:
    return "–" if value is None else str(value)


def _mark(g: Gap) -> str:
    return _num(g.other_view) + (" *" if g.notable else "")
