"""``nearer emotions``: the 28 GoEmotions labels of a text, the words behind them, and
precise feeling words that may fit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import typer

from nearer.cli.common import fail, out, reading, user_errors
from nearer.core.emotions import MODES, classify, suggest_feelings
from nearer.core.emotions.classify import BATCH, MAX_TEXT_CHARS, EmotionResult
from nearer.core.emotions.feelings import quadrants


def register(app: typer.Typer) -> None:
    app.command("emotions")(emotions_command)


def emotions_command(
    text: str | None = typer.Argument(None, help="The text to read (quote it)."),
    file: Path | None = typer.Option(
        None, "--file", "-f", help="Read one text per line from this UTF-8 file."
    ),
    jsonl: bool = typer.Option(
        False,
        "--jsonl",
        help='Write one JSON object per text: {"text", "labels", "scores", "evidence"}.',
    ),
    mode: str = typer.Option("fast", "--mode", help="fast (default) or accurate."),
    feelings: bool = typer.Option(
        False, "--feelings", help="List nearer's feelings vocabulary by quadrant and exit."
    ),
) -> None:
    """Read the emotions in a text (or one text per line of a file), offline.

    Shows each GoEmotions label found, its score, the words that drove it, and feeling words
    that may name it more precisely.
    """
    if feelings:
        _print_vocabulary()
        return
    if mode not in MODES:
        fail(f"--mode must be one of {', '.join(MODES)}, not {mode!r}.")
    if (text is None) == (file is None):
        fail("give either a TEXT or --file F (one text per line), not both or neither.")
    if file is not None:
        _classify_file(file, mode, jsonl)
        return
    assert text is not None
    with user_errors():
        result = classify([text], mode=mode)[0]
        suggestions = [] if jsonl else suggest_feelings(text, mode=mode)
    if jsonl:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    _print_result(result)
    if suggestions:
        words = ", ".join(
            f"{s.feeling.word} ({'; '.join(e.text for e in s.evidence)})"
            if s.evidence
            else s.feeling.word
            for s in suggestions
        )
        out.print(f"Feeling words that may fit: {words}", markup=False)


def _print_result(result: EmotionResult) -> None:
    out.print(
        "Emotions: " + ", ".join(f"{label} {result.scores[label]:.2f}" for label in result.labels),
        markup=False,
    )
    for label in result.labels:
        spans = result.evidence.get(label, ())
        because = ", ".join(f'"{span.text}"' for span in spans) or "(no single words stand out)"
        out.print(f"  {label:<15} {result.scores[label]:.2f}  {because}", markup=False)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    one_per_line = "a text file with one text per line"
    with (
        reading(str(path), one_per_line, "UTF-8 with one text per line"),
        path.open(encoding="utf-8", newline=None) as handle,
    ):
        for number, line in enumerate(handle, 1):
            yield number, line.rstrip("\n")


def _classify_file(path: Path, mode: str, jsonl: bool) -> None:
    batch: list[str] = []
    first_line = 1
    seen = 0
    for number, line in _lines(path):
        if "\x00" in line:
            fail(f"{path} looks binary (line {number} has a NUL byte). Give a UTF-8 text file.")
        if not line.strip():
            fail(f"line {number} of {path} is empty. Remove blank lines or put a text on them.")
        if len(line) > MAX_TEXT_CHARS:
            fail(
                f"line {number} of {path} is {len(line):,} characters long; the limit is "
                f"{MAX_TEXT_CHARS:,}. Split it over several lines."
            )
        if not batch:
            first_line = number
        batch.append(line)
        seen += 1
        if len(batch) == BATCH:
            _emit(batch, mode, jsonl, first_line)
            batch = []
    if batch:
        _emit(batch, mode, jsonl, first_line)
    if not seen:
        fail(f"{path} has no text in it. Put one text per line.")


def _emit(batch: list[str], mode: str, jsonl: bool, first_line: int) -> None:
    with user_errors():
        results = classify(batch, mode=mode, evidence=jsonl)
    for number, result in enumerate(results, first_line):
        if jsonl:
            typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            out.print(f"{number}: {', '.join(result.labels)}", markup=False)


def _print_vocabulary() -> None:
    for quadrant in quadrants():
        out.print(f"{quadrant.name} ({quadrant.id}): {quadrant.description}", markup=False)
        for family, items in quadrant.families():
            out.print(f"  {family}: {', '.join(f.word for f in items)}", markup=False)
