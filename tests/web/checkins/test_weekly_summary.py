"""The partner's weekly summary: nothing under three check-ins, then bands and words only,
and never a change that gives away one day's score (docs/privacy.md)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.web.checkins.models import DailyCheckIn
from nearer.web.checkins.summary import (
    CLOSENESS_BANDS,
    PartnerWeek,
    closeness_band,
    partner_week,
    week_start,
)
from tests.web.base import ApiTestCase

MONDAY = date(2026, 11, 30)
AREAS = ("high_pleasant", "high_unpleasant", "low_unpleasant", "low_pleasant")


def test_two_check_ins_show_nothing() -> None:
    assert partner_week(MONDAY, [("low_pleasant", 7), ("low_pleasant", 9)]) == PartnerWeek(
        MONDAY, False, None, None
    )


def test_three_check_ins_show_a_band_and_an_area_not_an_average() -> None:
    week = partner_week(MONDAY, [("low_pleasant", 7), ("low_pleasant", 9), ("low_unpleasant", 2)])
    assert week == PartnerWeek(MONDAY, True, "close", "Quiet and pleasant")
    assert week.sentence == "mostly feeling close, most often “Quiet and pleasant”"


def test_band_edges() -> None:
    assert [closeness_band(c) for c in range(1, 11)] == [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]
    assert [b[2] for b in CLOSENESS_BANDS] == ["far apart", "somewhere in between", "close"]


days = st.lists(
    st.tuples(st.sampled_from(AREAS), st.integers(min_value=1, max_value=10)),
    min_size=0,
    max_size=7,
)


@settings(max_examples=300, deadline=None)
@given(days, st.data())
def test_one_point_on_one_day_changes_nothing_unless_that_day_crosses_a_band(
    week: list[tuple[str, int]], data: st.DataObject
) -> None:
    if not week:
        return
    n = data.draw(st.integers(min_value=0, max_value=len(week) - 1))
    step = data.draw(st.sampled_from((-1, 1)))
    area, closeness = week[n]
    moved = closeness + step
    if not 1 <= moved <= 10:
        return
    changed = [*week[:n], (area, moved), *week[n + 1 :]]
    before, after = partner_week(MONDAY, week), partner_week(MONDAY, changed)
    if closeness_band(closeness) == closeness_band(moved):
        assert before == after
    # Whatever happens, no figure that could be a day's score is ever shown.
    for shown in (before, after):
        assert shown.closeness in (None, *(b[2] for b in CLOSENESS_BANDS))


class PartnerSummaryPages(ApiTestCase):
    def _days(self, closeness: list[int]) -> None:
        start = week_start(timezone.localdate())
        for n, score in enumerate(closeness):
            DailyCheckIn.objects.create(
                author=self.alice,
                couple=self.couple,
                quadrant="low_pleasant",
                feeling="calm",
                closeness=score,
                day=start + timedelta(days=n),
            )

    def test_two_check_ins_nothing_three_bands_only_on_home_weekly_and_api(self) -> None:
        self._days([4, 6])
        for url in ("/", "/checkin/weekly/"):
            page = self.client_for(self.bob).get(url)
            self.assertContains(page, "a summary shows once Alice has checked in three times")
            self.assertNotContains(page, "on average")
        self.assertFalse(self.api(self.bob, "get", "/api/summary").json()["partner"]["shown"])
        DailyCheckIn.objects.all().delete()
        self._days([4, 6, 5])
        for url in ("/", "/checkin/weekly/"):
            page = self.client_for(self.bob).get(url)
            self.assertContains(
                page, "Alice: mostly feeling somewhere in between, most often “Quiet and pleasant”"
            )
            self.assertNotContains(page, "5.0")
        body = self.api(self.bob, "get", "/api/summary").json()["partner"]
        self.assertEqual(
            {k: v for k, v in body.items() if k != "start"},
            {"shown": True, "closeness": "somewhere in between", "main_area": "Quiet and pleasant"},
        )
        # Alice sees her own figures; Charlie sees nothing of Alice.
        self.assertContains(self.client_for(self.alice).get("/"), "closeness 5.0 on average")
        self.assertIsNone(self.api(self.charlie, "get", "/api/summary").json()["partner"])
        self.assertNotContains(self.client_for(self.charlie).get("/"), "Alice")
