"""Log-in that resists guessing and tricks: one throttle for every way in, keyed on account
and address with a growing wait; no login CSRF; a new password shuts out old sessions and
tokens; log-in events logged once, without secrets."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any, ClassVar

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.db.models import F
from django.test import Client, override_settings

from nearer.web.accounts import throttle
from nearer.web.accounts.models import ApiToken, User
from tests.web.base import PASSWORD, ApiTestCase, NearerTestCase

STRANGER = "203.0.113.9"
NEW_PASSWORD = "a longer walk by the sea"


def post_json(client: Client, url: str, body: Any, **headers: str) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def log_in_page(client: Client, password: str, email: str = "alice@example.org") -> Any:
    return client.post("/accounts/login/", {"username": email, "password": password})


def waits(response: Any) -> int:
    """The Retry-After of a 429, rounded up to whole minutes: the header counts down from
    the lock's length, so a slow machine may already be a second or two into it."""
    assert response.status_code == 429
    return -(-int(response["Retry-After"]) // 60) * 60


def age_attempts(seconds: int) -> None:
    """Move every recorded failure back in time, as if ``seconds`` had passed."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(seconds=seconds))


@override_settings(LOGIN_ATTEMPTS=3)
class ThrottleTests(NearerTestCase):
    def test_the_wait_starts_at_a_minute_and_doubles_up_to_a_day(self) -> None:
        self.assertEqual(throttle.wait_after(2, 3), timedelta(days=1))  # remembered, no wait
        self.assertEqual(throttle.wait_after(3, 3), timedelta(minutes=1))
        self.assertEqual(throttle.wait_after(4, 3), timedelta(minutes=2))
        self.assertEqual(throttle.wait_after(6, 3), timedelta(minutes=8))
        self.assertEqual(throttle.wait_after(50, 3), timedelta(days=1))

    def test_the_limit_locks_the_pair_even_with_the_right_password(self) -> None:
        client = Client()
        for _ in range(2):
            self.assertEqual(log_in_page(client, "wrong").status_code, 400)
        third = log_in_page(client, "wrong")
        self.assertContains(third, "Too many failed log-ins", status_code=429)
        self.assertEqual(waits(third), 60)
        right = log_in_page(client, PASSWORD)
        self.assertContains(right, "Wait 2 minutes", status_code=429)
        self.assertNotIn("_auth_user_id", client.session)

    def test_a_stranger_cannot_lock_the_owner_out(self) -> None:
        stranger = Client(REMOTE_ADDR=STRANGER)
        for _ in range(10):
            log_in_page(stranger, "guess")
        self.assertEqual(log_in_page(stranger, PASSWORD).status_code, 429)
        owner = Client()  # from the owner's usual address
        self.assertRedirects(log_in_page(owner, PASSWORD), "/")
        self.assertEqual(owner.get("/journal/").status_code, 200)

    def test_forwarded_for_headers_do_not_choose_the_bucket(self) -> None:
        for n in range(3):
            Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").post(
                "/accounts/login/", {"username": "alice@example.org", "password": "x"}
            )
        self.assertEqual(log_in_page(Client(), PASSWORD).status_code, 429)

    def test_the_wait_grows_with_each_failure_after_it(self) -> None:
        client = Client()
        for _ in range(3):
            log_in_page(client, "wrong")
        age_attempts(61)
        # The first wait is over: one more try is allowed, and failing doubles the wait.
        again = log_in_page(client, "wrong")
        self.assertEqual(waits(again), 120)
        age_attempts(121)
        again = log_in_page(client, "wrong")
        self.assertEqual(waits(again), 240)
        age_attempts(241)
        self.assertRedirects(log_in_page(client, PASSWORD), "/")
        self.assertFalse(AccessAttempt.objects.exists())  # success clears the pair

    def test_a_success_clears_earlier_failures(self) -> None:
        client = Client()
        for _ in range(2):
            log_in_page(client, "wrong")
        self.assertRedirects(log_in_page(client, PASSWORD), "/")
        client.post("/accounts/logout/")
        for _ in range(2):
            self.assertEqual(log_in_page(client, "wrong").status_code, 400)
        self.assertRedirects(log_in_page(client, PASSWORD), "/")

    def test_the_documented_command_lifts_a_wait(self) -> None:
        from django.core.management import call_command

        for _ in range(3):
            log_in_page(Client(), "wrong")
        self.assertEqual(log_in_page(Client(), PASSWORD).status_code, 429)
        call_command("axes_reset_username", "alice@example.org", verbosity=0)
        self.assertRedirects(log_in_page(Client(), PASSWORD), "/")

    def test_admin_login_is_throttled_the_same_way(self) -> None:
        User.objects.create_superuser("root@example.org", PASSWORD, display_name="Root")
        client = Client()
        for _ in range(3):
            client.post("/admin/login/", {"username": "root@example.org", "password": "guess"})
        blocked = client.post(
            "/admin/login/?next=/admin/", {"username": "root@example.org", "password": PASSWORD}
        )
        self.assertContains(blocked, "Too many failed log-ins", status_code=429)
        self.assertEqual(client.get("/admin/").status_code, 302)  # still not logged in
        other = Client(REMOTE_ADDR=STRANGER)
        ok = other.post(
            "/admin/login/?next=/admin/", {"username": "root@example.org", "password": PASSWORD}
        )
        self.assertRedirects(ok, "/admin/")

    def test_api_login_and_token_share_the_throttle(self) -> None:
        client = Client()
        creds = {"email": "alice@example.org", "password": "guess"}
        for _ in range(2):
            self.assertEqual(post_json(client, "/api/auth/login", creds).status_code, 401)
        locked = post_json(client, "/api/auth/token", creds)
        self.assertEqual(locked.status_code, 429)
        self.assertEqual(waits(locked), 60)
        self.assertEqual(locked.json()["errors"], {})
        self.assertIn("Too many failed log-ins", locked.json()["detail"])
        right = {**creds, "password": PASSWORD}
        self.assertEqual(post_json(client, "/api/auth/login", right).status_code, 429)
        self.assertEqual(
            post_json(Client(REMOTE_ADDR=STRANGER), "/api/auth/token", right).status_code, 201
        )

    def test_page_and_api_count_towards_one_pair(self) -> None:
        client = Client()
        log_in_page(client, "wrong")
        post_json(client, "/api/auth/login", {"email": "ALICE@example.org ", "password": "x"})
        log_in_page(client, "wrong")
        self.assertEqual(
            post_json(
                client, "/api/auth/token", {"email": "alice@example.org", "password": PASSWORD}
            ).status_code,
            429,
        )

    def test_sign_up_with_a_taken_email_counts_and_is_refused_while_locked(self) -> None:
        client = Client()
        body = {"display_name": "Al", "email": "alice@example.org", "password": NEW_PASSWORD}
        for _ in range(2):
            self.assertEqual(post_json(client, "/api/auth/signup", body).status_code, 400)
        # The third refusal starts the wait; from then on sign-up says so.
        self.assertEqual(post_json(client, "/api/auth/signup", body).status_code, 429)
        self.assertEqual(post_json(client, "/api/auth/signup", body).status_code, 429)
        page = client.post(
            "/accounts/signup/",
            {
                "display_name": "Al",
                "email": "alice@example.org",
                "country": "US",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
        self.assertContains(page, "Too many failed log-ins", status_code=429)
        self.assertEqual(log_in_page(client, PASSWORD).status_code, 429)


class StoredAttemptsTests(NearerTestCase):
    def test_failed_forms_leave_no_password_or_email_in_the_attempts_table(self) -> None:
        client = self.client_for(self.alice)
        client.post(
            "/accounts/password/",
            {
                "current_password": "guess-one",
                "new_password1": "new-secret-words",
                "new_password2": "new-secret-words",
            },
        )
        client.post("/accounts/delete/", {"password": "guess-two"})
        Client().post(
            "/accounts/signup/",
            {
                "display_name": "Al",
                "email": "alice@example.org",
                "country": "US",
                "password1": "signup-secret",
                "password2": "signup-secret",
            },
        )
        log_in_page(Client(), "guess-three")
        stored = " ".join(f"{a.get_data} {a.post_data}" for a in AccessAttempt.objects.all())
        self.assertEqual(AccessAttempt.objects.get().failures_since_start, 4)
        for secret in ("guess-", "new-secret-words", "signup-secret", "alice@example.org"):
            self.assertNotIn(secret, stored)


class LoginCsrfTests(NearerTestCase):
    CREDS = '{"email": "alice@example.org", "password": "correct horse battery"}'

    def test_a_text_plain_form_cannot_log_a_browser_in(self) -> None:
        client = Client()
        got = client.post("/api/auth/login", self.CREDS, content_type="text/plain")
        self.assertEqual(got.status_code, 415)
        self.assertTrue(got["Content-Type"].startswith("application/json"))
        self.assertIn("Content-Type: application/json", got.json()["detail"])
        self.assertNotIn("sessionid", got.cookies)
        self.assertEqual(client.get("/api/me").status_code, 401)

    def test_form_encoded_and_missing_types_are_415(self) -> None:
        for content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "",
        ):
            got = Client().post("/api/auth/login", self.CREDS, content_type=content_type)
            self.assertEqual(got.status_code, 415, content_type)

    def test_cross_site_requests_are_403_even_as_json(self) -> None:
        for headers in (
            {"Origin": "https://evil.example"},
            {"Origin": "null"},
            {"Sec-Fetch-Site": "cross-site"},
            {"Sec-Fetch-Site": "same-site"},
        ):
            client = Client()
            got = client.post(
                "/api/auth/login", self.CREDS, content_type="application/json", headers=headers
            )
            self.assertEqual(got.status_code, 403, headers)
            self.assertIn("another site", got.json()["detail"])
            self.assertEqual(client.get("/api/me").status_code, 401)

    def test_cross_site_sign_up_makes_no_account(self) -> None:
        body = {"display_name": "Eve", "email": "eve@example.org", "password": NEW_PASSWORD}
        got = post_json(Client(), "/api/auth/signup", body, Origin="https://evil.example")
        self.assertEqual(got.status_code, 403)
        text = Client().post("/api/auth/signup", json.dumps(body), content_type="text/plain")
        self.assertEqual(text.status_code, 415)
        self.assertFalse(User.objects.filter(email="eve@example.org").exists())

    def test_same_site_browsers_and_scripts_still_log_in(self) -> None:
        browser = Client()
        got = browser.post(
            "/api/auth/login",
            self.CREDS,
            content_type="application/json",
            headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        )
        self.assertEqual(got.status_code, 200)
        self.assertEqual(browser.get("/api/me").status_code, 200)
        script = Client()  # no cookies, no Origin: a token client
        made = script.post("/api/auth/token", self.CREDS, content_type="application/json")
        self.assertEqual(made.status_code, 201)
        me = script.get("/api/me", headers={"Authorization": f"Bearer {made.json()['token']}"})
        self.assertEqual(me.status_code, 200)


class ChangePasswordPageTests(NearerTestCase):
    URL = "/accounts/password/"

    def form(
        self, current: str = PASSWORD, new: str = NEW_PASSWORD, again: str = ""
    ) -> dict[str, str]:
        return {"current_password": current, "new_password1": new, "new_password2": again or new}

    def test_page_matrix_and_link_from_settings(self) -> None:
        self.assert_page(self.URL)
        settings_page = self.client_for(self.alice).get("/accounts/settings/")
        self.assertContains(settings_page, f'href="{self.URL}"')

    def test_change_keeps_this_session_and_ends_the_others_and_every_token(self) -> None:
        here, elsewhere = Client(), Client()
        log_in_page(here, PASSWORD)
        log_in_page(elsewhere, PASSWORD)
        token = ApiToken.issue(self.alice)
        done = here.post(self.URL, self.form())
        self.assertRedirects(done, "/accounts/settings/")
        self.assertEqual(here.get("/journal/").status_code, 200)
        self.assertRedirects(elsewhere.get("/journal/"), "/accounts/login/?next=/journal/")
        self.assertEqual(
            Client().get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code, 401
        )
        self.assertFalse(ApiToken.objects.filter(user=self.alice).exists())
        self.assertTrue(User.objects.get(pk=self.alice.pk).check_password(NEW_PASSWORD))
        self.assertEqual(ApiToken.objects.filter(user=self.bob).count(), 0)  # none to begin with

    def test_refusals_change_nothing(self) -> None:
        client = self.client_for(self.alice)
        token = ApiToken.issue(self.alice)
        cases = [
            (self.form(current="wrong"), "That is not your current password"),
            (self.form(again="something else entirely"), "The two passwords differ"),
            (self.form(new="1234567890"), "This password is entirely numeric"),
            (self.form(new="short"), "too short"),
        ]
        for data, message in cases:
            self.assertContains(client.post(self.URL, data), message, status_code=400)
        self.assertTrue(User.objects.get(pk=self.alice.pk).check_password(PASSWORD))
        self.assertTrue(ApiToken.objects.filter(digest__isnull=False, user=self.alice).exists())
        self.assertEqual(
            Client().get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code, 200
        )

    @override_settings(LOGIN_ATTEMPTS=2)
    def test_guessing_the_current_password_is_throttled(self) -> None:
        client = self.client_for(self.alice)
        client.post(self.URL, self.form(current="guess one"))
        client.post(self.URL, self.form(current="guess two"))
        blocked = client.post(self.URL, self.form())
        self.assertContains(blocked, "Too many failed log-ins", status_code=429)
        self.assertTrue(User.objects.get(pk=self.alice.pk).check_password(PASSWORD))


class ChangePasswordApiTests(ApiTestCase):
    URL = "/api/me/password"
    BODY: ClassVar[dict[str, str]] = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}

    def test_with_a_token_every_token_is_revoked(self) -> None:
        bob_token = self.tokens["bob@example.org"]
        got = self.api(self.alice, "post", self.URL, self.BODY)
        self.assertEqual(got.status_code, 200, got.content)
        self.assertIn("every API token is revoked", got.json()["detail"])
        self.assertEqual(self.api(self.alice, "get", "/api/me").status_code, 401)
        self.assertFalse(ApiToken.objects.filter(user=self.alice).exists())
        # Nobody else's tokens are touched.
        self.assertEqual(
            Client().get("/api/me", headers={"Authorization": f"Bearer {bob_token}"}).status_code,
            200,
        )

    def test_with_a_session_this_session_stays(self) -> None:
        here, elsewhere = Client(), Client()
        for client in (here, elsewhere):
            post_json(
                client, "/api/auth/login", {"email": "alice@example.org", "password": PASSWORD}
            )
        self.assertEqual(post_json(here, self.URL, self.BODY).status_code, 200)
        self.assertEqual(here.get("/api/me").status_code, 200)
        self.assertEqual(elsewhere.get("/api/me").status_code, 401)

    def test_refusals_name_the_field(self) -> None:
        wrong = self.api(self.alice, "post", self.URL, {**self.BODY, "current_password": "nope"})
        self.assertEqual(wrong.status_code, 400)
        self.assertEqual(list(wrong.json()["errors"]), ["current_password"])
        weak = self.api(self.alice, "post", self.URL, {**self.BODY, "new_password": "1234567890"})
        self.assertEqual(weak.status_code, 400)
        self.assertEqual(list(weak.json()["errors"]), ["new_password"])
        self.assertTrue(weak.json()["detail"].startswith("new_password: "))
        missing = self.api(self.alice, "post", self.URL, {"current_password": PASSWORD})
        self.assertEqual(missing.status_code, 422)
        self.assertEqual(self.api(None, "post", self.URL, self.BODY).status_code, 401)
        self.assertEqual(self.api(self.alice, "get", self.URL).status_code, 405)
        self.assertTrue(User.objects.get(pk=self.alice.pk).check_password(PASSWORD))


class ResetRevokesTests(NearerTestCase):
    def test_a_reset_by_email_ends_every_session_and_token(self) -> None:
        elsewhere = Client()
        log_in_page(elsewhere, PASSWORD)
        token = ApiToken.issue(self.alice)
        client = Client()
        client.post("/accounts/password-reset/", {"email": "alice@example.org"})
        link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body)
        assert link is not None
        page = client.get(link.group(1), follow=True)
        done = client.post(
            page.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
        self.assertRedirects(done, "/accounts/reset/done/")
        self.assertRedirects(elsewhere.get("/journal/"), "/accounts/login/?next=/journal/")
        got = Client().get("/api/me", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual(got.status_code, 401)

    def test_a_hasher_upgrade_at_log_in_revokes_nothing(self) -> None:
        from django.contrib.auth.hashers import make_password

        User.objects.filter(pk=self.alice.pk).update(
            password=make_password(PASSWORD, hasher="pbkdf2_sha256")
        )
        token = ApiToken.issue(self.alice)
        self.assertRedirects(log_in_page(Client(), PASSWORD), "/")
        self.assertTrue(User.objects.get(pk=self.alice.pk).password.startswith("argon2"))
        got = Client().get("/api/me", headers={"Authorization": f"Bearer {token}"})
        self.assertEqual(got.status_code, 200)


SECRET_WORDS = ("alice@example.org", "Alice", PASSWORD, "guess-xyz")


@pytest.mark.django_db
@override_settings(LOGIN_ATTEMPTS=2)
def test_login_events_are_logged_once_without_secrets(caplog: pytest.LogCaptureFixture) -> None:
    User.objects.create_user("alice@example.org", PASSWORD, display_name="Alice")
    caplog.set_level("DEBUG")

    seen: list[str] = []

    def events() -> list[str]:
        seen.extend(r.getMessage() for r in caplog.records)
        lines = [r.getMessage() for r in caplog.records if r.name == "nearer.auth"]
        caplog.clear()
        return sorted(line.split(" account=")[0] for line in lines)

    client = Client()
    log_in_page(client, PASSWORD)
    assert events() == ["login ok"]
    client.post("/accounts/logout/")
    post_json(client, "/api/auth/token", {"email": "alice@example.org", "password": PASSWORD})
    assert events() == ["login ok"]
    log_in_page(client, "guess-xyz")
    assert events() == ["login failed"]
    post_json(client, "/api/auth/login", {"email": "alice@example.org", "password": "guess-xyz"})
    assert events() == ["login failed", "login locked"]
    log_in_page(client, PASSWORD)  # refused while locked: counted and logged like a failure
    assert events() == ["login failed", "login locked"]
    ours = [line for line in seen if line.startswith("login ")]
    assert len(ours) == 7
    for line in ours:
        assert re.fullmatch(
            r"login (ok|failed|locked) account=[0-9a-f]{12} address=127\.0\.0\.1 path=/\S+",
            line,
        ), line
    # Nothing in the logs (axes' own lines included) names the person or holds a password.
    for line in seen:
        for word in SECRET_WORDS:
            assert word not in line, line
