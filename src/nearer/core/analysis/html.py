"""The HTML report: one self-contained page (no network), readable on a phone, printable.

Signals in plain words at the top, one chart per metric with both people, methods and
caveats at the bottom, and a privacy note. The page embeds the JSON report's aggregates and
the vendored uPlot library (MIT); it never contains message text.
"""

from __future__ import annotations

import json
from html import escape
from importlib.resources import files
from typing import Any

_ASSETS = files("nearer.core.analysis.assets")
COLORS = ("#b4456e", "#2f6f9f")
HEADLINES = {
    "stable": "No clear change: the recent weeks look like the months before them.",
    "pursue-withdraw": "One of you has been reaching out more while the other pulls back.",
    "mutual-drift": "You have both been drifting: writing less often, less warmly or more slowly.",
    "one-sided": "One of you writes differently lately; the other has not changed much.",
    "changes": "Some things changed in the recent weeks.",
    "not-enough-history": "There are not enough weeks yet to compare the recent weeks with "
    "the months before them.",
}
CHART_ORDER = (
    "messages",
    "words_per_message",
    "reply_minutes_median",
    "initiated_share",
    "unanswered_starts",
    "questions_per_100",
    "affection_per_100",
    "appreciation_per_100",
    "disclosure_per_100",
    "we_share",
    "plans_per_100",
    "repair_per_100",
    "late_night_share",
    "emotion_share",
    "positive_share",
)
METHODS = (
    "Weeks run Monday to Sunday, in the local time written in the export.",
    "A conversation starts after {gap} hours of silence; whoever writes first started it. A "
    "reply delay is the time from the partner's message to this person's next message in "
    "the same conversation.",
    "Word counts use short word lists written for nearer (several languages; style matching "
    "in English only). They count words, not meaning: sarcasm and inside jokes are missed.",
    "A signal needs a large change (Cliff's delta of at least 0.474, Romano et al. 2006, and "
    "a change of the typical value that matters in practice) that is also statistically solid "
    "(a rank test over weeks with Holm's correction, and a bootstrap interval that excludes "
    "no change). The start date is the best single change point of the weekly series.",
    "Language style matching follows Ireland and Pennebaker (2011): how similarly you use "
    "nine kinds of small function words, from 0 to 1.",
)


def _cell(metric: str, value: float | None) -> str:
    if value is None:
        return "-"
    if metric.endswith("_share"):
        return f"{100 * value:.0f} %"
    if metric in ("messages", "conversations_started", "unanswered_starts"):
        return f"{value:,.0f}"
    return f"{value:.1f}"


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(report: dict[str, Any]) -> str:
    """The page for a JSON report made by ``nearer.core.analysis.report``."""
    a, b = (escape(p) for p in report["participants"])
    counts = report["messages"]
    signals = report["signals"]
    parts: list[str] = []
    for s in signals:
        css = "signal pattern" if s.get("pattern") else "signal"
        meta = f"strength {s['strength']:.2f}"
        if s.get("change_date"):
            meta += f" · began around {escape(s['change_date'])}"
        parts.append(
            f'<div class="{css}"><div>{escape(s["explanation"])}</div>'
            f'<div class="meta">{meta}</div></div>'
        )
    signal_html = "\n".join(parts) or "<p>Nothing stands out.</p>"
    metrics = report["metrics"]
    charts = []
    for metric in CHART_ORDER:
        if metric in metrics:
            title = metrics[metric][:1].upper() + metrics[metric][1:]
            charts.append(
                f'<div class="chart-block"><h3>{escape(title)}</h3>'
                f'<div class="chart" data-metric="{metric}"></div></div>'
            )
    charts.append(
        '<div class="chart-block"><h3>Language style matching (both of you)</h3>'
        '<div class="chart" data-metric="lsm"></div></div>'
    )
    totals = {row["person"]: row for row in report["totals"]}
    rows = []
    for metric in CHART_ORDER:
        if metric not in metrics:
            continue
        cells = []
        for person in report["participants"]:
            cells.append(_cell(metric, totals[person].get(metric)))
        rows.append(
            f"<tr><td>{escape(metrics[metric])}</td><td>{cells[0]}</td><td>{cells[1]}</td></tr>"
        )
    methods = "".join(
        f"<li>{escape(m.format(gap=report['settings']['gap_hours']))}</li>" for m in METHODS
    )
    caveats = "".join(f"<li>{escape(c)}</li>" for c in report["caveats"])
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nearer: how {a} and {b} write to each other</title>
<style>{_asset("uPlot.min.css")}
{_asset("report.css")}</style></head>
<body><main>
<h1>How {a} and {b} write to each other</h1>
<p class="sub">{counts[report["participants"][0]]:,} and {counts[report["participants"][1]]:,}
messages, {escape(report["first"][:10])} to {escape(report["last"][:10])}
({escape(report["format"])} export).</p>
<div class="privacy"><strong>Private by design.</strong> This page was made on your own
computer and sends nothing anywhere. It holds only counts and averages, never the text of a
message. Keep it where only the two of you can open it.</div>
<h2>What stands out</h2>
<p class="headline">{escape(HEADLINES.get(report["pattern"], ""))}</p>
<p class="note">The last {report["settings"]["recent_weeks"]} weeks (shaded in the charts) are
compared with the {report["settings"]["baseline_weeks"]} weeks before them.</p>
{signal_html}
<h2>Week by week</h2>
<div class="legend"><span><span class="key" style="background:{COLORS[0]}"></span>{a}</span>
<span><span class="key" style="background:{COLORS[1]}"></span>{b}</span></div>
{"".join(charts)}
<h2>Whole history</h2>
<table class="totals"><tr><th></th><th>{a}</th><th>{b}</th></tr>{"".join(rows)}</table>
<h2>How this was worked out</h2><ul>{methods}</ul>
<h2>Before you read too much into it</h2><ul>{caveats}</ul>
<p class="note">Made by nearer. Charts drawn with uPlot (MIT licence).</p>
</main>
<script type="application/json" id="nearer-data">{_script_json(report)}</script>
<script>{_asset("uPlot.iife.min.js")}</script>
<script>{_asset("report.js")}</script>
</body></html>
"""
