"""NEARER_BASE_URL: where the links in reminder mail point."""

from __future__ import annotations

import pytest

from nearer.core.errors import SettingsError
from nearer.web.config import ENV_SETTINGS, base_url


def test_default_and_given() -> None:
    assert base_url({}) == "http://127.0.0.1:8000"
    assert base_url({"NEARER_BASE_URL": " https://nearer.example.org/ "}) == (
        "https://nearer.example.org"
    )
    assert base_url({"NEARER_BASE_URL": "https://example.org/nearer"}) == (
        "https://example.org/nearer"
    )
    assert "NEARER_BASE_URL" in ENV_SETTINGS


@pytest.mark.parametrize(
    "raw", ["nearer.example.org", "ftp://example.org", "https://", "https://x.org/?a=1"]
)
def test_not_a_web_address_is_one_line(raw: str) -> None:
    with pytest.raises(SettingsError) as caught:
        base_url({"NEARER_BASE_URL": raw})
    assert str(caught.value) == (
        f"NEARER_BASE_URL={raw!r} is not a web address. Use one like "
        "https://nearer.example.org (no path after the host unless nearer lives there)."
    )
