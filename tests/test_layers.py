"""core imports neither the CLI nor the web app (nor their frameworks); checked by walking
the imports of every core module's source, so the rule holds without import-linter too."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "src" / "nearer" / "core"
FORBIDDEN = ("nearer.cli", "nearer.web", "typer", "rich", "django", "click")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_never_imports_cli_web_or_their_frameworks() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 5
    bad = [
        f"{path.relative_to(CORE)} imports {name}"
        for path in files
        for name in imported_modules(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert not bad, bad


def test_core_does_not_print() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(str(path.relative_to(CORE)))
    assert not offenders, offenders
