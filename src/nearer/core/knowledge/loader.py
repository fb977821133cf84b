"""Read the TOML files, check them against the schema and each other, build the base.

``parse`` takes the files' texts (habit 1: callers open files); ``load_from`` reads a
folder; ``load`` reads the packaged data once per process. Anything wrong raises a
``KnowledgeError`` naming the file, the entry id and the field.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from nearer.core.errors import KnowledgeError
from nearer.core.knowledge.base import TOPICS, KnowledgeBase, normalise
from nearer.core.knowledge.records import (
    AUDIENCES,
    CADENCES,
    CIRCUMSTANCES,
    DOMAIN_IDS,
    FACTOR_KINDS,
    FALLBACK_COUNTRY,
    OWNERS,
    PATTERNS,
    PRACTICES,
    REQUIRED_COUNTRIES,
    REQUIRED_FACTORS,
    REQUIRED_HELP,
    RESOURCE_KINDS,
    Contrast,
    Country,
    DetachmentKind,
    Domain,
    Effect,
    Factor,
    Faq,
    HelpOption,
    Myth,
    Resource,
    Sign,
    Strategy,
)
from nearer.core.knowledge.schema import Table, file_error

FILES: tuple[str, ...] = (
    "domains.toml",
    "signs.toml",
    "factors.toml",
    "effects.toml",
    "detachment.toml",
    "myths.toml",
    "faq.toml",
    "strategies.toml",
    "help.toml",
    "crisis.toml",
)

# The longest single session a strategy may ask for; a longer one is a typo (minutes vs
# hours) rather than a practice a distant couple can keep up.
MAX_MINUTES = 180

T = TypeVar("T")


def _array(file: str, doc: Mapping[str, Any], key: str) -> list[Any]:
    extra = sorted(set(doc) - {key})
    if extra:
        raise file_error(
            file,
            f"has an unexpected top-level key {extra[0]!r}",
            f"Only [[{key}]] tables belong in this file",
        )
    value = doc.get(key)
    if not isinstance(value, list) or not value:
        raise file_error(file, f"has no [[{key}]] tables", f"Add at least one [[{key}]] table")
    return value


def _read_all(file: str, doc: Mapping[str, Any], key: str, build: Callable[[Table], T]) -> list[T]:
    items: list[T] = []
    seen: set[str] = set()
    for position, raw in enumerate(_array(file, doc, key), start=1):
        table = Table(file, key, raw, position)
        item = build(table)
        table.done()
        item_id = str(getattr(item, "id", None) or getattr(item, "code", ""))
        if item_id in seen:
            raise table.error("id", f'"{item_id}" is used twice in this file', "Give it a new id")
        seen.add(item_id)
        items.append(item)
    return items


def _domain(t: Table) -> Domain:
    return Domain(
        id=t.choice("id", DOMAIN_IDS), name=t.text("name"), description=t.text("description")
    )


def _sign(t: Table) -> Sign:
    return Sign(
        id=t.ident(),
        name=t.text("name"),
        domain=t.choice("domain", DOMAIN_IDS),
        description=t.text("description"),
        self_view=t.text("self_view"),
        partner_view=t.text("partner_view"),
        sources=t.sources(),
    )


def _factor(t: Table) -> Factor:
    # ``professional`` names help ids; they are resolved once help.toml is read.
    professional = t.texts("professional", at_least=0)
    return Factor(
        id=t.ident(),
        name=t.text("name"),
        kind=t.choice("kind", FACTOR_KINDS),
        description=t.text("description"),
        how_it_shows=t.text("how_it_shows"),
        what_helps=t.text("what_helps"),
        professional=professional,
        sources=t.sources(),
    )


def _effect(t: Table) -> Effect:
    return Effect(
        id=t.ident(), name=t.text("name"), description=t.text("description"), sources=t.sources()
    )


def _myth(t: Table) -> Myth:
    return Myth(id=t.ident(), myth=t.text("myth"), fact=t.text("fact"), sources=t.sources())


def _faq(t: Table) -> Faq:
    return Faq(
        id=t.ident(), question=t.text("question"), answer=t.text("answer"), sources=t.sources()
    )


def _strategy_builder(factor_ids: set[str]) -> Callable[[Table], Strategy]:
    def build(t: Table) -> Strategy:
        strategy = Strategy(
            id=t.ident(),
            name=t.text("name"),
            audience=t.choice("for", AUDIENCES),
            summary=t.text("summary"),
            practice=t.choice("practice", PRACTICES),
            fits_factors=t.choices("fits_factors", factor_ids),
            fits_patterns=t.choices("fits_patterns", PATTERNS),
            avoid_patterns=t.choices("avoid_patterns", PATTERNS),
            avoid_factors=t.choices("avoid_factors", factor_ids),
            steps=t.texts("steps", at_least=2),
            minutes=t.integer("minutes", 1, MAX_MINUTES),
            cadence=t.choice("cadence", CADENCES),
            gives_space=t.flag("gives_space"),
            unsafe_note=t.optional_text("unsafe_note"),
            sources=t.sources(),
            fits_circumstances=t.choices("fits_circumstances", CIRCUMSTANCES),
            only_when=t.choices("only_when", CIRCUMSTANCES),
            avoid_circumstances=t.choices("avoid_circumstances", CIRCUMSTANCES),
            owner=t.choice("owner", OWNERS) if "owner" in t.data else "either",
            accommodates=t.flag("accommodates"),
        )
        # Each strategy says when it must not be offered, even if the answer is "never":
        # both avoid lists are written out (an empty list is a decision, not an omission).
        for key in ("avoid_patterns", "avoid_circumstances"):
            if key not in t.data:
                raise t.error(
                    key,
                    "is missing",
                    f"Say when this strategy must not be offered: {key} = [...] "
                    "(an empty list if never)",
                )
        fit_lists = (
            strategy.fits_factors,
            strategy.fits_patterns,
            strategy.fits_circumstances,
            strategy.only_when,
        )
        if not any(fit_lists) and strategy.id != "reach_safety_support":
            raise t.error(
                "fits_factors",
                "no factor, pattern or circumstance says when it fits",
                "Add fits_factors, fits_patterns, fits_circumstances or only_when",
            )
        clash = set(strategy.avoid_circumstances) & {
            *strategy.fits_circumstances,
            *strategy.only_when,
        }
        if clash:
            raise t.error(
                "avoid_circumstances",
                f'"{sorted(clash)[0]}" is also where it fits',
                "A circumstance is either fitting or to avoid, not both",
            )
        if strategy.accommodates and "partner_harm" not in strategy.avoid_patterns:
            raise t.error(
                "avoid_patterns",
                'lacks "partner_harm" although this strategy accommodates the partner',
                'Add "partner_harm" to avoid_patterns and write an unsafe_note',
            )
        joint_help = strategy.practice == "professional" and strategy.audience == "both"
        if joint_help and "partner_refuses_help" not in strategy.avoid_circumstances:
            raise t.error(
                "avoid_circumstances",
                'lacks "partner_refuses_help" although this is help taken together',
                'Add "partner_refuses_help" to avoid_circumstances',
            )
        both = set(strategy.fits_patterns) & set(strategy.avoid_patterns)
        if both:
            raise t.error(
                "avoid_patterns",
                f'"{sorted(both)[0]}" is also in fits_patterns',
                "A pattern is either fitting or to avoid, not both",
            )
        both_f = set(strategy.fits_factors) & set(strategy.avoid_factors)
        if both_f:
            raise t.error(
                "avoid_factors",
                f'"{sorted(both_f)[0]}" is also in fits_factors',
                "A factor is either fitting or to avoid, not both",
            )
        # The safety rule: stepping back, giving space, stopping pursuit and exercises done
        # together are never offered to someone who may be unsafe with their partner.
        risky = strategy.gives_space or strategy.audience == "both"
        if risky and "safety_concern" not in strategy.avoid_patterns:
            why = "asks a partner to step back" if strategy.gives_space else "is done together"
            raise t.error(
                "avoid_patterns",
                f'lacks "safety_concern" although this strategy {why}',
                'Add "safety_concern" to avoid_patterns and write an unsafe_note',
            )
        held_back = {"safety_concern", "partner_harm"} & set(strategy.avoid_patterns)
        if held_back and strategy.unsafe_note is None:
            raise t.error(
                "unsafe_note",
                f"is missing although {sorted(held_back)[0]} is avoided",
                "Say what to do instead when someone may be unsafe",
            )
        return strategy

    return build


def _help_builder(factor_ids: set[str]) -> Callable[[Table], HelpOption]:
    def build(t: Table) -> HelpOption:
        return HelpOption(
            id=t.ident(),
            name=t.text("name"),
            what=t.text("what"),
            when=t.texts("when"),
            factors=t.choices("factors", factor_ids),
            sources=t.sources(),
        )

    return build


def _resource(file: str, code: str, raw: Any, position: int) -> Resource:
    t = Table(file, f"country {code} resource", raw, position, id_key="name")
    resource = Resource(
        name=t.text("name"),
        kind=t.choice("kind", RESOURCE_KINDS),
        contact=t.text("contact"),
        hours=t.text("hours"),
        last_checked=t.date("last_checked"),
        checked_against=t.text("checked_against"),
    )
    t.done()
    return resource


def _country(t: Table) -> Country:
    code = t.text("code")
    if not (code == FALLBACK_COUNTRY or (len(code) == 2 and code.isalpha() and code.isupper())):
        raise t.error(
            "code",
            f"{code!r} is not an ISO 3166 alpha-2 code",
            f'Use two capital letters, or "{FALLBACK_COUNTRY}"',
        )
    t.label = code
    country = Country(
        code=code,
        name=t.text("name"),
        emergency=t.text("emergency"),
        aliases=t.texts("aliases", at_least=0) if "aliases" in t.data else (),
        last_checked=t.date("last_checked"),
        resources=tuple(
            _resource(t.file, code, raw, i) for i, raw in enumerate(t.tables("resource"), 1)
        ),
    )
    kinds = {r.kind for r in country.resources}
    if not kinds & {"crisis", "suicide"}:
        raise t.error(
            "resource", "has no crisis or suicide line", "Add one, or a directory of them"
        )
    if "domestic_violence" not in kinds:
        raise t.error("resource", "has no domestic violence or abuse line", "Add one")
    return country


def _detachment(file: str, doc: Mapping[str, Any]) -> tuple[list[DetachmentKind], list[Contrast]]:
    extra = sorted(set(doc) - {"healthy", "unhealthy", "contrast"})
    if extra:
        raise file_error(
            file,
            f"has an unexpected top-level key {extra[0]!r}",
            "Only [healthy], [unhealthy] and [[contrast]] belong here",
        )
    kinds = []
    for key in ("healthy", "unhealthy"):
        if key not in doc:
            raise file_error(file, f"has no [{key}] table", f"Add [{key}] with summary and markers")
        t = Table(file, "section", doc[key], 1)
        t.label = key
        kinds.append(
            DetachmentKind(
                id=key,
                name=t.text("name"),
                summary=t.text("summary"),
                markers=t.texts("markers", at_least=3),
                sources=t.sources(),
            )
        )
        t.done()
    contrasts = []
    for position, raw in enumerate(_array(file, {"contrast": doc.get("contrast")}, "contrast"), 1):
        t = Table(file, "contrast", raw, position, id_key="aspect")
        contrasts.append(
            Contrast(
                aspect=t.text("aspect"), healthy=t.text("healthy"), unhealthy=t.text("unhealthy")
            )
        )
        t.done()
    return kinds, contrasts


def _missing(file: str, kind: str, have: set[str], required: tuple[str, ...]) -> None:
    lacking = [r for r in required if r not in have]
    if lacking:
        raise file_error(
            file,
            f'has no {kind} with the fixed id "{lacking[0]}"',
            "Other modules rely on it; add it back",
        )


def _unique_ids(kb: KnowledgeBase) -> None:
    """Every entry id must be unique across topics (case-folded) and differ from topic ids,
    so that ``lookup`` by id is never ambiguous."""
    seen: dict[str, str] = {normalise(t): "a topic name" for t in TOPICS}
    for entry in kb.entries():
        key = normalise(entry.id)
        if key in seen:
            raise KnowledgeError(
                f'Knowledge entry id "{entry.id}" ({entry.topic}) clashes with {seen[key]}. '
                "Rename one of them so lookups stay unambiguous."
            )
        seen[key] = f"an entry in {entry.topic}"


def _toml(name: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise file_error(name, f"is not valid TOML ({exc})", "Fix the syntax there") from exc


def parse(texts: Mapping[str, str]) -> KnowledgeBase:
    """Build a checked ``KnowledgeBase`` from the text of every file in ``FILES``."""
    missing = [name for name in FILES if name not in texts]
    if missing:
        raise file_error(missing[0], "is missing", "Restore it from the nearer package")
    docs = {name: _toml(name, texts[name]) for name in FILES}

    domains = _read_all("domains.toml", docs["domains.toml"], "domain", _domain)
    _missing("domains.toml", "domain", {d.id for d in domains}, DOMAIN_IDS)
    signs = _read_all("signs.toml", docs["signs.toml"], "sign", _sign)
    factors = _read_all("factors.toml", docs["factors.toml"], "factor", _factor)
    factor_ids = {f.id for f in factors}
    _missing("factors.toml", "factor", factor_ids, REQUIRED_FACTORS)
    effects = _read_all("effects.toml", docs["effects.toml"], "effect", _effect)
    kinds, contrasts = _detachment("detachment.toml", docs["detachment.toml"])
    myths = _read_all("myths.toml", docs["myths.toml"], "myth", _myth)
    faq = _read_all("faq.toml", docs["faq.toml"], "faq", _faq)
    strategies = _read_all(
        "strategies.toml", docs["strategies.toml"], "strategy", _strategy_builder(factor_ids)
    )
    help_options = _read_all("help.toml", docs["help.toml"], "help", _help_builder(factor_ids))
    help_ids = {h.id for h in help_options}
    _missing("help.toml", "kind of help", help_ids, REQUIRED_HELP)
    for position, factor in enumerate(factors, start=1):
        unknown = [p for p in factor.professional if p not in help_ids]
        if unknown:
            raise Table("factors.toml", "factor", {"id": factor.id}, position).error(
                "professional",
                f'"{unknown[0]}" is not a help id in help.toml',
                f"Use one of: {', '.join(sorted(help_ids))}",
            )
    crisis = _read_all("crisis.toml", docs["crisis.toml"], "country", _country)
    codes = {c.code for c in crisis}
    _missing("crisis.toml", "country", codes, REQUIRED_COUNTRIES)
    names: dict[str, str] = {}
    for country in crisis:
        for key in (country.code, country.name, *country.aliases):
            other = names.setdefault(normalise(key), country.code)
            if other != country.code:
                raise file_error(
                    "crisis.toml",
                    f'"{key}" names both {other} and {country.code}',
                    "Keep each code, name and alias unique",
                )

    kb = KnowledgeBase(
        domains=domains,
        signs=signs,
        factors=factors,
        effects=effects,
        detachment=kinds,
        contrasts=contrasts,
        myths=myths,
        faq=faq,
        strategies=strategies,
        help=help_options,
        crisis=crisis,
    )
    _unique_ids(kb)
    return kb


def load_from(directory: Path | Traversable | str) -> KnowledgeBase:
    """Read and check every knowledge file in ``directory`` (a folder or package resource)."""
    folder: Path | Traversable = Path(directory) if isinstance(directory, str) else directory
    texts: dict[str, str] = {}
    for name in FILES:
        file = folder / name
        if not file.is_file():
            raise file_error(
                name, f"is missing from {folder}", "Restore it from the nearer package"
            )
        try:
            texts[name] = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise file_error(name, "is not UTF-8 text", "Save it as UTF-8") from exc
    return parse(texts)


@functools.cache
def load() -> KnowledgeBase:
    """The packaged knowledge base, read and checked once per process."""
    return load_from(resources.files("nearer.core.knowledge") / "data")
