from __future__ import annotations

import logging

from django import forms as django_forms
from hypothesis import given
from hypothesis import strategies as st

from nearer.web.journal.forms import split_tags
from nearer.web.journal.models import JournalEntry
from tests.web.base import NearerTestCase

ENTRY = {
    "text": "We both scrolled through dinner and I felt far away.",
    "feelings": "Lonely, hurt",
    "situations": "Dinner, dinner ,  evening",
    "triggers": "phones at the table",
}


class JournalMatrixTests(NearerTestCase):
    def setUp(self) -> None:
        self.private = JournalEntry.objects.create(author=self.alice, text="my private page")
        self.shared = JournalEntry.objects.create(
            author=self.alice, text="for Bob to read", shared=True, couple=self.couple
        )

    def test_private_entry_matrix(self) -> None:
        self.assert_matrix(f"/journal/{self.private.public_id}/")
        self.assert_matrix(f"/journal/{self.private.public_id}/edit/")

    def test_shared_entry_matrix(self) -> None:
        self.assert_matrix(f"/journal/{self.shared.public_id}/", shared=True)
        # Sharing lets the partner read, never edit, add feelings or delete.
        self.assert_matrix(f"/journal/{self.shared.public_id}/edit/")
        self.assert_matrix(
            f"/journal/{self.shared.public_id}/feelings/",
            method="post",
            data={"word": "calm"},
            ok=(302,),
            wrong_method="get",
        )

    def test_delete_matrix(self) -> None:
        url = f"/journal/{self.shared.public_id}/delete/"
        for user in (self.bob, self.charlie):
            self.assertEqual(self.client_for(user).post(url).status_code, 404)
        self.assertEqual(self.client_for(self.alice).get(url).status_code, 405)
        self.assertRedirects(self.client_for(self.alice).post(url), "/journal/")
        self.assertFalse(JournalEntry.objects.filter(pk=self.shared.pk).exists())

    def test_list_shows_own_and_partners_shared_only(self) -> None:
        self.assert_page("/journal/")
        bob = self.client_for(self.bob).get("/journal/")
        self.assertContains(bob, "for Bob to read")
        self.assertNotContains(bob, "my private page")
        charlie = self.client_for(self.charlie).get("/journal/")
        self.assertNotContains(charlie, "for Bob to read")

    def test_bad_uuid_is_404(self) -> None:
        self.assertEqual(self.client_for(self.alice).get("/journal/123/").status_code, 404)


class JournalWriteTests(NearerTestCase):
    def test_new_entry_is_private_by_default_with_clean_tags(self) -> None:
        self.assert_page("/journal/new/")
        response = self.client_for(self.alice).post("/journal/new/", ENTRY)
        entry = JournalEntry.objects.get(author=self.alice)
        self.assertRedirects(response, f"/journal/{entry.public_id}/")
        self.assertFalse(entry.shared)
        self.assertIsNone(entry.couple_id)
        self.assertEqual(entry.feelings, ["lonely", "hurt"])
        self.assertEqual(entry.situations, ["dinner", "evening"])
        self.assertEqual(entry.triggers, ["phones at the table"])
        self.assertEqual(
            self.client_for(self.bob).get(f"/journal/{entry.public_id}/").status_code, 404
        )

    def test_sharing_then_unsharing_an_entry(self) -> None:
        client = self.client_for(self.alice)
        client.post("/journal/new/", {**ENTRY, "shared": "on"})
        entry = JournalEntry.objects.get(author=self.alice)
        self.assertEqual(entry.couple_id, self.couple.pk)
        url = f"/journal/{entry.public_id}/"
        self.assertEqual(self.client_for(self.bob).get(url).status_code, 200)
        client.post(f"{url}edit/", {**ENTRY})
        self.assertEqual(self.client_for(self.bob).get(url).status_code, 404)

    def test_solo_entries_cannot_be_shared_with_nobody(self) -> None:
        self.client_for(self.charlie).post("/journal/new/", {**ENTRY, "shared": "on"})
        self.assertFalse(JournalEntry.objects.get(author=self.charlie).shared)

    def test_bad_input_gets_clear_errors_and_nothing_is_saved(self) -> None:
        client = self.client_for(self.alice)
        cases = [
            ({"text": "   "}, "Write something first"),
            ({"feelings": "hurt, blorpy"}, "“blorpy” is not in nearer"),
            ({"situations": ",".join(f"t{n}" for n in range(11))}, "at most 10 situations"),
            ({"triggers": "x" * 41}, "longer than 40 characters"),
            ({"text": "x" * 10_001}, "at most 10000 characters"),
        ]
        for change, message in cases:
            response = client.post("/journal/new/", {**ENTRY, **change})
            self.assertContains(response, message, status_code=400)
        self.assertFalse(JournalEntry.objects.exists())

    def test_accepting_a_suggested_feeling(self) -> None:
        entry = JournalEntry.objects.create(author=self.alice, text="so lonely tonight")
        client = self.client_for(self.alice)
        client.post(f"/journal/{entry.public_id}/feelings/", {"word": "Lonely"})
        client.post(f"/journal/{entry.public_id}/feelings/", {"word": "nonsense"})
        entry.refresh_from_db()
        self.assertEqual(entry.feelings, ["lonely"])

    def test_safety_wording_puts_resources_first(self) -> None:
        page = self.client_for(self.alice).post(
            "/journal/new/", {**ENTRY, "text": "He hit me again and I'm scared"}, follow=True
        )
        self.assertContains(page, "Your safety comes first")
        body = page.content.decode()
        # Domestic-abuse services lead, before the entry itself.
        self.assertLess(body.index("National Domestic Violence Hotline"), body.index("<h1>"))
        self.assertTrue(JournalEntry.objects.get(author=self.alice).safety_alert)

    def test_journal_text_never_reaches_the_logs(self) -> None:
        secret = "my very secret journal sentence"
        with self.assertLogs(level=logging.DEBUG) as logs:
            logging.getLogger("nearer.test").debug("marker")
            client = self.client_for(self.alice)
            client.post("/journal/new/", {**ENTRY, "text": secret})
            client.post("/journal/new/", {**ENTRY, "text": secret, "feelings": "bad-word"})
            entry = JournalEntry.objects.get(author=self.alice)
            client.get(f"/journal/{entry.public_id}/")
            self.client_for(self.charlie).get(f"/journal/{entry.public_id}/")
        self.assertFalse(any(secret in line for line in logs.output))


class PatternsTests(NearerTestCase):
    def test_patterns_count_only_own_items(self) -> None:
        client = self.client_for(self.alice)
        client.post("/journal/new/", ENTRY)
        JournalEntry.objects.create(
            author=self.bob, text="x", shared=True, couple=self.couple, triggers=["bob-only"]
        )
        page = self.assert_page("/journal/patterns/")
        self.assertContains(page, "phones at the table")
        self.assertNotContains(page, "bob-only")


@given(st.lists(st.text(alphabet="abc ,", max_size=8), max_size=6))
def test_split_tags_never_returns_blanks_or_repeats(parts: list[str]) -> None:
    try:
        tags = split_tags(",".join(parts), "tag")
    except django_forms.ValidationError:
        return
    assert all(tag and tag == tag.strip() for tag in tags)
    assert len(tags) == len(set(tags))


class SuggestionTests(NearerTestCase):
    def test_suggestions_show_with_their_evidence_to_the_author_only(self) -> None:
        entry = JournalEntry.objects.create(
            author=self.alice,
            text="I cooked all evening and nobody noticed.",
            shared=True,
            couple=self.couple,
        )
        mine = self.client_for(self.alice).get(f"/journal/{entry.public_id}/")
        theirs = self.client_for(self.bob).get(f"/journal/{entry.public_id}/")
        self.assertContains(mine, "Feelings this might hold")
        self.assertContains(mine, "because of “nobody noticed”")
        self.assertContains(mine, "Add “overlooked”")
        self.assertNotContains(theirs, "Feelings this might hold")
