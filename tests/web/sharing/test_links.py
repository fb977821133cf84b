"""Share links: the privacy matrix, the report holds only what was chosen, expiry, revoking,
headers, and the access log (a browser name only)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.journal.models import JournalEntry
from nearer.web.sharing import links
from nearer.web.sharing.models import ShareAccess, ShareLink, token_digest
from tests.web.accounts.owned import (
    ALICE_NOTE,
    ALICE_SHARED,
    ALICE_UNSHARED,
    BOB_SHARED,
    OwnedDataTestCase,
)

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
EDGE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)


class ShareLinkChecks(OwnedDataTestCase):
    def make(self, user: User | None = None, **kwargs: Any) -> links.NewLink:
        args: dict[str, Any] = {"label": "Dr Rivera", "sections": ["checks", "weeks"], "hours": 24}
        args.update(kwargs)
        return links.create_link(user or self.alice, **args)

    def open(self, token: str, agent: str = FIREFOX_WINDOWS) -> Any:
        return Client().get(f"/s/{token}/", headers={"User-Agent": agent})

    def test_token_is_long_and_only_its_digest_is_stored(self) -> None:
        made = self.make()
        self.assertGreaterEqual(len(made.token), 43)
        stored = ShareLink.objects.get(pk=made.link.pk)
        self.assertEqual(stored.digest, token_digest(made.token))
        self.assertNotIn(made.token, str(ShareLink.objects.values().get(pk=made.link.pk)))

    def test_valid_link_opens_with_privacy_headers_and_no_app_navigation(self) -> None:
        made = self.make()
        response = self.open(made.token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")
        self.assertEqual(response["Referrer-Policy"], "no-referrer")
        self.assertEqual(response["Cache-Control"], "no-store")
        html = response.content.decode()
        self.assertIn('<meta name="robots" content="noindex">', html)
        self.assertIn("Shared report from Alice", html)
        # Its own layout: no link into the app, no log-in, no navigation.
        for path in ('href="/"', "/journal/", "/checkin/", "/accounts/", "<nav"):
            self.assertNotIn(path, html)

    def test_expired_revoked_and_unknown_links_are_404(self) -> None:
        made = self.make(hours=1)
        with self.subTest("unknown"):
            self.assertEqual(self.open("x" * 43).status_code, 404)
        ShareLink.objects.filter(pk=made.link.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
        with self.subTest("expired"):
            self.assertEqual(self.open(made.token).status_code, 404)
        other = self.make()
        self.assertEqual(self.open(other.token).status_code, 200)
        self.call(self.alice, "post", f"/sharing/{other.link.public_id}/revoke/")
        with self.subTest("revoked"):
            self.assertEqual(self.open(other.token).status_code, 404)
        # A 404 is logged nowhere.
        self.assertEqual(ShareAccess.objects.filter(link=made.link).count(), 0)

    def test_report_holds_only_what_was_chosen(self) -> None:
        shared_entry = JournalEntry.objects.get(text=ALICE_SHARED)
        made = self.make(sections=["checks"], journal_entries=[str(shared_entry.public_id)])
        html = self.open(made.token).content.decode()
        self.assertIn("Connection Checks and screeners", html)
        self.assertIn(ALICE_SHARED, html)
        self.assertNotIn(ALICE_UNSHARED, html)  # not ticked
        self.assertNotIn(ALICE_NOTE, html)  # private notes are in no section
        self.assertNotIn("Check-ins by week", html)  # not chosen
        self.assertNotIn(BOB_SHARED, html)  # the partner's part is not Alice's to give

    def test_weeks_are_aggregates_and_days_only_when_chosen(self) -> None:
        html = self.open(self.make(sections=["weeks"]).token).content.decode()
        self.assertIn("Check-ins by week", html)
        self.assertNotIn("Check-ins day by day", html)
        html = self.open(self.make(sections=["days"]).token).content.decode()
        self.assertIn("Check-ins day by day", html)

    def test_someone_elses_journal_entry_cannot_be_ticked(self) -> None:
        bobs = JournalEntry.objects.get(text=BOB_SHARED)
        with self.assertRaises(links.ShareError):
            self.make(journal_entries=[str(bobs.public_id)])
        # And a link whose stored ids were forged shows nothing of Bob's.
        made = self.make(sections=["checks"])
        ShareLink.objects.filter(pk=made.link.pk).update(
            sections=["checks", "journal"], journal_entries=[str(bobs.public_id)]
        )
        self.assertNotIn(BOB_SHARED, self.open(made.token).content.decode())

    def test_lifetime_and_sections_are_checked(self) -> None:
        for kwargs in ({"hours": 0}, {"hours": 721}, {"sections": []}, {"sections": ["nope"]}):
            with self.subTest(**kwargs), self.assertRaises(links.ShareError):
                self.make(**kwargs)
        self.assertEqual(ShareLink.objects.count(), 0)

    def test_each_opening_is_logged_with_a_browser_name_only(self) -> None:
        made = self.make()
        self.open(made.token, FIREFOX_WINDOWS)
        self.open(made.token, SAFARI_IPHONE)
        clients = list(ShareAccess.objects.filter(link=made.link).values_list("client", flat=True))
        self.assertEqual(sorted(clients), ["Firefox on Windows", "Safari on iOS"])
        page = self.call(self.alice, "get", "/sharing/").content.decode()
        self.assertIn("Opened 2 times", page)
        self.assertIn("Firefox on Windows", page)
        self.assertNotIn("Gecko/20100101", page)
        self.assertNotIn("127.0.0.1", page)

    def test_browser_names(self) -> None:
        self.assertEqual(links.browser_name(EDGE), "Edge on Windows")
        self.assertEqual(links.browser_name(SAFARI_IPHONE), "Safari on iOS")
        self.assertEqual(links.browser_name("curl/8.5.0"), "curl")
        headless = "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0.0.0 Safari/537.36"
        self.assertEqual(links.browser_name(headless), "Chrome on Linux")
        self.assertEqual(links.browser_name(""), "Unknown browser")
        self.assertEqual(links.browser_name("x" * 500), "Unknown browser")


class SharingPageMatrix(OwnedDataTestCase):
    def test_sharing_page_lists_only_own_links(self) -> None:
        links.create_link(self.alice, "Counsellor Moreno", ["checks"], 24)
        links.create_link(self.bob, "Dr Okafor", ["checks"], 24)
        self.assertIn("Counsellor Moreno", self.assert_page("/sharing/").content.decode())
        bob_page = self.call(self.bob, "get", "/sharing/").content.decode()
        self.assertIn("Dr Okafor", bob_page)
        self.assertNotIn("Counsellor Moreno", bob_page)
        charlie_page = self.call(self.charlie, "get", "/sharing/").content.decode()
        self.assertNotIn("Counsellor Moreno", charlie_page)

    def test_create_through_the_page_shows_the_link_once(self) -> None:
        response = self.call(
            self.alice,
            "post",
            "/sharing/",
            {"label": "Dr Rivera", "sections": ["checks"], "hours": "1"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "no-store")
        link = ShareLink.objects.get(owner=self.alice)
        token = response.content.decode().split("/s/")[1].split("/")[0]
        self.assertEqual(link.digest, token_digest(token))
        self.assertNotIn(token, self.call(self.alice, "get", "/sharing/").content.decode())

    def test_bad_form_is_400_and_saves_nothing(self) -> None:
        for data in (
            {"label": "", "sections": ["checks"], "hours": "24"},
            {"label": "X", "sections": [], "hours": "24"},
            {"label": "X", "sections": ["checks"], "hours": "9999"},
        ):
            with self.subTest(data=data):
                self.assertEqual(self.call(self.alice, "post", "/sharing/", data).status_code, 400)
        self.assertEqual(ShareLink.objects.count(), 0)

    def test_revoke_matrix(self) -> None:
        made = links.create_link(self.alice, "Dr Rivera", ["checks"], 24)
        url = f"/sharing/{made.link.public_id}/revoke/"
        # Partner and stranger get 404 and revoke nothing; the owner revokes.
        for user in (self.bob, self.charlie):
            self.assertEqual(self.call(user, "post", url).status_code, 404)
        self.assertIsNone(ShareLink.objects.get(pk=made.link.pk).revoked_at)
        anonymous = self.call(None, "post", url)
        self.assertEqual(anonymous.status_code, 302)
        self.assertEqual(self.call(self.alice, "get", url).status_code, 405)
        self.assertEqual(self.call(self.alice, "post", url).status_code, 302)
        self.assertIsNotNone(ShareLink.objects.get(pk=made.link.pk).revoked_at)
        self.assertEqual(
            self.call(self.alice, "post", "/sharing/not-a-uuid/revoke/").status_code, 404
        )

    def test_report_refuses_other_methods(self) -> None:
        made = links.create_link(self.alice, "Dr Rivera", ["checks"], 24)
        self.assertEqual(Client().post(f"/s/{made.token}/").status_code, 405)
        # Logged-in partner or stranger see the same report as anyone with the link, and
        # nothing more: the link is the key, not the session.
        for user in (self.bob, self.charlie):
            html = self.call(user, "get", f"/s/{made.token}/").content.decode()
            self.assertNotIn(BOB_SHARED, html)


class DeletionPageNamesLinks(OwnedDataTestCase):
    def test_confirmation_lists_the_share_links(self) -> None:
        links.create_link(self.alice, "Dr Rivera", ["checks"], 24)
        page = self.call(self.alice, "get", "/accounts/delete/")
        self.assertContains(page, "Your 1 share link and who opened it: the report stops opening.")
        self.assertNotContains(self.call(self.bob, "get", "/accounts/delete/"), "share link")
