from __future__ import annotations

from django.test import TestCase

from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.demo import DEMO_PASSWORD, DEMO_PEOPLE, ensure_demo
from nearer.web.journal.models import JournalEntry
from tests.web.test_pages import PAGES


class DemoTests(TestCase):
    def test_demo_couple_fills_every_page_and_is_created_once(self) -> None:
        maya, jonas = ensure_demo()
        self.assertEqual(len(ensure_demo()), 2)
        self.assertEqual(User.objects.count(), 2)
        self.assertEqual(maya.partner, jonas)
        self.assertTrue(maya.check_password(DEMO_PASSWORD))
        self.assertEqual({u.email for u in (maya, jonas)}, {e for e, _ in DEMO_PEOPLE})
        self.assertGreater(DailyCheckIn.objects.filter(author=maya).count(), 80)
        self.assertGreater(JournalEntry.objects.filter(shared=True).count(), 4)
        self.client.force_login(maya)
        for url in PAGES:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        self.assertContains(self.client.get("/checkin/appreciations/"), "From Jonas")
        self.assertContains(self.client.get("/assessments/gap/"), "Area by area")
        self.assertContains(self.client.get("/journal/patterns/"), "phones at the table")
        self.assertContains(self.client.get("/assessments/"), "Shared by Jonas")
