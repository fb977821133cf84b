"""What the insights page shows: the headline in words and the weekly series for the charts."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from nearer.web.insights.models import InsightHistory

# The weekly charts, in the order shown: metric id, title, unit shown on the axis.
CHARTS: tuple[tuple[str, str, str], ...] = (
    ("messages", "Messages each week", ""),
    ("reply_minutes_median", "Median time to reply", "minutes"),
    ("initiated_share", "Conversations started", "% of conversations"),
    ("affection_per_100", "Affectionate words", "per 100 messages"),
)
_PERCENT = {"initiated_share"}

HEADLINES = {
    "stable": "No clear change between the recent weeks and the months before.",
    "pursue-withdraw": "One of you has been reaching out more while the other has pulled back.",
    "mutual-drift": "You have both been drifting: writing less often, less warmly or more slowly.",
    "one-sided": "One of you writes differently lately; the other has not changed much.",
    "changes": "A few things changed in the recent weeks.",
    "not-enough-history": "There are not enough weeks yet to compare the recent weeks with the "
    "months before (about 16 weeks are needed).",
}


def headline(history: InsightHistory) -> str:
    return HEADLINES.get(history.pattern, HEADLINES["changes"])


def chart_data(history: InsightHistory) -> dict[str, Any]:
    """Plain lists for the page's chart script (read from a JSON script element)."""
    weeks = list(history.weeks.all())
    x = [int(datetime.combine(w.week_start, time(), tzinfo=UTC).timestamp()) for w in weeks]
    charts = []
    for metric, title, unit in CHARTS:
        series = []
        for side in ("a", "b"):
            values = []
            for w in weeks:
                v = w.metric(side, metric)
                if v is not None and metric in _PERCENT:
                    v = round(100 * float(v), 1)
                values.append(v)
            series.append(values)
        charts.append({"id": metric, "title": title, "unit": unit, "a": series[0], "b": series[1]})
    return {"x": x, "names": [history.name_a, history.name_b], "charts": charts}


def table_rows(history: InsightHistory) -> list[dict[str, Any]]:
    """The last weeks as a table, for readers without JavaScript."""
    rows = []
    for w in list(history.weeks.all())[-12:]:
        rows.append(
            {
                "week": w.week_start,
                "a": w.metric("a", "messages"),
                "b": w.metric("b", "messages"),
            }
        )
    return rows
