"""The web app manifest, its icons, the service worker and the offline page."""

from __future__ import annotations

import re
import struct
from unittest.mock import patch

from django.conf import settings

from nearer.web.icons import ICONS, draw, files
from tests.web.base import NearerTestCase


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


class ManifestTests(NearerTestCase):
    def test_manifest_names_the_app_and_its_icons(self) -> None:
        response = self.client.get("/manifest.webmanifest")
        self.assertEqual(response["Content-Type"], "application/manifest+json")
        body = response.json()
        self.assertEqual(body["short_name"], "nearer")
        self.assertEqual((body["start_url"], body["display"]), ("/", "standalone"))
        self.assertRegex(body["theme_color"], r"^#[0-9a-f]{6}$")
        kinds = {(i["sizes"], i["purpose"]) for i in body["icons"]}
        self.assertEqual(
            kinds,
            {
                ("192x192", "any"),
                ("512x512", "any"),
                ("192x192", "maskable"),
                ("512x512", "maskable"),
            },
        )
        for icon in body["icons"]:
            png = self.client.get(icon["src"])
            self.assertEqual(png.status_code, 200, icon["src"])
            size = int(icon["sizes"].split("x")[0])
            self.assertEqual(_png_size(b"".join(png.streaming_content)), (size, size))
        self.assertEqual(self.client.post("/manifest.webmanifest").status_code, 405)

    def test_every_page_links_the_manifest_and_registers_the_worker(self) -> None:
        for user in (None, self.alice):
            html = self.call(user, "get", "/help/").content.decode()
            self.assertIn('<link rel="manifest" href="/manifest.webmanifest">', html)
            self.assertIn("/static/nearer/install.js", html)

    def test_committed_icons_are_the_ones_the_script_draws(self) -> None:
        for name, (size, maskable) in files().items():
            if size == 192:  # the 512 px ones take seconds; same code, same geometry
                self.assertEqual((ICONS / name).read_bytes(), draw(size, maskable), name)

    def test_content_security_policy_allows_worker_and_manifest_from_the_app_only(self) -> None:
        policy = settings.CONTENT_SECURITY_POLICY
        self.assertIn("worker-src 'self'", policy)
        self.assertIn("manifest-src 'self'", policy)


class ServiceWorkerTests(NearerTestCase):
    def test_its_cache_name_follows_the_files_it_stores(self) -> None:
        from nearer.web import installable

        script = self.client.get("/sw.js").content.decode()
        name = re.search(r'const CACHE = "nearer-static-([0-9a-f]{12})";', script)
        assert name is not None
        installable._worker.cache_clear()
        try:
            with patch.object(installable, "_offline_html", return_value="a new offline page"):
                changed = installable._worker()
        finally:
            installable._worker.cache_clear()
        self.assertNotIn(name.group(1), changed)
        self.assertEqual(self.client.get("/sw.js").content.decode(), script)

    def test_served_from_the_root_as_javascript_and_not_cached_for_long(self) -> None:
        response = self.client.get("/sw.js")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/javascript; charset=utf-8")
        self.assertEqual(response["Cache-Control"], "no-cache")
        self.assertEqual(response["Service-Worker-Allowed"], "/")
        self.assertEqual(self.client.post("/sw.js").status_code, 405)

    def test_it_stores_only_the_offline_page_and_static_files(self) -> None:
        script = self.client.get("/sw.js").content.decode()
        assets = re.search(r"const ASSETS = (\[.*?\]);", script)
        assert assets is not None
        stored = re.findall(r'"([^"]+)"', assets.group(1))
        self.assertIn("/offline/", stored)
        for path in stored:
            self.assertTrue(path == "/offline/" or path.startswith("/static/"), path)
        # The only write to a cache is the install-time list; nothing fetched later is kept,
        # so no app page or API answer (and so no one's data) is ever stored.
        self.assertEqual(script.count("cache.addAll(ASSETS)"), 1)
        self.assertEqual(script.count("caches.open("), 1)
        self.assertNotIn(".put(", script)
        self.assertNotIn("cache.add(", script)
        self.assertIn('request.mode === "navigate"', script)
        self.assertIn("caches.match(OFFLINE)", script)
        self.assertIn("ASSETS.includes(url.pathname)", script)


class OfflinePageTests(NearerTestCase):
    def test_the_same_for_everyone_with_no_names_and_emergency_numbers(self) -> None:
        anonymous = self.client.get("/offline/").content.decode()
        alice = self.client_for(self.alice).get("/offline/").content.decode()
        self.assertEqual(anonymous, alice)
        self.assertIn("You are offline", alice)
        self.assertNotIn("Alice", alice)
        self.assertNotIn("Bob", alice)
        self.assertIn("United States: <strong>911</strong>", alice)
