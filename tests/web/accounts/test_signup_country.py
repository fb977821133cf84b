"""Sign-up never gives a silent default country: the setting, else the browser's language
region when nearer has lines for it, else nothing and the person chooses."""

from __future__ import annotations

from django.test import Client, TestCase, override_settings

from nearer.web.accounts.models import User
from nearer.web.country import browser_regions

FORM = {
    "display_name": "Dana",
    "email": "dana@example.org",
    "password1": "slow mornings together",
    "password2": "slow mornings together",
}


def _selected(page: object) -> str | None:
    import re

    body = page.content.decode()  # type: ignore[attr-defined]
    select = body[
        body.index('name="country"') : body.index("</select>", body.index('name="country"'))
    ]
    found = re.search(r'<option value="(\w*)" selected>', select)
    return found.group(1) if found else None


class SignUpCountryTests(TestCase):
    @override_settings(CONFIGURED_COUNTRY="GB")
    def test_the_setting_is_the_default_and_says_so(self) -> None:
        page = Client(headers={"accept-language": "en-AU"}).get("/accounts/signup/")
        self.assertEqual(_selected(page), "GB")
        self.assertContains(page, "Set to United Kingdom by whoever runs this nearer.")

    @override_settings(CONFIGURED_COUNTRY=None)
    def test_the_browser_region_is_the_default_when_nearer_has_lines_for_it(self) -> None:
        page = Client(headers={"accept-language": "fr-FR, en-IE;q=0.8, en;q=0.5"}).get(
            "/accounts/signup/"
        )
        self.assertEqual(_selected(page), "IE")
        self.assertContains(page, "Picked from your browser's language: Ireland.")

    @override_settings(CONFIGURED_COUNTRY=None)
    def test_no_default_without_setting_or_known_region(self) -> None:
        page = Client(headers={"accept-language": "fr-FR,de;q=0.5"}).get("/accounts/signup/")
        self.assertIn(_selected(page), (None, ""))
        self.assertContains(page, "Choose your country")
        self.assertNotContains(page, '<option value="AU" selected>')
        refused = Client().post("/accounts/signup/", FORM)
        self.assertEqual(refused.status_code, 400)
        self.assertContains(
            refused,
            "Choose your country, so nearer shows help lines that work there.",
            status_code=400,
        )
        self.assertFalse(User.objects.exists())

    @override_settings(CONFIGURED_COUNTRY=None)
    def test_the_chosen_country_is_saved(self) -> None:
        Client().post("/accounts/signup/", {**FORM, "country": "NZ"})
        self.assertEqual(User.objects.get().country, "NZ")

    @override_settings(CONFIGURED_COUNTRY=None)
    def test_api_sign_up_uses_the_browser_region_or_refuses(self) -> None:
        body = {"display_name": "Dana", "email": "dana@example.org", "password": FORM["password1"]}
        refused = Client().post("/api/auth/signup", body, content_type="application/json")
        self.assertEqual(refused.status_code, 400)
        made = Client(headers={"accept-language": "en-GB"}).post(
            "/api/auth/signup", body, content_type="application/json"
        )
        self.assertEqual(made.status_code, 201)
        self.assertEqual(made.json()["country"], "GB")


def test_browser_regions_follow_quality_order() -> None:
    assert browser_regions("en-US;q=0.5, en-GB, fr") == ["GB", "US"]
    assert browser_regions("zh-Hant-SG,en;q=0.1") == ["SG"]
    assert browser_regions("") == []
    assert browser_regions("en-IN;q=0") == []
    assert browser_regions("en-ZA;q=abc") == []
