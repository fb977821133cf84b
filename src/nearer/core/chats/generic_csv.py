"""A plain CSV with a header row: timestamp, sender, text (any other source can be brought in).

Column names are matched loosely (``timestamp``/``date``/``time``/``datetime``,
``sender``/``from``/``author``/``name``, ``text``/``message``/``content``/``body``); the
delimiter may be a comma, semicolon or tab. A timestamp is ISO 8601 (``2024-03-01 21:15`` or
``2024-03-01T21:15:00``; an offset, if written, is dropped: the wall time is kept) or Unix
epoch seconds (converted to ``tz``, this machine's zone when None).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, tzinfo
from typing import BinaryIO, TextIO

from nearer.core.chats.jsontools import wall_time
from nearer.core.chats.model import ChatTable, Message
from nearer.core.chats.textio import read_bytes, to_utf8
from nearer.core.errors import ParseError

TIME_COLUMNS = ("timestamp", "datetime", "date", "time", "sent", "sent_at")
SENDER_COLUMNS = ("sender", "from", "author", "name", "sender_name", "person")
TEXT_COLUMNS = ("text", "message", "content", "body")


def _pick(header: list[str], options: tuple[str, ...]) -> int | None:
    folded = [h.strip().casefold() for h in header]
    for option in options:
        if option in folded:
            return folded.index(option)
    return None


def sniff_header(first_line: str) -> bool:
    """Whether a line looks like this format's header row."""
    for delim in (",", ";", "\t"):
        cells = next(csv.reader([first_line], delimiter=delim))
        if len(cells) >= 3 and all(
            _pick(cells, opts) is not None for opts in (TIME_COLUMNS, SENDER_COLUMNS, TEXT_COLUMNS)
        ):
            return True
    return False


def parse_time(value: str, tz: tzinfo | None) -> datetime:
    value = value.strip()
    try:
        return wall_time(float(value), tz)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        raise ParseError(
            f"the CSV has a timestamp nearer cannot read: {value!r}. Write times as "
            "2024-03-01 21:15:00 or as Unix seconds."
        ) from None


def read_csv(fp: BinaryIO | TextIO, tz: tzinfo | None = None) -> list[Message]:
    text = to_utf8(read_bytes(fp), "CSV file").decode("utf-8")
    first = text.split("\n", 1)[0]
    delim = max((",", ";", "\t"), key=first.count)
    rows = csv.reader(io.StringIO(text), delimiter=delim)
    try:
        header = next(rows)
    except StopIteration:
        raise ParseError("the CSV file is empty. Add a header row: timestamp,sender,text") from None
    cols = [_pick(header, opts) for opts in (TIME_COLUMNS, SENDER_COLUMNS, TEXT_COLUMNS)]
    if any(c is None for c in cols):
        raise ParseError(
            "the CSV needs a header row naming timestamp, sender and text columns "
            f"(found: {', '.join(header)}). Add or rename the header row."
        )
    t_col, s_col, x_col = (int(c) for c in cols if c is not None)
    out: list[Message] = []
    try:
        for line_no, row in enumerate(rows, start=2):
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) <= max(t_col, s_col, x_col):
                raise ParseError(
                    f"CSV row {line_no} has {len(row)} columns, fewer than the header's. "
                    "Quote texts that contain the delimiter."
                )
            out.append(
                Message(
                    timestamp=parse_time(row[t_col], tz),
                    sender=row[s_col].strip(),
                    text=row[x_col],
                )
            )
    except csv.Error as exc:
        raise ParseError(f"the CSV is malformed ({exc}). Check its quoting.") from exc
    return sorted(out, key=lambda m: m.timestamp)


def read_csv_table(fp: BinaryIO | TextIO, tz: tzinfo | None = None) -> ChatTable:
    return ChatTable.from_messages("csv", read_csv(fp, tz))
