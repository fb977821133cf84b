"""nearer's knowledge about emotional distance in couples, as checked, typed package data.

    from nearer.core.knowledge import load
    kb = load()
    kb.signs_in("communication"); kb.lookup("stop chasing"); kb.crisis_for("UK")

The facts come from the seed articles (cited by file name in every entry); the words are
nearer's own. docs/knowledge.md describes the files, fields and fixed ids.
"""

from nearer.core.knowledge.base import KnowledgeBase
from nearer.core.knowledge.loader import FILES, load, load_from, parse
from nearer.core.knowledge.records import (
    AUDIENCES,
    CADENCES,
    DOMAIN_IDS,
    FACTOR_KINDS,
    PATTERNS,
    PRACTICES,
    REQUIRED_COUNTRIES,
    REQUIRED_FACTORS,
    REQUIRED_HELP,
    RESOURCE_KINDS,
    SEEDS,
    Contrast,
    Country,
    DetachmentKind,
    Domain,
    Effect,
    Entry,
    Factor,
    Faq,
    HelpOption,
    Myth,
    Resource,
    Sign,
    Strategy,
    Topic,
)

__all__ = [
    "AUDIENCES",
    "CADENCES",
    "DOMAIN_IDS",
    "FACTOR_KINDS",
    "FILES",
    "PATTERNS",
    "PRACTICES",
    "REQUIRED_COUNTRIES",
    "REQUIRED_FACTORS",
    "REQUIRED_HELP",
    "RESOURCE_KINDS",
    "SEEDS",
    "Contrast",
    "Country",
    "DetachmentKind",
    "Domain",
    "Effect",
    "Entry",
    "Factor",
    "Faq",
    "HelpOption",
    "KnowledgeBase",
    "Myth",
    "Resource",
    "Sign",
    "Strategy",
    "Topic",
    "load",
    "load_from",
    "parse",
]
