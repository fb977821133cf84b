"""Per-message counts (words, questions, word categories), computed for all messages at once.

Everything works on the chat's UTF-8 byte buffer with numpy: bytes are lower-cased, split
into words, and each word is turned into a 64-bit key (its first 24 bytes and its length,
see ``lexicon.token_keys``) that is looked up in the sorted keys of the word lists. No
Python object is made per word or per message, which is what lets a million-message chat be
analysed in about a second. Media placeholders and deleted messages have no words.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from nearer.core.analysis.lexicon import (
    AFFECTION_EMOJI,
    APPRECIATION_EMOJI,
    CATEGORIES,
    LEXICON,
    PAIR_FIRST,
    SLOTS,
    Lexicon,
    pair_keys,
    token_keys,
)
from nearer.core.arrays import Bytes, Codes, Flags, Int8s, Int32s, Ints, Keys, in_ranges
from nearer.core.chats.model import ChatTable

_PAD = 32


def _tables() -> tuple[bytes, bytes, Int8s, bytes]:
    """Byte tables: what each byte value is (``_word_bytes``, ``_special_at`` and
    ``_lowered`` compute the same with numpy; a test checks every byte value)."""
    lower = bytes(c + 32 if 65 <= c <= 90 else c for c in range(256))
    word = bytes(
        1 if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c >= 0x80 or c == 39) else 0
        for c in range(256)
    )
    # Multi-byte sequences that are punctuation or symbols rather than letters: "¿«»" (C2),
    # general punctuation, arrows and dingbats like "❤" (E2), variation selectors and
    # full-width forms (EF), and emoji (F0-F4). Value: the sequence length.
    seq: Int8s = np.zeros(256, dtype=np.int8)
    seq[0xC2] = 2
    seq[0xE2] = 3
    seq[0xEF] = 3
    seq[0xF0:0xF5] = 4
    # Bytes worth a second look: lead bytes of capitals and symbols, and question marks.
    special = bytes(
        1 if c in (0x3F, 0xC2, 0xC3, 0xD0, 0xE2, 0xEF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4) else 0
        for c in range(256)
    )
    return lower, word, seq, special


_LOWER, _WORD, _SEQ, _SPECIAL = _tables()
# The tables above applied with numpy comparisons, not ``bytes.translate``: a few
# vectorised passes over a piece are quicker than the table look-up, and numpy lets go of
# the interpreter lock while ``translate`` holds it, so the two threads counting pieces no
# longer wait on each other there (three look-ups a piece were about a quarter of the count).
_U8 = np.uint8


def _word_bytes(buf: Bytes) -> Flags:
    """``_WORD``: ASCII letters and digits, the apostrophe, and every byte of 0x80 or more."""
    word: Flags = (buf | _U8(0x20)) - _U8(97) < _U8(26)  # A-Z and a-z
    word |= buf - _U8(48) < _U8(10)
    word |= buf >= _U8(0x80)
    word |= buf == _U8(39)
    return word


_IS_SPECIAL: Flags = np.frombuffer(_SPECIAL, dtype=bool)


def _special_at(buf: Bytes) -> Ints:
    """Positions of the ``_SPECIAL`` bytes: "?" and bytes from C2 up, then the table on
    those few (most text is ASCII; two passes over the piece instead of seven)."""
    maybe = np.flatnonzero((buf >= _U8(0xC2)) | (buf == _U8(0x3F)))
    at: Ints = maybe[_IS_SPECIAL[buf[maybe]]]
    return at


@dataclass
class Features:
    """Per-message counts, rows aligned with the ``ChatTable``.

    Word-list matches are kept as a list of (message, category) hits rather than a dense
    matrix: most messages match nothing, and the metrics sum hits per person-week directly.
    """

    words: Ints  # words per message
    question: Flags  # the message asks something ("?" or "¿")
    hit_msg: Int32s  # message row of each match
    hit_cat: Int8s  # index into CATEGORIES of each match

    def category(self, name: str) -> Ints:
        """Matches of one category per message."""
        rows = self.hit_msg[self.hit_cat == CATEGORIES.index(name)]
        counted: Ints = np.bincount(rows, minlength=self.words.shape[0])
        return counted

    def grouped(self, group: Ints, n_groups: int) -> Ints:
        """Matches per (group, category), for any grouping of the messages."""
        c = len(CATEGORIES)
        flat = np.bincount(
            group[self.hit_msg] * c + self.hit_cat.astype(np.int64), minlength=n_groups * c
        )
        out: Ints = flat.reshape(n_groups, c)
        return out


class _Hits:
    """Collects (message, category) matches from the word, pair and emoji passes."""

    def __init__(self) -> None:
        self.msg: list[Int32s] = []
        self.cat: list[Int8s] = []

    def add(self, msg: Ints | Int32s, cat: Ints | Int8s | int) -> None:
        # Narrow types: a big chat has millions of hits (int32 rows, int8 categories).
        self.msg.append(msg.astype(np.int32))
        self.cat.append(np.broadcast_to(np.asarray(cat, dtype=np.int8), msg.shape))

    def arrays(self) -> tuple[Int32s, Int8s]:
        if not self.msg:
            return np.zeros(0, np.int32), np.zeros(0, np.int8)
        return np.concatenate(self.msg), np.concatenate(self.cat)


def _lowered(buf: Bytes, c3: Ints, d0: Ints) -> Bytes:
    """ASCII, Latin-1 and Cyrillic capitals made small, byte length unchanged, zero-padded.

    ``c3`` and ``d0`` are the positions of those lead bytes (found once by the caller).
    """
    n = buf.shape[0]
    low: Bytes = np.zeros(n + _PAD, dtype=np.uint8)
    capital = (buf - _U8(65) < _U8(26)).view(np.uint8)  # A-Z (``_LOWER``)
    np.bitwise_or(buf, capital << _U8(5), out=low[:n])
    if c3.size:  # À-Þ (not ×) -> à-þ
        nxt = buf[c3 + 1]
        up = (nxt >= 0x80) & (nxt <= 0x9E) & (nxt != 0x97)
        low[c3[up] + 1] = nxt[up] + 0x20
    if d0.size:  # Cyrillic capitals
        nxt = buf[d0 + 1]
        a = (nxt >= 0x90) & (nxt <= 0x9F)  # А-П -> а-п
        low[d0[a] + 1] = nxt[a] + 0x20
        b = (nxt >= 0xA0) & (nxt <= 0xAF)  # Р-Я -> р-я (lead D1)
        low[d0[b]] = 0xD1
        low[d0[b] + 1] = nxt[b] - 0x20
        c = (nxt >= 0x80) & (nxt <= 0x8F)  # Ѐ-Џ -> ѐ-џ (lead D1)
        low[d0[c]] = 0xD1
        low[d0[c] + 1] = nxt[c] + 0x10
    return low


def _code_points(buf: Bytes, at: Ints, length: Ints) -> Ints:
    b = [buf[np.minimum(at + k, buf.shape[0] - 1)].astype(np.int64) for k in range(4)]
    four = ((b[0] & 0x07) << 18) | ((b[1] & 0x3F) << 12) | ((b[2] & 0x3F) << 6) | (b[3] & 0x3F)
    three = ((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F)
    out: Ints = np.where(length == 4, four, np.where(length == 3, three, 0))
    return out


# Above this many messages the work is split over two threads: numpy releases the GIL in
# its loops, so two pieces of the buffer run on two cores.
PARALLEL_MESSAGES = 200_000
# Big chats are counted in pieces of this many messages, two at a time: each piece's
# temporaries (about 60 bytes per word) stay small, so peak memory no longer grows with the
# chat (one piece per thread used to be half the chat).
CHUNK_MESSAGES = 50_000


def message_features(table: ChatTable, lexicon: Lexicon = LEXICON) -> Features:
    """Count words, questions and word-list matches for every message of ``table``."""
    m = len(table)
    words: Ints = np.zeros(m, dtype=np.int64)
    question: Flags = np.zeros(m, dtype=bool)
    if m == 0 or not table.text:
        return Features(words, question, *_Hits().arrays())
    eligible = np.flatnonzero(~table.media & ~table.deleted & (table.end > table.start))
    starts = table.start[eligible]
    if starts.size > 1 and not bool((np.diff(starts) > 0).all()):
        eligible = eligible[np.argsort(starts, kind="stable")]
    if eligible.size == 0:
        return Features(words, question, *_Hits().arrays())
    parts = [eligible]
    if eligible.size >= PARALLEL_MESSAGES:
        pieces = max(2, -(-eligible.size // CHUNK_MESSAGES))
        parts = [p for p in np.array_split(eligible, pieces) if p.size]
    bounds = [int(table.start[p[0]]) for p in parts] + [len(table.text)]

    def count(i: int) -> tuple[Ints, Ints, Ints, _Hits]:
        # The piece's bytes are sliced inside the thread, so only two pieces exist at once.
        text = table.text[bounds[i] : bounds[i + 1]]
        return _features_part(text, bounds[i], parts[i], table, lexicon)

    if len(parts) == 1:
        results = [count(0)]
    else:
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(count, range(len(parts))))
    hits = _Hits()
    for order, per_msg, asked, part_hits in results:
        words[order] = per_msg
        question[asked] = True
        hits.msg.extend(part_hits.msg)
        hits.cat.extend(part_hits.cat)
    return Features(words, question, *hits.arrays())


def _features_part(
    text: bytes, offset: int, order: Ints, table: ChatTable, lexicon: Lexicon
) -> tuple[Ints, Ints, Ints, _Hits]:
    """Words, questions and hits of the messages ``order`` whose texts lie in ``text``."""
    hits = _Hits()
    buf = np.frombuffer(text, dtype=np.uint8)
    n = buf.shape[0]
    starts, ends = table.start[order] - offset, table.end[order] - offset
    in_text = _in_text(n, starts, ends)
    special = _special_at(buf)
    lead = buf[special]
    low = _lowered(buf, special[lead == 0xC3], special[lead == 0xD0])
    word = _word_bytes(buf)
    word &= in_text
    seq_at = special[_SEQ[lead] > 0]
    if seq_at.size:
        seq_len = _SEQ[buf[seq_at]].astype(np.int64)
        b1, b2 = buf[np.minimum(seq_at + 1, n - 1)], buf[np.minimum(seq_at + 2, n - 1)]
        apostrophe = (buf[seq_at] == 0xE2) & (b1 == 0x80) & ((b2 == 0x99) | (b2 == 0x98))
        for k in range(4):
            hit = (seq_len > k) & ~apostrophe
            word[np.minimum(seq_at[hit] + k, n - 1)] = False
        _count_emoji(buf, seq_at, seq_len, in_text, starts, order, hits)
    asked = _count_questions(buf, special, lead, in_text, starts, order)
    del in_text
    edges: Ints = np.flatnonzero(word[1:] != word[:-1])
    if word[0]:
        edges = np.concatenate(([-1], edges))
    if word[-1]:
        edges = np.concatenate((edges, [n - 1]))
    tok_start: Ints = edges[0::2] + 1
    tok_end: Ints = edges[1::2] + 1
    del edges, word
    # Tokens per message: texts are sorted and disjoint and no token lies between them, so
    # a message's tokens run from its first token to the next message's first token.
    first_tok: Ints = np.asarray(np.searchsorted(tok_start, starts))
    per_msg: Ints = np.diff(first_tok, append=tok_start.shape[0])
    # Message of every token: a running count of message starts (cheaper than np.repeat).
    spoken = per_msg > 0
    marks = np.zeros(tok_start.shape[0], dtype=np.int32)
    marks[first_tok[spoken][1:]] = 1
    tok_msg: Ints = order[spoken][np.cumsum(marks, dtype=np.int32)]
    del marks
    window = np.ndarray(shape=(n + _PAD - 7,), dtype=np.uint64, buffer=low, strides=(1,))
    keys = token_keys(window, tok_start, tok_end - tok_start)
    _count_words(keys, tok_msg, lexicon, hits)
    return order, per_msg, asked, hits


def _in_text(n: int, starts: Ints, ends: Ints) -> Flags:
    """Which bytes belong to a message's text (headers and names do not)."""
    if starts.size and bool((ends[:-1] < starts[1:]).all()):
        return in_ranges(n, starts, ends)
    # Texts that touch (no reader writes them so): the running sum of marks, as before.
    delta = np.zeros(n + 1, dtype=np.int8)
    delta[starts] = 1
    delta[ends] = -1
    in_text: Flags = np.cumsum(delta[:n], dtype=np.int8).view(bool)
    return in_text


def _add_bits(values: Codes, msg: Ints, hits: _Hits) -> None:
    """Record a hit for each category encoded in ``values`` (``lexicon.encode_bits``)."""
    for k in range(SLOTS):
        cat = (values >> np.uint32(8 * k)).astype(np.uint8)  # the k-th byte
        # ``flatnonzero`` of a comparison: on the flags numpy's loop has no branch to
        # mispredict, about eight times quicker than on the numbers themselves.
        has = np.flatnonzero(cat != 0)
        if has.size == 0:
            break
        hits.add(msg[has], (cat[has] - np.uint8(1)).astype(np.int8))


def _count_words(keys: Keys, tok_msg: Ints, lexicon: Lexicon, hits: _Hits) -> None:
    values = lexicon.words.lookup(keys)
    hit = np.flatnonzero(values != 0)
    bits = values[hit]
    _add_bits(bits, tok_msg[hit], hits)
    first = hit[(bits & np.uint32(PAIR_FIRST)) != 0]
    first = first[first + 1 < keys.shape[0]]
    first = first[tok_msg[first] == tok_msg[first + 1]]
    if first.size:
        pair_values = lexicon.pairs.lookup(pair_keys(keys[first], keys[first + 1]))
        found = np.flatnonzero(pair_values != 0)
        _add_bits(pair_values[found], tok_msg[first[found]], hits)


def _message_of(pos: Ints, starts: Ints, order: Ints) -> Ints:
    """Row of the message whose text holds each byte position (positions in text only)."""
    result: Ints = order[np.searchsorted(starts, pos, side="right") - 1]
    return result


def _count_emoji(
    buf: Bytes,
    leads: Ints,
    seq_len: Ints,
    in_text: Flags,
    starts: Ints,
    order: Ints,
    hits: _Hits,
) -> None:
    inside = in_text[leads] & (seq_len >= 3)
    pos, lengths = leads[inside], seq_len[inside]
    if pos.size == 0:
        return
    cps = _code_points(buf, pos, lengths)
    for name, table in (("affection", AFFECTION_EMOJI), ("appreciation", APPRECIATION_EMOJI)):
        hit = np.isin(cps, np.array(table, dtype=np.int64))
        if hit.any():
            hits.add(_message_of(pos[hit], starts, order), CATEGORIES.index(name))


def _count_questions(
    buf: Bytes,
    special: Ints,
    lead: Bytes,
    in_text: Flags,
    starts: Ints,
    order: Ints,
) -> Ints:
    marks = special[lead == 0x3F]  # "?"
    inverted = special[lead == 0xC2]
    inverted = inverted[inverted + 1 < buf.shape[0]]
    inverted = inverted[buf[inverted + 1] == 0xBF]  # "¿"
    pos = np.concatenate((marks, inverted))
    pos = pos[in_text[pos]]
    return _message_of(pos, starts, order)
