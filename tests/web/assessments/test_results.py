"""Result pages people can read, and the perception gap written for the reader."""

from __future__ import annotations

import json
import re
from typing import Any

from nearer.web.assessments.instruments import CONNECTION_CHECK
from nearer.web.assessments.record import save_result
from tests.web.assessments.test_assessments import check_answers
from tests.web.base import ApiTestCase, NearerTestCase

PARTNER_HARM = "I'm afraid of him when he drinks."
PURSUE = {"p1.self": 4, "p3.self": 4, "p2.partner": 4}


def partner_view(page: Any) -> str:
    """The block a partner sees, as it appears on a page (their own, or the preview)."""
    html = page.content.decode()
    found = re.search(r'<div class="partner-view">.*?<!-- end of the partner view -->', html, re.S)
    assert found is not None, "no partner view on the page"
    return found.group(0)


def main_text(page: Any) -> str:
    html = page.content.decode()
    return html[html.index('<main id="main"') :]


class ResultPageTests(ApiTestCase):
    def test_headline_then_at_most_three_findings_with_evidence_behind_a_tap(self) -> None:
        answers = check_answers(3, 1) | {"low_mood": "me", "stress": "me", "duration": "6m-2y"}
        found = save_result(self.alice, CONNECTION_CHECK, answers, shared=False)
        page = self.client_for(self.alice).get(f"/assessments/results/{found.public_id}/")
        html = main_text(page)
        headline = re.search(r'<h1 class="headline">(.*?)</h1>', html)
        assert headline is not None
        self.assertEqual(
            headline.group(1),
            "You have both drifted, mostly in what goes on inside.",
        )
        order = [html.index(x) for x in ("headline", "What stands out", "What to do next")]
        self.assertEqual(order, sorted(order))
        findings = re.search(r'<ol class="findings">(.*?)</ol>', html, re.S)
        assert findings is not None
        items = re.findall(r"<li>(.*?)</li>", findings.group(1), re.S)
        self.assertTrue(1 <= len(items) <= 3, items)
        for item in items:
            text, _, evidence = item.partition("<details>")
            self.assertNotIn("answered", text)  # the evidence is one tap away, not inline
            self.assertIn("<summary>Why we say this</summary>", "<details>" + evidence)
        self.assertIn("Worth looking at: low mood (yours)", html)
        self.assertNotIn("Depression", html)
        self.assertIn('href="/plan/"', html)
        self.assertIn('<span class="fill w-', html)  # bars, not a table of numbers
        self.assertIn("Clear distance", html)

    def test_professional_help_says_for_whom_what_kind_and_how_soon(self) -> None:
        answers = check_answers(3, 1) | {"substances": "partner", "duration": "6m-2y"}
        found = save_result(self.alice, CONNECTION_CHECK, answers, shared=False)
        html = main_text(
            self.client_for(self.alice).get(f"/assessments/results/{found.public_id}/")
        )
        help_list = re.search(r'<ul class="help-list">(.*?)</ul>', html, re.S)
        assert help_list is not None
        self.assertRegex(help_list.group(1), r"(Now|Soon: this week or next|When you are ready)")
        self.assertIn("for your partner", help_list.group(1))

    def test_partner_harm_opens_the_findings_with_its_own_line(self) -> None:
        answers = check_answers(3, 1) | {"notes": PARTNER_HARM}
        found = save_result(self.alice, CONNECTION_CHECK, answers, shared=False)
        html = main_text(
            self.client_for(self.alice).get(f"/assessments/results/{found.public_id}/")
        )
        self.assertIn('<h1 class="headline">Your safety comes first.</h1>', html)
        first = re.search(r'<ol class="findings"><li>(.*?)<', html, re.S)
        assert first is not None
        self.assertTrue(first.group(1).startswith("When a partner frightens or controls you"))
        self.assertNotIn("couples therapy", html.lower())

    def test_the_preview_is_exactly_what_the_partner_sees(self) -> None:
        answers = check_answers(3, 1) | {"notes": "Private words.", "low_mood": "me"}
        found = save_result(self.alice, CONNECTION_CHECK, answers, shared=False)
        url = f"/assessments/results/{found.public_id}/"
        mine = self.client_for(self.alice).get(url)
        self.assertContains(mine, "Exactly what Bob will see")
        preview = partner_view(mine)
        self.assertEqual(self.client_for(self.bob).get(url).status_code, 404)
        self.client_for(self.alice).post(f"{url}share/", {"shared": "1"})
        theirs = self.client_for(self.bob).get(url)
        self.assertEqual(partner_view(theirs), preview)
        self.assertIn("Alice&#x27;s side", preview)
        self.assertIn("Yours, as Alice sees it", preview)
        bob_html = main_text(theirs)
        for private in ("Private words.", "What stands out", "low mood", "help-list"):
            self.assertNotIn(private, bob_html)
        self.assertEqual(self.client_for(self.charlie).get(url).status_code, 404)

    def test_screener_result_leads_with_a_headline_and_previews_sharing(self) -> None:
        found = save_result(self.alice, "gad2", {"1": 2, "2": 2}, shared=False)
        url = f"/assessments/results/{found.public_id}/"
        html = main_text(self.client_for(self.alice).get(url))
        self.assertIn(
            '<h1 class="headline">Your answers are above the usual cut-off: worth talking over '
            "with a doctor.</h1>",
            html,
        )
        self.assertIn("Exactly what Bob will see", html)
        self.assertIn("Alice&#x27;s answers are above the usual cut-off", html)

    def test_a_screener_safety_answer_is_not_spelled_out_to_the_partner(self) -> None:
        answers = {str(n): 0 for n in range(1, 9)} | {"9": 1}
        found = save_result(self.alice, "phq9", answers, shared=True)
        url = f"/assessments/results/{found.public_id}/"
        mine = self.client_for(self.alice).get(url)
        self.assertContains(mine, "better off dead")  # her own page says it, to her
        theirs = self.client_for(self.bob).get(url)
        self.assertNotContains(theirs, "better off dead")
        self.assertEqual(partner_view(theirs), partner_view(mine))

    def test_the_api_gives_the_partner_only_the_score_of_a_shared_screener(self) -> None:
        answers = {str(n): 0 for n in range(1, 9)} | {"9": 1}
        found = save_result(self.alice, "phq9", answers, shared=True)
        url = f"/api/assessments/{found.public_id}"
        mine = self.api(self.alice, "get", url).json()
        self.assertEqual(mine["result"]["details"]["answers"]["9"], 1)
        self.assertTrue(mine["result"]["safety_alert"])
        theirs = self.api(self.bob, "get", url).json()
        self.assertEqual(
            theirs["result"],
            {
                "instrument": "phq9",
                "total": 1,
                "max_total": 27,
                "severity": mine["result"]["severity"],
                "positive_screen": False,
                "safety_alert": False,
                "interpretation": "Your partner's answers are below the usual cut-off.",
            },
        )
        self.assertFalse(theirs["safety_alert"])
        listed = self.api(self.bob, "get", "/api/assessments").json()
        self.assertNotIn("better off dead", str(listed))

    def test_the_api_never_gives_the_partner_what_was_read_from_the_private_note(self) -> None:
        note = {"notes": "I've been on fluoxetine since March"}
        found = save_result(self.alice, CONNECTION_CHECK, check_answers(1, 3) | note, shared=True)
        url = f"/api/assessments/{found.public_id}"
        mine = json.dumps(self.api(self.alice, "get", url).json())
        self.assertIn('"from_note": true', mine)  # her own result used the note
        theirs = json.dumps(self.api(self.bob, "get", url).json())
        self.assertNotIn('"from_note": true', theirs)
        self.assertNotIn("medication", theirs)
        self.assertNotIn("fluoxetine", theirs)


class GapWordingTests(NearerTestCase):
    def setUp(self) -> None:
        # Alice sees more distance in Bob than Bob does; Bob sees Alice as Alice does.
        save_result(self.alice, CONNECTION_CHECK, check_answers(1, 3) | PURSUE, shared=True)
        save_result(self.bob, CONNECTION_CHECK, check_answers(1, 1), shared=True)

    def test_second_person_with_names_for_each_reader(self) -> None:
        alice = main_text(self.assert_page("/assessments/gap/"))
        conflict = "You see more distance in Bob&#x27;s way of handling conflict than Bob does."
        self.assertIn(conflict, alice)
        self.assertIn("Bob may not feel it, or may not show what they feel: ask Bob", alice)
        self.assertIn("You and Bob see your engagement much the same.", alice)
        self.assertIn("In your answers, you are the one reaching and Bob is pulling back.", alice)
        bob = main_text(self.assert_page("/assessments/gap/", user=self.bob))
        self.assertIn("Alice sees more distance in your inner life than you do.", bob)
        self.assertIn("Alice may be noticing something you do not feel", bob)
        self.assertIn(
            "In Alice&#x27;s answers, Alice is the one reaching and you are pulling back.", bob
        )
        for wrong in ("Bob sees Bob", "Alice sees Alice", "Bob sees more distance in Bob"):
            self.assertNotIn(wrong, bob + alice)

    def test_each_area_explained_and_drawn_as_paired_bars(self) -> None:
        html = main_text(self.client_for(self.alice).get("/assessments/gap/"))
        self.assertIn("Touch, warmth and intimacy.", html)
        self.assertIn("You, as you see yourself", html)
        self.assertIn("You, as Bob sees you", html)
        self.assertIn("Bob, as you see Bob", html)
        self.assertEqual(html.count('class="area"'), 6)
        self.assertGreaterEqual(html.count('<span class="fill w-'), 24)


def test_new_page_texts_copy_no_eight_words_from_a_seed() -> None:
    """The sentences of the check's screens, results and gap are nearer's own."""
    from pathlib import Path

    from nearer.web.assessments import check_flow, gap_words, reading
    from tests.core.knowledge.seedwords import fingerprint, runs, stored_fingerprints

    sources = [Path(m.__file__ or "").read_text() for m in (check_flow, gap_words, reading)]
    templates = Path(reading.__file__ or "").parents[1] / "templates" / "assessments"
    sources += [p.read_text() for p in templates.glob("*.html")]
    seeds = stored_fingerprints()
    copied = [" ".join(r) for text in sources for r in runs(text) if fingerprint(r) in seeds]
    assert copied == []
