"""Turning a reader's input into clean UTF-8 bytes, with errors a user can act on."""

from __future__ import annotations

import codecs
from typing import BinaryIO, TextIO

from nearer.core.errors import ParseError

# WhatsApp caps a message at 65,536 characters; a line far longer than that is not part of a
# chat export (a dump, a minified file), and refusing it early keeps a stray 50 MB single-line
# file from being read as one giant message.
MAX_LINE_BYTES = 1_000_000
_CHUNK = 1 << 20


def read_bytes(fp: BinaryIO | TextIO) -> bytes:
    """All of ``fp`` as bytes (a text stream is encoded back to UTF-8)."""
    data = fp.read()
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    return bytes(data)


def to_utf8(data: bytes, what: str = "file") -> bytes:
    """Return ``data`` as UTF-8 without a byte-order mark, or raise a ``ParseError``.

    UTF-16 with a byte-order mark (what some editors save) is converted; anything else must
    already be UTF-8, which is what every supported app exports.
    """
    data = prepare(data, what)
    check_utf8(data, what)
    return data


def prepare(data: bytes, what: str = "file") -> bytes:
    """``to_utf8`` without the full UTF-8 check (see ``check_utf8``): empty, binary, BOMs."""
    # ``isspace`` stops at the first other byte; ``strip`` would copy the whole file.
    if not data or data.isspace():
        raise ParseError(f"the {what} is empty. Export the chat again and pass that file.")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"the {what} starts like UTF-16 text but is damaged. Export the chat again."
            ) from exc
    if b"\x00" in data[:65536]:
        raise ParseError(
            f"the {what} is binary, not a chat export. Pass the .txt, .json, .csv or .zip "
            "file the app wrote."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data


def check_utf8(data: bytes, what: str = "file") -> None:
    """Raise a ``ParseError`` naming the first byte that is not UTF-8."""
    # Validate in 1 MB pieces: the same check as decoding the whole file, without building a
    # string four times the file's size.
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    offset = 0
    try:
        for offset in range(0, len(data), _CHUNK):
            decoder.decode(view[offset : offset + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"the {what} is not UTF-8 text (byte {offset + exc.start} cannot be read). Export "
            "the chat again from the app, or save the file as UTF-8 and retry."
        ) from exc
