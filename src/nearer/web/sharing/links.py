"""Making, finding, revoking and logging share links; the pages and the CLI go through here."""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from nearer.core.errors import NearerError
from nearer.web.accounts.models import User
from nearer.web.journal.models import JournalEntry
from nearer.web.sharing.models import (
    LONGEST,
    SHORTEST,
    ShareAccess,
    ShareLink,
    normalise_label,
    token_digest,
)
from nearer.web.sharing.sections import JOURNAL, available_ids


class ShareError(NearerError):
    """A share link could not be made as asked; nothing was saved."""


@dataclass(frozen=True)
class NewLink:
    link: ShareLink
    token: str  # shown once; only its digest is stored


def create_link(
    owner: User,
    label: str,
    sections: list[str],
    hours: int,
    journal_entries: list[str] | None = None,
    together: bool = False,
    now: datetime | None = None,
) -> NewLink:
    label = " ".join(label.split())
    if not label:
        raise ShareError("Give the link a name, such as the therapist's name.")
    lifetime = timedelta(hours=hours)
    if not SHORTEST <= lifetime <= LONGEST:
        raise ShareError("A link lasts from one hour to 30 days. Pick a time in that range.")
    known = available_ids()
    chosen = [s for s in known if s in set(sections)]
    unknown = sorted(set(sections) - set(known))
    if unknown:
        raise ShareError(f"Unknown section {unknown[0]!r}. Pick from the list.")
    entries: list[str] = []
    if journal_entries:
        keys = []
        for raw in journal_entries:
            try:
                keys.append(uuid.UUID(str(raw)))
            except ValueError:
                raise ShareError("One of the ticked journal entries does not exist.") from None
        own = JournalEntry.objects.filter(author=owner, public_id__in=keys)
        if own.count() != len(set(keys)):
            raise ShareError("One of the ticked journal entries does not exist.")
        entries = [str(k) for k in own.order_by("created_at").values_list("public_id", flat=True)]
    if entries and JOURNAL not in chosen:
        chosen.append(JOURNAL)
    if JOURNAL in chosen and not entries:
        chosen.remove(JOURNAL)
    if not chosen:
        raise ShareError("Tick at least one section to share.")
    token = secrets.token_urlsafe(32)
    now = now or timezone.now()
    link = ShareLink.objects.create(
        owner=owner,
        label=label,
        digest=token_digest(token),
        sections=chosen,
        journal_entries=entries,
        together=together,
        created_at=now,
        expires_at=now + lifetime,
    )
    return NewLink(link, token)


def links_for_user(user: User) -> QuerySet[ShareLink]:
    """The user's own links, newest first; a partner's links are never listed."""
    return ShareLink.objects.filter(owner=user).prefetch_related("accesses")


def get_link_for_user(user: User, public_id: object) -> ShareLink:
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        raise Http404("No such link.") from None
    found = links_for_user(user).filter(public_id=key).first()
    if found is None:
        raise Http404("No such link.")
    return found


def revoke(link: ShareLink, now: datetime | None = None) -> None:
    if link.revoked_at is None:
        link.revoked_at = now or timezone.now()
        link.save(update_fields=["revoked_at"])


def open_link(token: str, now: datetime | None = None) -> ShareLink:
    """The link a token opens, or 404 when it is unknown, expired or revoked."""
    found = ShareLink.objects.select_related("owner").filter(digest=token_digest(token)).first()
    if found is None or not found.is_open(now):
        raise Http404("No such report.")
    return found


def partner_link(link: ShareLink, now: datetime | None = None) -> ShareLink | None:
    """The partner's open link for the same label, when both agreed to one report."""
    owner = link.owner
    if not link.together or owner.couple_id is None:
        return None
    partner = owner.partner
    if partner is None:
        return None
    wanted = normalise_label(link.label)
    for other in ShareLink.objects.filter(owner=partner, together=True, revoked_at=None):
        if other.is_open(now) and normalise_label(other.label) == wanted:
            return other
    return None


# --- the access log ---------------------------------------------------------------------

# Order matters: Edge and Opera also say "Chrome", and Chrome also says "Safari".
_BROWSERS = (
    ("Edge", re.compile(r"\bEdg(e|A|iOS)?/")),
    ("Opera", re.compile(r"\bOPR/|\bOpera\b")),
    ("Samsung Internet", re.compile(r"SamsungBrowser/")),
    ("Firefox", re.compile(r"\bFirefox/|\bFxiOS/")),
    ("Chrome", re.compile(r"\b(Headless)?Chrome/|\bCriOS/|\bChromium/")),
    ("Safari", re.compile(r"\bSafari/")),
    ("curl", re.compile(r"^curl/")),
)
_SYSTEMS = (
    ("iOS", re.compile(r"iPhone|iPad|iPod")),
    ("Android", re.compile(r"Android")),
    ("Windows", re.compile(r"Windows")),
    ("macOS", re.compile(r"Macintosh|Mac OS X")),
    ("ChromeOS", re.compile(r"CrOS")),
    ("Linux", re.compile(r"Linux|X11")),
)


def browser_name(user_agent: str) -> str:
    """A coarse name such as "Firefox on Windows"; "Unknown browser" when it cannot tell."""
    browser = next((name for name, rx in _BROWSERS if rx.search(user_agent)), None)
    system = next((name for name, rx in _SYSTEMS if rx.search(user_agent)), None)
    if browser and system:
        return f"{browser} on {system}"
    if browser:
        return browser
    if system:
        return f"A browser on {system}"
    return "Unknown browser"


def log_access(link: ShareLink, user_agent: str, now: datetime | None = None) -> ShareAccess:
    return ShareAccess.objects.create(
        link=link, at=now or timezone.now(), client=browser_name(user_agent)
    )
