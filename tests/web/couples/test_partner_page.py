"""The partner page shows what the partner shares, through the same access rules as the
rest of the app, and what the reader shares in return; never a note or a private entry."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from nearer.web.checkins.models import DailyCheckIn
from nearer.web.journal.models import JournalEntry
from tests.web.base import NearerTestCase


class PartnerPageTests(NearerTestCase):
    def setUp(self) -> None:
        today = timezone.localdate()
        for back, (feeling, closeness) in enumerate((("calm", 9), ("tired", 2), ("content", 8))):
            DailyCheckIn.objects.create(
                author=self.bob,
                couple=self.couple,
                day=today - timedelta(days=back),
                quadrant="low_pleasant",
                feeling=feeling,
                closeness=closeness,
                appreciation="You kept the kettle warm" if back == 0 else "",
                private_note="BOB-PRIVATE-NOTE",
            )
        JournalEntry.objects.create(
            author=self.bob, couple=self.couple, shared=True, text="Shared walk by the canal"
        )
        JournalEntry.objects.create(author=self.bob, text="BOB-PRIVATE-ENTRY")
        JournalEntry.objects.create(
            author=self.alice, couple=self.couple, shared=True, text="Alice shares this"
        )

    def page(self) -> str:
        response = self.call(self.alice, "get", "/partner/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_shows_what_bob_shares_and_nothing_he_kept(self) -> None:
        html = self.page()
        self.assertIn("Shared walk by the canal", html)
        self.assertIn("1 appreciation from Bob", html)
        self.assertNotIn("BOB-PRIVATE-NOTE", html)
        self.assertNotIn("BOB-PRIVATE-ENTRY", html)
        self.assertIn("1 journal entry and 0 results you chose to share", html)

    def test_single_days_stay_hidden_until_bob_turns_on_daily_sharing(self) -> None:
        self.assertNotIn("closeness 2 of 10", self.page())
        self.bob.share_daily_detail = True
        self.bob.save()
        self.assertIn("tired, closeness 2 of 10", self.page())

    def test_a_stranger_sees_the_solo_page_and_nothing_of_the_couple(self) -> None:
        html = self.call(self.charlie, "get", "/partner/").content.decode()
        self.assertIn("Invite your partner", html)
        self.assertNotIn("Shared walk", html)

    def test_anonymous_is_sent_to_log_in_and_a_post_is_refused(self) -> None:
        self.assertEqual(self.call(None, "get", "/partner/").status_code, 302)
        self.assertEqual(self.call(self.alice, "post", "/partner/").status_code, 405)
