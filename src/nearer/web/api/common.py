from __future__ import annotations

from nearer.web.access import current_user
from nearer.web.accounts.models import User
from nearer.web.api import schemas

# The same helper the pages use (nearer.web.access.current_user), under the API's old name.
user_of = current_user


def person(user: User) -> schemas.Person:
    return schemas.Person(id=user.public_id, display_name=user.display_name)


def me(user: User) -> schemas.Me:
    partner = user.partner
    return schemas.Me(
        id=user.public_id,
        email=user.email,
        display_name=user.display_name,
        country=user.country,
        time_zone=user.time_zone,
        share_daily_detail=user.share_daily_detail,
        partner=person(partner) if partner else None,
    )
