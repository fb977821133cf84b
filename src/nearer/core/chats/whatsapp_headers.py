"""WhatsApp message headers: the date-time-separator prefix of a line, and its fields.

Two ways to read them, which agree line for line (a property test checks it):

* ``_read_head``: one line with a regular expression (any layout, used on a sample of
  lines and on lines in a minority layout);
* ``_fast_rows``: every line at once with vectorised numpy steps, for one known layout.

Then the dates: ``_choose_order`` decides day-first or month-first from the whole file and
``_seconds`` turns the fields into wall-clock seconds.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

_AMPM = r"(?:[AaPp]\.? ?[Mm]\.?|vorm\.|nachm\.|π\.? ?μ\.?|μ\.? ?μ\.?|SA|CH|ص|م)"
_PRE = r"(?:上午|下午|午前|午後|오전|오후)"
_HEADER = re.compile(
    r"(\[)?(\d{1,4})([./-])(\d{1,2})\3(\d{1,4})(\.)?(,)?( +)"
    rf"(?:({_PRE}) *)?(\d{{1,2}})([:.])(\d{{2}})(?:\11(\d{{2}}))?(?:( *)({_AMPM}))?(\.)?"
    r"(\] | *[-–] |: )"
)
_AM_WORDS = ("a", "vorm", "π", "sa", "ص", "上午", "午前", "오전")


@dataclass(frozen=True, slots=True)
class _Head:
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


def _read_head(line: str) -> _Head | None:
    m = _HEADER.match(line)
    if m is None:
        return None
    g = m.groups()
    w1, w3 = len(g[1]), len(g[4])
    if w1 == 4:
        if w3 > 2:
            return None
    elif w1 > 2 or w3 not in (2, 4):
        return None
    if bool(g[0]) != (g[16] == "] "):
        return None
    ampm = g[14] or ""
    if g[8]:
        ampm = g[8]
    return _Head(
        bracket=bool(g[0]),
        d1=int(g[1]),
        d1_width=w1,
        sep=g[2],
        d2=int(g[3]),
        d2_width=len(g[3]),
        d3=int(g[4]),
        d3_width=w3,
        date_dot=bool(g[5]),
        comma=bool(g[6]),
        spaces=g[7],
        hour=int(g[9]),
        hour_width=len(g[9]),
        tsep=g[10],
        minute=int(g[11]),
        second=int(g[12]) if g[12] else -1,
        ampm_space=g[13] or "",
        ampm=ampm,
        time_dot=bool(g[15]),
        end=g[16],
        length=len(m.group(0).encode()),
        pre=bool(g[8]),
    )


def _ampm_code(marker: str) -> int:
    """0 for a 24-hour clock, 1 before noon, 2 after."""
    if not marker:
        return 0
    folded = marker.casefold().replace(".", "").replace(" ", "")
    return 1 if folded.startswith(_AM_WORDS) else 2


class _Rows:
    """Column lists for header lines, filled by the fast path and by the fallback."""

    FIELDS = (
        "line",
        "d1",
        "d2",
        "d3",
        "hour",
        "minute",
        "second",
        "ampm",
        "yfirst",
        "d3w",
        "style",
        "hend",
    )

    def __init__(self) -> None:
        self.cols: dict[str, list[np.ndarray]] = {f: [] for f in self.FIELDS}

    def add(self, **arrays: np.ndarray) -> None:
        for f in self.FIELDS:
            self.cols[f].append(np.asarray(arrays[f], dtype=np.int64))

    def merged(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {
            f: (v[0] if len(v) == 1 else np.concatenate(v)) if v else np.zeros(0, np.int64)
            for f, v in self.cols.items()
        }
        if len(self.cols["line"]) < 2:
            return out
        order = np.argsort(out["line"], kind="stable")
        return {f: v[order] for f, v in out.items()}


def _digits(
    buf: np.ndarray, p: np.ndarray, ok: np.ndarray, minw: int, maxw: int
) -> tuple[np.ndarray, np.ndarray]:
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


def _literal(buf: np.ndarray, p: np.ndarray, ok: np.ndarray, text: bytes) -> np.ndarray:
    for k, byte in enumerate(text):
        ok &= buf[p + k] == byte
    return p + len(text)


def _fast_rows(
    buf: np.ndarray, starts: np.ndarray, head: _Head, markers: dict[bytes, int], style_id: int
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
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
    fields = {
        "d1": d1,
        "d2": d2,
        "d3": d3,
        "hour": hour,
        "minute": minute,
        "second": second,
        "ampm": ampm,
        "yfirst": np.full(n, int(head.year_first)),
        "d3w": np.full(n, 4 if head.year_first else head.d3_width),
        "style": np.full(n, style_id),
        "hend": p,
    }
    return ok, fields


PARALLEL_LINES = 200_000


def _fast_rows_parallel(
    buf: np.ndarray, starts: np.ndarray, head: _Head, markers: dict[bytes, int], style_id: int
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """``_fast_rows`` over two halves in two threads (numpy releases the GIL) for big files."""
    if starts.shape[0] < PARALLEL_LINES:
        return _fast_rows(buf, starts, head, markers, style_id)
    half = starts.shape[0] // 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        parts = list(
            pool.map(
                lambda part: _fast_rows(buf, part, head, markers, style_id),
                (starts[:half], starts[half:]),
            )
        )
    ok = np.concatenate((parts[0][0], parts[1][0]))
    return ok, {k: np.concatenate((parts[0][1][k], parts[1][1][k])) for k in parts[0][1]}


def fixed_template(
    heads: list[_Head], markers: dict[bytes, int]
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


def _fixed_rows(
    buf: np.ndarray,
    starts: np.ndarray,
    template: bytes,
    fields: list[tuple[str, int, int]],
    markers: dict[bytes, int],
    head: _Head,
    style_id: int,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """``_fast_rows`` for a fixed-width layout: one gather of each line's first bytes."""
    n, width = starts.shape[0], len(template)
    view = np.lib.stride_tricks.as_strided(buf, shape=(buf.shape[0] - width, width), strides=(1, 1))
    rows = view[starts]
    pattern = np.frombuffer(template, dtype=np.uint8)
    literal = np.flatnonzero((pattern != ord("D")) & (pattern != ord("M")))
    digit = np.flatnonzero(pattern == ord("D"))
    ok = (rows[:, literal] == pattern[literal]).all(axis=1)
    digits = rows[:, digit] - np.uint8(48)
    ok &= (digits <= 9).all(axis=1)
    column = {int(c): k for k, c in enumerate(digit)}
    out: dict[str, np.ndarray] = {"second": np.full(n, -1, dtype=np.int64)}
    ampm = np.zeros(n, dtype=np.int64)
    for name, lo, hi in fields:
        if name == "ampm":
            found = np.zeros(n, dtype=bool)
            for marker, code in markers.items():
                hit = (rows[:, lo:hi] == np.frombuffer(marker, dtype=np.uint8)).all(axis=1)
                ampm[hit] = code
                found |= hit
            ok &= found
            continue
        value = np.zeros(n, dtype=np.int64)
        for c in range(lo, hi):
            value = value * 10 + digits[:, column[c]]
        out[name] = value
    out["ampm"] = ampm
    out["yfirst"] = np.full(n, int(head.year_first))
    out["d3w"] = np.full(n, 4 if head.year_first else head.d3_width)
    out["style"] = np.full(n, style_id)
    out["hend"] = starts + width
    return ok, out


def _days_from_civil(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm, vectorised)."""
    y = y - (m <= 2)
    era: np.ndarray = y // 400
    yoe = y - era * 400
    doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    result: np.ndarray = era * 146097 + doe - 719468
    return result


_MONTH_DAYS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _valid_date(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    ok = (m >= 1) & (m <= 12) & (d >= 1)
    mm = np.clip(m, 0, 12)
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    limit = _MONTH_DAYS[mm] - ((mm == 2) & ~leap)
    result: np.ndarray = ok & (d <= limit)
    return result


def _ymd(rows: dict[str, np.ndarray], order: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    yfirst: np.ndarray = rows["yfirst"].astype(bool)
    d1, d2, d3 = rows["d1"], rows["d2"], rows["d3"]
    year_short = np.where(rows["d3w"] == 2, 2000 + d3, d3)
    if order == "dmy":
        y, m, d = year_short, d2, d1
    else:
        y, m, d = year_short, d1, d2
    return np.where(yfirst, d1, y), np.where(yfirst, d2, m), np.where(yfirst, d3, d)


def _seconds(rows: dict[str, np.ndarray], order: str) -> tuple[np.ndarray, np.ndarray]:
    """Wall-clock seconds and validity of every header under a date order."""
    n = rows["d1"].shape[0]
    # Consecutive messages mostly share a date: do the calendar arithmetic once per run of
    # equal dates and spread it back, instead of once per message.
    key = ((rows["yfirst"] * 2 + (rows["d3w"] == 4)) * 100 + rows["d1"]) * 100 + rows["d2"]
    key = key * 10000 + rows["d3"]
    if n:
        heads = np.concatenate(([0], np.flatnonzero(key[1:] != key[:-1]) + 1))
    else:
        heads = np.zeros(0, dtype=np.int64)
    y, m, d = _ymd({k: rows[k][heads] for k in ("yfirst", "d1", "d2", "d3", "d3w")}, order)
    run = np.diff(np.concatenate((heads, [n])))
    date_ok: np.ndarray = np.repeat(_valid_date(y, m, d), run)
    days: np.ndarray = np.repeat(_days_from_civil(y, np.clip(m, 1, 12), d), run)
    hour = rows["hour"]
    ampm = rows["ampm"]
    hour = np.where((ampm == 2) & (hour < 12), hour + 12, hour)
    hour = np.where((ampm == 1) & (hour == 12), 0, hour)
    ok = date_ok & (hour <= 23) & (rows["minute"] <= 59) & (rows["second"] <= 59)
    secs = days * 86400 + hour * 3600 + rows["minute"] * 60 + np.maximum(rows["second"], 0)
    return secs, ok


def _choose_order(
    rows: dict[str, np.ndarray], dotted: bool, twelve_hour: bool, unpadded_slash: bool
) -> str:
    """Day-first or month-first, from the whole file (see the module docstring)."""
    plain = rows["yfirst"] == 0
    over_dmy = int((rows["d2"][plain] > 12).sum())  # a month above 12 if day-first
    over_mdy = int((rows["d1"][plain] > 12).sum())
    if over_dmy != over_mdy:  # a field above 12 settles it (cheaply, without the dates)
        return "dmy" if over_dmy < over_mdy else "mdy"
    s_dmy, ok_dmy = _seconds(rows, "dmy")
    s_mdy, ok_mdy = _seconds(rows, "mdy")
    n_dmy, n_mdy = int(ok_dmy.sum()), int(ok_mdy.sum())
    if n_dmy != n_mdy:  # a field above 12 settles it
        return "dmy" if n_dmy > n_mdy else "mdy"
    back_dmy = int((np.diff(s_dmy) < 0).sum())
    back_mdy = int((np.diff(s_mdy) < 0).sum())
    if back_dmy != back_mdy:  # time only moves forward
        return "dmy" if back_dmy < back_mdy else "mdy"
    # Still undecided: the locale's habits. US English writes "2/11/19" and a 12-hour clock;
    # dotted dates are day-first everywhere they are used.
    if dotted:
        return "dmy"
    if twelve_hour or unpadded_slash:
        return "mdy"
    jump_dmy = float(np.abs(np.diff(s_dmy)).sum())
    jump_mdy = float(np.abs(np.diff(s_mdy)).sum())
    return "mdy" if jump_mdy < jump_dmy else "dmy"
