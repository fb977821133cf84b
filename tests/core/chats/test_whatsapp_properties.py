"""Render random messages in a random WhatsApp layout, parse them back, get them back."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.core.chats import Message
from nearer.core.chats.render import Layout, render_whatsapp
from nearer.core.chats.whatsapp import normalize as whatsapp_normalize
from nearer.core.chats.whatsapp import read_whatsapp

layouts = st.builds(
    Layout,
    ios=st.booleans(),
    order=st.sampled_from(["dmy", "mdy", "ymd"]),
    sep=st.sampled_from(["/", ".", "-"]),
    year_digits=st.sampled_from([2, 4]),
    pad=st.booleans(),
    twelve_hour=st.booleans(),
    seconds=st.booleans(),
    am_pm=st.sampled_from([("AM", "PM"), ("am", "pm"), ("a. m.", "p. m."), ("a.m.", "p.m.")]),
    am_pm_space=st.sampled_from([" ", "\u202f", "\u00a0"]),
    comma=st.booleans(),
    dash=st.sampled_from(["-", "\u2013"]),
)

_first = st.characters(categories=("L",), exclude_characters="\u2028\u2029")
_rest = st.characters(
    categories=("L", "N", "P", "Zs", "So"),
    exclude_characters="\u2028\u2029\u00a0\u202f\u2007\u2009",
)
_line = st.builds(lambda a, b: (a + b).strip(), _first, st.text(_rest, max_size=30))
texts = st.lists(_line, min_size=1, max_size=3).map("\n".join)
names = st.sampled_from(["Ana", "Ben Okafor", "Zoë 🌻", "+49 151 2345678", "J-J Doe"])


@st.composite
def chats(draw: st.DrawFn) -> tuple[Layout, list[Message]]:
    layout = draw(layouts)
    start = draw(st.datetimes(datetime(2010, 1, 1), datetime(2030, 1, 1)))
    n = draw(st.integers(1, 12))
    when = start.replace(microsecond=0, second=0 if not layout.seconds else start.second)
    out: list[Message] = []
    for _ in range(n):
        when += timedelta(seconds=draw(st.integers(0, 4 * 86400)))
        if not layout.seconds:
            when = when.replace(second=0)
        kind = draw(st.sampled_from(["text", "text", "text", "media", "deleted", "edited"]))
        out.append(
            Message(
                when,
                draw(names),
                "" if kind in ("media", "deleted") else draw(texts),
                media=kind == "media",
                deleted=kind == "deleted",
                edited=kind == "edited",
            )
        )
    return layout, out


@settings(max_examples=300, deadline=None)
@given(chats())
def test_round_trip(chat: tuple[Layout, list[Message]]) -> None:
    layout, messages = chat
    raw = render_whatsapp(messages, layout).encode("utf-8")
    parsed = read_whatsapp(io.BytesIO(raw), layout.order)
    assert len(parsed) == len(messages)
    for got, want in zip(parsed, messages, strict=True):
        assert (got.timestamp, got.sender, got.media, got.deleted, got.edited) == (
            want.timestamp,
            want.sender,
            want.media,
            want.deleted,
            want.edited,
        )
        if not (want.media or want.deleted):
            assert got.text == want.text


@settings(max_examples=100, deadline=None)
@given(chats(), st.booleans())
def test_order_detected_when_a_day_exceeds_twelve(
    chat: tuple[Layout, list[Message]], crlf: bool
) -> None:
    layout, messages = chat
    late = max(m.timestamp for m in messages) + timedelta(days=1)
    late = late.replace(day=28) if late.day <= 12 else late
    messages = [*messages, Message(late.replace(second=0), "Ana", "last")]
    raw = render_whatsapp(messages, layout)
    if crlf:
        raw = raw.replace("\n", "\r\n")
    parsed = read_whatsapp(io.BytesIO(raw.encode()))
    assert [m.timestamp for m in parsed] == sorted(m.timestamp for m in messages)


@settings(max_examples=60, deadline=None)
@given(chats())
def test_threaded_header_parse_matches(chat: tuple[Layout, list[Message]]) -> None:
    import nearer.core.chats.whatsapp_headers as whatsapp

    layout, messages = chat
    raw = render_whatsapp(messages, layout).encode("utf-8")
    serial = read_whatsapp(io.BytesIO(raw), layout.order)
    saved = whatsapp.PARALLEL_LINES, whatsapp.FIXED_BLOCK
    # Two threads, and fixed-width headers read three lines a block (many blocks each).
    whatsapp.PARALLEL_LINES, whatsapp.FIXED_BLOCK = 2, 3
    try:
        assert read_whatsapp(io.BytesIO(raw), layout.order) == serial
    finally:
        whatsapp.PARALLEL_LINES, whatsapp.FIXED_BLOCK = saved


@settings(max_examples=100, deadline=None)
@given(chats())
def test_fixed_width_reading_matches_the_general_one(chat: tuple[Layout, list[Message]]) -> None:
    import numpy as np

    from nearer.core.chats import whatsapp_headers as h

    layout, messages = chat
    raw = render_whatsapp(messages, layout).encode("utf-8")
    raw = whatsapp_normalize(raw)
    lines = [ln for ln in raw.split(b"\n") if ln[:1] in (b"[",) or ln[:1].isdigit()]
    heads = [x for x in (h.read_head(ln.decode()) for ln in lines) if x is not None]
    markers = {x.ampm.encode(): h.ampm_code(x.ampm) for x in heads if x.ampm}
    fixed = h.fixed_template(heads, markers)
    buf = np.frombuffer(raw + b"\n" * 64, dtype=np.uint8)
    starts = np.array([0, *[i + 1 for i, b in enumerate(raw) if b == 10][:-1]])
    starts = starts[np.isin(buf[starts], np.frombuffer(b"[0123456789", np.uint8))]
    numbers = np.arange(starts.shape[0])
    general_ok, general = h.layout_rows(buf, numbers, starts, heads[0], markers, 0)
    assert general_ok.all()
    if fixed is None:
        assert not layout.pad or layout.twelve_hour  # unpadded hours or markers differ
        return
    ok, fixed_fields = h.fixed_rows(buf, numbers, starts, fixed, markers, heads[0], 0)
    assert ok.all()
    for field in dataclasses.fields(general):
        name = field.name
        assert (getattr(fixed_fields, name) == getattr(general, name)).all(), name


def test_fixed_width_reading_refuses_every_wrong_byte_as_the_general_one_does() -> None:
    import numpy as np

    from nearer.core.chats import whatsapp_headers as h

    line = b"02/01/2023, 07:05 - Ana: hi"
    model = h.read_head(line.decode())
    assert model is not None
    fixed = h.fixed_template([model], {})
    assert fixed is not None
    # Every byte but the newline in each place of the header: digits, separators, spaces.
    lines = [line]
    for place in range(model.length):
        lines += [line[:place] + bytes([b]) + line[place + 1 :] for b in range(256) if b != 10]
    raw = b"\n".join(lines) + b"\n"
    buf = np.frombuffer(raw + b"\n" * 64, dtype=np.uint8)
    starts = np.array([0, *np.flatnonzero(buf[: len(raw) - 1] == 10) + 1])
    numbers = np.arange(starts.shape[0])
    general_ok, general = h.layout_rows(buf, numbers, starts, model, {}, 0)
    ok, found = h.fixed_rows(buf, numbers, starts, fixed, {}, model, 0)
    assert ok[0] and 0 < ok.sum() < ok.size
    assert (ok == general_ok).all()
    for field in dataclasses.fields(general):
        values = getattr(found, field.name)[ok]
        assert (values == getattr(general, field.name)[ok]).all(), field.name
    # Read in blocks of 1,000 lines on two threads, the same answer line for line.
    saved = h.PARALLEL_LINES, h.FIXED_BLOCK
    h.PARALLEL_LINES, h.FIXED_BLOCK = 2, 1000
    try:
        in_blocks_ok, in_blocks = h.fixed_rows(buf, numbers, starts, fixed, {}, model, 0)
    finally:
        h.PARALLEL_LINES, h.FIXED_BLOCK = saved
    assert (in_blocks_ok == ok).all()
    for field in dataclasses.fields(general):
        assert (getattr(in_blocks, field.name) == getattr(found, field.name)).all(), field.name


@settings(max_examples=60, deadline=None)
@given(chats(), st.integers(min_value=1, max_value=64))
def test_newlines_and_marks_found_in_small_blocks_read_the_same(
    chat: tuple[Layout, list[Message]], block: int
) -> None:
    from nearer.core.chats import whatsapp

    layout, messages = chat
    # Marks and no-break spaces around the headers, as iOS and Spanish Android write them.
    raw = render_whatsapp(messages, layout).replace(" ", "\u00a0 ", 3).replace("[", "\u200e[")
    data = raw.encode("utf-8")
    whole = read_whatsapp(io.BytesIO(data), layout.order)
    clean, newlines = whatsapp._normalize(data)
    saved = whatsapp._BLOCK
    whatsapp._BLOCK = block  # blocks of a few bytes: marks and newlines across their edges
    try:
        in_blocks, block_newlines = whatsapp._normalize(data)
        assert in_blocks == clean and block_newlines.tolist() == newlines.tolist()
        assert read_whatsapp(io.BytesIO(data), layout.order) == whole
    finally:
        whatsapp._BLOCK = saved
    assert b"\xe2\x80\x8e" not in clean and newlines.tolist() == [
        i for i, byte in enumerate(clean) if byte == 10
    ]
