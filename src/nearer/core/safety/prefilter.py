"""A fast first pass for long texts: which could make the scan alert, derived from the rules.

``scan`` costs about a quarter of a millisecond a text, so a chat of a million messages
would take minutes. But a rule can only match normalised text that holds the words its
pattern spells out. This module reads them off the compiled rules themselves (their
regular-expression trees, via Python's own parser), so there is no second word list to keep
in step with the rules:

- each rule is split into its alternatives, and each alternative into the parts that must
  all be there; a part is a set of strings (a run of literal text multiplied out, a class
  of words), and it is met when every word piece of one of its strings is in the text;
- the text's tokens are spelled out with ``text.py``'s own function (texting shorthand,
  emoji, clitics, typo corrections), plus every word the few spellings read together with
  a neighbour may become ("sewer slide", "hell do"), so a piece is found as the scan reads it.

``might_alert(text)`` is False only when no alternative of any rule can be met: then the
scan certainly finds nothing. The tests check on the dev set, every case file and the rules'
own examples that no text the scan alerts on is ever left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from nearer.core.safety import text as normal
from nearer.core.safety.compiled import cached
from nearer.core.safety.rules import rule_book

# A necessary-strings set larger than this is not worth multiplying out further.
_MAX_EXACT = 64
_WORD_PIECE = re.compile(r"[a-z0-9]+")


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


# ``_node`` of the parse-tree nodes seen while building (keyed by identity; the node is kept
# with its answer so the identity is not reused): spreading asks about the same subtrees
# many times over. Emptied when a build ends.
_SEEN: dict[int, tuple[Any, _Info]] = {}


def _node(op: Any, arg: Any) -> _Info:
    seen = _SEEN.get(id(arg))
    if seen is not None and seen[0] is arg:
        return seen[1]
    info = _node_info(op, arg)
    _SEEN[id(arg)] = (arg, info)
    return info


def _node_info(op: Any, arg: Any) -> _Info:
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
_SIDES = {(True, True): "word", (True, False): "prefix", (False, True): "suffix"}


@cache
def _pieces(needed: str) -> tuple[Anchor, ...]:
    out = []
    for m in _WORD_PIECE.finditer(needed):
        left = m.start() > 0 and needed[m.start() - 1] in _BOUNDARY
        right = m.end() < len(needed) and needed[m.end()] in _BOUNDARY
        out.append(Anchor(m.group(), _SIDES.get((left, right), "inside")))
    return tuple(out)


def _rank(anchor: Anchor) -> int:
    """Longer pieces are rarer; a whole word is a little rarer than a piece of that length."""
    return 2 * len(anchor.text) + (anchor.side == "word")


Requirement = frozenset[frozenset[Anchor]]  # met when every piece of one string is there


def _requirements(needed: frozenset[str] | None) -> list[Requirement]:
    """What a set of needed strings requires: the text holds one of the strings, so it holds
    every word piece of that string."""
    if needed is None or _score(needed) <= 0:
        return []
    strings = [frozenset(_pieces(s)) for s in needed]
    return [frozenset(strings)] if all(strings) else []


def _alternatives(tree: Any) -> list[list[Requirement]]:
    """The pattern as alternatives, each a list of requirements that must all be met.

    A rule is one expression ``(?<![^ ])(?:A|B|...)(?![^ ])``: each of A, B, ... is a
    sequence, and every part of a sequence with needed strings is one requirement (runs of
    exact parts are multiplied out first, so "my" + "husband" is the one word "my husband").
    """
    items = list(tree)
    body = [arg for op, arg in items if op is sre_c.BRANCH]
    rest = [(op, arg) for op, arg in items if op is not sre_c.BRANCH]
    if len(body) == 1 and all(op is sre_c.ASSERT_NOT for op, _ in rest):
        # Each alternative sits between the rule's word boundaries.
        edge = (sre_c.ASSERT_NOT, sre_parse.parse("(?<![^ ])").data[0][1])
        return [
            _sequence(spelled)
            for option in body[0][1]
            for spelled in _spread([edge, *_flat(option), edge])
        ]
    return [_sequence(spelled) for spelled in _spread(_flat(items))]


# An alternative is spread into at most this many sequences (see ``_spread``).
_MAX_SPREAD = 32


def _options(op: Any, arg: Any) -> list[list[Any]] | None:
    """The sequences a choice inside a sequence stands for, when it is worth spreading: a
    branch or an optional part that is not one small set of exact strings (those are
    multiplied out already). None otherwise."""
    if op is sre_c.BRANCH:
        if _node(op, arg).exact is not None:
            return None
        return [_flat(list(option)) for option in arg[1]]
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
        low, high, inner = arg
        if low == 0 and high == 1 and _node(op, arg).exact is None:
            return [_flat(list(inner)), []]
    return None


def _spread(items: list[Any]) -> list[list[Any]]:
    """``items`` as the sequences it may match, its inner choices taken one way each.

    "X (?:A B|C) Y" matches only as "X A B Y" or "X C Y", and each of those needs all of its
    parts, where the sequence as a whole only needs X, Y and one part of each option. The
    concepts and the factored starts of the rules (``rules._factor``) are such choices, so
    spreading them makes most alternatives need two or three rare words instead of one
    common one. The choice with the fewest options is spread first, while the count stays
    within ``_MAX_SPREAD``; the rest stay choices.
    """
    done: list[list[Any]] = []
    pending = [items]
    while pending:
        sequence = pending.pop()
        choices = [(j, _options(*item)) for j, item in enumerate(sequence)]
        open_ = [(len(o), j, o) for j, o in choices if o is not None]
        if open_:
            count, j, options = min(open_, key=lambda c: (c[0], c[1]))
            if len(done) + len(pending) + count <= _MAX_SPREAD:
                pending.extend([*sequence[:j], *o, *sequence[j + 1 :]] for o in options)
                continue
        done.append(sequence)
    return done


def _flat(items: Any) -> list[Any]:
    """A sequence with its plain groups opened, so each of their parts is a requirement."""
    out: list[Any] = []
    for op, arg in items:
        inner = list(arg[-1]) if op is sre_c.SUBPATTERN else None
        if inner is not None and not any(o is sre_c.BRANCH for o, _ in inner):
            out.extend(_flat(inner))
        else:
            out.append((op, arg))
    return out


def _sequence(items: list[Any]) -> list[Requirement]:
    needs: list[Requirement] = []
    run: frozenset[str] | None = frozenset({""})

    def close() -> None:
        if run is not None and run != {""}:
            needs.extend(_requirements(run))

    for op, arg in items:
        part = _node(op, arg)
        if part.exact is not None and run is not None:
            product = frozenset(a + b for a in run for b in part.exact)
            if len(product) <= _MAX_EXACT:
                run = product
                continue
        close()
        if part.exact is not None:
            run = part.exact
            continue
        run = frozenset({""})
        needs.extend(_requirements(part.need))
    close()
    return needs


@dataclass(frozen=True)
class Prefilter:
    """The rules' alternatives as requirements over anchor ids, and the anchors by kind.

    It is stored compactly (``compiled``): requirements once each, strings as tuples; the
    keyed sets ``might_alert`` uses are made from them the first time it runs.
    """

    anchors: tuple[Anchor, ...]
    # The distinct requirements: each is met when every anchor of one of its strings is
    # present (strings as sorted anchor ids).
    requirements: tuple[tuple[tuple[int, ...], ...], ...]
    # Each alternative: its requirements (ids into ``requirements``), which must all be met,
    # the most telling first.
    needs: tuple[tuple[int, ...], ...]
    # Anchor id -> alternatives that cannot be met without it being present (see below).
    index: dict[int, tuple[int, ...]]
    words: dict[str, int]
    prefixes: dict[str, int]
    suffixes: dict[str, int]
    inside: dict[str, int]
    lengths: tuple[int, ...]  # lengths of the prefix, suffix and inside anchors
    rule_of: tuple[int, ...]  # alternative -> index of its rule in ``rule_book().rules``

    @cached_property
    def alternatives(self) -> tuple[tuple[dict[int, tuple[frozenset[int], ...]], ...], ...]:
        """Each alternative's requirements, each keyed by its strings' longest pieces, so a
        check looks only at strings that may hold."""
        keyed = [
            _by_key(self.anchors, tuple(frozenset(string) for string in strings))
            for strings in self.requirements
        ]
        return tuple(tuple(keyed[r] for r in needs) for needs in self.needs)

    @cached_property
    def quick(self) -> tuple[tuple[frozenset[int], ...], ...]:
        """Per alternative, the keys of each requirement: a quick test that rules most out."""
        return tuple(tuple(frozenset(need) for need in needs) for needs in self.alternatives)

    def word_anchors(self, word: str) -> frozenset[int]:
        """Anchors that a normalised word satisfies."""
        found = set()
        if word in self.words:
            found.add(self.words[word])
        for k in self.lengths:
            if k > len(word):
                break
            if word[:k] in self.prefixes:
                found.add(self.prefixes[word[:k]])
            if word[-k:] in self.suffixes:
                found.add(self.suffixes[word[-k:]])
            for i in range(len(word) - k + 1):
                hit = self.inside.get(word[i : i + k])
                if hit is not None:
                    found.add(hit)
        return frozenset(found)


def _longest(anchors: tuple[Anchor, ...], string: frozenset[int]) -> int:
    return max(len(anchors[i].text) for i in string)


@cache
def prefilter() -> Prefilter:
    """The prefilter of the packaged rules, built the first time it is needed (or loaded
    from the folder of ``compiled.keep_in``)."""
    return cached("prefilter", (__name__, "nearer.core.safety.rules"), _build)


def _build() -> Prefilter:
    try:
        return _build_from_rules()
    finally:
        _SEEN.clear()
        _pieces.cache_clear()


def _build_from_rules() -> Prefilter:
    ids: dict[Anchor, int] = {}
    numbered: list[tuple[tuple[frozenset[int], ...], ...]] = []
    rule_of: list[int] = []
    for number, rule in enumerate(rule_book().rules):
        for found in _alternatives(sre_parse.parse(rule.pattern.pattern)):
            rule_of.append(number)
            if not found:
                raise ValueError(f"safety rule {rule.id} has an alternative without an anchor")
            numbered.append(
                tuple(
                    tuple(frozenset(ids.setdefault(a, len(ids)) for a in string) for string in need)
                    for need in found
                )
            )
    anchors = tuple(ids)
    # The most telling requirement first, so most texts fail at the first look.
    alternatives = [
        tuple(sorted(needs, key=lambda need: -min(_longest(anchors, s) for s in need)))
        for needs in numbered
    ]
    # An alternative is met only if its most telling requirement is: one of that
    # requirement's strings is wholly present, so that string's longest piece is. Each of
    # those pieces points to the alternative.
    index: dict[int, list[int]] = {}
    for n, needs in enumerate(alternatives):
        telling = max(needs, key=lambda need: min(_longest(anchors, s) for s in need))
        for string in telling:
            best = max(string, key=lambda i: (len(anchors[i].text), i))
            if n not in index.setdefault(best, []):
                index[best].append(n)
    requirements: dict[tuple[tuple[int, ...], ...], int] = {}
    alternative_needs = tuple(
        tuple(
            requirements.setdefault(
                tuple(sorted({tuple(sorted(string)) for string in need})), len(requirements)
            )
            for need in alternative
        )
        for alternative in alternatives
    )
    by_side: dict[str, dict[str, int]] = {"word": {}, "prefix": {}, "suffix": {}, "inside": {}}
    for a, i in ids.items():
        by_side[a.side][a.text] = i
    lengths = sorted({len(a.text) for a in anchors if a.side != "word"})
    return Prefilter(
        anchors=anchors,
        requirements=tuple(requirements),
        needs=alternative_needs,
        index={i: tuple(v) for i, v in index.items()},
        words=by_side["word"],
        prefixes=by_side["prefix"],
        suffixes=by_side["suffix"],
        inside=by_side["inside"],
        lengths=tuple(lengths),
        rule_of=tuple(rule_of),
    )


@lru_cache(maxsize=100_000)
def _token_anchors(token: str) -> frozenset[int]:
    """Anchors the normalised words of one raw token can satisfy (``text.py``'s own mapping,
    and for the few spellings read with a neighbour, every word they may become)."""
    spelled = [normal._spell_out(token)]
    if token in normal._WILL_CLITICS:
        spelled.append(normal._WILL_CLITICS[token])
    for (first, second), word in normal._PHRASES.items():
        if token in (first, second):
            spelled.append(word)
    found: set[int] = set()
    table = prefilter()
    for text in spelled:
        for word in text.split(" "):
            found |= table.word_anchors(word)
    return frozenset(found)


def text_anchors(text: str) -> frozenset[int]:
    """The anchors the tokens of ``text`` satisfy, as the scan would read them."""
    return frozenset().union(*map(_token_anchors, normal._TOKEN.findall(text.lower())))


def might_alert(text: str) -> bool:
    """Whether ``scan(text)`` could alert (False means it certainly does not)."""
    present = text_anchors(text)
    if not present:
        return False
    table = prefilter()
    alternatives, quick = table.alternatives, table.quick
    tried: set[int] = set()
    for anchor in present:
        for n in table.index.get(anchor, ()):
            if n in tried:
                continue
            tried.add(n)
            if any(keys.isdisjoint(present) for keys in quick[n]):
                continue
            if all(_met(need, present) for need in alternatives[n]):
                return True
    return False


def _by_key(
    anchors: tuple[Anchor, ...], need: tuple[frozenset[int], ...]
) -> dict[int, tuple[frozenset[int], ...]]:
    keyed: dict[int, list[frozenset[int]]] = {}
    for string in need:
        best = max(string, key=lambda i: (len(anchors[i].text), i))
        keyed.setdefault(best, []).append(string)
    return {k: tuple(v) for k, v in keyed.items()}


def _met(need: dict[int, tuple[frozenset[int], ...]], present: frozenset[int]) -> bool:
    """Whether every piece of one of the requirement's strings is present."""
    return any(string <= present for k in need.keys() & present for string in need[k])


def candidates(texts: Iterable[str]) -> list[int]:
    """Positions of the texts that may alert: the only ones ``scan`` needs to read."""
    return [i for i, text in enumerate(texts) if might_alert(text)]
