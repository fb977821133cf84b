"""The scan runs only the rules a text may match: every rule whose pattern matches is among
them, so the results are the same as with every rule. Checked on the dev set, every case
file, the rules' own examples, Reddit comments nobody on the team wrote (GoEmotions) and
generated texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.core.safety import normalise, scan, selection
from nearer.core.safety import prefilter as prefilter_module
from nearer.core.safety.rules import rule_book
from nearer.core.safety.scan import _Context
from nearer.core.safety.selection import rules_to_run
from nearer.core.safety.text import words

SHARED = Path(__file__).parents[4] / "shared"
DEV = SHARED / "data" / "safety" / "dev.jsonl"
GOEMOTIONS = SHARED / "data" / "goemotions" / "dev.tsv"
CASES = Path(__file__).parent / "cases"


def _texts() -> list[str]:
    files = sorted(CASES.glob("*.jsonl")) + ([DEV] if DEV.exists() else [])
    texts = [json.loads(line)["text"] for f in files for line in f.read_text().splitlines() if line]
    texts += [example for rule in rule_book().rules for example in rule.examples]
    if GOEMOTIONS.exists():
        lines = GOEMOTIONS.read_text(encoding="utf-8").splitlines()[:2000]
        texts += [line.split("\t", 1)[0] for line in lines]
    return texts


def _matching(normalised: str) -> set[int]:
    return {i for i, rule in enumerate(rule_book().rules) if rule.pattern.search(normalised)}


def test_the_pieces_are_the_prefilters_word_pieces() -> None:
    assert selection._PIECE.pattern == prefilter_module._WORD_PIECE.pattern


def test_every_rule_that_matches_is_run_and_the_findings_stay_the_same() -> None:
    texts = _texts()
    assert len(texts) > 2000  # more than 4,000 with ../shared's dev set and comments
    book = rule_book()
    matched = past = 0
    for text in texts:
        found = words(text)
        chosen = rules_to_run(found.text)
        matching = _matching(found.text)
        assert matching <= set(chosen), text
        every = _Context(found, book).findings()
        assert _Context(found, book, chosen).findings() == every, text
        matched += bool(matching)
        past += every[1]
    # The check saw many texts that some rule matches, and matches cancelled as past and
    # resolved (which set the gentle resource line) among them.
    assert matched > 1000
    assert past > 15


def test_only_the_rules_a_text_may_match_are_run() -> None:
    book = rule_book().rules
    chosen = [book[i].category for i in rules_to_run(normalise("he choked me last night"))]
    assert "strangulation" in chosen
    assert len(chosen) <= 3
    assert rules_to_run(normalise("lovely weather for the picnic today")) == []
    assert rules_to_run("") == []
    # Rules run in the rule book's order, so the evidence comes out in the same order.
    chosen_ids = rules_to_run(normalise("i want to die, he hit me and took my phone"))
    assert chosen_ids == sorted(chosen_ids)
    assert len(chosen_ids) >= 2


# Words the rules are made of, shuffled into new texts with texting's spellings and marks.
_EXAMPLE_WORDS = sorted(
    {w for rule in rule_book().rules for example in rule.examples for w in example.split()}
)
_MARKS = ["", ".", ",", "!!", "?", "…", " 😢", " lol", "'", "’s", "*"]


@st.composite
def _example_like(draw: st.DrawFn) -> str:
    chosen = draw(st.lists(st.sampled_from(_EXAMPLE_WORDS), min_size=1, max_size=14))
    out = []
    for word in chosen:
        if draw(st.booleans()):
            word = word.upper() if draw(st.booleans()) else word.capitalize()
        out.append(word + draw(st.sampled_from(_MARKS)))
    return " ".join(out)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_example_like(), st.text(max_size=80)))
def test_generated_texts_lose_no_matching_rule(text: str) -> None:
    normalised = normalise(text)
    assert _matching(normalised) <= set(rules_to_run(normalised)), text


def test_a_process_builds_the_selection_only_when_it_scans_many_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(selection, "_scanned", [0])
    monkeypatch.setattr(selection, "_ready", lambda: False)
    text = normalise("he choked me")
    # A process that scans a text or two runs every rule (None) and builds nothing...
    answers = [selection.rules_for_scan(text) for _ in range(selection.SELECT_AFTER)]
    assert answers == [None] * selection.SELECT_AFTER
    # ...and from then on only the rules the text may match.
    assert selection.rules_for_scan(text) == rules_to_run(text)
    assert scan("he choked me").categories == ("strangulation",)
    # With the prefilter in memory already (the chat screen, nearer serve), at once.
    monkeypatch.setattr(selection, "_scanned", [0])
    monkeypatch.setattr(selection, "_ready", lambda: True)
    assert selection.rules_for_scan(text) == rules_to_run(text)


def test_scan_gives_the_same_results_before_and_after_the_switch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = _texts()[:600]
    monkeypatch.setattr(selection, "_scanned", [0])
    monkeypatch.setattr(selection, "SELECT_AFTER", len(texts) + 1)
    monkeypatch.setattr(selection, "_ready", lambda: False)
    every = [scan(text) for text in texts]
    monkeypatch.setattr(selection, "_ready", lambda: True)
    assert [scan(text) for text in texts] == every
