// nearer's service worker (served from /sw.js by nearer.web.installable).
// It keeps the offline page and a few static files, and nothing else: app pages and API
// answers always go to the network and are never stored, so no one's check-ins, journal
// or notes are ever kept in the phone's cache. When a page cannot load, it shows the
// offline page instead.
"use strict";
const CACHE = "nearer-static-{{ version }}";
const OFFLINE = "/offline/";
const ASSETS = {{ assets|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("nearer-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    // Pages always come from the network; only a failed load shows the stored offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
    return;
  }
  const url = new URL(request.url);
  if (url.origin === self.location.origin && ASSETS.includes(url.pathname)) {
    // Online, always the current file; the stored copy only when the network fails.
    event.respondWith(fetch(request).catch(() => caches.match(request)));
  }
});
