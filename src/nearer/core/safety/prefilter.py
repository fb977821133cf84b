"""A fast first pass for long texts: which parts could make the scan alert, derived from the rules.

``scan`` costs about a quarter of a millisecond a text, so a chat of a million messages
would take minutes. But a rule can only match normalised text that holds one of its
*anchors*: words or pieces of words that every match of the rule contains. This module
reads the anchors off the compiled rules themselves (their regular-expression trees, via
Python's own parser), so there is no second word list to keep in step with the rules, and
turns them into one regular expression over the raw text:

- the anchor as written (any case), so "Kill" and "KILL" are found;
- every texting spelling ``text.py`` expands into it ("kms" for "kill myself", "bf" for
  "boyfriend"), the emoji it reads as it ("🔪" for "knife"), the two-word spellings
  ("sewer slide") and the clitics ("he'll" for "he will");
- for the long risk words the scan corrects one typed slip in ("sucide", "strangeled"),
  either half of the word: a single wrong, missing or extra letter leaves one half whole.

``candidates(texts)`` says which texts hold an anchor; only those need ``scan``. The tests
check on the dev set and every case file that no text the scan alerts on is ever left out.
What is not covered: a slip that moves a letter to the other half of a long word, and
apostrophes typed inside a word ("ki'll"), which the scan itself reads as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from nearer.core.safety import text as normal
from nearer.core.safety.rules import rule_book

# A necessary-strings set larger than this is not worth multiplying out further.
_MAX_EXACT = 64
_WORD_PIECE = re.compile(r"[a-z0-9]+")
_CLITIC_TAILS = {"will": "ll", "would": "d", "are": "re", "have": "ve", "am": "m", "is": "s"}


@dataclass(frozen=True)
class _Info:
    """What every match of a regex node contains.

    ``exact``: the node matches exactly one of these strings (None: not a small finite set);
    ``need``: every match contains at least one of these strings (None: nothing is certain).
    """

    exact: frozenset[str] | None
    need: frozenset[str] | None

    def needed(self) -> frozenset[str] | None:
        return self.exact if self.exact is not None else self.need


_EMPTY = _Info(frozenset({""}), None)
EDGE = "\x01"  # marks a word boundary inside the needed strings
_EDGE = _Info(frozenset({EDGE}), None)
_NOT_SPACE = list(sre_parse.parse("[^ ]").data)
_UNKNOWN = _Info(None, None)


def _score(strings: frozenset[str] | None) -> int:
    """How selective a set of needed strings is: the length of its shortest word piece."""
    if not strings:
        return -1
    return min(max((len(p) for p in _WORD_PIECE.findall(s)), default=0) for s in strings)


def _concat(parts: list[_Info]) -> _Info:
    """A sequence: exact while every part is; otherwise the most selective of its runs of
    exact parts (each run multiplied out) and of its other parts' needs."""
    run: frozenset[str] | None = frozenset({""})
    whole = True
    best: frozenset[str] | None = None
    for part in parts:
        if part.exact is not None and run is not None:
            product = frozenset(a + b for a in run for b in part.exact)
            if len(product) <= _MAX_EXACT:
                run = product
                continue
            best = max((best, run, part.exact), key=_score)
            run, whole = None, False
            continue
        whole = False
        if run is not None:
            best = max((best, run), key=_score)
        best = max((best, part.needed()), key=_score)
        # A new run of exact parts starts after this one.
        run = frozenset({""}) if part.exact is None else part.exact
    if whole and run is not None:
        return _Info(run, None)
    if run is not None:
        best = max((best, run), key=_score)
    return _Info(None, best if _score(best) > 0 else None)


def _branch(options: list[_Info]) -> _Info:
    if all(o.exact is not None for o in options):
        union = frozenset(s for o in options for s in o.exact or ())
        if len(union) <= _MAX_EXACT:
            return _Info(union, None)
        return _Info(None, union)
    needs = [o.needed() for o in options]
    if any(n is None or _score(n) <= 0 for n in needs):
        return _UNKNOWN
    return _Info(None, frozenset(s for n in needs for s in n or ()))


def _info(tree: Any) -> _Info:
    """``_Info`` for a parsed pattern (a list of (opcode, argument) items)."""
    return _concat([_node(op, arg) for op, arg in tree])


def _node(op: Any, arg: Any) -> _Info:
    if op is sre_c.LITERAL:
        return _Info(frozenset({chr(arg)}), None)
    if op is sre_c.SUBPATTERN:
        return _info(arg[-1])
    if op is sre_c.BRANCH:
        return _branch([_info(option) for option in arg[1]])
    if op is sre_c.IN:
        chars = [chr(a) for o, a in arg if o is sre_c.LITERAL]
        if len(chars) == len(arg) and len(chars) <= 8:
            return _Info(frozenset(chars), None)
        return _UNKNOWN
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
        low, high, inner = arg
        child = _info(inner)
        if low == 0:
            # "s?" (what the rules' prefix tries are full of) is the child or nothing.
            if high == 1 and child.exact is not None:
                return _Info(child.exact | {""}, None)
            return _UNKNOWN
        if low == high == 1:
            return child
        return _Info(None, child.needed())
    if op is sre_c.ASSERT_NOT and list(arg[1].data) == _NOT_SPACE:
        return _EDGE  # the rules' word boundary, "(?<![^ ])" and "(?![^ ])"
    if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
        return _EMPTY  # takes no characters
    return _UNKNOWN


@dataclass(frozen=True)
class Anchor:
    """A piece of a normalised word: ``side`` says which ends of it are the word's ends
    ("word": both, "prefix": it starts a word, "suffix": it ends one, "inside": neither)."""

    text: str
    side: str


_BOUNDARY = frozenset(" \x01.,")


def _pieces(needed: str) -> list[Anchor]:
    out = []
    for m in _WORD_PIECE.finditer(needed):
        left = m.start() > 0 and needed[m.start() - 1] in _BOUNDARY
        right = m.end() < len(needed) and needed[m.end()] in _BOUNDARY
        side = {(True, True): "word", (True, False): "prefix", (False, True): "suffix"}
        out.append(Anchor(m.group(), side.get((left, right), "inside")))
    return out


def _rank(anchor: Anchor) -> tuple[bool, int]:
    return anchor.side == "word", len(anchor.text)


def rule_anchors() -> dict[str, frozenset[Anchor]]:
    """Each rule's anchors: one of them is in every text the rule matches (normalised)."""
    anchors: dict[str, frozenset[Anchor]] = {}
    for rule in rule_book().rules:
        needed = _info(sre_parse.parse(rule.pattern.pattern)).needed()
        if needed is None or _score(needed) <= 0:
            raise ValueError(f"safety rule {rule.id} has no anchor word the prefilter can use")
        anchors[rule.id] = frozenset(max(_pieces(s), key=_rank) for s in needed if _pieces(s))
    return anchors


def _spellings(piece: str) -> set[str]:
    """Regular expressions over lower-cased raw text that cover every way ``text.py`` can
    produce a normalised word holding ``piece``."""
    out = {re.escape(piece)}
    for short, spelled in normal._EXPANSIONS.items():
        if piece in spelled:
            out.add(rf"(?<![a-z0-9]){re.escape(short)}(?![a-z0-9])")
    for emoji, word in normal._EMOJI.items():
        if piece in word:
            out.add(re.escape(emoji))
    for (first, second), word in normal._PHRASES.items():
        if piece in word:
            out.add(rf"{re.escape(first)}\W+{re.escape(second)}")
    for short, spelled in normal._WILL_CLITICS.items():
        if piece in spelled:
            out.add(rf"(?<![a-z0-9]){re.escape(short)}(?![a-z0-9])")
    for word, tail in _CLITIC_TAILS.items():
        if piece in word:
            out.add(rf"[a-z0-9]['’‘`´ʼ]{tail}(?![a-z])")
    for word in normal._CORRECTABLE:
        if piece in word:
            half = (len(word) + 1) // 2
            out.update({re.escape(word[:half]), re.escape(word[len(word) - half :])})
    return out


@cache
def prefilter() -> re.Pattern[str]:
    """One compiled expression that finds every anchor of every rule in raw text."""
    spellings = sorted(
        {s for pieces in rule_anchors().values() for p in pieces for s in _spellings(p.text)}
    )
    return re.compile("|".join(spellings), re.IGNORECASE)


def might_alert(text: str) -> bool:
    """Whether ``scan(text)`` could alert (False means it certainly does not)."""
    return prefilter().search(text) is not None


def candidates(texts: Iterable[str]) -> list[int]:
    """Positions of the texts that hold an anchor: the only ones ``scan`` needs to read."""
    search = prefilter().search
    return [i for i, text in enumerate(texts) if search(text) is not None]
