"""WhatsApp message headers: the date-time-separator prefix of a line, and its fields.

Three ways to read them, which agree line for line (a property test checks it):

* ``read_head``: one line with a regular expression (any layout, used on a sample of
  lines and on lines in a minority layout);
* ``layout_rows``: every line at once with vectorised numpy steps, for one known layout;
* ``fixed_rows``: the same for a layout whose fields all have a fixed width, from one
  (lines x bytes) matrix.

Each returns ``HeaderRows``, the typed columns of the header fields. The dates they hold
are turned into seconds by ``whatsapp_dates``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields

import numpy as np

from nearer.core.arrays import Bytes, Flags, Ints, Keys

_AMPM = r"(?:[AaPp]\.? ?[Mm]\.?|vorm\.|nachm\.|π\.? ?μ\.?|μ\.? ?μ\.?|SA|CH|ص|م)"
_PRE = r"(?:上午|下午|午前|午後|오전|오후)"
_HEADER = re.compile(
    r"(?P<bracket>\[)?(?P<d1>\d{1,4})(?P<sep>[./-])(?P<d2>\d{1,2})(?P=sep)(?P<d3>\d{1,4})"
    r"(?P<date_dot>\.)?(?P<comma>,)?(?P<spaces> +)"
    rf"(?:(?P<pre>{_PRE}) *)?(?P<hour>\d{{1,2}})(?P<tsep>[:.])(?P<minute>\d{{2}})"
    r"(?:(?P=tsep)(?P<second>\d{2}))?"
    rf"(?:(?P<ampm_space> *)(?P<ampm>{_AMPM}))?(?P<time_dot>\.)?"
    r"(?P<end>\] | *[-–] |: )"
)
_AM_WORDS = ("a", "vorm", "π", "sa", "ص", "上午", "午前", "오전")


@dataclass(frozen=True, slots=True)
class Head:
    """One header line as the regular expression reads it."""

    bracket: bool
    d1: int
    d1_width: int
    sep: str
    d2: int
    d2_width: int
    d3: int
    d3_width: int
    date_dot: bool
    comma: bool
    spaces: str
    hour: int
    hour_width: int
    tsep: str
    minute: int
    second: int  # -1 when the layout has no seconds
    ampm_space: str
    ampm: str  # "" for a 24-hour clock
    time_dot: bool
    end: str
    length: int  # bytes
    pre: bool

    @property
    def year_first(self) -> bool:
        return self.d1_width == 4

    def layout(self) -> tuple[object, ...]:
        return (
            self.bracket,
            self.sep,
            self.year_first,
            self.d3_width,
            self.date_dot,
            self.comma,
            self.spaces,
            self.tsep,
            self.second >= 0,
            self.ampm_space,
            bool(self.ampm),
            self.time_dot,
            self.end,
        )

    def style(self) -> tuple[object, ...]:
        """The layout without the year width (see the module docstring)."""
        lay = self.layout()
        return lay[:3] + lay[4:6] + lay[7:]


def read_head(line: str) -> Head | None:
    """The header at the start of ``line``, or None when the line does not start with one."""
    m = _HEADER.match(line)
    if m is None:
        return None
    g = m.groupdict()
    w1, w3 = len(g["d1"]), len(g["d3"])
    if w1 == 4:
        if w3 > 2:
            return None
    elif w1 > 2 or w3 not in (2, 4):
        return None
    if bool(g["bracket"]) != (g["end"] == "] "):
        return None
    return Head(
        bracket=bool(g["bracket"]),
        d1=int(g["d1"]),
        d1_width=w1,
        sep=g["sep"],
        d2=int(g["d2"]),
        d2_width=len(g["d2"]),
        d3=int(g["d3"]),
        d3_width=w3,
        date_dot=bool(g["date_dot"]),
        comma=bool(g["comma"]),
        spaces=g["spaces"],
        hour=int(g["hour"]),
        hour_width=len(g["hour"]),
        tsep=g["tsep"],
        minute=int(g["minute"]),
        second=int(g["second"]) if g["second"] else -1,
        ampm_space=g["ampm_space"] or "",
        ampm=g["pre"] or g["ampm"] or "",
        time_dot=bool(g["time_dot"]),
        end=g["end"],
        length=len(m.group(0).encode()),
        pre=bool(g["pre"]),
    )


def ampm_code(marker: str) -> int:
    """0 for a 24-hour clock, 1 before noon, 2 after."""
    if not marker:
        return 0
    folded = marker.casefold().replace(".", "").replace(" ", "")
    return 1 if folded.startswith(_AM_WORDS) else 2


@dataclass(frozen=True)
class HeaderRows:
    """The fields of header lines as columns (row ``k`` is the ``k``-th header found).

    ``line`` is the line's index in the file; ``year_first`` is 1 for year-first dates;
    ``year_width`` the digits of the year (4 for year-first layouts); ``style`` numbers the
    layout without its year width (``Head.style``); ``header_end`` is the byte offset where
    the header stops and the sender's name begins.
    """

    line: Ints
    d1: Ints
    d2: Ints
    d3: Ints
    hour: Ints
    minute: Ints
    second: Ints  # -1 when the layout has no seconds
    ampm: Ints  # ampm_code: 0 for a 24-hour clock, 1 before noon, 2 after
    year_first: Ints
    year_width: Ints
    style: Ints
    header_end: Ints

    def __len__(self) -> int:
        return int(self.line.shape[0])

    def take(self, rows: Ints | Flags) -> HeaderRows:
        """The rows selected by an index array or a mask."""
        return HeaderRows(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})

    @classmethod
    def empty(cls) -> HeaderRows:
        return cls(**{f.name: np.zeros(0, np.int64) for f in fields(cls)})

    @classmethod
    def from_heads(
        cls, lines: Sequence[int], heads: Sequence[Head], styles: Sequence[int], offsets: Ints
    ) -> HeaderRows:
        """Rows from heads read one by one (``offsets``: each line's first byte)."""

        def column(values: Sequence[int]) -> Ints:
            return np.array(values, dtype=np.int64).reshape(len(values))

        return cls(
            line=column(lines),
            d1=column([h.d1 for h in heads]),
            d2=column([h.d2 for h in heads]),
            d3=column([h.d3 for h in heads]),
            hour=column([h.hour for h in heads]),
            minute=column([h.minute for h in heads]),
            second=column([h.second for h in heads]),
            ampm=column([ampm_code(h.ampm) for h in heads]),
            year_first=column([int(h.year_first) for h in heads]),
            year_width=column([4 if h.year_first else h.d3_width for h in heads]),
            style=column(list(styles)),
            header_end=offsets + column([h.length for h in heads]),
        )

    @classmethod
    def concat(cls, parts: Sequence[HeaderRows]) -> HeaderRows:
        """All parts, in line order."""
        parts = [p for p in parts if len(p)]
        if not parts:
            return cls.empty()
        if len(parts) == 1:
            return parts[0]
        joined = cls(
            **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)}
        )
        return joined.take(np.argsort(joined.line, kind="stable"))


def _digits(buf: Bytes, p: Ints, ok: Flags, minw: int, maxw: int) -> tuple[Ints, Ints]:
    d = buf[p].astype(np.int64) - 48
    run = (d >= 0) & (d <= 9)
    ok &= run
    val = np.where(run, d, 0)
    width = run.astype(np.int64)
    for k in range(1, maxw):
        dk = buf[p + k].astype(np.int64) - 48
        more = run & (dk >= 0) & (dk <= 9)
        val = np.where(more, val * 10 + dk, val)
        width += more
        run = more
    after = buf[p + width]
    ok &= (width >= minw) & ~((after >= 48) & (after <= 57))
    return val, p + width


def _literal(buf: Bytes, p: Ints, ok: Flags, text: bytes) -> Ints:
    for k, byte in enumerate(text):
        ok &= buf[p + k] == byte
    return p + len(text)


def _layout_rows(
    buf: Bytes, lines: Ints, starts: Ints, head: Head, markers: dict[bytes, int], style_id: int
) -> tuple[Flags, HeaderRows]:
    """Parse every line in ``starts`` as ``head``'s layout; return which matched and fields."""
    n = starts.shape[0]
    ok = np.ones(n, dtype=bool)
    p = starts.copy()
    if head.bracket:
        p = _literal(buf, p, ok, b"[")
    sep = head.sep.encode()
    if head.year_first:
        d1, p = _digits(buf, p, ok, 4, 4)
    else:
        d1, p = _digits(buf, p, ok, 1, 2)
    p = _literal(buf, p, ok, sep)
    d2, p = _digits(buf, p, ok, 1, 2)
    p = _literal(buf, p, ok, sep)
    d3, p = _digits(buf, p, ok, *((1, 2) if head.year_first else (head.d3_width,) * 2))
    if head.date_dot:
        p = _literal(buf, p, ok, b".")
    if head.comma:
        p = _literal(buf, p, ok, b",")
    p = _literal(buf, p, ok, head.spaces.encode())
    hour, p = _digits(buf, p, ok, 1, 2)
    p = _literal(buf, p, ok, head.tsep.encode())
    minute, p = _digits(buf, p, ok, 2, 2)
    second = np.full(n, -1, dtype=np.int64)
    if head.second >= 0:
        p = _literal(buf, p, ok, head.tsep.encode())
        second, p = _digits(buf, p, ok, 2, 2)
    ampm = np.zeros(n, dtype=np.int64)
    if head.ampm:
        p = _literal(buf, p, ok, head.ampm_space.encode())
        found = np.zeros(n, dtype=bool)
        for marker, code in sorted(markers.items(), key=lambda kv: -len(kv[0])):
            hit = ok & ~found
            hit_p = _literal(buf, p, hit, marker)
            p = np.where(hit, hit_p, p)
            ampm = np.where(hit, code, ampm)
            found |= hit
        ok &= found
    if head.time_dot:
        p = _literal(buf, p, ok, b".")
    p = _literal(buf, p, ok, head.end.encode())
    rows = HeaderRows(
        line=lines,
        d1=d1,
        d2=d2,
        d3=d3,
        hour=hour,
        minute=minute,
        second=second,
        ampm=ampm,
        year_first=np.full(n, int(head.year_first), dtype=np.int64),
        year_width=np.full(n, 4 if head.year_first else head.d3_width, dtype=np.int64),
        style=np.full(n, style_id, dtype=np.int64),
        header_end=p,
    )
    return ok, rows


PARALLEL_LINES = 200_000


def layout_rows(
    buf: Bytes, lines: Ints, starts: Ints, head: Head, markers: dict[bytes, int], style_id: int
) -> tuple[Flags, HeaderRows]:
    """Read the lines ``lines`` (first bytes ``starts``) in ``head``'s layout: which match,
    and their fields. Big files are read in two halves on two threads (numpy releases the
    GIL)."""
    if starts.shape[0] < PARALLEL_LINES:
        return _layout_rows(buf, lines, starts, head, markers, style_id)
    half = starts.shape[0] // 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        parts = list(
            pool.map(
                lambda part: _layout_rows(buf, part[0], part[1], head, markers, style_id),
                ((lines[:half], starts[:half]), (lines[half:], starts[half:])),
            )
        )
    ok = np.concatenate((parts[0][0], parts[1][0]))
    return ok, HeaderRows.concat([parts[0][1], parts[1][1]])


def fixed_template(
    heads: list[Head], markers: dict[bytes, int]
) -> tuple[bytes, list[tuple[str, int, int]]] | None:
    """The byte template of a layout whose every field has a fixed width, or None.

    Padded layouts ("02/01/2023, 07:05 - ") put each field at the same offset on every
    line, so all lines can be checked and read at once from a (lines x bytes) matrix.
    ``D`` marks a digit and ``M`` the AM/PM marker; the list gives each field's columns.
    """
    model = heads[0]
    widths = {(h.d1_width, h.d2_width, h.d3_width, h.hour_width) for h in heads}
    if len(widths) != 1 or model.d2_width != 2 or model.hour_width != 2:
        return None
    if model.d1_width not in (2, 4) or (model.year_first and model.d3_width != 2):
        return None
    if len({len(m) for m in markers}) > 1:
        return None
    parts: list[tuple[str, bytes]] = []
    if model.bracket:
        parts.append(("", b"["))
    sep = model.sep.encode()
    parts += [("d1", b"D" * model.d1_width), ("", sep), ("d2", b"DD"), ("", sep)]
    parts.append(("d3", b"D" * (2 if model.year_first else model.d3_width)))
    if model.date_dot:
        parts.append(("", b"."))
    if model.comma:
        parts.append(("", b","))
    tsep = model.tsep.encode()
    parts += [("", model.spaces.encode()), ("hour", b"DD"), ("", tsep), ("minute", b"DD")]
    if model.second >= 0:
        parts += [("", tsep), ("second", b"DD")]
    if model.ampm:
        parts += [("", model.ampm_space.encode()), ("ampm", b"M" * len(next(iter(markers))))]
    if model.time_dot:
        parts.append(("", b"."))
    parts.append(("", model.end.encode()))
    template = b""
    fields: list[tuple[str, int, int]] = []
    for name, raw in parts:
        if name:
            fields.append((name, len(template), len(template) + len(raw)))
        template += raw
    return template, fields


# Fixed-width headers are read this many lines at a time: each block's temporaries (a few
# dozen bytes a line) stay in the processor's cache and in memory already paged in. The
# whole file at once made arrays of tens of megabytes that were page-faulted in, used once
# and freed: 0.55 s of a million-line file, against about 0.1 s in blocks.
FIXED_BLOCK = 1 << 15


def fixed_rows(
    buf: Bytes,
    lines: Ints,
    starts: Ints,
    template: tuple[bytes, list[tuple[str, int, int]]],
    markers: dict[bytes, int],
    head: Head,
    style_id: int,
) -> tuple[Flags, HeaderRows]:
    """``layout_rows`` for a fixed-width layout (``fixed_template``): one gather of each
    line's first bytes, a block of lines at a time."""
    pattern_bytes, spans = template
    n, width = starts.shape[0], len(pattern_bytes)
    # Each line's first bytes, rounded up to whole 64-bit words (the buffer is padded), so
    # the literal bytes and the digits of all fields are checked a word at a time.
    span = -(-width // 8) * 8
    view = np.lib.stride_tricks.as_strided(buf, shape=(buf.shape[0] - span, span), strides=(1, 1))
    pattern = np.frombuffer(pattern_bytes.ljust(span, b"M"), dtype=np.uint8)
    is_literal = (pattern != ord("D")) & (pattern != ord("M"))
    is_digit = pattern == ord("D")

    def word_of(mask: Flags, byte: int) -> Keys:
        return np.where(mask, np.uint8(byte), np.uint8(0)).view(np.uint64)

    literal_mask = word_of(is_literal, 0xFF)
    literal = np.where(is_literal, pattern, np.uint8(0)).view(np.uint64)
    zeros, high = word_of(is_digit, 0x30), word_of(is_digit, 0xF0)
    low, six, carry = word_of(is_digit, 0x0F), word_of(is_digit, 0x06), word_of(is_digit, 0x10)
    ok: Flags = np.empty(n, dtype=bool)
    ampm = np.zeros(n, dtype=np.int64)
    values: dict[str, Ints] = {"second": np.full(n, -1, dtype=np.int64)}
    for name, _, _ in spans:
        if name != "ampm":
            values[name] = np.empty(n, dtype=np.int64)

    def read_block(lo_row: int) -> None:
        rows = slice(lo_row, min(n, lo_row + FIXED_BLOCK))
        matrix = view[starts[rows]]
        words = matrix.view(np.uint64)
        # A digit byte XOR 0x30 is 0 to 9: its high half is 0 and its low half plus 6 stays
        # below 16 (no carry from one byte into the next).
        x = words ^ zeros
        bad = (words & literal_mask) ^ literal
        bad |= x & high
        bad |= ((x & low) + six) & carry
        block_ok: Flags = np.asarray(np.all(bad == 0, axis=1))
        digits = np.ascontiguousarray(x.view(np.uint8)[:, :width].T)  # one row per byte column
        for name, lo, hi in spans:
            if name == "ampm":
                found = np.zeros(matrix.shape[0], dtype=bool)
                block_ampm = ampm[rows]
                for marker, code in markers.items():
                    hit = (matrix[:, lo:hi] == np.frombuffer(marker, dtype=np.uint8)).all(axis=1)
                    block_ampm[hit] = code
                    found |= hit
                block_ok &= found
                continue
            value = values[name][rows]
            value[:] = digits[lo]
            for c in range(lo + 1, hi):
                value *= 10
                value += digits[c]
        ok[rows] = block_ok

    blocks = range(0, n, FIXED_BLOCK)
    if n < PARALLEL_LINES:
        for lo_row in blocks:
            read_block(lo_row)
    else:
        # Two threads take blocks in turn (numpy releases the GIL; each writes its own rows).
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(read_block, blocks))
    rows_found = HeaderRows(
        line=lines,
        d1=values["d1"],
        d2=values["d2"],
        d3=values["d3"],
        hour=values["hour"],
        minute=values["minute"],
        second=values["second"],
        ampm=ampm,
        year_first=np.full(n, int(head.year_first), dtype=np.int64),
        year_width=np.full(n, 4 if head.year_first else head.d3_width, dtype=np.int64),
        style=np.full(n, style_id, dtype=np.int64),
        header_end=starts + width,
    )
    return ok, rows_found
