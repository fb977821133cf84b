"""The private safety plan in the browser: the privacy matrix, editing, printing, export
and deletion, and where it is offered."""

from __future__ import annotations

import json
from pathlib import Path

import nearer.web
from nearer.web.accounts.deletion import delete_account
from nearer.web.accounts.export import export_for
from nearer.web.safety.models import SafetyPlanRecord
from tests.web.base import NearerTestCase

STATIC = Path(nearer.web.__file__).parent / "static" / "nearer"
PLAN = {
    "warning_signs": "I stop answering messages\nI lie awake",
    "coping_alone": "Walk round the block",
    "distractions": "",
    "people_to_ask": "Mum: 07700 900123",
    "professionals": "Samaritans: Call 116 123 (free)",
    "safer_surroundings": "Stay at my sister's",
    "reasons_for_living": "My dog",
}


class SafetyPlanPageTests(NearerTestCase):
    def _save(self) -> SafetyPlanRecord:
        response = self.client_for(self.alice).post("/safety/plan/edit/", PLAN)
        saved = SafetyPlanRecord.objects.get(user=self.alice)
        self.assertRedirects(response, f"/safety/plan/{saved.public_id}/")
        return saved

    def test_start_page_and_edit_form_prefill_the_country_crisis_lines(self) -> None:
        start = self.assert_page("/safety/plan/")
        self.assertContains(start, "Start my safety plan")
        form = self.assert_page("/safety/plan/edit/")
        # Alice lives in the US: the professionals box starts with its lines.
        self.assertContains(form, "Emergency (United States): 911")
        self.assertContains(form, "988 Suicide &amp; Crisis Lifeline")

    def test_saved_plan_reads_back_line_by_line(self) -> None:
        saved = self._save()
        self.assertEqual(
            saved.sections["warning_signs"], ["I stop answering messages", "I lie awake"]
        )
        self.assertEqual(saved.sections["distractions"], [])
        page = self.client_for(self.alice).get("/safety/plan/", follow=True)
        self.assertContains(page, "<li>I stop answering messages</li>", html=True)
        self.assertContains(page, "My reasons for living")

    def test_plan_is_private_to_its_author(self) -> None:
        saved = self._save()
        self.assert_matrix(f"/safety/plan/{saved.public_id}/")
        # Bob's own /safety/plan/ never leads to Alice's plan.
        page = self.client_for(self.bob).get("/safety/plan/")
        self.assertContains(page, "Start my safety plan")
        self.assertNotContains(page, "I stop answering messages")
        for user in (self.bob, self.charlie):
            url = f"/safety/plan/{saved.public_id}/delete/"
            self.assertEqual(self.client_for(user).post(url).status_code, 404)
        self.assertEqual(self.client_for(self.alice).get("/safety/plan/nonsense/").status_code, 404)

    def test_printable_page_has_the_print_stylesheet(self) -> None:
        saved = self._save()
        page = self.client_for(self.alice).get(f"/safety/plan/{saved.public_id}/")
        self.assertContains(page, 'href="/static/nearer/print.css"')
        css = (STATIC / "print.css").read_text(encoding="utf-8")
        self.assertIn("@media print", css)
        self.assertIn(".top, footer", css)

    def test_too_long_a_line_is_a_form_error_and_nothing_is_saved(self) -> None:
        response = self.client_for(self.alice).post(
            "/safety/plan/edit/", {**PLAN, "coping_alone": "x" * 301}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "characters long", status_code=400)
        self.assertFalse(SafetyPlanRecord.objects.filter(user=self.alice).exists())

    def test_edit_refuses_wrong_method_and_anonymous(self) -> None:
        self.assertEqual(self.call(self.alice, "put", "/safety/plan/edit/").status_code, 405)
        self.assertEqual(self.call(None, "get", "/safety/plan/edit/").status_code, 302)

    def test_export_includes_the_plan_and_deletion_removes_it(self) -> None:
        self._save()
        exported = json.loads(json.dumps(export_for(self.alice), default=str))
        self.assertEqual(exported["safety_plans"][0]["sections"]["reasons_for_living"], ["My dog"])
        self.assertEqual(export_for(self.bob)["safety_plans"], [])
        deleted = delete_account(self.alice)
        self.assertEqual(deleted["safety_plans"], 1)
        self.assertFalse(SafetyPlanRecord.objects.exists())

    def test_help_page_links_the_plan_and_the_partner_guide_and_has_quick_exit(self) -> None:
        page = self.client_for(self.alice).get("/help/")
        self.assertContains(page, 'href="/safety/plan/"')
        self.assertContains(page, 'href="/safety/partner/"')
        self.assertContains(page, 'id="quick-exit"')
        anonymous = self.client_for(None).get("/help/")
        self.assertContains(anonymous, 'id="quick-exit"')
        self.assertContains(anonymous, '<span class="tag">Domestic abuse</span>', html=True)
        self.assertNotContains(anonymous, "(domestic_violence)")
        self.assertNotContains(anonymous, "domestic_violence")

    def test_partner_guide_is_open_and_cites_its_sources(self) -> None:
        page = self.client_for(None).get("/safety/partner/")
        self.assertContains(page, "Staying safer when a partner is dangerous")
        self.assertContains(page, "National Domestic Violence Hotline")
        self.assertContains(page, "Women&#x27;s Aid")
        self.assertContains(page, 'id="quick-exit"')
        self.assertEqual(self.client_for(None).post("/safety/partner/").status_code, 405)
