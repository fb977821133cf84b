"""Alice, Bob and Charlie each with a bit of everything, for the export and deletion tests.

Every text is a marker that names its owner and whether it is private, so a test can search
the raw export (or a page) for what must and must not be there.
"""

from __future__ import annotations

from datetime import date, timedelta

from axes.models import AccessAttempt
from django.db.models import Sum
from django.utils import timezone

from nearer.web.accounts.models import ApiToken, User
from nearer.web.assessments.models import AssessmentResult
from nearer.web.assessments.record import save_result
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.couples.models import Invitation
from nearer.web.journal.models import JournalEntry
from tests.web.base import ApiTestCase

# Markers: each one appears in exactly one stored row.
ALICE_NOTE = "alice-private-note worried about work"
ALICE_APPRECIATION = "alice-appreciation you fixed my bike"
ALICE_UNSHARED = "alice-unshared-entry we scrolled through dinner"
ALICE_SHARED = "alice-shared-entry we laughed at dinner"
BOB_NOTE = "bob-private-note tired of the commute"
BOB_APPRECIATION = "bob-appreciation thanks for the walk"
BOB_UNSHARED = "bob-unshared-entry the silence on Sunday"
BOB_SHARED = "bob-shared-entry the picnic was lovely"
CHARLIE_NOTE = "charlie-private-note nobody to talk to"
CHARLIE_ENTRY = "charlie-entry a long day alone"

GAD2_ANSWERS = {"1": 1, "2": 0}


def _checkin(user: User, day: date, note: str, appreciation: str) -> DailyCheckIn:
    return DailyCheckIn.objects.create(
        author=user,
        couple_id=user.couple_id,
        day=day,
        quadrant="low_pleasant",
        feeling="calm",
        closeness=7,
        appreciation=appreciation,
        private_note=note,
    )


def _entry(user: User, text: str, shared: bool) -> JournalEntry:
    return JournalEntry.objects.create(
        author=user,
        text=text,
        feelings=["lonely"] if not shared else ["happy"],
        situations=["dinner"],
        triggers=["phones at the table"],
        shared=shared,
        couple_id=user.couple_id if shared else None,
    )


def counts_of(user_pk: int, email: str) -> dict[str, int]:
    """How many rows of each kind belong to one person (works after the account is gone)."""
    return {
        "accounts": User.objects.filter(pk=user_pk).count(),
        "daily_checkins": DailyCheckIn.objects.filter(author_id=user_pk).count(),
        "weekly_talks": WeeklyCheckIn.objects.filter(recorded_by_id=user_pk).count(),
        "journal_entries": JournalEntry.objects.filter(author_id=user_pk).count(),
        "assessment_results": AssessmentResult.objects.filter(user_id=user_pk).count(),
        "invitations": Invitation.objects.filter(inviter_id=user_pk).count(),
        "api_tokens": ApiToken.objects.filter(user_id=user_pk).count(),
        "login_failures": AccessAttempt.objects.filter(username=email).aggregate(
            n=Sum("failures_since_start")
        )["n"]
        or 0,
    }


class OwnedDataTestCase(ApiTestCase):
    """The privacy matrix's three people, each owning one of every kind of row."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        today = timezone.localdate()
        # Alice paired with Bob through an invitation she made, now spent.
        Invitation.objects.create(inviter=cls.alice, accepted_at=timezone.now())
        _checkin(cls.alice, today, ALICE_NOTE, ALICE_APPRECIATION)
        _checkin(cls.alice, today - timedelta(days=1), "", "")
        _entry(cls.alice, ALICE_UNSHARED, shared=False)
        _entry(cls.alice, ALICE_SHARED, shared=True)
        save_result(cls.alice, "gad2", GAD2_ANSWERS, shared=False)
        save_result(cls.alice, "gad2", {"1": 2, "2": 2}, shared=True)
        WeeklyCheckIn.objects.create(recorded_by=cls.alice, couple=cls.couple, minutes=12)
        AccessAttempt.objects.create(
            username="alice@example.org",
            ip_address="127.0.0.1",
            user_agent="another browser",
            failures_since_start=1,
        )

        _checkin(cls.bob, today, BOB_NOTE, BOB_APPRECIATION)
        _entry(cls.bob, BOB_UNSHARED, shared=False)
        _entry(cls.bob, BOB_SHARED, shared=True)
        save_result(cls.bob, "gad2", {"1": 3, "2": 3}, shared=True)
        WeeklyCheckIn.objects.create(
            recorded_by=cls.bob, couple=cls.couple, done_at=timezone.now() - timedelta(days=7)
        )

        _checkin(cls.charlie, today, CHARLIE_NOTE, "")
        _entry(cls.charlie, CHARLIE_ENTRY, shared=False)
        save_result(cls.charlie, "gad2", GAD2_ANSWERS, shared=False)
        Invitation.objects.create(inviter=cls.charlie)
