"""Insights: upload, the worker path through django-tasks' database backend, what is stored,
and the privacy matrix for every page and endpoint."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.test import Client, override_settings

from nearer.web.insights import jobs
from nearer.web.insights.models import InsightHistory, InsightJob, InsightWeek
from nearer.web.insights.worker import run_worker
from tests.web.base import ApiTestCase

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "chats"
CHAT = CORPUS / "MasterScrat__Chatistics" / "tests" / "test_data" / "whatsapp" / "_chat.txt"
# Message texts and sender names from that export that must never reach the database.
FROM_THE_CHAT = (
    "This is a test message",
    "This is a test answer from John Doe",
    "The following messages will test some corner cases",
    "Alice Placeholder",
    "John Doe",
)
UPLOAD = "/insights/"


def _upload_dir() -> str:
    return tempfile.mkdtemp(prefix="nearer-uploads-")


@contextlib.contextmanager
def keep_connection() -> Iterator[None]:
    with (
        mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
        mock.patch("nearer.web.insights.jobs.close_old_connections"),
    ):
        yield


class InsightsTestCase(ApiTestCase):
    def setUp(self) -> None:
        self.folder = Path(_upload_dir())
        self.addCleanup(shutil.rmtree, self.folder, True)
        override = override_settings(INSIGHTS_UPLOAD_DIR=self.folder)
        override.enable()
        self.addCleanup(override.disable)

    def upload(self, user: Any, content: bytes, name: str = "chat.txt", **fields: Any) -> Any:
        client = self.client_for(user)
        data = {"me": "Alice", "export": SimpleUploadedFile(name, content), **fields}
        return client.post(UPLOAD, data)

    def files_left(self) -> list[Path]:
        return [p for p in self.folder.rglob("*") if p.is_file()]

    def run_jobs(self) -> None:
        # A real django-tasks database worker, in this process, until the queue is empty.
        # The test runs inside one transaction, so the worker must not recycle the
        # connection (on PostgreSQL that would end the test's transaction); the worker
        # processes of test_worker_faults.py do recycle theirs.
        with keep_connection():
            run_worker(batch=True, interval=0, signals=False)


class UploadAndWorkerTests(InsightsTestCase):
    def test_a_real_whatsapp_export_is_analysed_by_the_worker_and_the_file_deleted(self) -> None:
        response = self.upload(self.alice, CHAT.read_bytes(), share="on")
        self.assertEqual(response.status_code, 302)
        job = InsightJob.objects.get(owner=self.alice)
        self.assertEqual(job.status, InsightJob.QUEUED)
        self.assertEqual(len(self.files_left()), 1)  # streamed to disk under the data folder
        self.assertEqual(response["Location"], f"/insights/uploads/{job.public_id}/")
        self.run_jobs()
        job.refresh_from_db()
        self.assertEqual((job.status, job.attempts, job.me, job.upload_name), ("done", 1, "", ""))
        self.assertEqual(self.files_left(), [])
        history = InsightHistory.objects.get(owner=self.alice)
        self.assertEqual((history.messages_a, history.messages_b), (10, 10))
        self.assertEqual((history.name_a, history.name_b), ("Alice", "Bob"))
        self.assertEqual(history.first_day.isoformat(), "2018-01-04")
        self.assertEqual(history.weeks.count(), 68)
        self.assertTrue(history.shared)
        status = self.client_for(self.alice).get(f"/insights/uploads/{job.public_id}/status")
        self.assertEqual(status.json()["status"], "done")
        self.assertEqual(status.json()["insights_url"], f"/insights/{history.public_id}/")
        page = self.client_for(self.alice).get(f"/insights/{history.public_id}/")
        self.assertContains(page, "Alice and Bob")
        self.assertContains(page, "No clear change")

    def test_no_message_text_or_sender_name_is_anywhere_in_the_database(self) -> None:
        self.upload(self.alice, CHAT.read_bytes())
        self.run_jobs()
        self.assertEqual(InsightJob.objects.get().status, "done")
        found = []
        with connection.cursor() as cursor:
            for model in apps.get_models():
                text_columns = [
                    f.column
                    for f in model._meta.concrete_fields
                    if isinstance(f, models.CharField | models.TextField | models.JSONField)
                ]
                for column in text_columns:
                    table = model._meta.db_table
                    cursor.execute(f'SELECT "{column}" FROM "{table}"')
                    for (value,) in cursor.fetchall():
                        for text in FROM_THE_CHAT:
                            if value is not None and text in str(value):
                                found.append((table, column, text))
        self.assertEqual(found, [])

    def test_a_binary_file_fails_with_a_clear_line_and_is_still_deleted(self) -> None:
        self.upload(self.alice, b"\x00\x01\x02binary\x00" * 200, name="chat.txt")
        self.assertEqual(len(self.files_left()), 1)
        self.run_jobs()
        job = InsightJob.objects.get()
        self.assertEqual(job.status, "failed")
        self.assertIn("binary, not a chat export", job.error)
        self.assertEqual(self.files_left(), [])
        self.assertFalse(InsightHistory.objects.exists())
        page = self.client_for(self.alice).get(f"/insights/uploads/{job.public_id}/")
        self.assertContains(page, "It did not work")

    def test_a_group_chat_waits_for_its_two_people_to_be_chosen(self) -> None:
        text = (
            "[01.02.24, 10:00:00] Ann: hi\n[01.02.24, 10:01:00] Ben: hello\n"
            "[01.02.24, 10:02:00] Cat: hey\n[01.02.24, 10:03:00] Ann: all here\n"
        )
        self.upload(self.alice, text.encode(), me="Ann")
        self.run_jobs()
        job = InsightJob.objects.get()
        self.assertEqual(job.status, "choosing")
        self.assertEqual(job.senders, [["Ann", 2], ["Ben", 1], ["Cat", 1]])
        self.assertEqual(len(self.files_left()), 1)  # tests/web/insights/test_group_chat.py

    def test_a_name_that_is_neither_sender_is_refused(self) -> None:
        self.upload(self.alice, CHAT.read_bytes(), me="Zoe")
        self.run_jobs()
        job = InsightJob.objects.get()
        self.assertEqual(job.status, "failed")
        self.assertIn("neither sender in this chat is called 'Zoe'", job.error)

    def test_a_newer_export_extends_the_history_without_duplicating_weeks(self) -> None:
        lines = CHAT.read_text(encoding="utf-8").splitlines(keepends=True)
        older = "".join(lines[:14]).encode()
        self.upload(self.alice, older)
        self.run_jobs()
        history = InsightHistory.objects.get()
        first_weeks = history.weeks.count()
        self.upload(self.alice, CHAT.read_bytes())
        self.run_jobs()
        history.refresh_from_db()
        self.assertEqual(history.uploads, 2)
        self.assertEqual(history.weeks.count(), 68)
        self.assertGreater(68, first_weeks)
        self.assertEqual(InsightWeek.objects.values("week").distinct().count(), 68)
        self.assertEqual((history.messages_a, history.messages_b), (10, 10))
        # The old export again: it never overwrites the newer weeks.
        self.upload(self.alice, older)
        self.run_jobs()
        history.refresh_from_db()
        self.assertEqual((history.messages_a, history.messages_b), (10, 10))

    def test_a_chat_with_someone_else_is_refused_not_mixed_into_the_history(self) -> None:
        self.upload(self.alice, CHAT.read_bytes())
        self.run_jobs()
        # Every message three times over the same weeks: not an export of the same chat.
        lines = CHAT.read_text(encoding="utf-8").splitlines(keepends=True)
        other = "".join(line * 3 if line.startswith("[") else line for line in lines)
        self.upload(self.alice, other.encode())
        self.run_jobs()
        job = InsightJob.objects.filter(owner=self.alice).first()
        assert job is not None
        self.assertEqual(job.status, InsightJob.FAILED)
        self.assertIn("does not match the chat in your saved insights", job.error)
        self.assertEqual(self.files_left(), [])
        history = InsightHistory.objects.get(owner=self.alice)
        self.assertEqual((history.uploads, history.messages_a, history.messages_b), (1, 10, 10))
        page = self.client_for(self.alice).get(f"/insights/uploads/{job.public_id}/")
        self.assertContains(page, "delete your saved insights first")

    def test_a_zip_export_is_read_like_the_app_writes_it(self) -> None:
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w") as archive:
            archive.writestr("_chat.txt", CHAT.read_bytes())
        self.upload(self.alice, packed.getvalue(), name="WhatsApp Chat.zip")
        self.run_jobs()
        self.assertEqual(InsightJob.objects.get().status, "done")
        self.assertEqual(InsightHistory.objects.get().weeks.count(), 68)
        self.assertEqual(self.files_left(), [])

    def test_a_worker_starting_sweeps_leftovers_older_than_a_day(self) -> None:
        old = self.folder / "old.upload"
        fresh = self.folder / "fresh.upload"
        (self.folder / "incoming").mkdir()
        stale_part = self.folder / "incoming" / "upload-x.part"
        for path in (old, fresh, stale_part):
            path.write_bytes(b"x")
        two_days_ago = time.time() - 2 * 24 * 3600
        for path in (old, stale_part):
            os.utime(path, (two_days_ago, two_days_ago))
        waiting = self.folder / "waiting.upload"
        waiting.write_bytes(b"x")
        os.utime(waiting, (two_days_ago, two_days_ago))
        # A queued job still needs its file, however old (its worker may be busy).
        InsightJob.objects.create(owner=self.alice, upload_name="waiting.upload", me="Alice")
        with keep_connection():
            self.assertEqual(jobs.tidy_at_start(), {"recovered": 0, "expired": 0, "swept": 2})
        kept = sorted(p.name for p in self.files_left())
        self.assertEqual(kept, ["fresh.upload", "waiting.upload"])

    def test_redacted_names_are_partner_a_and_b(self) -> None:
        self.upload(self.alice, CHAT.read_bytes(), redact="on")
        self.run_jobs()
        history = InsightHistory.objects.get()
        self.assertEqual((history.name_a, history.name_b), ("Partner A", "Partner B"))

    def test_wrong_files_get_a_form_error_and_nothing_is_queued(self) -> None:
        response = self.upload(self.alice, b"hello", name="photo.jpg")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "not .jpg", status_code=400)
        response = self.upload(self.alice, b"", name="chat.txt")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(InsightJob.objects.exists())

    @override_settings(INSIGHTS_MAX_UPLOAD_BYTES=1000)
    def test_a_file_over_the_limit_is_refused_and_not_kept(self) -> None:
        response = self.upload(self.alice, b"x" * 5000)
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "larger than", status_code=413)
        self.assertFalse(InsightJob.objects.exists())
        self.assertEqual(self.files_left(), [])


class PrivacyMatrixTests(InsightsTestCase):
    def _history(self, shared: bool) -> InsightHistory:
        history = InsightHistory.objects.create(
            owner=self.alice,
            couple=self.couple if shared else None,
            shared=shared,
            name_a="Alice",
            name_b="Bob",
            chat_format="whatsapp",
            first_day="2024-01-01",
            last_day="2024-06-01",
            pattern="stable",
        )
        InsightWeek.objects.create(
            history=history,
            week="2024-W01",
            week_start="2024-01-01",
            person_a={"messages": 5},
            person_b={"messages": 7},
        )
        return history

    def test_private_insights_pages(self) -> None:
        history = self._history(shared=False)
        self.assert_matrix(f"/insights/{history.public_id}/")
        self.assert_api_matrix(f"/api/insights/{history.public_id}")

    def test_shared_insights_pages(self) -> None:
        history = self._history(shared=True)
        self.assert_matrix(f"/insights/{history.public_id}/", shared=True)
        self.assert_api_matrix(f"/api/insights/{history.public_id}", shared=True)
        listed = self.api(self.bob, "get", "/api/insights").json()
        self.assertEqual([h["id"] for h in listed], [str(history.public_id)])
        self.assertEqual(self.api(self.charlie, "get", "/api/insights").json(), [])

    def test_only_the_uploader_may_share_or_delete(self) -> None:
        history = self._history(shared=True)
        for url in (
            f"/insights/{history.public_id}/share/",
            f"/insights/{history.public_id}/delete/",
        ):
            for who in (self.bob, self.charlie):
                self.assertEqual(self.call(who, "post", url, {"shared": "1"}).status_code, 404)
            self.assertEqual(self.call(self.alice, "get", url).status_code, 405)
        self.call(self.alice, "post", f"/insights/{history.public_id}/share/", {"shared": "0"})
        history.refresh_from_db()
        self.assertFalse(history.shared)
        self.assertEqual(
            self.client_for(self.bob).get(f"/insights/{history.public_id}/").status_code, 404
        )

    def test_jobs_are_the_uploaders_alone(self) -> None:
        self.upload(self.alice, CHAT.read_bytes(), share="on")
        job = InsightJob.objects.get()
        self.assert_matrix(f"/insights/uploads/{job.public_id}/")
        self.assert_matrix(f"/insights/uploads/{job.public_id}/status")
        self.assert_api_matrix(f"/api/insights/uploads/{job.public_id}")

    def test_list_and_early_warning_are_each_persons_own(self) -> None:
        self.assert_page(UPLOAD)
        body = self.api(self.alice, "get", "/api/insights/early-warning").json()
        self.assertEqual(body["status"], "not-enough-weeks")
        self.assertEqual(self.api(None, "get", "/api/insights/early-warning").status_code, 401)

    def test_api_upload_runs_through_the_worker(self) -> None:
        client = Client()
        headers = {"Authorization": f"Bearer {self.tokens[self.alice.email]}"}
        response = client.post(
            "/api/insights/uploads",
            {"export": SimpleUploadedFile("chat.txt", CHAT.read_bytes()), "me": "Alice"},
            headers=headers,
        )
        self.assertEqual(response.status_code, 202, response.content)
        job_id = response.json()["id"]
        self.run_jobs()
        body = client.get(f"/api/insights/uploads/{job_id}", headers=headers).json()
        self.assertEqual(body["status"], "done")
        insights = client.get(f"/api/insights/{body['insights_id']}", headers=headers).json()
        self.assertEqual(insights["messages"], [10, 10])
        self.assertEqual(len(insights["weekly"]), 68)
        bad = client.post("/api/insights/uploads", {"me": "Alice"}, headers=headers)
        self.assertEqual(bad.status_code, 400)
        self.assertIn("export", bad.json()["detail"])

    def test_uplot_is_served_from_the_package(self) -> None:
        response = Client().get("/insights/assets/uPlot.iife.min.js")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"uPlot", response.content)
        self.assertEqual(Client().get("/insights/assets/secret.py").status_code, 404)


THREAT = "you choked me last night and I am scared of you"


class ChatSafetyTests(InsightsTestCase):
    """The worker's safety screen: help first for the uploader, nothing for the partner."""

    def _upload_threat(self) -> InsightHistory:
        line = f"[19.04.19, 16:20:00] Alice Placeholder: {THREAT}\n".encode()
        self.upload(self.alice, CHAT.read_bytes().rstrip(b"\n") + b"\n" + line, share="on")
        self.run_jobs()
        self.assertEqual(InsightJob.objects.get().status, "done")
        return InsightHistory.objects.get(owner=self.alice)

    def test_the_uploader_sees_help_first_and_the_partner_sees_nothing(self) -> None:
        history = self._upload_threat()
        assert history.safety is not None
        self.assertEqual(history.safety["kinds"], ["partner_harm"])
        self.assertEqual(history.safety["level"], "emergency")
        self.assertEqual(history.safety["messages"], 1)
        self.assertEqual([w["week"] for w in history.safety["weeks"]], ["2019-W16"])
        self.assertEqual(
            set(history.safety), {"kinds", "level", "categories", "messages", "weeks", "writers"}
        )
        self.assertEqual(history.safety["writers"], ["Partner A"])  # roles, never names
        url = f"/insights/{history.public_id}/"
        self.assert_matrix(url, shared=True)
        mine = self.client_for(self.alice).get(url).content.decode()
        self.assertIn('id="safety-alert"', mine)
        self.assertLess(mine.index('id="safety-alert"'), mine.index("<h1>"))
        self.assertIn("quick-exit", mine)  # partner harm: the quick-exit button is on
        self.assertIn("Some of your own messages in this chat suggest a partner may be", mine)
        theirs = self.client_for(self.bob).get(url).content.decode()
        for hint in ('id="safety-alert"', "quick-exit", "strangulation", "danger", "partner_harm"):
            self.assertNotIn(hint, theirs)
        for who in (self.alice, self.bob):
            for api in (f"/api/insights/{history.public_id}", "/api/insights"):
                body = self.api(who, "get", api).content.decode()
                self.assertNotIn("safety", body)
                self.assertNotIn("strangulation", body)

    def test_no_word_of_the_message_is_in_the_database(self) -> None:
        self._upload_threat()
        with connection.cursor() as cursor:
            for model in apps.get_models():
                for field in model._meta.concrete_fields:
                    if not isinstance(
                        field, models.CharField | models.TextField | models.JSONField
                    ):
                        continue
                    cursor.execute(f'SELECT "{field.column}" FROM "{model._meta.db_table}"')
                    for (value,) in cursor.fetchall():
                        for words in (THREAT, "choked me", "scared of you"):
                            self.assertNotIn(words, str(value or ""), model._meta.db_table)

    def test_the_partners_messages_get_help_worded_for_someone_worried(self) -> None:
        line = b"[19.04.19, 16:20:00] John Doe: i want to kill myself tonight\n"
        self.upload(self.alice, CHAT.read_bytes().rstrip(b"\n") + b"\n" + line)
        self.run_jobs()
        history = InsightHistory.objects.get(owner=self.alice)
        assert history.safety is not None
        self.assertEqual(history.safety["writers"], ["Partner B"])
        page = self.client_for(self.alice).get(f"/insights/{history.public_id}/")
        text = page.content.decode()
        self.assertIn("Help is there, for them and for you", text)
        self.assertIn("Some of the messages Bob wrote in this chat suggest that someone may", text)
        self.assertIn("with anyone who is worried about them", text)
        # What speaks to the uploader as the person at risk is left out.
        self.assertNotIn("You matter", text)
        self.assertNotIn("Open my safety plan", text)
        self.assertIn('class="lines"', text)  # the crisis lines still come first

    def test_a_newer_export_merges_the_summary(self) -> None:
        from nearer.web.insights.store import merged_safety

        week = {"week": "2019-W16", "week_start": "2019-04-15", "messages": 1}
        old = {
            "kinds": ["partner_harm"],
            "level": "urgent",
            "categories": ["threats"],
            "messages": 1,
            "weeks": [week],
        }
        new = {
            "kinds": ["self_harm", "partner_harm"],
            "level": "emergency",
            "categories": ["strangulation"],
            "senders": {"Partner A": 2},
            "messages": 3,
            "weeks": [
                {**week, "messages": 2},
                {"week": "2019-W17", "week_start": "2019-04-22", "messages": 1},
            ],
            "response": {},
        }
        merged = merged_safety(old, new)
        assert merged is not None
        self.assertEqual(merged["writers"], ["Partner A"])
        self.assertEqual(merged["kinds"], ["self_harm", "partner_harm"])
        self.assertEqual(merged["level"], "emergency")
        self.assertEqual(merged["categories"], ["threats", "strangulation"])
        self.assertEqual(merged["messages"], 3)  # week 16 counted once, at its larger count
        self.assertEqual([w["messages"] for w in merged["weeks"]], [2, 1])
        self.assertNotIn("senders", merged)
        self.assertEqual(merged_safety(old, None), old)
        self.assertIsNone(merged_safety(None, None))
