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

Which field is the day and which the month is decided from the whole file: a field above
12 settles it, otherwise the order in which time only moves forward (with the smaller
steps) wins. ``date_order`` overrides.

Within one layout the year is always written with the same number of digits, so a line
whose year width is the minority of its layout (``[1.9.19, 00:00:00] ...`` in a file of
``[17.9.2019, ...]`` lines) is message text that quotes a date, not a new message.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO, TextIO

import numpy as np

from nearer.core.chats.model import ChatTable, Message
from nearer.core.chats.textio import MAX_LINE_BYTES, check_utf8, prepare, read_bytes
from nearer.core.chats.whatsapp_headers import (
    _ampm_code,
    _choose_order,
    _fast_rows_parallel,
    _fixed_rows,
    _Head,
    _read_head,
    _Rows,
    _seconds,
    fixed_template,
)
from nearer.core.chats.whatsapp_phrases import (
    ATTACHED_PREFIXES,
    DELETED,
    MEDIA_ANDROID,
    MEDIA_IOS,
    SYSTEM_STARTS,
    classify_text,
    is_system_name,
    strip_edited,
)
from nearer.core.errors import ParseError

DATE_ORDERS = ("dmy", "mdy", "ymd")

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
# ``bytes.translate`` finds both.
_MARKS = bytes(1 if c in (10, 0xC2, 0xE2, 0xEF) else 0 for c in range(256))
_SAMPLE_HEAD = 4000
_SAMPLE_SPREAD = 2000


def normalize(data: bytes) -> bytes:
    """CRLF to LF, invisible marks removed, no-break spaces made plain (bytes in, bytes out)."""
    return _normalize(data)[0]


def _normalize(data: bytes) -> tuple[bytes, np.ndarray]:
    """``normalize``, and the positions of its newlines (found in the same pass)."""
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    found = np.flatnonzero(np.frombuffer(data.translate(_MARKS), dtype=bool))
    arr = np.frombuffer(data, dtype=np.uint8)
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


def leads_window(arr: np.ndarray, leads: np.ndarray) -> np.ndarray:
    """Index of one representative per distinct 3-byte sequence starting at ``leads``."""
    n = arr.shape[0]
    b1 = arr[np.minimum(leads + 1, n - 1)].astype(np.int64)
    b2 = arr[np.minimum(leads + 2, n - 1)].astype(np.int64)
    key = arr[leads].astype(np.int64) << 16 | b1 << 8 | b2
    _, first = np.unique(key, return_index=True)
    result: np.ndarray = leads[first]
    return result


def _line_starts(newlines: np.ndarray, size: int) -> np.ndarray:
    starts = np.concatenate(([0], newlines + 1))
    result: np.ndarray = starts[starts < size] if starts[-1] >= size else starts
    return result


def _sample(candidates: np.ndarray) -> np.ndarray:
    if candidates.shape[0] <= _SAMPLE_HEAD + _SAMPLE_SPREAD:
        return candidates
    spread = np.linspace(_SAMPLE_HEAD, candidates.shape[0] - 1, _SAMPLE_SPREAD).astype(np.int64)
    result: np.ndarray = np.concatenate((candidates[:_SAMPLE_HEAD], candidates[np.unique(spread)]))
    return result


def _line(data: bytes, starts: np.ndarray, ends: np.ndarray, i: int) -> str:
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
    # The UTF-8 check runs beside the parse (numpy releases the GIL, so both cores work); a
    # file that is not UTF-8 reports that, whatever else the parse found.
    with ThreadPoolExecutor(max_workers=1) as pool:
        checked = pool.submit(check_utf8, data, "chat file")
        try:
            table = _parse(data, date_order, fmt)
        except ParseError:
            checked.result()
            raise
        checked.result()
    return table


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
    heads: dict[int, _Head] = {}
    for i in _sample(candidates):
        head = _read_head(_line(data, starts, ends, int(i)))
        if head is not None:
            heads[int(i)] = head
    if not heads:
        raise ParseError(
            "no line of this file starts like a WhatsApp message (date, time, name). Check "
            "that this is the exported chat, or give --format."
        )
    styles: dict[tuple[object, ...], int] = {}
    rows = _Rows()
    layouts = Counter(h.layout() for h in heads.values() if not h.pre)
    remaining = candidates
    if layouts:
        top = layouts.most_common(1)[0][0]
        model = next(h for h in heads.values() if h.layout() == top)
        markers = {h.ampm.encode(): _ampm_code(h.ampm) for h in heads.values() if h.layout() == top}
        markers.pop(b"", None)
        sid = styles.setdefault(model.style(), len(styles))
        same = [h for h in heads.values() if h.layout() == top]
        fixed = fixed_template(same, markers)
        if fixed is not None:
            ok, fields = _fixed_rows(buf, starts[candidates], *fixed, markers, model, sid)
        else:
            ok, fields = _fast_rows_parallel(buf, starts[candidates], model, markers, sid)
        if bool(ok.all()):
            rows.add(line=candidates, **fields)
            remaining = candidates[:0]
        else:
            rows.add(line=candidates[ok], **{k: v[ok] for k, v in fields.items()})
            remaining = candidates[~ok]
    slow: list[tuple[int, _Head]] = []
    for i in remaining:
        head = heads.get(int(i)) or _read_head(_line(data, starts, ends, int(i)))
        if head is not None:
            slow.append((int(i), head))
    if slow:
        rows.add(
            line=np.array([i for i, _ in slow]),
            d1=np.array([h.d1 for _, h in slow]),
            d2=np.array([h.d2 for _, h in slow]),
            d3=np.array([h.d3 for _, h in slow]),
            hour=np.array([h.hour for _, h in slow]),
            minute=np.array([h.minute for _, h in slow]),
            second=np.array([h.second for _, h in slow]),
            ampm=np.array([_ampm_code(h.ampm) for _, h in slow]),
            yfirst=np.array([int(h.year_first) for _, h in slow]),
            d3w=np.array([4 if h.year_first else h.d3_width for _, h in slow]),
            style=np.array([styles.setdefault(h.style(), len(styles)) for _, h in slow]),
            hend=np.array([int(starts[i]) + h.length for i, h in slow]),
        )
    merged = rows.merged()
    merged = _drop_minority_years(merged)
    dotted = any(h.sep == "." for h in heads.values())
    twelve = any(h.ampm for h in heads.values())
    has_dm = bool((merged["yfirst"] == 0).any())
    if date_order is None or date_order == "ymd":
        unpadded = any(h.sep == "/" and h.d1_width == 1 for h in heads.values())
        order = _choose_order(merged, dotted, twelve, unpadded) if has_dm else "dmy"
    else:
        order = date_order
    seconds, valid = _seconds(merged, order)
    if not bool(valid.all()):
        merged = {k: v[valid] for k, v in merged.items()}
        seconds = seconds[valid]
    return _build_table(data, buf, ends, starts, merged, seconds, fmt)


def _drop_minority_years(rows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    if rows["style"].size == 0 or (
        rows["style"].min() == rows["style"].max() and (rows["d3w"].min() == rows["d3w"].max())
    ):
        return rows
    keep = np.ones(rows["line"].shape[0], dtype=bool)
    for style in np.unique(rows["style"]):
        in_style = rows["style"] == style
        widths, counts = np.unique(rows["d3w"][in_style], return_counts=True)
        if widths.size > 1 and counts.max() > np.sort(counts)[-2]:
            keep &= ~(in_style & (rows["d3w"] != widths[np.argmax(counts)]))
    return {k: v[keep] for k, v in rows.items()}


def _build_table(
    data: bytes,
    buf: np.ndarray,
    line_ends: np.ndarray,
    starts: np.ndarray,
    rows: dict[str, np.ndarray],
    seconds: np.ndarray,
    fmt: str,
) -> ChatTable:
    size = len(data)
    line_start = starts[rows["line"]]
    line_end = line_ends[rows["line"]]
    hend = rows["hend"]
    body_end = np.concatenate((line_start[1:] - 1, [size])) if line_start.size else line_start
    n = line_start.shape[0]
    sender = np.full(n, -1, dtype=np.int64)
    text_start = np.zeros(n, dtype=np.int64)
    names = _known_names(data, hend, line_end)
    # Compare "name:" eight bytes at a time through an unaligned uint64 view of the buffer.
    window = np.ndarray(shape=(buf.shape[0] - 7,), dtype=np.uint64, buffer=buf, strides=(1,))
    limit = buf.shape[0] - 8
    pieces: dict[int, np.ndarray] = {}
    for k, raw in sorted(enumerate(names), key=lambda kv: -len(kv[1])):
        pattern = raw + b":"
        ok = sender < 0
        for j in range(0, len(pattern), 8):
            if j not in pieces:
                pieces[j] = window[np.minimum(hend + j, limit)]
            chunk = pattern[j : j + 8]
            mask = np.uint64((1 << (8 * len(chunk))) - 1)
            ok &= (pieces[j] & mask) == np.uint64(int.from_bytes(chunk, "little"))
        after: np.ndarray = hend + len(pattern)
        nxt = buf[np.minimum(after, limit)]
        ok &= ((nxt == 32) | (nxt == 10)) & (after <= line_end)
        sender = np.where(ok, k, sender)
        text_start = np.where(ok, np.where(nxt == 32, after + 1, after), text_start)
    index = {raw: k for k, raw in enumerate(names)}
    for i in np.flatnonzero(sender < 0):
        rest = data[int(hend[i]) : int(line_end[i])]
        cut = rest.find(b": ")
        if cut <= 0 and rest.endswith(b":") and len(rest) > 1:
            cut = len(rest) - 1
        if cut <= 0:
            continue  # no "name:": a system line
        sender[i] = index.setdefault(rest[:cut], len(index))
        text_start[i] = int(hend[i]) + cut + 2
    names = list(index)
    text_start = np.minimum(text_start, body_end)
    text_end = body_end.copy()
    for _ in range(64):  # blank lines and spaces around the text are not part of it
        last = buf[np.maximum(text_end - 1, 0)]
        trim_end = (text_end > text_start) & ((last == 10) | (last == 32))
        trim_start = (text_end > text_start) & (buf[text_start] == 10)
        if not (trim_end.any() or trim_start.any()):
            break
        text_end -= trim_end
        text_start += trim_start & (text_end > text_start)
    decoded = [raw.decode("utf-8").strip() for raw in names]
    system_name = np.array([is_system_name(name) or not name for name in decoded] + [True])
    is_message = (sender >= 0) & ~system_name[sender]
    media = np.zeros(n, dtype=bool)
    deleted = np.zeros(n, dtype=bool)
    edited = np.zeros(n, dtype=bool)
    seen: dict[bytes, tuple[int, str]] = {}  # placeholders repeat: classify each text once
    for i in _special_candidates(buf, text_start, text_end, is_message):
        raw = data[int(text_start[i]) : int(text_end[i])]
        if raw not in seen:
            stripped, was_edited = strip_edited(raw.decode("utf-8"))
            cut = len(stripped.encode()) if was_edited else -1
            seen[raw] = (cut, classify_text(stripped))
        cut, kind = seen[raw]
        if cut >= 0:
            edited[i] = True
            text_end[i] = int(text_start[i]) + cut
        if kind == "system":
            is_message[i] = False
        media[i] = kind == "media"
        deleted[i] = kind == "deleted"
    # Names are stripped of stray spaces; two spellings that strip the same are one person.
    canonical: dict[str, int] = {}
    remap = np.array(
        [canonical.setdefault(name, len(canonical)) for name in decoded] + [0], dtype=np.int32
    )
    keep = np.flatnonzero(is_message)
    used = np.unique(remap[sender[keep]]) if keep.size else np.zeros(0, np.int32)
    final_names = list(canonical)
    compact: np.ndarray = np.zeros(len(final_names) + 1, dtype=np.int32)
    compact[used] = np.arange(used.shape[0], dtype=np.int32)
    kept = seconds[keep]
    if kept.size > 1 and not bool((kept[1:] >= kept[:-1]).all()):
        keep = keep[np.argsort(kept, kind="stable")]
    pick: np.ndarray | slice = keep
    if keep.size == n and bool((keep[1:] > keep[:-1]).all()):
        pick = slice(None)  # every header is a message, already in order: no copies
    return ChatTable(
        format=fmt,
        names=tuple(final_names[int(u)] for u in used),
        seconds=seconds[pick].astype(np.int64),
        sender=compact[remap[sender[pick]]],
        text=data,
        start=text_start[pick],
        end=text_end[pick],
        media=media[pick],
        deleted=deleted[pick],
        edited=edited[pick],
        system_lines=int(n - int(is_message.sum())),
    )


def _known_names(data: bytes, hend: np.ndarray, line_end: np.ndarray) -> list[bytes]:
    """Sender names seen in the first and a spread of header lines (first ": " on the line)."""
    n = hend.shape[0]
    picks = (
        np.unique(
            np.concatenate((np.arange(min(n, 2000)), np.linspace(0, n - 1, 500).astype(np.int64)))
        )
        if n
        else []
    )
    found: set[bytes] = set()
    for i in picks:
        rest = data[int(hend[i]) : int(line_end[i])]
        cut = rest.find(b": ")
        if cut > 0:
            found.add(rest[:cut])
    return list(found)


def _window8(buf: np.ndarray, at: np.ndarray, length: np.ndarray) -> np.ndarray:
    """The first min(length, 8) bytes at each offset, as little-endian uint64 keys.

    ``buf`` must have at least 8 bytes of padding after the data (it has 64).
    """
    window = np.ndarray(shape=(buf.shape[0] - 7,), dtype=np.uint64, buffer=buf, strides=(1,))
    masks = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
    result: np.ndarray = window[at] & masks[np.minimum(length, 8)]
    return result


def _phrase_keys() -> tuple[np.ndarray, np.ndarray]:
    variants: set[bytes] = set()
    for phrase in MEDIA_ANDROID + MEDIA_IOS + ATTACHED_PREFIXES + DELETED + SYSTEM_STARTS:
        for v in (phrase, phrase.lower(), phrase[:1].upper() + phrase[1:]):
            variants.add(v.encode()[:8])
    keys = [int.from_bytes(v.ljust(8, b"\0"), "little") for v in variants]
    # First two bytes of every phrase: a 64 KB table that rules out most texts at once.
    firsts: np.ndarray = np.zeros(1 << 16, dtype=bool)
    for raw in variants:
        firsts[int.from_bytes(raw[:2].ljust(2, b"\0"), "little")] = True
    return np.array(sorted(keys), dtype=np.uint64), firsts


_PHRASE_KEYS, _PHRASE_FIRSTS = _phrase_keys()


def _special_candidates(
    buf: np.ndarray, start: np.ndarray, end: np.ndarray, is_message: np.ndarray
) -> np.ndarray:
    """Rows whose text might be a placeholder, a deletion, an event or carry an edited marker.

    A numpy pre-filter on the first two, then eight bytes and the last byte of each text, so
    that only a few rows are looked at in Python.
    """
    length = end - start
    two = buf[start].astype(np.intp) | (buf[start + 1].astype(np.intp) << 8)
    two = np.where(length >= 2, two, two & 0xFF)
    rows = np.flatnonzero(_PHRASE_FIRSTS[two] & is_message & (length > 0))
    key = _window8(buf, start[rows], length[rows])
    at = np.minimum(np.searchsorted(_PHRASE_KEYS, key), _PHRASE_KEYS.shape[0] - 1)
    maybe = np.zeros(start.shape[0], dtype=bool)
    maybe[rows[_PHRASE_KEYS[at] == key]] = True
    maybe |= (buf[np.maximum(end - 1, 0)] == 62) & is_message & (length > 0)
    return np.flatnonzero(maybe)
