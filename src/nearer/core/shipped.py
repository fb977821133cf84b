"""Model files shipped inside the package, and the manifest that vouches for them.

The emotion and safety models are both a ``models/`` folder beside their module: the files
and a ``manifest.json`` holding each file's sha256. Reading them goes through here, so a
missing, unreadable or damaged install fails the same way for both, with a ``ModelError``
line that names the model and how to rebuild it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from nearer.core.errors import ModelError

MODEL_DIR = "models"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Shipped:
    package: str  # the package whose models/ folder holds the files
    what: str  # "emotion model", "safety model": how error lines name it
    rebuild: str  # the make target that writes the files again

    def file(self, name: str) -> bytes:
        try:
            return resources.files(self.package).joinpath(MODEL_DIR, name).read_bytes()
        except (FileNotFoundError, OSError) as exc:
            raise ModelError(
                f"the {self.what} file {MODEL_DIR}/{name} is missing from this install. "
                f"Reinstall nearer, or rebuild it with `make {self.rebuild}`."
            ) from exc

    def manifest(self) -> dict[str, Any]:
        try:
            loaded: dict[str, Any] = json.loads(self.file(MANIFEST).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelError(f"the {self.what} manifest is unreadable. Reinstall nearer.") from exc
        return loaded

    def checked(self, name: str, payload: bytes, expected: object) -> bytes:
        """``payload`` when its sha256 is ``expected``; ``ModelError`` otherwise."""
        if hashlib.sha256(payload).hexdigest() != expected:
            raise ModelError(
                f"the {self.what} file {name} does not match its manifest checksum. "
                f"Reinstall nearer, or rebuild it with `make {self.rebuild}`."
            )
        return payload
