"""The report's "Message insights" and "The plan and what was done" sections: they hold only
what their owner chose (their own uploads, their own plan), say so in one line when empty,
never show a partner's data outside the partner's own part, and keep the privacy matrix of
the link (owner, partner, stranger, anonymous with a valid, an expired or a revoked link)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.assessments.record import save_result
from nearer.web.insights.models import InsightHistory, InsightWeek
from nearer.web.plans.build import current_plan
from nearer.web.plans.models import DONE, NOT_FOR_US, Plan
from nearer.web.plans.record import set_step_status
from nearer.web.sharing import links
from nearer.web.sharing.models import ShareLink
from nearer.web.sharing.sections import available_ids
from tests.web.accounts.owned import OwnedDataTestCase
from tests.web.plans.test_plan import answers

ALICE_REASON = "alice-reason we cook together already"
BOB_REASON = "bob-reason too tired on weekdays"
ALICE_SIGNAL = "alice-signal Partner B has been sending fewer messages"
BOB_SIGNAL = "bob-signal Partner A writes more slowly"


def add_insights(user: User, signal: str, shared: bool = False, weeks: int = 6) -> InsightHistory:
    history = InsightHistory.objects.create(
        owner=user,
        couple_id=user.couple_id if shared else None,
        shared=shared,
        name_a=user.display_name,
        name_b=f"{user.display_name}'s partner",
        chat_format="whatsapp",
        first_day=date(2026, 1, 5),
        last_day=date(2026, 1, 5) + timedelta(weeks=weeks),
        messages_a=40 * weeks,
        messages_b=30 * weeks,
        pattern="one-sided",
        signals=[
            {
                "person": "Partner B",
                "metric": "messages",
                "direction": "down",
                "baseline": 40.0,
                "recent": 12.0,
                "change_date": "2026-01-26",
                "strength": 0.81,
                "explanation": signal,
                "caveats": [],
                "statistics": {"cliffs_delta": -0.9, "p_value_holm": 0.002},
            },
            {
                "person": "Partner A",
                "metric": "reply_minutes_median",
                "direction": "up",
                "baseline": 6.0,
                "recent": 34.0,
                "change_date": None,
                "strength": 0.5,
                "explanation": "Partner A replies later.",
            },
            {
                "person": "Partner B",
                "metric": "messages",
                "direction": "down",
                "baseline": 40.0,
                "recent": 12.0,
                "change_date": "2026-01-19",
                "strength": 0.7,
                "explanation": "Partner A reaches out while Partner B pulls back.",
                "pattern": "pursue-withdraw",
                "evidence": [{"person": "Partner B", "metric": "messages", "direction": "down"}],
            },
        ],
        caveats=["A busy month at work shows in messages too."],
    )
    for n in range(weeks):
        start = date(2026, 1, 5) + timedelta(weeks=n)
        InsightWeek.objects.create(
            history=history,
            week=f"2026-W{start.isocalendar().week:02d}",
            week_start=start,
            person_a={"messages": 40 + n, "reply_minutes_median": 5.0 + n, "initiated_share": 0.6},
            # A week without a figure breaks the line instead of dropping to zero.
            person_b={"messages": None if n == 2 else 30 - n, "initiated_share": 0.4},
        )
    return history


def add_plan(user: User, reason: str, notes: str | None = None) -> Plan:
    extra = {"notes": notes} if notes else {}
    save_result(user, "connection-check", answers("mutual-drift", **extra), shared=False)
    plan = current_plan(user)
    assert plan is not None
    steps = list(plan.steps.all())
    set_step_status(user, steps[0], DONE)
    # Help that is due cannot be set aside: the first other step is.
    set_step_status(user, next(s for s in steps[1:] if not s.is_help), NOT_FOR_US, reason)
    return plan


def _open(token: str, client: Client | None = None) -> Any:
    return (client or Client()).get(f"/s/{token}/")


class NewSectionChecks(OwnedDataTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        add_insights(cls.alice, ALICE_SIGNAL)
        # Bob shared his with Alice: still never in Alice's part.
        add_insights(cls.bob, BOB_SIGNAL, shared=True)
        cls.alice_plan = add_plan(cls.alice, ALICE_REASON)
        add_plan(cls.bob, BOB_REASON)

    def make(self, user: User, sections: list[str], **kwargs: Any) -> links.NewLink:
        return links.create_link(user, "Dr Rivera", sections, 24, **kwargs)

    def test_both_are_offered_in_the_picker_and_the_cli(self) -> None:
        self.assertIn("insights", available_ids())
        self.assertIn("plan", available_ids())
        page = self.call(self.alice, "get", "/sharing/").content.decode()
        self.assertIn('value="insights"', page)
        self.assertIn('value="plan"', page)
        self.assertIn("Message insights", page)
        self.assertIn("The plan and what was done", page)

    def test_insights_hold_the_headline_figures_with_units_and_charts(self) -> None:
        html = _open(self.make(self.alice, ["insights"]).token).content.decode()
        self.assertIn("<h3>Message insights</h3>", html)
        self.assertIn("One of you writes differently lately", html)  # the headline
        # The pattern in words, the names put back; each change by its figures with units.
        self.assertIn(
            "<strong>Pattern:</strong> Alice reaches out while Alice&#x27;s partner pulls back.",
            html,
        )
        self.assertIn(
            '<strong>Alice&#x27;s partner</strong>, messages: <span class="nowrap">40 to 12 a '
            "week</span>",
            html,
        )
        self.assertIn('6 minutes to 34 minutes</span> <span class="meta">strength 0.50', html)
        self.assertIn("since about 2026-01-26 · strength 0.81", html)
        self.assertEqual(html.count('<ul class="changes"><li>'), 1)
        self.assertEqual(html.split('<ul class="changes">')[1].split("</ul>")[0].count("<li>"), 2)
        # The charts are SVG paths (they print); a missing week breaks Bob's line in two.
        self.assertIn(
            'aria-label="Messages each week, weeks of 2026-01-05 to 2026-02-09; latest week: '
            "Alice 45 messages; Alice&#x27;s partner 25 messages",
            html,
        )
        self.assertIn("Alice&#x27;s partner no figure</p>", html)  # no reply times of theirs
        messages_chart = html.split("<figcaption>Messages each week</figcaption>")[1]
        messages_chart = messages_chart.split("</figure>")[0]
        self.assertEqual(messages_chart.count("<path "), 3)
        self.assertIn("Latest week: Alice 45 messages", messages_chart)
        self.assertIn("A busy month at work", html)
        # Only Alice's own upload: never Bob's, though he shared it with her.
        self.assertNotIn("bob-signal", html)
        self.assertNotIn("Bob&#x27;s partner", html)
        # Not chosen: no plan.
        self.assertNotIn("The plan and what was done", html)

    def test_plan_holds_steps_what_became_of_them_reasons_and_progress(self) -> None:
        html = _open(self.make(self.alice, ["plan"]).token).content.decode()
        self.assertIn("<h3>The plan and what was done</h3>", html)
        plan = Plan.objects.filter(user=self.alice).first()
        assert plan is not None
        steps = list(plan.steps.all())
        self.assertIn(f"Steps for the week of {plan.week_start:%Y-%m-%d}", html)
        for step in steps:
            self.assertIn(step.name, html)
            for why in step.why:  # the "why" quotes the answers: never in a report
                self.assertNotIn(why, html)
        self.assertIn('class="status-done">Done<', html)
        self.assertIn(ALICE_REASON, html)
        self.assertIn("Steps done by week", html)
        # The week's steps but the one set aside: one of two done.
        self.assertIn('aria-label="1 of 2 steps done"', html)
        self.assertIn('class="status-not_for_us">Not for us<', html)
        self.assertNotIn(BOB_REASON, html)
        self.assertNotIn("Message insights", html)
        # A report changes nothing: no plan was built by opening it.
        self.assertEqual(Plan.objects.filter(user=self.alice).count(), 1)

    def test_empty_sections_say_so_in_one_line(self) -> None:
        html = _open(self.make(self.charlie, ["insights", "plan"]).token).content.decode()
        self.assertIn("<h3>Message insights</h3>", html)
        self.assertIn('<p class="empty">No chat export uploaded yet.</p>', html)
        self.assertIn("<h3>The plan and what was done</h3>", html)
        self.assertIn(
            '<p class="empty">No plan yet: a plan starts once a Connection Check is taken.</p>',
            html,
        )

    def test_side_by_side_each_part_holds_its_owners_own(self) -> None:
        alice = self.make(self.alice, ["insights"], together=True)
        self.make(self.bob, ["plan"], together=True)
        html = _open(alice.token).content.decode()
        alice_part, bob_part = html.split('<h2 class="part-name">')[1:3]
        self.assertIn("<strong>Alice&#x27;s partner</strong>, messages", alice_part)
        self.assertNotIn("The plan and what was done", alice_part)
        self.assertIn(BOB_REASON, bob_part)
        self.assertNotIn("Message insights", bob_part)
        self.assertNotIn("Bob&#x27;s partner", html)  # Bob did not tick his insights
        self.assertNotIn(ALICE_REASON, html)  # Alice did not tick her plan

    def test_privacy_matrix_of_a_link_with_the_new_sections(self) -> None:
        made = self.make(self.alice, ["insights", "plan"])
        for who in (None, self.alice, self.bob, self.charlie):
            with self.subTest(who=who and who.display_name):
                response = _open(made.token, self.client_for(who))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, ALICE_REASON)
                self.assertNotContains(response, BOB_REASON)
        # Bob and Charlie cannot revoke it or see it listed; a wrong method is refused.
        revoke = f"/sharing/{made.link.public_id}/revoke/"
        for other in (self.bob, self.charlie):
            self.assertEqual(self.call(other, "post", revoke).status_code, 404)
            page = self.call(other, "get", "/sharing/").content.decode()
            self.assertNotIn(str(made.link.public_id), page)
        self.assertEqual(Client().post(f"/s/{made.token}/").status_code, 405)
        self.assertEqual(self.call(None, "post", revoke).status_code, 302)  # to log in
        ShareLink.objects.filter(pk=made.link.pk).update(expires_at=timezone.now())
        self.assertEqual(_open(made.token).status_code, 404)
        other = self.make(self.alice, ["insights", "plan"])
        links.revoke(other.link)
        response = _open(other.token)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(ALICE_REASON, response.content.decode())


class PartnerHarmPlanChecks(OwnedDataTestCase):
    def test_a_plan_built_around_fear_of_the_partner_stays_out_of_a_joint_report(self) -> None:
        plan = add_plan(
            self.alice, ALICE_REASON, notes="I am afraid of him; he hits me when he is angry."
        )
        self.assertTrue(plan.safety_alert)
        solo = links.create_link(self.alice, "Dr Okafor", ["plan"], 24)
        self.assertIn(ALICE_REASON, _open(solo.token).content.decode())
        joint = links.create_link(self.alice, "Dr Rivera", ["plan"], 24, together=True)
        bob = links.create_link(self.bob, "Dr Rivera", ["checks"], 24, together=True)
        for token in (joint.token, bob.token):  # Bob can open his own link
            html = _open(token).content.decode()
            self.assertIn("Not shown in a report that holds both partners", html)
            self.assertNotIn(ALICE_REASON, html)
            for step in plan.steps.all():
                self.assertNotIn(step.name, html.split('<h2 class="part-name">')[1])
