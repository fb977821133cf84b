"""Pages every visitor shares: home, help, headers, and no resource from another site."""

from __future__ import annotations

import re
from pathlib import Path

from tests.web.base import NearerTestCase

WEB = Path(__file__).resolve().parents[2] / "src" / "nearer" / "web"
PAGES = [
    "/",
    "/help/",
    "/checkin/",
    "/checkin/history/",
    "/checkin/appreciations/",
    "/checkin/weekly/",
    "/journal/",
    "/journal/new/",
    "/journal/patterns/",
    "/assessments/",
    "/partner/",
    "/accounts/settings/",
    "/reminders/",
]


class EveryPageTests(NearerTestCase):
    def test_every_page_has_get_help_now_and_strict_headers(self) -> None:
        client = self.client_for(self.alice)
        for url in PAGES:
            response = client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertContains(response, 'class="help-now" href="/help/"')
            csp = response["Content-Security-Policy"]
            self.assertIn("script-src 'self'", csp)
            self.assertNotIn("unsafe-inline", csp)
            self.assertEqual(response["X-Frame-Options"], "DENY")
            self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_no_inline_scripts_or_styles_in_pages(self) -> None:
        client = self.client_for(self.alice)
        for url in PAGES:
            html = client.get(url).content.decode()
            self.assertIsNone(re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url)
            self.assertNotIn(" style=", html, url)
            self.assertNotIn("<style", html, url)

    def test_templates_and_static_files_load_nothing_from_other_sites(self) -> None:
        for path in [*WEB.rglob("*.html"), *WEB.rglob("*.css"), *WEB.rglob("*.js")]:
            text = path.read_text(encoding="utf-8")
            found = re.findall(r"""(?:src|href)=["']?(?:https?:)?//""", text)
            found += re.findall(r"url\(\s*['\"]?(?:https?:)?//", text)
            self.assertEqual(found, [], str(path))

    def test_static_files_are_served_by_the_app(self) -> None:
        for name in ("nearer.css", "checkin.js", "weekly.js", "icon.svg"):
            response = self.client.get(f"/static/nearer/{name}")
            self.assertEqual(response.status_code, 200, name)


class HelpPageTests(NearerTestCase):
    def test_help_is_open_to_everyone_and_follows_the_country(self) -> None:
        anonymous = self.client.get("/help/")
        self.assertEqual(anonymous.status_code, 200)
        self.assertContains(anonymous, "If you or someone else is in danger")
        self.assertContains(self.client.get("/help/?country=gb"), "United Kingdom")
        self.assertContains(self.client_for(self.alice).get("/help/"), "United States")
        self.assertEqual(self.client.post("/help/").status_code, 405)

    def test_unknown_country_falls_back_to_international_help(self) -> None:
        response = self.client.get("/help/?country=ZZ")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "In immediate danger")


class HomeTests(NearerTestCase):
    def test_anonymous_home_is_a_landing_page(self) -> None:
        response = self.client.get("/")
        self.assertContains(response, "Make an account")
        self.assertEqual(self.client.put("/").status_code, 405)

    def test_logged_in_home_greets_by_name(self) -> None:
        self.assertContains(self.client_for(self.bob).get("/"), "Hello, Bob")
