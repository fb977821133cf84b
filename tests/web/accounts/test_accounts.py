from __future__ import annotations

import re

from axes.models import AccessAttempt
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.test import override_settings

from nearer.web.accounts.models import ApiToken, User
from tests.web.base import PASSWORD, NearerTestCase

SIGNUP = {
    "display_name": "Dana",
    "email": "Dana@Example.org",
    "country": "US",
    "password1": "a long walk by the sea",
    "password2": "a long walk by the sea",
}


class SignUpTests(NearerTestCase):
    def test_sign_up_creates_a_user_with_an_argon2_hash_and_logs_in(self) -> None:
        response = self.client.post("/accounts/signup/", SIGNUP)
        self.assertRedirects(response, "/partner/")
        user = User.objects.get(email="dana@example.org")
        self.assertEqual(identify_hasher(user.password).algorithm, "argon2")
        self.assertEqual(self.client.get("/").status_code, 200)
        self.assertContains(self.client.get("/"), "Hello, Dana")

    def test_mismatched_passwords_are_refused_and_nothing_is_saved(self) -> None:
        response = self.client.post("/accounts/signup/", {**SIGNUP, "password2": "other"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "The two passwords differ", status_code=400)
        self.assertFalse(User.objects.filter(email="dana@example.org").exists())

    def test_short_or_common_password_is_refused(self) -> None:
        response = self.client.post(
            "/accounts/signup/", {**SIGNUP, "password1": "password", "password2": "password"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(User.objects.filter(email="dana@example.org").exists())

    def test_existing_email_is_refused_with_a_way_forward(self) -> None:
        response = self.client.post("/accounts/signup/", {**SIGNUP, "email": "ALICE@example.org"})
        self.assertContains(response, "already exists. Log in, or reset", status_code=400)

    def test_every_input_has_a_label(self) -> None:
        html = self.client.get("/accounts/signup/").content.decode()
        ids = re.findall(r'<input[^>]*type="(?:text|email|password)"[^>]*id="([^"]+)"', html)
        ids += re.findall(r'<select[^>]*id="([^"]+)"', html)
        self.assertTrue(ids)
        for input_id in ids:
            self.assertIn(f'for="{input_id}"', html)


class LoginTests(NearerTestCase):
    def test_log_in_and_out(self) -> None:
        response = self.client.post(
            "/accounts/login/", {"username": "alice@example.org", "password": PASSWORD}
        )
        self.assertRedirects(response, "/")
        self.assertEqual(self.client.get("/logout", follow=False).status_code, 404)
        self.assertEqual(self.client.get("/accounts/logout/").status_code, 405)
        self.client.post("/accounts/logout/")
        self.assertRedirects(self.client.get("/journal/"), "/accounts/login/?next=/journal/")

    def test_wrong_password_says_so_and_counts(self) -> None:
        response = self.client.post(
            "/accounts/login/", {"username": "alice@example.org", "password": "nope"}
        )
        self.assertContains(response, "Email or password is wrong", status_code=400)
        attempt = AccessAttempt.objects.get(username="alice@example.org")
        self.assertEqual((attempt.ip_address, attempt.failures_since_start), ("127.0.0.1", 1))
        self.assertNotIn("nope", attempt.post_data)

    @override_settings(LOGIN_ATTEMPTS=3)
    def test_throttled_after_repeated_failures_even_with_the_right_password(self) -> None:
        for _ in range(3):
            self.client.post("/accounts/login/", {"username": "alice@example.org", "password": "x"})
        response = self.client.post(
            "/accounts/login/", {"username": "alice@example.org", "password": PASSWORD}
        )
        self.assertContains(response, "Too many failed log-ins", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_session_cookie_is_http_only_and_same_site(self) -> None:
        response = self.client.post(
            "/accounts/login/", {"username": "alice@example.org", "password": PASSWORD}
        )
        cookie = response.cookies["sessionid"]
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")

    def test_next_only_follows_local_paths(self) -> None:
        response = self.client.post(
            "/accounts/login/?next=//evil.example/",
            {"username": "alice@example.org", "password": PASSWORD},
        )
        self.assertRedirects(response, "/")


class PasswordResetTests(NearerTestCase):
    def test_reset_mail_link_sets_a_new_password(self) -> None:
        response = self.client.post("/accounts/password-reset/", {"email": "alice@example.org"})
        self.assertRedirects(response, "/accounts/password-reset/sent/")
        self.assertEqual(len(mail.outbox), 1)
        link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body)
        assert link is not None
        page = self.client.get(link.group(1), follow=True)
        self.assertContains(page, "Choose a new password")
        form_url = page.redirect_chain[-1][0]
        done = self.client.post(
            form_url, {"new_password1": "tide pools at dawn", "new_password2": "tide pools at dawn"}
        )
        self.assertRedirects(done, "/accounts/reset/done/")
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password("tide pools at dawn"))

    def test_unknown_email_sends_nothing_but_looks_the_same(self) -> None:
        response = self.client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
        self.assertRedirects(response, "/accounts/password-reset/sent/")
        self.assertEqual(len(mail.outbox), 0)


class SettingsTests(NearerTestCase):
    def test_settings_page_matrix_and_save(self) -> None:
        self.assert_page("/accounts/settings/")
        client = self.client_for(self.alice)
        response = client.post(
            "/accounts/settings/",
            {"display_name": "Ally", "country": "US", "share_daily_detail": "on"},
        )
        self.assertRedirects(response, "/accounts/settings/")
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.display_name, "Ally")
        self.assertTrue(self.alice.share_daily_detail)

    def test_bad_country_is_refused(self) -> None:
        client = self.client_for(self.alice)
        response = client.post("/accounts/settings/", {"display_name": "A", "country": "ZZ"})
        self.assertEqual(response.status_code, 400)
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.country, "US")

    def test_token_is_shown_once_and_stored_hashed(self) -> None:
        client = self.client_for(self.alice)
        response = client.post("/accounts/tokens/new/")
        token = re.search(r'value="(nrr_[^"]+)"', response.content.decode())
        assert token is not None
        stored = ApiToken.objects.get(user=self.alice)
        self.assertNotEqual(stored.digest, token.group(1))
        self.assertEqual(ApiToken.user_for(token.group(1)), self.alice)
        self.assertEqual(client.get("/accounts/tokens/new/").status_code, 405)
        client.post("/accounts/tokens/revoke/")
        self.assertIsNone(ApiToken.user_for(token.group(1)))
