"""Let large numpy temporaries reuse freed memory instead of asking the OS again.

The analysis of a big chat allocates and frees many arrays of tens of megabytes. glibc
hands every block above 128 KB back to the kernel when it is freed, so the next array of
the same size page-faults its way in again; on the small virtual machines nearer was tuned
on that cost a third of the run. Raising glibc's mmap and trim thresholds keeps freed blocks
in the process for reuse (about half the page faults), and one arena for all threads lets
every thread reuse them (each thread's own arena kept its blocks to itself). Elsewhere
(macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util

_M_TRIM_THRESHOLD = -1  # glibc malloc.h
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
_LARGEST = 2**31 - 1  # mallopt takes an int


def reuse_freed_memory() -> bool:
    """Tune glibc's allocator for many large short-lived arrays; say whether it applied."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    # One arena for every thread: with the thresholds raised, each thread's own arena (the
    # reader's UTF-8 check, the word counts, the safety screen) kept what it freed for
    # itself alone, about 2.5 times the file's size more at a million messages.
    mallopt(_M_ARENA_MAX, 1)
    return bool(mallopt(_M_MMAP_THRESHOLD, _LARGEST)) and bool(mallopt(_M_TRIM_THRESHOLD, _LARGEST))
