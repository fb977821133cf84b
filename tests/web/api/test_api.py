from __future__ import annotations

import json

from django.test import Client

from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.couples.models import Invitation
from nearer.web.journal.models import JournalEntry
from tests.web.base import PASSWORD, ApiTestCase, make_user

CHECKIN = {
    "feeling": "calm",
    "closeness": 8,
    "appreciation": "You fixed my bike.",
    "private_note": "Tired of my job.",
}


class OpenApiTests(ApiTestCase):
    def test_openapi_document_lists_every_area(self) -> None:
        doc = self.client.get("/api/openapi.json").json()
        paths = set(doc["paths"])
        for path in ("/api/auth/token", "/api/couple/join", "/api/checkins", "/api/journal"):
            self.assertIn(path, paths)
        self.assertEqual(self.client.get("/api/docs").status_code, 404)  # no CDN-backed docs page


class AccountApiTests(ApiTestCase):
    def test_token_login_and_me(self) -> None:
        client = Client()
        response = client.post(
            "/api/auth/token",
            {"email": "ALICE@example.org", "password": PASSWORD},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 201)
        token = response.json()["token"]
        me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
        self.assertEqual(me["display_name"], "Alice")
        self.assertEqual(me["partner"]["display_name"], "Bob")
        self.assertNotIn("pk", json.dumps(me))
        client.post("/api/auth/logout", headers={"Authorization": f"Bearer {token}"})
        gone = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual(gone.status_code, 401)

    def test_wrong_password_is_401_with_a_clear_line(self) -> None:
        response = Client().post(
            "/api/auth/token",
            {"email": "alice@example.org", "password": "nope"},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 401)
        self.assertEqual(
            response.json()["detail"],
            "Email or password is wrong. Check both, or reset your password.",
        )

    def test_session_login_needs_csrf_for_writes(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            "/api/auth/login",
            {"email": "alice@example.org", "password": PASSWORD},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(client.get("/api/me").json()["display_name"], "Alice")
        refused = client.post("/api/weekly", content_type="application/json")
        self.assertEqual(refused.status_code, 403)
        self.assertFalse(WeeklyCheckIn.objects.exists())
        client.get("/accounts/settings/")  # any page sets the CSRF cookie
        token = client.cookies["csrftoken"].value
        done = client.post(
            "/api/weekly", content_type="application/json", headers={"X-CSRFToken": token}
        )
        self.assertEqual(done.status_code, 201)

    def test_signup_validates_like_the_page(self) -> None:
        client = Client()
        bad = client.post(
            "/api/auth/signup",
            {
                "display_name": "Dana",
                "email": "dana@example.org",
                "password": "short",
                "country": "US",
            },
            content_type="application/json",
        )
        self.assertEqual(bad.status_code, 400)
        self.assertIn("password1", bad.json()["errors"])
        self.assertTrue(bad.json()["detail"].startswith("password1: This password is too short"))
        good = client.post(
            "/api/auth/signup",
            {
                "display_name": "Dana",
                "email": "dana@example.org",
                "password": "a long quiet lake",
                "country": "US",
            },
            content_type="application/json",
        )
        self.assertEqual(good.status_code, 201)
        self.assertEqual(client.get("/api/me").json()["email"], "dana@example.org")

    def test_missing_field_is_422_with_one_line(self) -> None:
        response = Client().post(
            "/api/auth/token", {"email": "a@b.c"}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            response.json(),
            {
                "detail": "password: Field required. Fix it and send again.",
                "errors": {"password": ["Field required"]},
            },
        )


class PairingApiTests(ApiTestCase):
    def test_invite_join_and_unpair(self) -> None:
        dana = make_user("dana@example.org", "Dana")
        from nearer.web.accounts.models import ApiToken

        self.tokens[dana.email] = ApiToken.issue(dana)
        created = self.api(self.charlie, "post", "/api/couple/invitations")
        self.assertEqual(created.status_code, 201)
        code = created.json()["code"]
        self.assertIn("/partner/join/", created.json()["link"])
        bad = self.api(dana, "post", "/api/couple/join", {"code": "12"})
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(
            self.api(dana, "post", "/api/couple/join", {"code": "ZZZZZZZZ"}).status_code, 404
        )
        joined = self.api(dana, "post", "/api/couple/join", {"code": code})
        self.assertEqual(joined.json()["partner"]["display_name"], "Charlie")
        self.assertEqual(Invitation.objects.get(inviter=self.charlie).accepted_at is not None, True)
        preview = self.api(dana, "get", "/api/couple/unpair").json()
        self.assertEqual(preview["weekly_talks"], 0)
        after = self.api(dana, "post", "/api/couple/unpair").json()
        self.assertFalse(after["paired"])
        again = self.api(dana, "post", "/api/couple/unpair")
        self.assertEqual(again.status_code, 409)

    def test_paired_cannot_invite(self) -> None:
        response = self.api(self.alice, "post", "/api/couple/invitations")
        self.assertEqual(response.status_code, 409)
        self.assertIn("already paired", response.json()["detail"])


class CheckInApiTests(ApiTestCase):
    def test_check_in_then_partner_sees_appreciation_only(self) -> None:
        made = self.api(self.alice, "post", "/api/checkins", CHECKIN)
        self.assertEqual(made.status_code, 201, made.content)
        self.assertEqual(made.json()["quadrant"], "low_pleasant")
        checkin_id = made.json()["id"]
        self.assert_api_matrix(f"/api/checkins/{checkin_id}")
        days = self.api(self.bob, "get", "/api/partner/days").json()
        self.assertEqual(days[0]["appreciation"], "You fixed my bike.")
        self.assertIsNone(days[0]["closeness"])
        self.assertNotIn("Tired of my job", json.dumps(days))
        received = self.api(self.bob, "get", "/api/appreciations").json()
        self.assertEqual([a["text"] for a in received], ["You fixed my bike."])
        for url in ("/api/partner/days", "/api/appreciations", "/api/checkins", "/api/summary"):
            self.assertNotIn("bike", self.api(self.charlie, "get", url).content.decode())
            self.assertNotIn("Tired", self.api(self.bob, "get", url).content.decode())
        # One check-in is too few for a partner's summary: nothing of it shows.
        partner_week = self.api(self.bob, "get", "/api/summary").json()["partner"]
        self.assertEqual(
            {k: v for k, v in partner_week.items() if k != "start"},
            {"shown": False, "closeness": None, "main_area": None},
        )

    def test_bad_check_ins_are_refused_and_nothing_saved(self) -> None:
        cases = [
            # Against the schema (type, limits): 422.
            (
                {**CHECKIN, "closeness": 0},
                422,
                "closeness: Input should be greater than or equal to 1",
            ),
            ({**CHECKIN, "closeness": "lots"}, 422, "closeness: Input should be a valid integer"),
            ({**CHECKIN, "closeness": True}, 422, "closeness: Input should be a valid integer"),
            ({**CHECKIN, "closeness": 7.0}, 422, "closeness: Input should be a valid integer"),
            ({**CHECKIN, "feeling": 5}, 422, "feeling: Input should be a valid string"),
            (
                {**CHECKIN, "private_note": "x" * 1001},
                422,
                "private_note: String should have at most 1000",
            ),
            # Against a rule of the form behind it: 400.
            ({**CHECKIN, "feeling": "blorp"}, 400, "feeling: blorp is not a word nearer knows."),
            ({**CHECKIN, "quadrant": "high_unpleasant"}, 400, "feeling: “calm” belongs to"),
        ]
        for body, status, start in cases:
            response = self.api(self.alice, "post", "/api/checkins", body)
            self.assertEqual(response.status_code, status, body)
            self.assertTrue(response.json()["detail"].startswith(start), response.json())
        self.assertFalse(DailyCheckIn.objects.exists())

    def test_feelings_and_weekly(self) -> None:
        quadrants = self.client.get("/api/feelings").json()
        self.assertEqual(len(quadrants), 4)
        self.assertEqual(self.api(self.alice, "post", "/api/weekly").status_code, 201)
        self.assertEqual(len(self.api(self.bob, "get", "/api/weekly").json()), 1)
        self.assertEqual(self.api(self.charlie, "get", "/api/weekly").json(), [])


class JournalApiTests(ApiTestCase):
    def setUp(self) -> None:
        self.private = JournalEntry.objects.create(author=self.alice, text="private words")
        self.shared = JournalEntry.objects.create(
            author=self.alice, text="shared words", shared=True, couple=self.couple
        )

    def test_matrix(self) -> None:
        self.assert_api_matrix(f"/api/journal/{self.private.public_id}")
        self.assert_api_matrix(f"/api/journal/{self.shared.public_id}", shared=True)
        self.assert_api_matrix(f"/api/journal/{self.shared.public_id}/suggestions")
        self.assert_api_matrix(
            f"/api/journal/{self.shared.public_id}",
            method="patch",
            body={"text": "changed"},
            wrong_method="post",
        )
        self.assertEqual(self.api(self.alice, "get", "/api/journal/not-a-uuid").status_code, 422)

    def test_list_create_patch_delete(self) -> None:
        bob_sees = [e["text"] for e in self.api(self.bob, "get", "/api/journal").json()]
        self.assertEqual(bob_sees, ["shared words"])
        self.assertEqual(self.api(self.charlie, "get", "/api/journal").json(), [])
        made = self.api(
            self.alice,
            "post",
            "/api/journal",
            {"text": "new one", "feelings": ["Hurt"], "situations": ["Dinner"], "shared": True},
        )
        self.assertEqual(made.status_code, 201)
        self.assertEqual(made.json()["feelings"], ["hurt"])
        entry_id = made.json()["id"]
        self.assertEqual(self.api(self.bob, "get", f"/api/journal/{entry_id}").status_code, 200)
        self.api(self.alice, "patch", f"/api/journal/{entry_id}", {"shared": False})
        self.assertEqual(self.api(self.bob, "get", f"/api/journal/{entry_id}").status_code, 404)
        self.assertEqual(self.api(self.bob, "delete", f"/api/journal/{entry_id}").status_code, 404)
        self.assertEqual(
            self.api(self.alice, "delete", f"/api/journal/{entry_id}").status_code, 204
        )
        self.assertFalse(JournalEntry.objects.filter(public_id=entry_id).exists())

    def test_bad_entries_are_refused(self) -> None:
        before = JournalEntry.objects.count()
        cases = [
            ({"text": ""}, 400),
            ({"text": "x", "feelings": ["blorp"]}, 400),
            ({"feelings": []}, 422),
            ({"text": "x", "shared": "yes"}, 422),
            ({"text": "x", "shared": 1}, 422),
            ({"text": "x", "feelings": ["calm"] * 11}, 422),
            ({"text": "x" * 10_001}, 422),
        ]
        for body, status in cases:
            response = self.api(self.alice, "post", "/api/journal", body)
            self.assertEqual(response.status_code, status, body)
            self.assertTrue(response.json()["detail"].endswith("."))
        self.assertEqual(JournalEntry.objects.count(), before)


class AssessmentApiTests(ApiTestCase):
    def test_instruments_take_list_and_matrix(self) -> None:
        listed = {i["id"] for i in self.client.get("/api/instruments").json()}
        self.assertIn("connection-check", listed)
        self.assertIn("phq9", listed)
        made = self.api(
            self.alice,
            "post",
            "/api/assessments",
            {"instrument": "GAD-2", "answers": {"1": 1, "2": 2}},
        )
        self.assertEqual(made.status_code, 201, made.content)
        body = made.json()
        self.assertEqual(body["result"]["total"], 3)
        self.assertIn("not a diagnosis", body["disclaimer"])
        self.assert_api_matrix(f"/api/assessments/{body['id']}")
        self.assertEqual(len(self.api(self.alice, "get", "/api/assessments").json()), 1)
        self.assertEqual(self.api(self.bob, "get", "/api/assessments").json(), [])

    def test_shared_result_is_visible_to_the_partner_only(self) -> None:
        made = self.api(
            self.alice,
            "post",
            "/api/assessments",
            {"instrument": "gad2", "answers": {"1": 0, "2": 0}, "shared": True},
        ).json()
        self.assert_api_matrix(f"/api/assessments/{made['id']}", shared=True)

    def test_bad_answers_are_400_and_nothing_is_saved(self) -> None:
        cases = [
            (
                {"instrument": "gad2", "answers": {"1": 9, "2": 0}},
                "gad2 item '1': 9 is not allowed",
            ),
            ({"instrument": "gad2", "answers": {"1": 0}}, "gad2 item '2' is missing"),
            ({"instrument": "nope", "answers": {}}, "unknown instrument 'nope'"),
        ]
        for body, start in cases:
            response = self.api(self.alice, "post", "/api/assessments", body)
            self.assertEqual(response.status_code, 400)
            self.assertTrue(response.json()["detail"].startswith(start), response.json())
        self.assertEqual(self.api(self.alice, "get", "/api/assessments").json(), [])

    def test_gap_states(self) -> None:
        gap = self.api(self.alice, "get", "/api/gap").json()
        self.assertFalse(gap["available"])
        self.assertIn("Neither of you", gap["missing"])
        self.assertIn(
            "needs a partner", self.api(self.charlie, "get", "/api/gap").json()["missing"]
        )
