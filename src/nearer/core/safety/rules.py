"""The scan's rules, read from data files, checked against their schema once, compiled, cached.

The rules live in ``data/`` as TOML, apart from the engine that runs them:

- ``concepts.toml``: named classes of words (``[concepts]``), each a list of regular-expression
  alternatives over normalised text (see ``text.py``): ways of saying "kill", "myself", a
  partner, a bruise. Patterns and scopes use them as ``<name>``; concepts may use concepts.
- ``scopes.toml``: the contexts that stop a match from alerting (negation, another person or
  topic, the past and resolved, quotations and lyrics, play, jokes) and the cues that raise
  a level (a weapon, it happening now, pregnancy).
- ``self_harm.toml`` and ``partner_harm.toml``: ``[[rule]]`` tables, each with an ``id``, a
  ``kind``, a ``category`` and a ``level`` from the vocabulary, its ``patterns``, optional
  ``guards`` (the scopes it respects; the file's ``[defaults]`` otherwise), ``unless``
  (patterns that cancel it in the same sentence), ``requires`` (one must occur in the text)
  and ``examples`` (texts it must catch; the tests run them).

In a pattern, ``<name>`` is a concept and ``~N`` (spaces both sides) stands for up to N
words of the same sentence, none of them a negation; ``^N`` is the same gap that also may not
skip "I" or "we" (used after someone else's subject). A pattern always starts and ends on
word boundaries.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, cast

from nearer.core.errors import KnowledgeError
from nearer.core.safety.compiled import cached, regex
from nearer.core.safety.vocabulary import CATEGORIES, LEVELS, Kind, Level, kind_of

RULE_FILES = ("self_harm.toml", "partner_harm.toml")
GUARDS = ("negation", "other_person", "not_partner", "past", "quote", "play", "joke")
_RULE_KEYS = {
    "id",
    "kind",
    "category",
    "level",
    "patterns",
    "guards",
    "unless",
    "requires",
    "examples",
    "note",
}
_CONCEPT = re.compile(r"<([a-z_]+)>")
# " (?:x)?" at the very end needs a space that is not there when x is absent: such a pattern
# silently never matches at the end of a word. Write "(?: x)?" instead.
_TRAILING_OPTIONAL = re.compile(r" \([^()]*(?:\([^()]*\)[^()]*)*\)\?$")
_GAP = re.compile(r" ([~^])(\d+) ")
# A word a gap may skip: anything but a sentence end or a negation, so "he has never hit me"
# is not "he ... hit me". Patterns that need a negation spell it out.
_GAP_WORD = r"(?: (?!(?:not|never|no|nobody|noone)(?: |$))[^ .]+)"
# After someone's subject, "^N" also may not skip the writer as a new subject ("she finds out
# I broke her mug" is not her breaking it).
_GAP_WORD_NO_ME = r"(?: (?!(?:not|never|no|nobody|noone|i|we)(?: |$))[^ .]+)"


@dataclass(frozen=True)
class Rule:
    """One way of saying a kind of risk: a match alerts unless one of its guards applies."""

    id: str
    kind: Kind
    category: str
    level: Level
    pattern: re.Pattern[str]
    guards: frozenset[str]
    unless: re.Pattern[str] | None
    requires: re.Pattern[str] | None
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Escalation:
    """A cue anywhere in the text that raises findings of ``categories`` to ``level``."""

    id: str
    categories: frozenset[str]
    level: Level
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Scopes:
    """The compiled contexts the guards test (see ``scopes.toml`` for what each means)."""

    negation: re.Pattern[str]
    negation_window: int
    clause_break: re.Pattern[str]
    subject_break: re.Pattern[str]
    other_subject: re.Pattern[str]
    first_person: re.Pattern[str]
    not_partner: re.Pattern[str]
    partner_subject: re.Pattern[str]
    subject_window: int
    topic: re.Pattern[str]
    past: re.Pattern[str]
    current: re.Pattern[str]
    relapse: re.Pattern[str]
    quote_cue: re.Pattern[str]
    quote_context: re.Pattern[str]
    play: re.Pattern[str]
    joke: re.Pattern[str]
    serious: re.Pattern[str]


@dataclass(frozen=True)
class RuleBook:
    """Everything the scan runs: rules in file order, scopes and escalations."""

    rules: tuple[Rule, ...]
    scopes: Scopes
    escalations: tuple[Escalation, ...]


def _fail(where: str, problem: str) -> KnowledgeError:
    return KnowledgeError(
        f"Safety rules {where}: {problem}. Reinstall nearer; the packaged rules are damaged."
    )


def _read(name: str) -> dict[str, Any]:
    raw = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(name, f"not valid TOML ({exc})") from exc


def _strings(value: object, where: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(where, "expected a list of non-empty strings")
    if not value and not allow_empty:
        raise _fail(where, "expected at least one entry")
    return tuple(cast(list[str], value))


_LITERAL = re.compile(r"[a-z0-9 ]+")
_LITERAL_GROUP = re.compile(r"\(\?:([a-z0-9 ]+(?:\|[a-z0-9 ]+)+)\)")


def _trie(words: list[str]) -> str:
    """One regular expression for a set of literal words, sharing their prefixes.

    Python's regex engine tries alternatives one by one; "hit(?:s|ting)?" fails faster than
    "hit|hits|hitting", and the concepts are mostly long lists of such words.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return "(?:" + render(tree) + ")"


_SHARED_START = re.compile(r"(<[a-z_]+> [~^]\d+ )(.+)")


def _factor(patterns: tuple[str, ...]) -> list[str]:
    """Patterns that start alike ("<partner_subject> ^3 ...") joined behind one start.

    The regex engine tries every alternative from the beginning, so thirty patterns that each
    begin by looking for a partner as subject looked for one thirty times at every word;
    joined, it looks once. The texts matched are the same.
    """
    groups: dict[str, list[str]] = {}
    order: list[str] = []
    for pattern in patterns:
        shared = _SHARED_START.fullmatch(pattern)
        if shared is None:
            order.append(pattern)
            continue
        start, rest = shared.groups()
        if start not in groups:
            groups[start] = []
            order.append(start)
        groups[start].append(rest)
    return [f"{p}(?:{'|'.join(groups[p])})" if p in groups else p for p in order]


class _Compiler:
    """Expands ``<concept>`` and ``~N`` in patterns and compiles them."""

    def __init__(self, concepts: dict[str, tuple[str, ...]]) -> None:
        self._concepts = concepts
        self._expanded: dict[str, str] = {}

    def expand(self, pattern: str, where: str, seen: tuple[str, ...] = ()) -> str:
        def concept(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in seen:
                raise _fail(where, f"concept <{name}> refers to itself")
            if name not in self._concepts:
                raise _fail(where, f"unknown concept <{name}>")
            if name not in self._expanded:
                alternatives = self._concepts[name]
                if all(_LITERAL.fullmatch(alt) for alt in alternatives):
                    self._expanded[name] = _trie(list(alternatives))
                else:
                    parts = [
                        self.expand(alt, f"concept {name}", (*seen, name)) for alt in alternatives
                    ]
                    self._expanded[name] = "(?:" + "|".join(parts) + ")"
            return self._expanded[name]

        def gap(match: re.Match[str]) -> str:
            word = _GAP_WORD if match.group(1) == "~" else _GAP_WORD_NO_ME
            return f"{word}{{0,{match.group(2)}}} "

        gapped = _GAP.sub(gap, pattern)
        return _CONCEPT.sub(concept, gapped)

    def compile(self, patterns: tuple[str, ...], where: str) -> re.Pattern[str]:
        for pattern in patterns:
            if _TRAILING_OPTIONAL.search(pattern):
                raise _fail(where, f"{pattern!r} ends with ' (...)?'; write '(?: ...)?'")
        body = "|".join(self.expand(p, where) for p in _factor(patterns))
        body = _LITERAL_GROUP.sub(lambda m: _trie(m.group(1).split("|")), body)
        try:
            return regex(rf"(?<![^ ])(?:{body})(?![^ ])")
        except re.error as exc:
            raise _fail(where, f"a pattern is not a valid regular expression ({exc})") from exc


def _level(value: object, where: str) -> Level:
    for level in LEVELS[1:]:
        if value == level:
            return level
    raise _fail(where, f"level must be one of {', '.join(LEVELS[1:])}")


def _rule(raw: object, defaults: frozenset[str], compiler: _Compiler, file: str) -> Rule:
    if not isinstance(raw, dict):
        raise _fail(file, "every [[rule]] must be a table")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise _fail(file, "a rule has no id")
    where = f"{file} rule {rule_id}"
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise _fail(where, f"unknown keys {sorted(unknown)}")
    category = raw.get("category")
    try:
        kind = kind_of(str(category))
    except ValueError as exc:
        raise _fail(where, f"unknown category {category!r}") from exc
    if raw.get("kind") != kind:
        raise _fail(where, f"kind must be {kind!r} for category {category!r}")
    guards = frozenset(_strings(raw.get("guards", sorted(defaults)), where, allow_empty=True))
    if not guards <= set(GUARDS):
        raise _fail(where, f"unknown guards {sorted(guards - set(GUARDS))}")
    unless = raw.get("unless")
    requires = raw.get("requires")
    return Rule(
        id=rule_id,
        kind=kind,
        category=str(category),
        level=_level(raw.get("level"), where),
        pattern=compiler.compile(_strings(raw.get("patterns"), where), where),
        guards=guards,
        unless=None if unless is None else compiler.compile(_strings(unless, where), where),
        requires=None if requires is None else compiler.compile(_strings(requires, where), where),
        examples=_strings(raw.get("examples", []), where, allow_empty=True),
    )


def _scopes(raw: dict[str, Any], compiler: _Compiler) -> Scopes:
    def pattern(name: str) -> re.Pattern[str]:
        return compiler.compile(_strings(raw.get(name), f"scopes.toml {name}"), f"scope {name}")

    def window(name: str) -> int:
        value = raw.get(name)
        if not isinstance(value, int) or not 0 < value < 20:
            raise _fail("scopes.toml", f"{name} must be a whole number of words from 1 to 19")
        return value

    return Scopes(
        negation=pattern("negation"),
        negation_window=window("negation_window"),
        clause_break=pattern("clause_break"),
        subject_break=pattern("subject_break"),
        other_subject=pattern("other_subject"),
        first_person=pattern("first_person"),
        not_partner=pattern("not_partner"),
        partner_subject=compiler.compile(("<partner_subject>",), "scope partner_subject"),
        subject_window=window("subject_window"),
        topic=pattern("topic"),
        past=pattern("past"),
        current=pattern("current"),
        relapse=pattern("relapse"),
        quote_cue=pattern("quote_cue"),
        quote_context=pattern("quote_context"),
        play=pattern("play"),
        joke=pattern("joke"),
        serious=pattern("serious"),
    )


def _escalation(raw: object, compiler: _Compiler) -> Escalation:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise _fail("scopes.toml", "every [[escalate]] needs an id")
    where = f"scopes.toml escalate {raw['id']}"
    categories = frozenset(_strings(raw.get("categories"), where))
    known = {c for cats in CATEGORIES.values() for c in cats}
    if not categories <= known:
        raise _fail(where, f"unknown categories {sorted(categories - known)}")
    return Escalation(
        id=raw["id"],
        categories=categories,
        level=_level(raw.get("level"), where),
        pattern=compiler.compile(_strings(raw.get("patterns"), where), where),
    )


@cache
def rule_book() -> RuleBook:
    """The packaged rules, read and checked the first time the scan runs (loaded from the
    folder of ``compiled.keep_in`` when it holds them)."""
    return cached("rules", (__name__,), _read_rule_book)


def _read_rule_book() -> RuleBook:
    concepts_raw = _read("concepts.toml").get("concepts")
    if not isinstance(concepts_raw, dict):
        raise _fail("concepts.toml", "missing the [concepts] table")
    concepts = {str(k): _strings(v, f"concept {k}") for k, v in concepts_raw.items()}
    compiler = _Compiler(concepts)
    scopes_raw = _read("scopes.toml")
    scopes = _scopes(scopes_raw.get("scopes", {}), compiler)
    escalations = tuple(_escalation(e, compiler) for e in scopes_raw.get("escalate", []))
    rules: list[Rule] = []
    for file in RULE_FILES:
        data = _read(file)
        defaults = frozenset(_strings(data.get("defaults", {}).get("guards"), f"{file} defaults"))
        rules.extend(_rule(r, defaults, compiler, file) for r in data.get("rule", []))
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise _fail("files", f"rule ids used twice: {', '.join(duplicates)}")
    return RuleBook(tuple(rules), scopes, escalations)
