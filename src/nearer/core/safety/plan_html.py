"""A printable, self-contained HTML page of a safety plan (``nearer safety-plan --html``).

One file, inline CSS, no scripts, nothing fetched: it opens offline and prints on one or two
pages. The person's own lines are escaped; the crisis lines for their country close it.
"""

from __future__ import annotations

from html import escape

from nearer.core.knowledge.records import Country
from nearer.core.safety.plan import SECTIONS, SafetyPlan

CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1b19;
       max-width: 44rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
section { border: 1px solid #cfc6bc; border-radius: 8px; padding: .5rem 1rem; margin: .8rem 0;
          break-inside: avoid; }
h2 { font-size: 1.1rem; margin: .3rem 0; }
.empty, .muted { color: #4f4a45; }
.help { border: 2px solid #a3142b; }
@media print { body { max-width: none; font-size: 11pt; padding: 0; } }
"""


def render_safety_plan_html(plan: SafetyPlan, country: Country) -> str:
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>My safety plan</title><style>{CSS}</style></head><body>",
        "<h1>My safety plan</h1>",
        "<p class=muted>Work down it one step at a time until you feel safer. If you are in "
        "danger now, call the emergency number below.</p>",
    ]
    for n, s in enumerate(SECTIONS, 1):
        items = plan.items(s.id)
        body = (
            "<ol>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ol>"
            if items
            else "<p class=empty>Nothing here yet.</p>"
        )
        parts.append(f"<section><h2>{n}. {escape(s.title)}</h2>{body}</section>")
    lines = "".join(
        f"<li><strong>{escape(r.name)}</strong>: {escape(r.contact)}</li>"
        for r in country.resources
    )
    parts.append(
        f'<section class="help"><h2>Help now ({escape(country.name)})</h2>'
        f"<p><strong>Emergency: {escape(country.emergency)}</strong></p><ul>{lines}</ul></section>"
    )
    parts.append("<p class=muted>Made with nearer. Private: keep it somewhere you choose.</p>")
    parts.append("</body></html>")
    return "".join(parts)
