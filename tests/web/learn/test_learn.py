from __future__ import annotations

from django.template import Context, Template

from nearer.core.errors import UnknownTopic
from nearer.core.knowledge import SEEDS, load
from nearer.web.learn.pages import learn_url
from nearer.web.learn.search import search
from tests.web.base import ApiTestCase, NearerTestCase


class LearnPagesTests(NearerTestCase):
    def test_index_lists_every_topic_and_is_public(self) -> None:
        anonymous = self.client.get("/learn/")
        self.assertEqual(anonymous.status_code, 200)
        for topic in load().topics():
            self.assertContains(anonymous, topic.title)
        self.assertNotContains(anonymous, "Log out")
        mine = self.client_for(self.alice).get("/learn/")
        self.assertContains(mine, "Log out")  # logged in: the app's own layout and menu
        self.assertEqual(self.client_for(self.alice).put("/learn/").status_code, 405)
        self.assertEqual(self.client.post("/learn/signs/").status_code, 405)

    def test_every_entry_has_a_page_that_cites_its_source_articles(self) -> None:
        kb = load()
        for entry in kb.entries():
            if entry.topic == "crisis":
                continue
            url = learn_url(entry.topic, entry.id)
            self.assertEqual(url, f"/learn/{entry.topic}/{entry.id}/")
            page = self.client.get(url)
            self.assertEqual(page.status_code, 200, url)
            self.assertContains(page, "<h1>", count=1)
            html = page.content.decode()
            for source in getattr(entry.item, "sources", ()):
                self.assertIn(SEEDS[source].replace("'", "&#x27;"), html, url)

    def test_topic_pages_list_their_entries(self) -> None:
        kb = load()
        strategies = self.client.get("/learn/strategies/")
        for strategy in kb.strategies:
            self.assertContains(strategies, f'href="/learn/strategies/{strategy.id}/"')
        signs = self.client.get("/learn/signs/")
        for domain in kb.domains:
            self.assertContains(signs, f'href="/learn/signs/{domain.id}/"')
        myths = self.client.get("/learn/myths/")
        self.assertContains(myths, kb.myths[0].fact.replace("'", "&#x27;"))
        detachment = self.client.get("/learn/detachment/")
        self.assertContains(detachment, kb.contrasts[0].unhealthy)

    def test_a_joint_strategy_says_first_what_to_do_when_unsafe(self) -> None:
        strategy = load().strategy("feelings_check_in")
        assert strategy.unsafe_note is not None
        html = self.client.get("/learn/strategies/feelings_check_in/").content.decode()
        self.assertLess(html.index("If you may not be safe"), html.index("Steps"))
        self.assertIn(strategy.steps[0], html)

    def test_crisis_lines_open_the_help_page(self) -> None:
        self.assertRedirects(self.client.get("/learn/crisis/"), "/help/")
        self.assertRedirects(self.client.get("/learn/crisis/GB/"), "/help/?country=GB")

    def test_unknown_topic_or_entry_is_404(self) -> None:
        for url in ("/learn/nope/", "/learn/signs/nope/", "/learn/nope/nope/"):
            self.assertEqual(self.client.get(url).status_code, 404, url)


class LearnSearchTests(NearerTestCase):
    def test_search_finds_titles_and_text_and_links_to_pages(self) -> None:
        page = self.client.get("/learn/", {"q": "emotionally focused"})
        self.assertContains(page, "result")
        self.assertContains(page, 'href="/learn/help/eft/"')
        self.assertEqual(search("EFT")[0].page.id, "eft")

    def test_every_word_must_match_and_words_match_at_their_start(self) -> None:
        both = [h.page.id for h in search("space reassures")]
        self.assertEqual(both[0], "ask_for_space_kindly")  # the title holds both words
        for hit in search("space reassures"):
            text = hit.page.text().casefold()
            self.assertIn("space", text)
            self.assertIn("reassur", text)
        for hit in search("ease"):
            self.assertRegex(hit.page.text().casefold(), r"\bease")
        self.assertEqual(search("zzzz"), [])
        self.assertEqual(search("   "), [])

    def test_nothing_found_says_so_and_a_long_query_is_cut(self) -> None:
        self.assertContains(self.client.get("/learn/", {"q": "zzqx"}), "Nothing found for “zzqx”")
        long = self.client.get("/learn/", {"q": "a" * 500})
        self.assertEqual(long.status_code, 200)
        self.assertContains(long, "“" + "a" * 100 + "”")


class LearnUrlTests(NearerTestCase):
    def test_learn_url_takes_topic_or_singular_kinds(self) -> None:
        self.assertEqual(
            learn_url("strategy", "feelings_check_in"), "/learn/strategies/feelings_check_in/"
        )
        self.assertEqual(learn_url("factor", "trauma"), "/learn/factors/trauma/")
        self.assertEqual(learn_url("help", "eft"), "/learn/help/eft/")
        self.assertEqual(learn_url("myths"), "/learn/myths/")
        self.assertEqual(learn_url("crisis", "US"), "/help/?country=US")

    def test_unknown_ids_raise_but_the_template_tag_falls_back_to_the_topic(self) -> None:
        with self.assertRaises(UnknownTopic):
            learn_url("strategy", "no_such_thing")
        with self.assertRaises(UnknownTopic):
            learn_url("spells")
        template = Template(
            '{% load learn %}{% learn_url "strategy" s %}|{% learn_url "strategy" "nope" %}|'
            '{% learn_url "spells" "x" %}'
        )
        rendered = template.render(Context({"s": "feelings_check_in"}))
        self.assertEqual(
            rendered, "/learn/strategies/feelings_check_in/|/learn/strategies/|/learn/"
        )


class LearnApiTests(ApiTestCase):
    def test_topics_and_search_need_no_log_in(self) -> None:
        body = self.client.get("/api/learn").json()
        self.assertEqual([t["id"] for t in body["topics"]], [t.id for t in load().topics()])
        self.assertEqual(body["results"], [])
        found = self.client.get("/api/learn", {"q": "eft"}).json()
        self.assertEqual(found["results"][0]["url"], "/learn/help/eft/")
        self.assertEqual(self.api(self.alice, "get", "/api/learn").status_code, 200)
        self.assertEqual(self.api(self.alice, "put", "/api/learn", {}).status_code, 405)

    def test_one_entry_with_sections_and_sources(self) -> None:
        body = self.client.get("/api/learn/strategies/feelings_check_in").json()
        self.assertEqual(body["title"], "Ten-minute feelings check-in")
        self.assertEqual(body["sections"][0]["heading"], "If you may not be safe")
        self.assertEqual(
            body["sources"],
            [{"file": "004_a24e324e7ee3422d.txt", "title": SEEDS["004_a24e324e7ee3422d.txt"]}],
        )

    def test_bad_input_is_a_clear_json_error(self) -> None:
        missing = self.client.get("/api/learn/signs/nope")
        self.assertEqual(missing.status_code, 404)
        self.assertIn('has no entry "nope"', missing.json()["detail"])
        self.assertEqual(self.client.get("/api/learn/spells/x").status_code, 404)
        long = self.client.get("/api/learn", {"q": "a" * 101})
        self.assertEqual(long.status_code, 400)
        self.assertEqual(long.json()["detail"], "q: the search is 101 characters; keep it to 100.")


class LinkedFromTheJournalTests(NearerTestCase):
    def test_journal_patterns_link_into_learn(self) -> None:
        page = self.assert_page("/journal/patterns/")
        for url in ("/learn/signs/", "/learn/factors/", "/learn/detachment/", "/learn/strategies/"):
            self.assertContains(page, f'href="{url}"')


class SearchSafetyTests(NearerTestCase):
    def test_words_of_risk_in_a_search_put_crisis_help_first(self) -> None:
        for user in (None, self.alice):
            html = self.call(
                user, "get", "/learn/", {"q": "I want to kill myself"}
            ).content.decode()
            self.assertIn("Help is there right now", html)
            self.assertLess(html.index("Help is there right now"), html.index("<h1>Search results"))
        calm = self.client.get("/learn/", {"q": "therapy"}).content.decode()
        self.assertNotIn("Help is there right now", calm)


class SearchWordsTests(NearerTestCase):
    def test_word_endings_are_forgiven_and_matches_are_marked(self) -> None:
        self.assertEqual(search("arguing")[0].words, ("argu",))
        self.assertGreater(len(search("arguing")), 1)
        self.assertEqual(
            {h.page.id for h in search("fights")}, {h.page.id for h in search("fight")}
        )
        hit = search("reassures")[0]
        self.assertIn(("reassures", True), hit.marked)
        self.assertEqual("".join(piece for piece, _ in hit.marked), hit.snippet)
        page = self.client.get("/learn/", {"q": "<b>space</b>"})
        self.assertContains(page, "<mark>space</mark>")
        self.assertNotContains(page, "<b>space</b>")


class TopicGroupsTests(NearerTestCase):
    def test_long_topics_are_grouped_and_every_entry_is_in_exactly_one_group(self) -> None:
        from nearer.web.learn.pages import groups_of

        kb = load()
        expected = {
            "signs": [s.id for s in kb.signs],
            "strategies": [s.id for s in kb.strategies],
            "factors": [f.id for f in kb.factors],
        }
        for topic, ids in expected.items():
            grouped = [p.id for g in groups_of(topic) for p in g.pages]
            self.assertEqual(sorted(grouped), sorted(ids), topic)
        page = self.client.get("/learn/strategies/")
        self.assertContains(page, 'href="#withdrawing"')
        self.assertContains(page, 'id="withdrawing"')
        self.assertEqual(groups_of("myths"), ())


class PublicPagesMatrixTests(ApiTestCase):
    """Public pages hold no one's data: everyone gets the same page, a wrong method is 405."""

    URLS = (
        "/learn/",
        "/learn/?q=space",
        "/learn/signs/",
        "/learn/signs/communication/",
        "/learn/strategies/feelings_check_in/",
        "/manifest.webmanifest",
        "/sw.js",
        "/offline/",
        "/api/learn",
        "/api/learn/help/eft",
    )

    def test_everyone_gets_them_and_wrong_methods_are_refused(self) -> None:
        for url in self.URLS:
            for user in (None, self.alice, self.bob, self.charlie):
                self.assertEqual(self.call(user, "get", url).status_code, 200, (url, user))
            for method in ("post", "put", "delete"):
                got = self.call(self.alice, method, url).status_code
                self.assertEqual(got, 405, f"{method} {url} -> {got}")
