"""Asking one question at a time in the terminal: keys, validation, back and quit.

Shared by ``nearer assess`` and ``nearer score`` so every question in the CLI answers to the
same keys: a number, ``s`` to skip where allowed, ``b`` to go back, ``q`` to quit.
"""

from __future__ import annotations

from typing import Any

from nearer.cli.common import out
from nearer.core.assessment.interview import Step
from nearer.core.instruments.base import Choice, Item


def step_for(item: Item, section: str = "") -> Step:
    """A screener item as an interview step."""
    return Step(item.id, section, item.text, "choice", item.choices, item.optional)


def ask(step: Step, position: int, total: int, previous: Any) -> Any:
    """Ask one step until the reply is valid. Returns ("answer", value), "back" or "quit"."""
    out.print(f"\n[dim]{position + 1}/{total}[/dim] [bold]{step.text}[/bold]")
    if step.kind == "text":
        raw = read_line("Your words (Enter to skip): ")
        lowered = raw.strip().lower()
        if lowered in ("q", "b"):
            return "quit" if lowered == "q" else "back"
        return ("answer", raw.strip() or None)
    keys = keys_for(step)
    if step.kind == "choice" and all(isinstance(c.value, int) for _, c in keys):
        # A frequency scale fits on one line; an earlier answer is marked with *.
        scale = "   ".join(
            f"{key} {choice.label}{'*' if previous == choice.value else ''}" for key, choice in keys
        )
        out.print(f"  {scale}", markup=False)
    else:
        for key, choice in keys:
            chosen = previous == choice.value or (
                isinstance(previous, list) and choice.value in previous
            )
            mark = " (your earlier answer)" if chosen else ""
            out.print(f"  {key}. {choice.label}{mark}", markup=False)
    while True:
        hint = (
            "numbers separated by commas, or Enter for none"
            if step.kind == "checklist"
            else ("number" + (", s to skip" if step.optional else ""))
        )
        raw = read_line(f"Answer ({hint}; b back, q quit): ").strip().lower()
        if raw == "q":
            return "quit"
        if raw == "b":
            return "back"
        value = parse(step, raw)
        if value is not None:
            return ("answer", value[0])
        out.print(
            "Please type one of the numbers shown, b to go back or q to quit.",
            style="yellow",
            markup=False,
        )


def keys_for(step: Step) -> list[tuple[str, Choice]]:
    """What to type for each choice: a frequency scale uses its own 0-4, others count from 1."""
    if step.kind == "choice" and all(isinstance(c.value, int) for c in step.choices):
        return [(str(c.value), c) for c in step.choices]
    return [(str(n), c) for n, c in enumerate(step.choices, 1)]


def parse(step: Step, raw: str) -> tuple[Any] | None:
    keys = dict(keys_for(step))
    if step.kind == "checklist":
        if raw in ("", "none"):
            return ([],)
        parts = [p for p in raw.replace(" ", ",").split(",") if p]
        if not all(p in keys for p in parts):
            return None
        order = [c.value for c in step.choices]
        return (sorted({keys[p].value for p in parts}, key=order.index),)
    if raw == "s" and step.optional:
        return (None,)
    return (keys[raw].value,) if raw in keys else None


def read_line(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        return "q"
    except KeyboardInterrupt:
        return "q"
