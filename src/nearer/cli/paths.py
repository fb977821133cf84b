"""Where nearer keeps its files on this machine: ``NEARER_DATA_DIR`` or the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def data_dir() -> Path:
    """The folder for saved progress and results; created on first write, not here."""
    configured = os.environ.get("NEARER_DATA_DIR")
    return Path(configured).expanduser() if configured else Path(user_data_dir("nearer"))
