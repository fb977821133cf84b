"""``nearer safety``: the free-text safety scan of a text, or of one text per line of a file.

Shows what the scan found (kinds, level, categories), the words behind each finding picked out
in the text, and where help is: ``nearer learn crisis`` and the web app's help page.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.text import Text

from nearer.cli.common import fail, out, reading
from nearer.cli.paths import cache_dir
from nearer.core.safety import ScanResult, scan
from nearer.core.safety.compiled import keep_in

STDIN = "-"
_KIND_NAMES = {"self_harm": "self-harm", "partner_harm": "harm from a partner"}
_HELP_LINE = (
    "Help now: `nearer learn crisis --country CODE` lists crisis and safety lines for your "
    "country (the web app's help page has them too). If you are in danger, call your local "
    "emergency number."
)
_PAST_LINE = (
    "No alert: this reads as past and resolved. If it ever comes back, `nearer learn crisis` "
    "lists people you can talk to."
)


def register(app: typer.Typer) -> None:
    app.command("safety")(safety_command)


def safety_command(
    text: str | None = typer.Argument(None, help="The text to scan (quote it)."),
    file: str | None = typer.Option(
        None, "--file", "-f", help="Scan one text per line of this UTF-8 file ('-' for stdin)."
    ),
    jsonl: bool = typer.Option(
        False,
        "--jsonl",
        help='Write one JSON object per text: {"text", "alert", "kinds", "level", '
        '"categories", "evidence"}.',
    ),
) -> None:
    """Scan text for signs of risk to life or of fear, control or violence from a partner.

    Offline and explainable: every finding shows the words behind it. nearer screens and
    points to help; it does not diagnose.
    """
    keep_in(cache_dir())  # the compiled rules, built once rather than on every run
    if (text is None) == (file is None):
        fail(
            "give either a TEXT or --file F (one text per line, '-' for stdin), "
            "not both or neither."
        )
    if file is not None:
        _scan_lines(file, jsonl)
        return
    assert text is not None
    if "\x00" in text:
        fail("the text has a NUL byte. Give plain text.")
    result = scan(text)
    if jsonl:
        typer.echo(json.dumps(result.to_dict(text), ensure_ascii=False))
    else:
        _print_result(text, result)


def _highlighted(text: str, result: ScanResult) -> Text:
    shown = Text(text)
    for evidence in result.evidence:
        shown.stylize("bold reverse", evidence.start, evidence.end)
    return shown


def _print_result(text: str, result: ScanResult) -> None:
    if not result.alert:
        out.print(
            _PAST_LINE if result.past_resolved else "No risk found.", markup=False, soft_wrap=True
        )
        return
    kinds = " and ".join(_KIND_NAMES[k] for k in result.kinds)
    out.print(f"Risk: {kinds}, level {result.level}", markup=False, soft_wrap=True)
    out.print(
        "Categories: " + ", ".join(c.replace("_", " ") for c in result.categories), markup=False
    )
    out.print(Text("Words: ") + _highlighted(text, result), soft_wrap=True)
    for evidence in result.evidence:
        # Say which findings the trained model added: its evidence is a whole sentence.
        by = "  (trained model)" if evidence.rule.startswith("model:") else ""
        out.print(
            f'  {evidence.category.replace("_", " "):<18} {evidence.level:<9} "{evidence.text}"'
            + by,
            markup=False,
            soft_wrap=True,
        )
    out.print(_HELP_LINE, markup=False, soft_wrap=True)


def _read_lines(name: str) -> Iterator[tuple[int, str]]:
    """Lines of a UTF-8 file or of stdin, without their line ends."""
    label = "stdin" if name == STDIN else name
    one_per_line = "a text file with one text per line"
    with reading(label, one_per_line, "UTF-8 with one text per line"):
        raw = sys.stdin.buffer.read() if name == STDIN else Path(name).read_bytes()
        if b"\x00" in raw:
            fail(f"{label} looks binary (it has NUL bytes). Give a UTF-8 text file.")
        content = raw.decode("utf-8-sig")
    if not content.strip():
        fail(f"{label} has no text in it. Put one text per line.")
    # One text per "\n" (or "\r\n"); other Unicode line breaks stay inside their text.
    parts = content.split("\n")
    if parts[-1] == "":
        parts.pop()
    yield from enumerate((p[:-1] if p.endswith("\r") else p for p in parts), 1)


def _scan_lines(name: str, jsonl: bool) -> None:
    # Read and check everything first, so a bad file prints only its error line.
    lines = list(_read_lines(name))
    for number, line in lines:
        result = scan(line)
        if jsonl:
            typer.echo(json.dumps(result.to_dict(line), ensure_ascii=False))
        elif result.alert:
            kinds = ", ".join(result.kinds)
            categories = ", ".join(result.categories)
            out.print(
                f"{number}: {result.level} {kinds} ({categories})", markup=False, soft_wrap=True
            )
        else:
            out.print(f"{number}: none", markup=False, soft_wrap=True)
