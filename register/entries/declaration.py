"""What a public field declaration is, and small constructors for the common cases.

The declarations themselves are ``register.entries.fields.PUBLIC_FIELDS``; this module
only gives them their shape, so that the list there reads like a table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from register.entries.models import Initiative, Requirement
from register.entries.public_values import iso_date, statement_text

Schema = dict[str, Any]


@dataclass(frozen=True)
class Reading:
    """What a value may depend on besides the initiative: the register's today (a claim
    past its end date reads as expired) and all requirements (loaded once for an export)."""

    today: date
    requirements: Sequence[Requirement]


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Column:
    """A CSV column, made from its field's public (JSON) value."""

    name: str
    description: object  # a lazy string, shown on the open-data page
    value: Callable[[Any], Any] = _same


@dataclass(frozen=True)
class SearchText:
    """A text field of the search index and its weight in the ranking."""

    name: str
    boost: float
    text: Callable[[Initiative], str]


@dataclass(frozen=True)
class PublicField:
    """One key of the public record and everything derived from it."""

    name: str  # the key in the public record (API, open-data JSON)
    label: object  # a lazy string, lower case like Fact labels
    fact: str | None  # the Fact it belongs to; None for what the register adds itself
    value: Callable[[Initiative, Reading], Any]  # a JSON-ready value
    schema: Callable[[], Schema]  # a function: enumerations are read from the database
    csv: tuple[Column, ...] = ()
    # One more column per requirement, after all fixed columns (so those keep their place).
    csv_per_requirement: Callable[[Requirement], Column] | None = None
    search: tuple[SearchText, ...] = ()
    component: str | None = None  # OpenAPI component name of a nested object (or its items)


def attribute(name: str) -> Callable[[Initiative, Reading], Any]:
    return lambda initiative, reading: getattr(initiative, name)


def date_attribute(name: str) -> Callable[[Initiative, Reading], str | None]:
    return lambda initiative, reading: iso_date(getattr(initiative, name))


def keys_of(name: str) -> Callable[[Initiative, Reading], list[str]]:
    """The catalogue keys of a list of catalogue rows (target groups, funding routes)."""
    return lambda initiative, reading: [row.key for row in getattr(initiative, name)]


def text_of(name: str) -> Callable[[Initiative], str]:
    return lambda initiative: getattr(initiative, name)


def fixed(schema: Schema) -> Callable[[], Schema]:
    return lambda: schema


def plain(
    name: str,
    label: object,
    fact: str | None,
    schema: Schema | Callable[[], Schema],
    csv_description: object,
    *,
    value: Callable[[Initiative, Reading], Any] | None = None,
    boost: float | None = None,
) -> PublicField:
    """A field that is one attribute of the initiative (unless ``value`` says otherwise), one
    CSV column of the same name and, with a ``boost``, one search field of that name."""
    return PublicField(
        name,
        label,
        fact,
        value or attribute(name),
        schema if callable(schema) else fixed(schema),
        csv=(Column(name, csv_description),),
        search=(SearchText(name, boost, text_of(name)),) if boost is not None else (),
    )


def joined(values: Sequence[str]) -> str:
    return ";".join(values)


def claims_cell(key: str) -> Callable[[list[dict[str, Any]]], str]:
    """Memberships or certifications in one cell: key:status[:valid_until];…"""

    def render(claims: list[dict[str, Any]]) -> str:
        parts = []
        for claim in claims:
            cells = [claim[key], claim["status"]]
            if claim["valid_until"]:
                cells.append(claim["valid_until"])
            parts.append(":".join(cells))
        return joined(parts)

    return render


def statement_column(requirement: Requirement) -> Column:
    return Column(
        f"statement_{requirement.key}",
        _l(
            "Hoe het initiatief voldoet aan eis %(number)s, %(name)s (leeg: geen verklaring)",
            number=requirement.number,
            name=requirement.label,
        ),
        statement_text(requirement.key),
    )


def visits_cell(visits: list[dict]) -> str:
    return joined([f"{v['visited_on']}:{v['body']}:{v['type']}" for v in visits])


def described(schema: dict, description: str) -> dict:
    return {**schema, "description": description}
