"""Small literal exports, one per WhatsApp variant, with every field asserted."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest

from nearer.core.chats import Message, read_messages, read_table
from nearer.core.chats.whatsapp import read_whatsapp
from nearer.core.errors import ParseError


def parse(text: str, date_order: str | None = None) -> list[Message]:
    return read_whatsapp(io.BytesIO(text.encode("utf-8")), date_order)


def test_android_day_first_24h() -> None:
    msgs = parse(
        "31/12/2023, 22:15 - Ana: hola\n01/01/2024, 00:01 - Ben Ruiz: feliz año\ncon dos líneas\n"
    )
    assert msgs == [
        Message(datetime(2023, 12, 31, 22, 15), "Ana", "hola"),
        Message(datetime(2024, 1, 1, 0, 1), "Ben Ruiz", "feliz año\ncon dos líneas"),
    ]


def test_ios_brackets_seconds_dots_two_digit_year() -> None:
    msgs = parse(
        "[31.12.23, 22:15:07] Ana: hallo\n\u200e[01.01.24, 09:00:59] Ben: \u200eBild weggelassen\n"
    )
    assert msgs == [
        Message(datetime(2023, 12, 31, 22, 15, 7), "Ana", "hallo"),
        Message(datetime(2024, 1, 1, 9, 0, 59), "Ben", "Bild weggelassen", media=True),
    ]


def test_ios_us_twelve_hour_with_narrow_no_break_space() -> None:
    msgs = parse(
        "[12/31/23, 10:15:00\u202fPM] Ana: hi\n[1/1/24, 12:05:00\u202fAM] Ben: happy new year\n"
    )
    assert [m.timestamp for m in msgs] == [
        datetime(2023, 12, 31, 22, 15),
        datetime(2024, 1, 1, 0, 5),
    ]


@pytest.mark.parametrize(
    ("marker_am", "marker_pm"),
    [
        ("a. m.", "p. m."),
        ("a.\u00a0m.", "p.\u00a0m."),
        ("a.m.", "p.m."),
        ("am", "pm"),
        ("vorm.", "nachm."),
    ],
)
def test_localized_am_pm(marker_am: str, marker_pm: str) -> None:
    msgs = parse(
        f"13/05/2022, 9:30 {marker_am} - Ana: buenos días\n"
        f"13/05/2022, 12:10 {marker_pm} - Ben: buenas\n"
        f"13/05/2022, 11:45 {marker_pm} - Ana: buenas noches\n"
    )
    assert [m.timestamp for m in msgs] == [
        datetime(2022, 5, 13, 9, 30),
        datetime(2022, 5, 13, 12, 10),
        datetime(2022, 5, 13, 23, 45),
    ]


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("2023-12-31, 22:15 - Ana: x", datetime(2023, 12, 31, 22, 15)),
        ("2023/12/31 22:15:03 - Ana: x", datetime(2023, 12, 31, 22, 15, 3)),
        ("31.12.2023, 22:15 - Ana: x", datetime(2023, 12, 31, 22, 15)),
        ("31-12-23 22:15 - Ana: x", datetime(2023, 12, 31, 22, 15)),
        ("12/31/2023, 10:15 PM - Ana: x", datetime(2023, 12, 31, 22, 15)),
        ("31/12/2023 22:15:09: Ana: x", datetime(2023, 12, 31, 22, 15, 9)),
        ("31/12/2023, 22:15 \u2013 Ana: x", datetime(2023, 12, 31, 22, 15)),
    ],
)
def test_date_orders_separators_and_clocks(line: str, when: datetime) -> None:
    assert parse(line + "\n") == [Message(when, "Ana", "x")]


def test_invisible_marks_crlf_and_bom_anywhere() -> None:
    text = (
        "\ufeff\u200e[05/06/2021, 10:00:00] \u200eAna\u200e: hi \ufeffthere\r\n"
        "[05/06/2021, 10:01:00\u200e] Ben: \u200eok\r\nsecond\u00a0line\r\n"
    )
    msgs = parse(text, "dmy")
    assert msgs == [
        Message(datetime(2021, 6, 5, 10, 0), "Ana", "hi there"),
        Message(datetime(2021, 6, 5, 10, 1), "Ben", "ok\nsecond line"),
    ]


@pytest.mark.parametrize(
    "notice",
    [
        "Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
        "WhatsApp, can read or listen to them. Tap to learn more.",
        "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Tippe, um mehr zu erfahren.",
        "Los mensajes y las llamadas están cifrados de extremo a extremo.",
        "Les messages et les appels sont chiffrés de bout en bout.",
        "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta.",
        "I messaggi e le chiamate sono crittografati end-to-end.",
        "Berichten en oproepen worden end-to-end versleuteld.",
        "Сообщения и звонки защищены сквозным шифрованием.",
    ],
)
def test_system_lines_in_eight_languages(notice: str) -> None:
    android = parse(f"01/02/2023, 10:00 - {notice}\n01/02/2023, 10:01 - Ana: hi\n")
    ios = parse(f"[01/02/2023, 10:00:00] Ana: \u200e{notice}\n[01/02/2023, 10:01:00] Ana: hi\n")
    assert android == ios == [Message(datetime(2023, 2, 1, 10, 1), "Ana", "hi")]
    table = read_table(io.BytesIO(f"01/02/2023, 10:00 - {notice}\n".encode()), "whatsapp")
    assert len(table) == 0 and table.system_lines == 1


@pytest.mark.parametrize(
    "event",
    [
        'Ana created group "Trip: Lisbon"',
        'Ben changed the subject from "x" to "Trip: Porto"',
        'Ben hat den Betreff zu "Urlaub: Rom" geändert',
    ],
)
def test_group_events_with_colons_are_system_lines(event: str) -> None:
    msgs = parse(f"01/02/2023, 10:00 - {event}\n01/02/2023, 10:01 - Ana: hi\n")
    assert msgs == [Message(datetime(2023, 2, 1, 10, 1), "Ana", "hi")]


@pytest.mark.parametrize(
    "placeholder",
    [
        "<Media omitted>",
        "<Medien ausgeschlossen>",
        "<Multimedia omitido>",
        "<Médias omis>",
        "<Mídia oculta>",
        "<Media omessi>",
        "<Media weggelaten>",
        "<Без медиафайлов>",
        "\u200eimage omitted",
        "\u200e<attached: 00000012-PHOTO-2021-01-01-10-00-00.jpg>",
        "\u200eimagen omitida",
        "\u200eafbeelding weggelaten",
    ],
)
def test_media_placeholders_count_as_flagged_messages(placeholder: str) -> None:
    msgs = parse(f"01/02/2023, 10:00 - Ana: {placeholder}\n")
    assert len(msgs) == 1 and msgs[0].media and msgs[0].sender == "Ana"


@pytest.mark.parametrize(
    ("text", "deleted"),
    [
        ("This message was deleted", True),
        ("You deleted this message", True),
        ("\u200eDiese Nachricht wurde gelöscht.", True),
        ("Se eliminó este mensaje.", True),
        ("Ce message a été supprimé", True),
        ("Данное сообщение удалено", True),
        ("This message was deleted by accident, sorry", False),
    ],
)
def test_deleted_marker(text: str, deleted: bool) -> None:
    (msg,) = parse(f"01/02/2023, 10:00 - Ana: {text}\n")
    assert msg.deleted is deleted


@pytest.mark.parametrize(
    "marker",
    [
        "<This message was edited>",
        "\u200e<This message was edited>",
        "<Diese Nachricht wurde bearbeitet>",
        "<Se editó este mensaje.>",
    ],
)
def test_edited_marker_is_removed_and_flagged(marker: str) -> None:
    (msg,) = parse(f"01/02/2023, 10:00 - Ana: see you at 8 {marker}\n")
    assert (msg.text, msg.edited) == ("see you at 8", True)


def test_date_order_is_decided_from_the_whole_file_not_the_first_lines() -> None:
    ambiguous = "".join(f"0{d}/0{d}/22, 10:0{d} - Ana: m{d}\n" for d in range(1, 10))
    text = ambiguous + "10/25/22, 11:00 - Ben: late\n"
    assert parse(text)[-1].timestamp == datetime(2022, 10, 25, 11, 0)
    assert parse(text)[1].timestamp == datetime(2022, 2, 2, 10, 2)


def test_time_moving_forward_decides_when_no_field_exceeds_twelve() -> None:
    # Day first: 1 Feb, 2 Feb, ... ; month first would jump 1 Jan, 1 Feb, ... and back.
    text = "01/02/22, 10:00 - Ana: a\n02/02/22, 10:00 - Ben: b\n01/03/22, 10:00 - Ana: c\n"
    stamps = [m.timestamp for m in parse(text)]
    assert stamps == [datetime(2022, 2, 1, 10), datetime(2022, 2, 2, 10), datetime(2022, 3, 1, 10)]


def test_date_order_override() -> None:
    text = "01/02/22, 10:00 - Ana: a\n"
    assert parse(text, "mdy")[0].timestamp == datetime(2022, 1, 2, 10)
    assert parse(text, "dmy")[0].timestamp == datetime(2022, 2, 1, 10)


def test_zip_export_is_read() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("WhatsApp Chat with Ana.txt", "01/02/2023, 10:00 - Ana: hi\n")
        z.writestr("IMG-0001.jpg", b"\xff\xd8")
    buf.seek(0)
    assert read_messages(buf) == [Message(datetime(2023, 2, 1, 10), "Ana", "hi")]


def test_not_a_chat_says_so() -> None:
    with pytest.raises(ParseError, match="starts like a WhatsApp message"):
        parse("hello\nworld\n")


def test_senders_keep_the_order_they_first_write_in_whatever_the_hash_seed() -> None:
    # The order of names once followed Python's hash seed, so one chat's report could list
    # its two people either way round from one run to the next.
    import os
    import subprocess
    import sys

    script = (
        "import io\n"
        "from nearer.core.chats import read_table\n"
        "chat = ''.join(f'0{d}/01/2024, 10:0{d} - {n}: hi\\n' for d, n in "
        "enumerate(['Zoe', 'Ana', 'Mo', 'Ben', 'Ana', 'Zoe'], 1))\n"
        "print(read_table(io.BytesIO(chat.encode())).names)\n"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(6)
    }
    assert seen == {"('Zoe', 'Ana', 'Mo', 'Ben')"}
