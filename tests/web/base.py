"""The one base test case that carries the privacy matrix (STYLE habit 5).

Alice and Bob are a couple; Charlie is a stranger with his own data. Every view test says,
through ``assert_matrix``: the owner gets it, the partner gets it only when it is shared (404
otherwise), Charlie gets 404, an anonymous visitor is sent to log in, and a wrong method is
refused with 405.
"""

from __future__ import annotations

import json
from typing import Any

from django.test import Client, TestCase

from nearer.web.accounts.models import User
from nearer.web.couples.models import Couple

PASSWORD = "correct horse battery"


def make_user(email: str, name: str, couple: Couple | None = None) -> User:
    return User.objects.create_user(email, PASSWORD, display_name=name, couple=couple, country="US")


class NearerTestCase(TestCase):
    alice: User
    bob: User
    charlie: User
    couple: Couple

    @classmethod
    def setUpTestData(cls) -> None:
        cls.couple = Couple.objects.create()
        cls.alice = make_user("alice@example.org", "Alice", cls.couple)
        cls.bob = make_user("bob@example.org", "Bob", cls.couple)
        cls.charlie = make_user("charlie@example.org", "Charlie")

    def client_for(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    def call(self, user: User | None, method: str, url: str, data: Any = None) -> Any:
        client = self.client_for(user)
        return getattr(client, method)(url, data or {})

    def assert_matrix(
        self,
        url: str,
        *,
        owner: User | None = None,
        shared: bool = False,
        method: str = "get",
        data: Any = None,
        ok: tuple[int, ...] = (200,),
        wrong_method: str | None = "put",
    ) -> None:
        """Run the privacy matrix on one URL. ``owner`` defaults to Alice."""
        owner = owner or self.alice
        partner = self.bob if owner == self.alice else self.alice
        got = self.call(owner, method, url, data).status_code
        self.assertIn(got, ok, f"owner {method.upper()} {url} -> {got}")
        got = self.call(partner, method, url, data).status_code
        if shared:
            self.assertIn(got, ok, f"partner {method.upper()} {url} -> {got}, should see it")
        else:
            self.assertEqual(got, 404, f"partner {method.upper()} {url} -> {got}, should be 404")
        got = self.call(self.charlie, method, url, data).status_code
        self.assertEqual(got, 404, f"stranger {method.upper()} {url} -> {got}, should be 404")
        anonymous = self.call(None, method, url, data)
        self.assertEqual(anonymous.status_code, 302, f"anonymous {url}")
        self.assertIn("/accounts/login/", anonymous["Location"])
        if wrong_method:
            got = self.call(owner, wrong_method, url).status_code
            self.assertEqual(got, 405, f"{wrong_method.upper()} {url} -> {got}, should be 405")

    def assert_page(
        self, url: str, user: User | None = None, wrong_method: str | None = "put"
    ) -> Any:
        """A page every logged-in user has (their own view of it): works, anonymous is sent
        to log in, wrong method refused."""
        response = self.call(user or self.alice, "get", url)
        self.assertEqual(response.status_code, 200, url)
        anonymous = self.call(None, "get", url)
        self.assertEqual(anonymous.status_code, 302, url)
        self.assertIn("/accounts/login/", anonymous["Location"])
        if wrong_method:
            self.assertEqual(self.call(user or self.alice, wrong_method, url).status_code, 405)
        return response


class ApiTestCase(NearerTestCase):
    """The same matrix for the JSON API, authenticated with bearer tokens."""

    tokens: dict[str, str]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from nearer.web.accounts.models import ApiToken

        cls.tokens = {u.email: ApiToken.issue(u) for u in (cls.alice, cls.bob, cls.charlie)}

    def api(self, user: User | None, method: str, url: str, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[user.email]}"} if user else {}
        client = Client()
        # DELETE carries a JSON body only when one is given (``DELETE /api/me`` needs one).
        if method == "get" or (method == "delete" and body is None):
            return getattr(client, method)(url, headers=headers)
        return getattr(client, method)(
            url, data=json.dumps(body or {}), content_type="application/json", headers=headers
        )

    def assert_api_matrix(
        self,
        url: str,
        *,
        owner: User | None = None,
        shared: bool = False,
        method: str = "get",
        body: Any = None,
        ok: tuple[int, ...] = (200,),
        wrong_method: str | None = "put",
    ) -> None:
        owner = owner or self.alice
        partner = self.bob if owner == self.alice else self.alice
        got = self.api(owner, method, url, body).status_code
        self.assertIn(got, ok, f"owner {method.upper()} {url} -> {got}")
        got = self.api(partner, method, url, body).status_code
        if shared:
            self.assertIn(got, ok, f"partner {method.upper()} {url} -> {got}")
        else:
            self.assertEqual(got, 404, f"partner {method.upper()} {url} -> {got}")
        got = self.api(self.charlie, method, url, body).status_code
        self.assertEqual(got, 404, f"stranger {method.upper()} {url} -> {got}")
        self.assertEqual(self.api(None, method, url, body).status_code, 401, url)
        if wrong_method:
            got = self.api(owner, wrong_method, url, {}).status_code
            self.assertEqual(got, 405, f"{wrong_method.upper()} {url} -> {got}")
