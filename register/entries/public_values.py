"""JSON-ready values and their JSON Schemas, for the public field declarations in fields.py.

The nested objects of the public record (kind, address, statement, membership,
certification, visit, provenance) are built here, each next to its schema, so a key is
added to both or to neither. Schemas are functions: enumerations of catalogue keys are read
from the database, so they stay true to the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from register.entries import rules
from register.entries.models import (
    Association,
    Certification,
    ClaimStatus,
    Initiative,
    Kind,
    Membership,
    QualityMark,
    Requirement,
    Source,
    Statement,
    Visit,
    VisitBody,
    VisitType,
)
from register.extensions import db

if TYPE_CHECKING:
    from register.entries.fields import Fact


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def iso_datetime(value: datetime | None) -> str | None:
    """ISO 8601 with offset; SQLite hands back naive values, which are stored as UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


def both_languages(rows) -> str:
    """Catalogue names in Dutch and English, for the search index."""
    return " ".join(f"{row.name_nl} {row.name_en}" for row in rows)


STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
DATE = {"type": ["string", "null"], "format": "date"}
URL = {"type": "string", "format": "uri"}
NULLABLE_URL = {"type": ["string", "null"], "format": "uri"}


def json_object(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """A closed object: an undocumented key in a response is an error, not an extension."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def catalogue_keys(model: type) -> list[str]:
    return list(db.session.scalars(select(model.key).order_by(model.position)))


def enum_values(enum_cls) -> list[str]:
    return [member.value for member in enum_cls]


def key_enum(model: type) -> dict[str, Any]:
    return {"type": "string", "enum": catalogue_keys(model)}


def keys_array(model: type) -> dict[str, Any]:
    return {"type": "array", "items": key_enum(model)}


def array_of(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": schema}


_CATALOGUE_NAME = {"name_nl": STRING, "name_en": STRING}


def kind_value(kind: Kind) -> dict[str, Any]:
    return {"key": kind.key, "name_nl": kind.name_nl, "name_en": kind.name_en}


def kind_schema() -> dict[str, Any]:
    return json_object({"key": key_enum(Kind), **_CATALOGUE_NAME})


def address_schema() -> dict[str, Any]:
    return json_object(
        {
            "street": STRING,
            "house_number": STRING,
            "postcode": {"type": "string", "pattern": "^[1-9][0-9]{3} [A-Z]{2}$"},
            "place": STRING,
            "municipality": STRING,
            "province": STRING,
            "latitude": {"type": "number"},
            "longitude": {"type": "number"},
        }
    )


def statement_value(statement: Statement, initiative: Initiative) -> dict[str, Any]:
    requirement = statement.requirement
    return {
        "requirement": requirement.key,
        "number": requirement.number,
        "text": statement.text,
        "status": rules.requirement_status(initiative, requirement, statement).value,
        "confirmed_on": iso_date(statement.confirmed_on),
    }


def statement_schema() -> dict[str, Any]:
    return json_object(
        {
            "requirement": key_enum(Requirement),
            "number": {"type": "integer", "minimum": 1},
            "text": STRING,
            "status": {
                "type": "string",
                "enum": enum_values(rules.RequirementStatus),
                "description": "stated; missing (the text is blank); not_applicable (a "
                "requirement about the personal budget, pgb, while the initiative has no pgb "
                "funding route: the text says nothing about this initiative).",
            },
            "confirmed_on": DATE,
        }
    )


def statements_value(initiative: Initiative) -> list[dict[str, Any]]:
    ordered = sorted(initiative.statements, key=lambda s: s.requirement.number)
    return [statement_value(statement, initiative) for statement in ordered]


def statement_text(key: str):
    """The text of the statement on one requirement in a list of statements ('' if none)."""
    return lambda statements: next((s["text"] for s in statements if s["requirement"] == key), "")


def statements_text(initiative: Initiative) -> str:
    return " ".join(statement.text for statement in initiative.statements if statement.text)


def _claim_value(claim: Membership | Certification, today: date) -> dict[str, Any]:
    """What memberships and certifications share: the claim and who checked it when."""
    return {
        "status": claim.effective_status(today).value,
        "declared_on": iso_date(claim.declared_on),
        "verified_by": claim.verified_by,
        "verified_on": iso_date(claim.verified_on),
        "valid_until": iso_date(claim.valid_until),
    }


def _claim_schema() -> dict[str, Any]:
    return {
        "status": {
            "type": "string",
            "enum": enum_values(ClaimStatus),
            "description": "Effective status today: a verified claim past valid_until is expired.",
        },
        "declared_on": DATE,
        "verified_by": STRING,
        "verified_on": DATE,
        "valid_until": DATE,
    }


def membership_value(membership: Membership, today: date) -> dict[str, Any]:
    association = membership.association
    return {
        "association": association.key,
        "name_nl": association.name_nl,
        "name_en": association.name_en,
        **_claim_value(membership, today),
    }


def membership_schema() -> dict[str, Any]:
    return json_object(
        {
            "association": key_enum(Association),
            **_CATALOGUE_NAME,
            **_claim_schema(),
        }
    )


def memberships_value(initiative: Initiative, today: date) -> list[dict[str, Any]]:
    ordered = sorted(initiative.memberships, key=lambda m: m.association.position)
    return [membership_value(membership, today) for membership in ordered]


def certification_value(certification: Certification, today: date) -> dict[str, Any]:
    mark = certification.quality_mark
    return {
        "quality_mark": mark.key,
        "name_nl": mark.name_nl,
        "name_en": mark.name_en,
        "issuer": mark.issuer,
        "certificate_number": certification.certificate_number,
        **_claim_value(certification, today),
    }


def certification_schema() -> dict[str, Any]:
    return json_object(
        {
            "quality_mark": key_enum(QualityMark),
            **_CATALOGUE_NAME,
            "issuer": STRING,
            "certificate_number": STRING,
            **_claim_schema(),
        }
    )


def certifications_value(initiative: Initiative, today: date) -> list[dict[str, Any]]:
    ordered = sorted(initiative.certifications, key=lambda c: c.quality_mark.position)
    return [certification_value(certification, today) for certification in ordered]


def visit_value(visit: Visit) -> dict[str, Any]:
    return {
        "visited_on": iso_date(visit.visited_on),
        "body": visit.body.value,
        "type": visit.visit_type.value,
        "report_url": visit.report_url,
    }


def visit_schema() -> dict[str, Any]:
    return json_object(
        {
            "visited_on": {"type": "string", "format": "date"},
            "body": {"type": "string", "enum": enum_values(VisitBody)},
            "type": {"type": "string", "enum": enum_values(VisitType)},
            "report_url": STRING,
        }
    )


def provenance_value(initiative: Initiative, facts: Sequence[Fact]) -> dict[str, Any]:
    """Per fact where it comes from, as on the detail page (``rules.fact_origin``)."""
    provenance = {}
    for fact in facts:
        origin = rules.fact_origin(initiative, fact.key, fact.default_source)
        provenance[fact.key] = {
            "source": origin.source.value,
            "asserted_on": iso_date(origin.asserted_on),
            "confirmed_on": iso_date(origin.confirmed_on),
        }
    return provenance


def provenance_schema(facts: Sequence[Fact]) -> dict[str, Any]:
    origin = json_object(
        {
            "source": {"type": "string", "enum": enum_values(Source)},
            "asserted_on": {**DATE, "description": "When the source last gave the fact."},
            "confirmed_on": {**DATE, "description": "When it was last said to still hold."},
        }
    )
    keys = [fact.key for fact in facts]
    return {
        "type": "object",
        "propertyNames": {"enum": keys},
        "required": keys,
        "additionalProperties": origin,
        "description": "Per public fact (as named in the change feed): who gave it and when. "
        "A fact without a record of its own has its usual source; one the initiative gives "
        "counts as confirmed on last_confirmed_on.",
    }
