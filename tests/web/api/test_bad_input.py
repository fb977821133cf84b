"""Bad input never reaches a 500: each case answers a JSON 4xx, logs once and stores nothing."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client, override_settings

from nearer.web.assessments.models import AssessmentResult
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.journal.models import JournalEntry
from tests.web.base import ApiTestCase, NearerTestCase

CHECKIN = '{"feeling": "calm", "closeness": 5, "private_note": %s}'
PAGES = ["/", "/help/", "/journal/", "/checkin/", "/assessments/", "/accounts/settings/"]


class ApiBadInputTests(ApiTestCase):
    def raw(self, method: str, url: str, body: bytes | str, content_type: str) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens['alice@example.org']}"}
        return getattr(Client(), method)(url, body, content_type=content_type, headers=headers)

    def assert_refused(self, response: Any, status: int, start: str) -> None:
        self.assertEqual(response.status_code, status, response.content)
        self.assertTrue(response["Content-Type"].startswith("application/json"))
        body = response.json()
        self.assertEqual(set(body), {"detail", "errors"})
        self.assertTrue(body["detail"].startswith(start), body)

    def assert_nothing_stored(self) -> None:
        self.assertFalse(DailyCheckIn.objects.exists())
        self.assertFalse(JournalEntry.objects.exists())
        self.assertFalse(AssessmentResult.objects.exists())

    def test_a_lone_surrogate_is_400_and_never_stored(self) -> None:
        cases = [
            ("/api/checkins", CHECKIN % '"\\ud800"', "private_note: The text holds"),
            ("/api/checkins", CHECKIN % '"ok \\udfff then"', "private_note: The text holds"),
            ("/api/journal", '{"text": "fine", "feelings": ["calm", "\\ud83d"]}', "feelings.1:"),
            ("/api/assessments", '{"instrument": "gad2", "answers": {"\\ud800": 1}}', "answers:"),
            ("/api/auth/token", '{"email": "\\ud800@x.org", "password": "p"}', "email:"),
        ]
        for url, body, start in cases:
            self.assert_refused(self.raw("post", url, body, "application/json"), 400, start)
        self.assert_nothing_stored()

    def test_nul_is_refused_too_because_postgresql_cannot_store_it(self) -> None:
        got = self.raw("post", "/api/checkins", CHECKIN % '"a\\u0000b"', "application/json")
        self.assert_refused(got, 400, "private_note: The text holds")
        got = self.raw("post", "/api/journal", '{"text": "\\u0000"}', "application/json")
        self.assert_refused(got, 400, "text:")
        self.assert_nothing_stored()

    def test_unreadable_bodies_are_400(self) -> None:
        for body in (b'{"feeling": ', b"\xff\xfe{}", b"[" * 50_000, b"NaN-ish"):
            got = self.raw("post", "/api/checkins", body, "application/json")
            self.assert_refused(got, 400, "The body is not valid UTF-8 JSON")
        got = self.raw("post", "/api/checkins", "[1, 2]", "application/json")
        self.assert_refused(got, 422, "The body must be one JSON object")
        self.assert_nothing_stored()

    def test_wrong_or_missing_content_type_is_415(self) -> None:
        body = CHECKIN % '"fine"'
        for content_type in ("text/plain", "application/x-www-form-urlencoded", "", "text/json"):
            got = self.raw("post", "/api/checkins", body, content_type)
            self.assert_refused(got, 415, "Send the body as JSON")
            got = self.raw("post", "/api/journal", '{"text": "x"}', content_type)
            self.assert_refused(got, 415, "Send the body as JSON")
        got = self.raw("post", "/api/checkins", body, "application/json; charset=utf-8")
        self.assertEqual(got.status_code, 201)

    def test_an_oversized_body_is_a_json_413(self) -> None:
        big = '{"text": "%s"}' % ("x" * 300_000)
        got = self.raw("post", "/api/journal", big, "application/json")
        self.assert_refused(got, 413, "The body is larger than 256 kB")
        self.assert_nothing_stored()

    def test_wrong_types_are_422_and_not_coerced(self) -> None:
        cases: list[tuple[str, dict[str, Any]]] = [
            ("/api/checkins", {"feeling": "calm", "closeness": True}),
            ("/api/checkins", {"feeling": "calm", "closeness": "5"}),
            ("/api/checkins", {"feeling": "calm", "closeness": 5.5}),
            ("/api/checkins", {"feeling": ["calm"], "closeness": 5}),
            ("/api/checkins", {"feeling": "calm", "closeness": 5, "appreciation": None}),
            ("/api/journal", {"text": "x", "shared": "true"}),
            ("/api/journal", {"text": "x", "shared": 1}),
            ("/api/journal", {"text": 12}),
            ("/api/assessments", {"instrument": "gad2", "answers": {"1": True, "2": 0}}),
            ("/api/assessments", {"instrument": "gad2", "answers": [0, 0]}),
            ("/api/couple/join", {"code": 12345678}),
        ]
        for url, body in cases:
            got = self.api(self.alice, "post", url, body)
            self.assertEqual(got.status_code, 422, (url, body, got.content))
        self.assert_nothing_stored()

    def test_limits_are_enforced_as_documented(self) -> None:
        long_note = {"feeling": "calm", "closeness": 5, "private_note": "n" * 1001}
        self.assertEqual(self.api(self.alice, "post", "/api/checkins", long_note).status_code, 422)
        many = {"text": "x", "triggers": [f"t{n}" for n in range(11)]}
        self.assertEqual(self.api(self.alice, "post", "/api/journal", many).status_code, 422)
        self.assertEqual(
            self.api(
                self.alice, "post", "/api/checkins", {"feeling": "calm", "closeness": 11}
            ).status_code,
            422,
        )
        self.assert_nothing_stored()


class HeadTests(ApiTestCase):
    def test_head_works_wherever_get_does_on_pages(self) -> None:
        client = self.client_for(self.alice)
        for url in [*PAGES, "/accounts/login/?next=/"]:
            get, head = client.get(url), client.head(url)
            self.assertEqual(head.status_code, get.status_code, url)
            self.assertEqual(head.content, b"", url)
        self.assertEqual(Client().head("/accounts/login/").status_code, 200)
        static = Client().head("/static/nearer/nearer.css")
        self.assertEqual(static.status_code, 200)
        self.assertEqual(b"".join(static.streaming_content), b"")
        self.assertGreater(int(static["Content-Length"]), 100)
        self.assertEqual(Client().head("/journal/").status_code, 302)

    def test_head_works_on_every_api_get_endpoint(self) -> None:
        doc = Client().get("/api/openapi.json").json()
        headers = {"Authorization": f"Bearer {self.tokens['alice@example.org']}"}
        checked = 0
        for path, operations in doc["paths"].items():
            if "get" not in operations or "{" in path:
                continue
            get = Client().get(path, headers=headers)
            head = Client().head(path, headers=headers)
            self.assertEqual(head.status_code, get.status_code, path)
            self.assertEqual(head.status_code, 200, path)
            self.assertEqual(head.content, b"", path)
            self.assertEqual(head["Content-Type"], get["Content-Type"], path)
            checked += 1
        self.assertGreaterEqual(checked, 12)
        entry = JournalEntry.objects.create(author=self.alice, text="x")
        self.assertEqual(
            Client().head(f"/api/journal/{entry.public_id}", headers=headers).status_code, 200
        )
        self.assertEqual(Client().head(f"/api/journal/{entry.public_id}").status_code, 401)


class PageFormTests(NearerTestCase):
    def test_bytes_that_would_be_a_lone_surrogate_in_a_form_never_reach_the_database(self) -> None:
        # Browsers cannot send a lone surrogate in UTF-8; its bytes arrive as invalid UTF-8,
        # which Django decodes to U+FFFD replacement characters.
        client = self.client_for(self.alice)
        got = client.post(
            "/checkin/",
            "quadrant=low_pleasant&feeling=calm&closeness=5&private_note=%ED%A0%80x",
            content_type="application/x-www-form-urlencoded",
        )
        self.assertEqual(got.status_code, 302)
        note = DailyCheckIn.objects.get(author=self.alice).private_note
        self.assertFalse(any("\ud800" <= ch <= "\udfff" for ch in note))
        self.assertTrue(note.endswith("x"))

    def test_an_oversized_form_is_a_400_page_not_a_500(self) -> None:
        client = self.client_for(self.alice)
        got = client.post(
            "/journal/new/",
            "text=" + "y" * 300_000,
            content_type="application/x-www-form-urlencoded",
        )
        self.assertEqual(got.status_code, 400)
        self.assertFalse(JournalEntry.objects.exists())


def _emitting_handlers(name: str) -> list[logging.Handler]:
    """Handlers (pytest's own left out) that print a record logged on ``name`` at ERROR."""
    found: list[logging.Handler] = []
    logger: logging.Logger | None = logging.getLogger(name)
    while logger is not None:
        found += [
            h
            for h in logger.handlers
            if not type(h).__module__.startswith("_pytest") and h.level <= logging.ERROR
        ]
        logger = logger.parent if logger.propagate else None
    return found


def test_a_server_error_is_printed_once() -> None:
    assert len(_emitting_handlers("django.request")) == 1
    assert len(_emitting_handlers("django.security.RequestDataTooBig")) == 1
    assert len(_emitting_handlers("nearer.auth")) == 1


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.web.api.broken_urls")
def test_a_traceback_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    got = Client(raise_request_exception=False).get("/boom/")
    assert got.status_code == 500
    with_traceback = [r for r in caplog.records if r.exc_info]
    assert len(with_traceback) == 1
    assert with_traceback[0].name == "django.request"
