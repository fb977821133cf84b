"""Import: an export round-trips exactly (export, import into an empty install, export
again, compare), nothing is added twice, the partner link is left to redo, and files that
are not nearer exports get one clear error."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

from django.utils import timezone

from nearer.web.accounts import import_rows, importing
from nearer.web.accounts.deletion import delete_account
from nearer.web.accounts.export_zip import DOCUMENT, KINDS, export_zip_file, plain_document
from nearer.web.accounts.models import User
from nearer.web.assessments.models import CheckDraft
from nearer.web.assessments.record import save_result
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.couples.models import Couple
from nearer.web.insights.models import InsightJob
from nearer.web.journal.models import JournalEntry
from nearer.web.plans.build import current_plan
from nearer.web.plans.models import DONE, NOT_FOR_US, Plan, Thanks
from nearer.web.plans.record import set_step_status, thank_for
from nearer.web.safety.models import SafetyPlanRecord
from tests.web.accounts.owned import ALICE_SHARED, BOB_APPRECIATION, OwnedDataTestCase
from tests.web.base import PASSWORD
from tests.web.plans.test_plan import answers
from tests.web.sharing.test_new_sections import add_insights

# Not carried by design (docs/privacy.md): their secrets never left the first install.
NOT_CARRIED = ("invitations", "api_tokens", "share_links", "reminders")


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
        # Every other kind Charlie can own: a plan with marked steps, chat insights and
        # their uploads, an unfinished Connection Check.
        save_result(cls.charlie, "connection-check", answers("mutual-drift"), shared=False)
        plan = current_plan(cls.charlie)
        assert plan is not None
        steps = list(plan.steps.all())
        set_step_status(cls.charlie, steps[0], DONE)
        other = next(s for s in steps[1:] if not s.is_help)
        set_step_status(cls.charlie, other, NOT_FOR_US, "charlie-reason no time")
        current_plan(cls.charlie)  # rebuilt without the step set aside: two plans
        add_insights(cls.charlie, "charlie-signal fewer messages")
        finished = timezone.now() - timedelta(days=3)
        InsightJob.objects.create(
            owner=cls.charlie, status=InsightJob.DONE, size_bytes=1234, finished_at=finished
        )
        InsightJob.objects.create(
            owner=cls.charlie, status=InsightJob.FAILED, error="Not a chat.", finished_at=finished
        )
        CheckDraft.objects.create(
            user=cls.charlie, instrument="connection-check", answers={"notes": "charlie-draft"}
        )

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
                "assessment_results": 2,
                "check_drafts": 1,
                "safety_plans": 1,
                "insight_uploads": 2,
                "chat_insights": 1,
                "plans": 2,
                "thanks_given": 0,
            },
        )
        self.assertFalse(User.objects.filter(email="charlie@example.org").exists())  # dry run
        importing.apply_import(document, password=PASSWORD)
        charlie = User.objects.get(email="charlie@example.org")
        again = _zip_document(charlie)
        # Every kind the export holds is either carried or named as not carried.
        self.assertEqual(set(KINDS) - {"account", "couple"}, {*importing.CARRIED, *NOT_CARRIED})
        for kind in importing.CARRIED:
            if kind != "thanks_given":  # Charlie has no partner to thank
                self.assertTrue(first[kind], kind)
        self.assertEqual(_comparable(again), _comparable(first))
        self.assertTrue(charlie.check_password(PASSWORD))
        # The plans came back with what they were built from: the latest is still this
        # week's plan, so opening the plan page rebuilds nothing.
        self.assertEqual(len(first["plans"]), 2)
        latest = current_plan(charlie)
        assert latest is not None
        self.assertEqual(str(latest.public_id), first["plans"][-1]["id"])
        self.assertEqual(Plan.objects.filter(user=charlie).count(), 2)
        history = charlie.insights
        # Counted again from the weeks, as an upload counts them (week 3 has none of B's).
        self.assertEqual((history.messages_a, history.messages_b), (255, 137))
        self.assertEqual(history.weeks.first().week_start.isoformat(), "2026-01-05")

    def test_api_serves_the_same_document_with_every_kind(self) -> None:
        bobs = DailyCheckIn.objects.get(appreciation=BOB_APPRECIATION)
        thank_for(self.alice, bobs.public_id)
        for user in (self.charlie, self.alice):
            with self.subTest(user=user.display_name):
                api = self.api(user, "get", "/api/me/export").json()
                document = plain_document(user)
                api.pop("exported_at")
                document.pop("exported_at")
                self.assertEqual(api, document)

    def test_upload_still_running_arrives_failed_saying_why(self) -> None:
        running = InsightJob.objects.create(owner=self.charlie, status=InsightJob.RUNNING)
        document = plain_document(self.charlie)
        delete_account(User.objects.get(pk=self.charlie.pk))
        importing.apply_import(document, password=PASSWORD)
        job = InsightJob.objects.get(public_id=running.public_id)
        self.assertEqual(job.status, InsightJob.FAILED)
        self.assertEqual(job.error, import_rows.UPLOAD_LEFT_BEHIND)

    def test_thanks_wait_for_the_partner_and_never_attach_to_someone_else(self) -> None:
        bobs = DailyCheckIn.objects.get(appreciation=BOB_APPRECIATION)
        thank_for(self.alice, bobs.public_id)
        first = plain_document(self.alice)
        self.assertEqual(first["thanks_given"][0]["appreciation"], str(bobs.public_id))
        delete_account(User.objects.get(pk=self.alice.pk))
        plan = importing.apply_import(first, password=PASSWORD)
        self.assertEqual(plan.added["thanks_given"], 0)
        self.assertEqual(plan.waiting, {"thanks_given": 1})
        line = next(x for x in plan.lines() if x.startswith("thank-yous"))
        self.assertEqual(
            line,
            "thank-yous: 0 to add, 0 already here, 1 waiting for your partner (import again "
            "once you are paired and your partner has brought in their data)",
        )
        self.assertFalse(Thanks.objects.exists())
        # Charlie bringing in Alice's thank-you (or Bob's appreciation id) gets nothing.
        forged = plain_document(self.charlie)
        forged["thanks_given"] = first["thanks_given"]
        forged["account"] = plain_document(self.charlie)["account"]
        self.assertEqual(importing.apply_import(forged).waiting, {"thanks_given": 1})
        self.assertFalse(Thanks.objects.filter(thanked_by=self.charlie).exists())
        # Paired again with Bob, the same file adds it, and the export is as before.
        alice = User.objects.get(email="alice@example.org")
        couple = Couple.objects.create()
        User.objects.filter(pk__in=[alice.pk, self.bob.pk]).update(couple=couple)
        alice.refresh_from_db()
        again = importing.apply_import(first)
        self.assertEqual((again.added["thanks_given"], again.waiting), (1, {}))
        self.assertEqual(Thanks.objects.get(thanked_by=alice).checkin, bobs)
        self.assertEqual(plain_document(alice)["thanks_given"], first["thanks_given"])
        self.assertEqual(set(importing.apply_import(first).added.values()), {0})

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

    def test_dry_run_then_confirm_without_choosing_the_file_again(self) -> None:
        document = plain_document(self.charlie)
        document["journal_entries"][0]["id"] = "0f0e0d0c-0b0a-4909-8807-060504030201"
        dry = self.upload(self.charlie, json.dumps(document).encode())
        self.assertEqual(dry["Cache-Control"], "no-store")
        self.assertContains(dry, "What this file would add")
        self.assertContains(dry, "journal entries: 1 to add, 0 already here")
        self.assertContains(dry, "daily check-ins: 0 to add, 1 already here")
        self.assertContains(dry, "plans: 0 to add, 0 already here")
        self.assertContains(dry, "Add it to my account</button>")
        token = dry.context["token"]
        self.assertEqual(JournalEntry.objects.filter(author=self.charlie).count(), 1)
        # The confirm step is Charlie's alone: Bob posting it adds nothing to anyone.
        refused = self.call(self.bob, "post", "/accounts/import/", {"confirmed": token})
        self.assertContains(refused, "not made for this account", status_code=400)
        changed = self.call(self.charlie, "post", "/accounts/import/", {"confirmed": token + "x"})
        self.assertEqual(changed.status_code, 400)
        self.assertEqual(JournalEntry.objects.filter(author=self.charlie).count(), 1)
        done = self.call(self.charlie, "post", "/accounts/import/", {"confirmed": token})
        self.assertEqual(done.status_code, 302)
        self.assertEqual(done["Location"], "/accounts/settings/")
        self.assertEqual(JournalEntry.objects.filter(author=self.charlie).count(), 2)
        # Confirming twice adds nothing more.
        self.call(self.charlie, "post", "/accounts/import/", {"confirmed": token})
        self.assertEqual(JournalEntry.objects.filter(author=self.charlie).count(), 2)

    def test_a_confirm_older_than_an_hour_asks_for_the_file_again(self) -> None:
        from unittest import mock

        token = importing.confirm_token(plain_document(self.charlie), self.charlie)
        assert token is not None
        later = timezone.now().timestamp() + importing.CONFIRM_MAX_AGE + 5
        with mock.patch("time.time", return_value=later):
            response = self.call(self.charlie, "post", "/accounts/import/", {"confirmed": token})
        self.assertContains(
            response, "That check is more than an hour old. Choose the file again.", status_code=400
        )

    def test_import_page_is_each_persons_own(self) -> None:
        for who in (self.alice, self.bob, self.charlie):
            self.assert_page("/accounts/import/", user=who)
        anonymous = self.call(None, "post", "/accounts/import/", {"confirmed": "x"})
        self.assertEqual(anonymous.status_code, 302)
        self.assertIn("/accounts/login/", anonymous["Location"])
        settings = self.call(self.alice, "get", "/accounts/settings/").content.decode()
        self.assertIn('href="/accounts/import/"', settings)

    def test_bad_file_is_a_form_error(self) -> None:
        response = self.upload(self.alice, b"not an export")
        self.assertContains(response, "This file is not a nearer export", status_code=400)
        self.assertEqual(self.client_for(self.alice).post("/accounts/import/", {}).status_code, 400)
