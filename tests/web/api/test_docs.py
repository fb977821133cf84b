from __future__ import annotations

import re
from pathlib import Path

from tests.web.base import NearerTestCase

DOCS = Path(__file__).resolve().parents[3] / "docs" / "api.md"


class ApiDocsTests(NearerTestCase):
    def test_every_endpoint_is_documented_in_docs_api(self) -> None:
        text = DOCS.read_text(encoding="utf-8")
        documented = {
            (m.upper(), re.sub(r"\{\w+\}", "{}", p))
            for m, p in re.findall(r"`(GET|POST|PATCH|DELETE|PUT) (/api/[^`\s]*)`", text)
        }
        for pair in re.findall(r"`GET (/api/[^`]+)`, `POST (/api/[^`]+)`", text):
            documented |= {("GET", pair[0]), ("POST", pair[1])}
        doc = self.client.get("/api/openapi.json").json()
        missing = []
        for path, operations in doc["paths"].items():
            for method in operations:
                key = (method.upper(), re.sub(r"\{\w+\}", "{}", path))
                if key not in documented:
                    missing.append(f"{key[0]} {path}")
        self.assertEqual(missing, [])
