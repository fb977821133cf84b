"""Fixtures for the knowledge base tests: the packaged base, and broken copies of its data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from nearer.core.knowledge import FILES, KnowledgeBase, load

BrokenCopy = Callable[[str, str, str], Path]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return Path(str(resources.files("nearer.core.knowledge") / "data"))


@pytest.fixture
def broken_copy(tmp_path: Path, data_dir: Path) -> BrokenCopy:
    """Copy the data to a temp folder, replace ``old`` by ``new`` once in ``file``, return it."""

    def make(file: str, old: str, new: str) -> Path:
        target = tmp_path / "data"
        target.mkdir(exist_ok=True)
        for name in FILES:
            shutil.copy(data_dir / name, target / name)
        text = (target / file).read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not found in {file}"
        (target / file).write_text(text.replace(old, new, 1), encoding="utf-8")
        return target

    return make
