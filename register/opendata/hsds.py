"""The public register in Open Referral HSDS 3.0: nested JSON and the tabular datapackage.

Each published initiative becomes one organization that offers one service at one
location. Every value comes from the public record (``public_initiative``, derived from
``fields.PUBLIC_FIELDS``) or from the public catalogues; the ``metadata`` change records
come from the change log's public columns only (date, action, public fact names), the
same as ``/api/v1/changes``. The tabular files are the nested documents flattened, so
the two forms cannot disagree. README.md ("Open Referral HSDS") lists what maps to what.

Identifiers are UUIDs derived from the register's own keys (``hsds_id``): stable between
downloads, so a mirror can match records, without exposing database ids.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import batched
from typing import Any

from sqlalchemy import Row, select

from register.entries import fields
from register.entries.models import (
    Association,
    ChangeLogEntry,
    FundingRoute,
    Kind,
    QualityMark,
    TargetGroup,
)
from register.entries.public import all_requirements, public_initiative, web_url
from register.entries.public_values import iso_datetime
from register.extensions import db
from register.opendata.export import (
    BATCH_SIZE,
    LICENCE,
    LICENCE_URL,
    initiative_count,
    iter_initiatives,
    spreadsheet_safe,
)

HSDS_VERSION = "3.0"
PUBLISHER = "Register Wooninitiatieven"
# Fixed for good: every identifier in the export is derived from it.
NAMESPACE = uuid.UUID("6f1c3c57-3b7e-4d0a-9d43-2f4a8e0c9b15")


def hsds_id(*parts: object) -> str:
    """A stable UUID for one record, e.g. ``hsds_id("organization", 12)``."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


@dataclass(frozen=True)
class Taxonomy:
    """A public catalogue as an HSDS taxonomy, and where its terms are attached."""

    key: str
    description: str
    model: type
    link_entity: str  # "organization" or "service"
    keys: Callable[[dict[str, Any]], list[tuple[str, str | None]]]  # (term key, value)
    term_description: Callable[[Any], str] = lambda row: row.name_nl

    @property
    def id(self) -> str:
        return hsds_id("taxonomy", self.key)


def _claims(list_key: str, key: str) -> Callable[[dict[str, Any]], list[tuple[str, str]]]:
    """Membership or certification claims: the value is the effective status, with the
    end date when there is one (``verified:2027-12-31``), as in the register's CSV."""

    def keys(record: dict[str, Any]) -> list[tuple[str, str]]:
        return [
            (claim[key], ":".join(filter(None, (claim["status"], claim["valid_until"]))))
            for claim in record[list_key]
        ]

    return keys


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy(
        "kind",
        "Wie het initiatief heeft opgezet.",
        Kind,
        "organization",
        lambda record: [(record["kind"]["key"], None)],
        lambda row: row.description_nl or row.name_nl,
    ),
    Taxonomy(
        "target_group",
        "Voor wie het initiatief woonplekken heeft (doelgroepen).",
        TargetGroup,
        "service",
        lambda record: [(key, None) for key in record["target_groups"]],
    ),
    Taxonomy(
        "funding_route",
        "Hoe het wonen met zorg betaald kan worden (financiering).",
        FundingRoute,
        "service",
        lambda record: [(key, None) for key in record["funding_routes"]],
    ),
    Taxonomy(
        "association",
        "Lidmaatschap van een branchevereniging; de waarde is de status "
        "(self_declared, verified, rejected of expired) met de einddatum.",
        Association,
        "organization",
        _claims("memberships", "association"),
        lambda row: row.description_nl or row.name_nl,
    ),
    Taxonomy(
        "quality_mark",
        "Keurmerk; de waarde is de status (self_declared, verified, rejected of expired) "
        "met de einddatum.",
        QualityMark,
        "organization",
        _claims("certifications", "quality_mark"),
        lambda row: row.attests_nl or row.name_nl,
    ),
)

# Public facts (``fields.FACTS`` keys) that describe the service or the location rather
# than the organization; a change record is attached to the resource it describes.
RESOURCE_OF_FACT = {
    "address": "location",
    "capacity": "service",
    "vacancy": "service",
    "target_groups": "service",
    "funding_routes": "service",
    "statements": "service",
}


def _taxonomy_detail(taxonomy: Taxonomy) -> dict[str, Any]:
    return {"id": taxonomy.id, "name": taxonomy.key, "description": taxonomy.description}


def taxonomy_term(taxonomy: Taxonomy, row: Any) -> dict[str, Any]:
    return {
        "id": hsds_id("taxonomy_term", taxonomy.key, row.key),
        "code": row.key,
        "name": row.name_nl,
        "description": taxonomy.term_description(row),
        "taxonomy": taxonomy.key,
        "language": "nl",
        "taxonomy_id": taxonomy.id,
    }


class Catalogues:
    """The taxonomy terms, loaded once per export."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, str], dict[str, Any]] = {}
        for taxonomy in TAXONOMIES:
            detail = _taxonomy_detail(taxonomy)
            rows = db.session.scalars(select(taxonomy.model).order_by(taxonomy.model.position))
            for row in rows:
                term = {**taxonomy_term(taxonomy, row), "taxonomy_detail": detail}
                self.terms[taxonomy.key, row.key] = term


def _attributes(
    entity: str, link_id: str, record: dict[str, Any], catalogues: Catalogues
) -> list[dict[str, Any]]:
    attributes = []
    for taxonomy in TAXONOMIES:
        if taxonomy.link_entity != entity:
            continue
        for key, value in taxonomy.keys(record):
            term = catalogues.terms[taxonomy.key, key]
            attribute = {
                "id": hsds_id("attribute", link_id, taxonomy.key, key),
                "link_id": link_id,
                "link_type": taxonomy.key,
                "link_entity": entity,
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
            }
            if value is not None:
                attribute["value"] = value
            attributes.append(attribute)
    return attributes


def change_log(initiative_ids: Sequence[int]) -> dict[int, list[Row]]:
    """The public columns of the change log (id, action, fact names, time) of some
    initiatives, oldest first; who made a change and from which revision stays out."""
    rows = db.session.execute(
        select(
            ChangeLogEntry.initiative_id,
            ChangeLogEntry.id,
            ChangeLogEntry.action,
            ChangeLogEntry.fields,
            ChangeLogEntry.changed_at,
        )
        .where(ChangeLogEntry.initiative_id.in_(initiative_ids))
        .order_by(ChangeLogEntry.id)
    )
    by_initiative: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        by_initiative[row.initiative_id].append(row)
    return by_initiative


def _change_records(entries: Sequence[Row], resource_ids: dict[str, str]) -> list[dict[str, Any]]:
    """HSDS metadata from the change log: one record per public fact a change named (one
    with an empty field_name for a change that names none, such as a creation).

    The log keeps no values, so previous_value and replacement_value are empty, and
    updated_by names the register that recorded the change.
    """
    public = {fact.key for fact in fields.public_facts()}
    records = []
    for _initiative_id, entry_id, action, names, changed_at in entries:
        facts = [key for key in fields.facts_for(names or []) if key in public] or [""]
        for fact in facts:
            resource_type = RESOURCE_OF_FACT.get(fact, "organization")
            records.append(
                {
                    "id": hsds_id("metadata", entry_id, fact),
                    "resource_id": resource_ids[resource_type],
                    "resource_type": resource_type,
                    "last_action_date": iso_datetime(changed_at),
                    "last_action_type": action.value,
                    "field_name": fact,
                    "previous_value": "",
                    "replacement_value": "",
                    "updated_by": PUBLISHER,
                }
            )
    return records


def _optional(**values: Any) -> dict[str, Any]:
    """HSDS leaves out what is unknown rather than sending empty strings or nulls."""
    return {name: value for name, value in values.items() if value not in (None, "")}


def hsds_service(
    initiative_id: int, record: dict[str, Any], catalogues: Catalogues, log: Sequence[Row]
) -> dict[str, Any]:
    """One initiative as an HSDS service with its organization, location and address
    nested, as the HSDS API's ``/services/{id}`` gives it."""
    ids = {
        name: hsds_id(name, initiative_id)
        for name in ("organization", "service", "location", "service_at_location", "address")
    }
    changes = _change_records(log, ids)
    metadata = {name: [c for c in changes if c["resource_type"] == name] for name in ids}
    website = web_url(record["website"])
    address = record["address"]

    identifiers = [
        {
            "id": hsds_id("organization_identifier", initiative_id, scheme),
            "organization_id": ids["organization"],
            **_optional(identifier_scheme=scheme),
            "identifier_type": kind,
            "identifier": value,
        }
        for scheme, kind, value in (
            ("NL-KVK", "KvK-nummer", record["kvk_number"]),
            ("", "AGB-code", record["agb_code"]),
        )
        if value
    ]
    organization = {
        "id": ids["organization"],
        "name": record["name"],
        "description": record["description"],
        **_optional(email=record["email"], website=website),
        "uri": record["url"],
        "organization_identifiers": identifiers,
        "attributes": _attributes("organization", ids["organization"], record, catalogues),
        "metadata": metadata["organization"],
    }
    location = {
        "id": ids["location"],
        "location_type": "physical",
        "organization_id": ids["organization"],
        "name": record["name"],
        "latitude": address["latitude"],
        "longitude": address["longitude"],
        **_optional(
            external_identifier=record["location_number"],
            external_identifier_type="KvK-vestigingsnummer" if record["location_number"] else None,
        ),
        "addresses": [
            {
                "id": ids["address"],
                "location_id": ids["location"],
                "address_1": f"{address['street']} {address['house_number']}".strip(),
                "city": address["place"],
                "region": address["municipality"],
                "state_province": address["province"],
                "postal_code": address["postcode"],
                "country": "NL",
                "address_type": "physical",
            }
        ],
        "metadata": metadata["location"],
    }
    phones = (
        [
            {
                "id": hsds_id("phone", initiative_id),
                "service_id": ids["service"],
                "number": record["phone"],
            }
        ]
        if record["phone"]
        else []
    )
    return {
        "id": ids["service"],
        "organization_id": ids["organization"],
        "name": record["name"],
        "description": record["description"],
        **_optional(url=website, email=record["email"]),
        "status": "active",
        "last_modified": record["updated_at"],
        "phones": phones,
        "service_at_locations": [
            {
                "id": ids["service_at_location"],
                "service_id": ids["service"],
                "location_id": ids["location"],
                "location": location,
            }
        ],
        "organization": organization,
        "attributes": _attributes("service", ids["service"], record, catalogues),
        "metadata": metadata["service"],
    }


def iter_services(today: date) -> Iterator[dict[str, Any]]:
    """Every published initiative as an HSDS service, in batches: one change-log query
    per batch, not per initiative."""
    requirements = all_requirements()
    catalogues = Catalogues()
    for batch in batched(iter_initiatives(), BATCH_SIZE):
        logs = change_log([initiative.id for initiative in batch])
        for initiative in batch:
            record = public_initiative(initiative, today, requirements=requirements)
            yield hsds_service(initiative.id, record, catalogues, logs[initiative.id])


def json_chunks(today: date) -> Iterator[str]:
    """All services as one page in the shape of the HSDS API's paginated ``/services``."""
    count = initiative_count()
    head = {
        "hsds_version": HSDS_VERSION,
        "generated_at": iso_datetime(datetime.now(UTC)),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "total_items": count,
        "total_pages": 1,
        "page_number": 1,
        "size": count,
        "first_page": True,
        "last_page": True,
        "empty": count == 0,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "contents": ['
    for index, service in enumerate(iter_services(today)):
        yield ("," if index else "") + "\n" + json.dumps(service, ensure_ascii=False)
    yield "\n]}\n"


# The tabular form: the HSDS tables this register fills (by HSDS name), with the HSDS fields
# it fills, in the HSDS order. Numbers are marked; everything else is a string.
TABLES: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name", "description", "email", "website", "uri"),
    "organization_identifier": (
        "id",
        "organization_id",
        "identifier_scheme",
        "identifier_type",
        "identifier",
    ),
    "service": (
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "last_modified",
    ),
    "phone": ("id", "service_id", "number"),
    "location": (
        "id",
        "location_type",
        "organization_id",
        "name",
        "latitude",
        "longitude",
        "external_identifier",
        "external_identifier_type",
    ),
    "service_at_location": ("id", "service_id", "location_id"),
    "address": (
        "id",
        "location_id",
        "address_1",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ),
    "attribute": ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
    "taxonomy": ("id", "name", "description"),
    "taxonomy_term": ("id", "code", "name", "description", "taxonomy", "language", "taxonomy_id"),
    "metadata": (
        "id",
        "resource_id",
        "resource_type",
        "last_action_date",
        "last_action_type",
        "field_name",
        "previous_value",
        "replacement_value",
        "updated_by",
    ),
}
NUMBER_FIELDS = frozenset({"latitude", "longitude"})
# The file names HSDS gives its tables (mostly plural).
FILES = {
    "organization": "organizations",
    "organization_identifier": "organization_identifiers",
    "service": "services",
    "phone": "phones",
    "location": "locations",
    "service_at_location": "service_at_location",
    "address": "addresses",
    "attribute": "attributes",
    "taxonomy": "taxonomies",
    "taxonomy_term": "taxonomy_terms",
    "metadata": "metadata",
}
TABLE_OF_FILE = {file: table for table, file in FILES.items()}

# Nested keys of a service document and the table their objects go to.
_CHILD_TABLES = {
    "organization": "organization",
    "organization_identifiers": "organization_identifier",
    "phones": "phone",
    "service_at_locations": "service_at_location",
    "location": "location",
    "addresses": "address",
    "attributes": "attribute",
    "metadata": "metadata",
}


def table_rows(table: str, document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """A nested document and everything nested in it, each with its table."""
    yield table, document
    for key, child_table in _CHILD_TABLES.items():
        value = document.get(key)
        for child in value if isinstance(value, list) else [value] if value else []:
            yield from table_rows(child_table, child)


def _catalogue_rows(table: str) -> Iterator[dict[str, Any]]:
    if table == "taxonomy":
        yield from (_taxonomy_detail(taxonomy) for taxonomy in TAXONOMIES)
    else:
        yield from Catalogues().terms.values()


def _rows(table: str, today: date) -> Iterator[dict[str, Any]]:
    if table in ("taxonomy", "taxonomy_term"):
        yield from _catalogue_rows(table)
        return
    for service in iter_services(today):
        yield from (row for name, row in table_rows("service", service) if name == table)


def _csv_line(cells: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(
        "" if cell is None else spreadsheet_safe(cell) if isinstance(cell, str) else str(cell)
        for cell in cells
    )
    return buffer.getvalue()


def csv_lines(table: str, today: date) -> Iterator[str]:
    """One HSDS table as CSV: a header with the HSDS field names, then its rows."""
    columns = TABLES[table]
    yield _csv_line(list(columns))
    for row in _rows(table, today):
        yield _csv_line([row.get(column) for column in columns])


def datapackage(homepage: str) -> dict[str, Any]:
    """The Frictionless datapackage descriptor of the tabular form; its paths are relative
    to where it is served."""
    return {
        "name": "register-wooninitiatieven-hsds",
        "title": "Register Wooninitiatieven (Open Referral HSDS 3.0)",
        "profile": "tabular-data-package",
        "hsds_version": HSDS_VERSION,
        "licenses": [{"name": "CC0-1.0", "path": LICENCE_URL, "title": LICENCE}],
        "homepage": homepage,
        "resources": [
            {
                "name": table,
                "path": f"{FILES[table]}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": name, "type": "number" if name in NUMBER_FIELDS else "string"}
                        for name in columns
                    ],
                    "primaryKey": "id",
                },
            }
            for table, columns in TABLES.items()
        ],
    }
