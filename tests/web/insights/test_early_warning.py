"""The early warning on the home page, the insights page and the API: built from each
person's own check-ins and only what the partner shares."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from nearer.web.checkins.models import DailyCheckIn
from nearer.web.journal.models import JournalEntry
from tests.web.base import ApiTestCase


class EarlyWarningTests(ApiTestCase):
    def _days(self, user: object, closeness_for: object, days: int = 70) -> None:
        today = timezone.localdate()
        for k in range(days):
            day = today - timedelta(days=days - 1 - k)
            DailyCheckIn.objects.create(
                author=user,
                couple_id=user.couple_id,  # type: ignore[attr-defined]
                day=day,
                quadrant="low_pleasant",
                feeling="calm",
                closeness=closeness_for(days - 1 - k),  # type: ignore[operator]
            )

    def test_own_fall_is_shown_on_home_insights_and_api(self) -> None:
        self._days(self.alice, lambda ago: 3 if ago < 12 else 8)
        self._days(self.bob, lambda ago: 7)
        home = self.client_for(self.alice).get("/")
        self.assertContains(home, "Your own check-ins have been lower since about")
        self.assertContains(home, "Take the Connection Check")
        page = self.client_for(self.alice).get("/insights/")
        self.assertContains(page, "Your own check-ins have been lower")
        body = self.api(self.alice, "get", "/api/insights/early-warning").json()
        self.assertEqual((body["status"], body["next_step"]), ("one-drifting", "connection-check"))
        # The decisive test first (how far, against one's own spread, what it took), then
        # each signal's own change.
        self.assertTrue(
            body["evidence"][0].startswith("you: closeness fell from 8.0 to 3.0 (5.0 points, ")
        )
        self.assertIn("needed).", body["evidence"][0])
        self.assertTrue(body["evidence"][1].startswith("you: closeness (1 to 10) fell from 8.0"))

    def test_the_partner_sees_it_through_the_weekly_summary_only(self) -> None:
        self._days(self.alice, lambda ago: 3 if ago < 12 else 8)
        self._days(self.bob, lambda ago: 7)
        self.assertFalse(self.alice.share_daily_detail)
        body = self.api(self.bob, "get", "/api/insights/early-warning").json()
        self.assertEqual((body["status"], body["next_step"]), ("one-drifting", "weekly-talk"))
        self.assertTrue(body["headline"].startswith("Alice's check-ins have been lower"))
        # Charlie, a stranger, has nothing of theirs.
        body = self.api(self.charlie, "get", "/api/insights/early-warning").json()
        self.assertEqual(body["status"], "not-enough-weeks")

    def test_a_safety_concern_makes_the_next_step_the_help_page(self) -> None:
        self._days(self.alice, lambda ago: 3 if ago < 12 else 8)
        JournalEntry.objects.create(author=self.alice, text="marker", safety_alert=True)
        body = self.api(self.alice, "get", "/api/insights/early-warning").json()
        self.assertEqual(body["next_step"], "help")
        self.assertContains(self.client_for(self.alice).get("/"), 'href="/help/">Look at the help')

    def test_steady_check_ins_say_so(self) -> None:
        self._days(self.alice, lambda ago: 7 + ago % 2)
        body = self.api(self.alice, "get", "/api/insights/early-warning").json()
        self.assertEqual(body["status"], "steady")
