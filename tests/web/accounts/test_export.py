"""Settings → "Download all my data" and ``GET /api/me/export``: everything of one's own,
nothing of anyone else's, no secrets, public ids only."""

from __future__ import annotations

import json
import logging
import re
import uuid
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from nearer.web.access import own_rows_for_user
from nearer.web.accounts.models import ApiToken, User
from nearer.web.couples.models import Invitation
from tests.web.accounts.owned import (
    ALICE_APPRECIATION,
    ALICE_NOTE,
    ALICE_SHARED,
    ALICE_UNSHARED,
    BOB_APPRECIATION,
    BOB_NOTE,
    BOB_SHARED,
    BOB_UNSHARED,
    CHARLIE_ENTRY,
    CHARLIE_NOTE,
    GAD2_ANSWERS,
    OwnedDataTestCase,
)

EXPORT = "/accounts/export/"
API_EXPORT = "/api/me/export"
SECTIONS = (
    "daily_checkins",
    "weekly_talks",
    "journal_entries",
    "assessment_results",
    "invitations",
    "api_tokens",
)


def walk(value: Any, key: str = "") -> list[tuple[str, Any]]:
    """Every (key, value) pair in a JSON document, depth first."""
    found = [(key, value)]
    if isinstance(value, dict):
        for k, v in value.items():
            found += walk(v, k)
    elif isinstance(value, list):
        for v in value:
            found += walk(v, key)
    return found


class ExportPageTests(OwnedDataTestCase):
    def export(self, user: User, url: str = EXPORT) -> tuple[str, dict[str, Any]]:
        response = self.client_for(user).get(url)
        self.assertEqual(response.status_code, 200)
        raw = response.content.decode()
        return raw, json.loads(raw)

    def test_page_works_anonymous_is_sent_to_log_in_and_wrong_methods_are_refused(
        self,
    ) -> None:
        self.assert_page(EXPORT)
        for method in ("post", "delete"):
            self.assertEqual(self.call(self.alice, method, EXPORT).status_code, 405)

    def test_download_is_a_dated_json_attachment_kept_out_of_caches(self) -> None:
        response = self.client_for(self.alice).get(EXPORT)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        today = timezone.localdate().isoformat()
        self.assertEqual(
            response["Content-Disposition"], f'attachment; filename="nearer-export-{today}.json"'
        )
        self.assertEqual(response["Cache-Control"], "no-store")

    def test_settings_offers_the_download_and_the_deletion(self) -> None:
        page = self.assert_page("/accounts/settings/")
        self.assertContains(page, f'href="{EXPORT}?format=zip" download>Download all my data</a>')
        self.assertContains(page, f'href="{EXPORT}" download>The same as one JSON file</a>')
        self.assertContains(page, 'href="/accounts/delete/">Delete my account and everything')

    def test_export_holds_every_own_item_including_private_ones(self) -> None:
        _, data = self.export(self.alice)
        self.assertEqual((data["format"], data["version"]), ("nearer-export", 1))
        account = data["account"]
        self.assertEqual(account["id"], str(self.alice.public_id))
        self.assertEqual(account["email"], "alice@example.org")
        self.assertEqual(account["display_name"], "Alice")
        self.assertEqual(account["country"], "US")
        self.assertIs(account["share_daily_detail"], False)
        self.assertEqual(data["couple"]["partner_name"], "Bob")
        self.assertTrue(data["couple"]["since"].startswith(str(self.couple.created_at.year)))

        checkins = data["daily_checkins"]
        self.assertEqual(len(checkins), 2)
        today = checkins[-1]  # oldest first
        self.assertEqual(today["private_note"], ALICE_NOTE)
        self.assertEqual(today["appreciation"], ALICE_APPRECIATION)
        self.assertEqual(today["day"], timezone.localdate().isoformat())
        self.assertEqual((today["feeling"], today["closeness"]), ("calm", 7))

        entries = {e["text"]: e for e in data["journal_entries"]}
        self.assertEqual(set(entries), {ALICE_UNSHARED, ALICE_SHARED})
        self.assertIs(entries[ALICE_UNSHARED]["shared"], False)
        self.assertIs(entries[ALICE_SHARED]["shared"], True)
        self.assertEqual(entries[ALICE_UNSHARED]["feelings"], ["lonely"])
        self.assertEqual(entries[ALICE_UNSHARED]["situations"], ["dinner"])
        self.assertEqual(entries[ALICE_UNSHARED]["triggers"], ["phones at the table"])

        results = data["assessment_results"]
        self.assertEqual([r["instrument"] for r in results], ["gad2", "gad2"])
        self.assertEqual(results[0]["answers"], GAD2_ANSWERS)
        self.assertEqual(results[0]["result"]["total"], 1)
        self.assertEqual([r["shared"] for r in results], [False, True])

        self.assertEqual([w["minutes"] for w in data["weekly_talks"]], [12])
        self.assertEqual(len(data["invitations"]), 1)
        self.assertIsNotNone(data["invitations"][0]["accepted_at"])
        token = ApiToken.objects.get(user=self.alice)
        self.assertEqual(data["api_tokens"][0]["id"], str(token.public_id))
        self.assertIsNone(data["api_tokens"][0]["last_used_at"])

    def test_export_holds_nothing_of_the_partner_or_a_stranger(self) -> None:
        raw, data = self.export(self.alice)
        others = (BOB_NOTE, BOB_APPRECIATION, BOB_UNSHARED, BOB_SHARED, CHARLIE_NOTE)
        others += (CHARLIE_ENTRY, "bob@example.org", "charlie@example.org", "Charlie")
        for text in others:
            self.assertNotIn(text, raw)
        # Not even the partner's public ids: the partner is named, nothing more.
        bob_ids = {str(self.bob.public_id)} | {
            str(row.public_id) for _, rows in own_rows_for_user(self.bob).items() for row in rows
        }
        self.assertFalse(bob_ids & {str(v) for _, v in walk(data)})
        self.assertEqual(data["couple"], {"partner_name": "Bob", "since": data["couple"]["since"]})

    def test_no_password_hash_token_secret_invitation_code_or_integer_key(self) -> None:
        raw, data = self.export(self.alice)
        self.alice.refresh_from_db()
        token = ApiToken.objects.get(user=self.alice)
        for secret in (
            self.alice.password,
            "argon2",
            self.tokens["alice@example.org"],
            token.digest,
            Invitation.objects.get(inviter=self.alice).code,
        ):
            self.assertNotIn(secret, raw)
        keys = {key for key, _ in walk(data)}
        self.assertFalse(keys & {"password", "digest", "token", "code", "pk", "couple_id"})
        for key, value in walk(data):
            if key == "id":
                self.assertEqual(str(uuid.UUID(value)), value)
        # Integers appear only where they are counts or scores, never as keys of rows.
        self.assertFalse(re.search(r'"\w*_?id": \d', raw))

    def test_partner_and_stranger_only_ever_get_their_own(self) -> None:
        # No URL names a person: whatever is asked for, the logged-in user's own comes back.
        raw, data = self.export(self.bob, f"{EXPORT}?user={self.alice.public_id}")
        self.assertEqual(data["account"]["email"], "bob@example.org")
        self.assertIn(BOB_NOTE, raw)
        self.assertIn(BOB_UNSHARED, raw)
        # What Alice shared with Bob is hers, so it is in her export, not his.
        for text in (ALICE_NOTE, ALICE_UNSHARED, ALICE_SHARED, ALICE_APPRECIATION):
            self.assertNotIn(text, raw)
        raw, data = self.export(self.charlie, f"{EXPORT}?id={self.alice.public_id}")
        self.assertEqual(data["account"]["email"], "charlie@example.org")
        self.assertIsNone(data["couple"])
        self.assertIn(CHARLIE_NOTE, raw)
        for text in (ALICE_NOTE, ALICE_SHARED, BOB_NOTE, BOB_SHARED, "Alice", "Bob"):
            self.assertNotIn(text, raw)

    def test_every_model_that_points_at_a_user_is_exported_and_deleted(self) -> None:
        """A model added later with a key to User fails here until own_rows_for_user has it."""
        covered = {qs.model for _, qs in own_rows_for_user(self.alice).items()}
        pointing = {
            model
            for model in apps.get_models()
            if model.__module__.startswith("nearer.web")
            and any(
                isinstance(f, models.ForeignKey) and f.related_model is User
                for f in model._meta.get_fields()
            )
        }
        self.assertTrue(pointing)
        self.assertEqual(pointing - covered, set())

    def test_journal_text_never_reaches_the_logs_during_export(self) -> None:
        with self.assertLogs(level=logging.DEBUG) as logs:
            logging.getLogger("nearer.test").debug("marker")
            self.client_for(self.alice).get(EXPORT)
            self.client_for(self.alice).put(EXPORT)
            self.api(self.alice, "get", API_EXPORT)
            self.api(self.alice, "post", API_EXPORT)
        for text in (ALICE_UNSHARED, ALICE_SHARED, ALICE_NOTE):
            self.assertFalse(any(text in line for line in logs.output))


class ExportApiTests(OwnedDataTestCase):
    def test_api_export_needs_a_log_in_and_refuses_other_methods(self) -> None:
        response = self.api(self.alice, "get", API_EXPORT)
        self.assertEqual(response.status_code, 200)
        self.assertIn(ALICE_NOTE, response.content.decode())
        self.assertEqual(self.api(None, "get", API_EXPORT).status_code, 401)
        for method in ("post", "put", "delete"):
            self.assertEqual(self.api(self.alice, method, API_EXPORT).status_code, 405)

    def test_api_and_page_give_the_same_document(self) -> None:
        client = self.client_for(self.alice)  # one session for both, so nothing differs
        page = client.get(EXPORT).json()
        api = client.get(API_EXPORT).json()
        page.pop("exported_at")
        api.pop("exported_at")
        self.assertEqual(api, page)

    def test_api_export_is_the_callers_own_only(self) -> None:
        raw = self.api(self.bob, "get", API_EXPORT).content.decode()
        self.assertIn(BOB_NOTE, raw)
        for text in (ALICE_NOTE, ALICE_UNSHARED, ALICE_SHARED, CHARLIE_NOTE, CHARLIE_ENTRY):
            self.assertNotIn(text, raw)
        self.assertNotIn(self.tokens["bob@example.org"], raw)

    def test_token_use_shows_as_last_used(self) -> None:
        data = self.api(self.alice, "get", API_EXPORT).json()
        last_used = data["api_tokens"][0]["last_used_at"]
        self.assertIsNotNone(last_used)
        self.assertContains(self.client_for(self.alice).get("/accounts/settings/"), "last used")
