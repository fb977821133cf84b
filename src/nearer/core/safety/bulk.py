"""The prefilter for many texts of one buffer at once, with numpy (a chat's safety screen).

``prefilter.might_alert`` reads one text in Python, about 45 microseconds a text: the
600,000 messages of a big chat's last 26 weeks took about 25 s. ``texts_that_may_alert``
gives the same answer for every text of a UTF-8 buffer (the tests compare the two on the
shared chat corpus and the safety dev set) in a fraction of a second:

1. Each text is cut into chunks at the ASCII bytes that never sit inside one of the scan's
   tokens (``text._TOKEN``: spaces, line breaks, punctuation other than apostrophes and
   "*"), so every token with letters lies inside one chunk, and a chunk's tokens are the
   text's tokens there. Multi-byte characters stay inside chunks: Python's own regex reads
   them in step 2.
2. Equal chunks are found by a key of their bytes (checked byte by byte) in a hash table
   numpy fills, with no sort, and each distinct chunk is read once with the prefilter's own
   function (``text_anchors``): the anchors its tokens satisfy.
3. An alternative that needs an anchor no chunk of the buffer has cannot be met by any of
   its texts and is dropped. The anchors the others use become bits; a text's bits are the
   OR of its chunks' bits.
4. Each requirement of those alternatives is tested on every distinct bit pattern at once;
   a text is kept when all requirements of one alternative hold, as in ``might_alert``.

The rules whose alternatives a text meets come with it, so ``matches_a_rule`` looks for
only those rules' patterns in the normalised text: ``scan`` then reads only the texts where
a rule really matches (its guards decide the rest). A rule that matches a text always has
an alternative the text meets (the tests check this on every alerting text they have).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from nearer.core.arrays import AnyArray, Bytes, Flags, Int32s, Ints, Keys, in_ranges
from nearer.core.safety import text as normal
from nearer.core.safety.prefilter import Prefilter, prefilter, text_anchors
from nearer.core.safety.rules import rule_book

# Bytes that may sit inside a token: ASCII letters and digits, the ASCII apostrophes and
# "*" (a censored "f**k" is one token), and every byte of a multi-byte character.
_IN_TOKEN = bytes(
    1 if (c < 128 and chr(c).isalnum()) or c in b"'`*" or c >= 0x80 else 0 for c in range(256)
)
_PAD = 8
_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_LONG = np.uint64(1 << 63)
_P1, _P2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)
# Texts are cut into chunks this many at a time, so the byte masks stay small.
PIECE_TEXTS = 50_000


@dataclass(frozen=True)
class MayAlert:
    """The texts that may make the scan alert, and for each the rules that may match it."""

    texts: Ints  # positions in the arrays given, ascending
    rules: tuple[tuple[int, ...], ...]  # indices into ``rule_book().rules``, per text


def texts_that_may_alert(data: bytes, starts: Ints, ends: Ints) -> MayAlert:
    """Which of the texts ``data[starts[i]:ends[i]]`` (UTF-8, not overlapping) ``scan`` could
    alert on: the texts ``might_alert`` keeps, with the rules they may match."""
    table = prefilter()
    order = np.flatnonzero(ends > starts)
    if order.size > 1 and not bool((np.diff(starts[order]) > 0).all()):
        order = order[np.argsort(starts[order], kind="stable")]
    vocabulary: dict[bytes, int] = {}
    # Per piece of texts: the texts, and the chunk and text (in the piece) of each token.
    cuts: list[tuple[Ints, Int32s, Int32s]] = []
    for piece in np.array_split(order, max(1, -(-order.size // PIECE_TEXTS))):
        if piece.size:
            cuts.append((piece, *_chunks(data, starts[piece], ends[piece], vocabulary)))
    if not vocabulary:
        return MayAlert(np.zeros(0, dtype=np.int64), ())
    found = [text_anchors(chunk.decode("utf-8", "replace")) for chunk in vocabulary]
    everywhere = frozenset().union(*found)
    possible: dict[int, tuple[tuple[int, ...], ...]] = {}  # requirement -> its possible strings

    def can_meet(requirement: int) -> bool:
        if requirement not in possible:
            possible[requirement] = tuple(
                s for s in table.requirements[requirement] if everywhere.issuperset(s)
            )
        return bool(possible[requirement])

    alive = [n for n, needs in enumerate(table.needs) if all(map(can_meet, needs))]
    if not alive:
        return MayAlert(np.zeros(0, dtype=np.int64), ())
    atoms = sorted({a for n in alive for r in table.needs[n] for s in possible[r] for a in s})
    bit = {a: i for i, a in enumerate(atoms)}
    width = -(-len(atoms) // 64)
    chunk_bits = np.zeros((len(found), width), dtype=np.uint64)
    for row, anchors in enumerate(found):
        for a in anchors:
            if a in bit:
                chunk_bits[row, bit[a] // 64] |= np.uint64(1 << (bit[a] % 64))
    useful: Flags = np.asarray(chunk_bits.any(axis=1))
    # Each text's bits, piece by piece, so only one piece's tokens are gathered at a time.
    with_bits: list[Ints] = []
    bits: list[AnyArray] = []
    while cuts:
        piece, chunks, texts = cuts.pop(0)
        keep = useful[chunks]
        chunks, texts = chunks[keep], texts[keep]
        if texts.size:
            # Tokens come text by text, so each text's tokens are one run.
            run = np.flatnonzero(np.diff(texts, prepend=-1) != 0)
            bits.append(np.bitwise_or.reduceat(chunk_bits[chunks], run, axis=0))
            with_bits.append(piece[texts[run]])
    if not bits:
        return MayAlert(np.zeros(0, dtype=np.int64), ())
    patterns, which = _distinct_rows(np.concatenate(bits))
    rules = _rules_met(table, alive, possible, bit, width, patterns)
    met = np.array([bool(r) for r in rules], dtype=bool)
    kept = np.flatnonzero(met[which])
    texts_kept: Ints = np.concatenate(with_bits)[kept]
    return MayAlert(texts_kept, tuple(rules[int(w)] for w in which[kept]))


def matches_a_rule(text: str, rules: tuple[int, ...]) -> bool:
    """Whether one of ``rules`` matches ``text`` as the scan reads it: when none does, the
    scan finds nothing (the rules come from ``texts_that_may_alert``)."""
    normalised = normal.words(text or "").text
    book = rule_book().rules
    return bool(normalised) and any(book[i].pattern.search(normalised) for i in rules)


def _chunks(
    data: bytes, starts: Ints, ends: Ints, vocabulary: dict[bytes, int]
) -> tuple[Int32s, Int32s]:
    """The chunk of every token of the texts (ids in ``vocabulary``, which grows) and the
    text each lies in (a position in ``starts``). The texts are sorted and disjoint."""
    lo, hi = int(starts[0]), int(ends.max())
    raw = data[lo:hi] + bytes(_PAD)
    size = hi - lo
    first_byte, end_byte = starts - lo, ends - lo
    token = _in_token(np.frombuffer(raw, dtype=np.uint8)[:size])
    token &= in_ranges(size, first_byte, end_byte)
    # Texts may touch (other formats could store them back to back): a chunk never runs
    # from one into the next.
    touching = first_byte[1:][first_byte[1:] == end_byte[:-1]]
    edges: Ints = np.flatnonzero(token[1:] != token[:-1]) + 1
    if touching.size:
        cut = touching[token[touching] & token[touching - 1]]
        edges = np.sort(np.concatenate((edges, cut, cut)))
    bounds = np.concatenate(([0], edges)) if token[0] else edges
    if token[-1]:
        bounds = np.concatenate((bounds, [size]))
    first: Ints = bounds[0::2]
    last: Ints = bounds[1::2]
    del token, edges, bounds
    if first.size == 0:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    # The text of each chunk: a running count of the texts' first chunks.
    opens = np.searchsorted(first, first_byte)
    text: Int32s = (np.cumsum(np.bincount(opens, minlength=first.size + 1)[:-1]) - 1).astype(
        np.int32
    )
    length = last - first
    window: Keys = np.ndarray(shape=(size + 1,), dtype=np.uint64, buffer=raw, strides=(1,))
    key = _keys(window, first, length)
    standing = _standing(key)
    chunk = np.zeros(first.size, dtype=np.int32)
    heads = np.flatnonzero(standing == np.arange(first.size))
    chunk[heads] = [vocabulary.setdefault(raw[first[i] : last[i]], len(vocabulary)) for i in heads]
    chunk = chunk[standing]
    # Keys of up to seven bytes are the bytes themselves; longer ones are hashes, so each
    # such chunk is compared with the one that stands for its key, and any that differs
    # (a collision) is looked up by its own bytes.
    for i in _differing(window, first, length, standing):
        chunk[i] = vocabulary.setdefault(raw[first[i] : last[i]], len(vocabulary))
    return chunk, text


def _in_token(buf: Bytes) -> Flags:
    """``_IN_TOKEN`` of every byte, with numpy comparisons: quicker than ``bytes.translate``,
    and numpy lets go of the interpreter lock (the word counts run beside the screen)."""
    u8 = np.uint8
    token: Flags = (buf | u8(0x20)) - u8(97) < u8(26)  # A-Z and a-z
    token |= buf - u8(48) < u8(10)
    token |= buf >= u8(0x80)
    for byte in b"'`*":
        token |= buf == u8(byte)
    return token


def _standing(key: Keys) -> Ints:
    """For each key, the position of one chunk with the same key (the one that stands for
    it): a hash table filled with numpy, with no sort. Keys are never 0.

    The table has at most 65,536 slots, so it stays in the processor's cache: a chat has far
    fewer distinct chunks than tokens, and the keys that lose their slot to another key go
    round again with another multiplier.
    """
    standing = np.zeros(key.size, dtype=np.int64)
    todo: Ints | None = None  # None: every chunk
    multiplier = int(_P1)
    while todo is None or todo.size:
        keys = key if todo is None else key[todo]
        bits = max(10, min(16, int(2 * keys.size).bit_length()))
        slot = ((keys * np.uint64(multiplier)) >> np.uint64(64 - bits)).view(np.int64)
        table = np.zeros(1 << bits, dtype=np.uint64)
        table[slot] = keys
        owner = np.zeros(1 << bits, dtype=np.int64)
        # The last chunk written to a slot stands for its key.
        owner[slot] = np.arange(key.size) if todo is None else todo
        mine = table[slot] == keys
        if todo is None:
            standing[mine] = owner[slot[mine]]
            todo = np.flatnonzero(~mine)
        else:
            standing[todo[mine]] = owner[slot[mine]]
            todo = todo[~mine]  # another key took the slot: again, with another multiplier
        multiplier = (multiplier * int(_P2) + 2) % (1 << 64)
    return standing


def _keys(window: Keys, first: Ints, length: Ints) -> Keys:
    """A 64-bit key per chunk: its bytes and length when it has at most seven, a hash of all
    its bytes (top bit set) otherwise."""
    head = window[first] & _MASKS[np.minimum(length, 8)]
    key: Keys = head | (np.minimum(length, 8).astype(np.uint64) << np.uint64(56))
    long = np.flatnonzero(length >= 8)
    if long.size:
        hashed = head[long] * _P1 + length[long].astype(np.uint64)
        at = np.arange(long.size)
        k = 1
        while True:
            at = at[length[long[at]] > 8 * k]
            if not at.size:
                break
            rows = long[at]
            part = window[first[rows] + 8 * k] & _MASKS[np.minimum(length[rows] - 8 * k, 8)]
            hashed[at] = (hashed[at] ^ part) * _P2
            k += 1
        key[long] = hashed | _LONG
    return key


def _differing(window: Keys, first: Ints, length: Ints, standing: Ints) -> list[int]:
    """Chunks of eight bytes or more whose bytes differ from those of ``standing`` (the chunk
    that stands for their key)."""
    long = np.flatnonzero((length >= 8) & (standing != np.arange(first.size)))
    other = standing[long]
    bad = length[other] != length[long]
    k = 0
    at = np.flatnonzero(~bad)
    while at.size:
        rows, peers = long[at], other[at]
        mask = _MASKS[np.minimum(length[rows] - 8 * k, 8)]
        bad[at] |= (window[first[rows] + 8 * k] & mask) != (window[first[peers] + 8 * k] & mask)
        k += 1
        at = at[~bad[at] & (length[long[at]] > 8 * k)]
    return [int(i) for i in long[bad]]


def _distinct_rows(bits: AnyArray) -> tuple[AnyArray, Ints]:
    """The distinct rows of ``bits`` and, per row, which of them it is."""
    if bits.shape[1] == 1:
        # One word per row (the usual case): the hash table, with the all-zero row (no
        # bits, never kept) set apart since the table uses 0 for an empty slot.
        column = bits[:, 0]
        standing = _standing(column | _LONG) if not bool((column & _LONG).any()) else None
        if standing is not None:
            heads = np.flatnonzero(standing == np.arange(column.size))
            number = np.zeros(column.size, dtype=np.int64)
            number[heads] = np.arange(heads.size)
            return bits[heads], number[standing]
    view = np.ascontiguousarray(bits).view(np.dtype((np.void, 8 * bits.shape[1])))
    values, which = np.unique(view[:, 0], return_inverse=True)
    return values.view(np.uint64).reshape(-1, bits.shape[1]), which.reshape(-1)


def _rules_met(
    table: Prefilter,
    alive: list[int],
    possible: dict[int, tuple[tuple[int, ...], ...]],
    bit: dict[int, int],
    width: int,
    patterns: AnyArray,
) -> list[tuple[int, ...]]:
    """For each distinct bit pattern, the rules one of whose alternatives it meets
    (``possible``: each requirement's strings whose anchors the buffer has)."""

    def mask(anchors: Iterable[int]) -> AnyArray:
        out = np.zeros(width, dtype=np.uint64)
        for a in anchors:
            out[bit[a] // 64] |= np.uint64(1 << (bit[a] % 64))
        return out

    met_by: dict[int, Flags] = {}

    def requirement(number: int) -> Flags:
        if number not in met_by:
            strings = possible[number]
            single = mask(s[0] for s in strings if len(s) == 1)
            met: Flags = np.asarray((patterns & single).any(axis=1))
            for s in strings:
                if len(s) > 1:
                    whole = mask(s)
                    met |= np.asarray(((patterns & whole) == whole).all(axis=1))
            met_by[number] = met
        return met_by[number]

    found: list[set[int]] = [set() for _ in range(patterns.shape[0])]
    for n in alive:
        met = np.ones(patterns.shape[0], dtype=bool)
        for number in table.needs[n]:
            met &= requirement(number)
            if not met.any():
                break
        for row in np.flatnonzero(met):
            found[int(row)].add(table.rule_of[n])
    return [tuple(sorted(rules)) for rules in found]
