"""The public face of an initiative: the record that open data (CSV and JSON) and the API
serve, and the detail page's JSON-LD.

The record holds exactly the fields declared in ``register.entries.fields.PUBLIC_FIELDS``,
the one allow-list; nothing iterates over model columns, because tables added later
(portal revisions, inspection notes) hold data that must never be published. The OpenAPI
schema, the CSV columns and the search document are derived from the same declarations.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app, url_for
from sqlalchemy import select

from register.entries import fields, rules
from register.entries.declaration import Reading
from register.entries.models import Certification, Initiative, Requirement
from register.extensions import db


def register_today() -> date:
    """Today's date where the register is kept; decides whether a mark counts as expired."""
    return datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def all_requirements() -> list[Requirement]:
    return list(db.session.scalars(select(Requirement).order_by(Requirement.number)))


def public_initiative(
    initiative: Initiative,
    today: date,
    *,
    requirements: Sequence[Requirement] | None = None,
) -> dict[str, Any]:
    """Every public field of one initiative (``fields.PUBLIC_FIELDS``), as plain JSON-ready
    values.

    ``requirements`` (all seven, by number) may be passed in by bulk exports so they are
    loaded once instead of once per initiative.
    """
    if requirements is None:
        requirements = all_requirements()
    reading = Reading(today, requirements)
    return {field.name: field.value(initiative, reading) for field in fields.PUBLIC_FIELDS}


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
        if rules.claim_is_valid(m, today)
    ]
    if members_of:
        data["memberOf"] = members_of
    credentials = [
        _credential(c) for c in initiative.certifications if rules.claim_is_valid(c, today)
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
