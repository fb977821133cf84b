"""The command table of ``nearer`` and its quick start-up (no heavy import before a command)."""

from __future__ import annotations

import subprocess
import sys

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
