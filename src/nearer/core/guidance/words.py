"""The sentences a plan opens with: a headline and a short read-out of the pattern.

Written to be specific (who, how long, what seems to feed it) and never to diagnose: they
describe the answers and say what such answers often go with.
"""

from __future__ import annotations

from collections.abc import Sequence

from nearer.core.instruments.connection_check import Definition, definition
from nearer.core.instruments.connection_readout import Reason
from nearer.core.instruments.connection_scoring import (
    Circumstance,
    ConnectionResult,
    Driver,
    FactorEvidence,
)
from nearer.core.knowledge import PATTERNS, KnowledgeBase
from nearer.core.knowledge.records import CIRCUMSTANCES
from nearer.core.safety import SafetyAlert

DURATION_WORDS = {
    "none": "",
    "lt2w": "for the last week or two",
    "2w-2m": "for a few weeks",
    "2m-6m": "for a few months",
    "6m-2y": "for over six months",
    "gt2y": "for more than two years",
}


def _answered(d: Definition, item: str, value: object) -> str:
    """A statement answer as it was given: "My partner seems numb ...": Often."""
    sid, about = item.split(".")
    statement = d.statement(sid)
    label = d.scale[int(str(value))].label if str(value).isdigit() else str(value)
    return f'"{statement.text(about)}": {label.lower()}'


def reason_text(reason: Reason, d: Definition | None = None) -> str:
    """One read-out fact as a clause, quoting the answer it stands for."""
    d = d or definition()
    code, value = reason.code, reason.value
    if code == "warning_sign":
        return _answered(d, reason.item, value)
    if code == "chosen":
        q = d.question(reason.item)
        return f"{q.text.split('?')[0]}?: {q.label(str(value)).lower()}"
    if code == "inner_index":
        return f"your inner-experience index is {value} of 100"
    if code == "no_warning_signs":
        return (
            "none of the warning signs of unhealthy detachment (numbness, loneliness, "
            "indifference, flat reactions) came up often"
        )
    if code == "wider_wall":
        return "a chosen boundary may have grown into a wider wall"
    if code == "overall":
        return f"overall distance reaches {value} of 100"
    if code == "lasted":
        return f"it has lasted about {d.question('duration').label(str(value)).lower()}"
    if code == "event_onset":
        return "it began after a particular event or change"
    if code == "stress_now":
        q = d.question(reason.item)
        return f'there is heavy stress or a big change in your lives right now ("{q.text}")'
    if code == "no_distance":
        return "you said there is no real distance"
    if code == "not_settled":
        return "long enough to watch, not yet a settled pattern"
    if code == "only_one_side":
        return f"only one side was answered (index {value})"
    if code == "indexes":
        return f"your index is {value}, your partner's (as you see it) {reason.other}"
    if code == "presses":
        who = "you press" if reason.item.endswith(".self") else "your partner presses"
        return f"{who} for closeness (average {value} of 4)"
    if code == "pulls_back":
        who = "you pull" if reason.item.endswith(".self") else "your partner pulls"
        return f"{who} back when pressed ({float(str(value)):.0f} of 4)"
    if code == "no_cycle":
        return "no clear pursue-withdraw pattern in the answers"
    raise ValueError(f"no words for read-out fact {code!r}")


def reasons_text(reasons: Sequence[Reason]) -> str:
    return "; ".join(reason_text(r) for r in reasons)


def driver_text(driver: Driver) -> str:
    """One answer behind a factor, quoted: "Heavy, ongoing stress ...?" Yes, my partner."""
    if driver.item == "p1-p3":
        return "your answers on reaching and pulling back show a pursue-withdraw cycle"
    if driver.answer == "positive":
        return f"your {driver.question} screen was positive"
    quoted = f'"{driver.question}" {driver.answer}'
    if driver.note_words:
        # The words themselves are shown once, in the plan's "read from your note" part.
        quoted += " (read from your note)"
    return quoted


def screen_text(f: FactorEvidence) -> str:
    """What a completed screener said about a factor, as a clause after its likelihood."""
    s = f.screen
    if s is None:
        return ""
    if s.positive:
        return f"; your {s.short_name} screen was positive, {s.total} of {s.max_total}"
    return (
        f"; your {s.short_name} screen was negative ({s.total} of {s.max_total}), so this is "
        "at most possible"
    )


def lower_first(name: str) -> str:
    """ "Trauma and PTSD" -> "trauma and PTSD": lower case inside a sentence, acronyms kept."""
    return name[0].lower() + name[1:] if name[:2] != name[:2].upper() else name


def pattern_words(pattern: str) -> str:
    """The knowledge base's description of a pattern, as a clause inside a sentence."""
    sentence = PATTERNS[pattern].rstrip(".")
    return sentence[0].lower() + sentence[1:]


def factor_reason(kb: KnowledgeBase, f: FactorEvidence) -> str:
    """Why a strategy was chosen for a factor, quoting the answer that weighed most."""
    return (
        f"it helps with {lower_first(kb.factor(f.factor).name)}, {f.likelihood} from your answers "
        f"({driver_text(f.drivers[0])})"
    )


def pattern_reason(check: ConnectionResult, patterns: Sequence[str]) -> str:
    """Why a strategy suits the pattern, with the answers the pattern was read from."""
    findings = {
        "pursue_withdraw": check.cycle,
        "mutual": check.sidedness,
        "one_sided": check.sidedness,
        "situational": check.course,
        "persistent": check.course,
        "healthy_boundary": check.boundary,
        "unhealthy_detachment": check.boundary,
    }
    parts = []
    for p in patterns[:2]:
        finding = findings.get(p)
        facts = f" ({reasons_text(finding.reasons[:2])})" if finding is not None else ""
        parts.append(pattern_words(p) + facts)
    return "it suits your pattern: " + " and ".join(parts)


def circumstance_reason(c: Circumstance) -> str:
    """Why a strategy was chosen for a circumstance, quoting the answer."""
    q = definition().question(c.question)
    source = " (read from your note)" if c.note_words else ""
    return f'it is written for {CIRCUMSTANCES[c.id]}: "{q.text}" {c.answer}{source}'


def note_lines(check: ConnectionResult) -> tuple[tuple[str, str], ...]:
    """(what was read, the words it was read from) for each circumstance taken from the note."""
    d = definition()
    out = []
    for r in check.from_notes:
        q = d.question(r.question)
        out.append((f"{q.text} {q.label(r.value)}", r.words))
    return tuple(out)


def role_of(check: ConnectionResult) -> str:
    """Which audience the reader belongs to: "reaching", "withdrawing" or "both".

    The pursue-withdraw answers decide first; otherwise whoever shows more distance is the
    one who has pulled back.
    """
    if check.cycle.label == "pursue_withdraw":
        return "reaching" if check.cycle.who == "me" else "withdrawing"
    if check.sidedness.label == "one_sided":
        return "reaching" if check.sidedness.who == "partner" else "withdrawing"
    return "both"


def _factor_names(kb: KnowledgeBase, check: ConnectionResult, limit: int = 2) -> list[str]:
    names = []
    # Name likely factors; possible ones only when nothing is likely (a guess is not a headline).
    likely = [f for f in check.factors if f.likelihood == "likely"]
    for f in (likely or list(check.factors))[:limit]:
        owner = {"me": " (yours)", "partner": " (your partner's)"}.get(f.whose, "")
        names.append(lower_first(kb.factor(f.factor).name) + owner)
    return names


def headline(kb: KnowledgeBase, check: ConnectionResult, alerts: Sequence[SafetyAlert]) -> str:
    if alerts:
        return (
            "Your safety comes first. Some of your answers suggest you may be at risk, so the "
            "services at the top can help right now. Everything below is for you on your "
            "own: nothing here asks you to give space, stop reaching out or work things out "
            "together until you feel safe."
        )
    when = DURATION_WORDS[check.duration]
    if check.boundary.label == "little_distance":
        return "Your answers show little distance between you. Keep doing what works."
    if check.boundary.label == "healthy_boundary":
        return (
            "The space you describe looks like a chosen, healthy boundary rather than "
            "detachment; the plan helps you keep it kind and talked about."
        )
    if check.cycle.label == "pursue_withdraw":
        lead = (
            f"You have been reaching for your partner while they pull back {when}"
            if check.cycle.who == "me"
            else f"Your partner has been reaching for you while you pull back {when}"
        )
        lead += ": a pursue-withdraw cycle, where each one's move feeds the other's."
    elif check.sidedness.label == "one_sided":
        lead = (
            f"Your partner seems to have pulled away {when}, more than you have."
            if check.sidedness.who == "partner"
            else f"You seem to have pulled away {when}, more than your partner has."
        )
    elif check.sidedness.label == "mutual":
        lead = f"You have both drifted {when}; neither of you seems close right now."
    else:
        lead = f"There is some distance between you {when}."
    names = _factor_names(kb, check)
    if names:
        lead += " What seems to feed it most: " + " and ".join(names) + "."
    return " ".join(lead.split())


def understanding(
    kb: KnowledgeBase, check: ConnectionResult, alerts: Sequence[SafetyAlert] = ()
) -> tuple[str, ...]:
    """A few plain sentences on the pattern, each with the answers behind it."""
    out: list[str] = []
    if any(a.kind == "partner_harm" for a in alerts):
        out.append(
            "When a partner frightens or controls you, pulling back, keeping quiet and "
            "feeling numb are ways of staying safe. Read what follows in that light: none of "
            "it means the fault is yours."
        )
    boundary = {
        "healthy_boundary": "This looks like a healthy boundary",
        "mixed": "A chosen boundary may have grown into a wider wall",
        "unhealthy_detachment": "This looks more like unhealthy detachment than a chosen boundary",
        "some_distance": "There is some distance, without the warning signs of detachment",
        "little_distance": "There is little distance",
    }[check.boundary.label]
    out.append(f"{boundary}: {reasons_text(check.boundary.reasons)}.")
    course = {
        "situational": "It looks situational, a reaction to what is going on",
        "persistent": "It looks persistent, a settled pattern rather than a passing phase",
        "emerging": "It may be settling in",
        "none": "",
    }[check.course.label]
    if course:
        out.append(f"{course}: {reasons_text(check.course.reasons)}.")
    side = {
        "mutual": "It is mutual: you both show distance",
        "one_sided": "It is mostly one-sided",
        "both_somewhat": "You both show a little distance",
        "neither": "Neither of you shows much distance",
        "unknown": "Only one side could be scored",
    }[check.sidedness.label]
    out.append(f"{side} ({reasons_text(check.sidedness.reasons)}).")
    if check.cycle.label == "pursue_withdraw":
        out.append(
            "The pursue-withdraw cycle: "
            + reasons_text(check.cycle.reasons)
            + ". The more one presses, the more the other retreats, and the other way round; "
            "naming the cycle together often takes the blame out of it."
        )
    for f in check.factors[:4]:
        factor = kb.factor(f.factor)
        drivers = "; ".join(driver_text(d) for d in f.drivers[:3])
        out.append(
            f"{factor.name} ({f.likelihood}{screen_text(f)}): {factor.description} "
            f"Answers: {drivers}."
        )
    return tuple(out)
