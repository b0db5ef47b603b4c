"""Texts the public register pages show about an initiative: provenance, freshness, statuses.

Everything here turns stored facts into words a person can read, in the current language,
and builds the links of the search page. It reads, never writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from flask import url_for
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from register.entries import rules
from register.entries.fields import fact_of
from register.entries.models import (
    ChangeAction,
    ChangeLogEntry,
    Claim,
    ClaimStatus,
    Initiative,
    Requirement,
    Statement,
    VacancyStatus,
    Visit,
    VisitBody,
    VisitType,
)
from register.entries.public import all_requirements, web_url
from register.extensions import db


def long_date(value: date) -> str:
    return format_date(value, "long")


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
                "Let op: deze gegevens zijn langer dan 12 maanden niet bevestigd. "
                "Ze kunnen verouderd zijn. Vraag het initiatief of ze nog kloppen."
            ),
        )
    return Freshness(text, is_stale=False)


def confirmed_short(initiative: Initiative, today: date) -> str:
    """One line for result cards and the comparison table."""
    confirmed = initiative.last_confirmed_on
    if confirmed is None:
        return _("Nooit bevestigd")
    if rules.is_stale(confirmed, today):
        return _("Bevestigd op %(date)s (ouder dan 12 maanden)", date=long_date(confirmed))
    return _("Bevestigd op %(date)s", date=long_date(confirmed))


# --- claims: memberships and certifications --------------------------------------------------


@dataclass(frozen=True)
class ClaimView:
    name: str
    short_name: str
    status: ClaimStatus
    status_label: str
    provenance: str
    claim: Claim


def claim_status_label(status: ClaimStatus) -> str:
    return {
        ClaimStatus.SELF_DECLARED: _("Zelf opgegeven"),
        ClaimStatus.VERIFIED: _("Gecontroleerd"),
        ClaimStatus.REJECTED: _("Afgewezen"),
        ClaimStatus.EXPIRED: _("Verlopen"),
    }[status]


def claim_provenance(claim: Claim, today: date) -> str:
    """Who said so and who checked it: 'verified by BVKZ on 1 February 2024' and the like."""
    status = claim.effective_status(today)
    checked_by = claim.verified_by or _("de controlerende organisatie")
    if status == ClaimStatus.VERIFIED and claim.verified_on:
        return _(
            "Gecontroleerd door %(by)s op %(date)s.",
            by=checked_by,
            date=long_date(claim.verified_on),
        )
    if status == ClaimStatus.VERIFIED:
        return _("Gecontroleerd door %(by)s.", by=checked_by)
    if status == ClaimStatus.REJECTED and claim.verified_on:
        return _(
            "Afgewezen door %(by)s op %(date)s: de opgave klopte niet.",
            by=checked_by,
            date=long_date(claim.verified_on),
        )
    if status == ClaimStatus.REJECTED:
        return _("Afgewezen door %(by)s: de opgave klopte niet.", by=checked_by)
    if status == ClaimStatus.EXPIRED and claim.valid_until:
        return _("Verlopen op %(date)s.", date=long_date(claim.valid_until))
    if status == ClaimStatus.EXPIRED:
        return _("Verlopen.")
    if claim.declared_on:
        return _(
            "Zelf opgegeven door het initiatief op %(date)s; nog niet gecontroleerd.",
            date=long_date(claim.declared_on),
        )
    return _("Zelf opgegeven door het initiatief; nog niet gecontroleerd.")


def memberships(initiative: Initiative, today: date) -> list[ClaimView]:
    views = []
    for m in sorted(initiative.memberships, key=lambda m: m.association.position):
        association = m.association
        name = association.label
        if association.abbreviation and association.abbreviation not in name:
            name = f"{name} ({association.abbreviation})"
        views.append(_claim_view(name, association.abbreviation or name, m, today))
    return views


def certifications(initiative: Initiative, today: date) -> list[ClaimView]:
    return [
        _claim_view(c.quality_mark.label, c.quality_mark.label, c, today)
        for c in sorted(initiative.certifications, key=lambda c: c.quality_mark.position)
    ]


def _claim_view(name: str, short_name: str, claim: Claim, today: date) -> ClaimView:
    status = claim.effective_status(today)
    return ClaimView(
        name, short_name, status, claim_status_label(status), claim_provenance(claim, today), claim
    )


def claim_summary(view: ClaimView) -> str:
    """'BVKZ: verified' — for cards and the comparison table."""
    return _("%(name)s: %(status)s", name=view.short_name, status=view.status_label.lower())


# --- simple labels ---------------------------------------------------------------------------


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


def last_visit_text(initiative: Initiative) -> str:
    visit = last_visit(initiative)
    if visit is None:
        return _("Geen bezoek geregistreerd")
    return _(
        "%(date)s, %(body)s",
        date=long_date(visit.visited_on),
        body=visit_body_label(visit.body),
    )


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


def distance_text(km: float) -> str:
    return _("%(km)s km", km=format_decimal(km, format="#,##0.0"))


# --- the seven self-direction statements -----------------------------------------------------


@dataclass(frozen=True)
class StatementRow:
    requirement: Requirement
    statement: Statement | None

    @property
    def is_missing(self) -> bool:
        return not rules.statement_given(self.statement)


def statement_rows(initiative: Initiative, requirements: list[Requirement]) -> list[StatementRow]:
    """One row per requirement in requirement order, with the statement or ``None``."""
    by_requirement = {s.requirement_id: s for s in initiative.statements}
    return [StatementRow(r, by_requirement.get(r.id)) for r in requirements]


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


# --- comparison table ------------------------------------------------------------------------


@dataclass(frozen=True)
class CompareRow:
    label: str
    cells: list[list[str]]  # per initiative, one or more lines

    @property
    def differs(self) -> bool:
        return len({tuple(cell) for cell in self.cells}) > 1


def compare_rows(initiatives: list[Initiative], today: date) -> list[CompareRow]:
    """The same facts for every initiative, one row per fact, in the order of the detail page."""

    def row(label: str, cell) -> CompareRow:
        return CompareRow(label, [_lines(cell(initiative)) for initiative in initiatives])

    rows = [
        row(_("Soort initiatief"), lambda i: i.kind.label),
        row(
            _("Plaats"),
            lambda i: _(
                "%(place)s (%(province)s)", place=i.place, province=province_label(i.province)
            ),
        ),
        row(_("Aantal plaatsen"), lambda i: str(i.capacity)),
        row(_("Beschikbaarheid"), lambda i: vacancy_label(i.vacancy)),
        row(_("Doelgroepen"), lambda i: [t.label for t in i.target_groups] or _("Niet opgegeven")),
        row(
            _("Financiering"), lambda i: [f.label for f in i.funding_routes] or _("Niet opgegeven")
        ),
        row(_("Deel van het pgb dat samen wordt besteed"), collective_share_short),
        row(
            _("Lidmaatschap branchevereniging"),
            lambda i: [claim_summary(v) for v in memberships(i, today)] or _("Geen opgegeven"),
        ),
        row(
            _("Keurmerken"),
            lambda i: [claim_summary(v) for v in certifications(i, today)] or _("Geen opgegeven"),
        ),
        row(_("Laatste bezoek"), last_visit_text),
        row(_("Gegevens bevestigd"), lambda i: confirmed_short(i, today)),
    ]
    for requirement in all_requirements():
        rows.append(
            row(
                _("Eis %(number)s: %(title)s", number=requirement.number, title=requirement.label),
                lambda i, r=requirement: (
                    _("Niet ingevuld") if statement_rows(i, [r])[0].is_missing else _("Ingevuld")
                ),
            )
        )
    return rows


def _lines(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


# --- search results --------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """What a result in the list shows about one initiative."""

    initiative: Initiative
    kind: str
    distance: str | None
    vacancy: str
    target_groups: list[str]
    badges: list[str]
    last_visit: str
    confirmed: str
    is_stale: bool


def card(initiative: Initiative, today: date, distance_km: float | None = None) -> Card:
    badges = [
        _("Lid van %(name)s, gecontroleerd", name=view.short_name)
        for view in memberships(initiative, today)
        if view.status == ClaimStatus.VERIFIED
    ] + [
        _(
            "%(name)s, geldig tot %(date)s",
            name=view.short_name,
            date=long_date(view.claim.valid_until),
        )
        if view.claim.valid_until
        else _("%(name)s, gecontroleerd", name=view.short_name)
        for view in certifications(initiative, today)
        if view.status == ClaimStatus.VERIFIED
    ]
    return Card(
        initiative=initiative,
        kind=initiative.kind.label,
        distance=distance_text(distance_km) if distance_km is not None else None,
        vacancy=vacancy_label(initiative.vacancy),
        target_groups=[t.label for t in initiative.target_groups],
        badges=badges,
        last_visit=last_visit_text(initiative),
        confirmed=confirmed_short(initiative, today),
        is_stale=freshness(initiative, today).is_stale,
    )


def search_url(args: MultiDict, remove: Iterable[tuple[str, str | None]] = (), **replace) -> str:
    """The search page for ``args`` without the given (key, value) pairs (value ``None``: every
    value of the key) and with ``replace`` set; ``page`` starts again at 1 unless set."""
    removed = list(remove)
    pairs = [
        (key, value)
        for key, value in args.items(multi=True)
        if key != "page"
        and key not in replace
        and not any(key == k and (v is None or v == value) for k, v in removed)
    ]
    pairs += [(key, str(value)) for key, value in replace.items() if value not in (None, "")]
    return url_for("entries.index") + ("?" + urlencode(pairs) if pairs else "")


def page_numbers(page: int, page_count: int, around: int = 2) -> list[int | None]:
    """Page links to show: first, last and the pages around the current one; ``None`` = gap."""
    shown = sorted(
        {1, page_count} | set(range(max(1, page - around), min(page_count, page + around) + 1))
    )
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


@dataclass(frozen=True)
class FacetGroup:
    key: str
    legend: str
    options: list[tuple[str, str]]  # (value, "label (count)") for the checkbox fieldset
    selected: list[str]


def facet_groups(facets: dict, title: Callable[[str], str]) -> list[FacetGroup]:
    """Checkbox groups for the filter form: options that would find something, or are chosen.
    ``facets`` as the finder returns them; ``title(facet)`` names a facet."""
    groups = []
    for key, facet_options in facets.items():
        options = [o for o in facet_options if o.count or o.selected]
        if options:
            groups.append(
                FacetGroup(
                    key,
                    title(key),
                    [
                        (o.key, _("%(label)s (%(count)s)", label=o.label, count=o.count))
                        for o in options
                    ],
                    [o.key for o in options if o.selected],
                )
            )
    return groups


RESULTS_HEADING_ID = "resultaten"


def link_errors_to_page(errors: list[tuple[str, str]], rendered: set[str]) -> list[tuple[str, str]]:
    """Error-summary links must lead somewhere: a message about a field the page does not
    show (the page number, a filter group with nothing to choose) links to the results."""
    return [
        (field_id if field_id in rendered else RESULTS_HEADING_ID, message)
        for field_id, message in errors
    ]


@dataclass(frozen=True)
class ActiveFilter:
    text: str
    remove_url: str


def active_filters(
    args: MultiDict, params, result, title: Callable[[str], str]
) -> list[ActiveFilter]:
    """What the search is narrowed by, each with a link that takes it away."""
    active = []
    if params.q:
        active.append(
            ActiveFilter(_("Zoekwoord: %(q)s", q=params.q), search_url(args, [("q", None)]))
        )
    if result.origin is not None:
        active.append(
            ActiveFilter(
                _(
                    "Binnen %(radius)s km van %(place)s",
                    radius=format_decimal(params.radius),
                    place=result.origin.name,
                ),
                search_url(args, [("near", None), ("radius", None), ("sort", "distance")]),
            )
        )
    for key, facet_options in result.facets.items():
        active.extend(
            ActiveFilter(
                _("%(facet)s: %(value)s", facet=title(key), value=option.label),
                search_url(args, [(key, option.key)]),
            )
            for option in facet_options
            if option.selected
        )
    return active
