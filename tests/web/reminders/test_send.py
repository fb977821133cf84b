"""Sending what is due: once per slot, skipped when already done, kind words, the email's
headers and links, in-app reminders on the home page, and nothing of anyone's writing."""

from __future__ import annotations

import logging
import re
from datetime import date, time, timedelta
from unittest import mock

from django.core import mail
from django.core.mail import EmailMessage
from django.test import override_settings

from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.journal.models import JournalEntry
from nearer.web.reminders import send
from nearer.web.reminders.models import APP, CHECKIN, TALK, Reminder, Sent
from tests.web.base import NearerTestCase
from tests.web.reminders.helpers import WEDNESDAY_EVENING, turn_on

ALICE_NOTE = "alice-private-note-never-in-a-reminder"
BOB_NOTE = "bob-private-note-never-in-a-reminder"
ALICE_JOURNAL = "alice-journal-text-never-in-a-reminder"
CONSOLE = "django.core.mail.backends.console.EmailBackend"


class SendingTests(NearerTestCase):
    def setUp(self) -> None:
        DailyCheckIn.objects.create(
            author=self.bob,
            couple=self.couple,
            day=date(2026, 1, 14),
            quadrant="low_pleasant",
            feeling="calm",
            closeness=3,
            private_note=BOB_NOTE,
        )
        DailyCheckIn.objects.create(
            author=self.alice,
            couple=self.couple,
            day=date(2026, 1, 13),
            quadrant="low_pleasant",
            feeling="calm",
            closeness=6,
            private_note=ALICE_NOTE,
        )
        JournalEntry.objects.create(author=self.alice, text=ALICE_JOURNAL)

    def test_a_due_check_in_reminder_is_emailed_once(self) -> None:
        turn_on(self.alice, CHECKIN)
        done = send.send_due(WEDNESDAY_EVENING)
        self.assertEqual((done.emailed, done.in_app, done.failed), (1, 0, 0))
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["alice@example.org"])
        self.assertEqual(message.subject, "A moment to check in, if you like")
        # The same slot a minute later, and an hour later: nothing more.
        for later in (timedelta(minutes=1), timedelta(hours=1)):
            self.assertEqual(send.send_due(WEDNESDAY_EVENING + later).sent, 0)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(Sent.objects.count(), 1)
        # The next day's slot is its own.
        self.assertEqual(send.send_due(WEDNESDAY_EVENING + timedelta(days=1)).emailed, 1)

    def test_the_email_is_plain_kind_and_says_nothing_of_anyone_else(self) -> None:
        turn_on(self.alice, CHECKIN)
        send.send_due(WEDNESDAY_EVENING)
        message = mail.outbox[0]
        assert isinstance(message, EmailMessage)
        self.assertEqual(message.content_subtype, "plain")
        body = message.body
        self.assertIn("Hello Alice,", body)
        self.assertIn("http://127.0.0.1:8000/checkin/", body)
        self.assertIn("There is no streak to keep and nothing counts the days.", body)
        for absent in ("Bob", ALICE_NOTE, BOB_NOTE, ALICE_JOURNAL, "calm", "missed", "streak of"):
            self.assertNotIn(absent, body + message.subject)
        self.assertFalse(re.search(r"\d+ days?", body), body)

    def test_one_click_unsubscribe_headers_rfc_8058(self) -> None:
        turn_on(self.alice, CHECKIN)
        send.send_due(WEDNESDAY_EVENING)
        message = mail.outbox[0]
        header = message.extra_headers["List-Unsubscribe"]
        match = re.fullmatch(r"<(http://127\.0\.0\.1:8000/reminders/off/[^/]+/)>", header)
        assert match, header
        self.assertIn(match.group(1), message.body)
        self.assertEqual(
            message.extra_headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click"
        )
        self.assertEqual(message.extra_headers["Auto-Submitted"], "auto-generated")
        # The headers survive into the message as sent.
        sent = message.message()
        self.assertEqual(sent["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")

    @override_settings(BASE_URL="https://nearer.example.org")
    def test_links_start_with_the_base_url(self) -> None:
        turn_on(self.alice, CHECKIN)
        send.send_due(WEDNESDAY_EVENING)
        body = mail.outbox[0].body
        self.assertIn("https://nearer.example.org/checkin/", body)
        self.assertIn("https://nearer.example.org/accounts/settings/#reminders", body)
        self.assertIn("https://nearer.example.org/reminders/off/", body)

    def test_not_due_before_its_time_on_other_days_or_when_off(self) -> None:
        reminder = turn_on(self.alice, CHECKIN, days="0")  # Mondays only
        self.assertEqual(send.send_due(WEDNESDAY_EVENING).sent, 0)
        Reminder.objects.filter(pk=reminder.pk).update(days="2", time_of_day=time(21, 0))
        self.assertEqual(send.send_due(WEDNESDAY_EVENING).sent, 0)  # 20:05, set for 21:00
        Reminder.objects.filter(pk=reminder.pk).update(enabled=False, time_of_day=time(20, 0))
        self.assertEqual(send.send_due(WEDNESDAY_EVENING).sent, 0)
        self.assertEqual(mail.outbox, [])

    def test_a_setting_changed_after_the_time_waits_for_the_next_day(self) -> None:
        reminder = turn_on(self.alice, CHECKIN)
        Reminder.objects.filter(pk=reminder.pk).update(
            changed_at=WEDNESDAY_EVENING - timedelta(minutes=2)
        )
        self.assertEqual(send.send_due(WEDNESDAY_EVENING).sent, 0)
        self.assertEqual(send.send_due(WEDNESDAY_EVENING + timedelta(days=1)).sent, 1)

    def test_time_zone_decides_the_moment(self) -> None:
        # 20:00 in New York is 01:00 UTC the next day (EST).
        turn_on(self.alice, CHECKIN, zone="America/New_York")
        self.assertEqual(send.send_due(WEDNESDAY_EVENING).sent, 0)
        done = send.send_due(WEDNESDAY_EVENING.replace(day=15, hour=1, minute=0))
        self.assertEqual(done.emailed, 1)
        self.assertEqual(Sent.objects.get().slot, date(2026, 1, 14))

    def test_skipped_when_already_checked_in_that_day(self) -> None:
        turn_on(self.alice, CHECKIN)
        DailyCheckIn.objects.create(
            author=self.alice,
            day=date(2026, 1, 14),
            quadrant="low_pleasant",
            feeling="calm",
            closeness=6,
        )
        done = send.send_due(WEDNESDAY_EVENING)
        self.assertEqual(done.sent, 0)
        self.assertEqual(done.skipped, {"already checked in": 1})
        self.assertEqual(Sent.objects.count(), 0)

    def test_a_check_in_made_that_morning_where_she_is_counts(self) -> None:
        """The site's day is UTC; Alice lives in Tokyo. Her check-in at 08:30 on Thursday
        Tokyo time is dated Wednesday by the site, and still counts for Thursday."""
        turn_on(self.alice, CHECKIN, zone="Asia/Tokyo")
        DailyCheckIn.objects.create(
            author=self.alice,
            day=date(2026, 1, 14),
            quadrant="low_pleasant",
            feeling="calm",
            closeness=6,
            created_at=WEDNESDAY_EVENING.replace(hour=23, minute=30),
        )
        thursday_evening_tokyo = WEDNESDAY_EVENING.replace(day=15, hour=11, minute=0)
        done = send.send_due(thursday_evening_tokyo)
        self.assertEqual((done.sent, done.skipped), (0, {"already checked in": 1}))

    def test_bob_checking_in_does_not_skip_alices_reminder(self) -> None:
        turn_on(self.alice, CHECKIN)
        self.assertEqual(send.send_due(WEDNESDAY_EVENING).emailed, 1)

    def test_weekly_talk_reminder_and_when_it_is_left_out(self) -> None:
        turn_on(self.alice, TALK, days="2")
        turn_on(self.charlie, TALK, days="2")
        done = send.send_due(WEDNESDAY_EVENING)
        self.assertEqual(done.emailed, 1)
        self.assertEqual(done.skipped, {"no partner to talk with": 1})
        message = mail.outbox[0]
        self.assertEqual(message.subject, "Your weekly talk, whenever it suits you")
        self.assertIn("http://127.0.0.1:8000/checkin/weekly/", message.body)
        self.assertNotIn("Bob", message.body)

    def test_no_weekly_talk_reminder_when_the_talk_was_just_held(self) -> None:
        turn_on(self.alice, TALK, days="2")
        WeeklyCheckIn.objects.create(
            recorded_by=self.bob, couple=self.couple, done_at=WEDNESDAY_EVENING - timedelta(days=2)
        )
        done = send.send_due(WEDNESDAY_EVENING)
        self.assertEqual((done.sent, done.skipped), (0, {"weekly talk already done": 1}))

    def test_no_weekly_talk_reminder_after_a_safety_alert(self) -> None:
        """The talk is a joint exercise: help comes first, so it is not prompted."""
        turn_on(self.alice, TALK, days="2")
        JournalEntry.objects.create(
            author=self.alice,
            text="x",
            safety_alert=True,
            created_at=WEDNESDAY_EVENING - timedelta(days=3),
        )
        done = send.send_due(WEDNESDAY_EVENING)
        self.assertEqual((done.sent, done.skipped), (0, {"help comes first": 1}))

    def test_in_app_reminders_are_recorded_not_mailed(self) -> None:
        turn_on(self.alice, CHECKIN, channel=APP)
        done = send.send_due(WEDNESDAY_EVENING)
        self.assertEqual((done.emailed, done.in_app), (0, 1))
        self.assertEqual(mail.outbox, [])
        shown = send.notices_for(self.alice, WEDNESDAY_EVENING + timedelta(minutes=5))
        self.assertEqual([n.reminder.kind for n in shown], [CHECKIN])
        self.assertEqual(send.notices_for(self.bob, WEDNESDAY_EVENING), [])
        # The next day it is gone by itself; checking in or dismissing hides it the same day.
        self.assertEqual(send.notices_for(self.alice, WEDNESDAY_EVENING + timedelta(days=1)), [])
        send.dismiss(shown[0])
        self.assertEqual(send.notices_for(self.alice, WEDNESDAY_EVENING), [])

    @override_settings(EMAIL_BACKEND=CONSOLE)
    def test_without_a_mail_server_email_reminders_appear_in_the_app(self) -> None:
        turn_on(self.alice, CHECKIN)
        done = send.send_due(WEDNESDAY_EVENING)
        self.assertEqual((done.emailed, done.in_app), (0, 1))
        self.assertEqual(Sent.objects.get().channel, APP)

    def test_a_failed_email_is_tried_again_next_minute_and_logs_no_content(self) -> None:
        turn_on(self.alice, CHECKIN)
        with (
            mock.patch.object(EmailMessage, "send", side_effect=ConnectionRefusedError("x")),
            self.assertLogs("nearer.reminders", logging.WARNING) as logs,
        ):
            done = send.send_due(WEDNESDAY_EVENING)
        self.assertEqual((done.emailed, done.failed), (0, 1))
        self.assertEqual(Sent.objects.count(), 0)
        self.assertEqual(
            logs.output,
            [
                "WARNING:nearer.reminders:a reminder email could not be sent "
                "(ConnectionRefusedError)"
            ],
        )
        self.assertEqual(send.send_due(WEDNESDAY_EVENING + timedelta(minutes=1)).emailed, 1)

    def test_dry_run_sends_and_records_nothing(self) -> None:
        turn_on(self.alice, CHECKIN)
        turn_on(self.charlie, CHECKIN, channel=APP)
        turn_on(self.bob, CHECKIN)  # Bob checked in that day
        done = send.send_due(WEDNESDAY_EVENING, dry_run=True)
        self.assertEqual(sorted(done.due), [(CHECKIN, APP), (CHECKIN, "email")])
        self.assertEqual(done.skipped, {"already checked in": 1})
        self.assertEqual((mail.outbox, Sent.objects.count()), ([], 0))

    def test_the_record_of_what_was_sent_is_kept_a_week(self) -> None:
        reminder = turn_on(self.alice, CHECKIN)
        old = Sent.objects.create(
            reminder=reminder,
            slot=date(2026, 1, 6),
            channel="email",
            sent_at=WEDNESDAY_EVENING - timedelta(days=8),
        )
        recent = Sent.objects.create(
            reminder=reminder,
            slot=date(2026, 1, 9),
            channel="email",
            sent_at=WEDNESDAY_EVENING - timedelta(days=5),
        )
        send.send_due(WEDNESDAY_EVENING, dry_run=True)
        self.assertTrue(Sent.objects.filter(pk=old.pk).exists())
        send.send_due(WEDNESDAY_EVENING)
        self.assertFalse(Sent.objects.filter(pk=old.pk).exists())
        self.assertTrue(Sent.objects.filter(pk=recent.pk).exists())

    def test_an_inactive_account_gets_nothing(self) -> None:
        turn_on(self.alice, CHECKIN)
        type(self.alice).objects.filter(pk=self.alice.pk).update(is_active=False)
        self.assertEqual(send.send_due(WEDNESDAY_EVENING).sent, 0)

    def test_a_slot_taken_by_another_worker_is_not_sent_again(self) -> None:
        reminder = turn_on(self.alice, CHECKIN)
        # Another worker inserted the row between this one's look and its claim.
        Sent.objects.create(reminder=reminder, slot=date(2026, 1, 14), channel="email")
        self.assertIsNone(send._claim(reminder, date(2026, 1, 14), "email", WEDNESDAY_EVENING))
        self.assertEqual(send.send_due(WEDNESDAY_EVENING).sent, 0)
        self.assertEqual(mail.outbox, [])
