"""Import: an export round-trips exactly (export, import into an empty install, export
again, compare), nothing is added twice, the partner link is left to redo, and files that
are not nearer exports get one clear error."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from nearer.web.accounts import importing
from nearer.web.accounts.deletion import delete_account
from nearer.web.accounts.export_zip import DOCUMENT, export_zip_file, plain_document
from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.journal.models import JournalEntry
from nearer.web.safety.models import SafetyPlanRecord
from tests.web.accounts.owned import ALICE_SHARED, OwnedDataTestCase
from tests.web.base import PASSWORD

# Not carried by design (docs/privacy.md): their secrets never left the first install.
NOT_CARRIED = ("invitations", "api_tokens", "share_links")


def _comparable(document: dict[str, Any]) -> dict[str, Any]:
    kept = {k: v for k, v in document.items() if k not in {"exported_at", *NOT_CARRIED}}
    return kept


def _zip_document(user: User) -> dict[str, Any]:
    with export_zip_file(user) as handle, zipfile.ZipFile(handle) as archive:
        loaded: dict[str, Any] = json.loads(archive.read(DOCUMENT))
        return loaded


class ImportChecks(OwnedDataTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        WeeklyCheckIn.objects.create(recorded_by=cls.charlie, minutes=9, note="charlie talk")
        SafetyPlanRecord.objects.create(user=cls.charlie, sections={"people": ["my aunt"]})

    def test_round_trip_into_an_empty_install_is_exact(self) -> None:
        first = _zip_document(self.charlie)
        raw = export_zip_file(self.charlie).read()
        # An empty install: Charlie's account and every row of his are gone.
        delete_account(User.objects.get(pk=self.charlie.pk))
        self.assertFalse(User.objects.filter(email="charlie@example.org").exists())
        document = importing.read_export(io.BytesIO(raw))
        plan = importing.plan_import(document)
        self.assertTrue(plan.new_account)
        self.assertEqual(
            plan.added,
            {
                "daily_checkins": 1,
                "weekly_talks": 1,
                "journal_entries": 1,
                "assessment_results": 1,
                "safety_plans": 1,
            },
        )
        self.assertFalse(User.objects.filter(email="charlie@example.org").exists())  # dry run
        importing.apply_import(document, password=PASSWORD)
        again = _zip_document(User.objects.get(email="charlie@example.org"))
        self.assertEqual(_comparable(again), _comparable(first))
        self.assertTrue(User.objects.get(email="charlie@example.org").check_password(PASSWORD))

    def test_twice_adds_nothing_the_second_time(self) -> None:
        document = plain_document(self.charlie)
        before = DailyCheckIn.objects.count(), JournalEntry.objects.count()
        plan = importing.apply_import(document)
        self.assertFalse(plan.new_account)
        self.assertEqual(set(plan.added.values()), {0})
        self.assertEqual(plan.already_here["journal_entries"], 1)
        self.assertEqual((DailyCheckIn.objects.count(), JournalEntry.objects.count()), before)

    def test_partner_link_is_left_to_redo_and_shared_items_arrive_private(self) -> None:
        document = plain_document(self.alice)
        delete_account(User.objects.get(pk=self.alice.pk))
        importing.apply_import(document, password=PASSWORD)
        alice = User.objects.get(email="alice@example.org")
        self.assertIsNone(alice.couple_id)
        entry = JournalEntry.objects.get(text=ALICE_SHARED)
        self.assertEqual((entry.shared, entry.couple_id), (False, None))
        self.assertEqual(plain_document(alice)["couple"], None)

    def test_into_another_account_ids_of_someone_else_are_conflicts(self) -> None:
        """Bob uploading Alice's export adds nothing of hers to his account."""
        plan = importing.apply_import(plain_document(self.alice), user=self.bob)
        self.assertEqual(set(plan.added.values()), {0})
        self.assertEqual(plan.conflicts["journal_entries"], 2)
        self.assertFalse(JournalEntry.objects.filter(author=self.bob, text=ALICE_SHARED).exists())

    def test_not_an_export_or_unknown_version_is_one_clear_error(self) -> None:
        cases = {
            b"hello": "This file is not a nearer export (neither its zip nor its JSON). "
            "Give the zip from Settings → Download all my data.",
            b'{"format": "other"}': "This file is not a nearer export. "
            "Give the zip from Settings → Download all my data.",
            b'{"format": "nearer-export", "version": 99, "account": {}}': "This export is "
            "version 99; this nearer reads version 1. Update nearer, or export again from "
            "the same version.",
            b"PK\x03\x04broken": "This zip is damaged. Download the export again.",
        }
        for raw, message in cases.items():
            with self.subTest(raw=raw), self.assertRaises(importing.ImportRefused) as caught:
                importing.read_export(io.BytesIO(raw))
            self.assertEqual(str(caught.exception), message)
        other = io.BytesIO()
        with zipfile.ZipFile(other, "w") as archive:
            archive.writestr("photo.txt", "x")
        other.seek(0)
        with self.assertRaises(importing.ImportRefused):
            importing.read_export(other)

    def test_malformed_record_writes_nothing(self) -> None:
        document = plain_document(self.charlie)
        delete_account(User.objects.get(pk=self.charlie.pk))
        document["journal_entries"].append({"id": "not-a-uuid", "text": "x"})
        with self.assertRaises(importing.ImportRefused):
            importing.apply_import(document, password=PASSWORD)
        self.assertFalse(User.objects.filter(email="charlie@example.org").exists())


class ImportPageChecks(OwnedDataTestCase):
    def upload(self, user: User, raw: bytes, apply: bool = False) -> Any:
        from django.core.files.uploadedfile import SimpleUploadedFile

        data: dict[str, Any] = {"file": SimpleUploadedFile("export.zip", raw)}
        if apply:
            data["apply"] = "on"
        return self.client_for(user).post("/accounts/import/", data)

    def test_page_dry_run_then_apply_into_the_logged_in_account(self) -> None:
        self.assert_page("/accounts/import/")
        document = plain_document(self.charlie)
        document["journal_entries"][0]["id"] = "0f0e0d0c-0b0a-4909-8807-060504030201"
        raw = json.dumps(document).encode()
        dry = self.upload(self.charlie, raw)
        self.assertContains(dry, "journal entries: 1 to add, 0 already here")
        self.assertEqual(JournalEntry.objects.filter(author=self.charlie).count(), 1)
        done = self.upload(self.charlie, raw, apply=True)
        self.assertEqual(done.status_code, 302)
        self.assertEqual(JournalEntry.objects.filter(author=self.charlie).count(), 2)
        again = self.upload(self.charlie, raw)
        self.assertContains(again, "journal entries: 0 to add, 1 already here")

    def test_bad_file_is_a_form_error(self) -> None:
        response = self.upload(self.alice, b"not an export")
        self.assertContains(response, "This file is not a nearer export", status_code=400)
        self.assertEqual(self.client_for(self.alice).post("/accounts/import/", {}).status_code, 400)
