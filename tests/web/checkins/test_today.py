"""The one-screen daily check-in: what the form starts with and how it is laid out."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from nearer.web.checkins.models import DailyCheckIn
from tests.web.base import NearerTestCase


def _checked(html: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" value="([^"]+)" (?:data-quadrant )?checked', html)


class TodayFormTests(NearerTestCase):
    def test_a_first_check_in_starts_in_the_middle_with_nothing_else_picked(self) -> None:
        html = self.assert_page("/checkin/").content.decode()
        self.assertEqual(_checked(html, "closeness"), ["5"])
        self.assertEqual(_checked(html, "quadrant"), [])
        self.assertEqual(_checked(html, "feeling"), [])
        self.assertIn("How close do you feel to Bob?", html)
        self.assertNotIn("kept from last time", html)

    def test_closeness_carries_over_from_the_last_check_in(self) -> None:
        DailyCheckIn.objects.create(
            author=self.alice,
            quadrant="low_unpleasant",
            feeling="tired",
            closeness=3,
            day=timezone.localdate() - timedelta(days=2),
        )
        html = self.client_for(self.alice).get("/checkin/").content.decode()
        self.assertEqual(_checked(html, "closeness"), ["3"])
        self.assertEqual(_checked(html, "feeling"), [])  # the feeling is today's own
        self.assertIn("kept from last time", html)
        bob = self.client_for(self.bob).get("/checkin/").content.decode()
        self.assertEqual(_checked(bob, "closeness"), ["5"])  # never the partner's

    def test_todays_check_in_fills_the_form_and_keeps_its_texts_one_tap_away(self) -> None:
        self.client_for(self.alice).post(
            "/checkin/",
            {"quadrant": "low_pleasant", "feeling": "calm", "closeness": "7", "private_note": "x"},
        )
        html = self.client_for(self.alice).get("/checkin/").content.decode()
        self.assertEqual(_checked(html, "quadrant"), ["low_pleasant"])
        self.assertEqual(_checked(html, "feeling"), ["calm"])
        self.assertEqual(_checked(html, "closeness"), ["7"])
        # Closed, so that Save stays in view; the summary says there is text behind it.
        self.assertIn("<details><summary>Edit your private note</summary>", html)
        self.assertIn("<details><summary>Add an appreciation", html)
        self.assertIn(">\nx</textarea>", html)

    def test_optional_texts_sit_behind_a_tap_and_words_are_grouped_by_area(self) -> None:
        html = self.client_for(self.alice).get("/checkin/").content.decode()
        self.assertEqual(html.count("<details>"), 2)
        for area in ("high_pleasant", "high_unpleasant", "low_unpleasant", "low_pleasant"):
            self.assertIn(f'data-words-for="{area}"', html)
        self.assertLess(html.index("Save check-in"), html.index("</form>"))

    def test_a_long_appreciation_reopens_its_field_with_the_error(self) -> None:
        response = self.client_for(self.alice).post(
            "/checkin/",
            {
                "quadrant": "low_pleasant",
                "feeling": "calm",
                "closeness": "7",
                "appreciation": "x" * 1001,
            },
        )
        self.assertContains(
            response, "<details open><summary>Edit your appreciation", status_code=400
        )
        self.assertFalse(DailyCheckIn.objects.exists())
