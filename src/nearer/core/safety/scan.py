"""The free-text safety scan: what a text says about risk, with the words that say it.

``scan(text)`` reads a journal entry, a check-in note, a Connection Check note or an API text
field and returns a ``ScanResult``: whether to alert, the kinds and categories of risk, the
most serious level, and evidence spans (start, end, text, category) into the original string.
It is offline, deterministic and explainable: every alert shows the words behind it and the
rule that found them.

The engine knows nothing about risk itself; the rules and the contexts that cancel them
(negation, another person or topic, the past and resolved, quotations, play, jokes) are data
(``rules.py`` reads ``data/*.toml``). A match that is cancelled only because it lies clearly
in the past and resolved sets ``past_resolved``: a gentle resource line, not an alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nearer.core.safety.rules import Rule, RuleBook, Scopes, rule_book
from nearer.core.safety.text import Words, words
from nearer.core.safety.vocabulary import KINDS, LEVELS, SELF_HARM, Kind, Level, highest, kind_of


@dataclass(frozen=True)
class Evidence:
    """Words in the original text behind a finding: ``text == source[start:end]``.

    ``rule`` names the rule that found them (not part of the JSON contract) and ``level`` the
    level that finding carries.
    """

    start: int
    end: int
    text: str
    category: str
    rule: str = ""
    level: Level = "none"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "category": self.category}


@dataclass(frozen=True)
class ScanResult:
    """What one text says about risk; ``level`` is "none" when there is no alert.

    ``past_resolved`` is set when the only risk words describe something clearly past and
    resolved ("ten years free of self-harm"): worth a gentle resource line, not an alert.
    """

    kinds: tuple[Kind, ...]
    level: Level
    categories: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    past_resolved: bool = False

    @property
    def alert(self) -> bool:
        return bool(self.kinds)

    @property
    def self_harm(self) -> bool:
        return SELF_HARM in self.kinds

    @property
    def partner_harm(self) -> bool:
        return "partner_harm" in self.kinds

    def to_dict(self, text: str) -> dict[str, Any]:
        """The JSON-lines contract of ``nearer safety --jsonl``."""
        return {
            "text": text,
            "alert": self.alert,
            "kinds": list(self.kinds),
            "level": self.level,
            "categories": list(self.categories),
            "evidence": [e.to_dict() for e in self.evidence],
        }


NO_RISK = ScanResult(kinds=(), level="none", categories=(), evidence=())
_PAST_ONLY = ScanResult(kinds=(), level="none", categories=(), evidence=(), past_resolved=True)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    before = text.rfind(". ", 0, start)
    after = text.find(" .", end)
    return (0 if before < 0 else before + 2), (len(text) if after < 0 else after)


def _last_words(text: str, count: int) -> str:
    return " ".join(text.split(" ")[-count:]) if text else ""


def _cancelled(
    rule: Rule, text: str, start: int, end: int, found: Words, scopes: Scopes
) -> str | None:
    """The name of the guard that cancels this match, or None when it stands."""
    first, last = _sentence(text, start, end)
    sentence = text[first:last]
    before = text[first:start].rstrip()
    breaks = list(scopes.clause_break.finditer(before))
    clause = before[breaks[-1].end() :].strip() if breaks else before
    guards = rule.guards
    # Past first, so "ten years free of self-harm" earns the gentle line, not just silence.
    if (
        "past" in guards
        and scopes.past.search(sentence)
        and not scopes.current.search(sentence)
        and not scopes.relapse.search(text)
    ):
        return "past"
    if "negation" in guards and scopes.negation.search(_last_words(clause, scopes.negation_window)):
        return "negation"
    if "other_person" in guards:
        window = _last_words(clause, scopes.subject_window)
        others = [m.end() for m in scopes.other_subject.finditer(window)]
        mine = [m.end() for m in scopes.first_person.finditer(window)]
        if others and (not mine or others[-1] > mine[-1]):
            return "other_person"
        if scopes.topic.search(sentence):
            return "other_person"
    if "not_partner" in guards:
        window = _last_words(clause, scopes.subject_window)
        others = [m.end() for m in scopes.not_partner.finditer(window)]
        partner = [m.end() for m in scopes.partner_subject.finditer(window)]
        if others and (not partner or others[-1] >= partner[-1]):
            return "not_partner"
    if "quote" in guards:
        quoted = found.quoted(start, end)
        if scopes.quote_cue.search(sentence) or (
            quoted and (scopes.quote_cue.search(text) or scopes.quote_context.search(text))
        ):
            return "quote"
    if "play" in guards and scopes.play.search(sentence):
        return "play"
    if "joke" in guards and scopes.joke.search(sentence) and not scopes.serious.search(text):
        return "joke"
    return None


def _findings(found: Words, book: RuleBook) -> tuple[list[Evidence], bool]:
    text = found.text
    evidence: list[Evidence] = []
    past = False
    seen: set[tuple[int, int, str]] = set()
    for rule in book.rules:
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            guard = _cancelled(rule, text, start, end, found, book.scopes)
            if guard is not None:
                past = past or guard == "past"
                continue
            first, last = _sentence(text, start, end)
            if rule.unless is not None and rule.unless.search(text[first:last]):
                continue
            if rule.requires is not None and not rule.requires.search(text):
                continue
            begin, finish = found.original(start, end)
            key = (begin, finish, rule.category)
            if key in seen:
                continue
            seen.add(key)
            level = rule.level
            for step in book.escalations:
                if rule.category in step.categories and step.pattern.search(text):
                    level = highest([level, step.level])
            evidence.append(
                Evidence(begin, finish, found.source[begin:finish], rule.category, rule.id, level)
            )
    return evidence, past


def scan(text: str) -> ScanResult:
    """Look for self-harm wording and for fear, control or violence from a partner."""
    found = words(text or "")
    if not found.text:
        return NO_RISK
    evidence, past = _findings(found, rule_book())
    if not evidence:
        return _PAST_ONLY if past else NO_RISK
    evidence.sort(key=lambda e: (e.start, e.end))
    # Most serious categories first, then in the order the text mentions them.
    ranked = sorted(evidence, key=lambda e: -LEVELS.index(e.level))
    categories = tuple(dict.fromkeys(e.category for e in ranked))
    kinds = tuple(k for k in KINDS if any(kind_of(c) == k for c in categories))
    return ScanResult(
        kinds=kinds,
        level=highest([e.level for e in evidence]),
        categories=categories,
        evidence=tuple(evidence),
    )
