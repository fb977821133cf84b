"""A group chat in the web app: the job waits for the uploader to choose the two people,
then the worker analyses those two; cancelling, expiring and failing all delete the file."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

from django.apps import apps
from django.db import connection, models
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from nearer.web.insights import jobs
from nearer.web.insights.forms import ChooseForm
from nearer.web.insights.models import InsightHistory, InsightJob
from tests.web.insights.test_insights import CORPUS, InsightsTestCase, keep_connection

# A real WhatsApp group export with five senders, one of them with emoji in the name.
GROUP = CORPUS / "MasterScrat__Chatistics" / "tests" / "test_data" / "whatsapp" / "_chat 3.txt"
SENDERS = [
    ["John Doe", 4],
    ["The final test", 2],
    ["Even longer username with emoticons! 🙈 🙈", 1],
    ["Very long username", 1],
    ["n", 1],
]
# Message texts and the names of the people left out: never in the database once it ends.
FROM_THE_GROUP = (
    "Maybe this will crash the parser",
    "My username is very short",
    "Hallelujah",
    "Very long username",
    "Even longer username",
    "The final test",
    "John Doe",
)


class GroupChatCase(InsightsTestCase):
    def waiting_job(self, **fields: Any) -> InsightJob:
        self.upload(self.alice, GROUP.read_bytes(), name="WhatsApp Chat.txt", **fields)
        self.run_jobs()
        job = InsightJob.objects.get()
        self.assertEqual(job.status, InsightJob.CHOOSING)
        return job

    def choose(self, job: InsightJob, people: list[str], me: str = "John Doe") -> Any:
        url = f"/insights/uploads/{job.public_id}/choose/"
        return self.client_for(self.alice).post(url, {"people": people, "me": me})

    def found_in_database(self, texts: tuple[str, ...]) -> list[tuple[str, str, str]]:
        found = []
        with connection.cursor() as cursor:
            for model in apps.get_models():
                for field in model._meta.concrete_fields:
                    if not isinstance(
                        field, models.CharField | models.TextField | models.JSONField
                    ):
                        continue
                    table = model._meta.db_table
                    cursor.execute(f'SELECT "{field.column}" FROM "{table}"')
                    for (value,) in cursor.fetchall():
                        found += [(table, field.column, t) for t in texts if t in str(value or "")]
        return found


class GroupChatTests(GroupChatCase):
    def test_the_job_waits_with_names_and_counts_then_analyses_the_two_chosen(self) -> None:
        before = timezone.now()
        job = self.waiting_job(me="John", share="on")
        self.assertEqual(job.senders, SENDERS)
        self.assertEqual(len(self.files_left()), 1)  # kept only for the choice
        assert job.choose_by is not None
        self.assertAlmostEqual((job.choose_by - before).total_seconds(), 24 * 3600, delta=120)
        page = self.client_for(self.alice).get(f"/insights/uploads/{job.public_id}/")
        self.assertContains(page, "Choose the two people")
        self.assertContains(page, 'type="checkbox" name="people" value="John Doe"', count=1)
        self.assertContains(page, "checked", count=1)  # the uploader, found by first name
        self.assertContains(page, "4 messages")
        self.assertContains(page, "1 message<")
        self.assertNotContains(page, 'http-equiv="refresh"')  # a form must not reload
        listed = self.client_for(self.alice).get("/insights/")
        self.assertContains(listed, "A group chat waits for you")
        self.assertContains(listed, f'href="/insights/uploads/{job.public_id}/"', count=2)
        status = self.client_for(self.alice).get(f"/insights/uploads/{job.public_id}/status")
        self.assertEqual(status.json()["status"], "choosing")
        self.assertEqual(status.json()["senders"][1], {"name": "The final test", "messages": 2})
        response = self.choose(job, ["The final test", "John Doe"], me="John")
        self.assertEqual(response.status_code, 302)
        job.refresh_from_db()
        self.assertEqual(
            (job.status, job.between, job.senders), ("queued", ["John Doe", "The final test"], [])
        )
        self.run_jobs()
        job.refresh_from_db()
        self.assertEqual((job.status, job.upload_name, job.me, job.between), ("done", "", "", []))
        self.assertEqual(self.files_left(), [])
        history = InsightHistory.objects.get(owner=self.alice)
        # John Doe (the uploader) is Partner A, shown with Alice's name; the others are out.
        self.assertEqual((history.messages_a, history.messages_b), (4, 2))
        self.assertEqual((history.name_a, history.name_b), ("Alice", "Bob"))
        self.assertEqual(
            (history.first_day.isoformat(), history.last_day.isoformat()),
            ("2019-02-11", "2019-10-11"),
        )
        self.assertEqual(self.found_in_database(FROM_THE_GROUP), [])

    def test_anything_but_two_of_its_senders_gets_a_form_error(self) -> None:
        job = self.waiting_job(me="John Doe")
        cases = [
            ([], "Tick two people: yourself and your partner.", "John Doe"),
            (["John Doe"], "Tick exactly two people (you ticked 1).", "John Doe"),
            (
                ["John Doe", "n", "The final test"],
                "Tick exactly two people (you ticked 3).",
                "John Doe",
            ),
            (["John Doe", "Zoe"], "“Zoe” is not a sender in this chat.", "John Doe"),
            (
                ["n", "The final test"],
                "Neither n nor The final test is called “John Doe”.",
                "John Doe",
            ),
        ]
        for people, error, me in cases:
            response = self.choose(job, people, me=me)
            self.assertEqual(response.status_code, 400, people)
            self.assertContains(response, error, status_code=400)
            self.assertContains(response, 'role="alert"', status_code=400)
        job.refresh_from_db()
        self.assertEqual((job.status, len(job.senders)), ("choosing", 5))
        self.assertEqual(len(self.files_left()), 1)

    def test_the_uploader_can_correct_their_name_in_the_picker(self) -> None:
        job = self.waiting_job(me="Alice")  # not a sender of this chat
        page = self.client_for(self.alice).get(f"/insights/uploads/{job.public_id}/")
        self.assertNotContains(page, "checked")
        self.assertEqual(self.choose(job, ["n", "John Doe"], me="n").status_code, 302)
        self.run_jobs()
        history = InsightHistory.objects.get()
        self.assertEqual((history.messages_a, history.messages_b), (1, 4))

    def test_cancelling_deletes_the_file_at_once(self) -> None:
        job = self.waiting_job()
        response = self.client_for(self.alice).post(f"/insights/uploads/{job.public_id}/cancel/")
        self.assertRedirects(response, "/insights/", fetch_redirect_response=False)
        self.assertEqual(self.files_left(), [])
        job.refresh_from_db()
        self.assertEqual(
            (job.status, job.senders, job.upload_name, job.me), ("cancelled", [], "", "")
        )
        self.assertEqual(self.choose(job, ["John Doe", "n"]).status_code, 302)  # too late
        job.refresh_from_db()
        self.assertEqual(job.status, "cancelled")
        page = self.client_for(self.alice).get(f"/insights/uploads/{job.public_id}/")
        self.assertContains(page, "Cancelled. The file you uploaded has been deleted.")

    def test_a_queued_upload_can_be_cancelled_and_the_worker_leaves_it(self) -> None:
        self.upload(self.alice, GROUP.read_bytes())
        job = InsightJob.objects.get()
        self.client_for(self.alice).post(f"/insights/uploads/{job.public_id}/cancel/")
        self.assertEqual(self.files_left(), [])
        self.run_jobs()
        job.refresh_from_db()
        self.assertEqual((job.status, job.attempts), ("cancelled", 0))

    def test_a_choice_nobody_made_in_time_expires_and_its_file_is_deleted(self) -> None:
        job = self.waiting_job()
        with keep_connection():
            self.assertEqual(jobs.tidy_at_start()["expired"], 0)  # still within its day
        self.assertEqual(len(self.files_left()), 1)
        InsightJob.objects.filter(pk=job.pk).update(choose_by=timezone.now() - timedelta(minutes=1))
        with keep_connection():
            self.assertEqual(jobs.tidy_at_start()["expired"], 1)
        job.refresh_from_db()
        self.assertEqual((job.status, job.senders, job.upload_name), ("failed", [], ""))
        self.assertIn("nobody chose the two people within 24 hours", job.error)
        self.assertEqual(self.files_left(), [])
        self.assertEqual(self.found_in_database(FROM_THE_GROUP), [])

    def test_a_choice_after_the_deadline_is_refused_before_any_worker_notices(self) -> None:
        job = self.waiting_job()
        InsightJob.objects.filter(pk=job.pk).update(choose_by=timezone.now() - timedelta(seconds=1))
        response = self.choose(job, ["John Doe", "n"])
        self.assertEqual(response.status_code, 302)
        job.refresh_from_db()
        self.assertEqual((job.status, job.error), ("failed", jobs.EXPIRED))
        self.assertEqual(self.files_left(), [])
        page = self.client_for(self.alice).get(f"/insights/uploads/{job.public_id}/")
        self.assertContains(page, "nobody chose the two people within 24 hours")
        api = self.api(
            self.alice,
            "post",
            f"/api/insights/uploads/{job.public_id}/choice",
            {"people": ["John Doe", "n"]},
        )
        self.assertEqual(api.status_code, 409)

    def test_a_failure_after_the_choice_still_deletes_the_file(self) -> None:
        job = self.waiting_job()
        self.choose(job, ["John Doe", "n"])
        with mock.patch("nearer.web.insights.jobs.store.save_report", side_effect=RuntimeError):
            self.run_jobs()
        job.refresh_from_db()
        self.assertEqual((job.status, job.error), ("failed", jobs.UNEXPECTED))
        self.assertEqual(self.files_left(), [])
        self.assertEqual((job.senders, job.between, job.me), ([], [], ""))

    def test_a_chat_with_one_sender_is_refused_in_one_line(self) -> None:
        lines = GROUP.read_text(encoding="utf-8").splitlines(keepends=True)
        only_john = "".join(line for line in lines if " - John Doe: " in line)
        self.upload(self.alice, only_john.encode(), me="John Doe")
        self.run_jobs()
        job = InsightJob.objects.get()
        self.assertEqual(job.status, "failed")
        self.assertEqual(
            job.error,
            "the chat has messages from only one person (John Doe). nearer compares two "
            "people: export the whole chat with your partner.",
        )
        self.assertEqual(self.files_left(), [])


class GroupChatPrivacyTests(GroupChatCase):
    def test_the_picker_and_its_actions_are_the_uploaders_alone(self) -> None:
        for share in ("on", ""):
            with self.subTest(shared_with_partner=bool(share)):
                InsightJob.objects.all().delete()
                job = self.waiting_job(share=share)
                base = f"/insights/uploads/{job.public_id}/"
                self.assert_matrix(base)
                self.assert_api_matrix(f"/api/insights/uploads/{job.public_id}")
                self.assert_matrix(
                    f"{base}choose/",
                    method="post",
                    data={"people": ["John Doe", "n"], "me": "John Doe"},
                    ok=(302,),
                    wrong_method="get",
                )
                self.assert_matrix(f"{base}cancel/", method="post", ok=(302,), wrong_method="get")
                job.refresh_from_db()
                self.assertEqual(job.status, "cancelled")  # nobody else's request touched it

    def test_the_api_offers_the_same_choice(self) -> None:
        job = self.waiting_job()
        url = f"/api/insights/uploads/{job.public_id}"
        body = self.api(self.alice, "get", url).json()
        self.assertEqual(body["status"], "choosing")
        self.assertEqual(len(body["senders"]), 5)
        self.assertIsNotNone(body["choose_by"])
        wrong = self.api(self.alice, "post", f"{url}/choice", {"people": ["John Doe"]})
        self.assertEqual(wrong.status_code, 400)
        self.assertEqual(wrong.json()["detail"], "people: Tick exactly two people (you ticked 1).")
        long = self.api(self.alice, "post", f"{url}/choice", {"people": ["x" * 501, "n"]})
        self.assertEqual(long.status_code, 422)
        for who in (self.bob, self.charlie):
            answer = self.api(who, "post", f"{url}/choice", {"people": ["John Doe", "n"]})
            self.assertEqual(answer.status_code, 404)
        right = self.api(
            self.alice, "post", f"{url}/choice", {"people": ["n", "John Doe"], "me": "John Doe"}
        )
        self.assertEqual(right.status_code, 202, right.content)
        self.assertEqual(right.json()["status"], "queued")
        again = self.api(self.alice, "post", f"{url}/choice", {"people": ["n", "John Doe"]})
        self.assertEqual(again.status_code, 409)
        self.run_jobs()
        self.assertEqual(self.api(self.alice, "get", url).json()["status"], "done")
        self.assertEqual(self.api(self.alice, "delete", url).status_code, 409)
        self.assertEqual(self.files_left(), [])

    def test_the_api_cancels_and_deletes_the_file(self) -> None:
        job = self.waiting_job()
        url = f"/api/insights/uploads/{job.public_id}"
        for who in (self.bob, self.charlie):
            self.assertEqual(self.api(who, "delete", url).status_code, 404)
        self.assertEqual(len(self.files_left()), 1)
        answer = self.api(self.alice, "delete", url)
        self.assertEqual(answer.status_code, 200)
        self.assertEqual(answer.json()["status"], "cancelled")
        self.assertEqual(self.files_left(), [])


@given(
    people=st.lists(st.sampled_from([name for name, _ in SENDERS] + ["Zoe"]), max_size=6),
    me=st.sampled_from([name for name, _ in SENDERS]),
)
def test_the_picker_takes_exactly_two_senders_one_of_them_you(people: list[str], me: str) -> None:
    form = ChooseForm({"people": people, "me": me}, senders=SENDERS)
    distinct = set(people)
    fits = len(distinct) == 2 and "Zoe" not in distinct and me in distinct
    assert form.is_valid() == fits, form.errors
    if fits:
        other = (distinct - {me}).pop()
        assert form.cleaned_data["people"] == (me, other)  # the uploader first: Partner A
