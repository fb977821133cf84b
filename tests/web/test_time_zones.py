"""Each person's day is their own: a check-in is dated where its writer lives, pages and
API alike, and one person's zone never leaks into the next request."""

from __future__ import annotations

from datetime import UTC, date, datetime
from unittest import mock

from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.reminders.send import reminders_for
from tests.web.base import ApiTestCase

# 23:30 on 1 March in UTC: still the afternoon of the 1st in Los Angeles, already the
# morning of the 2nd in Tokyo.
NOW = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
FORM = {
    "quadrant": "low_pleasant",
    "feeling": "calm",
    "closeness": "7",
    "appreciation": "",
    "private_note": "",
}
SIGN_UP = {
    "display_name": "Dana",
    "email": "dana@example.org",
    "password1": "slow mornings together",
    "password2": "slow mornings together",
    "country": "AU",
}


def at_now() -> mock._patch[mock.MagicMock]:
    return mock.patch("django.utils.timezone.now", return_value=NOW)


class TimeZoneTests(ApiTestCase):
    def setUp(self) -> None:
        User.objects.filter(pk=self.alice.pk).update(time_zone="America/Los_Angeles")
        User.objects.filter(pk=self.bob.pk).update(time_zone="Asia/Tokyo")
        self.alice.refresh_from_db()
        self.bob.refresh_from_db()

    def test_a_check_in_is_dated_by_its_writers_own_day(self) -> None:
        with at_now():
            self.assertEqual(self.client_for(self.alice).post("/checkin/", FORM).status_code, 302)
            self.assertEqual(self.client_for(self.bob).post("/checkin/", FORM).status_code, 302)
            # Charlie chose no zone: the site's (UTC in the tests) decides.
            self.client_for(self.charlie).post("/checkin/", FORM)
        days = {c.author.display_name: c.day for c in DailyCheckIn.objects.all()}
        self.assertEqual(
            days, {"Alice": date(2026, 3, 1), "Bob": date(2026, 3, 2), "Charlie": date(2026, 3, 1)}
        )

    def test_the_api_with_a_token_follows_the_zone_too(self) -> None:
        body = {"feeling": "calm", "closeness": 8}
        with at_now():
            made = self.api(self.bob, "post", "/api/checkins", body)
        self.assertEqual(made.status_code, 201, made.content)
        self.assertEqual(made.json()["day"], "2026-03-02")
        self.assertEqual(self.api(self.bob, "get", "/api/me").json()["time_zone"], "Asia/Tokyo")

    def test_a_persons_zone_never_leaks_into_the_next_request(self) -> None:
        self.client_for(self.bob).get("/")
        self.assertEqual(timezone.get_current_timezone_name(), "UTC")
        with at_now():
            Client().get("/accounts/login/")
            self.assertEqual(timezone.localdate(), date(2026, 3, 1))

    def test_sign_up_keeps_the_devices_zone_and_ignores_one_it_does_not_know(self) -> None:
        Client().post("/accounts/signup/", {**SIGN_UP, "time_zone": "Australia/Perth"})
        self.assertEqual(User.objects.get(email="dana@example.org").time_zone, "Australia/Perth")
        other = {**SIGN_UP, "email": "eli@example.org", "time_zone": "Mars/Olympus"}
        self.assertEqual(Client().post("/accounts/signup/", other).status_code, 302)
        self.assertEqual(User.objects.get(email="eli@example.org").time_zone, "")
        page = Client().get("/accounts/signup/").content.decode()
        self.assertIn('type="hidden" name="time_zone"', page)
        self.assertIn("nearer/timezone.js", page)

    def test_the_api_sign_up_takes_the_zone(self) -> None:
        body = {
            "display_name": "Fay",
            "email": "fay@example.org",
            "password": "slow mornings together",
            "country": "NZ",
            "time_zone": "Pacific/Auckland",
        }
        made = Client().post("/api/auth/signup", body, content_type="application/json")
        self.assertEqual(made.status_code, 201, made.content)
        self.assertEqual(made.json()["time_zone"], "Pacific/Auckland")

    def test_reminders_start_in_the_persons_zone_and_their_zone_is_the_persons(self) -> None:
        self.assertEqual({r.time_zone for r in reminders_for(self.bob).values()}, {"Asia/Tokyo"})
        form = {
            "checkin_time": "21:30",
            "checkin_days": ["0"],
            "checkin_channel": "app",
            "talk_time": "18:00",
            "talk_day": "6",
            "talk_channel": "app",
            "time_zone": "Europe/Lisbon",
        }
        self.assertEqual(self.client_for(self.bob).post("/reminders/", form).status_code, 302)
        self.bob.refresh_from_db()
        self.assertEqual(self.bob.time_zone, "Europe/Lisbon")
        with at_now():
            self.client_for(self.bob).post("/checkin/", FORM)
        self.assertEqual(DailyCheckIn.objects.get(author=self.bob).day, date(2026, 3, 1))

    def test_export_and_import_carry_the_zone(self) -> None:
        from nearer.web.accounts import importing

        exported = self.client_for(self.alice).get("/accounts/export/").json()
        self.assertEqual(exported["account"]["time_zone"], "America/Los_Angeles")
        self.alice.delete()
        importing.apply_import(exported, password="another long password")
        self.assertEqual(
            User.objects.get(email="alice@example.org").time_zone, exported["account"]["time_zone"]
        )
        older = {**exported, "account": {**exported["account"], "time_zone": "Nowhere/Land"}}
        User.objects.filter(email="alice@example.org").delete()
        importing.apply_import(older, password="another long password")
        self.assertEqual(User.objects.get(email="alice@example.org").time_zone, "")
