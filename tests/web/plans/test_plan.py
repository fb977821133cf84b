"""The plan for a representative couple: Alice drifting apart (mutual drift), Bob the partner
who withdraws. Steps with actions and reasons, done, not for us (respected by the next plan),
rebuilt after a new check saying what changed, help first with a safety alert, the steps for
both shared only when both agree, and the privacy matrix on every page and endpoint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nearer.web import access
from nearer.web.accounts.deletion import delete_account
from nearer.web.accounts.export import export_for
from nearer.web.assessments.record import save_result
from nearer.web.plans.models import DONE, NOT_FOR_US, Plan, PlanStep
from tests.web.base import ApiTestCase

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def answers(name: str, **extra: Any) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return {**found, **extra}


class PlanTests(ApiTestCase):
    def setUp(self) -> None:
        save_result(self.alice, "connection-check", answers("mutual-drift"), shared=False)

    def steps(self, user: Any = None) -> list[PlanStep]:
        plan = Plan.objects.filter(user=user or self.alice).first()
        assert plan is not None
        return list(plan.steps.all())

    def test_plan_page_has_steps_actions_reasons_help_and_reading(self) -> None:
        page = self.assert_page("/plan/")
        steps = self.steps()
        self.assertEqual(
            [s.strategy_id for s in steps],
            ["feelings_check_in", "repair_a_hurt", "listen_to_understand"],
        )
        for s in steps:
            self.assertContains(page, s.name)
            self.assertTrue(s.actions and s.why, s.strategy_id)
            self.assertContains(page, s.actions[0])
        self.assertContains(page, "Why this step")
        self.assertContains(page, "Professional help")
        self.assertContains(page, "For both of you.")  # couples therapy: whom it is for
        self.assertContains(page, "Worth considering")  # and how soon
        self.assertContains(page, "Read next")
        self.assertContains(page, 'href="/learn/strategies/feelings_check_in/"')
        # The same plan on a second visit: nothing changed, nothing rebuilt.
        self.client_for(self.alice).get("/plan/")
        self.assertEqual(Plan.objects.filter(user=self.alice).count(), 1)

    def test_without_a_check_the_page_asks_for_one(self) -> None:
        page = self.assert_page("/plan/", user=self.bob)
        self.assertContains(page, "Your plan starts with the Connection Check")
        body = self.api(self.bob, "get", "/api/plan").json()
        self.assertIsNone(body["plan"])
        self.assertIn("Connection Check", body["missing"])

    def test_partner_and_stranger_never_see_alices_plan(self) -> None:
        self.client_for(self.alice).get("/plan/")
        why = self.steps()[0].why[0]
        for user in (self.bob, self.charlie):
            page = self.client_for(user).get("/plan/").content.decode()
            self.assertNotIn(why, page)
            self.assertNotIn(self.steps()[0].name, page)
            api = self.api(user, "get", "/api/plan").content.decode()
            self.assertNotIn(why, api)

    def test_step_matrix_page_and_api(self) -> None:
        self.client_for(self.alice).get("/plan/")
        step = self.steps()[0]
        self.assert_matrix(
            f"/plan/steps/{step.public_id}/",
            method="post",
            data={"status": "done"},
            ok=(302,),
            wrong_method="get",
        )
        self.assert_api_matrix(
            f"/api/plan/steps/{step.public_id}", method="post", body={"status": "todo"}
        )
        self.assertEqual(self.api(self.alice, "put", "/api/plan").status_code, 405)
        self.assertEqual(self.api(None, "get", "/api/plan").status_code, 401)
        for url in ("/plan/sharing/", f"/plan/not-for-us/{step.strategy_id}/undo/"):
            self.assertEqual(self.client_for(self.alice).get(url).status_code, 405, url)
        # Undo of a strategy nobody declined is 404, for the owner as for anyone.
        self.assertEqual(
            self.client_for(self.alice)
            .post(f"/plan/not-for-us/{step.strategy_id}/undo/")
            .status_code,
            404,
        )

    def test_done_shows_in_progress(self) -> None:
        client = self.client_for(self.alice)
        client.get("/plan/")
        first = self.steps()[0]
        client.post(f"/plan/steps/{first.public_id}/", {"status": DONE})
        page = client.get("/plan/")
        self.assertContains(page, "1 of 3 done")
        self.assertEqual(self.steps()[0].status, DONE)
        body = self.api(self.alice, "get", "/api/plan").json()
        self.assertEqual(body["plan"]["progress"][0]["done"], 1)
        self.assertEqual(body["plan"]["steps"][0]["status"], "done")
        self.assertEqual([s["for_whom"] for s in body["plan"]["steps"]], ["both", "both", "anyone"])
        self.assertEqual(body["plan"]["steps"][0]["learn"], "/learn/strategies/feelings_check_in/")

    def test_not_for_us_is_left_out_of_the_next_plan_with_a_note(self) -> None:
        client = self.client_for(self.alice)
        client.get("/plan/")
        first, second = self.steps()[:2]
        self.steps_before = [s.strategy_id for s in self.steps()]
        client.post(f"/plan/steps/{first.public_id}/", {"status": DONE})
        client.post(
            f"/plan/steps/{second.public_id}/",
            {"status": NOT_FOR_US, "reason": "We already talk this through with a friend."},
        )
        page = client.get("/plan/")
        now = self.steps()
        self.assertNotIn(second.strategy_id, [s.strategy_id for s in now])
        self.assertEqual(len(now), 3)
        self.assertContains(page, f"Left out “{second.name}”, which you marked “not for us”.")
        # Only the declined step was replaced: the others keep their places.
        self.assertEqual(now[0].strategy_id, first.strategy_id)
        self.assertEqual(now[1].strategy_id, self.steps_before[2])
        self.assertContains(page, "We already talk this through with a friend.")
        # What was marked on the steps that stay is kept.
        kept = {s.strategy_id: s.status for s in now}
        self.assertEqual(kept[first.strategy_id], DONE)
        # A new check later still respects it.
        save_result(self.alice, "connection-check", answers("mutual-drift"), shared=False)
        client.get("/plan/")
        self.assertNotIn(second.strategy_id, [s.strategy_id for s in self.steps()])
        # Nobody else can bring it back for her: Bob and Charlie get 404, Alice's stays.
        undo = f"/plan/not-for-us/{second.strategy_id}/undo/"
        for other in (self.bob, self.charlie):
            self.assertEqual(self.call(other, "post", undo).status_code, 404)
        self.assertIn(second.strategy_id, access.declined_strategies_for_user(self.alice))
        self.assert_matrix(undo, method="post", ok=(302,), wrong_method="get")
        # Brought back (the matrix's owner call did it), it may come back.
        self.assertEqual(access.declined_strategies_for_user(self.alice), {})
        client.get("/plan/")
        self.assertIn(second.strategy_id, [s.strategy_id for s in self.steps()])

    def test_help_that_is_due_cannot_be_set_aside(self) -> None:
        self.client_for(self.alice).get("/plan/")
        step = self.steps()[0]
        PlanStep.objects.filter(pk=step.pk).update(practice="professional")
        got = self.api(
            self.alice, "post", f"/api/plan/steps/{step.public_id}", {"status": NOT_FOR_US}
        )
        self.assertEqual(got.status_code, 400)
        self.assertIn("cannot be set aside", got.json()["detail"])
        # Outside the schema (docs/api.md): 422, naming the field.
        bad = self.api(self.alice, "post", f"/api/plan/steps/{step.public_id}", {"status": "maybe"})
        self.assertEqual(bad.status_code, 422)
        self.assertIn("status", bad.json()["detail"])
        long = self.api(
            self.alice,
            "post",
            f"/api/plan/steps/{step.public_id}",
            {"status": "todo", "reason": "x" * 501},
        )
        self.assertEqual(long.status_code, 422)
        self.assertIn("reason", long.json()["detail"])

    def test_rebuilt_after_a_new_check_and_says_what_changed(self) -> None:
        client = self.client_for(self.alice)
        client.get("/plan/")
        before = [s.strategy_id for s in self.steps()]
        save_result(self.alice, "connection-check", answers("pursuer-distancer"), shared=False)
        page = client.get("/plan/")
        self.assertEqual(Plan.objects.filter(user=self.alice).count(), 2)
        after = [s.strategy_id for s in self.steps()]
        self.assertNotEqual(before, after)
        self.assertContains(page, "What changed")
        self.assertContains(page, "You took a new Connection Check on")
        self.assertContains(page, "New this week:")
        self.assertContains(page, "No longer in the plan:")
        changes = self.api(self.alice, "get", "/api/plan").json()["plan"]["changes"]
        self.assertTrue(any(c.startswith("You took a new Connection Check") for c in changes))

    def test_a_new_screener_rebuilds_too(self) -> None:
        client = self.client_for(self.alice)
        client.get("/plan/")
        save_result(self.alice, "phq2", {"1": 3, "2": 3}, shared=False)
        page = client.get("/plan/")
        self.assertContains(page, "A new PHQ-2 result.")

    def test_safety_alert_puts_help_first(self) -> None:
        save_result(
            self.alice,
            "connection-check",
            answers("mutual-drift", notes="Some days I want to kill myself."),
            shared=False,
        )
        html = self.client_for(self.alice).get("/plan/").content.decode()
        self.assertIn('id="safety-alert"', html)
        self.assertLess(html.index('id="safety-alert"'), html.index("This week"))
        self.assertTrue(self.api(self.alice, "get", "/api/plan").json()["plan"]["safety_alert"])
        # Bob is never told.
        self.assertNotIn(
            'id="safety-alert"', self.client_for(self.bob).get("/plan/").content.decode()
        )

    def test_steps_for_both_are_shared_only_when_both_agree(self) -> None:
        save_result(
            self.bob, "connection-check", answers("pursuer-distancer-partner"), shared=False
        )
        alice, bob = self.client_for(self.alice), self.client_for(self.bob)
        alice.get("/plan/")
        bob.get("/plan/")
        joint = [s for s in self.steps(self.alice) if s.audience == "both"]
        private = [s for s in self.steps(self.alice) if s.audience != "both"]
        self.assertTrue(joint and private)
        alice.post("/plan/sharing/", {"share": "1"})
        self.assertNotContains(bob.get("/plan/"), joint[0].summary)
        self.assertIsNone(self.api(self.bob, "get", "/api/plan").json()["together"])
        bob.post("/plan/sharing/", {"share": "1"})
        page = bob.get("/plan/")
        self.assertContains(page, "From Alice's plan, the steps meant for both of you")
        self.assertContains(page, joint[0].summary)
        self.assertNotContains(page, private[0].summary)
        for reason in joint[0].why:
            self.assertNotContains(page, reason)
        together = self.api(self.bob, "get", "/api/plan").json()["together"]
        self.assertEqual({t["name"] for t in together}, {s.name for s in joint})
        bobs = {s.strategy_id for s in self.steps(self.bob)}
        self.assertEqual(
            {t["name"]: t["in_your_plan"] for t in together},
            {s.name: s.strategy_id in bobs for s in joint},
        )
        self.assertNotIn(joint[0].why[0], json.dumps(together))
        # Charlie, a stranger, sees nothing of either even when he shares too.
        self.client_for(self.charlie).post("/plan/sharing/", {"share": "1"})
        self.assertNotContains(self.client_for(self.charlie).get("/plan/"), joint[0].summary)
        # Alice stops sharing: gone from Bob's page.
        alice.post("/plan/sharing/", {"share": "0"})
        self.assertNotContains(bob.get("/plan/"), "From Alice's plan")

    def test_plans_are_in_the_export_and_go_with_the_account(self) -> None:
        client = self.client_for(self.alice)
        client.get("/plan/")
        step = self.steps()[1]
        client.post(f"/plan/steps/{step.public_id}/", {"status": NOT_FOR_US, "reason": "not now"})
        client.post("/plan/sharing/", {"share": "1"})
        client.get("/plan/")  # rebuilt without the declined step
        exported = export_for(self.alice)
        self.assertEqual(len(exported["plans"]), 2)
        reasons = [s["reason"] for p in exported["plans"] for s in p["steps"]]
        self.assertIn("not now", reasons)
        self.assertTrue(exported["plan_sharing"])
        api = self.api(self.alice, "get", "/api/me/export").json()
        self.assertEqual(len(api["plans"]), 2)
        self.assertEqual(export_for(self.bob)["plans"], [])
        deleted = delete_account(self.alice)
        self.assertEqual(deleted["plans"], 2)
        self.assertFalse(Plan.objects.exists())
        self.assertFalse(PlanStep.objects.exists())


class PlanFromCheckInsTests(ApiTestCase):
    def setUp(self) -> None:
        save_result(self.alice, "connection-check", answers("mutual-drift"), shared=False)

    def _checkin(self, days_ago: int, closeness: int, note: str = "") -> None:
        from datetime import timedelta

        from django.utils import timezone

        from nearer.web.checkins.models import DailyCheckIn

        DailyCheckIn.objects.create(
            author=self.alice,
            couple=self.couple,
            day=timezone.localdate() - timedelta(days=days_ago),
            quadrant="low_pleasant",
            feeling="calm",
            closeness=closeness,
            private_note=note,
            safety_alert=bool(note),
        )

    def test_a_clear_change_in_check_ins_rebuilds_and_says_so(self) -> None:
        client = self.client_for(self.alice)
        for n in range(3):
            self._checkin(n, 8)
        page = client.get("/plan/")
        self.assertContains(page, "Your check-ins over the last two weeks: mostly feeling close")
        # One more day, one point lower: same band, same plan.
        self._checkin(3, 7)
        client.get("/plan/")
        self.assertEqual(Plan.objects.filter(user=self.alice).count(), 1)
        for n in range(4, 9):
            self._checkin(n, 2)
        page = client.get("/plan/")
        self.assertEqual(Plan.objects.filter(user=self.alice).count(), 2)
        self.assertContains(page, "Your check-ins moved from feeling close to feeling far apart.")

    def test_a_check_in_that_raised_an_alert_puts_help_first(self) -> None:
        client = self.client_for(self.alice)
        client.get("/plan/")
        self._checkin(0, 3, note="I want to kill myself")
        html = client.get("/plan/").content.decode()
        self.assertIn('id="safety-alert"', html)
        self.assertLess(html.index('id="safety-alert"'), html.index("This week"))
        self.assertIn("Something you wrote in a check-in put help first.", html)
        self.assertNotIn("kill myself", html)
        bob = self.client_for(self.bob).get("/plan/").content.decode()
        self.assertNotIn('id="safety-alert"', bob)


class BrokenAnswersTests(ApiTestCase):
    def test_a_check_the_engine_refuses_keeps_the_page_working(self) -> None:
        from nearer.web.assessments.models import AssessmentResult

        AssessmentResult.objects.create(
            user=self.alice, instrument="connection-check", answers={"c1.self": 99}
        )
        page = self.client_for(self.alice).get("/plan/")
        self.assertContains(page, "Your plan starts with the Connection Check")
        save_result(self.alice, "connection-check", answers("mutual-drift"), shared=False)
        self.client_for(self.alice).get("/plan/")
        AssessmentResult.objects.create(
            user=self.alice, instrument="connection-check", answers={"c1.self": 99}
        )
        page = self.client_for(self.alice).get("/plan/")
        self.assertContains(page, "Ten-minute feelings check-in")  # the last good plan
        self.assertEqual(self.api(self.alice, "get", "/api/plan").status_code, 200)


class PartnerHarmPlanTests(ApiTestCase):
    def test_fear_of_a_partner_leads_with_help_quick_exit_and_no_joint_steps(self) -> None:
        save_result(
            self.alice,
            "connection-check",
            answers("mutual-drift", notes="I am afraid of him; he hits me when he is angry."),
            shared=False,
        )
        html = self.client_for(self.alice).get("/plan/").content.decode()
        self.assertIn('id="safety-alert"', html)
        self.assertIn('id="quick-exit"', html)
        self.assertLess(html.index('id="safety-alert"'), html.index("This week"))
        plan = Plan.objects.get(user=self.alice)
        self.assertFalse(plan.steps.filter(audience="both").exists())
        help_ids = [h["id"] for h in plan.content["professional"]]
        self.assertEqual(help_ids[0], "domestic_abuse_service")
        self.assertNotIn("couples_therapy", help_ids)
        self.assertIn("Left out for now, for your safety", html)


def test_every_learn_link_of_a_plan_names_a_knowledge_entry() -> None:
    """The plan links to /learn/<topic>/<id>/ by path (the learn app's entry pages): each
    link must name a topic and an entry the knowledge base has."""
    from nearer.core.assessment.sitting import assess
    from nearer.core.knowledge import load
    from nearer.core.knowledge.base import TOPICS
    from nearer.web.plans.views import learn_path, step_link

    kb = load()
    links = set()
    for name in ("mutual-drift", "pursuer-distancer", "safety-concern", "healthy-boundary"):
        plan = assess(answers(name)).plan
        links |= {step_link(r.strategy.id) for r in (*plan.this_week, *plan.strategies)}
        links |= {learn_path(t, i) for t, i, _ in plan.read_next}
    assert links
    for link in links:
        parts = link.strip("/").split("/")
        assert parts[0] == "learn" and parts[1] in TOPICS, link
        if len(parts) == 3:
            assert parts[2] in {e.id for e in kb.entries(parts[1])}, link
