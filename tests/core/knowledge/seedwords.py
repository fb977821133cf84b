"""8-word fingerprints of the seed articles, so wording tests run without the seeds.

The seeds live outside the repository (../shared/seeds/). ``seed_shingles.txt`` stores a
short hash of every run of ``RUN`` consecutive words in them, never the words. Regenerate
it after the seeds change:

    .venv/bin/python tests/core/knowledge/seedwords.py ../shared/seeds
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

# A shared run of this many words counts as copying (team rule for user-facing text).
RUN = 8
HERE = Path(__file__).parent
FINGERPRINTS = HERE / "seed_shingles.txt"
SEED_DIR = HERE.parents[2].parent / "shared" / "seeds"


def words(text: str) -> list[str]:
    """Lower-case words with apostrophes kept inside them; punctuation and case ignored."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text)


def runs(text: str, size: int = RUN) -> Iterator[tuple[str, ...]]:
    found = words(text)
    for start in range(len(found) - size + 1):
        yield tuple(found[start : start + size])


def fingerprint(run: tuple[str, ...]) -> str:
    return hashlib.blake2b(" ".join(run).encode(), digest_size=8).hexdigest()


def fingerprints_of(texts: Iterable[str]) -> set[str]:
    return {fingerprint(r) for text in texts for r in runs(text)}


def stored_fingerprints() -> set[str]:
    return set(FINGERPRINTS.read_text(encoding="ascii").split())


def seed_texts(folder: Path = SEED_DIR) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else SEED_DIR
    prints = sorted(fingerprints_of(seed_texts(folder).values()))
    FINGERPRINTS.write_text("\n".join(prints) + "\n", encoding="ascii")
    print(f"wrote {len(prints)} fingerprints to {FINGERPRINTS}")
