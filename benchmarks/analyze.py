"""Chat analysis end to end at 10k, 100k and 1M messages, against whatstk and whatsapp-chat-parser.

    python benchmarks/analyze.py [--sizes 10000,100000,1000000] [--no-whatstk] [--no-node]

For each size it writes a synthetic WhatsApp export (Android layout, a pursue-withdraw
couple, multi-line messages, media placeholders and emoji), then, each in a fresh process:

* nearer: read the file (format auto-detected; the emotion model, safety rules and
  knowledge base load on another thread meanwhile, as in ``nearer analyze``), every metric,
  the safety screen of the last 26 weeks (as ``nearer analyze`` does by default), the
  signals, JSON written; wall time inside the process and its peak memory (interpreter
  included), and that peak as a multiple of the file's size;
* nearer CLI: the whole ``nearer analyze FILE --json OUT`` process, Python's start-up and
  imports included (what a user waits for), as a user runs it (the safety screen on); and
  the same with ``--no-safety-screen``;
* whatstk: ``WhatsAppChat.from_source`` (header auto-detected) on the same file, parse only;
* whatsapp-chat-parser (Node): ``parseString`` on the file's text, read and parse only
  (Node's start-up not counted). Installed into build/node with npm on first use; without
  node or npm its column says n/a and why.

Targets at 1M messages (issue 11): nearer's whole CLI run, as a user runs it, at least 15
times faster than whatstk's parser alone and faster than whatsapp-chat-parser's parser
alone, in the same run; peak memory under 10 times the file's size. The emotion model runs
on its 5,000-message sample, as in ``nearer analyze`` (``--no-emotions`` leaves it out).
The compiled safety rules are kept in a cache folder (``NEARER_CACHE_DIR``, here a
temporary one): the first run builds them (printed once, before the table), every later run
loads them, as for a user. Under each size, the safety screen's own parts: the prefilter
over the whole chat at once (last 26 weeks, and ``--safety-screen all``), how many texts it
keeps, how many of those one of their rules matches (only those are scanned), and alerts.
Install the Python comparison with ``pip install -e '.[bench-chat]'``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NODE_DIR = HERE.parent / "build" / "node"
NODE_RUN = r"""
import { readFileSync } from "node:fs";
import { parseString } from "whatsapp-chat-parser";
const t0 = performance.now();
const messages = parseString(readFileSync(process.argv[2], "utf8"));
const t1 = performance.now();
console.log(JSON.stringify({ total: (t1 - t0) / 1000, messages: messages.length,
  rss_mb: process.resourceUsage().maxRSS / 1024 }));
"""

# Peak memory of this process: VmHWM (Linux) is the high-water mark of this program's own
# memory. ru_maxrss is not used where VmHWM exists: Linux carries it over from the process
# that forked this one, so a child of a big parent reports the parent's size.
PEAK = r"""
import resource
def peak_mb():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

NEARER_RUN = (
    PEAK
    + r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from nearer.core.analysis.allocator import reuse_freed_memory
reuse_freed_memory()  # as `nearer analyze` does for large inputs
from nearer.core.analysis.report import Settings, preload, run
from nearer.core.chats import read_tables
from nearer.core.safety.compiled import keep_in
keep_in(Path(sys.argv[4]))  # the compiled rules, as the CLI keeps them
settings = Settings(emotions=sys.argv[3] == "1", safety=True, safety_weeks=26)
t1 = time.perf_counter()
loaded = preload(settings)  # model, rules and knowledge base beside the read, as the CLI
with open(sys.argv[1], "rb") as fp:
    table = read_tables([fp])
loaded()
t2 = time.perf_counter()
report = run(table, settings)
t3 = time.perf_counter()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump(report.data, out, ensure_ascii=False)
t4 = time.perf_counter()
print(json.dumps({
    "import": t1 - t0, "read": t2 - t1, "analyse": t3 - t2, "write": t4 - t3,
    "total": t4 - t1, "messages": len(table), "pattern": report.data["pattern"],
    "emotion": report.data["settings"]["emotion_model"],
    "rss_mb": peak_mb(),
}))
"""
)

# Building the safety rules' cache, once (what a user's first `nearer analyze` pays).
BUILD_RUN = r"""
import json, sys, time
from pathlib import Path
from nearer.core.safety.compiled import keep_in
keep_in(Path(sys.argv[1]))
t0 = time.perf_counter()
from nearer.core.safety.prefilter import prefilter
from nearer.core.safety.rules import rule_book
rule_book()
prefilter()
print(json.dumps({"build": time.perf_counter() - t0}))
"""

# The safety screen's parts (on by default: the last 26 weeks; ``--safety-screen all``: the
# whole chat): the prefilter over the whole chat at once, then the rule check of what it
# keeps, then the scan of what a rule matches.
SAFETY_RUN = r"""
import json, sys, time
from pathlib import Path
from nearer.core.safety.compiled import keep_in
keep_in(Path(sys.argv[2]))
t0 = time.perf_counter()
from nearer.core.analysis.safety import screened_rows
from nearer.core.chats import read_tables
from nearer.core.safety import scan
from nearer.core.safety.bulk import matches_a_rule
from nearer.core.safety.prefilter import prefilter
from nearer.core.safety.rules import rule_book
prefilter()
rule_book()
t1 = time.perf_counter()
with open(sys.argv[1], "rb") as fp:
    table = read_tables([fp])
out = {"load": t1 - t0}
for name, weeks in (("recent", 26), ("all", None)):
    t2 = time.perf_counter()
    kept = screened_rows(table, weeks)
    t3 = time.perf_counter()
    texts = [table.message_text(int(i)) for i in kept.texts]
    matched = [t for t, rules in zip(texts, kept.rules) if matches_a_rule(t, rules)]
    t4 = time.perf_counter()
    alerts = sum(1 for t in matched if scan(t).alert)
    t5 = time.perf_counter()
    window = ~table.media & ~table.deleted & (table.end > table.start)
    if weeks is not None:
        window &= table.seconds > table.seconds[-1] - weeks * 7 * 86400
    out[name] = {"rows": int(window.sum()), "kept": len(texts), "matched": len(matched),
        "alerts": alerts, "filter": t3 - t2, "rules": t4 - t3, "scan": t5 - t4,
        "total": t5 - t2}
print(json.dumps(out))
"""

WHATSTK_RUN = (
    PEAK
    + r"""
import json, sys, time
from whatstk import WhatsAppChat
t0 = time.perf_counter()
chat = WhatsAppChat.from_source(filepath=sys.argv[1], max_size=None)
t1 = time.perf_counter()
print(json.dumps({"total": t1 - t0, "messages": len(chat.df), "rss_mb": peak_mb()}))
"""
)
# The exports are written by a child too, so this process stays small: forking a process
# that holds a million messages is slow and would be counted in the CLI's time.
WRITE_RUN = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from analyze import write_export
print(write_export(Path(sys.argv[1]), int(sys.argv[2])))
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


def run_cli(export: Path, out: Path, extra: list[str], cache: Path) -> float:
    """Wall time of the whole ``nearer analyze FILE --json OUT`` process (startup included)."""
    nearer = Path(sys.executable).with_name("nearer")
    env = {**os.environ, "NEARER_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    done = subprocess.run(
        [str(nearer), "analyze", str(export), "--json", str(out), *extra],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if done.returncode != 0:
        raise SystemExit(f"nearer analyze failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def node_parser() -> tuple[Path | None, str]:
    """The Node script that runs whatsapp-chat-parser, or None and the reason it cannot."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        return None, "node is not installed"
    package = NODE_DIR / "node_modules" / "whatsapp-chat-parser"
    if not package.is_dir():
        if npm is None:
            return None, "npm is not installed"
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(NODE_DIR),
                "--no-audit",
                "--no-fund",
                "whatsapp-chat-parser",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not package.is_dir():
            return None, "npm could not install whatsapp-chat-parser"
    script = NODE_DIR / "parse.mjs"
    script.write_text(NODE_RUN, encoding="utf-8")
    return script, ""


def run_node(script: Path, export: Path) -> dict[str, float]:
    done = subprocess.run(
        ["node", str(script), str(export)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"whatsapp-chat-parser failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_child(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _compile_nearer() -> None:
    """Byte-compile nearer's modules once, as ``pip install`` does for a user: without it
    (an editable install under PYTHONDONTWRITEBYTECODE) every timed run would compile about
    50 modules again, 0.1 to 0.2 s that no installed copy pays."""
    import compileall

    import nearer

    compileall.compile_dir(str(Path(nearer.__file__).parent), quiet=1)


def _cell(value: float | None, width: int, digits: int = 2) -> str:
    return f"{'n/a':>{width}}" if value is None else f"{value:>{width}.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--no-whatstk", action="store_true")
    parser.add_argument("--no-node", action="store_true", help="leave out whatsapp-chat-parser")
    parser.add_argument("--repeat", type=int, default=3, help="nearer runs per size (best)")
    parser.add_argument(
        "--no-emotions", action="store_true", help="leave out the emotion model's sample"
    )
    args = parser.parse_args()
    _compile_nearer()
    emotions = "0" if args.no_emotions else "1"
    sizes = [int(s) for s in args.sizes.split(",")]
    script, why = (None, "left out (--no-node)") if args.no_node else node_parser()
    if script is None:
        print(f"whatsapp-chat-parser: n/a ({why})")
    header = (
        f"{'messages':>9} {'MB':>6} {'nearer s':>9} {'us/msg':>7} {'peak MB':>8} {'x file':>7} "
        f"{'CLI s':>6} {'no-scr s':>8} {'whatstk s':>10} {'wcp s':>6} {'vs whatstk':>10} "
        f"{'vs wcp':>7}"
    )
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        built = run_child(BUILD_RUN, str(cache))
        print(
            f"safety rules compiled into the cache once: {built['build']:.1f} s (a user's first "
            "nearer analyze; every later run loads them)"
        )
        print(header)
        for size in sizes:
            export = Path(tmp) / f"chat_{size}.txt"
            done = subprocess.run(
                [sys.executable, "-c", WRITE_RUN, str(export), str(size), str(HERE)],
                capture_output=True,
                text=True,
                check=True,
            )
            n = int(done.stdout.strip())
            size_bytes = export.stat().st_size
            runs = [
                run_child(
                    NEARER_RUN, str(export), str(Path(tmp) / "out.json"), emotions, str(cache)
                )
                for _ in range(args.repeat)
            ]
            best = min(runs, key=lambda r: r["total"])
            peak = min(r["rss_mb"] for r in runs)
            ratio = peak * 1024 * 1024 / size_bytes
            extra = ["--no-emotions"] if args.no_emotions else []
            out = Path(tmp) / "cli.json"
            cli = min(run_cli(export, out, extra, cache) for _ in range(args.repeat))
            bare = min(
                run_cli(export, out, ["--no-safety-screen", *extra], cache)
                for _ in range(args.repeat)
            )
            whatstk = None if args.no_whatstk else run_child(WHATSTK_RUN, str(export))["total"]
            wcp = None
            if script is not None:
                wcp = min(run_node(script, export)["total"] for _ in range(args.repeat))
            vs_whatstk = whatstk / cli if whatstk is not None else None
            vs_wcp = wcp / cli if wcp is not None else None
            print(
                f"{n:>9,} {size_bytes / 1e6:>6.1f} {best['total']:>9.2f} "
                f"{1e6 * best['total'] / n:>7.2f} {peak:>8.0f} {ratio:>7.1f} {cli:>6.2f} "
                f"{bare:>8.2f} {_cell(whatstk, 10)} {_cell(wcp, 6)} {_cell(vs_whatstk, 10, 1)} "
                f"{_cell(vs_wcp, 7, 1)}"
            )
            print(
                f"{'':>9} read {best['read']:.2f} s (the model, rules and knowledge base "
                f"load beside it), analyse (screen included) "
                f"{best['analyse']:.2f} s, write {best['write']:.3f} s (imports "
                f"{best['import']:.2f} s not counted); pattern {best['pattern']}; emotion "
                f"model {'on' if best['emotion'] else 'off'}"
            )
            safe: dict[str, Any] = run_child(SAFETY_RUN, str(export), str(cache))  # type: ignore[assignment]
            for name, option in (("recent", "default, last 26 weeks"), ("all", "all")):
                part = safe[name]
                print(
                    f"{'':>9} safety screen ({option}): {part['total']:.2f} s for "
                    f"{part['rows']:,} messages: prefilter {part['filter']:.2f} s keeps "
                    f"{part['kept']:,}, their rules {part['rules']:.2f} s match "
                    f"{part['matched']:,}, scan {part['scan']:.2f} s: {part['alerts']:,} alert"
                )
            inner = {
                "whatstk": None if whatstk is None else whatstk / best["total"],
                "wcp": None if wcp is None else wcp / best["total"],
            }
            results.append((n, cli, bare, ratio, vs_whatstk, vs_wcp, inner, whatstk))
    n, cli, bare, ratio, vs_whatstk, vs_wcp, inner, whatstk = results[-1]
    if n >= 1_000_000:

        def verdict(ok: bool | None) -> str:
            return "n/a" if ok is None else ("PASS" if ok else "FAIL")

        print(
            f"1M targets (the whole CLI run as a user runs it, screen on, {cli:.2f} s): "
            f"vs whatstk {verdict(None if vs_whatstk is None else vs_whatstk >= 15)} "
            f"({_cell(vs_whatstk, 0, 1)}x >= 15x), "
            f"vs whatsapp-chat-parser {verdict(None if vs_wcp is None else vs_wcp > 1)} "
            f"({_cell(vs_wcp, 0, 1)}x > 1x), "
            f"memory {verdict(ratio < 10)} ({ratio:.1f}x the file < 10x)"
        )
        if whatstk is not None:
            print(f"   with --no-safety-screen ({bare:.2f} s): {whatstk / bare:.1f}x whatstk")
        print(
            "   in-process (read to JSON, screen included, no start-up): "
            f"{_cell(inner['whatstk'], 0, 1)}x whatstk, {_cell(inner['wcp'], 0, 1)}x "
            "whatsapp-chat-parser"
        )


if __name__ == "__main__":
    main()
