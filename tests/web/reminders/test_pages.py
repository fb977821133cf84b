"""The reminders section of Settings, the home page's card, dismissing it, and one-click
unsubscribe (logged out, tampered, already off), with the privacy matrix."""

from __future__ import annotations

from datetime import time, timedelta

from django.test import Client, override_settings
from django.utils import timezone

from nearer.core.reminders import zone
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.reminders import send, tokens
from nearer.web.reminders.models import APP, CHECKIN, EMAIL, TALK, Reminder, Sent
from tests.web.base import NearerTestCase
from tests.web.reminders.helpers import turn_on

FORM = "/reminders/"
SETTINGS = "/accounts/settings/"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
GOOD = {
    "checkin_on": "on",
    "checkin_time": "21:30",
    "checkin_days": ["0", "2", "4"],
    "checkin_channel": EMAIL,
    "talk_time": "18:00",
    "talk_day": "6",
    "talk_channel": APP,
    "time_zone": "America/New_York",
}


class SettingsSectionTests(NearerTestCase):
    def test_settings_shows_the_section_all_off_at_first(self) -> None:
        page = self.assert_page(SETTINGS).content.decode()
        self.assertIn('id="reminders"', page)
        self.assertIn("Remind me to check in", page)
        self.assertIn("Remind me of our weekly talk", page)
        self.assertIn('action="/reminders/"', page)
        reminders = send.reminders_for(self.alice)
        self.assertFalse(any(r.enabled for r in reminders.values()))
        self.assertNotIn('name="checkin_on" checked', page)

    def test_the_device_zone_is_suggested_only_until_a_reminder_is_set(self) -> None:
        page = self.call(self.alice, "get", SETTINGS).content.decode()
        self.assertIn('data-suggest="device"', page)
        self.assertIn('src="/static/nearer/reminders.js"', page)
        self.call(self.alice, "post", FORM, GOOD)
        page = self.call(self.alice, "get", SETTINGS).content.decode()
        self.assertNotIn('data-suggest="device"', page)

    def test_the_form_page_itself(self) -> None:
        self.assert_page(FORM)

    def test_saving_turns_reminders_on_for_this_person_only(self) -> None:
        before = send.reminders_for(self.bob)[CHECKIN]
        client = self.client_for(self.alice)
        response = client.post(FORM, GOOD)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/accounts/settings/#reminders")
        checkin = Reminder.objects.get(user=self.alice, kind=CHECKIN)
        self.assertEqual(
            (
                checkin.enabled,
                checkin.time_of_day,
                checkin.days,
                checkin.channel,
                checkin.time_zone,
            ),
            (True, time(21, 30), "024", EMAIL, "America/New_York"),
        )
        talk = Reminder.objects.get(user=self.alice, kind=TALK)
        self.assertEqual((talk.enabled, talk.days, talk.channel), (False, "6", APP))
        after = Reminder.objects.get(user=self.bob, kind=CHECKIN)
        self.assertEqual((after.enabled, after.changed_at), (before.enabled, before.changed_at))
        page = client.get(SETTINGS).content.decode()
        self.assertIn(
            "Reminders saved: check-in at 21:30 on Mondays, Wednesdays and Fridays, by email.",
            page,
        )
        self.assertIn('value="21:30"', page)

    def test_saving_moves_changed_at_so_nothing_is_sent_at_once(self) -> None:
        reminder = turn_on(self.alice, CHECKIN)
        self.call(self.alice, "post", FORM, GOOD)
        reminder.refresh_from_db()
        self.assertGreater(reminder.changed_at, timezone.now() - timedelta(minutes=1))

    def test_refusals_are_form_errors_and_save_nothing(self) -> None:
        cases = [
            ({"checkin_days": []}, "Pick at least one day, or turn this reminder off."),
            ({"time_zone": "Mars/Olympus"}, "Select a valid choice."),
            ({"checkin_time": "25:00"}, "Enter a valid time."),
            ({"talk_day": "9"}, "Select a valid choice."),
        ]
        for change, message in cases:
            with self.subTest(change=change):
                response = self.call(self.alice, "post", FORM, {**GOOD, **change})
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.content.decode())
        self.assertFalse(Reminder.objects.filter(user=self.alice, enabled=True).exists())

    @override_settings(EMAIL_BACKEND=CONSOLE)
    def test_without_a_mail_server_email_is_not_offered(self) -> None:
        page = self.call(self.alice, "get", SETTINGS).content.decode()
        self.assertNotIn("By email", page)
        self.assertIn("no mail server set up", page)
        response = self.call(self.alice, "post", FORM, GOOD)
        self.assertEqual(response.status_code, 400)

    def test_a_person_without_a_partner_is_told_the_talk_waits_for_one(self) -> None:
        page = self.call(self.charlie, "get", SETTINGS).content.decode()
        self.assertIn("Comes once you have paired with your partner.", page)


class HomeCardTests(NearerTestCase):
    def _shown_today(self, kind: str = CHECKIN) -> Sent:
        reminder = turn_on(self.alice, kind, channel=APP)
        today = timezone.now().astimezone(zone(reminder.time_zone)).date()
        return Sent.objects.create(reminder=reminder, slot=today, channel=APP)

    def test_the_card_shows_on_the_owners_home_and_is_dismissed(self) -> None:
        notice = self._shown_today()
        page = self.call(self.alice, "get", "/").content.decode()
        self.assertIn("A moment for you", page)
        self.assertIn(f"/reminders/shown/{notice.public_id}/dismiss/", page)
        self.assertNotIn("A moment for you", self.call(self.bob, "get", "/").content.decode())
        self.assert_matrix(
            f"/reminders/shown/{notice.public_id}/dismiss/", method="post", ok=(302,)
        )
        notice.refresh_from_db()
        self.assertIsNotNone(notice.dismissed_at)
        self.assertNotIn("A moment for you", self.call(self.alice, "get", "/").content.decode())

    def test_checking_in_hides_the_check_in_card(self) -> None:
        notice = self._shown_today()
        DailyCheckIn.objects.create(
            author=self.alice,
            day=notice.slot,
            quadrant="low_pleasant",
            feeling="calm",
            closeness=6,
        )
        self.assertNotIn("A moment for you", self.call(self.alice, "get", "/").content.decode())

    def test_the_weekly_talk_card(self) -> None:
        # A talk six days ago (six calendar days at any hour): the home page's own talk card
        # is not showing yet. (Six and a half days was seven calendar days before noon.)
        WeeklyCheckIn.objects.create(
            recorded_by=self.bob,
            couple=self.couple,
            done_at=timezone.now() - timedelta(days=6),
        )
        self._shown_today(TALK)
        page = self.call(self.alice, "get", "/").content.decode()
        self.assertIn("Today is the day you picked", page)
        self.assertNotIn("Time for your weekly talk", page)

    def test_the_weekly_talk_reminder_joins_the_home_pages_own_talk_card(self) -> None:
        self._shown_today(TALK)
        page = self.call(self.alice, "get", "/").content.decode()
        self.assertNotIn("Today is the day you picked", page)
        self.assertEqual(page.count("Time for your weekly talk"), 1)

    def test_a_malformed_id_is_404(self) -> None:
        self.assertEqual(
            self.call(self.alice, "post", "/reminders/shown/nope/dismiss/").status_code, 404
        )


class UnsubscribeTests(NearerTestCase):
    def setUp(self) -> None:
        self.reminder = turn_on(self.alice, CHECKIN)
        self.url = f"/reminders/off/{tokens.make(self.reminder)}/"

    def test_get_asks_first_and_changes_nothing_logged_out(self) -> None:
        response = Client().get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Stop check-in reminders?", response.content.decode())
        self.reminder.refresh_from_db()
        self.assertTrue(self.reminder.enabled)

    def test_one_click_post_needs_no_log_in_and_no_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = client.post(self.url, {"List-Unsubscribe": "One-Click"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Done: no more check-in reminders", response.content.decode())
        self.reminder.refresh_from_db()
        self.assertFalse(self.reminder.enabled)
        # The other reminder and other people's are untouched.
        self.assertFalse(
            Reminder.objects.filter(user=self.bob, enabled=False)
            .filter(kind=CHECKIN, changed_at__gt=self.reminder.changed_at)
            .exists()
        )

    def test_already_off(self) -> None:
        Client().post(self.url)
        response = Client().get(self.url)
        self.assertIn("Check-in reminders are already off", response.content.decode())
        self.assertEqual(Client().post(self.url).status_code, 200)

    def test_a_tampered_or_cut_link_is_refused_and_changes_nothing(self) -> None:
        token = tokens.make(self.reminder)
        bob = turn_on(self.bob, CHECKIN)
        forged = bob.public_id.hex + token[32:]  # Bob's id under Alice's signature
        for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), token[:20], forged, "x"):
            with self.subTest(bad=bad):
                response = Client().post(f"/reminders/off/{bad}/")
                self.assertEqual(response.status_code, 404)
                self.assertIn("This link does not work", response.content.decode())
        self.reminder.refresh_from_db()
        bob.refresh_from_db()
        self.assertTrue(self.reminder.enabled and bob.enabled)

    def test_wrong_method(self) -> None:
        self.assertEqual(Client().put(self.url).status_code, 405)


def test_no_reminder_text_copies_eight_words_from_a_seed() -> None:
    """What reminders say is nearer's own wording (tests/core/knowledge/seedwords.py)."""
    from pathlib import Path

    from tests.core.knowledge.seedwords import fingerprints_of, stored_fingerprints

    folder = Path(__file__).resolve().parents[3] / "src" / "nearer" / "web" / "templates"
    texts = [p.read_text(encoding="utf-8") for p in (folder / "reminders").iterdir()]
    assert len(texts) >= 6
    assert fingerprints_of(texts) & stored_fingerprints() == set()
