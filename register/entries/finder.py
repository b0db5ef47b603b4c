"""Search and filter the published initiatives: the logic behind /initiatieven and the API.

``parse_search_params`` turns URL parameters into ``SearchParams`` and a list of
``(field_id, message)`` problems; it never raises, and keeps whatever part of the request
is valid. ``find`` runs the search: full text through the search index (ids in rank
order), then place and radius, facets and sorting over an in-memory snapshot of every
initiative's filterable facts, then one query for the rows of the current page.

Facets are disjunctive: options within one facet are alternatives (OR), facets combine
with AND. The count next to an option is the number of results if that option were added,
given the text, place and all *other* facets; selected options keep their count too.
"""

from __future__ import annotations

import functools
import math
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from register.entries.changes import data_generation
from register.entries.models import (
    Association,
    Bilingual,
    Certification,
    ChangeLogEntry,
    ClaimStatus,
    FundingRoute,
    Initiative,
    Kind,
    Membership,
    QualityMark,
    TargetGroup,
    VacancyStatus,
    effective_claim_status,
    initiative_funding_route,
    initiative_target_group,
)
from register.entries.presenters import province_label, vacancy_label
from register.entries.public import register_today
from register.entries.queries import published_initiatives
from register.extensions import db
from register.geo import PROVINCES, Place, distance_km, find_place, normalise, suggest_places
from register.search.query import MAX_QUERY_LENGTH, clean_query, search_words, text_search

FACETS = (
    "province",
    "kind",
    "target_group",
    "funding",
    "association",
    "quality_mark",
    "vacancy",
)
_CATALOGUES = {
    "kind": Kind,
    "target_group": TargetGroup,
    "funding": FundingRoute,
    "association": Association,
    "quality_mark": QualityMark,
}
SORTS = ("relevance", "name", "distance", "updated")
DEFAULT_RADIUS_KM = 25
MIN_RADIUS_KM, MAX_RADIUS_KM = 1, 300
MAX_PLACE_LENGTH = 100
MAX_VALUES_PER_FACET = 50


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    near: str = ""
    radius: float = DEFAULT_RADIUS_KM
    province: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    target_group: tuple[str, ...] = ()
    funding: tuple[str, ...] = ()
    association: tuple[str, ...] = ()
    quality_mark: tuple[str, ...] = ()
    vacancy: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    # The place ``near`` names (None when empty or unknown) and, when unknown, look-alikes.
    origin: Place | None = None
    place_suggestions: tuple[Place, ...] = ()

    def selected(self, facet: str) -> tuple[str, ...]:
        return getattr(self, facet)


@dataclass(frozen=True)
class FacetOption:
    key: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    items: list[Initiative]
    total: int
    page: int
    page_count: int
    facets: dict[str, list[FacetOption]]
    distances_km: dict[int, float] = field(default_factory=dict)
    suggestion: str | None = None
    origin: Place | None = None
    # True when the requested page was past the last one and the last page is shown.
    page_clamped: bool = False


# --- parsing ---------------------------------------------------------------------------------


def facet_title(facet: str) -> str:
    return {
        "province": _("Provincie"),
        "kind": _("Soort initiatief"),
        "target_group": _("Doelgroep"),
        "funding": _("Financiering"),
        "association": _("Branchevereniging"),
        "quality_mark": _("Keurmerk"),
        "vacancy": _("Plaats vrij"),
    }[facet]


def _valid_keys() -> dict[str, frozenset[str]]:
    keys = {
        facet: frozenset(option.key for option in options)
        for facet, options in _snapshot().catalogues.items()
    }
    keys["province"] = frozenset(PROVINCES)
    keys["vacancy"] = frozenset(status.value for status in VacancyStatus)
    return keys


def parse_search_params(args: MultiDict) -> tuple[SearchParams, list[tuple[str, str]]]:
    """Search parameters from a query string, and the problems found; never raises."""
    errors: list[tuple[str, str]] = []
    values: dict = {}

    raw_q = " ".join(str(args.get("q", "")).split())
    values["q"] = clean_query(raw_q)
    if len(raw_q) > MAX_QUERY_LENGTH:
        errors.append(
            (
                "q",
                _(
                    "De zoekterm is te lang. Alleen de eerste %(max)s tekens zijn gebruikt.",
                    max=MAX_QUERY_LENGTH,
                ),
            )
        )

    values.update(_parse_place(args, errors))
    values.update(_parse_facets(args, errors))
    values["sort"] = _parse_sort(args, values.get("origin"), values["near"], errors)
    values["page"] = _parse_page(args, errors)
    return SearchParams(**values), errors


def _parse_place(args: MultiDict, errors: list[tuple[str, str]]) -> dict:
    near = clean_query(str(args.get("near", "")))[:MAX_PLACE_LENGTH]
    values: dict = {"near": near}
    if near:
        origin = find_place(near)
        values["origin"] = origin
        if origin is None:
            suggestions = tuple(suggest_places(near))
            values["place_suggestions"] = suggestions
            if suggestions:
                message = _(
                    "Plaats %(place)s niet gevonden. Bedoel je: %(suggestions)s?",
                    place=near,
                    suggestions=", ".join(_place_label(p) for p in suggestions),
                )
            else:
                message = _(
                    "Plaats %(place)s niet gevonden. Controleer de spelling of kies een "
                    "plaats in de buurt.",
                    place=near,
                )
            errors.append(("near", message))

    raw = str(args.get("radius", "")).strip()
    if raw:
        radius = _number(raw)
        if radius is None or not MIN_RADIUS_KM <= radius <= MAX_RADIUS_KM:
            errors.append(
                (
                    "radius",
                    _(
                        "Kies een afstand van %(min)s tot en met %(max)s km.",
                        min=MIN_RADIUS_KM,
                        max=MAX_RADIUS_KM,
                    ),
                )
            )
        else:
            values["radius"] = int(radius) if radius.is_integer() else radius
    return values


def _place_label(place: Place) -> str:
    return f"{place.name} ({place.province})"


def _number(raw: str) -> float | None:
    if len(raw) > 20:
        return None
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _parse_facets(args: MultiDict, errors: list[tuple[str, str]]) -> dict:
    valid = _valid_keys()
    values: dict = {}
    for facet in FACETS:
        chosen = []
        unknown = []
        for raw in args.getlist(facet)[:MAX_VALUES_PER_FACET]:
            value = str(raw).strip()
            if not value or value in chosen:
                continue
            (chosen if value in valid[facet] else unknown).append(value)
        if unknown:
            errors.append(
                (
                    facet,
                    _(
                        "Onbekende keuze bij %(filter)s: %(value)s. Die is niet gebruikt.",
                        filter=facet_title(facet),
                        value=clean_query(", ".join(unknown))[:80],
                    ),
                )
            )
        values[facet] = tuple(chosen)
    return values


def _parse_sort(
    args: MultiDict, origin: Place | None, near: str, errors: list[tuple[str, str]]
) -> str:
    sort = str(args.get("sort", "")).strip() or "relevance"
    if sort not in SORTS:
        errors.append(
            ("sort", _("Deze sortering bestaat niet. De resultaten staan op relevantie."))
        )
        return "relevance"
    if sort == "distance" and origin is None:
        if not near:  # an unknown place has its own message already
            errors.append(("sort", _("Sorteren op afstand kan alleen als je een plaats invult.")))
        return "relevance"
    return sort


def _parse_page(args: MultiDict, errors: list[tuple[str, str]]) -> int:
    raw = str(args.get("page", "")).strip()
    if not raw:
        return 1
    if raw.isascii() and raw.isdigit() and int(raw[:12]) >= 1:
        return int(raw[:12]) if len(raw) <= 12 else 10**12
    errors.append(("page", _("Het paginanummer moet een heel getal vanaf 1 zijn.")))
    return 1


# --- the snapshot of filterable facts ----------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    id: int
    name_key: str
    updated_at: datetime | None
    latitude: float
    longitude: float
    values: dict[str, frozenset[str]]


@dataclass(frozen=True)
class _Snapshot:
    version: tuple
    rows: list[_Row]
    by_id: dict[int, _Row]
    catalogues: dict[str, list[_Option]]

    @functools.cached_property
    def counts(self) -> dict[str, Counter]:
        """Option counts over all initiatives: the landing page's facets, computed once."""
        return {
            facet: Counter(chain.from_iterable(row.values[facet] for row in self.rows))
            for facet in FACETS
        }


class _Option(Bilingual):
    """A catalogue row detached from the session; ``label`` follows the current language."""

    def __init__(self, key: str, name_nl: str, name_en: str):
        self.key, self.name_nl, self.name_en = key, name_nl, name_en


_cache: dict[str, _Snapshot] = {}
_cache_lock = threading.Lock()


def _snapshot() -> _Snapshot:
    """Every published initiative's filterable facts, rebuilt when the register changed.

    Changed means: the change log moved (any server), this process committed to register
    tables, or the day changed (claims expire).
    """
    today = register_today()
    # The change log is append-only: its first and last id (both read from the index, unlike
    # a count) change whenever the published data does, or the log is reset.
    first, last = db.session.execute(
        select(func.min(ChangeLogEntry.id), func.max(ChangeLogEntry.id))
    ).one()
    version = (first, last, data_generation(), today, str(db.engine.url))
    snapshot = _cache.get("snapshot")
    if snapshot is not None and snapshot.version == version:
        return snapshot
    with _cache_lock:
        snapshot = _cache.get("snapshot")  # another thread may have built it meanwhile
        if snapshot is None or snapshot.version != version:
            snapshot = _build_snapshot(version, today)
            _cache["snapshot"] = snapshot
    return snapshot


def _verified_keys(model, catalogue, foreign_key, today: date) -> dict[int, set[str]]:
    """Keys of claims that count as verified today (verified, not past their end date)."""
    rows = db.session.execute(
        select(model.initiative_id, catalogue.key, model.valid_until)
        .join(catalogue, foreign_key == catalogue.id)
        .where(model.status == ClaimStatus.VERIFIED)
    )
    keys: dict[int, set[str]] = {}
    for initiative_id, key, valid_until in rows:
        if effective_claim_status(ClaimStatus.VERIFIED, valid_until, today) == ClaimStatus.VERIFIED:
            keys.setdefault(initiative_id, set()).add(key)
    return keys


def _linked_keys(table, column, catalogue) -> dict[int, set[str]]:
    keys: dict[int, set[str]] = {}
    rows = db.session.execute(
        select(table.c.initiative_id, catalogue.key).join(catalogue, column == catalogue.id)
    )
    for initiative_id, key in rows:
        keys.setdefault(initiative_id, set()).add(key)
    return keys


def _build_snapshot(version: tuple, today: date) -> _Snapshot:
    """Association facet: only memberships verified and current today count, like quality
    marks; a self-declared claim is shown on the entry but does not filter."""
    target_groups = _linked_keys(
        initiative_target_group, initiative_target_group.c.target_group_id, TargetGroup
    )
    funding = _linked_keys(
        initiative_funding_route, initiative_funding_route.c.funding_route_id, FundingRoute
    )
    associations = _verified_keys(Membership, Association, Membership.association_id, today)
    marks = _verified_keys(Certification, QualityMark, Certification.quality_mark_id, today)
    rows = []
    result = db.session.execute(
        published_initiatives(
            Initiative.id,
            Initiative.name,
            Initiative.province,
            Initiative.vacancy,
            Initiative.latitude,
            Initiative.longitude,
            Initiative.updated_at,
            Kind.key,
        ).join(Kind, Initiative.kind_id == Kind.id)
    )
    for id_, name, province, vacancy, lat, lon, updated_at, kind in result:
        rows.append(
            _Row(
                id=id_,
                name_key=normalise(name),
                updated_at=updated_at,
                latitude=lat,
                longitude=lon,
                values={
                    "province": frozenset((province,)),
                    "kind": frozenset((kind,)),
                    "target_group": frozenset(target_groups.get(id_, ())),
                    "funding": frozenset(funding.get(id_, ())),
                    "association": frozenset(associations.get(id_, ())),
                    "quality_mark": frozenset(marks.get(id_, ())),
                    "vacancy": frozenset((VacancyStatus(vacancy).value,)),
                },
            )
        )
    catalogues = {
        facet: [
            _Option(key, name_nl, name_en)
            for key, name_nl, name_en in db.session.execute(
                select(model.key, model.name_nl, model.name_en).order_by(model.position, model.key)
            )
        ]
        for facet, model in _CATALOGUES.items()
    }
    return _Snapshot(
        version=version, rows=rows, by_id={row.id: row for row in rows}, catalogues=catalogues
    )


# --- finding ---------------------------------------------------------------------------------


def find(params: SearchParams, page_size: int | None = None) -> SearchResult:
    """The page of results for ``params``, with facet counts, distances and a suggestion."""
    page_size = page_size or current_app.config["PAGE_SIZE"]
    snapshot = _snapshot()

    suggestion = None
    ranked = bool(search_words(params.q))
    if ranked:
        matches = text_search(params.q)
        suggestion = matches.suggestion
        candidates = [snapshot.by_id[i] for i in matches.ids if i in snapshot.by_id]
    else:
        candidates = list(snapshot.rows)

    distances: dict[int, float] = {}
    if params.origin is not None:
        origin = params.origin
        for row in candidates:
            distances[row.id] = distance_km(
                origin.latitude, origin.longitude, row.latitude, row.longitude
            )
        candidates = [row for row in candidates if distances[row.id] <= params.radius]

    if ranked or params.origin is not None or any(map(params.selected, FACETS)):
        results, counts = _filter_and_count(candidates, params)
    else:
        results, counts = candidates, snapshot.counts
    _sort(results, params.sort, ranked, distances)

    total = len(results)
    page_count = max(1, math.ceil(total / page_size))
    page = min(params.page, page_count)
    start = (page - 1) * page_size
    page_ids = [row.id for row in results[start : start + page_size]]
    return SearchResult(
        items=_load_page(page_ids),
        total=total,
        page=page,
        page_count=page_count,
        facets=_facet_options(params, counts, snapshot),
        distances_km={i: round(distances[i], 1) for i in page_ids if i in distances},
        suggestion=suggestion,
        origin=params.origin,
        page_clamped=params.page > page_count,
    )


def _filter_and_count(
    candidates: list[_Row], params: SearchParams
) -> tuple[list[_Row], dict[str, Counter]]:
    """Rows passing every facet, and per facet the option counts over the rows that pass
    all *other* facets (a row failing only facet F still counts towards F's options)."""
    selected = {facet: frozenset(params.selected(facet)) for facet in FACETS}
    active = [facet for facet in FACETS if selected[facet]]
    results: list[_Row] = []
    failing_one: dict[str, list[_Row]] = {facet: [] for facet in active}
    for row in candidates:
        failing = [facet for facet in active if row.values[facet].isdisjoint(selected[facet])]
        if not failing:
            results.append(row)
        elif len(failing) == 1:
            failing_one[failing[0]].append(row)
    counts = {}
    for facet in FACETS:
        counted = chain(results, failing_one.get(facet, ()))
        counts[facet] = Counter(chain.from_iterable(row.values[facet] for row in counted))
    return results, counts


def _sort(results: list[_Row], sort: str, ranked: bool, distances: dict[int, float]) -> None:
    if sort == "relevance" and ranked:
        return  # already in rank order
    results.sort(key=lambda row: (row.name_key, row.id))
    if sort == "distance" and distances:
        results.sort(key=lambda row: distances[row.id])
    elif sort == "updated":
        results.sort(key=lambda row: _timestamp(row.updated_at), reverse=True)


def _timestamp(moment: datetime | None) -> float:
    if moment is None:
        return float("-inf")
    if moment.tzinfo is None:  # SQLite hands back naive UTC datetimes
        return (moment - datetime(1970, 1, 1)).total_seconds()
    return moment.timestamp()


def _load_page(ids: list[int]) -> list[Initiative]:
    if not ids:
        return []
    rows = db.session.scalars(
        published_initiatives()
        .where(Initiative.id.in_(ids))
        .options(
            selectinload(Initiative.target_groups),
            selectinload(Initiative.funding_routes),
            selectinload(Initiative.memberships),
            selectinload(Initiative.certifications),
            selectinload(Initiative.visits),
            selectinload(Initiative.statements),
        )
    )
    by_id = {initiative.id: initiative for initiative in rows}
    return [by_id[i] for i in ids if i in by_id]


def _facet_options(
    params: SearchParams, counts: dict[str, Counter], snapshot: _Snapshot
) -> dict[str, list[FacetOption]]:
    """Every option of every facet, in catalogue order, with its count (0 included)."""
    labelled: dict[str, list[tuple[str, str]]] = {
        facet: [(option.key, option.label) for option in options]
        for facet, options in snapshot.catalogues.items()
    }
    labelled["province"] = [(name, province_label(name)) for name in PROVINCES]
    labelled["vacancy"] = [(status.value, vacancy_label(status)) for status in VacancyStatus]
    return {
        facet: [
            FacetOption(key, label, counts[facet][key], key in params.selected(facet))
            for key, label in labelled[facet]
        ]
        for facet in FACETS
    }
