"""An entry's editable facts as plain JSON values: what a revision stores, compares and applies.

Which attributes an editor may change is derived from the one declaration of public facts
(``register.entries.fields.FACTS``): every attribute of a public fact the initiative itself
gives, except the ones that follow from others (municipality, province and coordinates
follow from the place through the gazetteer; ``kind_id`` from the kind). Each attribute has
one codec that reads it from an ``Initiative`` as a JSON value and writes such a value back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, Numeric, select
from sqlalchemy import Enum as EnumType

from register import geo
from register.entries.fields import FACTS_BY_KEY, Fact, fact_of, public_facts
from register.entries.models import (
    Association,
    Certification,
    ClaimStatus,
    FundingRoute,
    Initiative,
    Kind,
    Membership,
    QualityMark,
    Requirement,
    Source,
    Statement,
    TargetGroup,
)
from register.extensions import db

Values = dict[str, Any]

# Attributes that follow from other values instead of being given.
DERIVED = frozenset({"kind_id", "municipality", "province", "latitude", "longitude"})
# Facts of the initiative that are not edited through a revision: withdrawal has its own
# request, and "everything is still correct" is a light change.
NOT_REVISED = frozenset({"status", "last_confirmed_on"})


def editable_facts() -> list[Fact]:
    return [
        fact
        for fact in public_facts()
        if fact.default_source == Source.INITIATIVE and fact.key not in NOT_REVISED
    ]


def editable_attributes() -> list[str]:
    """The attributes a revision carries, in declaration order."""
    return [a for fact in editable_facts() for a in fact.attributes if a not in DERIVED]


# --- codecs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Codec:
    read: Callable[[Initiative], Any]
    write: Callable[[Initiative, Any, date], None]


def _by_keys(model: type, keys: Iterable[str]) -> list:
    keys = list(keys)
    rows = {row.key: row for row in db.session.scalars(select(model).where(model.key.in_(keys)))}
    return [rows[key] for key in keys if key in rows]


def _catalogue_list(attribute: str, model: type) -> Codec:
    def write(initiative: Initiative, keys: list[str], on: date) -> None:
        setattr(initiative, attribute, _by_keys(model, keys))

    return Codec(lambda i: [row.key for row in getattr(i, attribute)], write)


def _write_kind(initiative: Initiative, key: str, on: date) -> None:
    initiative.kind = _by_keys(Kind, [key])[0]


def _read_statements(initiative: Initiative) -> dict[str, str]:
    return {
        s.requirement.key: s.text
        for s in sorted(initiative.statements, key=lambda s: s.requirement.number)
        if s.text.strip()
    }


def _write_statements(initiative: Initiative, texts: dict[str, str], on: date) -> None:
    existing = {s.requirement.key: s for s in initiative.statements}
    for requirement in _by_keys(Requirement, texts):
        statement = existing.pop(requirement.key, None)
        if statement is None:
            initiative.statements.append(
                Statement(requirement=requirement, text=texts[requirement.key], confirmed_on=on)
            )
        elif statement.text != texts[requirement.key]:
            statement.text = texts[requirement.key]
            statement.confirmed_on = on
    for statement in existing.values():
        initiative.statements.remove(statement)


def _self_declared(on: date) -> dict[str, Any]:
    """A claim that is new or changed is the initiative's word until someone checks it."""
    return {
        "status": ClaimStatus.SELF_DECLARED,
        "declared_on": on,
        "verifier": None,
        "verifier_account_id": None,
        "verified_on": None,
    }


def _write_memberships(initiative: Initiative, keys: list[str], on: date) -> None:
    existing = {m.association.key: m for m in initiative.memberships}
    for association in _by_keys(Association, keys):
        if existing.pop(association.key, None) is None:
            initiative.memberships.append(Membership(association=association, **_self_declared(on)))
    for membership in existing.values():
        initiative.memberships.remove(membership)


def certification_value(certification: Certification) -> dict[str, Any]:
    return {
        "quality_mark": certification.quality_mark.key,
        "certificate_number": certification.certificate_number or "",
        "valid_until": _iso(certification.valid_until),
    }


def _write_certifications(initiative: Initiative, items: list[dict], on: date) -> None:
    existing = {c.quality_mark.key: c for c in initiative.certifications}
    wanted = {item["quality_mark"]: item for item in items}
    for mark in _by_keys(QualityMark, wanted):
        item = wanted[mark.key]
        certification = existing.pop(mark.key, None)
        if certification is not None and certification_value(certification) == item:
            continue
        if certification is None:
            certification = Certification(quality_mark=mark)
            initiative.certifications.append(certification)
        certification.certificate_number = item["certificate_number"]
        certification.valid_until = _date(item["valid_until"])
        for name, value in _self_declared(on).items():
            setattr(certification, name, value)
    for certification in existing.values():
        initiative.certifications.remove(certification)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _column(attribute: str) -> Codec:
    """A plain column: dates as ISO strings, enums by value, numbers as float."""
    column_type = Initiative.__table__.c[attribute].type

    def read(initiative: Initiative) -> Any:
        value = getattr(initiative, attribute)
        if value is None:
            return None
        if isinstance(column_type, Date):
            return value.isoformat()
        if isinstance(column_type, EnumType):
            return value.value
        if isinstance(column_type, Numeric):
            return float(value)
        return value

    def write(initiative: Initiative, value: Any, on: date) -> None:
        if value is not None and isinstance(column_type, Date):
            value = date.fromisoformat(value)
        elif value is not None and isinstance(column_type, EnumType):
            value = column_type.enum_class(value)
        setattr(initiative, attribute, value)

    return Codec(read, write)


def _place(initiative: Initiative, name: str, on: date) -> None:
    """The place decides municipality, province and coordinates (the gazetteer's)."""
    place = geo.find_place(name)
    if place is None:
        raise ValueError(f"{name!r} is not in the gazetteer")
    initiative.place = place.name
    initiative.municipality = place.municipality
    initiative.province = place.province
    initiative.latitude = place.latitude
    initiative.longitude = place.longitude


_SPECIAL: dict[str, Codec] = {
    "kind": Codec(lambda i: i.kind.key, _write_kind),
    "place": Codec(lambda i: i.place, _place),
    "target_groups": _catalogue_list("target_groups", TargetGroup),
    "funding_routes": _catalogue_list("funding_routes", FundingRoute),
    "statements": Codec(_read_statements, _write_statements),
    "memberships": Codec(
        lambda i: sorted(m.association.key for m in i.memberships), _write_memberships
    ),
    "certifications": Codec(
        lambda i: sorted(
            (certification_value(c) for c in i.certifications),
            key=lambda item: item["quality_mark"],
        ),
        _write_certifications,
    ),
}


def codec(attribute: str) -> Codec:
    return _SPECIAL.get(attribute) or _column(attribute)


# --- reading, comparing, applying ------------------------------------------------------------


def entry_values(initiative: Initiative) -> Values:
    """The entry's editable facts as JSON values (the shape a revision stores)."""
    return {attribute: codec(attribute).read(initiative) for attribute in editable_attributes()}


def changed_attributes(before: Values, after: Values) -> list[str]:
    return [a for a in editable_attributes() if before.get(a) != after.get(a)]


def changed_facts(before: Values, after: Values) -> list[str]:
    """Fact keys (``FACTS`` order) of the attributes that differ."""
    wanted = {fact_of(a).key for a in changed_attributes(before, after)}
    return [key for key in FACTS_BY_KEY if key in wanted]


def merged(base: Values, live: Values, proposed: Values) -> Values:
    """What approving ``proposed`` gives: the editor's changes (against their base) on top of
    today's entry, so a change made to other facts in the meantime is kept."""
    return {
        a: proposed.get(a) if proposed.get(a) != base.get(a) else live.get(a)
        for a in editable_attributes()
    }


def apply_values(initiative: Initiative, values: Values, on: date) -> list[str]:
    """Write the attributes that differ from the entry; returns them."""
    changed = changed_attributes(entry_values(initiative), values)
    for attribute in changed:
        codec(attribute).write(initiative, values[attribute], on)
    return changed
