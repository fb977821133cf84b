"""Write messages back out as a WhatsApp export, in any of its layouts.

Used by the property tests (render, parse back, compare), the benchmark and the synthetic
couples; it is also the smallest description of what the reader accepts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from nearer.core.chats.model import Message


@dataclass(frozen=True, slots=True)
class Layout:
    """One way WhatsApp writes a message header."""

    ios: bool = False  # "[date, time] name:" instead of "date, time - name:"
    order: str = "dmy"  # dmy, mdy or ymd
    sep: str = "/"
    year_digits: int = 4
    pad: bool = True  # "01/02" rather than "1/2"
    twelve_hour: bool = False
    seconds: bool = False
    am_pm: tuple[str, str] = ("AM", "PM")
    am_pm_space: str = " "  # iOS uses U+202F, Spanish Android U+00A0
    comma: bool = True
    dash: str = "-"

    def header(self, when: datetime) -> str:
        y = f"{when.year:04d}" if self.year_digits == 4 else f"{when.year % 100:02d}"
        fmt = "{:02d}" if self.pad else "{}"
        d, m = fmt.format(when.day), fmt.format(when.month)
        if self.order == "ymd":
            date = self.sep.join((f"{when.year:04d}", f"{when.month:02d}", f"{when.day:02d}"))
        elif self.order == "mdy":
            date = self.sep.join((m, d, y))
        else:
            date = self.sep.join((d, m, y))
        if self.twelve_hour:
            hour = when.hour % 12 or 12
            clock = f"{hour}:{when.minute:02d}" if not self.pad else f"{hour:02d}:{when.minute:02d}"
        else:
            clock = f"{when.hour:02d}:{when.minute:02d}"
        if self.seconds:
            clock += f":{when.second:02d}"
        if self.twelve_hour:
            clock += self.am_pm_space + self.am_pm[when.hour >= 12]
        stamp = f"{date}{',' if self.comma else ''} {clock}"
        return f"[{stamp}] " if self.ios else f"{stamp} {self.dash} "


def render_whatsapp(
    messages: Iterable[Message], layout: Layout, system: Iterable[tuple[datetime, str]] = ()
) -> str:
    """The export text for ``messages`` (and system lines), oldest first."""
    lines: list[tuple[datetime, int, str]] = []
    for i, m in enumerate(messages):
        text = m.text
        if m.media:
            text = "\u200eimage omitted" if layout.ios else "<Media omitted>"
        elif m.deleted:
            text = "\u200eThis message was deleted." if layout.ios else "This message was deleted"
        elif m.edited:
            text += " <This message was edited>"
        lines.append((m.timestamp, i, f"{layout.header(m.timestamp)}{m.sender}: {text}"))
    for j, (when, event) in enumerate(system):
        lines.append((when, -1 - j, f"{layout.header(when)}{event}"))
    lines.sort(key=lambda row: (row[0], row[1]))
    return "".join(line + "\n" for _, _, line in lines)
