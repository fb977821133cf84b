"""Typed field readers for one TOML table, with errors that name file, entry and field.

The knowledge base is package data, so a schema error is a packaging bug; but tests feed
broken copies through ``load_from`` and people editing the files need to know exactly
where they went wrong. Every ``KnowledgeError`` raised here reads
``Knowledge file F, <kind> <id>, field X: what is wrong. How to fix it.``
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from typing import Any

from nearer.core.errors import KnowledgeError
from nearer.core.knowledge.records import SEEDS

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def file_error(file: str, problem: str, fix: str) -> KnowledgeError:
    return KnowledgeError(f"Knowledge file {file}: {problem}. {_sentence(fix)}")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _listing(allowed: Collection[str]) -> str:
    return ", ".join(sorted(allowed))


class Table:
    """One TOML table (an entry) being read; remembers which keys were used.

    Call ``done()`` after reading every field so that a misspelt key is reported instead
    of silently ignored.
    """

    def __init__(self, file: str, kind: str, data: Any, position: int, id_key: str = "id"):
        self.file = file
        self.kind = kind
        if not isinstance(data, Mapping):
            raise file_error(
                file,
                f"{kind} #{position} is {type(data).__name__}, not a table",
                f"Write it as [[{kind}]] followed by key = value lines",
            )
        self.data: Mapping[str, Any] = data
        self.used: set[str] = set()
        raw_id = data.get(id_key)
        self.label = raw_id if isinstance(raw_id, str) and raw_id else f"#{position}"

    def error(self, field: str, problem: str, fix: str) -> KnowledgeError:
        where = f"Knowledge file {self.file}, {self.kind} {self.label}, field {field}"
        return KnowledgeError(f"{where}: {problem}. {_sentence(fix)}")

    def _get(self, key: str, optional: bool) -> Any:
        self.used.add(key)
        if key not in self.data:
            if optional:
                return None
            raise self.error(key, "is missing", f"Add {key} = ... to this {self.kind}")
        return self.data[key]

    def text(self, key: str) -> str:
        value = self._get(key, optional=False)
        if not isinstance(value, str) or not value.strip():
            raise self.error(
                key, f"must be non-empty text, got {_shown(value)}", "Write it in quotes"
            )
        return " ".join(value.split())

    def optional_text(self, key: str) -> str | None:
        value = self._get(key, optional=True)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(
                key, f"must be non-empty text, got {_shown(value)}", "Write text or drop the key"
            )
        return " ".join(value.split())

    def texts(self, key: str, *, at_least: int = 1) -> tuple[str, ...]:
        value = self._get(key, optional=False)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(
                key,
                f"must be a list of non-empty texts, got {_shown(value)}",
                'Write it as ["...", "..."]',
            )
        if len(value) < at_least:
            raise self.error(
                key, f"needs at least {at_least} item(s), has {len(value)}", "Add the missing items"
            )
        return tuple(" ".join(v.split()) for v in value)

    def ident(self, key: str = "id") -> str:
        value = self._get(key, optional=False)
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            raise self.error(
                key,
                f"must be a lower_snake_case id, got {_shown(value)}",
                "Use letters, digits and underscores, starting with a letter",
            )
        return value

    def choice(self, key: str, allowed: Collection[str]) -> str:
        value = self._get(key, optional=False)
        if value not in allowed:
            raise self.error(
                key, f"{_shown(value)} is not allowed", f"Use one of: {_listing(allowed)}"
            )
        return str(value)

    def choices(self, key: str, allowed: Collection[str], *, at_least: int = 0) -> tuple[str, ...]:
        value = self._get(key, optional=at_least == 0)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(
                key, f"must be a list of ids, got {_shown(value)}", 'Write it as ["id", ...]'
            )
        unknown = [v for v in value if v not in allowed]
        if unknown:
            raise self.error(
                key, f"{_shown(unknown[0])} is not a known id", f"Use one of: {_listing(allowed)}"
            )
        if len(set(value)) != len(value):
            raise self.error(key, "lists an id twice", "Keep each id once")
        if len(value) < at_least:
            raise self.error(key, f"needs at least {at_least} id(s)", "Add the missing ids")
        return tuple(value)

    def integer(self, key: str, low: int, high: int) -> int:
        value = self._get(key, optional=False)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.error(
                key,
                f"must be a whole number from {low} to {high}, got {_shown(value)}",
                "Give the number without quotes",
            )
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._get(key, optional=True)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(
                key, f"must be true or false, got {_shown(value)}", "Write true or false"
            )
        return value

    def date(self, key: str) -> dt.date:
        value = self._get(key, optional=False)
        if isinstance(value, dt.datetime):
            value = value.date()
        elif isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                value = None
        if not isinstance(value, dt.date):
            raise self.error(
                key, f"must be a date, got {_shown(self.data.get(key))}", "Write it as YYYY-MM-DD"
            )
        if value > dt.date.today():
            raise self.error(
                key,
                f"{value.isoformat()} is in the future",
                "Give the date the entry was actually checked",
            )
        return value

    def sources(self, key: str = "sources") -> tuple[str, ...]:
        value = self.data.get(key)
        if isinstance(value, list):
            unknown = [v for v in value if v not in SEEDS]
            if unknown:
                self.used.add(key)
                raise self.error(
                    key,
                    f"{_shown(unknown[0])} is not a seed article file name",
                    f"Cite one of: {_listing(SEEDS)}",
                )
        return self.choices(key, SEEDS, at_least=1)

    def tables(self, key: str) -> list[Any]:
        value = self._get(key, optional=False)
        if not isinstance(value, list) or not value:
            raise self.error(
                key, "must hold at least one table", f"Add [[{self.kind}.{key}]] tables"
            )
        return value

    def done(self) -> None:
        extra = sorted(set(self.data) - self.used)
        if extra:
            raise self.error(
                extra[0],
                "is not a field of this kind of entry",
                f"Check the spelling; allowed fields are {_listing(self.used)}",
            )
