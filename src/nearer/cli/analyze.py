"""``nearer analyze``: what a couple's message history shows, privately, on this machine."""

from __future__ import annotations

import json
import re
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from nearer.cli.common import err, fail, out, user_errors, write_text_atomic
from nearer.core.analysis.allocator import reuse_freed_memory
from nearer.core.analysis.html import render_html
from nearer.core.analysis.report import Report, Settings, run
from nearer.core.chats import DATE_ORDERS, FORMATS, read_tables
from nearer.core.errors import NearerError

LARGE_INPUT = 5_000_000  # bytes; above this a progress display is shown
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$", re.IGNORECASE)
_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)


def parse_duration(value: str, option: str, default_unit: str) -> float:
    """Seconds in ``6h``, ``90m``, ``8w``, ``56d`` (a bare number uses ``default_unit``)."""
    text = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        text += default_unit
    m = _DURATION.match(text)
    if m is None or float(m.group(1)) <= 0:
        fail(f"{option} {value!r} is not a duration. Write it like 6h, 90m, 3d or 8w.")
    return float(m.group(1)) * _SECONDS[m.group(2).lower()]


def analyze_command(
    files: list[Path] = typer.Argument(
        ...,
        metavar="FILE",
        help="Chat export file(s): WhatsApp .txt/.zip, Telegram/Messenger JSON, CSV...",
    ),
    fmt: str | None = typer.Option(
        None, "--format", help=f"Skip detection: one of {', '.join(FORMATS)}."
    ),
    me: str | None = typer.Option(None, "--me", help="Your name as the chat writes it."),
    since: str | None = typer.Option(None, "--since", help="Ignore messages before YYYY-MM-DD."),
    gap: str = typer.Option("6h", "--gap", help="Silence that starts a new conversation."),
    recent: str = typer.Option("8w", "--recent", help="Recent weeks, compared with..."),
    baseline: str = typer.Option("26w", "--baseline", help="...the weeks before them."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the JSON report here."),
    html_out: Path | None = typer.Option(None, "--html", help="Write the HTML report here."),
    redact: bool = typer.Option(False, "--redact", help='Call you "Partner A" and "Partner B".'),
    date_order: str | None = typer.Option(
        None, "--date-order", help="WhatsApp dates: dmy, mdy or ymd (detected otherwise)."
    ),
    no_emotions: bool = typer.Option(
        False, "--no-emotions", help="Skip the emotion model even when it is installed."
    ),
) -> None:
    """Read a chat export and show how the two of you write to each other over time."""
    if fmt is not None and fmt not in FORMATS:
        fail(f"unknown --format {fmt!r}. Use one of: {', '.join(FORMATS)}.")
    if date_order is not None and date_order not in DATE_ORDERS:
        fail(f"unknown --date-order {date_order!r}. Use one of: dmy, mdy, ymd.")
    since_at: datetime | None = None
    if since is not None:
        try:
            since_at = datetime.fromisoformat(since)
        except ValueError:
            fail(f"--since {since!r} is not a date. Write it as YYYY-MM-DD.")
    settings = Settings(
        me=me,
        since=since_at,
        gap_hours=parse_duration(gap, "--gap", "h") / 3600,
        recent_weeks=max(1, round(parse_duration(recent, "--recent", "w") / _SECONDS["w"])),
        baseline_weeks=max(1, round(parse_duration(baseline, "--baseline", "w") / _SECONDS["w"])),
        redact=redact,
        emotions=not no_emotions,
    )
    for target in (json_out, html_out):
        if target is not None and not target.parent.is_dir():
            fail(f"cannot write {target}: the folder {target.parent} does not exist. Create it.")
    size = 0
    for path in files:
        if not path.exists():
            fail(f"chat file {path} does not exist. Check the path.")
        if path.is_dir():
            fail(f"{path} is a folder. Pass the exported chat file inside it.")
        size += path.stat().st_size
    if size >= LARGE_INPUT:
        reuse_freed_memory()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=size < LARGE_INPUT or not err.is_terminal,
    ) as progress:
        task = progress.add_task(f"Reading {size / 1e6:.0f} MB", total=4)
        with ExitStack() as stack:
            try:
                fps: list[BinaryIO] = [stack.enter_context(p.open("rb")) for p in files]
            except OSError as exc:
                fail(f"cannot read {exc.filename}: {exc.strerror}.")
            try:
                table = read_tables(fps, fmt, date_order=date_order)
            except NearerError as exc:
                # Name the file when there is only one, so the line says which.
                fail(f"{files[0]}: {exc}" if len(files) == 1 else str(exc))
        progress.update(task, advance=1, description="Counting and comparing weeks")
        with user_errors():
            report = run(table, settings)
        progress.update(task, advance=1, description="Writing reports")
        if json_out is not None:
            write_text_atomic(json_out, json.dumps(report.data, indent=1, ensure_ascii=False))
        if html_out is not None:
            write_text_atomic(html_out, render_html(report.data))
        progress.update(task, advance=2)
    _summary(report, json_out, html_out)


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}{unit}"
    return f"{value:.0f}{unit}"


def _summary(report: Report, json_out: Path | None, html_out: Path | None) -> None:
    data = report.data
    a, b = data["participants"]
    counts = data["messages"]
    out.print(
        f"[bold]{escape(a)} and {escape(b)}[/]: {counts[a]:,} and {counts[b]:,} messages, "
        f"{data['first'][:10]} to {data['last'][:10]} ({escape(data['format'])})."
    )
    pattern = data["pattern"]
    headline = {
        "stable": "No clear change between the recent weeks and the months before.",
        "pursue-withdraw": "One of you has been reaching out while the other pulls back.",
        "mutual-drift": "You have both been drifting: less often, less warmly, or more slowly.",
        "one-sided": "One of you writes differently lately; the other has not changed much.",
        "changes": "Some things changed in the recent weeks.",
        "not-enough-history": "Not enough weeks yet to compare recent weeks with a baseline "
        f"(needs {data['settings']['recent_weeks'] + 8} weeks).",
    }[pattern]
    out.print(f"\n[bold]What stands out:[/] {headline}")
    for signal in data["signals"]:
        marker = "[bold]*[/]" if signal.get("pattern") else "-"
        out.print(f" {marker} {escape(signal['explanation'])}")
    table = Table(title="\nWhole history", show_edge=False)
    table.add_column("")
    table.add_column(escape(a))
    table.add_column(escape(b))
    totals = {row["person"]: row for row in data["totals"]}
    rows = [
        ("Messages", "messages", ""),
        ("Words per message", "words_per_message", ""),
        ("Median reply (minutes)", "reply_minutes_median", ""),
        ("Conversations started", "initiated_share", "%"),
        ("Questions per 100 messages", "questions_per_100", ""),
        ("Affection per 100 messages", "affection_per_100", ""),
        ("'We' among we/I/you", "we_share", "%"),
    ]
    for label, key, unit in rows:
        va, vb = totals[a].get(key), totals[b].get(key)
        if unit == "%":
            va = None if va is None else 100 * va
            vb = None if vb is None else 100 * vb
        table.add_row(label, _fmt(va, unit), _fmt(vb, unit))
    out.print(table)
    if data.get("lsm") is not None:
        out.print(f"Language style matching over the whole history: {data['lsm']:.2f} (0 to 1).")
    if data["signals"]:
        out.print("\n[dim]Keep in mind: " + " ".join(data["caveats"][:3]) + "[/]")
    written = [str(p) for p in (json_out, html_out) if p is not None]
    if written:
        out.print(f"\nWrote {' and '.join(written)}.")
    out.print("[dim]Everything was computed on this machine; no message text is in the reports.[/]")
