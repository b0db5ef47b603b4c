"""Find published initiatives: the logic behind /initiatieven and the API.

``find`` runs the search: full text through the search index (the matching ids, unscored),
then place and radius, facets and sorting over the in-memory snapshot of every initiative's
filterable facts (``snapshot.py``), then one query for the rows of the current page. Only
results shown by relevance are scored (``Matches.ranked``), and the searcher keeps that
ranking for the next page or filter: scoring every match of a common word for every request
was most of a search's time.

Facets are disjunctive: options within one facet are alternatives (OR), facets combine
with AND. The count next to an option is the number of results if that option were added,
given the text, place and all *other* facets; selected options keep their count too.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from operator import and_, or_

from flask import current_app
from sqlalchemy.orm import selectinload

from register.entries.facets import FACET_KEYS
from register.entries.models import Initiative
from register.entries.queries import published_initiatives
from register.entries.search_params import SearchParams
from register.entries.snapshot import Row, Snapshot, mask_of, snapshot
from register.extensions import db
from register.geo import EARTH_RADIUS_KM, Place, distance_km
from register.search.query import match_text, search_words


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


def find(params: SearchParams, page_size: int | None = None) -> SearchResult:
    """The page of results for ``params``, with facet counts, distances and a suggestion."""
    page_size = page_size or current_app.config["PAGE_SIZE"]
    current = snapshot()

    matches = match_text(params.q) if search_words(params.q) else None
    if matches is not None:
        candidates = [row for row in current.rows if row.id in matches.ids]
    else:
        candidates = list(current.rows)

    distances: dict[int, float] = {}
    if params.origin is not None:
        origin = params.origin
        # A great-circle distance is at least the difference in latitude along a meridian:
        # rows outside that band (with a margin for rounding) are out of reach unmeasured.
        band = math.degrees(params.radius / EARTH_RADIUS_KM) * 1.001 + 1e-6
        for row in candidates:
            if abs(row.latitude - origin.latitude) <= band:
                distances[row.id] = distance_km(
                    origin.latitude, origin.longitude, row.latitude, row.longitude
                )
        candidates = [row for row in candidates if distances.get(row.id, math.inf) <= params.radius]

    if matches is not None or params.origin is not None or any(map(params.selected, FACET_KEYS)):
        results, counts = _filter_and_count(candidates, params, current)
    else:
        results, counts = candidates, current.counts

    total = len(results)
    page_count = max(1, math.ceil(total / page_size))
    page = min(params.page, page_count)
    start = (page - 1) * page_size
    if matches is not None and params.sort == "relevance":
        page_ids = matches.ranked([row.id for row in results], start + page_size)[start:]
    else:
        _sort(results, params.sort, distances)
        page_ids = [row.id for row in results[start : start + page_size]]
    return SearchResult(
        items=_load_page(page_ids),
        total=total,
        page=page,
        page_count=page_count,
        facets=_facet_options(params, counts, current),
        distances_km={i: round(distances[i], 1) for i in page_ids if i in distances},
        suggestion=matches.suggestion if matches is not None else None,
        origin=params.origin,
        page_clamped=params.page > page_count,
    )


def _filter_and_count(
    candidates: list[Row], params: SearchParams, current: Snapshot
) -> tuple[list[Row], dict[str, Counter]]:
    """Rows passing every facet, and per facet the option counts over the rows that pass
    all *other* facets (a row failing only facet F still counts towards F's options).

    On bit sets (``Snapshot.masks``): a facet's choice is the union of its options' rows,
    passing every facet an intersection, a count the bits left of an option's rows."""
    masks = current.masks
    candidate_mask = mask_of((row.position for row in candidates), len(current.rows))
    chosen = {}
    for facet in FACET_KEYS:
        if selected := params.selected(facet):
            chosen[facet] = reduce(or_, (masks[facet].get(key, 0) for key in selected), 0)
    counts = {}
    for facet in FACET_KEYS:
        passing_others = reduce(
            and_, (mask for other, mask in chosen.items() if other != facet), candidate_mask
        )
        counts[facet] = Counter(
            {key: (passing_others & mask).bit_count() for key, mask in masks[facet].items()}
        )
    if not chosen:
        return candidates, counts
    return current.rows_in(reduce(and_, chosen.values(), candidate_mask)), counts


def _sort(results: list[Row], sort: str, distances: dict[int, float]) -> None:
    """Every order but relevance; by name where the chosen one leaves a tie."""
    results.sort(key=lambda row: (row.name_key, row.id))
    if sort == "distance" and distances:
        results.sort(key=lambda row: distances[row.id])
    elif sort == "updated":
        results.sort(key=lambda row: _timestamp(row.updated_at), reverse=True)
    elif sort == "confirmed":
        # Never confirmed last; stale entries fall behind every fresh one by their date.
        results.sort(key=lambda row: row.confirmed_on or date.min, reverse=True)


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
            selectinload(Initiative.provenance),
        )
    )
    by_id = {initiative.id: initiative for initiative in rows}
    return [by_id[i] for i in ids if i in by_id]


def _facet_options(
    params: SearchParams, counts: dict[str, Counter], current: Snapshot
) -> dict[str, list[FacetOption]]:
    """Every option of every facet, in the order shown, with its count (0 included)."""
    return {
        facet: [
            FacetOption(
                option.key,
                option.label,
                counts[facet][option.key],
                option.key in params.selected(facet),
            )
            for option in options
        ]
        for facet, options in current.options.items()
    }
