"""The message table of a WhatsApp export: who wrote each header line, and its text.

Given the header lines (``HeaderRows``) and their times, this finds each line's sender
(``name:`` after the header, matched eight bytes at a time against the names seen in a
sample of lines), the byte range of its text (up to the next header, blank lines and spaces
trimmed), and which texts are placeholders, deletions or events (``whatsapp_phrases``).
Lines without ``name:`` and events written under a name are system lines, not messages.
"""

from __future__ import annotations

import numpy as np

from nearer.core.arrays import Bytes, Int32s, Ints, Keys
from nearer.core.chats.model import ChatTable
from nearer.core.chats.whatsapp_phrases import (
    classify_text,
    is_system_name,
    special_candidates,
    strip_edited,
)


def build_table(
    data: bytes,
    buf: Bytes,
    line_ends: Ints,
    starts: Ints,
    header_lines: Ints,
    header_ends: Ints,
    seconds: Ints,
    fmt: str,
) -> ChatTable:
    """The messages of a file whose header lines are ``header_lines`` (indices of lines),
    each header ending at byte ``header_ends`` (see the module docstring)."""
    size = len(data)
    line_start = starts[header_lines]
    line_end = line_ends[header_lines]
    hend = header_ends
    body_end = np.concatenate((line_start[1:] - 1, [size])) if line_start.size else line_start
    n = line_start.shape[0]
    sender = np.full(n, -1, dtype=np.int64)
    text_start = np.zeros(n, dtype=np.int64)
    names = _known_names(data, hend, line_end)
    # Compare "name:" eight bytes at a time through an unaligned uint64 view of the buffer.
    window = np.ndarray(shape=(buf.shape[0] - 7,), dtype=np.uint64, buffer=buf, strides=(1,))
    limit = buf.shape[0] - 8
    pieces: dict[int, Keys] = {}
    for k, raw in sorted(enumerate(names), key=lambda kv: -len(kv[1])):
        pattern = raw + b":"
        ok = sender < 0
        for j in range(0, len(pattern), 8):
            if j not in pieces:
                pieces[j] = window[np.minimum(hend + j, limit)]
            chunk = pattern[j : j + 8]
            mask = np.uint64((1 << (8 * len(chunk))) - 1)
            ok &= (pieces[j] & mask) == np.uint64(int.from_bytes(chunk, "little"))
        after: Ints = hend + len(pattern)
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
    rows = special_candidates(buf, text_start, text_end, is_message)
    # Plain ints and lists in the loop, numpy writes after it (a chat can have tens of
    # thousands of placeholders; one numpy scalar write per row was most of this loop).
    kinds: list[str] = []
    cuts: list[int] = []
    for at, stop in zip(text_start[rows].tolist(), text_end[rows].tolist(), strict=True):
        raw = data[at:stop]
        found = seen.get(raw)
        if found is None:
            stripped, was_edited = strip_edited(raw.decode("utf-8"))
            found = seen[raw] = (
                len(stripped.encode()) if was_edited else -1,
                classify_text(stripped),
            )
        cuts.append(found[0])
        kinds.append(found[1])
    if kinds:
        kind_of = np.array(kinds)
        cut_of = np.array(cuts, dtype=np.int64)
        was_cut = cut_of >= 0
        edited[rows[was_cut]] = True
        text_end[rows[was_cut]] = text_start[rows[was_cut]] + cut_of[was_cut]
        is_message[rows[kind_of == "system"]] = False
        media[rows] = kind_of == "media"
        deleted[rows] = kind_of == "deleted"
    # Names are stripped of stray spaces; two spellings that strip the same are one person.
    canonical: dict[str, int] = {}
    remap = np.array(
        [canonical.setdefault(name, len(canonical)) for name in decoded] + [0], dtype=np.int32
    )
    keep = np.flatnonzero(is_message)
    used = np.unique(remap[sender[keep]]) if keep.size else np.zeros(0, np.int32)
    final_names = list(canonical)
    compact: Int32s = np.zeros(len(final_names) + 1, dtype=np.int32)
    compact[used] = np.arange(used.shape[0], dtype=np.int32)
    kept = seconds[keep]
    if kept.size > 1 and not bool((kept[1:] >= kept[:-1]).all()):
        keep = keep[np.argsort(kept, kind="stable")]
    pick: Ints | slice = keep
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


def _known_names(data: bytes, hend: Ints, line_end: Ints) -> list[bytes]:
    """Sender names seen in the first and a spread of header lines (first ": " on the line),
    in the order they first appear."""
    n = hend.shape[0]
    picks: Ints = (
        np.unique(
            np.concatenate((np.arange(min(n, 2000)), np.linspace(0, n - 1, 500).astype(np.int64)))
        )
        if n
        else np.zeros(0, np.int64)
    )
    # In the order they first appear: a set's order follows the interpreter's hash seed, and
    # the names' order decides the order of senders in the table (and of the report).
    found: dict[bytes, None] = {}
    for i in picks:
        rest = data[int(hend[i]) : int(line_end[i])]
        cut = rest.find(b": ")
        if cut > 0:
            found.setdefault(rest[:cut])
    return list(found)
