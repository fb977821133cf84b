"""Settings → "Download all my data" and ``GET /api/me/export?format=zip``: the zip's files
read back (JSON parses, CSV opens with the csv module), the README describes every field."""

from __future__ import annotations

import csv
import io
import json
import logging
import zipfile
from pathlib import Path
from typing import Any

from django.utils import timezone

from nearer.web.accounts.export_zip import BOM, DOCUMENT, FIELDS, KINDS, README
from nearer.web.assessments.models import CheckDraft
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.insights.models import InsightHistory, InsightJob, InsightWeek
from nearer.web.plans.models import Plan, PlanStep, Thanks
from nearer.web.reminders.send import reminders_for
from nearer.web.safety.models import SafetyPlanRecord
from nearer.web.sharing import links
from tests.web.accounts.owned import (
    ALICE_NOTE,
    ALICE_UNSHARED,
    BOB_NOTE,
    BOB_UNSHARED,
    OwnedDataTestCase,
)

ZIP = "/accounts/export/?format=zip"
API_ZIP = "/api/me/export?format=zip"


def _fields(value: Any, prefix: str = "") -> set[str]:
    """Every field name of the records in ``value`` ("outer.inner" when nested in a list)."""
    names: set[str] = set()
    records = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    for record in records:
        for key, inner in record.items():
            names.add(prefix + key)
            if isinstance(inner, list) and inner and isinstance(inner[0], dict):
                names |= _fields(inner, f"{prefix}{key}.")
    return names


GOLDEN = Path(__file__).parents[2] / "core" / "analysis" / "golden" / "pursue-withdraw.json"


class ExportZipChecks(OwnedDataTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        SafetyPlanRecord.objects.create(user=cls.alice, sections={"reasons": ["my sister"]})
        made = links.create_link(cls.alice, "Dr Rivera", ["checks"], 24)
        links.log_access(made.link, "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
        # One of every other kind Alice can own, so every field shows up in the export.
        CheckDraft.objects.create(user=cls.alice, instrument="connection-check", answers={})
        plan = Plan.objects.create(user=cls.alice, week_start=timezone.localdate())
        PlanStep.objects.create(
            plan=plan, position=1, strategy_id="s", name="A step", audience="you", practice="p"
        )
        bob_day = DailyCheckIn.objects.get(author=cls.bob, day=timezone.localdate())
        Thanks.objects.create(checkin=bob_day, thanked_by=cls.alice)
        InsightJob.objects.create(owner=cls.alice, status="done")
        history = InsightHistory.objects.create(
            owner=cls.alice,
            name_a="Alice",
            name_b="Bob",
            chat_format="whatsapp",
            first_day=timezone.localdate(),
            last_day=timezone.localdate(),
            pattern="none",
            # A signal as the analysis writes it (its JSON contract, tests/core/analysis/golden).
            signals=json.loads(GOLDEN.read_text())["signals"][:1],
        )
        InsightWeek.objects.create(
            history=history, week="2026-W48", week_start=timezone.localdate()
        )
        reminders_for(cls.alice)  # the two reminders, made (off) as Settings makes them

    def open_zip(self, content: bytes) -> zipfile.ZipFile:
        return zipfile.ZipFile(io.BytesIO(content))

    def page_zip(self) -> zipfile.ZipFile:
        response = self.client_for(self.alice).get(ZIP)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertIn('.zip"', response["Content-Disposition"])
        return self.open_zip(b"".join(response.streaming_content))

    def test_every_file_reads_back(self) -> None:
        archive = self.page_zip()
        names = set(archive.namelist())
        expected = {DOCUMENT, README} | {f"{k}.json" for k in KINDS}
        expected |= {f"{k}.csv" for k in KINDS if k not in {"account", "couple"}}
        self.assertEqual(names, expected)
        document = json.loads(archive.read(DOCUMENT))
        self.assertEqual(document["format"], "nearer-export")
        for kind in KINDS:
            self.assertEqual(json.loads(archive.read(f"{kind}.json")), document[kind])
        for name in names - {DOCUMENT, README}:
            if not name.endswith(".csv"):
                continue
            text = archive.read(name).decode("utf-8")
            self.assertTrue(text.startswith(BOM), name)
            rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))
            kind = name.removesuffix(".csv")
            self.assertEqual(len(rows), len(document[kind]), name)

    def test_csv_holds_the_values_with_iso_dates(self) -> None:
        archive = self.page_zip()
        text = archive.read("daily_checkins.csv").decode("utf-8").removeprefix(BOM)
        rows = list(csv.DictReader(io.StringIO(text)))
        notes = {r["private_note"] for r in rows}
        self.assertIn(ALICE_NOTE, notes)
        self.assertNotIn(BOB_NOTE, notes)
        self.assertRegex(rows[0]["day"], r"^\d{4}-\d{2}-\d{2}$")
        self.assertRegex(rows[0]["created_at"], r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
        journal = archive.read("journal_entries.csv").decode("utf-8").removeprefix(BOM)
        entries = list(csv.DictReader(io.StringIO(journal)))
        self.assertIn(ALICE_UNSHARED, {e["text"] for e in entries})
        self.assertNotIn(BOB_UNSHARED, journal)
        self.assertEqual(entries[0]["feelings"], "lonely")
        shares = archive.read("share_links.csv").decode("utf-8").removeprefix(BOM)
        (share,) = list(csv.DictReader(io.StringIO(shares)))
        self.assertEqual(json.loads(share["accesses"])[0]["client"], "Firefox on Linux")

    def test_readme_describes_every_exported_field_and_nothing_else(self) -> None:
        archive = self.page_zip()
        document = json.loads(archive.read(DOCUMENT))
        readme = archive.read(README).decode("utf-8")
        top = {k for k in document if k not in KINDS}
        self.assertEqual(top, set(FIELDS[""]))
        for kind in KINDS:
            self.assertTrue(document[kind], f"the test data should hold some {kind}")
            self.assertEqual(_fields(document[kind]), set(FIELDS[kind]), kind)
        for described in FIELDS.values():
            for name in described:
                self.assertIn(f"  {name}: ", readme)
        for name in archive.namelist():
            self.assertIn(f"{name}: ", readme)

    def test_api_gives_the_same_zip_and_json_stays_the_default(self) -> None:
        client = self.client_for(self.alice)  # one session for both, so nothing differs
        response = client.get(API_ZIP)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/zip")
        api_doc = json.loads(self.open_zip(b"".join(response.streaming_content)).read(DOCUMENT))
        page = b"".join(client.get(ZIP).streaming_content)
        page_doc = json.loads(self.open_zip(page).read(DOCUMENT))
        self.assertEqual(self.api(self.alice, "get", API_ZIP).status_code, 200)
        api_doc.pop("exported_at")
        page_doc.pop("exported_at")
        self.assertEqual(api_doc, page_doc)
        self.assertEqual(
            self.api(self.alice, "get", "/api/me/export").json()["format"], "nearer-export"
        )
        bad = self.api(self.alice, "get", "/api/me/export?format=xlsx")
        self.assertEqual(bad.status_code, 400)
        self.assertIn("format=zip", bad.json()["detail"])
        self.assertEqual(
            self.call(self.alice, "get", "/accounts/export/?format=xlsx").status_code, 400
        )
        self.assertEqual(self.api(None, "get", API_ZIP).status_code, 401)

    def test_partner_and_stranger_get_their_own_zip_only(self) -> None:
        for user, mine in ((self.bob, BOB_UNSHARED), (self.charlie, "charlie-entry")):
            response = self.client_for(user).get(ZIP)
            archive = self.open_zip(b"".join(response.streaming_content))
            everything = b"".join(archive.read(n) for n in archive.namelist()).decode("utf-8")
            self.assertIn(mine, everything)
            self.assertNotIn(ALICE_UNSHARED, everything)
            self.assertNotIn("Dr Rivera", everything)
        anonymous = self.call(None, "get", ZIP)
        self.assertEqual(anonymous.status_code, 302)

    def test_no_journal_text_in_logs(self) -> None:
        with self.assertLogs(level=logging.DEBUG) as caught:
            logging.getLogger("nearer").debug("marker")
            self.page_zip()
            self.api(self.alice, "get", API_ZIP)
        self.assertNotIn(ALICE_UNSHARED, "\n".join(caught.output))
