"""What every test shares: the compiled safety rules go to a folder of this run, not the
user's cache (``NEARER_CACHE_DIR``; commands started as subprocesses inherit it)."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ.setdefault("NEARER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
