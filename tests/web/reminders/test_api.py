"""The reminders API: read and change your own reminders, read and dismiss the in-app ones;
anyone else's id is 404; schema errors 422, broken rules 400."""

from __future__ import annotations

from datetime import time

from django.test import override_settings
from django.utils import timezone

from nearer.core.reminders import zone
from nearer.web.reminders import send
from nearer.web.reminders.models import APP, CHECKIN, TALK, Reminder, Sent
from tests.web.base import ApiTestCase
from tests.web.reminders.helpers import turn_on

LIST = "/api/reminders"
SHOWN = "/api/reminders/shown"


class RemindersApiTests(ApiTestCase):
    def _id(self, kind: str = CHECKIN) -> str:
        return str(send.reminders_for(self.alice)[kind].public_id)

    def test_list_starts_with_both_reminders_off(self) -> None:
        response = self.api(self.alice, "get", LIST)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertTrue(body["email_available"])  # the test mail backend delivers
        got = {r["kind"]: r for r in body["reminders"]}
        self.assertEqual(set(got), {CHECKIN, TALK})
        self.assertEqual(
            {k: (r["enabled"], r["time_of_day"], r["days"], r["next_at"]) for k, r in got.items()},
            {
                CHECKIN: (False, "20:00", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], None),
                TALK: (False, "19:00", ["sun"], None),
            },
        )
        # Bob's list holds his own two, never Alice's.
        bobs = {r["id"] for r in self.api(self.bob, "get", LIST).json()["reminders"]}
        self.assertEqual(len(bobs), 2)
        self.assertEqual(bobs & {r["id"] for r in body["reminders"]}, set())
        self.assertEqual(self.api(None, "get", LIST).status_code, 401)
        self.assertEqual(self.api(self.alice, "post", LIST).status_code, 405)

    def test_change_is_the_owners_alone(self) -> None:
        url = f"{LIST}/{self._id()}"
        body = {"enabled": True, "time_of_day": "07:15", "days": ["sat", "sun"]}
        self.assert_api_matrix(url, method="patch", body=body, wrong_method="put")
        reminder = Reminder.objects.get(user=self.alice, kind=CHECKIN)
        self.assertEqual(
            (reminder.enabled, reminder.time_of_day, reminder.days), (True, time(7, 15), "56")
        )
        self.assertFalse(Reminder.objects.filter(user=self.bob, enabled=True).exists())

    def test_change_answers_the_reminder_with_its_next_time(self) -> None:
        response = self.api(
            self.alice,
            "patch",
            f"{LIST}/{self._id(TALK)}",
            {"enabled": True, "days": ["fri"], "time_zone": "Asia/Tokyo", "channel": "email"},
        )
        self.assertEqual(response.status_code, 200)
        got = response.json()
        self.assertEqual(
            (got["days"], got["time_zone"], got["delivered_by"]), (["fri"], "Asia/Tokyo", "email")
        )
        self.assertIsNotNone(got["next_at"])

    def test_broken_rules_are_400_and_change_nothing(self) -> None:
        url = f"{LIST}/{self._id(TALK)}"
        cases = [
            ({"days": ["mon", "tue"]}, "days", "The weekly talk is once a week: pick one day."),
            (
                {"enabled": True, "days": []},
                "days",
                "Pick at least one day, or turn this reminder off.",
            ),
            (
                {"time_zone": "Mars/Olympus"},
                "time_zone",
                "'Mars/Olympus' is not a time zone nearer knows. Pick one like Europe/London.",
            ),
        ]
        for body, field, line in cases:
            with self.subTest(body=body):
                response = self.api(self.alice, "patch", url, body)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.json()["detail"], line)
                self.assertEqual(response.json()["errors"], {field: [line]})
        reminder = Reminder.objects.get(user=self.alice, kind=TALK)
        self.assertEqual((reminder.enabled, reminder.days, reminder.time_zone)[:2], (False, "6"))

    @override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    def test_email_where_mail_cannot_be_sent_is_400(self) -> None:
        response = self.api(self.alice, "patch", f"{LIST}/{self._id()}", {"channel": "email"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.api(self.alice, "get", LIST).json()["email_available"])

    def test_schema_errors_are_422(self) -> None:
        url = f"{LIST}/{self._id()}"
        for body in (
            {"time_of_day": "24:00"},
            {"time_of_day": "7:5"},
            {"days": ["someday"]},
            {"channel": "pigeon"},
            {"enabled": "maybe"},
            {"time_zone": "x" * 65},
        ):
            with self.subTest(body=body):
                self.assertEqual(self.api(self.alice, "patch", url, body).status_code, 422)
        self.assertEqual(self.api(self.alice, "patch", f"{LIST}/not-a-uuid", {}).status_code, 422)

    def test_shown_and_dismiss(self) -> None:
        reminder = turn_on(self.alice, CHECKIN, channel=APP)
        today = timezone.now().astimezone(zone(reminder.time_zone)).date()
        notice = Sent.objects.create(reminder=reminder, slot=today, channel=APP)
        got = self.api(self.alice, "get", SHOWN).json()
        self.assertEqual(
            [(n["id"], n["kind"], n["dismissed"]) for n in got],
            [(str(notice.public_id), CHECKIN, False)],
        )
        self.assertEqual(self.api(self.bob, "get", SHOWN).json(), [])
        self.assert_api_matrix(
            f"{SHOWN}/{notice.public_id}/dismiss", method="post", wrong_method="get"
        )
        self.assertEqual(self.api(self.alice, "get", SHOWN).json(), [])
