"""Staying safer when a partner is dangerous: nearer's short guide to safety planning.

Written in nearer's own words after published domestic-abuse safety-planning guides, which
it cites (``SOURCES``) and does not copy: the US National Domestic Violence Hotline's
"Safety Planning" guide and its "Leaving safely" advice (thehotline.org), Women's Aid
England's "The Survivor's Handbook" (womensaid.org.uk), and Foyle Women's Aid's "Safety
planning" page (foylewomensaid.org). The guide never tells anyone to stay or to leave: a
domestic-abuse service helps each person weigh that, and leaving can be a time of higher
danger, which every one of these guides says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

TITLE: Final = "Staying safer when a partner is dangerous"
INTRO: Final = (
    "A safety plan is a set of small, practical decisions made ahead of time, so that in a "
    "frightening moment you already know what you would do. It is yours: you can make one "
    "whether you stay, want to leave, or have not decided. A domestic-abuse service can "
    "make one with you, in confidence, and knows what works where you live."
)


@dataclass(frozen=True)
class GuidePart:
    title: str
    points: tuple[str, ...]


PARTS: Final[tuple[GuidePart, ...]] = (
    GuidePart(
        "In an emergency",
        (
            "If you are in danger now, call the emergency number. If speaking is not safe, "
            "many services let you stay silent on the line or send a text.",
            "Hands or anything on your neck is an emergency even without marks: see a doctor "
            "the same day.",
            "In an argument, try to stay near a way out and away from rooms with hard "
            "surfaces or things that could be used to hurt you.",
        ),
    ),
    GuidePart(
        "People who can help",
        (
            "Choose one or two people you trust and agree a code word or a message that "
            "means: call for help, or come and get me.",
            "If you have children, teach them how and when to call the emergency number, and "
            "a safe place to go in the home or next door.",
            "A neighbour you trust can be asked to call the police if they hear shouting or "
            "something breaking.",
        ),
    ),
    GuidePart(
        "If you might need to leave quickly",
        (
            "Think about where you could go, even for one night: a friend, family, or a "
            "refuge that a domestic-abuse service can find for you.",
            "Keep a few essentials somewhere safe, or with someone you trust: ID, bank cards, "
            "medicines, a phone charger, spare keys and a little money.",
            "Planning to leave, and the weeks after, can be the most dangerous time. Talk it "
            "through with a domestic-abuse service first if you can.",
        ),
    ),
    GuidePart(
        "Phones, computers and accounts",
        (
            "A partner may be able to read this device, your messages or your location. Use "
            "a phone or computer they cannot check to look for help.",
            "Quick exit leaves nearer at once and takes this page out of the back button, "
            "but earlier pages may still be in the browser history: a private window leaves "
            "less behind.",
            "Changing passwords or turning off location sharing can be noticed. Weigh what "
            "is safer for you, ideally with an advisor.",
        ),
    ),
    GuidePart(
        "Looking after yourself",
        (
            "What is happening is not your fault, and you do not have to fix it by being a "
            "better partner. Couple exercises are not safe while one person fears the other.",
            "Write down what happened and when, if you can keep it somewhere safe: it can "
            "help later, with a doctor, the police or a court.",
        ),
    ),
)

SOURCES: Final[tuple[tuple[str, str], ...]] = (
    (
        "National Domestic Violence Hotline (US): Safety Planning guide and Leaving Safely",
        "https://www.thehotline.org/plan-for-safety/",
    ),
    (
        "Women's Aid (England): The Survivor's Handbook",
        "https://www.womensaid.org.uk/information-support/the-survivors-handbook/",
    ),
    ("Foyle Women's Aid: Safety planning", "https://foylewomensaid.org/safety-planning/"),
)


def all_texts() -> list[str]:
    """Every sentence of the guide (the wording tests read them)."""
    return [TITLE, INTRO, *(p.title for p in PARTS), *(x for p in PARTS for x in p.points)]
