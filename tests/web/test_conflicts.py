"""A write that PostgreSQL aborts for a deadlock or a serialization failure runs again; any
other database error, and any error inside a caller's transaction, goes up at once."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import OperationalError, connection, transaction

from nearer.web.accounts.models import User
from nearer.web.conflicts import ATTEMPTS, is_conflict, retry_on_conflict
from tests.web.base import make_user


class _Cause(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _failing(sqlstate: str, times: int) -> tuple[list[int], Any]:
    calls: list[int] = []

    @retry_on_conflict
    def write() -> str:
        calls.append(1)
        if len(calls) <= times:
            raise OperationalError("aborted") from _Cause(sqlstate)
        return "saved"

    return calls, write


# transaction=True: the plain django_db mark wraps each test in a transaction, where nothing
# is retried.
@pytest.mark.django_db(transaction=True)
def test_a_deadlock_is_run_again_and_succeeds() -> None:
    calls, write = _failing("40P01", 1)
    assert write() == "saved"
    assert len(calls) == 2


@pytest.mark.django_db(transaction=True)
def test_a_serialization_failure_is_run_again() -> None:
    calls, write = _failing("40001", ATTEMPTS - 1)
    assert write() == "saved"
    assert len(calls) == ATTEMPTS


@pytest.mark.django_db(transaction=True)
def test_it_gives_up_after_the_last_attempt() -> None:
    calls, write = _failing("40P01", ATTEMPTS)
    with pytest.raises(OperationalError):
        write()
    assert len(calls) == ATTEMPTS


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_database_is_not_retried() -> None:
    calls, write = _failing("08006", 1)  # connection_failure
    with pytest.raises(OperationalError):
        write()
    assert len(calls) == 1


@pytest.mark.django_db
def test_inside_a_callers_transaction_nothing_is_retried() -> None:
    calls, write = _failing("40P01", 1)
    with pytest.raises(OperationalError), transaction.atomic():
        write()
    assert len(calls) == 1


def test_is_conflict_reads_the_cause() -> None:
    plain = OperationalError("no cause")
    assert not is_conflict(plain)
    try:
        raise OperationalError("aborted") from _Cause("40P01")
    except OperationalError as exc:
        assert is_conflict(exc)


@pytest.mark.django_db(transaction=True)
def test_two_writers_locking_in_opposite_orders_both_finish_on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a real deadlock needs PostgreSQL: set DATABASE_URL (tests/web/postgres.sh)")
    first = make_user("first@example.org", "First")
    second = make_user("second@example.org", "Second")
    both_hold_one = threading.Barrier(2, timeout=10)
    outcome: dict[str, str] = {}

    def crossing(name: str, order: tuple[int, int], retried: bool) -> None:
        held = [False]

        @transaction.atomic
        def write() -> None:
            for step, pk in enumerate(order):
                User.objects.select_for_update().filter(pk=pk).update(display_name=name)
                if step == 0 and not held[0]:
                    held[0] = True  # meet the other writer once, holding one row each
                    both_hold_one.wait()

        try:
            (retry_on_conflict(write) if retried else write)()
            outcome[name] = "saved"
        except OperationalError as exc:
            outcome[name] = "conflict" if is_conflict(exc) else f"other: {exc}"
        finally:
            connection.close()

    def race(retried: bool) -> dict[str, str]:
        outcome.clear()
        both_hold_one.reset()
        threads = [
            threading.Thread(target=crossing, args=("a", (first.pk, second.pk), retried)),
            threading.Thread(target=crossing, args=("b", (second.pk, first.pk), retried)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return dict(outcome)

    # Without the retry PostgreSQL breaks the deadlock by aborting one of the two.
    assert sorted(race(retried=False).values()) == ["conflict", "saved"]
    # With it the aborted one runs again after the other commits.
    assert race(retried=True) == {"a": "saved", "b": "saved"}
