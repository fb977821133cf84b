"""``nearer analyze``: what a couple's message history shows, privately, on this machine."""

from __future__ import annotations

import gc
import json
import re
import shlex
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

import typer

from nearer.cli.common import err, fail, out, write_text_atomic
from nearer.core.chats.options import DATE_ORDERS, FORMATS
from nearer.core.errors import ChoiceError, NearerError, UnknownFormat

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from nearer.core.analysis.report import Report

LARGE_INPUT = 5_000_000  # bytes; above this a progress display is shown
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$", re.IGNORECASE)
_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
# The weeks the safety screen reads: risk in the last half year is what calls for help now.
SAFETY_SCREENS: dict[str, int | None] = {"recent": 26, "all": None}


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
    between: list[str] | None = typer.Option(
        None,
        "--between",
        metavar="NAME",
        help="In a group chat: one of the two people to compare (give it twice).",
    ),
    date_order: str | None = typer.Option(
        None, "--date-order", help="WhatsApp dates: dmy, mdy or ymd (detected otherwise)."
    ),
    no_emotions: bool = typer.Option(
        False, "--no-emotions", help="Skip the emotion model even when it is installed."
    ),
    safety_screen: str = typer.Option(
        "recent",
        "--safety-screen",
        metavar="recent|all",
        help="Screen the messages for danger (threats, violence, self-harm) and put help "
        "first if any shows it: the last 26 weeks (recent, the default) or the whole chat "
        "(all).",
    ),
    no_safety_screen: bool = typer.Option(
        False, "--no-safety-screen", help="Skip the safety screen (the JSON has no safety key)."
    ),
    country: str | None = typer.Option(
        None, "--country", help="Whose help lines a safety alert lists (code or name)."
    ),
) -> None:
    """Read a chat export and show how the two of you write to each other over time."""
    # Heavy modules (numpy, the analysis) load here, not at start-up: ``nearer --version``
    # and every other command stay quick.
    from nearer.core.analysis.allocator import reuse_freed_memory
    from nearer.core.analysis.report import Settings, preload, run
    from nearer.core.chats import read_tables

    if fmt is not None and fmt not in FORMATS:
        fail(f"unknown --format {fmt!r}. Use one of: {', '.join(FORMATS)}.")
    if date_order is not None and date_order not in DATE_ORDERS:
        fail(f"unknown --date-order {date_order!r}. Use one of: dmy, mdy, ymd.")
    if safety_screen not in SAFETY_SCREENS:
        fail(f"unknown --safety-screen {safety_screen!r}. Use recent or all.")
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
        between=_two_people(between),
        safety=not no_safety_screen,
        safety_weeks=SAFETY_SCREENS[safety_screen],
        country=country,
    )
    if settings.safety:
        from nearer.cli.paths import cache_dir
        from nearer.core.safety.compiled import keep_in

        keep_in(cache_dir())  # the compiled rules, built once rather than on every run
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
    loaded = preload(settings)  # the model, rules and knowledge base, beside the read
    with _no_cycle_collection(), _progress(size) as progress:
        task = progress.add_task(f"Reading {size / 1e6:.0f} MB", total=4)
        with ExitStack() as stack:
            try:
                fps: list[BinaryIO] = [stack.enter_context(p.open("rb")) for p in files]
            except OSError as exc:
                fail(f"cannot read {exc.filename}: {exc.strerror}.")
            try:
                table = read_tables(fps, fmt, date_order=date_order)
            except NearerError as exc:
                # Name the file when there is only one, so the line says which; the core
                # says "choose its format", this is where the option is named.
                line = f"{files[0]}: {exc}" if len(files) == 1 else str(exc)
                if isinstance(exc, UnknownFormat) and fmt is None:
                    line += f" Option: --format {'|'.join(FORMATS)}."
                fail(line)
        progress.update(task, advance=1, description="Counting and comparing weeks")
        loaded()
        try:
            report = run(table, settings)
        except ChoiceError as exc:
            fail(_choice_line(exc))
        except NearerError as exc:
            fail(str(exc))
        progress.update(task, advance=1, description="Writing reports")
        if json_out is not None:
            write_text_atomic(json_out, json.dumps(report.data, indent=1, ensure_ascii=False))
        if html_out is not None:
            from nearer.core.analysis.html import render_html  # only when asked for

            write_text_atomic(html_out, render_html(report.data))
        progress.update(task, advance=2)
    _summary(report, json_out, html_out)


class _Quiet:
    """A progress display that shows nothing, without importing rich's (about 20 ms)."""

    def __enter__(self) -> _Quiet:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, total: float | None = None) -> TaskID:
        return cast("TaskID", 0)

    def update(
        self, task: TaskID, advance: float | None = None, description: str | None = None
    ) -> None:
        return None


def _progress(size: int) -> Progress | _Quiet:
    """A spinner on stderr while a big chat is read, when stderr is a terminal."""
    if size < LARGE_INPUT or not err.is_terminal:
        return _Quiet()
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The analysis makes arrays, not reference cycles: the collector's full passes over the
    objects the imports left took about 5 % of a 1M-message run and freed nothing."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _safety_first(report: Report) -> None:
    """The chat showed danger: the help comes before any figure (``core.safety.response``)."""
    from rich.markup import escape

    from nearer.cli.report import safety_panel

    found = report.safety
    if found is None:
        return
    who = ", ".join(f"{name} ({count:,})" for name, count in found.senders.items())
    weeks = ", ".join(w.week for w in found.weeks[:6]) + (" ..." if len(found.weeks) > 6 else "")
    out.print(safety_panel(found.response))
    out.print(
        f"[bold]{found.messages:,} message{'s' if found.messages != 1 else ''} "
        f"{_screened(report)} read as danger[/] (whose: {escape(who)}; weeks {weeks}). nearer "
        "screens and refers; it does not judge. The suggestions below leave out anything "
        "done together."
    )


def _screened(report: Report) -> str:
    """What the safety screen read, in words."""
    weeks = report.settings.safety_weeks
    return "in this chat" if weeks is None else f"in the last {weeks} weeks of this chat"


_OPTIONS = {"me": "--me", "since": "--since", "between": "--between"}


def _two_people(names: list[str] | None) -> tuple[str, str] | None:
    if not names:
        return None
    if len(names) != 2 or names[0] == names[1]:
        fail(
            f"--between needs two different names (got {len(names)}). Give it twice: "
            "--between NAME --between NAME."
        )
    return names[0], names[1]


def _choice_line(exc: ChoiceError) -> str:
    """The core's message, with the option that sets what it asks to choose."""
    option = _OPTIONS.get(exc.setting, exc.setting)
    if exc.setting == "between" and len(exc.choices) > 2 and "Choose the two" in str(exc):
        listed = ", ".join(f"{name} ({count:,})" for name, count in exc.choices[:8])
        more = f" and {len(exc.choices) - 8} more" if len(exc.choices) > 8 else ""
        pair = " ".join(f"--between {shlex.quote(name)}" for name, _ in exc.choices[:2])
        return (
            f"the chat has {len(exc.choices)} senders (messages each): {listed}{more}. "
            f"Choose the two people to compare: add {pair}."
        )
    return f"{option}: {exc}"


def _summary(report: Report, json_out: Path | None, html_out: Path | None) -> None:
    from rich.markup import escape
    from rich.table import Table

    from nearer.core.analysis.definitions import METRICS

    a, b = report.participants
    counts = report.messages
    if report.safety is not None:
        _safety_first(report)
    out.print(
        f"[bold]{escape(a)} and {escape(b)}[/]: {counts[a]:,} and {counts[b]:,} messages, "
        f"{report.first:%Y-%m-%d} to {report.last:%Y-%m-%d} ({escape(report.format)})."
    )
    others = [p for p in counts if p not in report.participants]
    if others:
        out.print(
            f"[dim]Also in the chat, not compared: {len(others)} other "
            f"{'person' if len(others) == 1 else 'people'}, "
            f"{sum(counts[p] for p in others):,} messages.[/]"
        )
    if report.language.note:
        out.print(f"[dim]{escape(report.language.note)}[/]")
    if report.screened and report.safety is None:
        whole = report.settings.safety_weeks is None
        wider = "" if whole else " (--safety-screen all reads it all)"
        out.print(f"[dim]Safety screen: no message {_screened(report)} read as danger{wider}.[/]")
    headline = report.pattern.headline
    if report.pattern.id == "not-enough-history":
        headline = f"{headline.rstrip('.')} (it needs {report.settings.recent_weeks + 8} weeks)."
    out.print(f"\n[bold]What stands out:[/] {escape(headline)}")
    for signal in report.signals:
        if signal.pattern:
            out.print(f" [bold]*[/] {escape(signal.explanation)}")
    shared: dict[str, str] = {}
    for line in report.headlines:
        out.print(f" - {escape(line.text)}")
        own = [step.title for step in line.steps if step.kind == "strategy"]
        shared |= {step.id: step.title for step in line.steps if step.kind != "strategy"}
        if own:
            out.print(f"   [dim]What might help: {escape('; '.join(own))}.[/]")
    if shared:
        out.print(f" [bold]For both of you:[/] {escape('; '.join(shared.values()))}.")
        out.print(
            "   [dim]nearer learn NAME explains a strategy or kind of help; nearer assess "
            "takes the Connection Check; the weekly talk is in the app (nearer serve).[/]"
        )
    table = Table(title="\nWhole history", show_edge=False)
    table.add_column("")
    table.add_column(escape(a))
    table.add_column(escape(b))
    totals = {row.person: row.values for row in report.totals}
    for metric in METRICS:
        if metric.summary and metric.id in report.metric_ids:
            cells = (metric.value(totals[p].get(metric.id)) for p in (a, b))
            table.add_row(escape(metric.title), *(escape(c) for c in cells))
    out.print(table)
    if report.lsm is not None:
        out.print(f"Language style matching over the whole history: {report.lsm:.2f} (0 to 1).")
    if report.signals:
        from nearer.core.analysis.signals import CAVEATS

        out.print("\n[dim]Keep in mind: " + " ".join(CAVEATS[:3]) + "[/]")
    written = [str(p) for p in (json_out, html_out) if p is not None]
    if written:
        out.print(f"\nWrote {' and '.join(written)}.")
    out.print("[dim]Everything was computed on this machine; no message text is in the reports.[/]")
