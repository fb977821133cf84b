"""Names for the numpy array types nearer passes around (``numpy.typing.NDArray``).

The dtype is part of the name so mypy checks that a column of seconds is never mixed up
with a column of flags.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray

Ints: TypeAlias = NDArray[np.int64]  # counts, offsets, seconds, indices
Int32s: TypeAlias = NDArray[np.int32]  # sender indices, rows of word-list hits
Int8s: TypeAlias = NDArray[np.int8]  # small codes (word-list categories, byte classes)
Floats: TypeAlias = NDArray[np.float64]  # rates, shares, medians (NaN: no value)
Flags: TypeAlias = NDArray[np.bool_]  # one yes/no per row
Bytes: TypeAlias = NDArray[np.uint8]  # a byte buffer
Keys: TypeAlias = NDArray[np.uint64]  # 64-bit word keys
Codes: TypeAlias = NDArray[np.uint32]  # category codes from the word lists
AnyArray: TypeAlias = NDArray[Any]  # where the dtype truly varies


def in_ranges(size: int, starts: Ints, ends: Ints) -> Flags:
    """Which of the positions ``0 .. size - 1`` lie in one of the ranges ``[starts[i],
    ends[i])``, given in order and not overlapping (they may touch), all within ``size``.

    One ``np.repeat`` of alternating runs of False and True: five times quicker than a
    running sum of +1 and -1 marks over every position, which numpy does one byte at a time.
    """
    bounds = np.empty(2 * starts.shape[0] + 2, dtype=np.int64)
    bounds[0] = 0
    bounds[1:-1:2] = starts
    bounds[2:-1:2] = ends
    bounds[-1] = size
    inside = np.zeros(bounds.shape[0] - 1, dtype=bool)
    inside[1::2] = True
    result: Flags = np.repeat(inside, np.diff(bounds))
    return result
