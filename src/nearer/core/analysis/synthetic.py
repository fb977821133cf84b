"""Synthetic couples for tests, the benchmark and demos (no real person's messages).

A couple chats in conversations: a few a day, each opened by one partner and carried on in
turns with reply delays drawn from a log-normal distribution. ``pattern`` changes how the
last ``change_weeks`` weeks look:

* ``stable``: nothing changes;
* ``pursue-withdraw``: the first partner opens nearly every conversation while the second
  answers slowly, briefly and less warmly, and leaves some openings unanswered;
* ``mutual-drift``: both write less often, more briefly, more slowly and less warmly.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from nearer.core.chats.model import Message

PATTERNS = ("stable", "pursue-withdraw", "mutual-drift")
_NEUTRAL = [
    "ok",
    "the",
    "work",
    "home",
    "dinner",
    "later",
    "today",
    "now",
    "good",
    "yes",
    "sure",
    "what",
    "time",
    "get",
    "going",
    "back",
    "bus",
    "food",
    "nice",
    "see",
    "train",
    "meeting",
    "shop",
    "call",
    "done",
    "maybe",
    "tonight",
    "kids",
    "car",
    "weather",
    "coffee",
    "tired",
    "busy",
    "just",
    "got",
    "here",
    "there",
    "it",
    "was",
    "is",
    "on",
    "at",
    "for",
    "with",
    "and",
    "but",
    "so",
    "my",
    "your",
    "we",
    "our",
]
_WARM = ("love you", "miss you", "❤️", "😘", "thank you", "you're the best", "hug")
_FEEL = ("I feel", "I'm feeling")


@dataclass(frozen=True)
class _Person:
    reply_minutes: float = 6.0
    words: float = 7.0
    warmth: float = 0.25
    questions: float = 0.25
    silence: float = 0.02  # chance of leaving an opening unanswered


def synthetic_couple(
    pattern: str = "stable",
    weeks: int = 40,
    seed: int = 0,
    names: tuple[str, str] = ("Ana", "Ben"),
    per_day: float = 3.0,
    change_weeks: int = 10,
    start: datetime = datetime(2023, 1, 2, 0, 0),
) -> list[Message]:
    """Messages of a synthetic two-person chat, oldest first."""
    if pattern not in PATTERNS:
        raise ValueError(f"unknown pattern {pattern!r}")
    rng = random.Random(seed)
    out: list[Message] = []
    base = (_Person(), _Person())
    change_day = (weeks - change_weeks) * 7
    for day in range(weeks * 7):
        people, opener_a, rate = base, 0.5, per_day
        if day >= change_day and pattern == "pursue-withdraw":
            people = (
                base[0],
                replace(
                    base[1],
                    reply_minutes=45.0,
                    words=3.0,
                    warmth=0.04,
                    questions=0.05,
                    silence=0.35,
                ),
            )
            opener_a = 0.9
        elif day >= change_day and pattern == "mutual-drift":
            drift = {"reply_minutes": 40.0, "words": 3.0, "warmth": 0.04, "questions": 0.06}
            people = (replace(base[0], **drift), replace(base[1], **drift))
            rate = per_day * 0.5
        n_conv = _poisson(rng, rate)
        for _ in range(n_conv):
            when = start + timedelta(days=day, minutes=rng.uniform(7 * 60, 23 * 60))
            who = 0 if rng.random() < opener_a else 1
            out.extend(_conversation(rng, when, who, people, names))
    out.sort(key=lambda m: m.timestamp)
    return out


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p < limit:
            return k
        k += 1


def _conversation(
    rng: random.Random,
    when: datetime,
    who: int,
    people: tuple[_Person, _Person],
    names: tuple[str, str],
) -> list[Message]:
    msgs = [_message(rng, when, who, people[who], names)]
    turns = 1 + _poisson(rng, 5.0)
    for _ in range(turns):
        other = 1 - who
        if rng.random() < people[other].silence:
            break
        delay = rng.lognormvariate(math.log(people[other].reply_minutes), 0.8)
        when += timedelta(minutes=min(delay, 300.0))
        who = other
        msgs.append(_message(rng, when, who, people[who], names))
        if rng.random() < 0.3:  # a second message in a row
            when += timedelta(seconds=rng.randint(5, 90))
            msgs.append(_message(rng, when, who, people[who], names))
    return msgs


def _message(
    rng: random.Random, when: datetime, who: int, person: _Person, names: tuple[str, str]
) -> Message:
    n = max(1, _poisson(rng, person.words))
    words = [rng.choice(_NEUTRAL) for _ in range(n)]
    if rng.random() < person.warmth:
        words.append(rng.choice(_WARM))
    if rng.random() < person.warmth / 3:
        words.insert(0, rng.choice(_FEEL))
    text = " ".join(words)
    if rng.random() < person.questions:
        text += "?"
    return Message(when.replace(microsecond=0), names[who], text)
