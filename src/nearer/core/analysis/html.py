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

from nearer.core.analysis.definitions import BY_ID, PATTERN_BY_ID, metric

_ASSETS = files("nearer.core.analysis.assets")
COLORS = ("#b4456e", "#2f6f9f")
METHODS = (
    "Weeks run Monday to Sunday, in the local time written in the export.",
    "A conversation starts after {gap} hours of silence; whoever writes first started it. A "
    "reply delay is the time from the partner's message to this person's next message in "
    "the same conversation.",
    "Word counts use short word lists written for nearer (eight languages; style matching in "
    "English, German, Spanish, French and Portuguese). They count words, not meaning: "
    "sarcasm and inside jokes are missed.",
    "A signal needs a large change (Cliff's delta of at least 0.474, Romano et al. 2006, and "
    "a change of the typical value that matters in practice) that is also statistically solid "
    "(a rank test over weeks with Holm's correction, and a bootstrap interval that excludes "
    "no change). The start date is the best single change point of the weekly series.",
    "Language style matching follows Ireland and Pennebaker (2011): how similarly you use "
    "nine kinds of small function words, from 0 to 1.",
)


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _steps(steps: list[dict[str, str]]) -> str:
    items = "".join(
        f'<li class="step {escape(s["kind"])}"><strong>{escape(s["title"])}</strong>: '
        f"{escape(s['why'])}</li>"
        for s in steps
    )
    return f'<ul class="steps">{items}</ul>' if items else ""


def _headlines(report: dict[str, Any]) -> str:
    """Each headline with its own strategies; the steps every headline shares, once."""
    parts = []
    shared: dict[str, dict[str, str]] = {}
    for h in report.get("headlines", []):
        own = [s for s in h["steps"] if s["kind"] == "strategy"]
        shared |= {s["id"]: s for s in h["steps"] if s["kind"] != "strategy"}
        helps = f'<div class="meta">What might help:</div>{_steps(own)}' if own else ""
        parts.append(
            f'<div class="signal headline-card"><div>{escape(h["text"])}</div>{helps}</div>'
        )
    if shared:
        parts.append(
            '<div class="signal headline-card"><div>For both of you:</div>'
            f"{_steps(list(shared.values()))}</div>"
        )
    return "\n".join(parts)


def _signal_details(signals: list[dict[str, Any]]) -> str:
    parts: list[str] = []
    for s in signals:
        css = "signal pattern" if s.get("pattern") else "signal"
        meta = f"strength {s['strength']:.2f} (0 to 1)"
        if s.get("change_date"):
            meta += f" · began around {escape(s['change_date'])}"
        parts.append(
            f'<div class="{css}"><div>{escape(s["explanation"])}</div>'
            f'<div class="meta">{meta}</div></div>'
        )
    return "\n".join(parts)


def _safety(report: dict[str, Any]) -> str:
    """The help a safety alert puts first, in ``core.safety.response``'s order and words."""
    found = report.get("safety")
    if not found:
        return ""
    shown = found["response"]
    emergency = f"<p><strong>In immediate danger: call {escape(shown['emergency'])}.</strong></p>"
    lines = "".join(
        f"<li><strong>{escape(line['name'])}</strong> ({escape(line['kind_name'])}): "
        f"{escape(line['contact'])} ({escape(line['hours'])})</li>"
        for line in shown["lines"]
    )
    words = "".join(f"<p>{escape(t)}</p>" for t in (*shown["described"], *shown["reach_out"]))
    warning = (
        f"<p><strong>{escape(shown['device_warning'])}</strong></p>"
        if shown.get("device_warning")
        else ""
    )
    who = ", ".join(f"{escape(name)} ({count:,})" for name, count in found["senders"].items())
    weeks = ", ".join(escape(w["week"]) for w in found["weeks"])
    count = found["messages"]
    return (
        f'<section class="safety" role="alert"><h2>{escape(shown["title"])}</h2>'
        f"{emergency if shown['emergency_first'] else ''}<ul>{lines}</ul>"
        f"{'' if shown['emergency_first'] else emergency}{words}{warning}"
        f'<p class="note">{count:,} message{"s" if count != 1 else ""} in this chat read as '
        f"danger (whose: {who}; weeks {weeks}). nearer screens and refers; it does not judge. "
        "The suggestions below leave out anything done together.</p></section>"
    )


def render_html(report: dict[str, Any]) -> str:
    """The page for a JSON report made by ``nearer.core.analysis.report``."""
    a, b = (escape(p) for p in report["participants"])
    counts = report["messages"]
    signals = report["signals"]
    patterns = [s for s in signals if s.get("pattern")]
    signal_html = "\n".join(
        part for part in (_signal_details(patterns), _headlines(report)) if part
    )
    if not signal_html:
        signal_html = "<p>Nothing stands out.</p>"
    details = _signal_details([s for s in signals if not s.get("pattern")])
    if details:
        signal_html += (
            "<details><summary>Each change on its own, with its statistics</summary>"
            f"{details}</details>"
        )
    language = report.get("language") or {}
    if language.get("note"):
        signal_html = f'<p class="note language">{escape(language["note"])}</p>' + signal_html
    shown = [m for m in report["metrics"] if m in BY_ID]
    charts = []
    for metric_id in shown:
        label = metric(metric_id).label
        title = label[:1].upper() + label[1:]
        charts.append(
            f'<div class="chart-block"><h3>{escape(title)}</h3>'
            f'<div class="chart" data-metric="{metric_id}"></div></div>'
        )
    charts.append(
        '<div class="chart-block"><h3>Language style matching (both of you, 0 to 1)</h3>'
        '<div class="chart" data-metric="lsm"></div></div>'
    )
    totals = {row["person"]: row for row in report["totals"]}
    rows = []
    for metric_id in shown:
        definition = metric(metric_id)
        cells = [definition.value(totals[p].get(metric_id)) for p in report["participants"]]
        label = definition.label[:1].upper() + definition.label[1:]
        rows.append(
            f"<tr><td>{escape(label)}</td><td>{escape(cells[0])}</td>"
            f"<td>{escape(cells[1])}</td></tr>"
        )
    if report.get("lsm") is not None:
        rows.append(
            f'<tr><td>Style matching between you (0 to 1)</td><td colspan="2">'
            f"{report['lsm']:.2f}</td></tr>"
        )
    methods = "".join(
        f"<li>{escape(m.format(gap=report['settings']['gap_hours']))}</li>" for m in METHODS
    )
    caveats = "".join(f"<li>{escape(c)}</li>" for c in report["caveats"])
    others = [p for p in counts if p not in report["participants"]]
    others_note = (
        f" The chat also has messages from {len(others)} other "
        f"{'person' if len(others) == 1 else 'people'}, not compared here."
        if others
        else ""
    )
    pattern = PATTERN_BY_ID.get(report["pattern"])
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nearer: how {a} and {b} write to each other</title>
<style>{_asset("uPlot.min.css")}
{_asset("report.css")}</style></head>
<body><main>
<h1>How {a} and {b} write to each other</h1>
{_safety(report)}
<p class="sub">{counts[report["participants"][0]]:,} and {counts[report["participants"][1]]:,}
messages, {escape(report["first"][:10])} to {escape(report["last"][:10])}
({escape(report["format"])} export).{escape(others_note)}</p>
<div class="privacy"><strong>Private by design.</strong> This page was made on your own
computer and sends nothing anywhere. It holds only counts and averages, never the text of a
message. Keep it where only the two of you can open it.</div>
<h2>What stands out</h2>
<p class="headline">{escape(pattern.headline if pattern else "")}</p>
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
