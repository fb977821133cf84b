"""Per-message counts (words, questions, word categories), computed for all messages at once.

Everything works on the chat's UTF-8 byte buffer with numpy: bytes are lower-cased, split
into words, and each word is turned into a 64-bit key (its first 24 bytes and its length,
see ``lexicon.token_keys``) that is looked up in the sorted keys of the word lists. No
Python object is made per word or per message, which is what lets a million-message chat be
analysed in about a second. Media placeholders and deleted messages have no words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nearer.core.analysis.lexicon import (
    AFFECTION_EMOJI,
    APPRECIATION_EMOJI,
    CATEGORIES,
    LEXICON,
    PAIR_FIRST,
    Lexicon,
    pair_keys,
    token_keys,
)
from nearer.core.chats.model import ChatTable

_PAD = 32


def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lower: np.ndarray = np.arange(256, dtype=np.uint8)
    lower[65:91] += 32
    word: np.ndarray = np.zeros(256, dtype=bool)
    for lo, hi in ((48, 57), (65, 90), (97, 122), (0x80, 0xFF)):
        word[lo : hi + 1] = True
    word[ord("'")] = True
    # Multi-byte sequences that are punctuation or symbols rather than letters: "¿«»" (C2),
    # general punctuation, arrows and dingbats like "❤" (E2), variation selectors and
    # full-width forms (EF), and emoji (F0-F4). Value: the sequence length.
    seq: np.ndarray = np.zeros(256, dtype=np.int8)
    seq[0xC2] = 2
    seq[0xE2] = 3
    seq[0xEF] = 3
    seq[0xF0:0xF5] = 4
    return lower, word, seq


_LOWER, _WORD, _SEQ = _tables()


@dataclass
class Features:
    """Per-message counts, rows aligned with the ``ChatTable``."""

    words: np.ndarray  # int64 words per message
    question: np.ndarray  # bool: the message asks something ("?" or "¿")
    counts: np.ndarray  # int64 (messages, len(CATEGORIES)) matches per category

    def category(self, name: str) -> np.ndarray:
        column: np.ndarray = self.counts[:, CATEGORIES.index(name)]
        return column


def _lowered(buf: np.ndarray, c3: np.ndarray, d0: np.ndarray) -> np.ndarray:
    """ASCII, Latin-1 and Cyrillic capitals made small, byte length unchanged.

    ``c3`` and ``d0`` are the positions of those lead bytes (found once by the caller).
    """
    low = np.zeros(buf.shape[0] + _PAD, dtype=np.uint8)
    np.take(_LOWER, buf, out=low[: buf.shape[0]])
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
    result: np.ndarray = low
    return result


def _code_points(buf: np.ndarray, at: np.ndarray, length: np.ndarray) -> np.ndarray:
    b = [buf[np.minimum(at + k, buf.shape[0] - 1)].astype(np.int64) for k in range(4)]
    four = ((b[0] & 0x07) << 18) | ((b[1] & 0x3F) << 12) | ((b[2] & 0x3F) << 6) | (b[3] & 0x3F)
    three = ((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F)
    out: np.ndarray = np.where(length == 4, four, np.where(length == 3, three, 0))
    return out


# Bytes worth a second look: lead bytes of capitals and symbols, and question marks.
_SPECIAL: np.ndarray = np.zeros(256, dtype=bool)
_SPECIAL[[0x3F, 0xC2, 0xC3, 0xD0, 0xE2, 0xEF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4]] = True


def message_features(table: ChatTable, lexicon: Lexicon = LEXICON) -> Features:
    """Count words, questions and word-list matches for every message of ``table``."""
    m = len(table)
    counts: np.ndarray = np.zeros((m, len(CATEGORIES)), dtype=np.int64)
    words: np.ndarray = np.zeros(m, dtype=np.int64)
    question: np.ndarray = np.zeros(m, dtype=bool)
    if m == 0 or not table.text:
        return Features(words, question, counts)
    buf = np.frombuffer(table.text + b"\0", dtype=np.uint8)
    n = buf.shape[0] - 1
    eligible = np.flatnonzero(~table.media & ~table.deleted & (table.end > table.start))
    starts = table.start[eligible]
    if starts.size > 1 and not bool((np.diff(starts) > 0).all()):
        eligible = eligible[np.argsort(starts, kind="stable")]
    order = eligible
    starts, ends = table.start[order], table.end[order]
    # Which bytes belong to a message's text (headers and names do not).
    delta = np.zeros(n + 1, dtype=np.int8)
    delta[starts] = 1
    delta[ends] = -1
    in_text = np.cumsum(delta[:n], dtype=np.int8).view(bool)
    del delta
    special = np.flatnonzero(_SPECIAL[buf[:n]])
    lead = buf[special]
    low = _lowered(buf[:n], special[lead == 0xC3], special[lead == 0xD0])
    word = _WORD[low[:n]]
    word &= in_text
    seq_at = special[_SEQ[lead] > 0]
    if seq_at.size:
        seq_len = _SEQ[buf[seq_at]].astype(np.int64)
        b1, b2 = buf[seq_at + 1], buf[np.minimum(seq_at + 2, n)]
        apostrophe = (buf[seq_at] == 0xE2) & (b1 == 0x80) & ((b2 == 0x99) | (b2 == 0x98))
        for k in range(4):
            hit = (seq_len > k) & ~apostrophe
            word[np.minimum(seq_at[hit] + k, n - 1)] = False
        _count_emoji(buf, seq_at, seq_len, in_text, starts, order, counts)
    _count_questions(buf, special, lead, in_text, starts, order, question)
    del in_text
    edges = np.flatnonzero(np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0)))
    tok_start, tok_end = edges[0::2], edges[1::2]
    del edges
    # Tokens per message: token starts inside each (sorted, disjoint) text span.
    per_msg = np.searchsorted(tok_start, ends) - np.searchsorted(tok_start, starts)
    del word
    words[order] = per_msg
    tok_msg: np.ndarray = np.repeat(order, per_msg)
    window = np.ndarray(shape=(n + _PAD - 7,), dtype=np.uint64, buffer=low.data, strides=(1,))
    keys = token_keys(window, tok_start, tok_end - tok_start)
    _count_words(keys, tok_msg, lexicon, counts)
    return Features(words, question, counts)


def _add_bits(bits: np.ndarray, msg: np.ndarray, counts: np.ndarray) -> None:
    """Add one to ``counts[msg, c]`` for every category bit ``c`` set in ``bits``.

    Words belong to one or two categories, so each (word, category) pair is spelled out
    with ``np.repeat`` and everything is counted by a single ``bincount``.
    """
    if bits.size == 0:
        return
    m, c = counts.shape
    kinds, inverse = np.unique(bits, return_inverse=True)
    cats_of = [[i for i in range(c) if int(k) >> i & 1] for k in kinds]
    sizes = np.array([len(cs) for cs in cats_of], dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    flat_cats = np.array([i for cs in cats_of for i in cs], dtype=np.int64)
    reps = sizes[inverse]
    row: np.ndarray = np.repeat(np.arange(bits.shape[0]), reps)
    within = np.arange(row.shape[0]) - np.repeat(np.cumsum(reps) - reps, reps)
    cat = flat_cats[offsets[inverse[row]] + within]
    counts += np.bincount(msg[row] * c + cat, minlength=m * c).reshape(m, c)


def _count_words(
    keys: np.ndarray, tok_msg: np.ndarray, lexicon: Lexicon, counts: np.ndarray
) -> None:
    values = lexicon.words.lookup(keys)
    hit = np.flatnonzero(values)
    bits = values[hit]
    _add_bits(bits & np.uint32(~PAIR_FIRST & 0xFFFFFFFF), tok_msg[hit], counts)
    first = hit[(bits & np.uint32(PAIR_FIRST)) != 0]
    first = first[first + 1 < keys.shape[0]]
    first = first[tok_msg[first] == tok_msg[first + 1]]
    if first.size:
        pair_values = lexicon.pairs.lookup(pair_keys(keys[first], keys[first + 1]))
        found = np.flatnonzero(pair_values)
        _add_bits(pair_values[found], tok_msg[first[found]], counts)


def _message_of(pos: np.ndarray, starts: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Row of the message whose text holds each byte position (positions in text only)."""
    result: np.ndarray = order[np.searchsorted(starts, pos, side="right") - 1]
    return result


def _count_emoji(
    buf: np.ndarray,
    leads: np.ndarray,
    seq_len: np.ndarray,
    in_text: np.ndarray,
    starts: np.ndarray,
    order: np.ndarray,
    counts: np.ndarray,
) -> None:
    inside = in_text[leads] & (seq_len >= 3)
    pos, lengths = leads[inside], seq_len[inside]
    if pos.size == 0:
        return
    cps = _code_points(buf, pos, lengths)
    m = counts.shape[0]
    for name, table in (("affection", AFFECTION_EMOJI), ("appreciation", APPRECIATION_EMOJI)):
        hit = np.isin(cps, np.array(table, dtype=np.int64))
        if hit.any():
            rows = _message_of(pos[hit], starts, order)
            counts[:, CATEGORIES.index(name)] += np.bincount(rows, minlength=m)


def _count_questions(
    buf: np.ndarray,
    special: np.ndarray,
    lead: np.ndarray,
    in_text: np.ndarray,
    starts: np.ndarray,
    order: np.ndarray,
    question: np.ndarray,
) -> None:
    marks = special[lead == 0x3F]  # "?"
    inverted = special[lead == 0xC2]
    inverted = inverted[buf[inverted + 1] == 0xBF]  # "¿"
    pos = np.concatenate((marks, inverted))
    pos = pos[in_text[pos]]
    if pos.size:
        question[_message_of(pos, starts, order)] = True
