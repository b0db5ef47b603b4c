"""Where each public fact of an entry comes from and how fresh it is, in words.

Facts without a provenance row of their own come from the entry as a whole: given by their
usual source (``Fact.default_source``) and confirmed when the initiative last confirmed
its entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from register.entries import rules
from register.entries.fields import FACTS_BY_KEY
from register.entries.models import ChangeLogEntry, Initiative, Source
from register.extensions import db
from register.i18n import format_date

# The facts the detail page shows, in its order; name, slug and status need no source line.
SHOWN_FACTS = (
    "kind",
    "started_on",
    "capacity",
    "vacancy",
    "target_groups",
    "funding_routes",
    "collective_budget",
    "registration",
    "address",
    "contact",
    "statements",
    "memberships",
    "certifications",
    "visits",
)


def source_label(source: Source) -> str:
    return {
        Source.SYSTEM: _("het register"),
        Source.SEED: _("het register"),
        Source.IMPORT: _("een import door het register"),
        Source.REGISTER: _("de medewerkers van het register"),
        Source.INITIATIVE: _("het initiatief zelf"),
        Source.ASSOCIATION: _("de branchevereniging"),
        Source.INSPECTORATE: _("de inspectie, het zorgkantoor of de gemeente"),
    }[source]


@dataclass(frozen=True)
class FactSource:
    label: str
    text: str
    is_stale: bool


def fact_sources(initiative: Initiative, today: date) -> list[FactSource]:
    """One line per shown fact: who gave it, when, whether the register checked it, and
    when it was last confirmed."""
    checked = checked_by_register(initiative)
    lines = []
    for key in SHOWN_FACTS:
        fact = FACTS_BY_KEY[key]
        origin = rules.fact_origin(initiative, key, fact.default_source)
        label = str(fact.label)
        checked_on = checked.get(key) if origin.source == Source.INITIATIVE else None
        if checked_on and origin.asserted_on and checked_on < origin.asserted_on:
            checked_on = None  # given again since, without a check (a light change)
        lines.append(
            FactSource(
                label=label[:1].upper() + label[1:],
                text=_sentence(
                    source_label(origin.source),
                    origin.asserted_on,
                    origin.confirmed_on,
                    checked_on,
                ),
                is_stale=origin.source == Source.INITIATIVE
                and rules.is_stale(origin.confirmed_on, today),
            )
        )
    return lines


def checked_by_register(initiative: Initiative) -> dict[str, date]:
    """Per fact, the day register staff last approved a change the initiative gave (a
    change-log entry that came from a moderated revision)."""
    entries = db.session.execute(
        select(ChangeLogEntry.fields, ChangeLogEntry.changed_at)
        .where(
            ChangeLogEntry.initiative_id == initiative.id,
            ChangeLogEntry.revision_id.is_not(None),
            ChangeLogEntry.source == Source.INITIATIVE,
        )
        .order_by(ChangeLogEntry.id)
    )
    return {fact: changed_at.date() for fields, changed_at in entries for fact in fields}


def _sentence(
    source: str, asserted: date | None, confirmed: date | None, checked: date | None = None
) -> str:
    if asserted and checked:
        text = _(
            "Gegeven door %(source)s op %(asserted)s, gecontroleerd door het register op "
            "%(checked)s.",
            source=source,
            asserted=format_date(asserted, "long"),
            checked=format_date(checked, "long"),
        )
        if confirmed and confirmed > checked:
            text += " " + _("Bevestigd op %(confirmed)s.", confirmed=format_date(confirmed, "long"))
        return text
    if asserted and confirmed and confirmed != asserted:
        return _(
            "Van %(source)s, gegeven op %(asserted)s, bevestigd op %(confirmed)s.",
            source=source,
            asserted=format_date(asserted, "long"),
            confirmed=format_date(confirmed, "long"),
        )
    if asserted:
        return _(
            "Van %(source)s, gegeven op %(asserted)s.",
            source=source,
            asserted=format_date(asserted, "long"),
        )
    if confirmed:
        return _(
            "Van %(source)s, bevestigd op %(confirmed)s.",
            source=source,
            confirmed=format_date(confirmed, "long"),
        )
    return _("Van %(source)s; niet bekend wanneer.", source=source)
