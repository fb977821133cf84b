"""The client's address, the one place the app reads it (log-in throttling, django-axes).

It is ``REMOTE_ADDR`` and nothing else: behind a trusted proxy, ``nearer serve`` has waitress
replace ``REMOTE_ADDR`` with the address the proxy reports (``NEARER_BEHIND_PROXY``), and
drops X-Forwarded-For from every other sender. Reading X-Forwarded-For here instead would
let any client choose its own address, since its first entry is whatever the client sent.
"""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """``REMOTE_ADDR`` as an address, or None when it is not one (django-axes then counts
    the account alone)."""
    raw = str(request.META.get("REMOTE_ADDR", "")).strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None
