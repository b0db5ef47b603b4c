"""The public facts of an entry, declared once.

Each ``Fact`` is a group of public fields that is given, changed, confirmed and shown
together. The change log names facts (``ChangeLogEntry.fields``), the public history labels
them from here, and per-fact provenance (``FactProvenance``) is kept for each of them.
A model column or relationship that belongs to no fact is not public.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from register.entries.models import Source


@dataclass(frozen=True)
class Fact:
    key: str
    label: object  # a lazy string: lower case, used inside sentences ("Gewijzigd: naam")
    attributes: tuple[str, ...]  # Initiative attributes (columns or relationships)
    default_source: Source = Source.INITIATIVE


FACTS: tuple[Fact, ...] = (
    Fact("name", _l("naam"), ("name",)),
    Fact("slug", _l("webadres"), ("slug",), Source.REGISTER),
    Fact("kind", _l("soort initiatief"), ("kind", "kind_id")),
    Fact("description", _l("beschrijving"), ("description",)),
    Fact("started_on", _l("startdatum"), ("started_on",)),
    Fact("capacity", _l("aantal plaatsen"), ("capacity",)),
    Fact("vacancy", _l("beschikbare plaatsen"), ("vacancy",)),
    Fact(
        "collective_budget",
        _l("gezamenlijk besteed budget"),
        ("collective_budget", "collective_share_percent"),
    ),
    Fact(
        "registration",
        _l("inschrijfnummers (KvK, vestiging, AGB)"),
        ("kvk_number", "location_number", "agb_code"),
    ),
    Fact(
        "address",
        _l("adres"),
        (
            "street",
            "house_number",
            "postcode",
            "place",
            "municipality",
            "province",
            "latitude",
            "longitude",
        ),
    ),
    Fact("contact", _l("contactgegevens"), ("website", "email", "phone")),
    Fact("target_groups", _l("doelgroepen"), ("target_groups",)),
    Fact("funding_routes", _l("financiering"), ("funding_routes",)),
    Fact("statements", _l("verklaringen over eigen regie"), ("statements",)),
    Fact("memberships", _l("lidmaatschappen"), ("memberships",)),
    Fact("certifications", _l("keurmerken"), ("certifications",)),
    Fact("visits", _l("bezoeken"), ("visits",), Source.INSPECTORATE),
    Fact("status", _l("opname in het register"), ("status", "withdrawn_on")),
    Fact("last_confirmed_on", _l("bevestiging van de gegevens"), ("last_confirmed_on",)),
)

FACTS_BY_KEY: dict[str, Fact] = {fact.key: fact for fact in FACTS}

# Older change-log entries named columns or former groups; they map onto a fact.
_FACT_OF_NAME: dict[str, str] = {
    **{attribute: fact.key for fact in FACTS for attribute in fact.attributes},
    **{fact.key: fact.key for fact in FACTS},
    "quality_marks": "certifications",
}


def fact_of(name: str) -> Fact | None:
    """The fact a field or fact name belongs to; None for anything not public."""
    key = _FACT_OF_NAME.get(name)
    return FACTS_BY_KEY[key] if key else None


def facts_for(names: Iterable[str]) -> list[str]:
    """Fact keys for changed attribute or fact names, in declaration order, unknown ones
    dropped (a change to something not public names no fact)."""
    wanted = {fact.key for name in names if (fact := fact_of(name)) is not None}
    return [fact.key for fact in FACTS if fact.key in wanted]
