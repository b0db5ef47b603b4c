"""The search's parameters, from the URL of /initiatieven or the API.

``parse_search_params`` turns URL parameters into ``SearchParams`` and a list of
``(field_id, message)`` problems; it never raises, and keeps whatever part of the request
is valid. Field ids are the parameter names.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from register.entries.facets import FACET_KEYS, facet_title
from register.entries.snapshot import snapshot
from register.geo import Place, find_place, suggest_places
from register.search.query import MAX_QUERY_LENGTH, clean_query

# "confirmed": recently confirmed first; entries not confirmed for a year (stale) sink.
SORTS = ("relevance", "name", "distance", "updated", "confirmed")
DEFAULT_RADIUS_KM = 25
MIN_RADIUS_KM, MAX_RADIUS_KM = 1, 300
MAX_PLACE_LENGTH = 100
MAX_VALUES_PER_FACET = 50


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    near: str = ""
    radius: float = DEFAULT_RADIUS_KM
    # Per facet key, the chosen option keys (a facet without a choice may be left out).
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    # The place ``near`` names (None when empty or unknown) and, when unknown, look-alikes.
    origin: Place | None = None
    place_suggestions: tuple[Place, ...] = ()

    def selected(self, facet: str) -> tuple[str, ...]:
        return self.filters.get(facet, ())


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
    values["filters"] = _parse_facets(args, errors)
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


def _parse_facets(args: MultiDict, errors: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    valid = snapshot().valid_keys
    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACET_KEYS:
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
        filters[facet] = tuple(chosen)
    return filters


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
