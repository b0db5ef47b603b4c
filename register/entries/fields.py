"""The public facts and fields of an entry, declared once.

Each ``Fact`` is a group of public fields that is given, changed, confirmed and shown
together. The change log names facts (``ChangeLogEntry.fields``), the public history labels
them from here, and per-fact provenance (``FactProvenance``) is kept for each of them.
A model column or relationship that belongs to no fact is not public.

Each ``PublicField`` is one key of the public record. ``PUBLIC_FIELDS`` is the allow-list
of what leaves the register: ``public_initiative`` (API and open-data JSON), the OpenAPI
``Initiative`` schema, the CSV columns and the search index document are all derived from
it. Declaring a field here publishes it everywhere at once; nothing else names fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from flask import url_for
from flask_babel import lazy_gettext as _l

from register.entries import public_values as values
from register.entries import rules
from register.entries.declaration import (
    Column,
    PublicField,
    SearchText,
    claims_cell,
    date_attribute,
    described,
    joined,
    keys_of,
    plain,
    statement_column,
    text_of,
    visits_cell,
)
from register.entries.models import (
    FundingRoute,
    Requirement,
    Source,
    TargetGroup,
    VacancyStatus,
)
from register.entries.public_values import DATE, NULLABLE_STRING, STRING, URL


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


def public_facts() -> list[Fact]:
    """The facts the public record carries, in FACTS order."""
    named = {field.fact for field in PUBLIC_FIELDS}
    return [fact for fact in FACTS if fact.key in named]


PUBLIC_FIELDS: tuple[PublicField, ...] = (
    plain(
        "slug",
        _l("webadres"),
        "slug",
        described(STRING, "Stable key, used in URLs."),
        _l("Vaste sleutel van het initiatief in adressen"),
    ),
    plain("name", _l("naam"), "name", STRING, _l("Naam"), boost=4.0),
    plain(
        "url",
        _l("pagina in het register"),
        "slug",
        described(URL, "The initiative's page in the register."),
        _l("Adres van de pagina in het register"),
        value=lambda i, r: url_for("entries.detail", slug=i.slug, _external=True),
    ),
    PublicField(
        "kind",
        _l("soort initiatief"),
        "kind",
        lambda i, r: values.kind_value(i.kind),
        values.kind_schema,
        csv=(
            Column(
                "kind",
                _l(
                    "Soort initiatief: relatives_residents (opgezet door ouders of bewoners), "
                    "care_entrepreneur (zorgondernemer) of care_institution (zorginstelling)"
                ),
                itemgetter("key"),
            ),
        ),
        search=(SearchText("kind", 1.5, lambda i: values.both_languages([i.kind])),),
    ),
    plain(
        "description",
        _l("beschrijving"),
        "description",
        STRING,
        _l("Beschrijving door het initiatief"),
        boost=1.0,
    ),
    plain(
        "started_on",
        _l("startdatum"),
        "started_on",
        DATE,
        _l("Startdatum (JJJJ-MM-DD)"),
        value=date_attribute("started_on"),
    ),
    plain(
        "capacity",
        _l("aantal plaatsen"),
        "capacity",
        {"type": "integer", "minimum": 1},
        _l("Aantal woonplekken"),
    ),
    plain(
        "vacancy",
        _l("beschikbare plaatsen"),
        "vacancy",
        lambda: {"type": "string", "enum": values.enum_values(VacancyStatus)},
        _l("Plaats vrij: places_free (plekken vrij), waiting_list (wachtlijst) of full (vol)"),
        value=lambda i, r: i.vacancy.value,
    ),
    PublicField(
        "target_groups",
        _l("doelgroepen"),
        "target_groups",
        keys_of("target_groups"),
        lambda: values.keys_array(TargetGroup),
        csv=(Column("target_groups", _l("Doelgroepen (sleutels, gescheiden door ;)"), joined),),
        search=(
            SearchText("target_groups", 2.0, lambda i: values.both_languages(i.target_groups)),
        ),
    ),
    PublicField(
        "funding_routes",
        _l("financiering"),
        "funding_routes",
        keys_of("funding_routes"),
        lambda: values.keys_array(FundingRoute),
        csv=(Column("funding_routes", _l("Financiering (sleutels, gescheiden door ;)"), joined),),
    ),
    plain(
        "collective_budget",
        _l("deel van het pgb gezamenlijk besteed"),
        "collective_budget",
        {"type": "boolean"},
        _l("Wordt een deel van het pgb gezamenlijk besteed? (true of false)"),
    ),
    plain(
        "collective_share_percent",
        _l("gezamenlijk besteed deel van het pgb"),
        "collective_budget",
        {"type": ["number", "null"]},
        _l("Gezamenlijk besteed deel van het pgb, in procenten"),
        value=lambda i, r: (
            None if i.collective_share_percent is None else float(i.collective_share_percent)
        ),
    ),
    plain(
        "kvk_number",
        _l("KvK-nummer"),
        "registration",
        {**NULLABLE_STRING, "pattern": "^[0-9]{8}$"},
        _l("KvK-nummer (8 cijfers)"),
    ),
    plain(
        "location_number",
        _l("vestigingsnummer"),
        "registration",
        {**NULLABLE_STRING, "pattern": "^[0-9]{12}$"},
        _l("Vestigingsnummer (12 cijfers)"),
    ),
    plain(
        "agb_code",
        _l("AGB-code"),
        "registration",
        {**NULLABLE_STRING, "pattern": "^[0-9]{8}$"},
        _l("AGB-code (8 cijfers)"),
    ),
    PublicField(
        "address",
        _l("adres"),
        "address",
        lambda i, r: {part: getattr(i, part) for part in FACTS_BY_KEY["address"].attributes},
        values.address_schema,
        csv=tuple(
            Column(part, description, itemgetter(part))
            for part, description in (
                ("street", _l("Straat")),
                ("house_number", _l("Huisnummer")),
                ("postcode", _l("Postcode (1234 AB)")),
                ("place", _l("Plaats")),
                ("municipality", _l("Gemeente")),
                ("province", _l("Provincie")),
                ("latitude", _l("Breedtegraad (WGS 84)")),
                ("longitude", _l("Lengtegraad (WGS 84)")),
            )
        ),
        search=(
            SearchText("place", 3.0, text_of("place")),
            SearchText("municipality", 2.0, text_of("municipality")),
            SearchText("province", 1.5, text_of("province")),
        ),
        component="Address",
    ),
    plain("website", _l("website"), "contact", STRING, _l("Website")),
    plain("email", _l("e-mailadres"), "contact", STRING, _l("E-mailadres")),
    plain("phone", _l("telefoonnummer"), "contact", STRING, _l("Telefoonnummer")),
    PublicField(
        "statements",
        _l("verklaringen over eigen regie"),
        "statements",
        lambda i, r: values.statements_value(i),
        lambda: values.array_of(values.statement_schema()),
        csv_per_requirement=statement_column,
        search=(SearchText("statements", 0.7, values.statements_text),),
        component="Statement",
    ),
    PublicField(
        "missing_requirements",
        _l("eisen zonder verklaring"),
        "statements",
        lambda i, r: [req.key for req in rules.missing_requirements(i, r.requirements)],
        lambda: described(
            values.keys_array(Requirement),
            "Requirements that apply to the initiative and that it has made no statement on.",
        ),
        csv=(
            Column(
                "missing_requirements",
                _l("Eisen voor eigen regie zonder verklaring (sleutels, gescheiden door ;)"),
                joined,
            ),
        ),
    ),
    PublicField(
        "not_applicable_requirements",
        _l("eisen die niet van toepassing zijn"),
        "funding_routes",
        lambda i, r: [req.key for req in rules.not_applicable_requirements(i, r.requirements)],
        lambda: described(
            values.keys_array(Requirement),
            "Requirements that do not apply: they concern the personal budget (pgb) and the "
            "initiative has no pgb funding route (care in kind only).",
        ),
        csv=(
            Column(
                "not_applicable_requirements",
                _l(
                    "Eisen die niet van toepassing zijn: ze gaan over het pgb en het initiatief "
                    "werkt niet met een pgb (sleutels, gescheiden door ;)"
                ),
                joined,
            ),
        ),
    ),
    PublicField(
        "memberships",
        _l("lidmaatschappen"),
        "memberships",
        lambda i, r: values.memberships_value(i, r.today),
        lambda: values.array_of(values.membership_schema()),
        csv=(
            Column(
                "memberships",
                _l(
                    "Lidmaatschappen van brancheverenigingen als vereniging:status:geldig_tot, "
                    "gescheiden door ; (status: self_declared, verified, rejected of expired)"
                ),
                claims_cell("association"),
            ),
        ),
        component="Membership",
    ),
    PublicField(
        "certifications",
        _l("keurmerken"),
        "certifications",
        lambda i, r: values.certifications_value(i, r.today),
        lambda: values.array_of(values.certification_schema()),
        csv=(
            Column(
                "certifications",
                _l("Keurmerken als keurmerk:status:geldig_tot, gescheiden door ;"),
                claims_cell("quality_mark"),
            ),
        ),
        component="Certification",
    ),
    PublicField(
        "visits",
        _l("bezoeken"),
        "visits",
        lambda i, r: [values.visit_value(visit) for visit in i.visits],
        lambda: values.array_of(values.visit_schema()),
        csv=(
            Column(
                "last_visit_on",
                _l("Datum van het laatste gepubliceerde bezoek"),
                lambda visits: visits[0]["visited_on"] if visits else None,
            ),
            Column(
                "visits",
                _l("Bezoeken als datum:instantie:soort, nieuwste eerst, gescheiden door ;"),
                visits_cell,
            ),
            Column(
                "visit_reports",
                _l("Adressen van de openbare bezoekrapporten, gescheiden door ;"),
                lambda visits: joined([v["report_url"] for v in visits if v["report_url"]]),
            ),
        ),
        component="Visit",
    ),
    plain(
        "last_confirmed_on",
        _l("bevestiging van de gegevens"),
        "last_confirmed_on",
        DATE,
        _l("Datum waarop het initiatief de gegevens voor het laatst bevestigde"),
        value=date_attribute("last_confirmed_on"),
    ),
    plain(
        "updated_at",
        _l("laatste wijziging"),
        None,
        {"type": "string", "format": "date-time"},
        _l("Laatste wijziging in het register (ISO 8601)"),
        value=lambda i, r: values.iso_datetime(i.updated_at),
    ),
    plain(
        "is_demo",
        _l("voorbeeldgegevens"),
        None,
        described({"type": "boolean"}, "True for fictional demonstration entries."),
        _l("true als het een verzonnen voorbeeld is (demonstratiegegevens)"),
    ),
    # Not in the CSV: one column per fact and detail would bury the data it describes.
    PublicField(
        "provenance",
        _l("herkomst van de gegevens"),
        None,
        lambda i, r: values.provenance_value(i, public_facts()),
        lambda: values.provenance_schema(public_facts()),
        component="Provenance",
    ),
)
