"""Field-by-field differences between versions of an entry, in words.

Labels come from the one declaration of public fields (``register.entries.fields``); values
are shown as a person reads them (dates in words, catalogue names instead of keys), lists as
items added and removed. Used by the moderation page (before → after, or base / live now /
proposed) and by the editor's conflict page (the saved version next to their own input).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import select

from register.entries.fields import PUBLIC_FIELDS, fact_of
from register.entries.labels import long_date, vacancy_label
from register.entries.models import (
    Association,
    FundingRoute,
    Kind,
    QualityMark,
    Requirement,
    TargetGroup,
    VacancyStatus,
)
from register.extensions import db
from register.portal.values import Values, editable_attributes

_CATALOGUE_OF = {
    "kind": Kind,
    "target_groups": TargetGroup,
    "funding_routes": FundingRoute,
    "memberships": Association,
}


def capitalised(text: object) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def field_label(attribute: str) -> str:
    """The public label of one attribute: its own public field, a column of the field it is
    part of (the address), or else its fact's."""
    for public in PUBLIC_FIELDS:
        if public.name == attribute:
            return capitalised(public.label)
        for column in public.csv:
            if column.name == attribute and public.fact == "address":
                return capitalised(str(column.description).split(" (")[0])
    return capitalised(fact_of(attribute).label)


def _names(model: type) -> dict[str, str]:
    return {row.key: row.label for row in db.session.scalars(select(model))}


def _empty() -> str:
    return _("(leeg)")


@dataclass
class Words:
    """Catalogue names, read once per page."""

    names: dict[str, dict[str, str]] = field(default_factory=dict)

    def name(self, model: type, key: str) -> str:
        if model.__name__ not in self.names:
            self.names[model.__name__] = _names(model)
        return self.names[model.__name__].get(key, key)

    def value(self, attribute: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return _empty()
        if isinstance(value, bool):
            return _("Ja") if value else _("Nee")
        if attribute == "vacancy":
            return vacancy_label(VacancyStatus(value))
        if attribute == "collective_share_percent":
            return _("%(share)s%%", share=format_decimal(value, format="#,##0.##"))
        if attribute == "started_on":
            return long_date(date.fromisoformat(value))
        if attribute in _CATALOGUE_OF and isinstance(value, str):
            return self.name(_CATALOGUE_OF[attribute], value)
        if isinstance(value, list):
            return "; ".join(self.items(attribute, value))
        return str(value)

    def items(self, attribute: str, values: list) -> list[str]:
        if attribute == "certifications":
            return [self.certification(item) for item in values]
        return [self.name(_CATALOGUE_OF[attribute], key) for key in values]

    def certification(self, item: dict) -> str:
        parts = [self.name(QualityMark, item["quality_mark"])]
        if item.get("certificate_number"):
            parts.append(_("certificaatnummer %(number)s", number=item["certificate_number"]))
        if item.get("valid_until"):
            parts.append(
                _("geldig tot %(date)s", date=long_date(date.fromisoformat(item["valid_until"])))
            )
        return ", ".join(parts)


@dataclass(frozen=True)
class DiffRow:
    """One differing field. ``versions`` holds the value of each compared version in words;
    for lists, ``added`` and ``removed`` say what the last version adds to / drops from the
    first."""

    fact: str
    label: str
    versions: tuple[str, ...]
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    is_conflict: bool = False  # three-way only: both sides changed it, differently


def _statement_label(words: Words, key: str) -> str:
    return _(
        "Verklaring over eigen regie: %(requirement)s",
        requirement=words.name(Requirement, key),
    )


def diff(*versions: Values) -> list[DiffRow]:
    """Rows for every field where the versions are not all equal, in declaration order.

    With three versions (base, live now, proposed) a row is a conflict when the live entry
    and the proposal both changed it away from the base, to different values.
    """
    words = Words()
    rows: list[DiffRow] = []
    for attribute in editable_attributes():
        values = [version.get(attribute) for version in versions]
        if attribute == "statements":
            rows.extend(_statement_rows(words, values))
            continue
        if all(value == values[0] for value in values):
            continue
        fact = fact_of(attribute).key
        texts = tuple(words.value(attribute, value) for value in values)
        added = removed = ()
        if isinstance(values[0], list) or isinstance(values[-1], list):
            first = words.items(attribute, values[0] or [])
            last = words.items(attribute, values[-1] or [])
            added = tuple(item for item in last if item not in first)
            removed = tuple(item for item in first if item not in last)
        rows.append(
            DiffRow(
                fact,
                field_label(attribute),
                texts,
                added,
                removed,
                _is_conflict(values),
            )
        )
    return rows


def _statement_rows(words: Words, values: list) -> list[DiffRow]:
    texts = [value or {} for value in values]
    keys = [r.key for r in db.session.scalars(select(Requirement).order_by(Requirement.number))]
    rows = []
    for key in keys:
        per_version = [text.get(key, "") for text in texts]
        if all(value == per_version[0] for value in per_version):
            continue
        rows.append(
            DiffRow(
                "statements",
                _statement_label(words, key),
                tuple(value or _empty() for value in per_version),
                is_conflict=_is_conflict(per_version),
            )
        )
    return rows


def _is_conflict(values: list) -> bool:
    if len(values) != 3:
        return False
    base, live, proposed = values
    return live != base and proposed != base and live != proposed
