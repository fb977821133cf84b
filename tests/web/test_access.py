"""Accessibility and admin: colour contrast of the stylesheet, the admin's reach."""

from __future__ import annotations

import re
from pathlib import Path

from nearer.web.accounts.models import User
from tests.web.base import PASSWORD, NearerTestCase

CSS = Path(__file__).resolve().parents[2] / "src" / "nearer" / "web" / "static" / "nearer"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio (W3C, 2018)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_meet_wcag_aa() -> None:
    text = (CSS / "nearer.css").read_text(encoding="utf-8")
    colour = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", text))
    white = "#ffffff"
    pairs = [
        (colour["ink"], colour["bg"]),
        (colour["muted"], colour["bg"]),
        (colour["muted"], colour["card"]),
        (colour["accent"], colour["bg"]),
        (colour["accent"], colour["card"]),
        (white, colour["accent"]),
        (white, colour["danger"]),
        (colour["danger"], "#fbe9ec"),
        (colour["ink"], "#fff7e6"),
    ] + [(colour["ink"], colour[q]) for q in colour if q.startswith("q-")]
    for fg, bg in pairs:
        assert contrast(fg, bg) >= 4.5, (fg, bg, round(contrast(fg, bg), 2))


class AdminTests(NearerTestCase):
    def test_admin_is_for_staff_and_shows_no_private_text(self) -> None:
        admin = User.objects.create_superuser("root@example.org", PASSWORD, display_name="Root")
        client = self.client_for(self.alice)
        self.assertEqual(client.get("/admin/").status_code, 302)
        client = self.client_for(admin)
        self.assertEqual(client.get("/admin/").status_code, 200)
        self.assertEqual(client.get("/admin/accounts/user/").status_code, 200)
        for model in (
            "journal/journalentry",
            "checkins/dailycheckin",
            "assessments/assessmentresult",
        ):
            self.assertEqual(client.get(f"/admin/{model}/").status_code, 404, model)


class PartnerRowsTests(NearerTestCase):
    """The access helpers hand a partner's check-ins out already cut to what may be seen."""

    def test_partner_helpers_have_no_private_fields_at_all(self) -> None:
        from dataclasses import fields

        from django.utils import timezone

        from nearer.web import access
        from nearer.web.checkins.models import DailyCheckIn
        from nearer.web.checkins.summary import PartnerWeek, week_start

        DailyCheckIn.objects.create(
            author=self.alice,
            couple=self.couple,
            quadrant="low_pleasant",
            feeling="calm",
            closeness=6,
            appreciation="You fixed my bike.",
            private_note="alice private worry",
            safety_alert=True,
        )
        self.assertEqual(
            {f.name for f in fields(access.PartnerDay)},
            {"day", "appreciation", "quadrant", "feeling", "closeness"},
        )
        for detail in (False, True):
            self.alice.share_daily_detail = detail
            self.alice.save()
            days = access.partner_days_for_user(self.bob)
            received = access.appreciations_for_user(self.bob)
            self.assertEqual(len(days), 1)
            self.assertEqual(days[0].closeness, 6 if detail else None)
            for item in (*days, *received):
                self.assertFalse(hasattr(item, "private_note"), item)
                self.assertFalse(hasattr(item, "safety_alert"), item)
                self.assertNotIn("alice private worry", repr(item))
        start = week_start(timezone.localdate())
        # One check-in: the summary exists for Bob but shows nothing, not even the count.
        self.assertEqual(
            access.partner_week_for_user(self.bob, start), PartnerWeek(start, False, None, None)
        )
        self.assertEqual(access.partner_days_for_user(self.charlie), [])
        self.assertEqual(access.appreciations_for_user(self.charlie), [])
        self.assertIsNone(
            access.partner_week_for_user(self.charlie, week_start(timezone.localdate()))
        )

    def test_one_helper_says_who_is_asking_for_pages_and_api(self) -> None:
        from nearer.web import access, helpers
        from nearer.web.api import common

        self.assertIs(helpers.current_user, access.current_user)
        self.assertIs(common.user_of, access.current_user)
