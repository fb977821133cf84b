"""The compiled rules, prefilter and rule selection are kept in a folder between runs, and read
back the same."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from nearer.core.safety import compiled, selection
from nearer.core.safety.prefilter import _build, prefilter
from nearer.core.safety.rules import _read_rule_book, rule_book
from nearer.core.safety.scan import _Context
from nearer.core.safety.text import words


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    compiled.keep_in(tmp_path / "cache")
    yield tmp_path / "cache"
    compiled.keep_in(None)


def test_built_once_then_loaded(folder: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"answer": 42}

    modules = ("nearer.core.safety.rules",)
    stale = folder / "safety-test-0123456789abcdef.pickle"  # from older rules
    folder.mkdir(parents=True)
    stale.write_bytes(b"old")
    assert compiled.cached("test", modules, build) == {"answer": 42}
    assert compiled.cached("test", modules, build) == {"answer": 42}
    assert calls == [1]
    assert not stale.exists()
    [written] = folder.glob("safety-test-*.pickle")
    # A damaged file is built again and replaced, not an error.
    written.write_bytes(b"not a pickle")
    assert compiled.cached("test", modules, build) == {"answer": 42}
    assert calls == [1, 1]
    assert pickle.loads(written.read_bytes()) == {"answer": 42}


def test_without_a_folder_nothing_is_written(tmp_path: Path) -> None:
    compiled.keep_in(None)
    assert compiled.cached("test", (), lambda: 7) == 7
    assert not list(tmp_path.iterdir())


def test_an_unwritable_folder_only_costs_the_build(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    compiled.keep_in(blocker / "cache")
    try:
        assert compiled.cached("test", (), lambda: 7) == 7
    finally:
        compiled.keep_in(None)


def test_the_rules_read_back_match_like_the_rules_compiled(folder: Path) -> None:
    fresh = _read_rule_book()
    loaded = compiled.cached("rules", ("nearer.core.safety.rules",), _read_rule_book)
    again = compiled.cached("rules", ("nearer.core.safety.rules",), _read_rule_book)
    assert [r.pattern.pattern for r in again.rules] == [r.pattern.pattern for r in fresh.rules]
    assert again.scopes.negation.pattern == fresh.scopes.negation.pattern
    texts = [example for rule in rule_book().rules for example in rule.examples]
    texts += ["he said he would kill me", "not suicidal, just tired", "ok see you at 5pm"]
    for text in texts:
        found = words(text)
        a = _Context(found, fresh).findings()
        b = _Context(found, again).findings()
        assert a == b, text
    assert loaded.rules[0].id == fresh.rules[0].id


def test_the_prefilter_read_back_is_the_same(folder: Path) -> None:
    built = compiled.cached("prefilter", ("nearer.core.safety.prefilter",), _build)
    assert list(folder.glob("safety-prefilter-*.pickle"))
    loaded = compiled.cached("prefilter", ("nearer.core.safety.prefilter",), _build)
    assert loaded is not built
    assert loaded.requirements == built.requirements
    assert loaded.needs == built.needs
    assert loaded.words == built.words
    assert loaded.alternatives == built.alternatives


def test_the_rule_selection_read_back_is_the_same(folder: Path) -> None:
    def build() -> selection._Selector:
        return selection._build(prefilter())

    built = compiled.cached("selection", ("nearer.core.safety.selection",), build)
    assert list(folder.glob("safety-selection-*.pickle"))
    loaded = compiled.cached("selection", ("nearer.core.safety.selection",), build)
    assert loaded is not built
    assert loaded == built
    assert loaded.first and loaded.pairs and loaded.alone
