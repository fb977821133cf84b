"""Where nearer keeps its files (``NEARER_DATA_DIR``), and which country this machine is in."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir


def data_dir() -> Path:
    """The folder for saved progress and results; created on first write, not here."""
    configured = os.environ.get("NEARER_DATA_DIR")
    return Path(configured).expanduser() if configured else Path(user_data_dir("nearer"))


def cache_dir() -> Path:
    """The folder for what nearer can always build again: the compiled safety rules, so a
    command does not compile them on every run (``NEARER_CACHE_DIR``)."""
    configured = os.environ.get("NEARER_CACHE_DIR")
    return Path(configured).expanduser() if configured else Path(user_cache_dir("nearer"))


def country_from_locale() -> str | None:
    """Take the country from LANG-style variables (en_GB.UTF-8 -> GB); None if unknown."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if "_" in value:
            code = value.split("_", 1)[1][:2]
            if code.isalpha():
                return code.upper()
    return None
