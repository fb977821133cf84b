"""``/healthz`` for load balancers and the 503 page when the database is away."""

from __future__ import annotations

from unittest import mock

from django.db import OperationalError
from django.test import Client, override_settings

from tests.web.base import NearerTestCase


class HealthTests(NearerTestCase):
    def test_healthz_is_ok_without_log_in_and_for_any_host(self) -> None:
        got = Client().get("/healthz", HTTP_HOST="10.0.0.7:8001")
        self.assertEqual(got.status_code, 200)
        self.assertEqual(got.json(), {"status": "ok"})
        self.assertEqual(Client().head("/healthz").status_code, 200)
        self.assertEqual(Client().post("/healthz").status_code, 404)

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_healthz_is_not_redirected_to_https(self) -> None:
        self.assertEqual(Client().get("/healthz").status_code, 200)

    def test_healthz_is_503_when_the_database_does_not_answer(self) -> None:
        with mock.patch("nearer.web.health.connection") as conn:
            conn.cursor.side_effect = OperationalError("connection refused")
            got = Client().get("/healthz")
        self.assertEqual(got.status_code, 503)
        self.assertEqual(got.json()["status"], "unavailable")

    def test_a_page_during_an_outage_is_a_short_503_page_with_help_lines(self) -> None:
        broken = OperationalError("server closed the connection unexpectedly\nmore")
        with (
            mock.patch("nearer.web.views.home_context", side_effect=broken),
            self.assertLogs("nearer.web.health", "ERROR") as logs,
            self.assertNoLogs("django.request"),
        ):
            got = self.client_for(self.alice).get("/")
        self.assertEqual(got.status_code, 503)
        self.assertEqual(got["Retry-After"], "10")
        page = got.content.decode()
        self.assertIn("Back in a moment", page)
        self.assertIn("In immediate danger", page)
        self.assertEqual(
            logs.output,
            [
                "ERROR:nearer.web.health:database unavailable on GET /: OperationalError: "
                "server closed the connection unexpectedly"
            ],
        )

    def test_the_api_during_an_outage_answers_json_503(self) -> None:
        with (
            mock.patch("nearer.web.api.checkins.summarise", side_effect=OperationalError("x")),
            self.assertLogs("nearer.web.health", "ERROR"),
        ):
            got = self.client_for(self.alice).get("/api/summary")
        self.assertEqual(got.status_code, 503)
        self.assertEqual(
            got.json(),
            {"detail": "nearer cannot reach its database right now. Try again in a moment."},
        )

    def test_a_full_disk_is_507_and_says_nothing_was_saved(self) -> None:
        full = OperationalError("database or disk is full")
        with (
            mock.patch("nearer.web.api.checkins.save_today", side_effect=full),
            self.assertLogs("nearer.web.health", "ERROR"),
        ):
            got = self.client_for(self.alice).post(
                "/api/checkins",
                {"feeling": "calm", "closeness": 5},
                content_type="application/json",
            )
        self.assertEqual(got.status_code, 507)
        self.assertIn("disk is full", got.json()["detail"])
