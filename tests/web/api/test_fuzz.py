"""A schemathesis fuzz of the whole JSON API against its own OpenAPI document.

Every operation gets at most 20 generated requests (deterministic: derandomized, no example
database), sent through the WSGI app with a bearer token of a paired user. The checks: no
5xx, every status is one the document declares for that operation, every body and content
type is the declared one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.hashers import make_password
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from nearer.web.accounts.models import ApiToken, User
from nearer.web.couples.models import Couple
from tests.web.base import PASSWORD

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
]


@functools.cache
def password_hash() -> str:
    return make_password(PASSWORD)


@pytest.fixture
def token(db: Any) -> Iterator[str]:
    couple = Couple.objects.create()
    # One Argon2 hash for every operation's users: hashing is most of the setup time.
    hashed = password_hash()
    fuzz = User.objects.create(
        email="fuzz@example.org", password=hashed, display_name="Fuzz", couple=couple
    )
    User.objects.create(
        email="pair@example.org", password=hashed, display_name="Pair", couple=couple
    )
    # Requests go through the real WSGI handler, which closes the database connection when
    # a request ends; Django's own test client keeps it open so the test's transaction
    # survives (PostgreSQL would otherwise lose it), and so does this.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield ApiToken.issue(fuzz)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Reading the document touches no table, so it can be loaded when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_the_api_keeps_to_its_document(case: Any, token: str) -> None:
    # A fresh token per request: logging out (or changing the password) revokes the one used.
    user = ApiToken.user_for(token)
    fresh = ApiToken.issue(user) if user else token
    case.call_and_validate(headers={"Authorization": f"Bearer {fresh}"}, checks=CHECKS)
