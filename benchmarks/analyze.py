"""Chat analysis end to end at 10k, 100k and 1M messages, against whatstk's parser.

    python benchmarks/analyze.py [--sizes 10000,100000,1000000] [--no-whatstk]

For each size it writes a synthetic WhatsApp export (Android layout, a pursue-withdraw
couple, multi-line messages, media placeholders and emoji), then, each in a fresh process:

* nearer: read the file (format auto-detected), every metric, the signals, JSON written;
  wall time inside the process and its peak memory (max RSS, interpreter included);
* whatstk: ``WhatsAppChat.from_source`` (header auto-detected) on the same file, parse only.

Targets (docs/methods.md): 1M messages in at most 4 s and 1.5 GB, and at least 10 times
faster than whatstk. The emotion model runs on its 5,000-message sample, as in
``nearer analyze`` (``--no-emotions`` leaves it out). "CLI s"
is the wall time of the whole ``nearer analyze FILE --json OUT`` process, Python's start-up
and imports included; the speed-up compares the in-process times.
Install the comparison with ``pip install -e '.[bench-chat]'``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

NEARER_RUN = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from nearer.core.analysis.allocator import reuse_freed_memory
reuse_freed_memory()  # as `nearer analyze` does for large inputs
from nearer.core.analysis.report import Settings, run
from nearer.core.chats import read_tables
t1 = time.perf_counter()
with open(sys.argv[1], "rb") as fp:
    table = read_tables([fp])
t2 = time.perf_counter()
report = run(table, Settings(emotions=sys.argv[3] == "1"))
t3 = time.perf_counter()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump(report.data, out, ensure_ascii=False)
t4 = time.perf_counter()
print(json.dumps({
    "import": t1 - t0, "read": t2 - t1, "analyse": t3 - t2, "write": t4 - t3,
    "total": t4 - t1, "messages": len(table), "pattern": report.data["pattern"],
    "emotion": report.data["settings"]["emotion_model"],
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

WHATSTK_RUN = r"""
import json, resource, sys, time
from whatstk import WhatsAppChat
t0 = time.perf_counter()
chat = WhatsAppChat.from_source(filepath=sys.argv[1], max_size=None)
t1 = time.perf_counter()
print(json.dumps({"total": t1 - t0, "messages": len(chat.df),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def write_export(path: Path, messages: int) -> int:
    """A synthetic export with about ``messages`` messages; returns the exact count."""
    from nearer.core.analysis.synthetic import synthetic_couple
    from nearer.core.chats.render import Layout, render_whatsapp

    weeks = 40
    # About 7 messages per conversation: scale conversations a day to reach the size.
    per_day = messages / (weeks * 7 * 7.2)
    msgs = synthetic_couple(
        "pursue-withdraw", weeks=weeks, seed=1, per_day=per_day, start=datetime(2023, 1, 2)
    )
    msgs = msgs[:messages]
    # A few placeholders and multi-line texts, as real exports have.
    for i in range(0, len(msgs), 97):
        msgs[i] = type(msgs[i])(msgs[i].timestamp, msgs[i].sender, "", media=True)
    for i in range(5, len(msgs), 53):
        m = msgs[i]
        msgs[i] = type(m)(m.timestamp, m.sender, m.text + "\nand one more line 😊")
    path.write_text(render_whatsapp(msgs, Layout()), encoding="utf-8")
    return len(msgs)


def run_cli(export: Path, out: Path, extra: list[str]) -> float:
    """Wall time of the whole ``nearer analyze FILE --json OUT`` process (startup included)."""
    nearer = Path(sys.executable).with_name("nearer")
    start = time.perf_counter()
    done = subprocess.run(
        [str(nearer), "analyze", str(export), "--json", str(out), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"nearer analyze failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def run_child(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--no-whatstk", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="nearer runs per size (best)")
    parser.add_argument(
        "--no-emotions", action="store_true", help="leave out the emotion model's sample"
    )
    args = parser.parse_args()
    emotions = "0" if args.no_emotions else "1"
    sizes = [int(s) for s in args.sizes.split(",")]
    header = (
        f"{'messages':>9} {'MB':>6} {'nearer s':>9} {'us/msg':>7} {'peak MB':>8} "
        f"{'CLI s':>6} {'whatstk s':>10} {'speed-up':>9}"
    )
    print(header)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            export = Path(tmp) / f"chat_{size}.txt"
            n = write_export(export, size)
            mb = export.stat().st_size / 1e6
            runs = [
                run_child(NEARER_RUN, str(export), str(Path(tmp) / "out.json"), emotions)
                for _ in range(args.repeat)
            ]
            best = min(runs, key=lambda r: r["total"])
            extra = ["--no-emotions"] if args.no_emotions else []
            cli = min(run_cli(export, Path(tmp) / "cli.json", extra) for _ in range(args.repeat))
            theirs = None if args.no_whatstk else run_child(WHATSTK_RUN, str(export))
            speedup = theirs["total"] / best["total"] if theirs else float("nan")
            print(
                f"{n:>9,} {mb:>6.1f} {best['total']:>9.2f} {1e6 * best['total'] / n:>7.2f} "
                f"{best['rss_mb']:>8.0f} {cli:>6.2f} "
                f"{(theirs['total'] if theirs else float('nan')):>10.2f} {speedup:>9.1f}"
            )
            print(
                f"{'':>9} read {best['read']:.2f} s, analyse {best['analyse']:.2f} s, "
                f"write {best['write']:.3f} s (imports {best['import']:.2f} s not counted); "
                f"pattern {best['pattern']}; emotion model {'on' if best['emotion'] else 'off'}"
            )
            results.append((n, best, theirs, speedup))
    n, best, theirs, speedup = results[-1]
    if n >= 1_000_000:
        ok_time = best["total"] <= 4.0
        ok_mem = best["rss_mb"] <= 1536
        ok_speed = theirs is None or speedup >= 10
        print(
            f"1M targets: time {'PASS' if ok_time else 'FAIL'} ({best['total']:.2f} s <= 4 s), "
            f"memory {'PASS' if ok_mem else 'FAIL'} ({best['rss_mb']:.0f} MB <= 1536 MB), "
            f"speed-up {'PASS' if ok_speed else 'FAIL'} ({speedup:.1f}x >= 10x)"
        )


if __name__ == "__main__":
    main()
