"""Which columns an import reads, and how each cell becomes a value.

The columns are the open-data CSV's (``register.opendata.export.csv_columns``, derived from
``register.entries.fields.PUBLIC_FIELDS``), so an exported file can be imported back. Their
names, descriptions and the fact each belongs to come from that declaration; this module
adds only what an import needs besides: how to read a cell, which cells a new initiative
must have, and why the other columns are not read. A public field added to the
declaration without a decision here fails ``tests/importer/test_columns.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from register.entries import fields
from register.entries.models import (
    FundingRoute,
    Initiative,
    Kind,
    Requirement,
    TargetGroup,
    VacancyStatus,
)
from register.entries.public import web_url
from register.extensions import db
from register.geo import PROVINCES, find_place, normalise
from register.opendata.export import FORMULA_TRIGGERS, csv_columns

# Longest text a free-text cell (description, a statement) may hold.
TEXT_LIMIT = 5000
STATEMENT_PREFIX = "statement_"
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HOST_PATTERN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")


class Invalid(Exception):
    """A cell that cannot be read; ``code`` and ``params`` name the message (``messages``)."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Catalogues:
    """The register's reference lists, loaded once per dry run."""

    kinds: dict[str, Kind]
    target_groups: dict[str, TargetGroup]
    funding_routes: dict[str, FundingRoute]
    requirements: dict[str, Requirement]

    @classmethod
    def load(cls) -> Catalogues:
        def by_key(model):
            return {row.key: row for row in db.session.scalars(select(model).order_by("position"))}

        return cls(
            kinds=by_key(Kind),
            target_groups=by_key(TargetGroup),
            funding_routes=by_key(FundingRoute),
            requirements={
                row.key: row
                for row in db.session.scalars(select(Requirement).order_by(Requirement.number))
            },
        )


Reader = Callable[[str, Catalogues], Any]


@dataclass(frozen=True)
class ImportColumn:
    """A column the import reads: its name and description as in the open data, the fact it
    belongs to, how a cell is read, and whether a new initiative needs it."""

    name: str
    description: object
    fact: str
    read: Reader
    required: bool = False

    @property
    def requirement_key(self) -> str | None:
        return self.name.removeprefix(STATEMENT_PREFIX) if self.is_statement else None

    @property
    def is_statement(self) -> bool:
        return self.name.startswith(STATEMENT_PREFIX)


def _length_of(attribute: str) -> int | None:
    return getattr(Initiative.__table__.c[attribute].type, "length", None)


def text(attribute: str | None = None, limit: int | None = None) -> Reader:
    """Free text, at most as long as the column holds (or ``limit``)."""

    def read(cell: str, catalogues: Catalogues) -> str:
        longest = limit or _length_of(attribute)
        if longest and len(cell) > longest:
            raise Invalid("too_long", length=len(cell), limit=longest)
        return cell

    return read


def digits(count: int) -> Reader:
    """A number of exactly ``count`` digits; spaces and dots people type in are dropped."""

    def read(cell: str, catalogues: Catalogues) -> str:
        value = re.sub(r"[\s.]", "", cell)
        if not (len(value) == count and value.isascii() and value.isdigit()):
            raise Invalid("digits", count=count, value=cell)
        return value

    return read


def read_postcode(cell: str, catalogues: Catalogues) -> str:
    value = re.sub(r"\s", "", cell).upper()
    if not re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", value):
        raise Invalid("postcode", value=cell)
    return f"{value[:4]} {value[4:]}"


def read_place(cell: str, catalogues: Catalogues) -> dict[str, Any]:
    """The place from the gazetteer, with its municipality, province and coordinates."""
    if len(cell) > _length_of("place"):
        raise Invalid("too_long", length=len(cell), limit=_length_of("place"))
    place = find_place(cell)
    if place is None:
        raise Invalid("unknown_place", value=cell)
    return {
        "place": place.name,
        "municipality": place.municipality,
        "province": place.province,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def _match_key(cell: str, rows: dict[str, Any]) -> str | None:
    """A catalogue key, or a Dutch or English name of one (case and accents ignored)."""
    wanted = normalise(cell)
    for key, row in rows.items():
        if wanted in (normalise(key), normalise(row.name_nl), normalise(row.name_en)):
            return key
    return None


def one_key(attribute: str) -> Reader:
    def read(cell: str, catalogues: Catalogues) -> str:
        rows = getattr(catalogues, attribute)
        key = _match_key(cell, rows)
        if key is None:
            raise Invalid("unknown_key", value=cell, choices=", ".join(rows))
        return key

    return read


def key_list(attribute: str) -> Reader:
    """Keys separated by ``;`` (as the open data writes them), in catalogue order."""

    def read(cell: str, catalogues: Catalogues) -> list[str]:
        rows = getattr(catalogues, attribute)
        found, unknown = set(), []
        for part in (p.strip() for p in cell.split(";")):
            if not part:
                continue
            key = _match_key(part, rows)
            if key is None:
                unknown.append(part)
            else:
                found.add(key)
        if unknown:
            raise Invalid("unknown_key", value="; ".join(unknown), choices=", ".join(rows))
        return [key for key in rows if key in found]

    return read


def read_vacancy(cell: str, catalogues: Catalogues) -> str:
    value = cell.strip().lower()
    if value not in {status.value for status in VacancyStatus}:
        raise Invalid(
            "unknown_key", value=cell, choices=", ".join(status.value for status in VacancyStatus)
        )
    return value


def read_date(cell: str, catalogues: Catalogues) -> str:
    """ISO (2019-05-01) as in the open data, or the Dutch way (1-5-2019)."""
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            value = datetime.strptime(cell.strip(), pattern).date()
        except ValueError:
            continue
        if date(1900, 1, 1) <= value <= date(2100, 1, 1):
            return value.isoformat()
    raise Invalid("date", value=cell)


def read_capacity(cell: str, catalogues: Catalogues) -> int:
    value = cell.strip()
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= 10_000:
        raise Invalid("capacity", value=cell)
    return int(value)


def read_percent(cell: str, catalogues: Catalogues) -> float:
    try:
        value = Decimal(cell.strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise Invalid("percent", value=cell) from None
    if not value.is_finite() or not 0 <= value <= 100 or value != round(value, 2):
        raise Invalid("percent", value=cell)
    return float(value)


TRUE_WORDS = {"true", "ja", "yes", "1", "waar"}
FALSE_WORDS = {"false", "nee", "no", "0", "onwaar"}


def read_boolean(cell: str, catalogues: Catalogues) -> bool:
    value = cell.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise Invalid("boolean", value=cell)


def read_email(cell: str, catalogues: Catalogues) -> str:
    text("email")(cell, catalogues)
    if not EMAIL_PATTERN.fullmatch(cell):
        raise Invalid("email", value=cell)
    return cell


def read_website(cell: str, catalogues: Catalogues) -> str:
    """An http(s) address or a bare domain (www.voorbeeld.nl), with a host name that has a
    dot: "javascript:…" and other schemes are refused."""
    text("website")(cell, catalogues)
    url = web_url(cell)
    host = urlsplit(url).hostname if url and " " not in cell else None
    if not host or not HOST_PATTERN.fullmatch(host):
        raise Invalid("website", value=cell)
    return cell


# How each open-data column is read. "slug" identifies an existing initiative and is read by
# the dry run itself; a statement column is read as text.
READERS: dict[str, tuple[Reader, bool]] = {
    "name": (text("name"), True),
    "kind": (one_key("kinds"), True),
    "description": (text(limit=TEXT_LIMIT), False),
    "started_on": (read_date, False),
    "capacity": (read_capacity, True),
    "vacancy": (read_vacancy, True),
    "target_groups": (key_list("target_groups"), False),
    "funding_routes": (key_list("funding_routes"), False),
    "collective_budget": (read_boolean, False),
    "collective_share_percent": (read_percent, False),
    "kvk_number": (digits(8), False),
    "location_number": (digits(12), False),
    "agb_code": (digits(8), False),
    "street": (text("street"), True),
    "house_number": (text("house_number"), True),
    "postcode": (read_postcode, True),
    "place": (read_place, True),
    "website": (read_website, False),
    "email": (read_email, False),
    "phone": (text("phone"), False),
}

# Open-data columns an import does not read, and why (shown on the upload page).
DERIVED = _l("Volgt uit de plaats (plaatsenlijst van het register).")
REGISTER_KEEPS = _l("Houdt het register zelf bij.")
IGNORED: dict[str, object] = {
    "url": REGISTER_KEEPS,
    "municipality": DERIVED,
    "province": _l(
        "Volgt uit de plaats. Heeft de plaatsnaam meer plaatsen, dan kiest de provincie er een."
    ),
    "latitude": DERIVED,
    "longitude": DERIVED,
    "missing_requirements": _l("Volgt uit de verklaringen."),
    "not_applicable_requirements": _l("Volgt uit de financiering."),
    "memberships": _l(
        "Lidmaatschappen geeft het initiatief zelf op; de branchevereniging controleert ze."
    ),
    "certifications": _l("Keurmerken geeft het initiatief zelf op; het register controleert ze."),
    "last_visit_on": _l("Bezoeken publiceren de inspectie, het zorgkantoor of de gemeente."),
    "visits": _l("Bezoeken publiceren de inspectie, het zorgkantoor of de gemeente."),
    "visit_reports": _l("Bezoeken publiceren de inspectie, het zorgkantoor of de gemeente."),
    "last_confirmed_on": _l("Alleen het initiatief zelf bevestigt zijn gegevens."),
    "updated_at": REGISTER_KEEPS,
    "is_demo": REGISTER_KEEPS,
}
IDENTIFYING = "slug"
# With a province column, a place name shared by several places is read as "name (province)".
PROVINCE_COLUMN = "province"


def _fact_of_column() -> dict[str, str]:
    by_name = {}
    for field in fields.PUBLIC_FIELDS:
        for column in field.csv:
            by_name[column.name] = field.fact
    return by_name


def import_columns(requirements: Sequence[Requirement]) -> list[ImportColumn]:
    """The columns an import reads, in open-data order: the fixed ones, then a statement
    column per requirement."""
    facts = _fact_of_column()
    columns = []
    for column in csv_columns(requirements):
        if column.name in READERS:
            reader, required = READERS[column.name]
            columns.append(
                ImportColumn(column.name, column.description, facts[column.name], reader, required)
            )
        elif column.name.startswith(STATEMENT_PREFIX):
            columns.append(
                ImportColumn(column.name, column.description, "statements", text(limit=TEXT_LIMIT))
            )
    return columns


def identifying_column(requirements: Sequence[Requirement]):
    """The open-data ``slug`` column (name and description), which finds an existing entry."""
    return next(c for c in csv_columns(requirements) if c.name == IDENTIFYING)


def ignored_columns(requirements: Sequence[Requirement]) -> list[tuple[str, object]]:
    """(name, why) for each open-data column an import does not read, in open-data order."""
    return [(c.name, IGNORED[c.name]) for c in csv_columns(requirements) if c.name in IGNORED]


def unquote(cell: str) -> str:
    """Undo the open data's formula guard (``'`` before ``=``, ``+``, ``-``, ``@``), so an
    exported file imports back to the same text; everything else is kept as typed."""
    cell = cell.strip()
    if cell.startswith("'") and cell[1:].startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell


def province_hint(cell: str) -> str | None:
    """A province cell that names one of the twelve provinces, for choosing a place."""
    wanted = normalise(cell)
    return next((p for p in PROVINCES if normalise(p) == wanted), None)


# The example row of the template file (a fictional initiative); it must import as "add".
EXAMPLE_ROW = {
    "name": "Wooninitiatief De Voorbeeldhoeve",
    "kind": "relatives_residents",
    "description": "Een kleinschalig wooninitiatief voor jongvolwassenen, opgezet door ouders.",
    "started_on": "2019-05-01",
    "capacity": "12",
    "vacancy": "waiting_list",
    "target_groups": "intellectual_disability;autism",
    "funding_routes": "pgb_wlz",
    "collective_budget": "true",
    "collective_share_percent": "30",
    "kvk_number": "12345678",
    "location_number": "000012345678",
    "street": "Brink",
    "house_number": "1",
    "postcode": "7411 BT",
    "place": "Deventer",
    "website": "https://voorbeeld.nl",
    "email": "info@voorbeeld.nl",
    "phone": "0570 123456",
    "statement_conscious_choice": "Wij bespreken met ieder gezin vooraf wat het pgb betaalt.",
}


def template_rows(requirements: Sequence[Requirement]) -> list[list[str]]:
    """Header and example row of the template file: the slug column, then every column an
    import reads."""
    names = [IDENTIFYING, *(column.name for column in import_columns(requirements))]
    return [names, [EXAMPLE_ROW.get(name, "") for name in names]]
