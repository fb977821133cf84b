"""Writes that PostgreSQL may abort when two of them cross, run again instead of failing.

Under load PostgreSQL can end a transaction that is otherwise fine: a deadlock between two
writers (SQLSTATE 40P01) or a serialization failure (40001). The whole transaction was rolled
back, so running it again from the start is safe, and PostgreSQL's manual asks clients to
do exactly that (postgresql.org/docs/current/mvcc-serialization-failure-handling.html).
Django reports both as ``OperationalError``, the class an unreachable database raises too,
so without this the person would get "cannot reach its database" for a passing collision.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import OperationalError, connection

log = logging.getLogger("nearer.web.conflicts")

P = ParamSpec("P")
T = TypeVar("T")

# deadlock_detected, serialization_failure (postgresql.org/docs/current/errcodes-appendix.html)
_CONFLICTS = frozenset({"40P01", "40001"})
ATTEMPTS = 3
# Seconds between attempts, doubled each time: the other transaction usually ends in
# milliseconds.
_PAUSE_S = 0.05


def is_conflict(exc: BaseException) -> bool:
    """True when the database rolled the transaction back because another one crossed it."""
    cause = exc.__cause__
    return isinstance(exc, OperationalError) and getattr(cause, "sqlstate", None) in _CONFLICTS


def retry_on_conflict(write: Callable[P, T]) -> Callable[P, T]:
    """Run ``write`` (a function that opens its own transaction) again after a deadlock or a
    serialization failure, up to ``ATTEMPTS`` times in all.

    Inside a caller's transaction there is nothing to retry (that transaction is aborted as
    a whole), so the error goes up at once.
    """

    @functools.wraps(write)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return write(*args, **kwargs)
            except OperationalError as exc:
                if attempt == ATTEMPTS or connection.in_atomic_block or not is_conflict(exc):
                    raise
                log.warning(
                    "%s crossed another write (SQLSTATE %s); trying again",
                    write.__name__,
                    getattr(exc.__cause__, "sqlstate", ""),
                )
                time.sleep(_PAUSE_S * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    return run
