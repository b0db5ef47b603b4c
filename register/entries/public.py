"""The public face of an initiative: the ONE allow-list of fields that leave the register.

Open data (CSV and JSON), the API and the detail page's JSON-LD are all built from here.
Every field is named explicitly; nothing iterates over model columns, because tables added
later (portal revisions, inspection notes) hold data that must never be published.
Adding a field here publishes it: update ``register/api/openapi.py`` and the CSV columns in
``register/opendata/export.py`` with it (the tests fail until you do).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app, url_for
from sqlalchemy import select

from register.entries import rules
from register.entries.models import (
    Certification,
    ClaimStatus,
    Initiative,
    Membership,
    Requirement,
    Statement,
    Visit,
)
from register.extensions import db


def register_today() -> date:
    """Today's date where the register is kept; decides whether a mark counts as expired."""
    return datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def iso_datetime(value: datetime | None) -> str | None:
    """ISO 8601 with offset; SQLite hands back naive values, which are stored as UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


def all_requirements() -> list[Requirement]:
    return list(db.session.scalars(select(Requirement).order_by(Requirement.number)))


def public_initiative(
    initiative: Initiative,
    today: date,
    *,
    requirements: Sequence[Requirement] | None = None,
) -> dict[str, Any]:
    """Every public fact of one initiative, as plain JSON-ready values.

    ``requirements`` (all seven, by number) may be passed in by bulk exports so they are
    loaded once instead of once per initiative.
    """
    if requirements is None:
        requirements = all_requirements()
    share = initiative.collective_share_percent
    return {
        "slug": initiative.slug,
        "name": initiative.name,
        "url": url_for("entries.detail", slug=initiative.slug, _external=True),
        "kind": {
            "key": initiative.kind.key,
            "name_nl": initiative.kind.name_nl,
            "name_en": initiative.kind.name_en,
        },
        "description": initiative.description,
        "started_on": iso_date(initiative.started_on),
        "capacity": initiative.capacity,
        "vacancy": initiative.vacancy.value,
        "target_groups": [group.key for group in initiative.target_groups],
        "funding_routes": [route.key for route in initiative.funding_routes],
        "collective_budget": initiative.collective_budget,
        "collective_share_percent": float(share) if share is not None else None,
        "kvk_number": initiative.kvk_number,
        "location_number": initiative.location_number,
        "agb_code": initiative.agb_code,
        "address": {
            "street": initiative.street,
            "house_number": initiative.house_number,
            "postcode": initiative.postcode,
            "place": initiative.place,
            "municipality": initiative.municipality,
            "province": initiative.province,
            "latitude": initiative.latitude,
            "longitude": initiative.longitude,
        },
        "website": initiative.website,
        "email": initiative.email,
        "phone": initiative.phone,
        "statements": [
            _statement(statement)
            for statement in sorted(initiative.statements, key=lambda s: s.requirement.number)
        ],
        "missing_requirements": [
            r.key for r in rules.missing_requirements(initiative, requirements)
        ],
        "memberships": [
            _membership(m, today)
            for m in sorted(initiative.memberships, key=lambda m: m.association.position)
        ],
        "certifications": [
            _certification(c, today)
            for c in sorted(initiative.certifications, key=lambda c: c.quality_mark.position)
        ],
        "visits": [_visit(visit) for visit in initiative.visits],
        "last_confirmed_on": iso_date(initiative.last_confirmed_on),
        "updated_at": iso_datetime(initiative.updated_at),
        "is_demo": initiative.is_demo,
    }


def _statement(statement: Statement) -> dict[str, Any]:
    return {
        "requirement": statement.requirement.key,
        "number": statement.requirement.number,
        "text": statement.text,
        "confirmed_on": iso_date(statement.confirmed_on),
    }


def _membership(membership: Membership, today: date) -> dict[str, Any]:
    return {
        "association": membership.association.key,
        "name_nl": membership.association.name_nl,
        "name_en": membership.association.name_en,
        "status": membership.effective_status(today).value,
        "declared_on": iso_date(membership.declared_on),
        "verified_by": membership.verified_by,
        "verified_on": iso_date(membership.verified_on),
        "valid_until": iso_date(membership.valid_until),
    }


def _certification(certification: Certification, today: date) -> dict[str, Any]:
    return {
        "quality_mark": certification.quality_mark.key,
        "name_nl": certification.quality_mark.name_nl,
        "name_en": certification.quality_mark.name_en,
        "issuer": certification.quality_mark.issuer,
        "certificate_number": certification.certificate_number,
        "status": certification.effective_status(today).value,
        "declared_on": iso_date(certification.declared_on),
        "verified_by": certification.verified_by,
        "verified_on": iso_date(certification.verified_on),
        "valid_until": iso_date(certification.valid_until),
    }


def _visit(visit: Visit) -> dict[str, Any]:
    return {
        "visited_on": iso_date(visit.visited_on),
        "body": visit.body.value,
        "type": visit.visit_type.value,
        "report_url": visit.report_url,
    }


def web_url(value: str) -> str | None:
    """A link target only for http(s) addresses ('www.x.nl' gets https://); never javascript:."""
    value = (value or "").strip()
    if not value:
        return None
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def json_ld(initiative: Initiative, today: date | None = None) -> dict[str, Any]:
    """schema.org description for the detail page (``<script type="application/ld+json">``).

    A small care home is a ``LocalBusiness`` (an Organization that is also a Place, so it
    may carry an address and coordinates). Only claims someone checked are asserted:
    memberships and certifications whose effective status is verified.
    """
    today = today or register_today()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "@id": url_for("entries.detail", slug=initiative.slug, _external=True),
        "name": initiative.name,
        "description": initiative.description,
        "url": url_for("entries.detail", slug=initiative.slug, _external=True),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": f"{initiative.street} {initiative.house_number}",
            "postalCode": initiative.postcode,
            "addressLocality": initiative.place,
            "addressRegion": initiative.province,
            "addressCountry": "NL",
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": initiative.latitude,
            "longitude": initiative.longitude,
        },
    }
    if initiative.started_on:
        data["foundingDate"] = initiative.started_on.isoformat()
    if initiative.phone:
        data["telephone"] = initiative.phone
    if initiative.email:
        data["email"] = initiative.email
    if website := web_url(initiative.website):
        data["sameAs"] = [website]
    if initiative.kvk_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "KvK",
            "value": initiative.kvk_number,
        }
    members_of = [
        _organisation(m.association.name_nl, m.association.website)
        for m in initiative.memberships
        if m.effective_status(today) == ClaimStatus.VERIFIED
    ]
    if members_of:
        data["memberOf"] = members_of
    credentials = [
        _credential(c)
        for c in initiative.certifications
        if c.effective_status(today) == ClaimStatus.VERIFIED
    ]
    if credentials:
        data["hasCredential"] = credentials
    return data


def _organisation(name: str, website: str = "") -> dict[str, Any]:
    organisation = {"@type": "Organization", "name": name}
    if website:
        organisation["url"] = website
    return organisation


def _credential(certification: Certification) -> dict[str, Any]:
    credential: dict[str, Any] = {
        "@type": "EducationalOccupationalCredential",
        "name": certification.quality_mark.name_nl,
        "credentialCategory": "certificate",
        "recognizedBy": _organisation(certification.quality_mark.issuer),
    }
    if certification.certificate_number:
        credential["identifier"] = certification.certificate_number
    if certification.valid_until:
        credential["expires"] = certification.valid_until.isoformat()
    return credential
