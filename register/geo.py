"""Dutch places from the gazetteer (seed/gazetteer.csv): look-up, suggestions, distances."""

from __future__ import annotations

import csv
import difflib
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parent.parent / "seed" / "gazetteer.csv"
EARTH_RADIUS_KM = 6371.0088

# Names people use for the same place; each group is tried as a whole.
_ALIASES = (
    ("s hertogenbosch", "den bosch"),
    ("den haag", "s gravenhage", "the hague"),
)


# The twelve provinces, by their Dutch names, as stored on Initiative.province.
PROVINCES = (
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)


@dataclass(frozen=True)
class Place:
    name: str
    municipality: str
    province: str
    latitude: float
    longitude: float


@functools.cache
def all_places() -> tuple[Place, ...]:
    """Every row of the gazetteer, in file order."""
    with GAZETTEER.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Place(
                name=row["name"],
                municipality=row["municipality"],
                province=row["province"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
            )
            for row in csv.DictReader(handle)
        )


def normalise(name: str) -> str:
    """Case, diacritics, apostrophes and hyphens do not matter: "'s-Hertogenbosch" ->
    "s hertogenbosch", "Fryslân" -> "fryslan"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


@functools.cache
def _gazetteer() -> tuple[dict[str, list[Place]], tuple[str, ...]]:
    """Places by normalised name (main town of a municipality first), and all names sorted."""
    by_name: dict[str, list[Place]] = {}
    for place in all_places():
        by_name.setdefault(normalise(place.name), []).append(place)
    for places in by_name.values():
        places.sort(key=lambda p: normalise(p.name) != normalise(p.municipality))
    return by_name, tuple(sorted(by_name))


def _variants(key: str) -> tuple[str, ...]:
    for group in _ALIASES:
        if key in group:
            return (key, *(alias for alias in group if alias != key))
    return (key,)


def _split_province(text: str) -> tuple[str, str | None]:
    """ "Hengelo (Gelderland)" or "Hengelo, Gelderland" -> ("hengelo", "gelderland")."""
    match = re.fullmatch(r"\s*(.+?)\s*(?:\((.+)\)|,(.+))\s*", text)
    if match:
        return normalise(match.group(1)), normalise(match.group(2) or match.group(3))
    return normalise(text), None


def find_place(name: str) -> Place | None:
    """The place called ``name`` (case and diacritics ignored); exact names before aliases.

    A name shared by several places gives the main town of a municipality first; a province
    in brackets or after a comma chooses between them: "Hengelo (Gelderland)".
    """
    key, province = _split_province(name)
    if not key:
        return None
    by_name, _names = _gazetteer()
    for variant in _variants(key):
        places = by_name.get(variant, [])
        if province:
            places = [p for p in places if normalise(p.province) == province]
        if places:
            return places[0]
    return None


def suggest_places(text: str, limit: int = 5) -> list[Place]:
    """Places whose name starts with, contains, or looks like ``text``; best first."""
    key = normalise(text)
    if not key:
        return []
    by_name, names = _gazetteer()
    ranked = [n for n in names if n.startswith(key)]
    ranked += [n for n in names if key in n and not n.startswith(key)]
    ranked += difflib.get_close_matches(key, names, n=limit, cutoff=0.7)
    suggestions: list[Place] = []
    for name in dict.fromkeys(ranked):
        for place in by_name[name]:
            if place not in suggestions:
                suggestions.append(place)
    return suggestions[:limit]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))
