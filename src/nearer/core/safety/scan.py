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

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any, Literal

from nearer.core.safety.model import SafetyModel, load_model, text_words
from nearer.core.safety.rules import Rule, RuleBook, rule_book
from nearer.core.safety.selection import rules_for_scan
from nearer.core.safety.text import Words, words
from nearer.core.safety.vocabulary import (
    CATEGORY_LEVELS,
    KINDS,
    LEVELS,
    SELF_HARM,
    Kind,
    Level,
    highest,
    kind_of,
)


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


# Guards look at most this many characters back from a match (windows are a few words), so
# a long text without sentence ends does not make every match re-read it all.
_LOOK_BACK = 200
_BREAK = re.compile(r"(?<![^ ])\.")


class _Context:
    """One text's sentences, with each scope's answer per sentence and per text remembered."""

    def __init__(self, found: Words, book: RuleBook, rules: list[int] | None = None) -> None:
        self.found = found
        # The rules to run (indices into ``book.rules``, in its order): those the text may
        # match (``selection.rules_to_run``), or every rule when None.
        self.rules = book.rules if rules is None else tuple(book.rules[i] for i in rules)
        self.text = found.text
        self.scopes = book.scopes
        self.book = book
        text = self.text
        self._ends = [m.start() for m in _BREAK.finditer(text)]
        self._memo: dict[tuple[int, int, int], bool] = {}

    def sentence(self, start: int) -> tuple[int, int]:
        """Start and end of the sentence holding position ``start`` of the normalised text."""
        index = bisect_right(self._ends, start)
        first = self._ends[index - 1] + 2 if index else 0
        last = self._ends[index] - 1 if index < len(self._ends) else len(self.text)
        return first, max(first, last)

    def has(self, pattern: re.Pattern[str], first: int = 0, last: int = -1) -> bool:
        """Whether ``pattern`` occurs in ``text[first:last]`` (the whole text by default)."""
        last = len(self.text) if last < 0 else last
        key = (id(pattern), first, last)
        if key not in self._memo:
            self._memo[key] = pattern.search(self.text, first, last) is not None
        return self._memo[key]

    def cancelled(self, rule: Rule, start: int, end: int) -> str | None:
        """The name of the guard that cancels this match, or None when it stands."""
        scopes, text = self.scopes, self.text
        first, last = self.sentence(start)
        before = text[max(first, start - _LOOK_BACK) : start].rstrip()
        breaks = list(scopes.clause_break.finditer(before))
        clause = before[breaks[-1].end() :].strip() if breaks else before
        guards = rule.guards
        # Who is speaking is read back to a real clause boundary: adverbs such as "just" end
        # a negation's reach ("not suicidal, just tired") but not the subject's ("the dog is
        # just scared of him").
        subject_breaks = list(scopes.subject_break.finditer(before))
        subject_clause = before[subject_breaks[-1].end() :].strip() if subject_breaks else before
        # Past first, so "ten years free of self-harm" earns the gentle line, not just silence.
        if (
            "past" in guards
            and self.has(scopes.past, first, last)
            and not self.has(scopes.current, first, last)
            and not self.has(scopes.relapse)
        ):
            return "past"
        if "negation" in guards and scopes.negation.search(
            _last_words(clause, scopes.negation_window)
        ):
            return "negation"
        if "other_person" in guards:
            window = _last_words(subject_clause, scopes.subject_window)
            others = [m.end() for m in scopes.other_subject.finditer(window)]
            mine = [m.end() for m in scopes.first_person.finditer(window)]
            if others and (not mine or others[-1] > mine[-1]):
                return "other_person"
            if self.has(scopes.topic, first, last):
                return "other_person"
        if "not_partner" in guards:
            window = _last_words(subject_clause, scopes.subject_window)
            others = [m.end() for m in scopes.not_partner.finditer(window)]
            partner = [m.end() for m in scopes.partner_subject.finditer(window)]
            if others and (not partner or others[-1] >= partner[-1]):
                return "not_partner"
        if "quote" in guards and (
            self.has(scopes.quote_cue, first, last)
            or (
                self.found.quoted(start, end)
                and (self.has(scopes.quote_cue) or self.has(scopes.quote_context))
            )
        ):
            return "quote"
        if "play" in guards and self.has(scopes.play, first, last):
            return "play"
        if "joke" in guards and self.has(scopes.joke, first, last) and not self.has(scopes.serious):
            return "joke"
        return None

    def findings(self) -> tuple[list[Evidence], bool]:
        evidence: list[Evidence] = []
        past = False
        seen: set[tuple[int, int, str]] = set()
        for rule in self.rules:
            for match in rule.pattern.finditer(self.text):
                start, end = match.span()
                guard = self.cancelled(rule, start, end)
                if guard is not None:
                    past = past or guard == "past"
                    continue
                first, last = self.sentence(start)
                if rule.unless is not None and self.has(rule.unless, first, last):
                    continue
                if rule.requires is not None and not self.has(rule.requires):
                    continue
                begin, finish = self.found.original(start, end)
                key = (begin, finish, rule.category)
                if key in seen:
                    continue
                seen.add(key)
                level = rule.level
                for step in self.book.escalations:
                    if rule.category in step.categories and self.has(step.pattern):
                        level = highest([level, step.level])
                source = self.found.source
                evidence.append(
                    Evidence(begin, finish, source[begin:finish], rule.category, rule.id, level)
                )
        return evidence, past


# The guards the model's findings respect: the rule files' defaults for each kind.
_MODEL_GUARDS: dict[Kind, frozenset[str]] = {
    "self_harm": frozenset({"negation", "other_person", "past", "quote", "joke"}),
    "partner_harm": frozenset({"negation", "past", "quote", "play", "joke", "not_partner"}),
}
_NEVER = re.compile(r"(?!)")


def _model_findings(
    context: _Context, model: SafetyModel, raised: set[Kind]
) -> tuple[list[Evidence], bool]:
    """Findings of the trained model for the kinds the rules did not raise.

    Its evidence is the sentence that scored highest; the words that added most to the score
    stand in for a rule's match, so the same guards can cancel it at any of them.
    """
    found = context.found
    tokens = text_words(context.text)
    evidence: list[Evidence] = []
    past = False
    for finding in model.findings(tokens, frozenset(raised)):
        level = CATEGORY_LEVELS[finding.category]
        rule = Rule(
            id=f"model:{finding.kind}",
            kind=finding.kind,
            category=finding.category,
            level=level,
            pattern=_NEVER,
            guards=_MODEL_GUARDS[finding.kind],
            unless=None,
            requires=None,
            examples=(),
        )
        first = found.spans[finding.first][0]
        last = found.spans[finding.last - 1][0] + len(tokens[finding.last - 1])
        # Every guard at the strongest word; a negation before any of the next strongest too
        # ("he would never make me hand over my bank card"). Who is speaking is read at the
        # strongest word only: the subject guards look a few words back from a match.
        negation_only = replace(rule, guards=frozenset({"negation"}))
        guards = [
            context.cancelled(
                rule if rank == 0 else negation_only,
                found.spans[i][0],
                found.spans[i][0] + len(tokens[i]),
            )
            for rank, i in enumerate(finding.anchors)
        ]
        if any(guard is not None for guard in guards):
            past = past or "past" in guards
            continue
        # A film, a book or a class in the sentence (the rules' topic scope, for both kinds),
        # or an everyday context a rule of the same category lists ("choked up", "cut myself
        # shaving"): the rules would not alert there, so the model does not either.
        if context.has(context.scopes.topic, first, last) or any(
            context.has(r.unless, first, last)
            for r in context.book.rules
            if r.category == finding.category and r.unless is not None
        ):
            continue
        for step in context.book.escalations:
            if finding.category in step.categories and context.has(step.pattern):
                level = highest([level, step.level])
        begin, finish = found.original(first, last)
        evidence.append(
            Evidence(begin, finish, found.source[begin:finish], finding.category, rule.id, level)
        )
    return evidence, past


def _last_words(text: str, count: int) -> str:
    return " ".join(text.split(" ")[-count:]) if text else ""


def scan(text: str, *, model: SafetyModel | Literal["shipped"] | None = "shipped") -> ScanResult:
    """Look for self-harm wording and for fear, control or violence from a partner.

    The rules run first; the trained model (the shipped one, another one, or none with
    ``model=None``) may then add the kinds they did not raise.
    """
    found = words(text or "")
    if not found.text:
        return NO_RISK
    # Only the rules whose needed words the text holds can match it: once this process has
    # the selection (``selection.rules_for_scan``), the rest are skipped.
    context = _Context(found, rule_book(), rules_for_scan(found.text))
    evidence, past = context.findings()
    trained = load_model() if isinstance(model, str) else model
    if trained is not None:
        raised = {kind_of(e.category) for e in evidence}
        if len(raised) < len(KINDS):
            added, added_past = _model_findings(context, trained, raised)
            evidence += added
            past = past or added_past
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
