"""Docs ship with the change: every CLI command and setting is documented."""

from __future__ import annotations

import re
from pathlib import Path

from nearer.cli.main import app

ROOT = Path(__file__).resolve().parent.parent


def test_every_cli_command_has_a_section_in_docs_cli() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## nearer ([\w-]+)", text, re.M))
    import typer.main

    commands = set(typer.main.get_group(app).commands)
    assert commands, "no commands registered"
    assert commands <= headings, f"undocumented commands: {sorted(commands - headings)}"


def test_every_option_of_every_command_is_mentioned() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    import typer.main

    group = typer.main.get_group(app)
    missing = []
    for name, command in group.commands.items():
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt not in ("--help",) and opt not in text:
                    missing.append(f"{name} {opt}")
    assert not missing, f"options not in docs/cli.md: {missing}"


def test_every_environment_setting_is_documented() -> None:
    src = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py"))
    settings = set(re.findall(r"""environ(?:\.get)?\(\s*["'](NEARER_\w+|DATABASE_URL)["']""", src))
    settings |= set(re.findall(r"""environ\[["'](NEARER_\w+|DATABASE_URL)["']\]""", src))
    docs = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    docs += (ROOT / "README.md").read_text(encoding="utf-8")
    assert "NEARER_DATA_DIR" in settings
    undocumented = sorted(s for s in settings if s not in docs)
    assert not undocumented, f"settings missing from README/docs: {undocumented}"


def test_readme_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line for line in block.splitlines()[1:] if line.strip()]
    assert len(commands) == 2, commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].strip() in ci
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for command in commands:
        target = command.split()[-1]
        assert re.search(rf"^{target}:", makefile, re.M), f"no Makefile target {target}"
