"""The JSON API under /api/ (filled in below)."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(title="nearer API", version="1", docs_url=None)
