"""Everywhere people write, the safety scan runs: the alert shows before anything else on
the next page and in the API, quick exit follows a partner-harm alert, and the partner is
never told."""

from __future__ import annotations

from typing import Any

from django.test import Client

from nearer.core.instruments.connection_check import definition
from nearer.web.assessments.forms import field_name
from nearer.web.assessments.instruments import CONNECTION_CHECK
from nearer.web.assessments.models import AssessmentResult
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.journal.models import JournalEntry
from tests.web.base import ApiTestCase

SELF_HARM = "I want to kill myself"
PARTNER_HARM = "he hit me last night"
CHECKIN = {"quadrant": "low_unpleasant", "feeling": "sad", "closeness": "3"}
ENTRY = {"feelings": "", "situations": "", "triggers": ""}


def _check_form(**extra: str) -> dict[str, str]:
    data: dict[str, str] = {}
    for item in definition().items():
        if not item.optional:
            value = item.choices[1].value if len(item.choices) > 1 else item.choices[0].value
            data[field_name(item.id)] = str(value)
    return data | extra


def _alert_first(page: Any, words: str) -> None:
    body = page.content.decode()
    assert 'id="safety-alert"' in body, "no safety alert on the page"
    main = body.index('<main id="main"')
    assert main < body.index('id="safety-alert"') < body.index(words), "alert is not first"


class AlertOnEveryFieldTests(ApiTestCase):
    def assert_partner_not_told(self) -> None:
        bob = Client()
        bob.force_login(self.bob)
        for url in (
            "/",
            "/journal/",
            "/checkin/history/",
            "/checkin/appreciations/",
            "/assessments/",
        ):
            page = bob.get(url)
            self.assertNotContains(page, 'id="safety-alert"')
            self.assertNotContains(page, 'id="quick-exit"')

    def test_journal_entry(self) -> None:
        page = self.client_for(self.alice).post(
            "/journal/new/", {**ENTRY, "text": PARTNER_HARM, "shared": "on"}, follow=True
        )
        _alert_first(page, PARTNER_HARM)
        self.assertContains(page, "Your safety comes first")
        self.assertContains(page, 'id="quick-exit"')
        entry = JournalEntry.objects.get(author=self.alice)
        self.assertTrue(entry.safety_alert and entry.shared)
        # Bob can read the shared entry but is never told about the alert.
        page = self.client_for(self.bob).get(f"/journal/{entry.public_id}/")
        self.assertContains(page, PARTNER_HARM)
        self.assertNotContains(page, 'id="safety-alert"')
        got = self.api(self.bob, "get", f"/api/journal/{entry.public_id}").json()
        self.assertEqual((got["safety_alert"], got["safety"]), (False, None))
        mine = self.api(self.alice, "get", f"/api/journal/{entry.public_id}").json()
        self.assertEqual(mine["safety"]["kinds"], ["partner_harm"])
        self.assert_partner_not_told()

    def test_check_in_note_and_appreciation(self) -> None:
        for field in ("private_note", "appreciation"):
            DailyCheckIn.objects.filter(author=self.alice).delete()
            page = self.client_for(self.alice).post(
                "/checkin/", {**CHECKIN, field: SELF_HARM}, follow=True
            )
            _alert_first(page, "This week")
            self.assertContains(page, "You matter. Help is there right now.")
            self.assertContains(page, 'href="/safety/plan/"')
            self.assertNotContains(page, 'id="quick-exit"')
            self.assertTrue(DailyCheckIn.objects.get(author=self.alice).safety_alert)
        self.assert_partner_not_told()

    def test_alert_shows_once(self) -> None:
        client = self.client_for(self.alice)
        client.post("/checkin/", {**CHECKIN, "private_note": SELF_HARM})
        self.assertContains(client.get("/"), 'id="safety-alert"')
        self.assertNotContains(client.get("/"), 'id="safety-alert"')

    def test_weekly_talk_note(self) -> None:
        page = self.client_for(self.alice).post(
            "/checkin/weekly/done/", {"note": PARTNER_HARM}, follow=True
        )
        _alert_first(page, "Your weekly 10 minutes")
        talk = WeeklyCheckIn.objects.get(recorded_by=self.alice)
        self.assertEqual((talk.note, talk.safety_alert), (PARTNER_HARM, True))
        theirs = self.api(self.bob, "get", "/api/weekly").json()
        self.assertEqual([(t["note"], t["safety"]) for t in theirs], [("", None)])
        self.assertNotContains(self.client_for(self.bob).get("/checkin/weekly/"), PARTNER_HARM)
        self.assert_partner_not_told()

    def test_weekly_note_too_long_is_refused_and_nothing_recorded(self) -> None:
        page = self.client_for(self.alice).post(
            "/checkin/weekly/done/", {"note": "x" * 1001}, follow=True
        )
        self.assertContains(page, "keep it under 1001")
        self.assertFalse(WeeklyCheckIn.objects.exists())

    def test_connection_check_notes_and_safety_screen(self) -> None:
        client = self.client_for(self.alice)
        page = client.post(
            f"/assessments/take/{CONNECTION_CHECK}/",
            _check_form(notes=SELF_HARM, shared="on"),
            follow=True,
        )
        result = AssessmentResult.objects.get(user=self.alice)
        _alert_first(page, "Area by area")
        self.assertTrue(result.safety_alert)
        self.assertEqual(result.safety["kinds"], ["self_harm"])
        self.assertNotIn("notes", result.answers)
        self.assertEqual(result.private_answers["notes"], SELF_HARM)
        exported = self.api(self.alice, "get", "/api/me/export").json()
        self.assertEqual(exported["assessment_results"][0]["private_answers"]["notes"], SELF_HARM)
        theirs = self.api(self.bob, "get", "/api/me/export").json()
        self.assertNotIn(SELF_HARM, str(theirs))
        # Bob sees the shared result, never the notes nor the alert.
        bob = self.client_for(self.bob).get(f"/assessments/results/{result.public_id}/")
        self.assertEqual(bob.status_code, 200)
        self.assertNotContains(bob, SELF_HARM)
        self.assertNotContains(bob, 'class="alert"')
        got = self.api(self.bob, "get", f"/api/assessments/{result.public_id}").json()
        self.assertEqual((got["safety_alert"], got["safety"]), (False, None))
        self.assert_partner_not_told()

    def test_safety_screen_yes_raises_a_partner_harm_alert(self) -> None:
        page = self.client_for(self.alice).post(
            f"/assessments/take/{CONNECTION_CHECK}/",
            _check_form(**{field_name("safety.afraid"): "1"}),
            follow=True,
        )
        self.assertContains(page, "Your safety comes first")
        self.assertContains(page, 'id="quick-exit"')
        result = AssessmentResult.objects.get(user=self.alice)
        self.assertEqual(result.private_answers["safety"], {"afraid": 1})
        self.assertNotIn("safety.afraid", result.answers)

    def test_web_check_shows_the_safety_screen_and_notes(self) -> None:
        # One screen at a time (tests/web/assessments/test_check_screens.py): walk them all.
        client = self.client_for(self.alice)
        first = client.get(f"/assessments/take/{CONNECTION_CHECK}/", follow=True)
        pages = []
        url = first.redirect_chain[-1][0]
        base = url.rsplit("/", 2)[0]
        for number in range(1, 30):
            page = client.get(f"{base}/{number}/", follow=True)
            pages.append(page.content.decode())
            if page.redirect_chain:
                break
        html = "".join(pages)
        self.assertIn("Feeling safe", html)
        self.assertIn("Have you felt afraid of your partner?", html)
        self.assertIn('name="notes"', html)

    def test_api_text_fields_carry_a_safety_object(self) -> None:
        checkin = self.api(
            self.alice,
            "post",
            "/api/checkins",
            {"feeling": "sad", "closeness": 3, "private_note": SELF_HARM},
        )
        self.assertEqual(checkin.status_code, 201)
        self.assertEqual(
            checkin.json()["safety"],
            {"kinds": ["self_harm"], "level": "urgent", "categories": ["active_ideation"]},
        )
        entry = self.api(self.alice, "post", "/api/journal", {"text": PARTNER_HARM})
        self.assertEqual(entry.json()["safety"]["kinds"], ["partner_harm"])
        self.assertNotIn("text", entry.json()["safety"])
        talk = self.api(self.alice, "post", "/api/weekly", {"note": SELF_HARM})
        self.assertEqual(talk.json()["safety"]["kinds"], ["self_harm"])
        answers = {k: (v[0] if isinstance(v, list) else v) for k, v in _check_form().items()}
        raw = {
            k.removeprefix("q_").replace("__", "."): int(v) if v.isdigit() else v
            for k, v in answers.items()
        }
        check = self.api(
            self.alice,
            "post",
            "/api/assessments",
            {"instrument": CONNECTION_CHECK, "answers": {**raw, "notes": PARTNER_HARM}},
        )
        self.assertEqual(check.status_code, 201, check.content)
        self.assertEqual(check.json()["safety"]["kinds"], ["partner_harm"])
        tagged = self.api(
            self.alice,
            "post",
            "/api/journal",
            {"text": "a long day", "triggers": ["I'm afraid of him"]},
        )
        self.assertEqual(tagged.status_code, 201, tagged.content)
        self.assertEqual(tagged.json()["safety"]["kinds"], ["partner_harm"])
        calm = self.api(self.alice, "post", "/api/journal", {"text": "a quiet walk"})
        self.assertIsNone(calm.json()["safety"])


class BothKindsTests(ApiTestCase):
    def test_both_kinds_name_both_and_offer_both(self) -> None:
        page = self.client_for(self.alice).post(
            "/journal/new/",
            {**ENTRY, "text": f"{PARTNER_HARM}. {SELF_HARM}"},
            follow=True,
        )
        self.assertContains(page, "ending your life or hurting yourself, and that a partner")
        self.assertContains(page, 'href="/safety/plan/"')
        self.assertContains(page, 'href="/safety/partner/"')
        self.assertContains(page, 'id="quick-exit"')
