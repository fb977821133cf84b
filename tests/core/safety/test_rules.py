"""The rules as data: the packaged files load and pass their schema; broken rules fail clearly."""

from __future__ import annotations

import re
from typing import Any

import pytest

from nearer.core.errors import KnowledgeError
from nearer.core.safety.rules import GUARDS, _Compiler, _rule, _trie, rule_book
from nearer.core.safety.vocabulary import CATEGORIES, LEVELS, kind_of


def _good() -> dict[str, Any]:
    return {
        "id": "test.rule",
        "kind": "self_harm",
        "category": "nssi",
        "level": "concern",
        "patterns": ["<hurt> myself"],
    }


COMPILER = _Compiler({"hurt": ("hurt", "harm"), "loop": ("<loop>",)})


def test_packaged_rules_load_once_and_are_cached() -> None:
    book = rule_book()
    assert rule_book() is book
    assert len(book.rules) >= 20
    ids = [r.id for r in book.rules]
    assert len(ids) == len(set(ids))
    for rule in book.rules:
        assert rule.category in CATEGORIES[rule.kind]
        assert kind_of(rule.category) == rule.kind
        assert rule.level in LEVELS[1:]
        assert rule.guards <= set(GUARDS)
    assert {e.level for e in book.escalations} <= {"urgent", "emergency"}


def test_a_good_rule_compiles_with_default_guards() -> None:
    rule = _rule(_good(), frozenset({"negation"}), COMPILER, "test.toml")
    assert rule.guards == frozenset({"negation"})
    assert rule.pattern.search("i harm myself")
    assert not rule.pattern.search("i harmed myself")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"category": "sadness"}, "unknown category 'sadness'"),
        ({"kind": "partner_harm"}, "kind must be 'self_harm'"),
        ({"level": "none"}, "level must be one of concern, urgent, emergency"),
        ({"patterns": []}, "expected at least one entry"),
        ({"patterns": ["<missing> myself"]}, "unknown concept <missing>"),
        ({"patterns": ["<loop>"]}, "concept <loop> refers to itself"),
        ({"patterns": ["(unclosed"]}, "not a valid regular expression"),
        ({"guards": ["vibes"]}, "unknown guards ['vibes']"),
        ({"patterns": ["hurt myself (?:again)?"]}, "ends with ' (...)?'"),
        ({"colour": "red"}, "unknown keys ['colour']"),
        ({"id": ""}, "a rule has no id"),
    ],
)
def test_a_broken_rule_fails_with_a_clear_line(change: dict[str, Any], message: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        _rule(_good() | change, frozenset(), COMPILER, "test.toml")
    assert message in str(caught.value)
    assert "Reinstall nearer" in str(caught.value)


def test_gaps_never_skip_a_negation_or_a_sentence_end() -> None:
    compiler = _Compiler({})
    pattern = compiler.compile(("he ~3 hit me",), "test")
    assert pattern.search("he really hit me")
    assert not pattern.search("he has never hit me")
    assert not pattern.search("he left . someone hit me")
    after_someone = compiler.compile(("she ^3 broke",), "test")
    assert after_someone.search("she just broke")
    assert not after_someone.search("she found out i broke")


@pytest.mark.parametrize(
    "words",
    [
        ["hit", "hits", "hitting"],
        ["a", "ab", "abc"],
        ["he", "she", "you"],
        ["x"],
        ["me", "my self"],
    ],
)
def test_word_lists_compile_to_a_prefix_tree_matching_exactly_those_words(words: list[str]) -> None:
    tree = re.compile(_trie(words) + "$")
    for word in words:
        assert tree.match(word)
    for other in ("", "hi", "zz", "hitt", "mys"):
        assert (tree.match(other) is not None) is (other in words)
