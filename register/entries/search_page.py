"""The search page's parts: result cards, links that change the search, page numbers,
the filter groups, the filters in use, and where error-summary links lead."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from flask import url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from register.entries import rules
from register.entries.claims import (
    certifications,
    claim_summary,
    membership_summary,
    memberships,
)
from register.entries.detail_page import (
    confirmed_short,
    freshness,
    inspection_caution_text,
    last_visit_text,
)
from register.entries.facets import facet_title
from register.entries.finder import SearchResult
from register.entries.labels import distance_text, long_date, vacancy_label
from register.entries.models import Initiative
from register.entries.search_params import SearchParams


@dataclass(frozen=True)
class Card:
    """What a result in the list shows about one initiative."""

    initiative: Initiative
    kind: str
    distance: str | None
    vacancy: str
    target_groups: list[str]
    badges: list[str]  # valid memberships and marks
    cautions: list[str]  # expired or unchecked claims, an inspection long ago or never
    last_visit: str
    confirmed: str
    is_stale: bool


def card(initiative: Initiative, today: date, distance_km: float | None = None) -> Card:
    member_of = memberships(initiative, today)
    marks = certifications(initiative, today)
    badges = [
        _("Lid van %(name)s, gecontroleerd", name=view.short_name)
        for view in member_of
        if view.is_valid
    ] + [
        _(
            "%(name)s, geldig tot %(date)s",
            name=view.short_name,
            date=long_date(view.claim.valid_until),
        )
        if view.claim.valid_until
        else _("%(name)s, gecontroleerd", name=view.short_name)
        for view in marks
        if view.is_valid
    ]
    cautions = [membership_summary(view) for view in member_of if view.caution]
    cautions += [claim_summary(view) for view in marks if view.caution]
    if caution := rules.inspection_caution(initiative, today):
        cautions.append(inspection_caution_text(initiative, caution, today))
    return Card(
        initiative=initiative,
        kind=initiative.kind.label,
        distance=distance_text(distance_km) if distance_km is not None else None,
        vacancy=vacancy_label(initiative.vacancy),
        target_groups=[t.label for t in initiative.target_groups],
        badges=badges,
        cautions=cautions,
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


def facet_groups(facets: dict) -> list[FacetGroup]:
    """Checkbox groups for the filter form: options that would find something, or are chosen.
    ``facets`` as the finder returns them."""
    groups = []
    for key, facet_options in facets.items():
        options = [o for o in facet_options if o.count or o.selected]
        if options:
            groups.append(
                FacetGroup(
                    key,
                    facet_title(key),
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
    args: MultiDict, params: SearchParams, result: SearchResult
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
                _("%(facet)s: %(value)s", facet=facet_title(key), value=option.label),
                search_url(args, [(key, option.key)]),
            )
            for option in facet_options
            if option.selected
        )
    return active
