"""Both partners in one report: each part chosen by its owner alone, each can revoke theirs,
the perception gap only when both agreed to share it."""

from __future__ import annotations

from django.test import Client

from nearer.web.assessments.instruments import CONNECTION_CHECK
from nearer.web.assessments.record import save_result
from nearer.web.journal.models import JournalEntry
from nearer.web.sharing import links
from nearer.web.sharing.models import ShareAccess
from tests.web.accounts.owned import ALICE_UNSHARED, BOB_SHARED, BOB_UNSHARED, OwnedDataTestCase
from tests.web.assessments.test_assessments import check_answers


def _open(token: str) -> str:
    response = Client().get(f"/s/{token}/")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


class TogetherChecks(OwnedDataTestCase):
    def test_same_label_and_both_agree_gives_both_parts(self) -> None:
        bob_entry = JournalEntry.objects.get(text=BOB_UNSHARED)
        alice = links.create_link(self.alice, "Dr Rivera", ["weeks"], 24, together=True)
        bob = links.create_link(
            self.bob, " dr  rivera ", ["checks"], 24, [str(bob_entry.public_id)], together=True
        )
        for token in (alice.token, bob.token):
            html = _open(token)
            self.assertIn("Shared report from Alice and Bob", html)
            self.assertIn('class="parts two"', html)
            # Alice's part holds her weeks only; Bob's his checks and the entry he ticked.
            alice_part, bob_part = html.split('<h2 class="part-name">')[1:3]
            self.assertIn("Check-ins by week", alice_part)
            self.assertNotIn("Connection Checks", alice_part)
            self.assertIn("Connection Checks", bob_part)
            self.assertIn(BOB_UNSHARED, bob_part)
            self.assertNotIn(BOB_SHARED, html)  # not ticked, though shared with Alice
            self.assertNotIn(ALICE_UNSHARED, html)
        # Each opening shows in both people's logs: each part was seen.
        self.assertEqual(ShareAccess.objects.filter(link=alice.link).count(), 2)
        self.assertEqual(ShareAccess.objects.filter(link=bob.link).count(), 2)

    def test_no_join_without_both_agreeing_or_with_another_label(self) -> None:
        alice = links.create_link(self.alice, "Dr Rivera", ["weeks"], 24, together=True)
        links.create_link(self.bob, "Dr Rivera", ["checks"], 24, together=False)
        self.assertNotIn("and Bob", _open(alice.token))
        links.create_link(self.bob, "Dr Okafor", ["checks"], 24, together=True)
        self.assertNotIn("and Bob", _open(alice.token))
        # A stranger naming the same therapist never joins.
        links.create_link(self.charlie, "Dr Rivera", ["checks"], 24, together=True)
        self.assertNotIn("Charlie", _open(alice.token))

    def test_each_revokes_their_own_part(self) -> None:
        alice = links.create_link(self.alice, "Dr Rivera", ["weeks"], 24, together=True)
        bob = links.create_link(self.bob, "Dr Rivera", ["checks"], 24, together=True)
        links.revoke(bob.link)
        html = _open(alice.token)
        self.assertNotIn("Bob", html)
        self.assertEqual(Client().get(f"/s/{bob.token}/").status_code, 404)
        # Bob cannot revoke Alice's link: 404, and hers still opens.
        url = f"/sharing/{alice.link.public_id}/revoke/"
        self.assertEqual(self.call(self.bob, "post", url).status_code, 404)
        self.assertEqual(Client().get(f"/s/{alice.token}/").status_code, 200)

    def test_gap_only_when_both_chose_it(self) -> None:
        save_result(self.alice, CONNECTION_CHECK, check_answers(1, 3), shared=True)
        save_result(self.bob, CONNECTION_CHECK, check_answers(1, 1), shared=True)
        alice = links.create_link(self.alice, "Dr Rivera", ["weeks", "gap"], 24, together=True)
        bob = links.create_link(self.bob, "Dr Rivera", ["checks"], 24, together=True)
        self.assertNotIn('id="gap"', _open(alice.token))
        links.revoke(bob.link)
        links.create_link(self.bob, "Dr Rivera", ["checks", "gap"], 24, together=True)
        html = _open(alice.token)
        self.assertIn('id="gap"', html)
        self.assertIn("Perception gap", html)
        # Alone, a part that chose the gap shows none: it needs both.
        solo = links.create_link(self.alice, "Dr Okafor", ["gap", "weeks"], 24)
        self.assertNotIn('id="gap"', _open(solo.token))
