from __future__ import annotations

from typing import Any

from nearer.core.instruments.connection_check import definition
from nearer.web.assessments.forms import field_name
from nearer.web.assessments.instruments import CONNECTION_CHECK, all_instruments
from nearer.web.assessments.models import AssessmentResult
from nearer.web.assessments.record import save_result
from nearer.web.couples.models import Couple
from tests.web.base import NearerTestCase


def check_answers(value: int = 1, partner_value: int | None = 2) -> dict[str, Any]:
    """Answers to every required Connection Check item (and the partner ones if given)."""
    answers: dict[str, Any] = {}
    for item in definition().items():
        if item.id.endswith(".partner") and partner_value is not None:
            answers[item.id] = partner_value
        elif not item.optional:
            answers[item.id] = (
                value if isinstance(item.choices[0].value, int) else (item.choices[1].value)
            )
    return answers


def as_form(answers: dict[str, Any], shared: bool = False) -> dict[str, str]:
    data = {field_name(k): str(v) for k, v in answers.items()}
    if shared:
        data["shared"] = "on"
    return data


class AssessmentPagesTests(NearerTestCase):
    def test_list_and_every_instrument_page(self) -> None:
        page = self.assert_page("/assessments/")
        self.assertContains(page, "This is not a diagnosis")
        self.assertContains(page, "<title>Assessments · nearer</title>")
        self.assertContains(page, 'href="/assessments/check/"')
        for found in all_instruments():
            if found.id == CONNECTION_CHECK:
                continue  # one screen at a time: tests/web/assessments/test_check_screens.py
            take = self.assert_page(f"/assessments/take/{found.id}/")
            self.assertContains(take, found.name)
        check = self.client_for(self.alice).get(f"/assessments/take/{CONNECTION_CHECK}/")
        self.assertRedirects(check, "/assessments/check/", fetch_redirect_response=False)
        self.assertEqual(
            self.client_for(self.alice).get("/assessments/take/nope/").status_code, 404
        )

    def test_take_a_screener_and_see_it_over_time(self) -> None:
        client = self.client_for(self.alice)
        answers = {f"q_{n}": "1" for n in range(1, 9)} | {"q_9": "0"}
        response = client.post("/assessments/take/phq9/", answers)
        result = AssessmentResult.objects.get(user=self.alice)
        self.assertRedirects(response, f"/assessments/results/{result.public_id}/")
        self.assertEqual(result.result["total"], 8)
        page = client.get(f"/assessments/results/{result.public_id}/")
        self.assertContains(page, "8 of 27")
        self.assertContains(page, "This is not a diagnosis")
        self.assertContains(client.get("/assessments/"), "8 of 27")

    def test_missing_answer_is_a_clear_error_and_nothing_is_saved(self) -> None:
        answers = {f"q_{n}": "1" for n in range(1, 9)}  # item 9 left out
        response = self.client_for(self.alice).post("/assessments/take/phq9/", answers)
        self.assertContains(response, "Pick an answer for this one.", status_code=400)
        answers["q_9"] = "7"
        response = self.client_for(self.alice).post("/assessments/take/phq9/", answers)
        self.assertContains(response, "Select a valid choice", status_code=400)
        self.assertFalse(AssessmentResult.objects.exists())

    def test_safety_alert_puts_crisis_resources_before_the_score(self) -> None:
        client = self.client_for(self.alice)
        answers = {f"q_{n}": "0" for n in range(1, 9)} | {"q_9": "2"}
        response = client.post("/assessments/take/phq9/", answers, follow=True)
        html = response.content.decode()
        self.assertIn("Help is there right now", html)
        self.assertLess(html.index("Help is there right now"), html.index(" of 27"))
        self.assertTrue(AssessmentResult.objects.get(user=self.alice).safety_alert)

    def test_connection_check_in_the_browser(self) -> None:
        client = self.client_for(self.alice)
        response = client.post(f"/assessments/take/{CONNECTION_CHECK}/", as_form(check_answers()))
        result = AssessmentResult.objects.get(user=self.alice)
        self.assertRedirects(response, f"/assessments/results/{result.public_id}/")
        page = client.get(f"/assessments/results/{result.public_id}/")
        self.assertContains(page, "What stands out")
        self.assertContains(page, "of 100")


class ResultPrivacyTests(NearerTestCase):
    def setUp(self) -> None:
        self.private = save_result(self.alice, "gad2", {"1": 1, "2": 1}, shared=False)
        self.shared = save_result(self.alice, "gad2", {"1": 2, "2": 2}, shared=True)

    def test_result_matrix(self) -> None:
        self.assert_matrix(f"/assessments/results/{self.private.public_id}/")
        self.assert_matrix(f"/assessments/results/{self.shared.public_id}/", shared=True)

    def test_only_the_owner_can_change_sharing(self) -> None:
        url = f"/assessments/results/{self.private.public_id}/share/"
        for user in (self.bob, self.charlie):
            self.assertEqual(self.client_for(user).post(url, {"shared": "1"}).status_code, 404)
        self.assertEqual(self.client_for(self.alice).get(url).status_code, 405)
        self.client_for(self.alice).post(url, {"shared": "1"})
        self.private.refresh_from_db()
        self.assertTrue(self.private.shared)
        self.assertEqual(self.private.couple_id, self.couple.pk)

    def test_partner_list_shows_shared_only(self) -> None:
        page = self.client_for(self.bob).get("/assessments/")
        self.assertContains(page, "Shared by Alice")
        self.assertContains(page, f"/assessments/results/{self.shared.public_id}/")
        self.assertNotContains(page, f"/assessments/results/{self.private.public_id}/")


class PerceptionGapTests(NearerTestCase):
    def test_gap_needs_both_to_take_and_share(self) -> None:
        self.assertContains(self.assert_page("/assessments/gap/"), "Neither of you")
        save_result(self.alice, CONNECTION_CHECK, check_answers(1, 3), shared=True)
        self.assertContains(self.client_for(self.bob).get("/assessments/gap/"), "Alice has shared")
        save_result(self.bob, CONNECTION_CHECK, check_answers(1, 1), shared=False)
        self.assertContains(
            self.client_for(self.alice).get("/assessments/gap/"), "When Bob takes it"
        )
        save_result(self.bob, CONNECTION_CHECK, check_answers(1, 1), shared=True)
        page = self.client_for(self.alice).get("/assessments/gap/")
        self.assertContains(page, "Area by area")
        self.assertContains(page, "You see more distance in Bob&#x27;s")
        self.assertNotContains(page, "Alice sees")
        solo = self.client_for(self.charlie).get("/assessments/gap/")
        self.assertContains(solo, "needs a partner")

    def test_a_former_partners_shared_check_does_not_count(self) -> None:
        save_result(self.alice, CONNECTION_CHECK, check_answers(), shared=True)
        save_result(self.bob, CONNECTION_CHECK, check_answers(), shared=True)
        new = Couple.objects.create()
        for person in (self.alice, self.charlie):
            person.couple = new
            person.save()
        page = self.client_for(self.charlie).get("/assessments/gap/")
        self.assertContains(page, "Neither of you")
