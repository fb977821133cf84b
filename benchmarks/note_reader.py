"""How often the Connection Check's note reader reads a circumstance from text nearer did not
write, what it reads, and how fast.

    python benchmarks/note_reader.py [--data ../shared/data]

Runs ``read_notes`` over the GoEmotions dev split (Reddit comments, Demszky et al., 2020) and
the safety dev set's texts: neither is a Connection Check note, so nearly every reading there
is a reading a note would not have meant, and the rate is an upper bound on false readings in
free text. Prints readings per question with up to three examples, and texts per second.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from nearer.core.instruments.note_reader import read_notes


def texts_from(data: Path) -> dict[str, list[str]]:
    goemotions = data / "goemotions" / "dev.tsv"
    safety = data / "safety" / "dev.jsonl"
    out: dict[str, list[str]] = {}
    if goemotions.exists():
        lines = goemotions.read_text(encoding="utf-8").splitlines()
        out["goemotions dev"] = [line.split("\t")[0] for line in lines]
    if safety.exists():
        lines = safety.read_text(encoding="utf-8").splitlines()
        out["safety dev"] = [json.loads(line)["text"] for line in lines if line.strip()]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    for name, texts in texts_from(args.data).items():
        start = time.perf_counter()
        counts: Counter[str] = Counter()
        examples: dict[str, list[str]] = defaultdict(list)
        for text in texts:
            for reading in read_notes(text):
                counts[reading.question] += 1
                examples[reading.question].append(reading.words[:70])
        seconds = time.perf_counter() - start
        total = sum(counts.values())
        print(
            f"{name}: {len(texts)} texts, {total} readings ({100 * total / len(texts):.2f}%), "
            f"{len(texts) / seconds:,.0f} texts/s"
        )
        for question, count in counts.most_common():
            print(f"  {question}: {count}  e.g. {examples[question][:3]}")


if __name__ == "__main__":
    main()
