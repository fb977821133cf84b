"""Deletion, proved: after "Delete my account", every text and JSON column of every table
of the database is searched for the person's email, name and a marker from each of their
texts, and none is found. Runs on SQLite and on PostgreSQL (CI runs tests/web on both)."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.assessments.instruments import CONNECTION_CHECK
from nearer.web.assessments.record import save_result
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.journal.models import JournalEntry
from nearer.web.safety.models import SafetyPlanRecord
from nearer.web.sharing import links
from nearer.web.sharing.models import ShareAccess, ShareLink
from tests.web.assessments.test_assessments import check_answers
from tests.web.base import PASSWORD, NearerTestCase, make_user

EMAIL = "quillon.marsh@example.org"
NAME = "Quillon Marsh"
# One marker per kind of text the person writes; each is in exactly one stored value.
MARKERS = {
    "journal": "marker-journal-7f3a the hedge after the storm",
    "note": "marker-note-91bc headache all afternoon",
    "appreciation": "marker-appreciation-22de you made soup",
    "weekly": "marker-weekly-5e10 we talked about the move",
    "check_notes": "marker-checknotes-c4a8 hard month at work",
    "safety_plan": "marker-safetyplan-0b6d call my brother",
    "share_label": "marker-sharelabel-e93f Dr Hollis",
}
TEXT_TYPES = {"CharField", "TextField", "JSONField", "EmailField", "SlugField"}


def text_values() -> list[tuple[str, str, str]]:
    """(table, column, value) for every non-empty text or JSON value in the database."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            description = connection.introspection.get_table_description(cursor, table)
            columns = [
                col.name
                for col in description
                if connection.introspection.get_field_type(col.type_code, col) in TEXT_TYPES
            ]
            if not columns:
                continue
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value not in (None, ""):
                        found.append((table, column, str(value)))
    return found


class DeletionSearchedOnTheDatabase(NearerTestCase):
    def setUp(self) -> None:
        self.person = make_user(EMAIL, NAME, self.couple)
        # A couple of three would be wrong: Bob steps out so the person pairs with Alice.
        User.objects.filter(pk=self.bob.pk).update(couple=None)
        person = self.person
        JournalEntry.objects.create(author=person, text=MARKERS["journal"], feelings=["calm"])
        DailyCheckIn.objects.create(
            author=person,
            couple=self.couple,
            quadrant="low_pleasant",
            feeling="calm",
            closeness=6,
            appreciation=MARKERS["appreciation"],
            private_note=MARKERS["note"],
        )
        WeeklyCheckIn.objects.create(recorded_by=person, couple=self.couple, note=MARKERS["weekly"])
        save_result(
            person,
            CONNECTION_CHECK,
            {**check_answers(), "notes": MARKERS["check_notes"]},
            shared=False,
        )
        SafetyPlanRecord.objects.create(
            user=person, sections={"people": [MARKERS["safety_plan"]]}, updated_at=timezone.now()
        )
        made = links.create_link(person, MARKERS["share_label"], ["checks"], 24)
        links.log_access(made.link, "Mozilla/5.0 (Windows NT 10.0) Firefox/128.0")
        self.link_pk = made.link.pk

    def searched(self) -> list[tuple[str, str, str]]:
        wanted = [EMAIL, NAME, *MARKERS.values()]
        return [hit for hit in text_values() if any(w in hit[2] for w in wanted)]

    def test_every_marker_is_found_before_and_none_after(self) -> None:
        before = {w for (_t, _c, value) in text_values() for w in MARKERS.values() if w in value}
        # The search must be able to fail: each marker is found while the account exists.
        self.assertEqual(before, set(MARKERS.values()))
        client = self.client_for(self.person)
        response = client.post("/accounts/delete/", {"password": PASSWORD})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.searched(), [])
        self.assertFalse(ShareLink.objects.filter(pk=self.link_pk).exists())
        self.assertFalse(ShareAccess.objects.filter(link_id=self.link_pk).exists())
        # Everyone else's rows are still there, so the search read real tables.
        self.assertTrue(any(v != EMAIL and "alice@example.org" in v for _t, _c, v in text_values()))
