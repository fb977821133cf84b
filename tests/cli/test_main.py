"""The command table of ``nearer`` and its quick start-up (no heavy import before a command)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from nearer.cli.main import COMMAND_MODULES, COMMANDS, build_app


def test_every_command_is_mapped_to_the_module_that_registers_it() -> None:
    for module in COMMAND_MODULES:
        built = build_app((module,))
        names = {c.name or c.callback.__name__ for c in built.registered_commands if c.callback}
        assert names == {name for name, owner in COMMANDS.items() if owner == module}, module


def _loaded_after(args: list[str]) -> set[str]:
    code = (
        "import sys\n"
        f"sys.argv = ['nearer', *{args!r}]\n"
        "from nearer.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('numpy', 'typer', 'django', 'rich') or m.startswith('nearer.'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.strip().splitlines()[-1].split())


def test_version_imports_no_command_and_no_library() -> None:
    loaded = _loaded_after(["--version"])
    assert not {m for m in loaded if m.split(".")[0] in ("numpy", "typer", "django", "rich")}
    assert not {m for m in loaded if m.startswith("nearer.cli.") and m != "nearer.cli.main"}


def test_a_command_imports_only_its_own_module() -> None:
    loaded = _loaded_after(["analyze", "--help"])
    commands = {m for m in loaded if m.startswith("nearer.cli.")}
    assert "nearer.cli.analyze" in commands
    assert not commands & {f"nearer.cli.{m}" for m in COMMAND_MODULES if m != "analyze"}
    assert "numpy" not in loaded  # the analysis loads when it runs, not for --help


def _analyze(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    code = (
        f"import sys\nsys.argv = ['nearer', 'analyze', *{args!r}]\n"
        "from nearer.cli.main import main\nmain()\n"
    )
    env = {**os.environ, "NEARER_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_analyze_reads_its_options_without_pydantic(tmp_path: Path) -> None:
    from nearer.core.analysis.synthetic import synthetic_couple
    from nearer.core.chats.render import Layout, render_whatsapp

    chat = tmp_path / "chat.txt"
    chat.write_text(render_whatsapp(synthetic_couple("mutual-drift", weeks=30, seed=2), Layout()))
    out = tmp_path / "report.json"
    done = _analyze([str(chat), "--json", str(out), "--gap", "5h", "--no-emotions"], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["settings"]["gap_hours"] == 5
    assert "safety" in report  # screened by default
    assert "pydantic" not in done.stderr  # typer's value checks are not imported
    # The rules were compiled into the cache folder for the next run.
    assert list((tmp_path / "cache").glob("safety-prefilter-*.pickle"))
    missing = _analyze([str(tmp_path / "nope.txt")], tmp_path)
    assert missing.returncode == 2
    lines = [line for line in missing.stderr.splitlines() if not line.startswith("import time")]
    assert lines == [f"Error: chat file {tmp_path / 'nope.txt'} does not exist. Check the path."]
    usage = _analyze(["--safety-screen"], tmp_path)
    assert usage.returncode == 2
    assert "Option '--safety-screen' requires an argument" in usage.stderr
