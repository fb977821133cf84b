"""What each person is shown about an early warning: gentle words, evidence, one next step.

The sentences are nearer's own. They describe, never diagnose: a dip in check-ins can be
stress, tiredness, illness or a busy stretch as much as the relationship. When a safety
concern is on record the next step is always the help page, and nothing joint is suggested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from nearer.core.drift.detect import (
    METRIC_WORDS,
    MIN_WEEKS,
    SIGNAL_WORDS,
    Change,
    Shift,
    Warning,
)

# Next steps the web app links to.
STEPS: dict[str, str] = {
    "weekly-talk": "Have this week's weekly talk: ask how the other has been, and listen first.",
    "connection-check": "Take the Connection Check: ten minutes that sort out what may be "
    "feeding the distance.",
    "plan-step": "Pick one small step from your plan and do it this week.",
    "keep-checking-in": "Keep checking in: a minute a day is all the early warning needs.",
    "help": "Look at the help page first: it lists people you can talk to now.",
}


@dataclass(frozen=True)
class Summary:
    status: str
    headline: str
    evidence: list[str] = field(default_factory=list)
    next_step: str = "keep-checking-in"
    began: date | None = None

    @property
    def step_text(self) -> str:
        return STEPS[self.next_step]


def _number(metric: str, value: float) -> str:
    if metric in ("checkin_days", "appreciation_days"):
        return f"{100 * value:.0f}% of days"
    if metric == "messages":
        return f"{value:.0f} a week"
    return f"{value:.1f}"


def evidence_line(change: Change, name: str) -> str:
    """One line of evidence in words, with the numbers and the test behind it."""
    moved = "fell" if change.direction == "down" else "rose"
    since = f" since about {change.began:%d %b %Y}" if change.began else ""
    if change.metric == "closeness_and_feeling":
        # A blend of two scales has no "from 4.1 to 2.2" a person could read: say how far it
        # moved, in points of closeness.
        amount = f" by {abs(change.recent - change.baseline):.1f} points"
    else:
        amount = (
            f" from {_number(change.metric, change.baseline)} to "
            f"{_number(change.metric, change.recent)}"
        )
    return (
        f"{name}: {METRIC_WORDS[change.metric]} {moved}{amount}"
        f"{since} (Hedges' g {change.hedges_g:+.2f}, {_p(change.p_value_holm)})."
    )


def shift_line(shift: Shift, name: str) -> str:
    """The decisive test for one person in words: when it began, how large, the statistic
    against its threshold, and which signals moved."""
    since = f"since about {shift.began:%d %b %Y}"
    if shift.kind == "stopped":
        share = f"{100 * shift.usual_share:.0f}% of days" if shift.usual_share is not None else ""
        return (
            f"{name}: no check-in for {shift.days} days {since}, after checking in on {share} "
            f"before (a run that long at that rate: test {shift.statistic:.1f}, "
            f"{shift.threshold:.0f} needed)."
        )
    spread = f", {shift.spreads:.1f} times the usual day-to-day spread" if shift.spreads else ""
    moved = [SIGNAL_WORDS[m] for m in shift.signals]
    together = f"; moved: {', '.join(moved)}" if moved else ""
    return (
        f"{name}: closeness fell from {shift.closeness_before:.1f} to "
        f"{shift.closeness_since:.1f} ({shift.points:.1f} points{spread}) {since}, over "
        f"{shift.days} days{together} (combined z {shift.statistic:.1f}, "
        f"{shift.threshold:.1f} needed)."
    )


def _p(p: float) -> str:
    # Below 1 in 10,000 the digits say nothing a person can use ("p = 4e-189").
    return "corrected p < 0.0001" if p < 1e-4 else f"corrected p = {p:.2g}"


def summary_for(
    warning: Warning,
    viewer: str,
    names: dict[str, str],
    *,
    safety_concern: bool = False,
    has_plan: bool = False,
) -> Summary:
    """The summary ``viewer`` sees. ``names`` maps each person's key to how they are shown
    ("you" for the viewer, the partner's display name otherwise)."""
    if warning.status == "not-enough-weeks":
        left = MIN_WEEKS - warning.weeks_available
        headline = (
            f"The early warning starts after {MIN_WEEKS} weeks of check-ins; {left} more to go."
        )
        return Summary(warning.status, headline, [], _step("keep-checking-in", safety_concern))
    evidence = [shift_line(s, names.get(s.person, s.person)) for s in warning.shifts]
    evidence += [evidence_line(c, names.get(c.person, c.person)) for c in warning.changes]
    since = f" since about {warning.began:%d %B}" if warning.began else ""
    if warning.status == "steady":
        return Summary(
            "steady",
            "Your check-ins show no sign of drifting: recent weeks look like the weeks "
            "before them.",
            evidence,
            _step("plan-step" if has_plan else "keep-checking-in", safety_concern),
        )
    partner_keys = [k for k in names if k != viewer]
    if warning.status == "both-drifting":
        headline = (
            f"You have both been checking in lower{since}. Busy or heavy stretches do this "
            "to many couples; noticing it early is the point."
        )
        step = "plan-step" if has_plan else "connection-check"
    elif warning.status == "diverging":
        other = names.get(partner_keys[0], "your partner") if partner_keys else "your partner"
        headline = (
            f"You and {other} have been moving in different directions{since}: one of you "
            "feels closer while the other feels further away."
        )
        step = "weekly-talk"
    elif viewer in warning.drifting:
        headline = (
            f"Your own check-ins have been lower{since}. It may be stress, tiredness or "
            "something between you; it helps to find out which."
        )
        step = "connection-check"
    else:
        other = names.get(warning.drifting[0], "your partner")
        headline = (
            f"{other}'s check-ins have been lower{since}. This is not a verdict: a gentle "
            "question about how they are doing is a good start."
        )
        step = "weekly-talk"
    return Summary(warning.status, headline, evidence, _step(step, safety_concern), warning.began)


def _step(step: str, safety_concern: bool) -> str:
    # A safety concern on record: resources first, and nothing that asks for joint time.
    return "help" if safety_concern else step
