"""Words for stored values, in the current language: dates, provinces, vacancy, claim and
visit statuses, distances. Shared by every page that shows an initiative."""

from __future__ import annotations

from datetime import date

from flask_babel import format_decimal
from flask_babel import gettext as _

from register.entries.models import ClaimStatus, VacancyStatus, VisitBody, VisitType
from register.i18n import format_date


def long_date(value: date) -> str:
    return format_date(value, "long")


def province_label(name: str) -> str:
    """Province names are Dutch data; the English catalogue can give e.g. "North Holland"."""
    return {
        "Groningen": _("Groningen"),
        "Fryslân": _("Fryslân"),
        "Drenthe": _("Drenthe"),
        "Overijssel": _("Overijssel"),
        "Flevoland": _("Flevoland"),
        "Gelderland": _("Gelderland"),
        "Utrecht": _("Utrecht"),
        "Noord-Holland": _("Noord-Holland"),
        "Zuid-Holland": _("Zuid-Holland"),
        "Zeeland": _("Zeeland"),
        "Noord-Brabant": _("Noord-Brabant"),
        "Limburg": _("Limburg"),
    }.get(name, name)


def vacancy_label(vacancy: VacancyStatus) -> str:
    return {
        VacancyStatus.PLACES_FREE: _("Plaatsen vrij"),
        VacancyStatus.WAITING_LIST: _("Wachtlijst"),
        VacancyStatus.FULL: _("Vol, geen wachtlijst"),
    }[vacancy]


def claim_status_label(status: ClaimStatus) -> str:
    return {
        ClaimStatus.SELF_DECLARED: _("Zelf opgegeven"),
        ClaimStatus.VERIFIED: _("Gecontroleerd"),
        ClaimStatus.REJECTED: _("Afgewezen"),
        ClaimStatus.EXPIRED: _("Verlopen"),
    }[status]


def visit_body_label(body: VisitBody) -> str:
    return {
        VisitBody.IGJ: _("Inspectie Gezondheidszorg en Jeugd (IGJ)"),
        VisitBody.CARE_OFFICE: _("Zorgkantoor"),
        VisitBody.MUNICIPALITY: _("Gemeente"),
    }[body]


def visit_type_label(visit_type: VisitType) -> str:
    return {
        VisitType.FIRST: _("Eerste bezoek aan een nieuwe zorgaanbieder"),
        VisitType.ANNOUNCED: _("Aangekondigd bezoek"),
        VisitType.UNANNOUNCED: _("Onaangekondigd bezoek"),
        VisitType.AFTER_SIGNALS: _("Bezoek na signalen of klachten"),
        VisitType.THEMATIC: _("Themabezoek"),
        VisitType.CONSCIOUS_CHOICE: _("Bewuste-keuzegesprek van het zorgkantoor"),
    }[visit_type]


def distance_text(km: float) -> str:
    return _("%(km)s km", km=format_decimal(km, format="#,##0.0"))
