"""Settings → "Delete my account and everything in it" and ``DELETE /api/me``: every row of
the person goes, the partner keeps their own and is unpaired, a wrong password deletes
nothing."""

from __future__ import annotations

import json
import logging

from django.test import Client, override_settings

from nearer.web.accounts.deletion import WRONG_PASSWORD
from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.couples.models import Couple
from nearer.web.journal.models import JournalEntry
from tests.web.accounts.owned import (
    ALICE_APPRECIATION,
    ALICE_NOTE,
    ALICE_SHARED,
    ALICE_UNSHARED,
    BOB_SHARED,
    BOB_UNSHARED,
    OwnedDataTestCase,
    counts_of,
)
from tests.web.base import PASSWORD

DELETE = "/accounts/delete/"

# What setUpTestData gives each person (OwnedDataTestCase).
ALICE_ROWS = {
    "accounts": 1,
    "daily_checkins": 2,
    "weekly_talks": 1,
    "journal_entries": 2,
    "assessment_results": 2,
    "invitations": 1,
    "api_tokens": 1,
    "login_failures": 1,
}
BOB_ROWS = {
    "accounts": 1,
    "daily_checkins": 1,
    "weekly_talks": 1,
    "journal_entries": 2,
    "assessment_results": 1,
    "invitations": 0,
    "api_tokens": 1,
    "login_failures": 0,
}
NOTHING = dict.fromkeys(ALICE_ROWS, 0)


class DeletionChecks(OwnedDataTestCase):
    def alice_rows(self) -> dict[str, int]:
        return counts_of(self.alice.pk, "alice@example.org")

    def bob_rows(self) -> dict[str, int]:
        return counts_of(self.bob.pk, "bob@example.org")

    def assert_alice_gone_and_bob_intact(self) -> None:
        self.assertEqual(self.alice_rows(), NOTHING)
        self.assertEqual(self.bob_rows(), BOB_ROWS)
        # Rows that point at the couple hold nothing of Alice's any more.
        self.assertEqual(
            set(DailyCheckIn.objects.filter(couple=self.couple).values_list("author", flat=True)),
            {self.bob.pk},
        )
        self.assertEqual(
            set(
                WeeklyCheckIn.objects.filter(couple=self.couple).values_list(
                    "recorded_by", flat=True
                )
            ),
            {self.bob.pk},
        )
        bob = User.objects.get(pk=self.bob.pk)
        self.assertIsNone(bob.couple_id)
        self.assertIsNone(bob.partner)
        self.assertIsNotNone(Couple.objects.get(pk=self.couple.pk).ended_at)
        # Bob's own entries stay his, the shared one included.
        texts = set(JournalEntry.objects.filter(author=bob).values_list("text", flat=True))
        self.assertEqual(texts, {BOB_UNSHARED, BOB_SHARED})

    def assert_bob_sees_nothing_of_alice(self) -> None:
        client = self.client_for(User.objects.get(pk=self.bob.pk))
        for url in ("/", "/journal/", "/checkin/appreciations/", "/checkin/history/"):
            page = client.get(url).content.decode()
            for text in (ALICE_SHARED, ALICE_APPRECIATION, ALICE_NOTE, ALICE_UNSHARED):
                self.assertNotIn(text, page, url)
        raw = self.api(self.bob, "get", "/api/journal").content.decode()
        self.assertNotIn(ALICE_SHARED, raw)
        self.assertIn(BOB_UNSHARED, raw)


class DeletePageTests(DeletionChecks):
    def test_confirmation_page_says_what_goes_and_what_the_partner_keeps(self) -> None:
        page = self.assert_page(DELETE)
        for line in (
            "Your 2 daily check-ins, with the private notes",
            "Your 2 journal entries, shared or not.",
            "Your 2 assessment results, shared or not.",
            "The 1 weekly talk you recorded.",
            "Your 1 invitation and 1 API token",
            "You and Bob are unpaired.",
            "Bob keeps everything of their own",
            "What you shared with Bob disappears from their view: 1 journal entry, 1 result",
            '<label for="id_password">Your current password</label>',
            'autocomplete="current-password"',
        ):
            self.assertContains(page, line)
        solo = self.client_for(self.charlie).get(DELETE)
        self.assertContains(solo, "You are not paired, so nobody else is affected.")
        self.assertEqual(self.alice_rows(), ALICE_ROWS)  # looking deletes nothing

    def test_wrong_or_missing_password_is_a_form_error_and_deletes_nothing(self) -> None:
        client = self.client_for(self.alice)
        wrong = client.post(DELETE, {"password": "not my password"})
        self.assertContains(wrong, WRONG_PASSWORD, status_code=400)
        missing = client.post(DELETE, {})
        self.assertContains(missing, "Type your current password to confirm.", status_code=400)
        self.assertEqual(self.alice_rows(), {**ALICE_ROWS, "login_failures": 2})
        self.assertEqual(self.bob_rows(), BOB_ROWS)
        self.assertEqual(User.objects.get(pk=self.alice.pk).couple_id, self.couple.pk)
        self.assertEqual(client.get("/journal/").status_code, 200)  # still logged in

    def test_partner_and_stranger_can_only_ever_delete_themselves(self) -> None:
        # The page takes no id; Bob's password on Bob's session deletes Bob, never Alice.
        wrong = self.client_for(self.charlie).post(DELETE, {"password": PASSWORD + "x"})
        self.assertEqual(wrong.status_code, 400)
        self.client_for(self.charlie).post(
            f"{DELETE}?user={self.alice.public_id}", {"password": PASSWORD}
        )
        self.assertFalse(User.objects.filter(pk=self.charlie.pk).exists())
        self.assertEqual(self.alice_rows(), ALICE_ROWS)
        self.assertEqual(self.bob_rows(), BOB_ROWS)

    def test_deleting_removes_every_row_logs_out_and_says_goodbye(self) -> None:
        client = self.client_for(self.alice)
        self.assertEqual(self.alice_rows(), ALICE_ROWS)
        response = client.post(DELETE, {"password": PASSWORD})
        self.assertRedirects(response, "/accounts/goodbye/")
        goodbye = client.get("/accounts/goodbye/")
        self.assertContains(goodbye, "Your account is deleted")
        self.assertNotContains(goodbye, "Log out")  # nobody is logged in any more
        self.assertRedirects(client.get("/journal/"), "/accounts/login/?next=/journal/")
        self.assert_alice_gone_and_bob_intact()
        self.assert_bob_sees_nothing_of_alice()
        # Her token is gone with her; her email can sign up afresh.
        self.assertEqual(self.api(self.alice, "get", "/api/me").status_code, 401)
        self.assertEqual(Client().get("/accounts/goodbye/").status_code, 200)
        self.assertEqual(Client().post("/accounts/goodbye/").status_code, 405)

    def test_a_solo_account_is_deleted_without_touching_the_couple(self) -> None:
        before = self.alice_rows(), self.bob_rows()
        response = self.client_for(self.charlie).post(DELETE, {"password": PASSWORD})
        self.assertRedirects(response, "/accounts/goodbye/")
        self.assertEqual(counts_of(self.charlie.pk, "charlie@example.org"), NOTHING)
        self.assertEqual((self.alice_rows(), self.bob_rows()), before)
        self.assertIsNone(Couple.objects.get(pk=self.couple.pk).ended_at)

    @override_settings(LOGIN_ATTEMPTS=2)
    def test_guessing_the_password_is_throttled_like_log_in(self) -> None:
        client = self.client_for(self.alice)
        for _ in range(2):
            client.post(DELETE, {"password": "guess"})
        blocked = client.post(DELETE, {"password": PASSWORD})
        self.assertContains(blocked, "Too many failed log-ins", status_code=429)
        self.assertEqual(self.alice_rows()["accounts"], 1)

    def test_journal_text_never_reaches_the_logs_during_deletion(self) -> None:
        with self.assertLogs(level=logging.DEBUG) as logs:
            logging.getLogger("nearer.test").debug("marker")
            client = self.client_for(self.alice)
            client.get(DELETE)
            client.post(DELETE, {"password": "wrong one"})
            self.api(self.alice, "delete", "/api/me", {"password": "wrong one"})
            client.post(DELETE, {"password": PASSWORD})
        for text in (ALICE_UNSHARED, ALICE_SHARED, ALICE_NOTE, PASSWORD, "wrong one"):
            self.assertFalse(any(text in line for line in logs.output), text)


class DeleteApiTests(DeletionChecks):
    def test_wrong_or_missing_password_is_400_with_a_clear_line(self) -> None:
        wrong = self.api(self.alice, "delete", "/api/me", {"password": "nope"})
        self.assertEqual(wrong.status_code, 400)
        self.assertEqual(
            wrong.json(), {"detail": WRONG_PASSWORD, "errors": {"password": [WRONG_PASSWORD]}}
        )
        missing = self.api(self.alice, "delete", "/api/me", {})
        self.assertEqual(missing.status_code, 422)
        self.assertTrue(missing.json()["detail"].startswith("password:"))
        no_body = self.api(self.alice, "delete", "/api/me")
        self.assertEqual(no_body.status_code, 422)
        self.assertEqual(self.alice_rows(), {**ALICE_ROWS, "login_failures": 2})
        self.assertEqual(self.api(self.alice, "get", "/api/me").status_code, 200)

    def test_anonymous_is_401_and_nothing_is_deleted(self) -> None:
        response = self.api(None, "delete", "/api/me", {"password": PASSWORD})
        self.assertEqual(response.status_code, 401)
        self.assertEqual(self.alice_rows(), ALICE_ROWS)

    def test_delete_with_a_token_removes_everything_of_the_caller_only(self) -> None:
        response = self.api(self.alice, "delete", "/api/me", {"password": PASSWORD})
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response.content, b"")
        self.assert_alice_gone_and_bob_intact()
        self.assert_bob_sees_nothing_of_alice()
        self.assertEqual(self.api(self.alice, "get", "/api/me").status_code, 401)
        partner = self.api(self.bob, "get", "/api/couple").json()
        self.assertEqual((partner["paired"], partner["partner"]), (False, None))

    def test_delete_with_a_session_needs_csrf_and_ends_the_session(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.post(
            "/api/auth/login",
            json.dumps({"email": "alice@example.org", "password": PASSWORD}),
            content_type="application/json",
        )
        body = json.dumps({"password": PASSWORD})
        refused = client.delete("/api/me", body, content_type="application/json")
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(self.alice_rows()["accounts"], 1)
        csrf = client.cookies["csrftoken"].value
        done = client.delete(
            "/api/me", body, content_type="application/json", headers={"X-CSRFToken": csrf}
        )
        self.assertEqual(done.status_code, 204)
        self.assertEqual(client.get("/api/me").status_code, 401)
        self.assertEqual(self.alice_rows(), NOTHING)


class AdminDeletionTests(DeletionChecks):
    def test_admin_delete_ends_the_couple_and_removes_every_row(self) -> None:
        from django.contrib.admin.sites import site
        from django.test import RequestFactory

        request = RequestFactory().post("/admin/")
        site._registry[User].delete_queryset(request, User.objects.filter(pk=self.alice.pk))
        self.assertFalse(User.objects.filter(pk=self.alice.pk).exists())
        self.assert_alice_gone_and_bob_intact()
