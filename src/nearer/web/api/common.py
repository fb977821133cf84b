from __future__ import annotations

from django.http import HttpRequest

from nearer.web.accounts.models import User
from nearer.web.api import schemas


def user_of(request: HttpRequest) -> User:
    """The authenticated user (token or session); endpoints all require one."""
    user = getattr(request, "auth", None) or request.user
    assert isinstance(user, User)
    return user


def person(user: User) -> schemas.Person:
    return schemas.Person(id=user.public_id, display_name=user.display_name)


def me(user: User) -> schemas.Me:
    partner = user.partner
    return schemas.Me(
        id=user.public_id,
        email=user.email,
        display_name=user.display_name,
        country=user.country,
        share_daily_detail=user.share_daily_detail,
        partner=person(partner) if partner else None,
    )
