"""Home says what to do today: check in, the partner checked in (never their score),
appreciations with a thank-you, this week's step, the weekly talk when due, your own weeks as
a chart and a mood meter, and a gentle line when there is nothing new."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.assessments.record import save_result
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.plans.models import Thanks
from tests.web.base import ApiTestCase
from tests.web.plans.test_plan import answers


def checkin(user: User, days_ago: int = 0, **fields: object) -> DailyCheckIn:
    values = {
        "quadrant": "low_pleasant",
        "feeling": "calm",
        "closeness": 7,
        "appreciation": "",
        "private_note": "",
        **fields,
    }
    return DailyCheckIn.objects.create(
        author=user,
        couple_id=user.couple_id,
        day=timezone.localdate() - timedelta(days=days_ago),
        **values,
    )


class HomeTests(ApiTestCase):
    def test_check_in_first_then_what_you_said(self) -> None:
        page = self.client_for(self.alice).get("/")
        self.assertContains(page, "How are you feeling?")
        self.assertEqual(self.client_for(self.alice).put("/").status_code, 405)
        self.assertContains(self.client.get("/"), "Log in")  # the landing page, not home
        self.assertContains(page, 'href="/checkin/"')
        checkin(self.alice, feeling="hopeful", quadrant="high_pleasant", closeness=8)
        page = self.client_for(self.alice).get("/")
        self.assertContains(page, "You checked in: <strong>hopeful</strong>, closeness 8 of 10.")
        self.assertNotContains(page, "How are you feeling?")

    def test_partner_checked_in_today_without_any_score(self) -> None:
        checkin(self.alice, feeling="lonely", quadrant="low_unpleasant", closeness=2)
        bob = self.client_for(self.bob).get("/")
        self.assertContains(bob, "Alice checked in today.")
        self.assertNotContains(bob, "lonely")
        self.assertNotContains(bob, "closeness 2")
        self.assertContains(
            self.client_for(self.alice).get("/"), "Bob has not checked in yet today."
        )
        self.assertNotContains(self.client_for(self.charlie).get("/"), "Alice")

    def test_appreciation_can_be_thanked_once_and_the_author_hears_of_it(self) -> None:
        made = checkin(self.alice, appreciation="You fixed my bike.", private_note="secret worry")
        page = self.client_for(self.bob).get("/")
        self.assertContains(page, "You fixed my bike.")
        self.assertContains(page, "Say thank you")
        self.assertNotContains(page, "secret worry")
        url = f"/checkin/appreciations/{made.public_id}/thanks/"
        # Bob (it was written for him) may; Alice, the author, and Charlie get 404.
        self.assert_matrix(url, owner=self.bob, method="post", ok=(302,), wrong_method="get")
        self.assertEqual(Thanks.objects.count(), 1)
        self.assertContains(self.client_for(self.bob).get("/"), "You said thank you")
        self.assertContains(
            self.client_for(self.alice).get("/"), "Bob thanked you for what you wrote."
        )
        self.assertNotContains(self.client_for(self.charlie).get("/"), "thanked you")
        # The API says the same, and thanking again changes nothing.
        got = self.api(self.bob, "get", "/api/appreciations").json()
        self.assertEqual((got[0]["id"], got[0]["thanked"]), (str(made.public_id), True))
        self.assert_api_matrix(
            f"/api/appreciations/{made.public_id}/thanks", owner=self.bob, method="post", ok=(201,)
        )
        self.assertEqual(Thanks.objects.count(), 1)

    def test_a_check_in_without_appreciation_cannot_be_thanked(self) -> None:
        made = checkin(self.alice)
        got = self.client_for(self.bob).post(f"/checkin/appreciations/{made.public_id}/thanks/")
        self.assertEqual(got.status_code, 404)

    def test_this_weeks_step_links_to_the_plan(self) -> None:
        page = self.client_for(self.alice).get("/")
        self.assertContains(page, "Get your plan")
        save_result(self.alice, "connection-check", answers("mutual-drift"), shared=False)
        page = self.client_for(self.alice).get("/")
        self.assertContains(page, "This week's step")
        self.assertContains(page, "Ten-minute feelings check-in")
        self.assertContains(page, 'href="/plan/"')
        self.assertNotContains(self.client_for(self.bob).get("/"), "Ten-minute feelings check-in")

    def test_weekly_talk_when_due(self) -> None:
        self.assertContains(self.client_for(self.alice).get("/"), "Time for your weekly talk")
        WeeklyCheckIn.objects.create(recorded_by=self.bob, couple=self.couple)
        self.assertNotContains(self.client_for(self.alice).get("/"), "Time for your weekly talk")
        WeeklyCheckIn.objects.update(done_at=timezone.now() - timedelta(days=8))
        self.assertContains(self.client_for(self.alice).get("/"), "Time for your weekly talk")
        self.assertNotContains(self.client_for(self.charlie).get("/"), "Time for your weekly talk")

    def test_the_talk_is_due_by_the_persons_own_calendar(self) -> None:
        from datetime import datetime
        from unittest import mock
        from zoneinfo import ZoneInfo

        from nearer.web.home import talk_due

        new_york = ZoneInfo("America/New_York")
        # Tuesday 24 November, 23:30 in New York: already Wednesday 25th in UTC.
        held = datetime(2026, 11, 24, 23, 30, tzinfo=new_york)
        WeeklyCheckIn.objects.create(recorded_by=self.bob, couple=self.couple, done_at=held)
        monday, tuesday = datetime(2026, 11, 30).date(), datetime(2026, 12, 1).date()
        with (
            mock.patch("django.utils.timezone.now", return_value=held),
            timezone.override(new_york),
        ):
            self.assertFalse(talk_due(self.alice, monday))  # six days on, in New York
            self.assertTrue(talk_due(self.alice, tuesday))  # seven (six by the UTC date)

    def test_chart_of_your_own_days_and_the_mood_meter(self) -> None:
        page = self.client_for(self.alice).get("/")
        self.assertContains(page, "Check in on a few days")
        self.assertNotContains(page, "uPlot.iife.min.js")
        for n, (closeness, quadrant, word) in enumerate(
            [
                (3, "low_unpleasant", "lonely"),
                (5, "low_unpleasant", "lonely"),
                (8, "high_pleasant", "hopeful"),
            ]
        ):
            checkin(self.alice, days_ago=n, closeness=closeness, quadrant=quadrant, feeling=word)
        checkin(self.bob, closeness=1, quadrant="high_unpleasant", feeling="furious")
        page = self.client_for(self.alice).get("/")
        html = page.content.decode()
        self.assertIn('src="/static/vendor/uPlot.iife.min.js"', html)
        self.assertIn('src="/static/nearer/home.js"', html)
        start = html.index('id="closeness-data"')
        data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
        self.assertEqual(data["closeness"], [8, 5, 3])  # oldest first, only Alice's own
        self.assertEqual(data["pleasant"], [1, -1, -1])
        self.assertContains(
            page,
            '<strong>Low and unpleasant</strong><span class="mood-days">2 days</span>'
            '<span class="mood-words">lonely</span>',
            html=False,
        )
        self.assertNotContains(page, "furious")
        # The library itself is served by the app, not a CDN.
        for path in ("/static/vendor/uPlot.iife.min.js", "/static/nearer/home.js"):
            self.assertEqual(self.client.get(path).status_code, 200, path)
        self.assertNotIn("cdn", html.lower())

    def test_gentle_prompt_when_nothing_is_new(self) -> None:
        WeeklyCheckIn.objects.create(recorded_by=self.alice, couple=self.couple)
        checkin(self.charlie)
        page = self.client_for(self.charlie).get("/")
        self.assertContains(page, "Nothing new today, and that is fine.")
        checkin(self.alice, appreciation="Thank you for the tea.")
        page = self.client_for(self.bob).get("/")
        self.assertNotContains(page, "Nothing new today")

    def test_navigation_reaches_every_part(self) -> None:
        html = self.client_for(self.alice).get("/").content.decode()
        nav = html[html.index('<nav class="main-nav"') : html.index("</nav>")]
        for href in (
            "/",
            "/plan/",
            "/checkin/",
            "/journal/",
            "/assessments/",
            "/learn/",
            "/partner/",
            "/accounts/settings/",
        ):
            self.assertIn(f'href="{href}"', nav)
        self.assertIn('href="/" aria-current="page"', nav)
        anonymous = self.client.get("/").content.decode()
        self.assertNotIn('class="main-nav"', anonymous)
