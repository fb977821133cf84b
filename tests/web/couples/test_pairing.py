from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.couples.models import Invitation
from nearer.web.journal.models import JournalEntry
from tests.web.base import NearerTestCase, make_user


class PartnerPageTests(NearerTestCase):
    def test_partner_page_for_each_person(self) -> None:
        self.assertContains(self.assert_page("/partner/"), "You and Bob")
        solo = self.assert_page("/partner/", user=self.charlie)
        self.assertContains(solo, "Going on your own is fine")
        self.assertContains(solo, "no deadline")

    def test_solo_home_has_a_gentle_invitation_not_a_dead_end(self) -> None:
        page = self.client_for(self.charlie).get("/")
        self.assertContains(page, "On your own for now")
        self.assertContains(page, "no rush")
        for url in ("/checkin/", "/journal/new/", "/checkin/weekly/", "/journal/patterns/"):
            self.assertEqual(self.client_for(self.charlie).get(url).status_code, 200, url)


class InviteAndJoinTests(NearerTestCase):
    def setUp(self) -> None:
        self.dana = make_user("dana@example.org", "Dana")

    def test_invite_code_joins_two_people(self) -> None:
        client = self.client_for(self.charlie)
        self.assertEqual(client.get("/partner/invite/").status_code, 405)
        client.post("/partner/invite/")
        invitation = Invitation.objects.get(inviter=self.charlie)
        page = client.get("/partner/")
        self.assertContains(page, invitation.pretty_code)
        self.assertContains(page, f"/partner/join/{invitation.code}/")
        joined = self.client_for(self.dana).post(
            "/partner/join/", {"code": invitation.pretty_code.lower()}
        )
        self.assertRedirects(joined, "/")
        self.charlie.refresh_from_db()
        self.dana.refresh_from_db()
        self.assertIsNotNone(self.charlie.couple_id)
        self.assertEqual(self.charlie.couple_id, self.dana.couple_id)
        self.assertEqual(self.dana.partner, self.charlie)

    def test_link_shows_who_invites_then_pairs_on_post(self) -> None:
        invitation = Invitation.objects.create(inviter=self.charlie)
        client = self.client_for(self.dana)
        page = client.get(f"/partner/join/{invitation.code}/")
        self.assertContains(page, "Join Charlie")
        client.post(f"/partner/join/{invitation.code}/")
        self.dana.refresh_from_db()
        self.assertEqual(self.dana.partner, self.charlie)

    def test_a_code_works_once(self) -> None:
        invitation = Invitation.objects.create(inviter=self.charlie)
        self.client_for(self.dana).post(f"/partner/join/{invitation.code}/")
        eve = make_user("eve@example.org", "Eve")
        self.assertEqual(
            self.client_for(eve).get(f"/partner/join/{invitation.code}/").status_code, 404
        )

    def test_expired_or_unknown_codes_are_404(self) -> None:
        old = Invitation.objects.create(
            inviter=self.charlie, expires_at=timezone.now() - timedelta(minutes=1)
        )
        client = self.client_for(self.dana)
        self.assertEqual(client.get(f"/partner/join/{old.code}/").status_code, 404)
        self.assertEqual(client.post("/partner/join/", {"code": "ZZZZ-ZZZZ"}).status_code, 404)

    def test_malformed_code_is_a_form_error_and_nothing_changes(self) -> None:
        response = self.client_for(self.dana).post("/partner/join/", {"code": "abc"})
        self.assertContains(response, "A code has 8 letters", status_code=400)
        self.dana.refresh_from_db()
        self.assertIsNone(self.dana.couple_id)

    def test_own_code_and_already_paired_are_refused_with_a_reason(self) -> None:
        invitation = Invitation.objects.create(inviter=self.charlie)
        client = self.client_for(self.charlie)
        page = client.post(f"/partner/join/{invitation.code}/", follow=True)
        self.assertContains(page, "This is your own code")
        page = self.client_for(self.alice).post(f"/partner/join/{invitation.code}/", follow=True)
        self.assertContains(page, "already paired")
        self.alice.refresh_from_db()
        self.assertEqual(self.alice.partner, self.bob)

    def test_paired_people_cannot_invite(self) -> None:
        page = self.client_for(self.alice).post("/partner/invite/", follow=True)
        self.assertContains(page, "already paired")
        self.assertFalse(Invitation.objects.filter(inviter=self.alice).exists())


class UnpairTests(NearerTestCase):
    def test_unpair_shows_what_happens_then_each_keeps_their_own(self) -> None:
        shared = JournalEntry.objects.create(
            author=self.alice, text="shared words", shared=True, couple=self.couple
        )
        DailyCheckIn.objects.create(
            author=self.bob,
            couple=self.couple,
            quadrant="low_pleasant",
            feeling="calm",
            closeness=7,
            appreciation="thanks for the tea",
        )
        client = self.client_for(self.alice)
        preview = client.get("/partner/unpair/")
        self.assertContains(preview, "Unpair from Bob?")
        self.assertContains(preview, "Your 1 shared journal entry")
        self.assertContains(preview, "The 1 appreciation Bob wrote you disappear")
        self.assertContains(preview, "Nothing is deleted")
        self.assertEqual(User.objects.get(pk=self.alice.pk).couple_id, self.couple.pk)

        client.post("/partner/unpair/")
        self.alice.refresh_from_db()
        self.bob.refresh_from_db()
        self.assertIsNone(self.alice.couple_id)
        self.assertIsNone(self.bob.couple_id)
        self.assertEqual(client.get(f"/journal/{shared.public_id}/").status_code, 200)
        bob = self.client_for(self.bob)
        self.assertEqual(bob.get(f"/journal/{shared.public_id}/").status_code, 404)
        self.assertNotContains(client.get("/checkin/appreciations/"), "thanks for the tea")
        self.assertContains(bob.get("/checkin/appreciations/"), "thanks for the tea")

    def test_pairing_again_does_not_reopen_old_shared_items(self) -> None:
        shared = JournalEntry.objects.create(
            author=self.alice, text="old shared", shared=True, couple=self.couple
        )
        self.client_for(self.alice).post("/partner/unpair/")
        invitation = Invitation.objects.create(inviter=self.alice)
        self.client_for(self.charlie).post(f"/partner/join/{invitation.code}/")
        self.charlie.refresh_from_db()
        self.assertIsNotNone(self.charlie.couple_id)
        got = self.client_for(self.charlie).get(f"/journal/{shared.public_id}/")
        self.assertEqual(got.status_code, 404)

    def test_unpair_when_solo_is_a_message_not_an_error_page(self) -> None:
        page = self.client_for(self.charlie).get("/partner/unpair/", follow=True)
        self.assertContains(page, "You are not paired")
        self.assertEqual(self.client_for(self.alice).put("/partner/unpair/").status_code, 405)


class InvitationLinkForNewcomers(NearerTestCase):
    def test_link_leads_a_newcomer_through_sign_up_back_to_the_invitation(self) -> None:
        invitation = Invitation.objects.create(inviter=self.charlie)
        link = f"/partner/join/{invitation.code}/"
        first = self.client.get(link)
        self.assertRedirects(first, f"/accounts/login/?next={link}")
        login_page = self.client.get(first["Location"])
        self.assertContains(login_page, f"/accounts/signup/?next={link}")
        signed_up = self.client.post(
            f"/accounts/signup/?next={link}",
            {
                "display_name": "Dana",
                "email": "dana@example.org",
                "country": "US",
                "password1": "a long walk by the sea",
                "password2": "a long walk by the sea",
            },
        )
        self.assertRedirects(signed_up, link)
        self.client.post(link)
        self.assertEqual(User.objects.get(email="dana@example.org").partner, self.charlie)

    def test_next_never_leaves_the_site(self) -> None:
        response = self.client.post(
            "/accounts/signup/?next=//evil.example/",
            {
                "display_name": "Eve",
                "email": "eve@example.org",
                "country": "US",
                "password1": "a long walk by the sea",
                "password2": "a long walk by the sea",
            },
        )
        self.assertRedirects(response, "/partner/")
