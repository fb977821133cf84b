"""The Connection Check one screen at a time: the draft's privacy, saving and resuming on
another device, back and forward, the follow-up question, and confirming the note's readings."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from nearer.web.accounts.deletion import delete_account
from nearer.web.accounts.export import export_for
from nearer.web.assessments import check_flow
from nearer.web.assessments.forms import field_name
from nearer.web.assessments.instruments import CONNECTION_CHECK
from nearer.web.assessments.models import AssessmentResult, CheckDraft
from tests.web.base import NearerTestCase

FOLLOW_UP = "When does the busy stretch end?"
NOTE = "Our son is three months old."


def start(client: Client) -> str:
    """Open the check; returns the draft's base URL (``/assessments/check/<id>``)."""
    response = client.get("/assessments/check/")
    assert response.status_code == 302, response.status_code
    return str(response["Location"]).rsplit("/", 2)[0]


def fill(screen: check_flow.Screen, **choose: str) -> dict[str, str]:
    """A valid post for one screen: the first choice of every required question, the
    second of the statements (a scale value), and whatever ``choose`` names by item id."""
    data: dict[str, str] = {}
    for item in screen.items:
        if item.id in choose:
            data[field_name(item.id)] = choose[item.id]
        elif not item.optional:
            data[field_name(item.id)] = str(item.choices[1].value)
    return data


def is_checked(page: Any, name: str, value: str) -> bool:
    pattern = rf'<input[^>]*name="{re.escape(name)}" value="{re.escape(value)}"[^>]*checked'
    return re.search(pattern, page.content.decode()) is not None


def screen_number(draft: CheckDraft, key: str) -> int:
    return next(n for n, s in enumerate(check_flow.screens(draft.answers), 1) if s.key == key)


def screen_with(draft: CheckDraft, item_id: str) -> int:
    found = check_flow.screens(draft.answers)
    return next(n for n, s in enumerate(found, 1) if any(i.id == item_id for i in s.items))


class CheckScreenTests(NearerTestCase):
    def draft(self) -> CheckDraft:
        return CheckDraft.objects.get(user=self.alice, instrument=CONNECTION_CHECK)

    def walk_to_end(self, client: Client, base: str, **choose: str) -> Any:
        """Answer every screen from the first with ``fill``; returns the last response."""
        number = 1
        response = None
        for _ in range(40):
            draft = self.draft()
            found = check_flow.screens(draft.answers)
            data = fill(found[number - 1], **choose) | {"go": "next"}
            if found[number - 1].notes and "notes" in choose:
                data["notes"] = choose["notes"]
            for reading in found[number - 1].readings:
                data[check_flow.confirm_field(reading.question)] = choose.get("confirm", "yes")
            response = client.post(f"{base}/{number}/", data)
            assert response.status_code == 302, (number, response.content[:2000])
            if "/results/" in response["Location"]:
                return response
            number = int(str(response["Location"]).rstrip("/").rsplit("/", 1)[1])
        raise AssertionError("the check never ended")

    def test_draft_matrix(self) -> None:
        base = start(self.client_for(self.alice))
        self.assert_matrix(f"{base}/1/")
        self.assert_matrix(f"{base}/1/", method="post", data={"go": "leave"}, ok=(302,))
        # Bob and Charlie open their own drafts, never Alice's.
        self.assertNotEqual(start(self.client_for(self.bob)), base)
        self.assertEqual(self.call(self.alice, "put", "/assessments/check/").status_code, 405)
        anonymous = self.call(None, "get", "/assessments/check/")
        self.assertIn("/accounts/login/", anonymous["Location"])

    def test_a_skipped_question_shows_as_skipped_and_is_not_an_answer(self) -> None:
        client = self.client_for(self.alice)
        base = start(client)
        first = check_flow.screens({})[0]
        optional = next(i for i in first.items if i.optional)
        name = field_name(optional.id)
        page = client.get(f"{base}/1/")
        self.assertFalse(is_checked(page, name, check_flow.SKIP))  # nothing picked yet
        client.post(f"{base}/1/", fill(first) | {name: check_flow.SKIP, "go": "next"})
        self.assertNotIn(optional.id, self.draft().answers)
        self.assertTrue(is_checked(client.get(f"{base}/1/"), name, check_flow.SKIP))
        self.assertNotIn(check_flow.SKIPPED, check_flow.to_answers(self.draft().answers))

    def test_discard_only_by_the_owner(self) -> None:
        base = start(self.client_for(self.alice))
        for user in (self.bob, self.charlie):
            self.assertEqual(self.call(user, "post", f"{base}/discard/").status_code, 404)
        self.assertEqual(self.call(self.alice, "get", f"{base}/discard/").status_code, 405)
        self.assertTrue(CheckDraft.objects.filter(user=self.alice).exists())
        response = self.call(self.alice, "post", f"{base}/discard/")
        self.assertRedirects(response, "/assessments/check/", fetch_redirect_response=False)
        self.assertFalse(CheckDraft.objects.filter(user=self.alice).exists())

    def test_one_screen_with_progress_and_time_left(self) -> None:
        client = self.client_for(self.alice)
        base = start(client)
        total = len(check_flow.screens({}))
        page = client.get(f"{base}/1/")
        self.assertContains(page, f"1 of {total}")
        self.assertContains(page, "minutes left")
        self.assertContains(page, "How you two talk.")
        self.assertNotContains(page, "Touch, warmth and intimacy.")  # the next screen
        self.assertNotContains(page, 'value="back"')  # nothing before the first
        response = client.post(f"{base}/1/", {"go": "next"})
        self.assertContains(response, "Pick an answer for this one.", status_code=400)
        self.assertEqual(self.draft().answers, {})

    def test_answers_saved_and_resumed_on_another_device(self) -> None:
        phone = self.client_for(self.alice)
        base = start(phone)
        first = check_flow.screens({})[0]
        response = phone.post(f"{base}/1/", fill(first) | {"go": "next"})
        self.assertRedirects(response, f"{base}/2/", fetch_redirect_response=False)
        half = fill(check_flow.screens({})[1])
        one_answer = dict(list(half.items())[:1])
        response = phone.post(f"{base}/2/", one_answer | {"go": "leave"})
        self.assertRedirects(response, "/assessments/", fetch_redirect_response=False)
        laptop = self.client_for(self.alice)
        listed = laptop.get("/assessments/")
        self.assertContains(listed, "Continue where you left off")
        self.assertContains(listed, f"screen 2 of {len(check_flow.screens({}))}")
        self.assertEqual(start(laptop), base)
        resumed = laptop.get("/assessments/check/", follow=True)
        self.assertEqual(resumed.redirect_chain[-1][0], f"{base}/2/")
        (name, value), *_ = one_answer.items()
        self.assertTrue(is_checked(resumed, name, value))
        # Back keeps what was answered on this screen too, and shows the first screen filled.
        back = laptop.post(f"{base}/2/", one_answer | {"go": "back"})
        self.assertRedirects(back, f"{base}/1/", fetch_redirect_response=False)
        again = laptop.get(f"{base}/1/")
        for name, value in fill(first).items():
            self.assertTrue(is_checked(again, name, value), name)
        self.assertEqual(len(self.draft().answers), len(fill(first)) + 1)
        self.assertNotIn(check_flow.SHARED, self.draft().answers)

    def test_follow_up_only_after_a_yes(self) -> None:
        client = self.client_for(self.alice)
        base = start(client)
        number = screen_with(self.draft(), "crunch")
        page = client.get(f"{base}/{number}/")
        self.assertContains(page, "A busy stretch with an end date")
        self.assertNotContains(page, FOLLOW_UP)
        shown = check_flow.screens({})[number - 1]
        response = client.post(f"{base}/{number}/", fill(shown, crunch="no") | {"go": "next"})
        self.assertRedirects(response, f"{base}/{number + 1}/", fetch_redirect_response=False)
        self.assertNotContains(client.get(f"{base}/{number}/"), FOLLOW_UP)
        response = client.post(f"{base}/{number}/", fill(shown, crunch="me") | {"go": "next"})
        # The same screen again, now with the follow-up under the question it follows.
        self.assertRedirects(response, f"{base}/{number}/", fetch_redirect_response=False)
        page = client.get(f"{base}/{number}/")
        html = page.content.decode()
        self.assertLess(html.index("A busy stretch with an end date"), html.index(FOLLOW_UP))
        with_follow_up = check_flow.screens(self.draft().answers)[number - 1]
        answered = fill(with_follow_up, crunch="me", crunch_ends="1to3m") | {"go": "next"}
        response = client.post(f"{base}/{number}/", answered)
        self.assertRedirects(response, f"{base}/{number + 1}/", fetch_redirect_response=False)
        self.assertEqual(self.draft().answers["crunch_ends"], "1to3m")
        # Changing the yes to a no drops the follow-up's answer.
        client.post(f"{base}/{number}/", fill(shown, crunch="no") | {"go": "next"})
        self.assertNotIn("crunch_ends", self.draft().answers)

    def test_note_reading_confirmed_yes_becomes_the_answer(self) -> None:
        client = self.client_for(self.alice)
        base = start(client)
        response = self.walk_to_end(client, base, notes=NOTE, confirm="yes")
        result = AssessmentResult.objects.get(user=self.alice)
        self.assertEqual(response["Location"], f"/assessments/results/{result.public_id}/")
        self.assertEqual(result.answers["baby"], "3to12m")
        self.assertNotIn("not_from_notes", result.private_answers)
        self.assertEqual(result.private_answers["notes"], NOTE)
        self.assertNotIn("notes", result.answers)
        self.assertFalse(CheckDraft.objects.filter(user=self.alice).exists())

    def test_share_box_on_the_last_screen_shares_the_result(self) -> None:
        client = self.client_for(self.alice)
        base = start(client)
        draft = self.draft()
        draft.answers = {check_flow.SHARED: True}
        draft.save()
        # Another screen posted afterwards does not undo the tick.
        client.post(f"{base}/1/", {"go": "leave"})
        self.assertTrue(self.draft().answers[check_flow.SHARED])
        last = len(check_flow.screens({}))
        self.assertContains(client.get(f"{base}/{last}/"), "Share this result with my partner")
        self.assertNotContains(client.get(f"{base}/1/"), "Share this result with my partner")

    def test_note_reading_turned_down_is_kept_out(self) -> None:
        client = self.client_for(self.alice)
        base = start(client)
        self.walk_to_end(client, base, notes=NOTE, confirm="no")
        result = AssessmentResult.objects.get(user=self.alice)
        self.assertNotIn("baby", result.answers)
        self.assertEqual(result.private_answers["not_from_notes"], ["baby"])
        self.assertNotIn("new_baby", str(result.result["circumstances"]))

    def test_confirmation_screen_shows_the_reading_with_yes_and_no(self) -> None:
        client = self.client_for(self.alice)
        base = start(client)
        draft = self.draft()
        draft.answers = {"notes": NOTE}
        draft.save()
        number = screen_number(draft, "confirm")
        page = client.get(f"{base}/{number}/")
        self.assertContains(page, "Read from your note")
        self.assertContains(page, "Has a baby been born to you in the last year?")
        self.assertContains(page, "three to twelve months ago")
        self.assertContains(page, "Yes, that&#x27;s right")
        self.assertContains(page, "No, that&#x27;s not right")
        # An explicit answer wins: nothing left to confirm.
        draft.answers["baby"] = "no"
        draft.save()
        self.assertEqual([s.key for s in check_flow.screens(draft.answers)][-1], "notes")

    def test_finishing_with_a_question_left_goes_back_to_it(self) -> None:
        client = self.client_for(self.alice)
        base = start(client)
        draft = self.draft()
        last = len(check_flow.screens(draft.answers))
        response = client.post(f"{base}/{last}/", {"go": "next"})
        self.assertRedirects(response, f"{base}/1/", fetch_redirect_response=False)
        self.assertFalse(AssessmentResult.objects.exists())

    def test_draft_is_exported_and_deleted_with_the_account(self) -> None:
        client = self.client_for(self.alice)
        base = start(client)
        client.post(f"{base}/1/", fill(check_flow.screens({})[0]) | {"go": "leave"})
        exported = export_for(self.alice)["check_drafts"]
        self.assertEqual(len(exported), 1)
        self.assertEqual(exported[0]["answers"], self.draft().answers)
        self.assertEqual(export_for(self.bob)["check_drafts"], [])
        delete_account(self.alice)
        self.assertFalse(CheckDraft.objects.exists())
