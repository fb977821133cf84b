"""Load on the web app, measured: SQLite, PostgreSQL with one process, and with two.

Starts ``nearer serve`` itself (and a private PostgreSQL server from tests/web/postgres.sh,
with fsync turned back on so it pays for durability as SQLite does), signs up and pairs
``--couples`` couples through the API, then drives ``--clients`` concurrent clients for
``--seconds`` seconds. Each client takes turns among its people and mixes four requests:
a check-in post (``POST /api/checkins``), the home page (``GET /``), the weekly summary
(``GET /api/summary``) and the perception gap (``GET /api/gap``; the web app has no plan
page, this is the assessment-side read). It prints requests per second, p50/p95/p99 per
request type and every error, then checks that each person's stored check-in is the last
one the app acknowledged (nothing lost), and says which targets were met.

    .venv/bin/python benchmarks/web.py                  # 200 couples, 32 clients, 60 s
    .venv/bin/python benchmarks/web.py --seconds 20     # shorter, on a busy machine
    .venv/bin/python benchmarks/web.py --backends sqlite

Targets (issue 9): zero errors and nothing lost on every backend; p99 at most three times
p50; on one process, SQLite within 20% of PostgreSQL's throughput.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The live-server helpers the tests use (real processes, plain HTTP clients).
from tests.web.live import (  # noqa: E402
    App,
    Client,
    Postgres,
    check_in,
    pair,
    serve_env,
    sign_up,
)

KINDS = ("checkin", "home", "summary", "gap")
PATHS = {"home": "/", "summary": "/api/summary", "gap": "/api/gap"}


@dataclass
class Person:
    email: str
    cookies: dict[str, str]  # the person's session and CSRF cookies


@dataclass
class Run:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    last: dict[str, tuple[int, str]] = field(default_factory=dict)  # email -> acknowledged
    seconds: float = 0.0


def make_couples(urls: list[str], couples: int, clients: int) -> list[Person]:
    """Sign up and pair ``couples`` couples through the API, spread over the processes."""
    tag = f"{time.time_ns():x}"

    def couple(n: int) -> list[Person]:
        base = urls[n % len(urls)]
        one, two = Client(base), Client(base)
        sign_up(one, f"a{n}-{tag}@bench.invalid", f"A{n}")
        sign_up(two, f"b{n}-{tag}@bench.invalid", f"B{n}")
        pair(one, two)
        one.close()
        two.close()
        return [
            Person(f"a{n}-{tag}@bench.invalid", one.cookies),
            Person(f"b{n}-{tag}@bench.invalid", two.cookies),
        ]

    # Sign-up hashes passwords with Argon2id (about 100 MB and a few hundred ms each): as
    # many at once as the server has threads, so none waits in waitress's queue for long.
    with ThreadPoolExecutor(min(clients, 8)) as pool:
        return [p for pair_ in pool.map(couple, range(couples)) for p in pair_]


def drive(people: list[Person], urls: list[str], clients: int, seconds: float) -> Run:
    run = Run()
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    groups = [people[i::clients] for i in range(clients)]

    def client_loop(index: int) -> None:
        # One connection per client, as a proxy or a browser keeps one: the client takes
        # turns among its people by switching cookies. (A connection per person would be
        # hundreds of idle keep-alive connections, past waitress's limit of 100.)
        # With two processes, client i talks to process i % 2, so couples span both.
        client = Client(urls[index % len(urls)])
        mine = groups[index]
        turn = index  # clients start at different request types
        while time.monotonic() < stop:
            # Each person in turn makes the four requests, so everyone checks in.
            person = mine[(turn // len(KINDS)) % len(mine)]
            client.cookies = person.cookies
            kind = KINDS[turn % len(KINDS)]
            turn += 1
            closeness = 1 + turn % 10
            note = f"thanks {index}-{turn}"
            started = time.perf_counter()
            try:
                if kind == "checkin":
                    answer = check_in(client, closeness, note)
                else:
                    answer = client.get(PATHS[kind])
                status = answer.status
            except OSError as exc:
                status, answer = 0, None
                client.close()
                error = f"{kind}: {type(exc).__name__}"
            took = time.perf_counter() - started
            with lock:
                if status in (200, 201):
                    run.latencies[kind].append(took)
                    if kind == "checkin":
                        run.last[person.email] = (closeness, note)
                else:
                    run.errors[error if status == 0 else f"{kind}: HTTP {status}"] += 1

    began = time.monotonic()
    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.monotonic() - began
    return run


_STORED = (
    "SELECT u.email, c.closeness, c.appreciation FROM checkins_dailycheckin c "
    "JOIN accounts_user u ON u.id = c.author_id"
)


def stored_sqlite(db: Path) -> dict[str, tuple[int, str]]:
    with closing(sqlite3.connect(db)) as conn:
        return {e: (c, a) for e, c, a in conn.execute(_STORED)}


def stored_postgres(url: str) -> dict[str, tuple[int, str]]:
    import psycopg

    with psycopg.connect(url) as conn:
        return {e: (c, a) for e, c, a in conn.execute(_STORED)}


def lost(run: Run, stored: dict[str, tuple[int, str]]) -> int:
    return sum(stored.get(email) != value for email, value in run.last.items())


def _ms(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def report(name: str, run: Run, missing: int) -> dict[str, float]:
    total = sum(len(v) for v in run.latencies.values())
    print(f"\n{name}: {run.seconds:.0f} s")
    print(f"{'request':<10}{'count':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    ratios = []
    for kind in KINDS:
        values = run.latencies.get(kind, [])
        p50, p95, p99 = _ms(values, 50), _ms(values, 95), _ms(values, 99)
        ratios.append(p99 / p50 if p50 else float("inf"))
        print(
            f"{kind:<10}{len(values):>8}{len(values) / run.seconds:>9.1f}"
            f"{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}"
        )
    everything = [t for v in run.latencies.values() for t in v]
    print(
        f"{'all':<10}{total:>8}{total / run.seconds:>9.1f}{_ms(everything, 50):>9.1f}"
        f"{_ms(everything, 95):>9.1f}{_ms(everything, 99):>9.1f}"
    )
    errors = sum(run.errors.values())
    print(f"errors: {errors}" + (f" ({dict(run.errors)})" if errors else ""))
    print(f"check-ins verified: {len(run.last)} people, {missing} not as acknowledged")
    return {
        "rps": total / run.seconds,
        "errors": errors,
        "lost": missing,
        "worst_ratio": max(ratios),
    }


def _durable(pg: Postgres) -> None:
    """postgres.sh turns fsync off for fast tests; a benchmark should not measure that."""
    import psycopg

    admin = pg.url.replace("://nearer@", "://postgres@")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET fsync = on")
        conn.execute("SELECT pg_reload_conf()")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--couples", type=int, default=200)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--threads", type=int, default=8, help="nearer serve --threads")
    parser.add_argument(
        "--backends",
        default="sqlite,postgres-1,postgres-2",
        help="comma-separated: sqlite, postgres-1, postgres-2",
    )
    args = parser.parse_args()
    wanted = [b.strip() for b in args.backends.split(",") if b.strip()]
    results: dict[str, dict[str, float]] = {}
    print(
        f"{args.couples} couples, {args.clients} clients, {args.seconds:.0f} s per run, "
        f"nearer serve --threads {args.threads}"
    )
    with tempfile.TemporaryDirectory(prefix="nearer-bench-") as scratch:
        folder = Path(scratch)
        if "sqlite" in wanted:
            env = serve_env(folder / "sqlite")
            with App(env, threads=args.threads) as app:
                started = time.monotonic()
                people = make_couples([app.url], args.couples, args.clients)
                print(f"sqlite: {len(people)} people signed up and paired in "
                      f"{time.monotonic() - started:.0f} s")  # fmt: skip
                run = drive(people, [app.url], args.clients, args.seconds)
            stored = stored_sqlite(folder / "sqlite" / "nearer.sqlite3")
            results["sqlite"] = report("SQLite, 1 process", run, lost(run, stored))
        postgres = [b for b in wanted if b.startswith("postgres")]
        if postgres:
            pg = Postgres.start(folder)
            try:
                _durable(pg)
                env = serve_env(folder / "pg", DATABASE_URL=pg.url)
                with App(env, threads=args.threads) as first:
                    started = time.monotonic()
                    people = make_couples([first.url], args.couples, args.clients)
                    print(f"postgres: {len(people)} people signed up and paired in "
                          f"{time.monotonic() - started:.0f} s")  # fmt: skip
                    if "postgres-1" in wanted:
                        run = drive(people, [first.url], args.clients, args.seconds)
                        results["postgres-1"] = report(
                            "PostgreSQL, 1 process", run, lost(run, stored_postgres(pg.url))
                        )
                    if "postgres-2" in wanted:
                        with App(env, threads=args.threads) as second:
                            urls = [first.url, second.url]
                            run = drive(people, urls, args.clients, args.seconds)
                        results["postgres-2"] = report(
                            "PostgreSQL, 2 processes", run, lost(run, stored_postgres(pg.url))
                        )
            finally:
                pg.remove()

    print("\ntargets")
    ok = True
    for name, got in results.items():
        clean = got["errors"] == 0 and got["lost"] == 0
        tail = got["worst_ratio"] <= 3
        ok &= clean and tail
        print(
            f"  {name}: errors {got['errors']:.0f}, lost {got['lost']:.0f} "
            f"({'met' if clean else 'MISSED'}); worst p99/p50 {got['worst_ratio']:.1f} "
            f"({'met' if tail else 'MISSED'}: at most 3)"
        )
    if "sqlite" in results and "postgres-1" in results:
        share = results["sqlite"]["rps"] / results["postgres-1"]["rps"]
        met = share >= 0.8
        ok &= met
        print(
            f"  SQLite throughput {share:.0%} of PostgreSQL's on one process "
            f"({'met' if met else 'MISSED'}: at least 80%)"
        )
    if "postgres-1" in results and "postgres-2" in results:
        print(
            "  two processes / one: "
            f"{results['postgres-2']['rps'] / results['postgres-1']['rps']:.2f}x"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
