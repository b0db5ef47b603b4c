"""Who and where each demo initiative is: name, kind, place, address, contact details,
identifiers, target groups, funding and description, drawn from one random stream over all
initiatives. Its history comes from ``demo_history``.

An initiative is made as table rows (``DemoInitiative``), not as mapped objects: building
ten thousand ``Initiative`` objects with their collections took longer than the whole
seeding may take, and ``demo.py`` inserts rows in bulk.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from register.entries.models import VacancyStatus
from register.geo import Place, all_places
from register.seed import demo_texts as texts
from register.seed.demo_history import DemoHistory, Row, provenance
from register.seed.demo_inputs import (
    DEFAULT_FUNDING,
    FARM_CHANCE,
    FUNDING_CHANCES,
    KIND_WEIGHTS,
    PROVINCE_WEIGHTS,
    TARGET_GROUP_WEIGHTS,
    Catalogues,
    weighted_choice,
)


def places_by_province() -> dict[str, list[Place]]:
    """Gazetteer places per province, one per location: an exonym or everyday alias that
    shares its coordinates with the official name ("The Hague", "Den Bosch") is left out."""
    by_location: dict[tuple[str, float, float], Place] = {}
    for place in all_places():
        location = (place.municipality, place.latitude, place.longitude)
        if location not in by_location or place.name == place.municipality:
            by_location[location] = place
    grouped: dict[str, list[Place]] = {province: [] for province in PROVINCE_WEIGHTS}
    for place in sorted(by_location.values(), key=lambda p: (p.name, p.municipality)):
        grouped[place.province].append(place)
    return grouped


def slugify(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass(frozen=True)
class DemoInitiative:
    """One demo initiative as rows: its own columns, the ids of its target groups and
    funding routes, and the rows of each child table (without ``initiative_id``)."""

    values: Row
    target_group_ids: list[int]
    funding_route_ids: list[int]
    statements: list[Row]
    memberships: list[Row]
    certifications: list[Row]
    visits: list[Row]
    provenance: list[Row]


class DemoFactory:
    """Makes one initiative at a time.

    Two kinds of random numbers: who and where an initiative is (name, place, identifiers,
    texts) come from one stream over all initiatives; its history (dates, claims, visits,
    statements) from a stream of its own. Dates depend on ``today``, so this keeps names and
    slugs the same whatever day the demo is generated.
    """

    def __init__(
        self,
        random_seed: int,
        today: date,
        catalogues: Catalogues,
        places: dict[str, list[Place]],
        taken_slugs: set[str],
    ) -> None:
        self.random_seed = random_seed
        self.rng = random.Random(random_seed)
        self.today = today
        self.catalogues = catalogues
        self.places = places
        self.taken_slugs = taken_slugs
        self.taken_kvk: set[str] = set()
        self.provinces = list(PROVINCE_WEIGHTS)
        self.towns = nearest_towns(places)

    # -- the initiative -------------------------------------------------------------------

    def initiative(self, index: int) -> DemoInitiative:
        rng = self.rng
        history = DemoHistory(
            random.Random(f"{self.random_seed}:{index}"), self.today, self.catalogues
        )
        # The first twelve cover every province, so even a small demo spans the country.
        province = self.provinces[index] if index < len(self.provinces) else self._province()
        kind_key = weighted_choice(rng, KIND_WEIGHTS)
        is_farm = rng.random() < FARM_CHANCE[kind_key]
        place = rng.choice(self.places[province])
        name = self._name(kind_key, is_farm)
        slug = self._unique_slug(f"{name} {place.name}")
        group_keys = self._target_groups(kind_key)
        funding_keys = self._funding(kind_key, group_keys)
        has_pgb = any(self.catalogues.funding_routes[key].is_pgb for key in funding_keys)
        collective = has_pgb and rng.random() < 0.8
        share = Decimal(rng.randrange(20, 91)) / 2 if collective and rng.random() < 0.85 else None
        capacity = self._capacity(kind_key)
        started_on = history.started_on()
        confirmed_on = history.last_confirmed_on(started_on)

        values: Row = {
            "name": name,
            "slug": slug,
            "kind_id": self.catalogues.kinds[kind_key].id,
            "description": self._description(
                kind_key, is_farm, name, place, capacity, group_keys, funding_keys
            ),
            "started_on": started_on,
            "capacity": capacity,
            "vacancy": weighted_choice(
                rng,
                {
                    VacancyStatus.PLACES_FREE: 25,
                    VacancyStatus.WAITING_LIST: 50,
                    VacancyStatus.FULL: 25,
                },
            ),
            "collective_budget": collective,
            "collective_share_percent": share,
            "kvk_number": self._kvk(),
            "location_number": f"{rng.randrange(10**8, 10**9):012d}"
            if rng.random() < 0.95
            else None,
            "agb_code": self._agb(kind_key, funding_keys),
            "is_demo": True,
            "last_confirmed_on": confirmed_on,
            **self._address(place, is_farm),
            **self._contact(slug, place),
        }
        statements = history.statements(share, confirmed_on)
        memberships = history.memberships(kind_key, is_farm, started_on)
        flz = self.catalogues.associations["flz"].id
        has_flz = any(m["association_id"] == flz for m in memberships)
        certifications = history.certifications(kind_key, has_flz, started_on)
        visits = history.visits(slug, started_on, funding_keys)
        return DemoInitiative(
            values=values,
            target_group_ids=[self.catalogues.target_groups[key].id for key in group_keys],
            funding_route_ids=[self.catalogues.funding_routes[key].id for key in funding_keys],
            statements=statements,
            memberships=memberships,
            certifications=certifications,
            visits=visits,
            provenance=provenance(
                random.Random(f"{self.random_seed}:{index}:provenance"),
                values,
                visits,
                confirmed_on,
                self.today,
            ),
        )

    def _province(self) -> str:
        return weighted_choice(self.rng, PROVINCE_WEIGHTS)

    def _name(self, kind_key: str, is_farm: bool) -> str:
        if is_farm:
            return f"{self.rng.choice(texts.FARM_PREFIXES)} {self.rng.choice(texts.FARM_CORES)}"
        prefix = self.rng.choice(texts.NAME_PREFIXES[kind_key])
        return f"{prefix} {self.rng.choice(texts.NAME_CORES)}"

    def _unique_slug(self, text: str) -> str:
        base = slugify(text)[:110].strip("-")
        slug, number = base, 2
        while slug in self.taken_slugs:
            slug, number = f"{base}-{number}", number + 1
        self.taken_slugs.add(slug)
        return slug

    def _target_groups(self, kind_key: str) -> list[str]:
        weights = dict(TARGET_GROUP_WEIGHTS[kind_key])
        how_many = weighted_choice(self.rng, {1: 45, 2: 40, 3: 15})
        chosen: list[str] = []
        while len(chosen) < how_many and weights:
            key = weighted_choice(self.rng, weights)
            chosen.append(key)
            del weights[key]
            # Older people with dementia and young people do not share a house.
            if key == "dementia_elderly":
                weights.pop("young_people", None)
            if key == "young_people":
                weights.pop("dementia_elderly", None)
        return self._in_catalogue_order(chosen, self.catalogues.target_groups)

    def _funding(self, kind_key: str, group_keys: Sequence[str]) -> list[str]:
        chances = dict(FUNDING_CHANCES[kind_key])
        if "young_people" in group_keys:
            chances["pgb_jeugdwet"] = 0.5
        if {"mental_health", "acquired_brain_injury"} & set(group_keys):
            chances["pgb_wmo"] = chances.get("pgb_wmo", 0) + 0.1
        chosen = [key for key, chance in chances.items() if self.rng.random() < chance]
        return self._in_catalogue_order(
            chosen or [DEFAULT_FUNDING[kind_key]], self.catalogues.funding_routes
        )

    @staticmethod
    def _in_catalogue_order(keys: Iterable[str], catalogue: dict[str, object]) -> list[str]:
        wanted = set(keys)
        return [key for key in catalogue if key in wanted]

    def _capacity(self, kind_key: str) -> int:
        low, mode = (4, 10) if kind_key == "relatives_residents" else (3, 12)
        return min(26, max(3, round(self.rng.triangular(low, 26, mode))))

    def _kvk(self) -> str:
        while True:
            number = str(self.rng.randrange(10_000_000, 100_000_000))
            if number not in self.taken_kvk:
                self.taken_kvk.add(number)
                return number

    def _agb(self, kind_key: str, funding_keys: Sequence[str]) -> str | None:
        pgb_only = all(self.catalogues.funding_routes[key].is_pgb for key in funding_keys)
        if pgb_only and kind_key == "relatives_residents" and self.rng.random() < 0.5:
            return None  # budget holders contract the care; the initiative needs no AGB code
        return f"{self.rng.choice(['98', '73'])}{self.rng.randrange(100_000, 1_000_000)}"

    # -- address and contact --------------------------------------------------------------

    def _address(self, place: Place, is_farm: bool) -> dict[str, object]:
        rng = self.rng
        spread = 0.03 if is_farm else 0.01
        street = rng.choice(texts.RURAL_STREETS if is_farm else texts.STREETS)
        number = str(rng.randint(1, 240 if is_farm else 160))
        if rng.random() < 0.12:
            number += rng.choice(["a", "b", "c", "-1"])
        return {
            "street": street,
            "house_number": number,
            "postcode": self._postcode(place),
            "place": place.name,
            "municipality": place.municipality,
            "province": place.province,
            "latitude": round(place.latitude + rng.uniform(-spread, spread), 6),
            "longitude": round(place.longitude + rng.uniform(-spread * 1.6, spread * 1.6), 6),
        }

    def _postcode(self, place: Place) -> str:
        """The region of the nearest town, and digits that stay close together per place."""
        _area, region = self.towns[place]
        stable = zlib.crc32(f"{place.name}|{place.municipality}".encode()) % 96
        digits = region * 100 + stable + self.rng.randint(0, 3)
        while True:
            letters = "".join(self.rng.choice(texts.POSTCODE_LETTERS) for _ in range(2))
            if letters not in texts.POSTCODE_LETTERS_UNUSED:
                return f"{digits} {letters}"

    def _contact(self, slug: str, place: Place) -> dict[str, str]:
        rng = self.rng
        label = slug[:63].strip("-")
        domain = f"{label}.example"
        area, _region = self.towns[place]
        if rng.random() < 0.1:
            phone = f"06 {rng.randrange(10_000_000, 100_000_000)}"
        else:
            digits = 10 - len(area)
            phone = f"{area} {rng.randrange(2 * 10 ** (digits - 1), 10**digits)}"
        return {
            "website": f"https://www.{domain}" if rng.random() < 0.85 else "",
            "email": f"{rng.choice(['info', 'info', 'contact', 'wonen'])}@{domain}"
            if rng.random() < 0.9
            else "",
            "phone": phone,
        }

    # -- description ----------------------------------------------------------------------

    def _description(
        self,
        kind_key: str,
        is_farm: bool,
        name: str,
        place: Place,
        capacity: int,
        group_keys: Sequence[str],
        funding_keys: Sequence[str],
    ) -> str:
        rng = self.rng
        openings = texts.FARM_OPENINGS if is_farm else texts.OPENINGS[kind_key]
        if name.startswith("Bewonersinitiatief"):
            openings = [text for text in openings if "bewoners" in text]
        opening = rng.choice(openings)
        groups = _join_dutch([texts.TARGET_GROUP_PHRASES[key] for key in group_keys])
        sentences = [
            opening.format(name=name, place=place.name),
            rng.choice(texts.GROUP_SENTENCES).format(capacity=capacity, groups=groups),
        ]
        sentences += [texts.GROUP_EXTRAS[key] for key in group_keys if key in texts.GROUP_EXTRAS]
        if is_farm:
            sentences.append(rng.choice(texts.FARM_DAILY_LIFE))
        daily_life = [text for text in texts.DAILY_LIFE if not (is_farm and "winkels" in text)]
        sentences += rng.sample(daily_life, 2)
        pgb = {self.catalogues.funding_routes[key].is_pgb for key in funding_keys}
        sentences.append(
            texts.FUNDING_SENTENCES[
                "mixed" if len(pgb) == 2 else "pgb" if True in pgb else "natura"
            ]
        )
        return " ".join(sentences)


def nearest_towns(places: dict[str, list[Place]]) -> dict[Place, tuple[str, int]]:
    """Per place: the phone area code and postcode region of the nearest town in TOWNS."""
    towns: dict[str, Place] = {}
    for place in (p for group in places.values() for p in group):
        if place.name not in towns or place.name == place.municipality:
            towns[place.name] = place
    anchors = [(towns[name], facts) for name, facts in texts.TOWNS.items()]

    def nearest(place: Place) -> tuple[str, int]:
        def squared(town: Place) -> float:
            # Here a degree of longitude is about 0.6 of a degree of latitude.
            return (town.latitude - place.latitude) ** 2 + (
                0.6 * (town.longitude - place.longitude)
            ) ** 2

        return min(anchors, key=lambda anchor: squared(anchor[0]))[1]

    return {place: nearest(place) for group in places.values() for place in group}


def _join_dutch(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"
