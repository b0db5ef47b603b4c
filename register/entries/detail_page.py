"""What the detail page says about an initiative: where its facts come from and how fresh
they are, its visits, the seven self-direction statements and the public change history.

The short forms of the same texts (one line for result cards and the comparison table) sit
beside their long forms, so each rule is worded in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import select

from register.entries import rules
from register.entries.fields import fact_of
from register.entries.labels import long_date, visit_body_label, visit_type_label
from register.entries.models import (
    ChangeAction,
    ChangeLogEntry,
    Initiative,
    Requirement,
    Statement,
    Visit,
)
from register.entries.public import web_url
from register.extensions import db

# --- freshness -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    text: str
    is_stale: bool
    warning: str = ""


def freshness(initiative: Initiative, today: date) -> Freshness:
    """Where the published facts come from and how recently the initiative confirmed them."""
    confirmed = initiative.last_confirmed_on
    if confirmed is None:
        return Freshness(
            _("Zelf opgegeven door het initiatief; nog nooit bevestigd."),
            is_stale=True,
            warning=_(
                "Het initiatief heeft deze gegevens nooit bevestigd. Vraag na of ze nog kloppen."
            ),
        )
    text = _(
        "Zelf opgegeven, door het initiatief bevestigd op %(date)s.", date=long_date(confirmed)
    )
    if rules.is_stale(confirmed, today):
        return Freshness(
            text,
            is_stale=True,
            warning=_(
                "Let op: deze gegevens zijn niet bevestigd sinds %(date)s, langer dan 12 "
                "maanden. Ze kunnen verouderd zijn. Vraag het initiatief of ze nog kloppen.",
                date=long_date(confirmed),
            ),
        )
    return Freshness(text, is_stale=False)


def not_confirmed_since(confirmed: date) -> str:
    """How a stale entry is flagged, on its pages and in the reminder that warns of it."""
    return _("Niet bevestigd sinds %(date)s", date=long_date(confirmed))


def confirmed_short(initiative: Initiative, today: date) -> str:
    """One line for result cards and the comparison table."""
    confirmed = initiative.last_confirmed_on
    if confirmed is None:
        return _("Nooit bevestigd")
    if rules.is_stale(confirmed, today):
        return not_confirmed_since(confirmed)
    return _("Bevestigd op %(date)s", date=long_date(confirmed))


# --- visits ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitView:
    visited_on: date
    body_label: str
    type_label: str
    report_url: str | None


def visits(initiative: Initiative) -> list[VisitView]:
    return [
        VisitView(
            v.visited_on,
            visit_body_label(v.body),
            visit_type_label(v.visit_type),
            web_url(v.report_url),
        )
        for v in sorted(initiative.visits, key=lambda v: v.visited_on, reverse=True)
    ]


def last_visit(initiative: Initiative) -> Visit | None:
    return max(initiative.visits, key=lambda v: v.visited_on, default=None)


def inspection_caution_text(
    initiative: Initiative, caution: rules.InspectionCaution, today: date
) -> str:
    """The warning for ``rules.inspection_caution``, in words (result cards)."""
    if caution == rules.InspectionCaution.LONG_AGO:
        return _(
            "Laatste bezoek van de inspectie: meer dan %(years)s jaar geleden",
            years=rules.INSPECTION_LONG_AGO_MONTHS // 12,
        )
    if rules.awaiting_first_visit(initiative, today):
        return _("Nieuw initiatief: nog niet bezocht door de inspectie")
    return _("Nog nooit bezocht door de inspectie")


def last_visit_text(initiative: Initiative) -> str:
    visit = last_visit(initiative)
    if visit is None:
        return _("Geen bezoek geregistreerd")
    return _(
        "%(date)s, %(body)s",
        date=long_date(visit.visited_on),
        body=visit_body_label(visit.body),
    )


# --- the personal budget spent together --------------------------------------------------------


def collective_budget_text(initiative: Initiative) -> str:
    if not initiative.collective_budget:
        return _("Nee, er wordt geen deel van het pgb samen besteed.")
    if initiative.collective_share_percent is None:
        return _(
            "Ja, een deel van het pgb wordt samen besteed. "
            "Hoe groot dat deel is, is niet opgegeven."
        )
    return _(
        "Ja, %(share)s%% van het pgb wordt samen besteed.",
        share=format_decimal(initiative.collective_share_percent, format="#,##0.##"),
    )


def collective_share_short(initiative: Initiative) -> str:
    if not initiative.collective_budget:
        return _("Geen")
    if initiative.collective_share_percent is None:
        return _("Ja, deel niet opgegeven")
    return _(
        "%(share)s%%", share=format_decimal(initiative.collective_share_percent, format="#,##0.##")
    )


# --- the seven self-direction statements -----------------------------------------------------


@dataclass(frozen=True)
class StatementRow:
    requirement: Requirement
    statement: Statement | None
    status: rules.RequirementStatus

    @property
    def is_missing(self) -> bool:
        return self.status == rules.RequirementStatus.MISSING

    @property
    def is_not_applicable(self) -> bool:
        return self.status == rules.RequirementStatus.NOT_APPLICABLE


def statement_rows(initiative: Initiative, requirements: list[Requirement]) -> list[StatementRow]:
    """One row per requirement in requirement order, with the statement or ``None`` and
    whether it is stated, missing or does not apply (``rules.requirement_status``)."""
    by_requirement = {s.requirement_id: s for s in initiative.statements}
    rows = []
    for requirement in requirements:
        statement = by_requirement.get(requirement.id)
        status = rules.requirement_status(initiative, requirement, statement)
        rows.append(StatementRow(requirement, statement, status))
    return rows


def not_applicable_reason() -> str:
    """Why a requirement about the pgb does not apply (``rules.requirement_applies``)."""
    return _("Dit initiatief werkt niet met een pgb; deze eis gaat over het pgb.")


# --- public change history -------------------------------------------------------------------


def changed_fields_text(fields: list[str]) -> str:
    """The facts a change touched, by their public labels, each once."""
    words: list[str] = []
    for name in fields:
        fact = fact_of(name)
        # A field without a public label is named only in general terms, never by its
        # internal name (which may be English or say more than the public should read).
        word = str(fact.label) if fact else _("overige gegevens")
        if word not in words:
            words.append(word)
    return ", ".join(words)


@dataclass(frozen=True)
class HistoryItem:
    on: datetime
    text: str


def history(initiative: Initiative) -> list[HistoryItem]:
    """The public change history, newest first: when and what changed, never the values."""
    entries = db.session.scalars(
        select(ChangeLogEntry)
        .where(ChangeLogEntry.initiative_id == initiative.id)
        .order_by(ChangeLogEntry.changed_at.desc(), ChangeLogEntry.id.desc())
    )
    return [HistoryItem(entry.changed_at, _history_text(entry)) for entry in entries]


def _history_text(entry: ChangeLogEntry) -> str:
    if entry.action == ChangeAction.CREATED:
        return _("Opgenomen in het register")
    if entry.action in (ChangeAction.DELETED, ChangeAction.WITHDRAWN):
        return _("Uit het register gehaald")
    changed = changed_fields_text(entry.fields)
    if changed:
        return _("Gewijzigd: %(fields)s", fields=changed)
    return _("Gewijzigd")
