"""Which rules can match one text, so ``scan`` runs only those rules' patterns.

Running every rule's regular expression over every text was almost all of ``scan``'s time:
56 patterns a text, each a long alternation tried at every word, while most texts hold the
words of one or two rules at most. The prefilter (``prefilter.py``) already reads, off the
compiled rules, what each alternative of a rule needs: requirements, each met when every
word piece of one of its strings is present. ``rules_to_run`` checks them against the
normalised text itself, the very string the patterns run on:

- its pieces are the maximal runs of ``[a-z0-9]`` in it. A needed piece whose two ends are
  word ends in its string (a space, a word boundary, "." or ",") is such a run; one that
  starts or ends a word is a run's prefix or suffix; any other lies inside a run. That is
  what ``Prefilter.word_anchors`` reads off one run, so every piece of a string that occurs
  in the text is among the anchors found;
- a rule whose pattern matches the text matches it through one of its alternatives, and
  that alternative's needed strings occur in the match, so its requirements are all met.

So a rule left out cannot match, and skipping it changes no result: not the evidence, not
``past_resolved`` (a cancelled match needs a match too). The tests check on the dev set,
every case file, the rules' examples and generated texts that every rule whose pattern
matches is among the rules chosen, and that ``scan`` gives the same results with every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from nearer.core.safety.compiled import cached
from nearer.core.safety.prefilter import Prefilter, prefilter

# The prefilter's word pieces (``prefilter._WORD_PIECE``), found in the normalised text.
_PIECE = re.compile(r"[a-z0-9]+")
_NOTHING: tuple[()] = ()
_NONE: frozenset[int] = frozenset()
# Strings of two anchors or more under their longest anchor: (the second longest anchors,
# second anchor -> (the requirements of the strings of just those two, (requirement, the
# other anchors) for the longer strings)).
_Longer = tuple[tuple[int, frozenset[int]], ...]
_Pairs = tuple[frozenset[int], dict[int, tuple[frozenset[int], _Longer]]]


@dataclass(frozen=True)
class _Selector:
    """The prefilter's requirements turned round, so a text is read anchor by anchor.

    ``alone``: anchor -> the requirements one of whose strings is that anchor alone;
    ``pairs``: for the strings of two or more anchors, keyed by their two longest anchors:
    first anchor -> (the second anchors, second anchor -> (the requirements of strings of
    just those two anchors, (requirement, the other anchors) for longer strings));
    ``first``: requirement -> (rule, the alternative's other requirements) for each
    alternative whose first (most telling) requirement it is.
    """

    alone: dict[int, tuple[int, ...]]
    pairs: dict[int, _Pairs]
    first: dict[int, tuple[tuple[int, frozenset[int]], ...]]
    leads: frozenset[int]  # the keys of ``first``
    keys: frozenset[int]  # the keys of ``pairs``


def _build(table: Prefilter) -> _Selector:
    # Anchor ids in the order longest first (ties by id), as a sort key.
    order = sorted(range(len(table.anchors)), key=lambda i: (-len(table.anchors[i].text), i))
    longest_first = [0] * len(order)
    for place, anchor in enumerate(order):
        longest_first[anchor] = place
    place_of = longest_first.__getitem__
    alone: dict[int, dict[int, None]] = {}
    pairs: dict[int, dict[int, tuple[dict[int, None], list[tuple[int, frozenset[int]]]]]] = {}
    for number, strings in enumerate(table.requirements):
        for string in strings:
            if len(string) == 1:
                alone.setdefault(string[0], {})[number] = None
                continue
            key, second, *rest = sorted(string, key=place_of)
            two, longer = pairs.setdefault(key, {}).setdefault(second, ({}, []))
            if rest:
                longer.append((number, frozenset(rest)))
            else:
                two[number] = None
    first: dict[int, list[tuple[int, frozenset[int]]]] = {}
    for alternative, needs in enumerate(table.needs):
        lead, *others = needs
        first.setdefault(lead, []).append((table.rule_of[alternative], frozenset(others)))
    return _Selector(
        alone={a: tuple(r) for a, r in alone.items()},
        pairs={
            a: (
                frozenset(by),
                {b: (frozenset(two), tuple(longer)) for b, (two, longer) in by.items()},
            )
            for a, by in pairs.items()
        },
        first={r: tuple(found) for r, found in first.items()},
        leads=frozenset(first),
        keys=frozenset(pairs),
    )


@cache
def _selector() -> _Selector:
    """Built from the prefilter the first time a text is scanned (about a tenth of a
    second), or loaded from the folder of ``compiled.keep_in``."""
    sources = (__name__, "nearer.core.safety.prefilter", "nearer.core.safety.rules")
    return cached("selection", sources, lambda: _build(prefilter()))


@lru_cache(maxsize=30_000)
def _run(run: str) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """What one run of the text brings, remembered (most runs are common words; 30,000 runs
    take about 20 MB): its anchors, the requirements they meet alone, and those of them
    that key longer strings. Empty sets are one shared set."""
    selector = _selector()
    anchors = prefilter().word_anchors(run)
    alone = frozenset(n for a in anchors for n in selector.alone.get(a, _NOTHING))
    keyed = anchors & selector.keys
    return anchors or _NONE, alone or _NONE, keyed or _NONE


def rules_to_run(normalised: str) -> list[int]:
    """Indices into ``rule_book().rules``, ascending, of the rules whose patterns may match
    ``normalised`` (a text as ``text.words`` normalises it); no other rule matches it."""
    present: set[int] = set()
    met: set[int] = set()
    keys: set[int] = set()
    for run in set(_PIECE.findall(normalised)):
        anchors, alone, keyed = _run(run)
        present |= anchors
        met |= alone
        keys |= keyed
    selector = _selector()
    pairs = selector.pairs
    for key in keys:
        seconds, found = pairs[key]
        for second in seconds & present:
            two, longer = found[second]
            met |= two
            for number, rest in longer:
                if rest <= present:
                    met.add(number)
    chosen: set[int] = set()
    for number in met & selector.leads:
        for rule, others in selector.first[number]:
            if rule not in chosen and others <= met:
                chosen.add(rule)
    return sorted(chosen)


# Building the selection (the prefilter and its index) takes about 2 s, or a tenth of a second
# from the folder of ``compiled.keep_in``: as long as scanning a few hundred to a few thousand
# texts with every rule. So a process that scans a text or two (``nearer safety TEXT``, a
# journal entry saved on the web) never builds it: its first texts run every rule, and the
# selection is used from text number ``SELECT_AFTER`` on, or at once when the prefilter is in
# memory already (the chat screen and ``nearer serve`` load it). The results are the same.
SELECT_AFTER = 200
_scanned = [0]


def _ready() -> bool:
    return bool(_selector.cache_info().currsize or prefilter.cache_info().currsize)


def rules_for_scan(normalised: str) -> list[int] | None:
    """The rules ``scan`` runs on ``normalised``: ``rules_to_run`` once the selection pays for
    itself in this process, None (every rule) before."""
    if _scanned[0] < SELECT_AFTER and not _ready():
        _scanned[0] += 1
        return None
    return rules_to_run(normalised)
