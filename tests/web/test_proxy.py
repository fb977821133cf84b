"""Behind a reverse proxy: scheme, host and client address come from the trusted proxy only,
HTTPS redirects happen once, and nobody else can claim an address or https.

A tiny reverse proxy on loopback plays Caddy/nginx (docs/deploy.md): it connects to the app
from 127.0.0.2 and adds X-Forwarded-For (appending the peer), -Proto and -Host, as those
do. Test clients connect from other loopback addresses (127.0.0.3, ...) to stand for
different people.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import waitress
from django.test import RequestFactory

from nearer.cli.serve import waitress_options
from nearer.core.errors import SettingsError
from nearer.web import config
from nearer.web.proxy import client_address
from tests.web.live import App, Client, free_port, serve_env

PROXY_ADDRESS = "127.0.0.2"
SITE = "nearer.example.org"


class _Proxy(BaseHTTPRequestHandler):
    upstream: tuple[str, int]
    proto: str

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        earlier = self.headers.get("X-Forwarded-For")
        peer = self.client_address[0]
        # As nginx's $proxy_add_x_forwarded_for and Caddy do: append the peer's address.
        headers["X-Forwarded-For"] = f"{earlier}, {peer}" if earlier else peer
        headers["X-Forwarded-Proto"] = self.proto
        headers["X-Forwarded-Host"] = self.headers.get("Host", "")
        conn = http.client.HTTPConnection(*self.upstream, source_address=(PROXY_ADDRESS, 0))
        conn.request(self.command, self.path, body=body, headers=headers)
        answer = conn.getresponse()
        payload = answer.read()
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in {"connection", "transfer-encoding", "content-length"}:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        conn.close()

    do_GET = do_POST = do_HEAD = _forward

    def log_message(self, format: str, *args: Any) -> None:  # quiet in tests
        pass


@contextmanager
def proxy(upstream: int, proto: str) -> Iterator[str]:
    """A reverse proxy on a free port that tells the app the request came over ``proto``."""
    handler = type("Proxy", (_Proxy,), {"upstream": ("127.0.0.1", upstream), "proto": proto})
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _echo(environ: dict[str, Any], start: Callable[..., Any]) -> list[bytes]:
    """A WSGI app that says what waitress handed it."""
    seen = {
        "address": environ.get("REMOTE_ADDR"),
        "scheme": environ.get("wsgi.url_scheme"),
        "host": environ.get("HTTP_HOST"),
        "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
        "forwarded_proto": environ.get("HTTP_X_FORWARDED_PROTO"),
    }
    start("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(seen).encode()]


@contextmanager
def echo_server(trusted: str | None) -> Iterator[int]:
    """waitress with exactly the options ``nearer serve`` uses, around the echo app."""
    port = free_port()
    server = waitress.create_server(_echo, **waitress_options("127.0.0.1", port, 4, trusted))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        server.close()


def test_the_app_sees_the_client_the_trusted_proxy_reports() -> None:
    with echo_server(PROXY_ADDRESS) as port, proxy(port, "https") as front:
        spoof = {"X-Forwarded-For": "6.6.6.6", "Host": SITE}
        alice = Client(front, spoof, source="127.0.0.3").get("/").json()
        bob = Client(front, {"Host": SITE}, source="127.0.0.4").get("/").json()
    # The client's own X-Forwarded-For entry is ignored: one hop, the proxy's entry counts.
    assert (alice["address"], alice["scheme"], alice["host"]) == ("127.0.0.3", "https", SITE)
    assert bob["address"] == "127.0.0.4"


def test_untrusted_senders_cannot_claim_an_address_or_https() -> None:
    with echo_server(PROXY_ADDRESS) as port:
        forged = {"X-Forwarded-For": "6.6.6.6", "X-Forwarded-Proto": "https", "Host": SITE}
        seen = Client(f"http://127.0.0.1:{port}", forged, source="127.0.0.5").get("/").json()
    assert seen == {
        "address": "127.0.0.5",
        "scheme": "http",
        "host": SITE,
        "forwarded_for": None,
        "forwarded_proto": None,
    }


def test_without_a_proxy_forwarded_headers_change_nothing() -> None:
    with echo_server(None) as port:
        forged = {"X-Forwarded-For": "6.6.6.6", "X-Forwarded-Proto": "https"}
        seen = Client(f"http://127.0.0.1:{port}", forged).get("/").json()
    assert (seen["address"], seen["scheme"]) == ("127.0.0.1", "http")


def test_https_redirects_once_behind_the_proxy_and_never_loop(tmp_path: Path) -> None:
    env = serve_env(
        tmp_path,
        NEARER_HTTPS="1",
        NEARER_BEHIND_PROXY=PROXY_ADDRESS,
        NEARER_ALLOWED_HOSTS=SITE,
    )
    with App(env) as app, proxy(app.port, "https") as tls, proxy(app.port, "http") as plain:
        site = {"Host": SITE}
        # Plain http through the proxy: one redirect, to https on the public name.
        first = Client(plain, site, source="127.0.0.3").get("/accounts/login/")
        assert first.status == 301
        assert first.headers["location"] == f"https://{SITE}/accounts/login/"
        # The same page over https (the proxy terminated TLS): answered, not redirected.
        page = Client(tls, site, source="127.0.0.3").get("/accounts/login/")
        assert page.status == 200
        assert "max-age=31536000" in page.headers["strict-transport-security"]
        assert "Secure" in page.headers.get("set-cookie", "")
        # Someone reaching the app directly cannot claim https with a forged header.
        forged = {**site, "X-Forwarded-Proto": "https"}
        direct = Client(app.url, forged).get("/accounts/login/")
        assert direct.status == 301
        # The load balancer's probe needs neither the host name nor https.
        assert Client(app.url).get("/healthz").status == 200


def test_the_client_address_is_remote_addr_never_a_forwarded_header() -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.3", HTTP_X_FORWARDED_FOR="6.6.6.6, 127.0.0.3"
    )
    assert client_address(request) == "127.0.0.3"


@pytest.mark.parametrize(
    ("raw", "trusted"),
    [("", None), ("0", None), ("1", "127.0.0.1"), ("10.0.0.2", "10.0.0.2"), ("::1", "::1")],
)
def test_behind_proxy_is_a_flag_or_the_proxy_address(raw: str, trusted: str | None) -> None:
    assert config.trusted_proxy({"NEARER_BEHIND_PROXY": raw}) == trusted


def test_a_bad_proxy_setting_says_what_to_set() -> None:
    with pytest.raises(SettingsError) as caught:
        config.trusted_proxy({"NEARER_BEHIND_PROXY": "nginx"})
    assert str(caught.value) == (
        "NEARER_BEHIND_PROXY='nginx' is neither 1/0 nor an IP address. Set it to 1 for a "
        "proxy on this machine, or to the proxy's address, e.g. 10.0.0.2."
    )
