"""A self-contained, printable HTML report of one assessment.

One file, inline CSS, no scripts and nothing fetched, so it opens offline and prints cleanly.
Free text (the person's notes) is never written into it. Safety and crisis resources come
first when there is an alert, and sit at the end otherwise.
"""

from __future__ import annotations

from html import escape

from nearer.core.assessment.sitting import Assessment
from nearer.core.guidance import Plan
from nearer.core.knowledge import load
from nearer.core.safety.response import respond

CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330;
       max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 2px solid #d8dee9; }
.muted { color: #4a5568; font-size: .9rem; }
.alert { border: 3px solid #b42318; background: #fff4f2; padding: .8rem 1rem; border-radius: 8px; }
.help { border: 1px solid #cbd5e1; padding: .8rem 1rem; border-radius: 8px; }
.headline { font-size: 1.15rem; background: #eef6ff; padding: .8rem 1rem; border-radius: 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .4rem; border-bottom: 1px solid #e2e8f0;
         overflow-wrap: break-word; hyphens: auto; }
th:first-child { width: 46%; }
table { table-layout: fixed; font-size: .88rem; }
td.num { text-align: left; overflow-wrap: anywhere; }
.bar { display: inline-block; height: .6rem; background: #3b6fb6; border-radius: 3px; }
.step { margin: 1rem 0; padding: .6rem 1rem; border-left: 4px solid #3b6fb6; background: #f8fafc; }
@media print { body { max-width: none; font-size: 12pt; }
               .step, .alert, .help { break-inside: avoid; } }
"""


def _crisis(plan: Plan, urgent: bool) -> str:
    c = plan.crisis
    rows = "".join(
        f"<li><strong>{escape(r.name)}</strong>: {escape(r.contact)} "
        f"<span class=muted>({escape(r.hours)})</span></li>"
        for r in c.resources
    )
    title = "Your safety comes first" if urgent else "If you need help now"
    return (
        f'<section class="{"alert" if urgent else "help"}" aria-label="crisis resources">'
        f"<h2>{title}</h2><p><strong>Emergency ({escape(c.name)}): "
        f"{escape(c.emergency)}</strong></p><ul>{rows}</ul>"
        f"<p class=muted>Last checked {escape(str(c.last_checked))}.</p></section>"
    )


def _safety(plan: Plan) -> str:
    """The alert's help in the order ``core.safety.response`` decides, with its words."""
    shown = respond(plan.safety, plan.crisis)
    emergency = f"<p><strong>{escape(shown.emergency_line)}</strong></p>"
    rows = "".join(
        f"<li><strong>{escape(x.name)}</strong> ({escape(x.kind_name)}): {escape(x.contact)} "
        f"<span class=muted>({escape(x.hours)})</span></li>"
        for x in shown.lines
    )
    words = "".join(f"<p>{escape(t)}</p>" for t in (*shown.described, *shown.reach_out))
    warning = (
        f"<p><strong>{escape(shown.device_warning)}</strong></p>" if shown.device_warning else ""
    )
    offer = (
        "<p>Write your own safety plan for a hard moment: <code>nearer safety-plan</code>.</p>"
        if shown.safety_plan
        else ""
    )
    return (
        f'<section class="alert" aria-label="crisis resources"><h2>{escape(shown.title)}</h2>'
        f"{emergency if shown.emergency_first else ''}<ul>{rows}</ul>"
        f"{'' if shown.emergency_first else emergency}{words}{warning}{offer}"
        f"<p class=muted>Last checked {escape(shown.last_checked)}.</p></section>"
    )


def _cell(index: int | None, band: str | None) -> str:
    if index is None:
        return "<td class=num>can't tell</td>"
    return (
        f'<td class=num><strong>{index}</strong> <span class="bar" '
        f'style="width:{index * 0.6:.0f}px"></span><br>'
        f"<span class=muted>{escape(band or '')}</span></td>"
    )


def render_assessment_html(a: Assessment) -> str:
    kb = load()
    plan, check = a.plan, a.check
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>nearer: Connection Check, {escape(a.taken_at[:10])}</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Your Connection Check</h1>",
        f"<p class=muted>Taken {escape(a.taken_at.replace('T', ' '))}. Private: this file was "
        "made on your computer and contains no free text you wrote.</p>",
    ]
    if plan.has_safety_alert:
        parts.append(_safety(plan))
        parts.append(
            "<ul>" + "".join(f"<li>{escape(x.reason)}</li>" for x in plan.safety) + "</ul>"
        )
    parts.append(f'<p class="headline">{escape(plan.headline)}</p>')
    rows = "".join(
        f"<tr><th scope=row>{escape(kb.domain(d.domain).name)}</th>"
        f"{_cell(d.self_index, d.self_band)}{_cell(d.partner_index, d.partner_band)}</tr>"
        for d in check.domains
    )
    rows += (
        f"<tr><th scope=row>Overall</th>{_cell(check.overall_self, check.band_self)}"
        f"{_cell(check.overall_partner, check.band_partner)}</tr>"
    )
    parts.append(
        "<h2>Distance by area</h2><p class=muted>0 = close, 100 = far apart.</p>"
        "<table><thead><tr><th>Area</th><th>You</th><th>Your partner, as you see it</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    parts.append("<h2>What it looks like</h2><ul>")
    parts.extend(f"<li>{escape(s)}</li>" for s in plan.understanding)
    parts.append("</ul>")
    if a.screens:
        parts.append("<h2>Screeners</h2><table><tbody>")
        parts.extend(
            f"<tr><th scope=row>{escape(s.instrument)}</th><td class=num>{s.total}/{s.max_total}"
            f"</td><td>{escape(s.severity)}</td><td>{escape(s.interpretation)}</td></tr>"
            for s in a.screens
        )
        parts.append("</tbody></table>")
    parts.append("<h2>This week</h2>")
    for rec in plan.this_week:
        s = rec.strategy
        steps = "".join(f"<li>{escape(x)}</li>" for x in s.steps)
        parts.append(
            f'<div class="step"><h3>{escape(s.name)}</h3><p>{escape(s.summary)}</p>'
            f"<ol>{steps}</ol><p class=muted>{s.minutes} minutes, "
            f"{escape(s.cadence.replace('_', ' '))}. Why: {escape('; '.join(rec.why))}.</p></div>"
        )
    if plan.has_safety_alert and plan.left_out:
        parts.append("<h2>Left out for now, for your safety</h2><ul>")
        parts.extend(
            f"<li><strong>{escape(x.strategy.name)}</strong>: {escape(x.reason)}</li>"
            for x in plan.left_out
        )
        parts.append("</ul>")
    parts.append("<h2>Professional help</h2>")
    if plan.professional:
        parts.append("<ul>")
        parts.extend(
            f"<li><strong>{escape(h.name)}</strong> ({escape(h.urgency)}, for "
            f"{escape(h.for_whom)}): {escape(h.what)} "
            f"<span class=muted>Because {escape('; '.join(h.why))}.</span></li>"
            for h in plan.professional
        )
        parts.append("</ul>")
    else:
        parts.append("<p>Nothing in your answers calls for it now; it is always an option.</p>")
    if not plan.has_safety_alert:
        parts.append(_crisis(plan, urgent=False))
    parts.append(
        "<p class=muted>This is a self-check, not a diagnosis. It describes your answers and "
        "what such answers often go with; only a qualified professional can assess you.</p>"
        "</body></html>"
    )
    return "\n".join(parts)
