"""Which country's help lines a new person starts with, and why.

Never silently the first country in the list: the default is ``NEARER_DEFAULT_COUNTRY``
when whoever runs this nearer set it, else the region of the browser's preferred language
(``Accept-Language: en-GB`` -> GB) when nearer has lines for it, else none, and the person
chooses. Either way the sign-up form shows the choice and the person confirms it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from nearer.web.support import countries


@dataclass(frozen=True)
class CountryGuess:
    code: str | None
    source: str  # "setting", "browser" or "none"

    @property
    def name(self) -> str:
        return dict(countries()).get(self.code or "", "")


def browser_regions(header: str) -> list[str]:
    """Regions of an Accept-Language header, most preferred first (``en-GB;q=0.8``)."""
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        pieces = tag.strip().replace("_", "-").split("-")
        # The region is the two-letter subtag after the language (en-GB, zh-Hant-SG).
        region = next((p for p in pieces[1:] if len(p) == 2 and p.isalpha()), None)
        if region and quality > 0:
            ranked.append((-quality, n, region.upper()))
    return [region for _, _, region in sorted(ranked)]


def guess_country(request: HttpRequest) -> CountryGuess:
    known = {code for code, _ in countries()}
    configured = settings.CONFIGURED_COUNTRY
    if configured and configured in known:
        return CountryGuess(configured, "setting")
    for region in browser_regions(str(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))):
        if region in known:
            return CountryGuess(region, "browser")
    return CountryGuess(None, "none")


def country_hint(guess: CountryGuess) -> str:
    """The sentence under the sign-up field that says where the choice came from."""
    if guess.source == "setting":
        return (
            f"Set to {guess.name} by whoever runs this nearer. Check it is where you live: "
            "nearer shows crisis and safety lines for this country."
        )
    if guess.source == "browser":
        return (
            f"Picked from your browser's language: {guess.name}. Check it is where you live: "
            "nearer shows crisis and safety lines for this country."
        )
    return "Choose where you live, so nearer shows crisis and safety lines that work there."
