"""Real exports that other readers and earlier versions got wrong, each as a literal file.

The lines copy the shape of public samples (WhatsR's German iOS exports, WhatsApp Business
chats), with texts written for these tests.
"""

from __future__ import annotations

import io
import itertools
from datetime import datetime, timedelta

import pytest

from nearer.core.chats import Message, detect_format, read_messages, read_table
from nearer.core.chats.render import Layout, render_whatsapp

BOM = "\ufeff"


def read(text: str) -> list[Message]:
    return read_messages(io.BytesIO(text.encode("utf-8")))


# -- a byte-order mark between "[" and the date, on every line (WhatsR's German iOS files) --

IOS_BOM = (
    f"[{BOM}29.01.18, 12:24:03] Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.\n"
    f"[{BOM}29.01.18, 12:26:03] Dave: Test test\n"
    f"[{BOM}29.01.18, 23:33:03] Alice: Ist das ein Chatverlauf?\n"
    f"[{BOM}30.01.18, 00:02:03] Bob: Ja!\nzweite Zeile\n"
)


def test_bom_after_the_bracket_is_detected_as_whatsapp_not_broken_json() -> None:
    assert detect_format(IOS_BOM.encode()) == "whatsapp"


def test_bom_after_the_bracket_is_read_line_by_line() -> None:
    text = IOS_BOM
    assert read(text) == [
        Message(datetime(2018, 1, 29, 12, 26, 3), "Dave", "Test test"),
        Message(datetime(2018, 1, 29, 23, 33, 3), "Alice", "Ist das ein Chatverlauf?"),
        Message(datetime(2018, 1, 30, 0, 2, 3), "Bob", "Ja!\nzweite Zeile"),
    ]
    assert read_table(io.BytesIO(text.encode())).system_lines == 1


def test_bom_after_the_bracket_with_a_12_hour_clock() -> None:
    text = (
        f"[{BOM}29.01.18, 12:24:03 PM] Alice: Hallo\n[{BOM}29.01.18, 1:02:09 AM] Bob: Gute Nacht\n"
    )
    assert [(m.sender, m.timestamp) for m in read(text)] == [
        ("Bob", datetime(2018, 1, 29, 1, 2, 9)),
        ("Alice", datetime(2018, 1, 29, 12, 24, 3)),
    ]


# -- WhatsApp Business notices written under the business's name -----------------------

NOTICES = [
    "This business uses a secure service from Meta to manage this chat. Tap to learn more.",
    "This business now uses a secure service from Meta to manage this chat. Tap for more info.",
    "This business uses a secure service from Meta to manage this call.",
    "Your business uses a secure service from Meta to manage this chat. Click to learn more.",
    "This business is working with other companies to manage this chat. Tap to learn more.",
    "This chat is now with a business account. Tap for more info.",
    "This business account has now registered as a standard account. Tap for more info.",
]


@pytest.mark.parametrize("notice", NOTICES)
def test_business_notices_under_the_contacts_name_are_system_lines(notice: str) -> None:
    ios = (
        f"[12.03.24, 10:15:02] Bäckerei Sonne: \u200e{notice}\n"
        "[12.03.24, 10:16:40] Ana: Is the cake ready?\n"
        "[12.03.24, 10:20:11] Bäckerei Sonne: Yes, from 4 pm.\n"
    )
    android = (
        f"12/03/2024, 10:15 - Bäckerei Sonne: {notice}\n"
        "12/03/2024, 10:16 - Ana: Is the cake ready?\n"
        "12/03/2024, 10:20 - Bäckerei Sonne: Yes, from 4 pm.\n"
    )
    for text, seconds in ((ios, (40, 11)), (android, (0, 0))):
        table = read_table(io.BytesIO(text.encode()))
        assert table.system_lines == 1
        assert table.messages() == [
            Message(datetime(2024, 3, 12, 10, 16, seconds[0]), "Ana", "Is the cake ready?"),
            Message(datetime(2024, 3, 12, 10, 20, seconds[1]), "Bäckerei Sonne", "Yes, from 4 pm."),
        ]


def test_a_message_that_only_mentions_a_business_is_text() -> None:
    text = "12/03/2024, 10:15 - Ana: This business uses cash only, bring some\n"
    assert [m.text for m in read(text)] == ["This business uses cash only, bring some"]


# -- every date ambiguous (day and month both at most 12) -------------------------------


def _ambiguous_chat(first: datetime, media: bool) -> list[Message]:
    """A week of messages whose days and months are all at most 12."""
    msgs = []
    for i in range(40):
        when = first + timedelta(hours=4 * i + 1, minutes=7 * i % 60)
        text = f"IMG-{when:%Y%m%d}-WA{i:04d}.jpg (file attached)" if media and i % 9 == 4 else "ok"
        msgs.append(Message(when, ("Ana", "Ben")[i % 2], text))
    return msgs


LAYOUT_PAIRS = [
    # (Android, iOS) of one phone: the same separator, padding and clock; iOS adds brackets
    # and seconds, and a no-break space before AM/PM.
    (
        Layout(order=o, sep=sep, pad=pad, twelve_hour=twelve, year_digits=years),
        Layout(
            ios=True,
            order=o,
            sep=sep,
            pad=pad,
            twelve_hour=twelve,
            year_digits=years,
            seconds=True,
            am_pm_space="\u202f",
        ),
    )
    for o, sep, pad, twelve, years in itertools.product(
        ("dmy", "mdy"), ("/", ".", "-"), (True, False), (False, True), (2, 4)
    )
]


@pytest.mark.parametrize("first", [datetime(2024, 3, 1, 8), datetime(2024, 12, 2, 8)])
def test_android_and_ios_exports_of_one_chat_are_read_in_the_same_order(first: datetime) -> None:
    messages = _ambiguous_chat(first, media=False)
    for android, ios in LAYOUT_PAIRS:
        read_android = read(render_whatsapp(messages, android))
        read_ios = read(render_whatsapp(messages, ios))
        assert [m.timestamp.date() for m in read_android] == [
            m.timestamp.date() for m in read_ios
        ], (android, ios)


@pytest.mark.parametrize("first", [datetime(2024, 3, 1, 8), datetime(2024, 12, 2, 8)])
@pytest.mark.parametrize("order", ["dmy", "mdy"])
def test_media_file_names_date_a_chat_the_headers_cannot(first: datetime, order: str) -> None:
    messages = _ambiguous_chat(first, media=True)
    # Padded, 24-hour slashes: the layout says nothing about the order; the names do.
    for layout in (
        Layout(order=order),
        Layout(ios=True, order=order, seconds=True),
        Layout(order=order, sep="."),  # dotted would say day-first: the names win
        Layout(order=order, twelve_hour=True),  # 12-hour would say month-first
    ):
        got = read(render_whatsapp(messages, layout))
        assert [m.timestamp for m in got] == [m.timestamp for m in messages], layout


def test_ios_attachment_names_date_a_chat_too() -> None:
    text = (
        "[01/02/2024, 09:00:00] Ana: <attached: 00000012-PHOTO-2024-01-02-09-00-00.jpg>\n"
        "[01/02/2024, 09:05:00] Ben: nice\n"
        "[02/02/2024, 10:00:00] Ana: <attached: 00000013-VIDEO-2024-02-02-10-00-00.mp4>\n"
    )
    # Day-first would make the smaller step (1 to 2 February); the names say January 2.
    assert [m.timestamp.date().isoformat() for m in read(text)] == [
        "2024-01-02",
        "2024-01-02",
        "2024-02-02",
    ]
