from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from nearer.web.checkins.forms import DailyCheckInForm
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from tests.web.base import NearerTestCase

GOOD = {
    "quadrant": "low_pleasant",
    "feeling": "calm",
    "closeness": "7",
    "appreciation": "You made me laugh at breakfast.",
    "private_note": "Still worried about money.",
}


class DailyCheckInTests(NearerTestCase):
    def test_check_in_page_matrix(self) -> None:
        page = self.assert_page("/checkin/")
        self.assertContains(page, "Lively and pleasant")
        self.assertContains(page, 'value="calm"')
        for page_url in ("/checkin/history/", "/checkin/appreciations/"):
            self.assert_page(page_url)

    def test_check_in_is_saved_and_partner_sees_appreciation_not_note_nor_score(self) -> None:
        response = self.client_for(self.alice).post("/checkin/", GOOD)
        self.assertRedirects(response, "/")
        saved = DailyCheckIn.objects.get(author=self.alice)
        self.assertEqual((saved.feeling, saved.closeness), ("calm", 7))
        self.assertEqual(saved.couple_id, self.couple.pk)
        bob = self.client_for(self.bob)
        for url in ("/", "/checkin/appreciations/"):
            page = bob.get(url)
            self.assertContains(page, "You made me laugh at breakfast.")
            self.assertNotContains(page, "Still worried about money.")
        history = bob.get("/checkin/history/")
        self.assertNotContains(history, "Still worried about money.")
        self.assertNotContains(history, "Alice's days")
        for url in ("/", "/checkin/appreciations/", "/checkin/history/"):
            page = self.client_for(self.charlie).get(url)
            self.assertNotContains(page, "You made me laugh")
            self.assertNotContains(page, "Still worried")

    def test_partner_sees_daily_detail_only_when_the_author_opts_in(self) -> None:
        self.client_for(self.alice).post("/checkin/", GOOD)
        self.alice.share_daily_detail = True
        self.alice.save()
        history = self.client_for(self.bob).get("/checkin/history/")
        self.assertContains(history, "Alice's days")
        self.assertContains(history, "calm")
        self.assertNotContains(history, "Still worried about money.")

    def test_second_check_in_the_same_day_replaces_the_first(self) -> None:
        client = self.client_for(self.alice)
        client.post("/checkin/", GOOD)
        client.post("/checkin/", {**GOOD, "quadrant": "low_unpleasant", "feeling": "lonely"})
        self.assertEqual(DailyCheckIn.objects.filter(author=self.alice).count(), 1)
        self.assertEqual(DailyCheckIn.objects.get(author=self.alice).feeling, "lonely")

    def test_word_from_another_area_is_refused_and_nothing_is_saved(self) -> None:
        response = self.client_for(self.alice).post(
            "/checkin/", {**GOOD, "quadrant": "high_unpleasant"}
        )
        self.assertContains(response, "belongs to “Quiet and pleasant”", status_code=400)
        self.assertFalse(DailyCheckIn.objects.exists())

    def test_bad_values_get_clear_errors(self) -> None:
        client = self.client_for(self.alice)
        cases = {
            "closeness": ("11", "Closeness is a whole number from 1 to 10."),
            "feeling": ("blorp", "blorp is not a word nearer knows"),
            "appreciation": ("x" * 1001, "at most 1000 characters"),
        }
        for field, (value, message) in cases.items():
            response = client.post("/checkin/", {**GOOD, field: value})
            self.assertContains(response, message, status_code=400)
        response = client.post("/checkin/", {})
        self.assertContains(response, "Pick how close you feel", status_code=400)
        self.assertFalse(DailyCheckIn.objects.exists())

    def test_safety_wording_in_a_note_puts_crisis_resources_first(self) -> None:
        client = self.client_for(self.alice)
        response = client.post(
            "/checkin/", {**GOOD, "private_note": "I want to kill myself"}, follow=True
        )
        html = response.content.decode()
        self.assertIn("Help is there right now", html)
        self.assertLess(html.index("Help is there right now"), html.index("Checked in"))
        self.assertNotIn("Help is there right now", client.get("/").content.decode())

    def test_solo_check_in_keeps_appreciation_to_self(self) -> None:
        self.client_for(self.charlie).post("/checkin/", GOOD)
        self.assertIsNone(DailyCheckIn.objects.get(author=self.charlie).couple_id)


class WeeklyTests(NearerTestCase):
    def test_weekly_page_and_recording(self) -> None:
        page = self.assert_page("/checkin/weekly/")
        self.assertContains(page, "only listens")
        client = self.client_for(self.alice)
        self.assertEqual(client.get("/checkin/weekly/done/").status_code, 405)
        client.post("/checkin/weekly/done/")
        self.client_for(self.bob).post("/checkin/weekly/done/")  # same talk, pressed twice
        self.assertEqual(WeeklyCheckIn.objects.count(), 1)
        self.assertContains(self.client_for(self.bob).get("/checkin/weekly/"), "Talks you have had")
        self.assertNotContains(
            self.client_for(self.charlie).get("/checkin/weekly/"), "Talks you have had"
        )


class FormProperties(HypothesisTestCase):
    @settings(max_examples=40, deadline=None)
    @given(st.integers(min_value=-1000, max_value=1000))
    def test_closeness_outside_one_to_ten_never_validates(self, value: int) -> None:
        form = DailyCheckInForm({**GOOD, "closeness": str(value)})
        self.assertEqual(form.is_valid(), 1 <= value <= 10)
