"""Bulk export of the public register: CSV columns, streaming in batches, cache validators.

Every value comes from ``register.entries.public.public_initiative``, the one allow-list of
public fields; this module only flattens and formats it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from register.entries.models import ChangeLogEntry, Initiative, Requirement
from register.entries.public import all_requirements, iso_datetime, public_initiative
from register.entries.queries import published_initiatives
from register.extensions import db

LICENCE = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
BATCH_SIZE = 500

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Neutralise CSV formula injection: a leading quote makes spreadsheets show text.

    This changes the value (``+31 570 …`` becomes ``'+31 570 …``); the JSON download
    carries the exact text.
    """
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


@dataclass(frozen=True)
class CsvColumn:
    name: str
    description: Any  # a lazy string, translated when the open-data page shows it
    value: Callable[[dict[str, Any]], Any]


def _joined(values: Sequence[str]) -> str:
    return ";".join(values)


def _claims(field: str, key: str) -> Callable[[dict[str, Any]], str]:
    def render(record: dict[str, Any]) -> str:
        parts = []
        for claim in record[field]:
            fields = [claim[key], claim["status"]]
            if claim["valid_until"]:
                fields.append(claim["valid_until"])
            parts.append(":".join(fields))
        return _joined(parts)

    return render


def _address(field: str) -> Callable[[dict[str, Any]], Any]:
    return lambda record: record["address"][field]


def _plain(field: str) -> Callable[[dict[str, Any]], Any]:
    return lambda record: record[field]


BASE_COLUMNS: tuple[CsvColumn, ...] = (
    CsvColumn("slug", _l("Vaste sleutel van het initiatief in adressen"), _plain("slug")),
    CsvColumn("name", _l("Naam"), _plain("name")),
    CsvColumn("url", _l("Adres van de pagina in het register"), _plain("url")),
    CsvColumn(
        "kind",
        _l(
            "Soort initiatief: relatives_residents (opgezet door ouders of bewoners), "
            "care_entrepreneur (zorgondernemer) of care_institution (zorginstelling)"
        ),
        lambda record: record["kind"]["key"],
    ),
    CsvColumn("description", _l("Beschrijving door het initiatief"), _plain("description")),
    CsvColumn("started_on", _l("Startdatum (JJJJ-MM-DD)"), _plain("started_on")),
    CsvColumn("capacity", _l("Aantal woonplekken"), _plain("capacity")),
    CsvColumn(
        "vacancy",
        _l("Plaats vrij: places_free (plekken vrij), waiting_list (wachtlijst) of full (vol)"),
        _plain("vacancy"),
    ),
    CsvColumn(
        "target_groups",
        _l("Doelgroepen (sleutels, gescheiden door ;)"),
        lambda record: _joined(record["target_groups"]),
    ),
    CsvColumn(
        "funding_routes",
        _l("Financiering (sleutels, gescheiden door ;)"),
        lambda record: _joined(record["funding_routes"]),
    ),
    CsvColumn(
        "collective_budget",
        _l("Wordt een deel van het pgb gezamenlijk besteed? (true of false)"),
        _plain("collective_budget"),
    ),
    CsvColumn(
        "collective_share_percent",
        _l("Gezamenlijk besteed deel van het pgb, in procenten"),
        _plain("collective_share_percent"),
    ),
    CsvColumn("kvk_number", _l("KvK-nummer (8 cijfers)"), _plain("kvk_number")),
    CsvColumn("location_number", _l("Vestigingsnummer (12 cijfers)"), _plain("location_number")),
    CsvColumn("agb_code", _l("AGB-code (8 cijfers)"), _plain("agb_code")),
    CsvColumn("street", _l("Straat"), _address("street")),
    CsvColumn("house_number", _l("Huisnummer"), _address("house_number")),
    CsvColumn("postcode", _l("Postcode (1234 AB)"), _address("postcode")),
    CsvColumn("place", _l("Plaats"), _address("place")),
    CsvColumn("municipality", _l("Gemeente"), _address("municipality")),
    CsvColumn("province", _l("Provincie"), _address("province")),
    CsvColumn("latitude", _l("Breedtegraad (WGS 84)"), _address("latitude")),
    CsvColumn("longitude", _l("Lengtegraad (WGS 84)"), _address("longitude")),
    CsvColumn("website", _l("Website"), _plain("website")),
    CsvColumn("email", _l("E-mailadres"), _plain("email")),
    CsvColumn("phone", _l("Telefoonnummer"), _plain("phone")),
    CsvColumn(
        "missing_requirements",
        _l("Eisen voor eigen regie zonder verklaring (sleutels, gescheiden door ;)"),
        lambda record: _joined(record["missing_requirements"]),
    ),
    CsvColumn(
        "memberships",
        _l(
            "Lidmaatschappen van brancheverenigingen als vereniging:status:geldig_tot, "
            "gescheiden door ; (status: self_declared, verified, rejected of expired)"
        ),
        _claims("memberships", "association"),
    ),
    CsvColumn(
        "certifications",
        _l("Keurmerken als keurmerk:status:geldig_tot, gescheiden door ;"),
        _claims("certifications", "quality_mark"),
    ),
    CsvColumn(
        "last_visit_on",
        _l("Datum van het laatste gepubliceerde bezoek"),
        lambda record: record["visits"][0]["visited_on"] if record["visits"] else None,
    ),
    CsvColumn(
        "visits",
        _l("Bezoeken als datum:instantie:soort, nieuwste eerst, gescheiden door ;"),
        lambda record: _joined(
            [f"{v['visited_on']}:{v['body']}:{v['type']}" for v in record["visits"]]
        ),
    ),
    CsvColumn(
        "visit_reports",
        _l("Adressen van de openbare bezoekrapporten, gescheiden door ;"),
        lambda record: _joined([v["report_url"] for v in record["visits"] if v["report_url"]]),
    ),
    CsvColumn(
        "last_confirmed_on",
        _l("Datum waarop het initiatief de gegevens voor het laatst bevestigde"),
        _plain("last_confirmed_on"),
    ),
    CsvColumn(
        "updated_at", _l("Laatste wijziging in het register (ISO 8601)"), _plain("updated_at")
    ),
    CsvColumn(
        "is_demo",
        _l("true als het een verzonnen voorbeeld is (demonstratiegegevens)"),
        _plain("is_demo"),
    ),
)


def _statement_text(key: str) -> Callable[[dict[str, Any]], str]:
    def render(record: dict[str, Any]) -> str:
        return next((s["text"] for s in record["statements"] if s["requirement"] == key), "")

    return render


def csv_columns(requirements: Sequence[Requirement]) -> list[CsvColumn]:
    """The CSV columns in order: the fixed ones, then one statement column per requirement."""
    statement_columns = [
        CsvColumn(
            f"statement_{requirement.key}",
            _l(
                "Hoe het initiatief voldoet aan eis %(number)s, %(name)s (leeg: geen verklaring)",
                number=requirement.number,
                name=requirement.label,
            ),
            _statement_text(requirement.key),
        )
        for requirement in requirements
    ]
    return [*BASE_COLUMNS, *statement_columns]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return str(value)


def iter_initiatives(batch_size: int = BATCH_SIZE) -> Iterator[Initiative]:
    """All published initiatives by id, loaded in batches (keyset pagination).

    Memory stays flat for any register size, and no database cursor stays open between
    batches while a slow client reads the download.
    """
    last_id = 0
    while True:
        batch = db.session.scalars(
            published_initiatives()
            .where(Initiative.id > last_id)
            .order_by(Initiative.id)
            .limit(batch_size)
            .options(
                selectinload(Initiative.target_groups),
                selectinload(Initiative.funding_routes),
                selectinload(Initiative.statements),
                selectinload(Initiative.memberships),
                selectinload(Initiative.certifications),
                selectinload(Initiative.visits),
            )
        ).all()
        if not batch:
            return
        yield from batch
        last_id = batch[-1].id


def iter_public(today: date) -> Iterator[dict[str, Any]]:
    requirements = all_requirements()
    for initiative in iter_initiatives():
        yield public_initiative(initiative, today, requirements=requirements)


def _csv_line(cells: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    return buffer.getvalue()


def csv_lines(today: date) -> Iterator[str]:
    """The CSV file line by line: a header, then one row per initiative."""
    columns = csv_columns(all_requirements())
    yield _csv_line([column.name for column in columns])
    for record in iter_public(today):
        yield _csv_line([_cell(column.value(record)) for column in columns])


def initiative_count() -> int:
    return db.session.scalar(published_initiatives(func.count(Initiative.id))) or 0


def json_chunks(today: date) -> Iterator[str]:
    """The JSON document in pieces, one initiative at a time."""
    head = {
        "generated_at": iso_datetime(datetime.now(UTC)),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "count": initiative_count(),
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "initiatives": ['
    for index, record in enumerate(iter_public(today)):
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]}\n"


@dataclass(frozen=True)
class DataVersion:
    """Cache validators for the whole public register."""

    etag: str
    last_modified: datetime


def data_version(today: date) -> DataVersion:
    """The change log head names the data's version; the date is part of it too, because a
    mark that passes its end date shows as expired from that day without any change."""
    head = db.session.execute(
        select(ChangeLogEntry.id, ChangeLogEntry.changed_at)
        .order_by(ChangeLogEntry.id.desc())
        .limit(1)
    ).first()
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    start_of_today = datetime.combine(today, time.min, tzinfo=zone).astimezone(UTC)
    head_id, changed_at = head if head else (0, None)
    last_modified = start_of_today
    if changed_at is not None:
        changed_at = changed_at if changed_at.tzinfo else changed_at.replace(tzinfo=UTC)
        last_modified = max(last_modified, changed_at.astimezone(UTC))
    return DataVersion(etag=f"{head_id}-{today.isoformat()}", last_modified=last_modified)
