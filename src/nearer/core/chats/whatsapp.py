"""WhatsApp "Export chat" files (.txt, or the .zip with attachments), Android and iOS.

A line that starts a message looks like one of::

    12/24/19, 11:23 - John Doe: text            (Android)
    [04.01.18, 11:54:34] Alice: text            (iOS)
    2022/12/24, 13:01. - John: text             (year first)
    9/24/2019 11:30 p. m. - John: text          (12-hour clock, localized marker)
    09/12/2012 17:02:35: John: text             (old exports)

Lines that do not start that way continue the previous message. A header without ``name:``
is a system line (group events, the encryption notice) and is not a message.

How it stays fast: the whole file is one byte array. A sample of lines is read with a
regular expression to learn the export's layout; then every line is checked against that
layout with vectorised numpy steps (no Python object per line). The few lines in another
layout (a concatenation of two exports, or text that merely starts with a digit) fall back
to the regular expression, so the result is the same as reading every line with it.

Which field is the day and which the month is decided from the whole file
(``whatsapp_dates.choose_order``: a field above 12, time moving forward, dated attachment
names, the locale's habits); ``date_order`` overrides.

The pieces: ``whatsapp_headers`` reads the header fields, ``whatsapp_dates`` turns them
into times, ``whatsapp_table`` finds senders and texts, ``whatsapp_phrases`` knows what
WhatsApp writes in place of a message. This module normalizes the bytes and joins them.

Within one layout the year is always written with the same number of digits, so a line
whose year width is the minority of its layout (``[1.9.19, 00:00:00] ...`` in a file of
``[17.9.2019, ...]`` lines) is message text that quotes a date, not a new message.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from functools import partial
from typing import BinaryIO, TextIO

import numpy as np

from nearer.core.arrays import Bytes, Ints
from nearer.core.chats.model import ChatTable, Message
from nearer.core.chats.options import DATE_ORDERS
from nearer.core.chats.textio import MAX_LINE_BYTES, check_utf8, prepare, read_bytes
from nearer.core.chats.whatsapp_dates import choose_order, header_seconds, media_name_days
from nearer.core.chats.whatsapp_headers import (
    Head,
    HeaderRows,
    ampm_code,
    fixed_rows,
    fixed_template,
    layout_rows,
    read_head,
)
from nearer.core.chats.whatsapp_table import build_table
from nearer.core.errors import ParseError, UnknownFormat

# Invisible marks WhatsApp sprinkles into exports (direction marks, byte-order marks) are
# removed; no-break spaces (iOS puts U+202F before "PM") become plain spaces.
_REMOVE = (
    "\u200e",
    "\u200f",
    "\ufeff",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
)
_SPACES = ("\u00a0", "\u202f", "\u2007", "\u2009")
# Newlines, and lead bytes of sequences that may be invisible marks or no-break spaces: one
# pass finds both, a block of the file at a time (``_marked``).
_MARKS = (10, 0xC2, 0xE2, 0xEF)
# Bytes compared at a time: a block's flags stay in the processor's cache. One
# ``bytes.translate`` of the whole file and a search of its flags took four times longer.
_BLOCK = 1 << 20
_SAMPLE_HEAD = 4000
_SAMPLE_SPREAD = 2000


def normalize(data: bytes) -> bytes:
    """CRLF to LF, invisible marks removed, no-break spaces made plain (bytes in, bytes out)."""
    return _normalize(data)[0]


def _normalize(data: bytes) -> tuple[bytes, Ints]:
    """``normalize``, and the positions of its newlines (found in the same pass)."""
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    arr = np.frombuffer(data, dtype=np.uint8)
    found = _marked(arr)
    is_newline = arr[found] == 10
    newlines, leads = found[is_newline], found[~is_newline]
    if leads.size == 0:
        return data, newlines
    present = {bytes(data[i : i + 3]) for i in np.unique(leads_window(arr, leads))}
    changed = False
    for ch in _REMOVE:
        raw = ch.encode()
        if any(s.startswith(raw) for s in present):
            data, changed = data.replace(raw, b""), True
    for ch in _SPACES:
        raw = ch.encode()
        if any(s.startswith(raw) for s in present):
            data, changed = data.replace(raw, b" "), True
    if changed:
        newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    return data, newlines


def _marked(arr: Bytes) -> Ints:
    """Positions of the bytes in ``_MARKS``, in order."""
    found: list[Ints] = []
    for lo in range(0, arr.shape[0], _BLOCK):
        block = arr[lo : lo + _BLOCK]
        marked = block == _MARKS[0]
        for byte in _MARKS[1:]:
            marked |= block == byte
        found.append(np.flatnonzero(marked) + lo)
    if not found:
        return np.zeros(0, dtype=np.int64)
    result: Ints = np.concatenate(found)
    return result


def leads_window(arr: Bytes, leads: Ints) -> Ints:
    """Index of one representative per distinct 3-byte sequence starting at ``leads``."""
    n = arr.shape[0]
    b1 = arr[np.minimum(leads + 1, n - 1)].astype(np.int64)
    b2 = arr[np.minimum(leads + 2, n - 1)].astype(np.int64)
    key = arr[leads].astype(np.int64) << 16 | b1 << 8 | b2
    _, first = np.unique(key, return_index=True)
    result: Ints = leads[first]
    return result


def _line_starts(newlines: Ints, size: int) -> Ints:
    starts = np.concatenate(([0], newlines + 1))
    result: Ints = starts[starts < size] if starts[-1] >= size else starts
    return result


def _sample(candidates: Ints) -> Ints:
    if candidates.shape[0] <= _SAMPLE_HEAD + _SAMPLE_SPREAD:
        return candidates
    spread = np.linspace(_SAMPLE_HEAD, candidates.shape[0] - 1, _SAMPLE_SPREAD).astype(np.int64)
    result: Ints = np.concatenate((candidates[:_SAMPLE_HEAD], candidates[np.unique(spread)]))
    return result


def _line(data: bytes, starts: Ints, ends: Ints, i: int) -> str:
    return data[int(starts[i]) : int(ends[i])].decode("utf-8")


def read_whatsapp_table(
    fp: BinaryIO | TextIO, date_order: str | None = None, fmt: str = "whatsapp"
) -> ChatTable:
    """Read a WhatsApp .txt or .zip export into columns. ``date_order``: dmy, mdy or ymd."""
    data = read_bytes(fp)
    if data[:4] == b"PK\x03\x04":
        data = _zip_member(data)
    return parse_whatsapp(data, date_order, fmt)


def read_whatsapp(fp: BinaryIO | TextIO, date_order: str | None = None) -> list[Message]:
    """Read a WhatsApp export into one ``Message`` per real message, in time order."""
    return read_whatsapp_table(fp, date_order).messages()


def _zip_member(data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            texts = [n for n in archive.namelist() if n.lower().endswith(".txt")]
            if not texts:
                raise ParseError(
                    "the .zip holds no .txt chat file. Pass the .zip that WhatsApp's "
                    "'Export chat' wrote, or the .txt inside it."
                )
            preferred = [n for n in texts if n.rsplit("/", 1)[-1] == "_chat.txt"]
            chosen = preferred or [n for n in texts if "whatsapp" in n.lower()] or texts
            if len(chosen) > 1:
                raise ParseError(
                    f"the .zip holds {len(chosen)} text files. Unzip it and pass the chat's "
                    ".txt file."
                )
            return archive.read(chosen[0])
    except (zipfile.BadZipFile, EOFError) as exc:
        raise ParseError("the .zip file is damaged. Export the chat again.") from exc


def parse_whatsapp(data: bytes, date_order: str | None = None, fmt: str = "whatsapp") -> ChatTable:
    """Parse the bytes of an export (see the module docstring for the rules)."""
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ParseError(f"unknown date order {date_order!r}. Use one of: dmy, mdy, ymd.")
    data = prepare(data, "chat file")
    # A file that is not UTF-8 says so, whatever else the parse would find. The check runs
    # first, not beside the parse: it holds the interpreter lock a megabyte at a time, and
    # the parse's many short numpy steps each waited for it (a 1M-message parse took longer
    # with the check beside it than after it).
    check_utf8(data, "chat file")
    return _parse(data, date_order, fmt)


def _parse(data: bytes, date_order: str | None, fmt: str) -> ChatTable:
    data, newlines = _normalize(data)
    buf = np.frombuffer(data + b"\n" * 64, dtype=np.uint8)
    size = len(data)
    starts = _line_starts(newlines, size)
    ends = np.concatenate((starts[1:] - 1, [size]))
    if starts.size and int((ends - starts).max()) > MAX_LINE_BYTES:
        raise ParseError(
            "the chat file has a line of more than 1 MB, which no WhatsApp export writes. "
            "Check that this is the exported chat file."
        )
    first = buf[starts]
    candidates = np.flatnonzero((first == 91) | ((first >= 48) & (first <= 57)))
    heads: dict[int, Head] = {}
    for i in _sample(candidates):
        head = read_head(_line(data, starts, ends, int(i)))
        if head is not None:
            heads[int(i)] = head
    if not heads:
        raise UnknownFormat(
            "no line of this file starts like a WhatsApp message (date, time, name). Check "
            "that this is the exported chat, or choose its format."
        )
    rows = _read_headers(data, buf, starts, ends, candidates, heads)
    dotted = any(h.sep == "." for h in heads.values())
    twelve = any(h.ampm for h in heads.values())
    has_dm = bool((rows.year_first == 0).any())
    unpadded = any(h.sep == "/" and h.d1_width == 1 for h in heads.values())
    if date_order is None or date_order == "ymd":
        order = (
            choose_order(
                rows, dotted, twelve, unpadded, partial(media_name_days, data, starts, rows)
            )
            if has_dm
            else "dmy"
        )
    else:
        order = date_order
    seconds, valid = header_seconds(rows, order)
    if not bool(valid.all()):
        rows = rows.take(valid)
        seconds = seconds[valid]
    # Only two columns are needed from here on: free the others before the table is built.
    header_lines, header_ends = rows.line, rows.header_end
    del rows
    return build_table(data, buf, ends, starts, header_lines, header_ends, seconds, fmt)


def _read_headers(
    data: bytes, buf: Bytes, starts: Ints, ends: Ints, candidates: Ints, heads: dict[int, Head]
) -> HeaderRows:
    """Every header line: the main layout at once, the lines in other layouts one by one."""
    styles: dict[tuple[object, ...], int] = {}
    parts: list[HeaderRows] = []
    layout_of = [(h, h.layout()) for h in heads.values()]  # each head's layout, once
    layouts = Counter(lay for h, lay in layout_of if not h.pre)
    remaining = candidates
    if layouts:
        top = layouts.most_common(1)[0][0]
        same = [h for h, lay in layout_of if lay == top]
        model = same[0]
        markers = {m.encode(): ampm_code(m) for m in dict.fromkeys(h.ampm for h in same)}
        markers.pop(b"", None)
        sid = styles.setdefault(model.style(), len(styles))
        fixed = fixed_template(same, markers)
        at = starts[candidates]
        if fixed is not None:
            ok, found = fixed_rows(buf, candidates, at, fixed, markers, model, sid)
        else:
            ok, found = layout_rows(buf, candidates, at, model, markers, sid)
        if bool(ok.all()):
            parts.append(found)
            remaining = candidates[:0]
        else:
            parts.append(found.take(ok))
            remaining = candidates[~ok]
    slow: list[tuple[int, Head]] = []
    for i in remaining:
        head = heads.get(int(i)) or read_head(_line(data, starts, ends, int(i)))
        if head is not None:
            slow.append((int(i), head))
    if slow:
        lines = [i for i, _ in slow]
        parts.append(
            HeaderRows.from_heads(
                lines,
                [h for _, h in slow],
                [styles.setdefault(h.style(), len(styles)) for _, h in slow],
                starts[np.array(lines, dtype=np.int64)],
            )
        )
    return _drop_minority_years(HeaderRows.concat(parts))


def _drop_minority_years(rows: HeaderRows) -> HeaderRows:
    if len(rows) == 0 or (
        rows.style.min() == rows.style.max() and rows.year_width.min() == rows.year_width.max()
    ):
        return rows
    keep = np.ones(len(rows), dtype=bool)
    for style in np.unique(rows.style):
        in_style = rows.style == style
        widths, counts = np.unique(rows.year_width[in_style], return_counts=True)
        if widths.size > 1 and counts.max() > np.sort(counts)[-2]:
            keep &= ~(in_style & (rows.year_width != widths[np.argmax(counts)]))
    return rows.take(keep)
