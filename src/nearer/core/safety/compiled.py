"""The compiled safety rules and prefilter, kept between runs in a folder the caller names.

Compiling the rules' regular expressions takes about 0.7 s and building the prefilter from
them several seconds more: on every ``nearer analyze`` that was longer than reading a million
messages. After ``keep_in(folder)``, ``rules.rule_book()`` and ``prefilter.prefilter()``
load what they built from a file in that folder and write it the first time. The file's
name is a hash of everything that goes into it (the rule files, the code that reads and
builds them, the Python version and its regex engine), so a changed rule or another Python
builds a new file and never reads an old one. A folder or file that cannot be read or
written is not an error: the rules are then built as before.

A compiled regex pickles as its source and is compiled again when loaded, which would save
nothing; so the rules' patterns are compiled here, keeping the program Python's ``re`` makes
for each (``re._compiler``), and loaded straight from that program.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, TypeVar

T = TypeVar("T")

_folder: list[Path] = []
# Pattern source -> the arguments ``_sre.compile`` took for it (see ``regex``).
_programs: dict[str, tuple[Any, ...]] = {}


def keep_in(folder: Path | None) -> None:
    """Keep the compiled rules in ``folder`` from now on (None: do not keep them)."""
    _folder[:] = [] if folder is None else [folder]


def regex(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, remembering the compiled program so the pattern can be
    stored and loaded without compiling it again."""
    tree = sre_parse.parse(source, 0)
    code = [int(c) for c in sre_compile._code(tree, 0)]  # plain ints: opcodes are named
    groupindex = tree.state.groupdict
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    args = (source, tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup))
    _programs[source] = args
    pattern: re.Pattern[str] = _sre.compile(*args)
    return pattern


def _from_program(*args: Any) -> re.Pattern[str]:
    _programs[args[0]] = args
    pattern: re.Pattern[str] = _sre.compile(*args)
    return pattern


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern) and obj.pattern in _programs:
            return _from_program, _programs[obj.pattern]
        return NotImplemented


def _fingerprint(name: str, sources: tuple[str, ...]) -> str | None:
    """A hash of the rule files, the named modules' code and this Python's regex engine."""
    digest = hashlib.sha256(f"{name} {sys.version} {_sre.MAGIC}".encode())
    data = resources.files("nearer.core.safety").joinpath("data")
    try:
        for item in sorted(data.iterdir(), key=lambda p: p.name):
            if item.name.endswith(".toml"):
                digest.update(item.name.encode() + item.read_bytes())
        for module in (__name__, *sources):
            path = getattr(sys.modules[module], "__file__", None)
            if path is None:
                return None
            digest.update(Path(path).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()[:32]


def cached(name: str, sources: tuple[str, ...], build: Callable[[], T]) -> T:
    """What ``build()`` returns, from the folder of ``keep_in`` when it holds it (written
    there the first time). ``sources``: the modules whose code decides what is built."""
    if not _folder:
        return build()
    key = _fingerprint(name, sources)
    if key is None:
        return build()
    path = _folder[0] / f"safety-{name}-{key}.pickle"
    try:
        with path.open("rb") as fp:
            loaded: T = pickle.load(fp)
        return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        pass  # not there yet, or damaged: built again below
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as fp:
                _Pickler(fp, protocol=pickle.HIGHEST_PROTOCOL).dump(built)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for old in path.parent.glob(f"safety-{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # built from rules or code that have changed
    except OSError:
        pass  # a read-only or full disk only costs the next run the build
    return built
