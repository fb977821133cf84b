"""Unpairing leaves nothing that still says "shared", and pairing again reopens nothing."""

from __future__ import annotations

from nearer.web.accounts.models import User
from nearer.web.assessments.models import AssessmentResult
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.couples import pairing
from nearer.web.couples.models import Invitation
from nearer.web.journal.models import JournalEntry
from tests.web.base import ApiTestCase


class UnpairStateTests(ApiTestCase):
    def setUp(self) -> None:
        self.entry = JournalEntry.objects.create(
            author=self.alice, text="the walk home", shared=True, couple=self.couple
        )
        self.result = AssessmentResult.objects.create(
            user=self.alice, instrument="gad2", shared=True, couple=self.couple
        )
        DailyCheckIn.objects.create(
            author=self.bob,
            couple=self.couple,
            quadrant="low_pleasant",
            feeling="calm",
            closeness=7,
            appreciation="thanks for the soup",
        )
        pairing.unpair(User.objects.get(pk=self.alice.pk))

    def pair_again(self, other: User) -> None:
        invitation = Invitation.objects.create(inviter=self.alice)
        pairing.accept(User.objects.get(pk=other.pk), invitation)

    def test_shared_items_turn_private_and_name_no_couple(self) -> None:
        self.entry.refresh_from_db()
        self.result.refresh_from_db()
        self.assertEqual((self.entry.shared, self.entry.couple_id), (False, None))
        self.assertEqual((self.result.shared, self.result.couple_id), (False, None))
        page = self.client_for(self.alice).get(f"/journal/{self.entry.public_id}/")
        self.assertContains(page, '<span class="tag">private</span>')
        self.assertNotContains(page, "shared with")
        listed = self.client_for(self.alice).get("/journal/")
        self.assertNotContains(listed, '<span class="tag">shared</span>')
        got = self.api(self.alice, "get", f"/api/journal/{self.entry.public_id}").json()
        self.assertFalse(got["shared"])
        got = self.api(self.alice, "get", f"/api/assessments/{self.result.public_id}").json()
        self.assertFalse(got["shared"])

    def test_pairing_again_with_the_same_partner_reopens_nothing(self) -> None:
        self.pair_again(self.bob)
        self.assert_matrix(f"/journal/{self.entry.public_id}/")
        self.assert_matrix(f"/assessments/results/{self.result.public_id}/")
        self.assert_api_matrix(f"/api/journal/{self.entry.public_id}")
        self.assert_api_matrix(f"/api/assessments/{self.result.public_id}")
        self.assertEqual(self.api(self.bob, "get", "/api/journal").json(), [])
        self.assertEqual(self.api(self.alice, "get", "/api/appreciations").json(), [])
        self.assertIn("Neither of you", self.api(self.bob, "get", "/api/gap").json()["missing"])

    def test_editing_after_pairing_again_keeps_it_private(self) -> None:
        self.pair_again(self.bob)
        edit = self.api(
            self.alice, "patch", f"/api/journal/{self.entry.public_id}", {"text": "changed"}
        )
        self.assertEqual(edit.status_code, 200, edit.content)
        self.assertFalse(edit.json()["shared"])
        self.assertEqual(
            self.api(self.bob, "get", f"/api/journal/{self.entry.public_id}").status_code, 404
        )
        self.assertEqual(
            self.client_for(self.bob).get(f"/journal/{self.entry.public_id}/").status_code, 404
        )

    def test_pairing_with_someone_else_reopens_nothing(self) -> None:
        self.pair_again(self.charlie)
        for url in (
            f"/api/journal/{self.entry.public_id}",
            f"/api/assessments/{self.result.public_id}",
        ):
            self.assertEqual(self.api(self.alice, "get", url).status_code, 200, url)
            self.assertEqual(self.api(self.charlie, "get", url).status_code, 404, url)
            self.assertEqual(self.api(self.bob, "get", url).status_code, 404, url)
        self.assertEqual(self.api(self.charlie, "get", "/api/journal").json(), [])

    def test_sharing_again_is_a_fresh_choice_in_the_new_couple(self) -> None:
        self.pair_again(self.bob)
        shared = self.api(
            self.alice, "patch", f"/api/journal/{self.entry.public_id}", {"shared": True}
        )
        self.assertTrue(shared.json()["shared"])
        self.assert_api_matrix(f"/api/journal/{self.entry.public_id}", shared=True)


class StaleRowsMigrationTests(ApiTestCase):
    def test_migrations_turn_rows_left_shared_by_old_unpairing_private(self) -> None:
        import importlib
        import pkgutil

        from django.apps import apps
        from django.utils import timezone

        from nearer.web.couples.models import Couple

        ended = Couple.objects.create(ended_at=timezone.now())
        old = JournalEntry.objects.create(author=self.alice, text="x", shared=True, couple=ended)
        live = JournalEntry.objects.create(
            author=self.alice, text="y", shared=True, couple=self.couple
        )
        result = AssessmentResult.objects.create(
            user=self.alice, instrument="gad2", shared=True, couple=ended
        )
        for app in ("journal", "assessments"):
            # Found by name, whatever its number (a merge may renumber it).
            package = importlib.import_module(f"nearer.web.{app}.migrations")
            (name,) = [
                m.name
                for m in pkgutil.iter_modules(package.__path__)
                if m.name.endswith("_unshare_ended_couples")
            ]
            importlib.import_module(f"{package.__name__}.{name}").unshare(apps, None)
        old.refresh_from_db()
        live.refresh_from_db()
        result.refresh_from_db()
        self.assertEqual((old.shared, old.couple_id), (False, None))
        self.assertEqual((result.shared, result.couple_id), (False, None))
        self.assertEqual((live.shared, live.couple_id), (True, self.couple.pk))
