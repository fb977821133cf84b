"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against the live
test server. No browser download: ``executable_path`` points at the system Chromium, which
.ci/run installs with apt-get."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NEARER_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the test's own database calls
# happen outside any coroutine, so Django's async-safety guard can stand down here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail(
            f"Chromium is not at {CHROMIUM}. Install it with `apt-get install -y chromium` "
            "or set NEARER_CHROMIUM to its path."
        )
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture()
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
