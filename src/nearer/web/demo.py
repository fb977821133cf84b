"""A made-up couple with four months of check-ins, journal entries, weekly talks and results,
so a newcomer running ``nearer serve --demo`` sees every page filled in.

Everything is synthetic and deterministic (one seeded random generator). The story: a
busy spring pulls Maya and Jonas apart, closeness sags, they start the weekly talk and it
slowly comes back.
"""

from __future__ import annotations

import random
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from nearer.core.instruments.connection_check import definition
from nearer.web.accounts.models import User
from nearer.web.assessments.instruments import CONNECTION_CHECK
from nearer.web.assessments.models import AssessmentResult
from nearer.web.assessments.record import save_result
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.couples.models import Couple
from nearer.web.journal.models import JournalEntry

DEMO_PASSWORD = "nearer-demo"
DEMO_PEOPLE = (("maya@demo.nearer.invalid", "Maya"), ("jonas@demo.nearer.invalid", "Jonas"))
DAYS = 120

_FEELINGS = {
    # (quadrant, words) by how the day went: good, mixed, low
    "good": [
        ("low_pleasant", ["calm", "content", "relaxed", "at ease"]),
        ("high_pleasant", ["happy", "joyful", "hopeful", "playful"]),
    ],
    "mixed": [
        ("high_unpleasant", ["stressed", "frustrated", "irritated", "overwhelmed"]),
        ("low_pleasant", ["calm", "content"]),
    ],
    "low": [
        ("low_unpleasant", ["lonely", "tired", "disconnected", "sad", "numb"]),
        ("high_unpleasant", ["frustrated", "anxious", "irritated"]),
    ],
}
_APPRECIATIONS = [
    "You made coffee before I woke up.",
    "Thanks for listening about my sister without trying to fix it.",
    "You laughed at my terrible joke at dinner.",
    "You picked up the groceries when I ran late.",
    "The walk after work was lovely.",
    "You asked how my interview went and really wanted to know.",
    "You put your phone away while we cooked.",
    "Thank you for the note in my bag.",
    "You were patient with me when I was snappy.",
    "You planned Saturday so I didn't have to.",
]
_NOTES = [
    "Long day. Didn't have much left for anyone.",
    "Felt invisible at dinner again.",
    "Work deadline is eating everything.",
    "Good talk in the car.",
    "Slept badly, short fuse.",
    "We were both on our phones all evening.",
    "Nice to just sit together.",
]
_JOURNAL = [
    (
        "We ate dinner in silence again, both scrolling. I wanted to say something but didn't "
        "know how to start without it sounding like a complaint.",
        ["lonely", "disconnected"],
        ["dinner"],
        ["phones at the table"],
    ),
    (
        "Jonas cancelled our evening for work. I said it was fine. It wasn't really fine.",
        ["hurt", "disappointed"],
        ["evening plans"],
        ["cancelled plans"],
    ),
    (
        "Walked by the river for an hour and talked about nothing in particular. It felt easy, "
        "like it used to.",
        ["content", "hopeful"],
        ["walk"],
        [],
    ),
    (
        "Argued about the dishes but it wasn't about the dishes. I feel like I carry the "
        "planning for everything.",
        ["frustrated", "resentful"],
        ["housework"],
        ["uneven load"],
    ),
    (
        "First weekly talk. Awkward for two minutes, then surprisingly good. I just listened.",
        ["hopeful", "relieved"],
        ["weekly talk"],
        [],
    ),
    (
        "Visited my parents. Came back tired and a bit flat, needed space and took it.",
        ["tired", "numb"],
        ["family visit"],
        ["family tension"],
    ),
    (
        "He noticed I was quiet and asked. That small thing mattered a lot.",
        ["grateful", "calm"],
        ["evening"],
        [],
    ),
    (
        "Bedtime is when we drift: one of us reads, the other watches something. Want to try "
        "ten minutes of talking first.",
        ["lonely", "hopeful"],
        ["bedtime"],
        ["screens in bed"],
    ),
]


def _mood(day_index: int, rng: random.Random) -> str:
    """The arc: fine, a sag in the middle third, recovery at the end (with noise)."""
    third = DAYS // 3
    low_chance = 0.2 if day_index < third else (0.55 if day_index < 2 * third else 0.15)
    roll = rng.random()
    if roll < low_chance:
        return "low"
    return "mixed" if roll < low_chance + 0.3 else "good"


def _closeness(mood: str, rng: random.Random) -> int:
    base = {"good": 8, "mixed": 6, "low": 3}[mood]
    return max(1, min(10, base + rng.choice([-1, 0, 0, 1])))


def _check_answers(rng: random.Random, me: int, partner: int) -> dict[str, object]:
    """Connection Check answers around a level (0 close .. 4 far) for self and partner."""
    answers: dict[str, object] = {}
    for item in definition().items():
        values = [c.value for c in item.choices]
        if item.id.endswith((".self", ".partner")) and all(isinstance(v, int) for v in values):
            level = me if item.id.endswith(".self") else partner
            answers[item.id] = max(0, min(4, level + rng.choice([-1, 0, 0, 1])))
        elif item.id == "duration":
            answers[item.id] = values[min(2, len(values) - 1)]
    # A busy spring: work stress on both sides, and feeling taken for granted.
    answers.update({"onset": "gradual", "stress": "both", "unappreciated": "me"})
    return answers


def _assessments(people: list[User], today: date, rng: random.Random) -> None:
    """Each took the Connection Check twice (and shared it) and a mood check-up monthly."""
    maya, jonas = people
    taken: list[tuple[User, str, dict[str, object], int]] = [
        (maya, CONNECTION_CHECK, _check_answers(rng, 2, 3), 70),
        (jonas, CONNECTION_CHECK, _check_answers(rng, 2, 2), 68),
        (maya, CONNECTION_CHECK, _check_answers(rng, 1, 2), 5),
        (jonas, CONNECTION_CHECK, _check_answers(rng, 1, 1), 4),
    ]
    for month in range(4):
        mood = 1 if month in (1, 2) else 0
        for person in people:
            taken.append((person, "phq2", {"1": mood, "2": rng.choice([0, mood])}, 30 * month + 3))
            taken.append((person, "gad2", {"1": rng.choice([0, 1]), "2": mood}, 30 * month + 3))
    for person, instrument, answers, days_ago in taken:
        result = save_result(person, instrument, answers, shared=instrument == CONNECTION_CHECK)
        AssessmentResult.objects.filter(pk=result.pk).update(
            taken_at=_at(today - timedelta(days=days_ago), 20)
        )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@transaction.atomic
def ensure_demo(today: date | None = None, chat: bool = True) -> list[User]:
    """Create the demo couple once; later starts find it and change nothing. ``chat=False``
    leaves out the chat insights (for tests that upload a chat of their own)."""
    existing = list(User.objects.filter(email__in=[e for e, _ in DEMO_PEOPLE]).order_by("email"))
    if len(existing) == len(DEMO_PEOPLE):
        return existing
    rng = random.Random(2024)
    today = today or timezone.localdate()
    couple = Couple.objects.create(created_at=_at(today - timedelta(days=DAYS + 10), 9))
    people = [
        User.objects.create_user(email, DEMO_PASSWORD, display_name=name, couple=couple)
        for email, name in DEMO_PEOPLE
    ]
    checkins: list[DailyCheckIn] = []
    for person in people:
        for offset in range(DAYS, -1, -1):
            day = today - timedelta(days=offset)
            if offset > 0 and rng.random() < 0.15:  # real people skip days
                continue
            mood = _mood(DAYS - offset, rng)
            quadrant, words = rng.choice(_FEELINGS[mood])
            checkins.append(
                DailyCheckIn(
                    author=person,
                    couple=couple,
                    day=day,
                    quadrant=quadrant,
                    feeling=rng.choice(words),
                    closeness=_closeness(mood, rng),
                    appreciation=rng.choice(_APPRECIATIONS) if rng.random() < 0.45 else "",
                    private_note=rng.choice(_NOTES) if rng.random() < 0.3 else "",
                    created_at=_at(day, 21),
                )
            )
    DailyCheckIn.objects.bulk_create(checkins)
    for week in range(8):  # weekly talks began two months ago
        WeeklyCheckIn.objects.create(
            recorded_by=people[week % 2],
            couple=couple,
            done_at=_at(today - timedelta(days=7 * week + 2), 20),
        )
    for n in range(24):
        text, feelings, situations, triggers = _JOURNAL[n % len(_JOURNAL)]
        author = people[n % 2]
        shared = n % 3 == 0
        JournalEntry.objects.create(
            author=author,
            text=text,
            feelings=feelings,
            situations=situations,
            triggers=triggers,
            shared=shared,
            couple=couple if shared else None,
            created_at=_at(today - timedelta(days=DAYS - n * 5), 22),
        )
    _assessments(people, today, rng)
    if chat:
        _chat_insights(people[0], today)
    return people


def _chat_insights(uploader: User, today: date) -> None:
    """Maya's chat insights, shared with Jonas: a synthetic WhatsApp export of the same story
    (replies shorten and slow, then recover), run through the real analysis so the insights
    pages show what an upload gives. No message text is kept, as with a real upload."""
    from nearer.core.analysis.synthetic import synthetic_couple
    from nearer.core.chats.render import Layout, render_whatsapp
    from nearer.web.insights.analysis import analyse_export
    from nearer.web.insights.models import InsightJob
    from nearer.web.insights.store import save_report

    weeks = DAYS // 7
    start = datetime.combine(today - timedelta(weeks=weeks), time(7, 0))
    messages = synthetic_couple(
        "pursue-withdraw", weeks=weeks, seed=7, names=("Maya", "Jonas"), start=start
    )
    with tempfile.TemporaryDirectory() as folder:
        chat = Path(folder) / "WhatsApp Chat with Jonas.txt"
        chat.write_text(render_whatsapp(messages, Layout()), encoding="utf-8")
        job = InsightJob.objects.create(owner=uploader, label_a="Maya", label_b="Jonas", share=True)
        save_report(job, analyse_export(chat, "Maya", emotions=False))
