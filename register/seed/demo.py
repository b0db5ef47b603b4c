"""Fictional but plausible demo initiatives for the whole country (``flask seed demo``).

Deterministic: the same ``random_seed`` gives the same names, places and identifiers; dates
are laid out relative to ``today`` (a fixed date makes them repeatable too). Everything is
made up: websites and e-mail addresses use the reserved ``.example`` domain, identifiers are
random digits in the right format, and every row has ``is_demo`` set.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import select

from register.entries.models import (
    Association,
    Certification,
    ChangeAction,
    ClaimStatus,
    FactProvenance,
    FundingRoute,
    Initiative,
    Kind,
    Membership,
    QualityMark,
    Requirement,
    Source,
    Statement,
    TargetGroup,
    VacancyStatus,
    VerifierKind,
    Visit,
    VisitBody,
    VisitType,
)
from register.entries.public import register_today
from register.entries.rules import is_new_provider
from register.entries.services import record_change
from register.extensions import db
from register.geo import Place, all_places
from register.seed import demo_texts as texts

T = TypeVar("T")

# Rough share of the population per province: where initiatives are.
PROVINCE_WEIGHTS = {
    "Zuid-Holland": 38,
    "Noord-Holland": 29,
    "Noord-Brabant": 26,
    "Gelderland": 21,
    "Utrecht": 14,
    "Overijssel": 12,
    "Limburg": 11,
    "Fryslân": 7,
    "Groningen": 6,
    "Drenthe": 5,
    "Flevoland": 5,
    "Zeeland": 4,
}

KIND_WEIGHTS = {"relatives_residents": 38, "care_entrepreneur": 47, "care_institution": 15}
FARM_CHANCE = {"relatives_residents": 0.08, "care_entrepreneur": 0.15, "care_institution": 0.02}

TARGET_GROUP_WEIGHTS = {
    "relatives_residents": {
        "intellectual_disability": 5,
        "autism": 3,
        "multiple_disabilities": 2,
        "physical_disability": 1,
        "young_people": 1,
        "mental_health": 1,
        "acquired_brain_injury": 1,
        "dementia_elderly": 0.5,
    },
    "care_entrepreneur": {
        "dementia_elderly": 4,
        "intellectual_disability": 3,
        "autism": 2,
        "mental_health": 2,
        "acquired_brain_injury": 1.5,
        "young_people": 1.5,
        "physical_disability": 1,
        "multiple_disabilities": 1,
    },
    "care_institution": {
        "dementia_elderly": 4,
        "intellectual_disability": 3,
        "multiple_disabilities": 2,
        "mental_health": 1,
        "acquired_brain_injury": 1,
        "physical_disability": 1,
        "autism": 1,
        "young_people": 1,
    },
}

# Chance of each funding route per kind; relatives mostly pgb, institutions mostly in kind.
FUNDING_CHANCES = {
    "relatives_residents": {"pgb_wlz": 0.85, "pgb_wmo": 0.15, "vpt": 0.08, "zorg_in_natura": 0.04},
    "care_entrepreneur": {
        "pgb_wlz": 0.65,
        "vpt": 0.35,
        "mpt": 0.25,
        "pgb_wmo": 0.15,
        "zorg_in_natura": 0.12,
        "pgb_zvw": 0.04,
    },
    "care_institution": {"zorg_in_natura": 0.85, "vpt": 0.25, "pgb_wlz": 0.12, "mpt": 0.1},
}
DEFAULT_FUNDING = {
    "relatives_residents": "pgb_wlz",
    "care_entrepreneur": "pgb_wlz",
    "care_institution": "zorg_in_natura",
}

MEMBERSHIP_CHANCES = {
    "relatives_residents": {"netwerk_ouderinitiatieven": 0.35, "lvoi": 0.25, "bvkz": 0.1},
    "care_entrepreneur": {"bvkz": 0.45, "kenniz": 0.2, "spot": 0.12},
    "care_institution": {"spot": 0.1, "bvkz": 0.05},
}
CERTIFICATION_CHANCES = {
    "relatives_residents": {"prezo": 0.18, "hkz_kleine_organisaties": 0.1},
    "care_entrepreneur": {
        "hkz_kleine_organisaties": 0.28,
        "prezo": 0.15,
        "kiwa_zzp": 0.1,
        "iso_9001": 0.08,
    },
    "care_institution": {"iso_9001": 0.35, "hkz_kleine_organisaties": 0.3, "prezo": 0.15},
}

NEW_INITIATIVE_SHARE = 0.05  # started less than six months ago, no visit yet
STALE_SHARE = 0.22  # not confirmed by the initiative for more than a year
MISSING_STATEMENTS_SHARE = 0.15
FIRST_DATE = date(2005, 1, 1)
BATCH_SIZE = 500
REPORTS_HOST = "https://rapporten.inspectie.example"


@dataclass(frozen=True)
class Catalogues:
    kinds: dict[str, Kind]
    target_groups: dict[str, TargetGroup]
    funding_routes: dict[str, FundingRoute]
    requirements: list[Requirement]
    associations: dict[str, Association]
    quality_marks: dict[str, QualityMark]

    @classmethod
    def load(cls) -> Catalogues:
        def by_key(model: type[T]) -> dict[str, T]:
            rows = db.session.scalars(select(model).order_by(model.position)).all()
            if not rows:
                raise RuntimeError("Reference data is missing: run `flask seed reference` first.")
            return {row.key: row for row in rows}

        return cls(
            kinds=by_key(Kind),
            target_groups=by_key(TargetGroup),
            funding_routes=by_key(FundingRoute),
            requirements=list(by_key(Requirement).values()),
            associations=by_key(Association),
            quality_marks=by_key(QualityMark),
        )


def generate_demo(
    count: int = 1200, random_seed: int = 2023, today: date | None = None
) -> list[Initiative]:
    """Add ``count`` fictional initiatives, each logged as created. Flushes; caller commits.

    ``today`` (default: the register's today) is the date the demo history leads up to.
    """
    factory = DemoFactory(
        random_seed=random_seed,
        today=today or register_today(),
        catalogues=Catalogues.load(),
        places=places_by_province(),
        taken_slugs=set(db.session.scalars(select(Initiative.slug))),
    )
    initiatives: list[Initiative] = []
    batch: list[Initiative] = []
    for index in range(count):
        initiative = factory.initiative(index)
        db.session.add(initiative)
        batch.append(initiative)
        if len(batch) == BATCH_SIZE or index == count - 1:
            db.session.flush()
            for created in batch:
                record_change(created, ChangeAction.CREATED, source=Source.SEED)
            initiatives.extend(batch)
            batch = []
    return initiatives


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
        self.history = random.Random()
        self.today = today
        self.catalogues = catalogues
        self.places = places
        self.taken_slugs = taken_slugs
        self.taken_kvk: set[str] = set()
        self.provinces = list(PROVINCE_WEIGHTS)
        self.towns = nearest_towns(places)

    # -- the initiative -------------------------------------------------------------------

    def initiative(self, index: int) -> Initiative:
        rng = self.rng
        self.history = random.Random(f"{self.random_seed}:{index}")
        # The first twelve cover every province, so even a small demo spans the country.
        province = self.provinces[index] if index < len(self.provinces) else self._province()
        kind_key = _weighted_choice(rng, KIND_WEIGHTS)
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
        started_on = self._started_on()
        confirmed_on = self._last_confirmed_on(started_on)

        initiative = Initiative(
            name=name,
            slug=slug,
            kind=self.catalogues.kinds[kind_key],
            description=self._description(
                kind_key, is_farm, name, place, capacity, group_keys, funding_keys
            ),
            started_on=started_on,
            capacity=capacity,
            vacancy=_weighted_choice(
                rng,
                {
                    VacancyStatus.PLACES_FREE: 25,
                    VacancyStatus.WAITING_LIST: 50,
                    VacancyStatus.FULL: 25,
                },
            ),
            collective_budget=collective,
            collective_share_percent=share,
            kvk_number=self._kvk(),
            location_number=f"{rng.randrange(10**8, 10**9):012d}" if rng.random() < 0.95 else None,
            agb_code=self._agb(kind_key, funding_keys),
            is_demo=True,
            last_confirmed_on=confirmed_on,
            **self._address(place, is_farm),
            **self._contact(slug, place),
        )
        initiative.target_groups = [self.catalogues.target_groups[key] for key in group_keys]
        initiative.funding_routes = [self.catalogues.funding_routes[key] for key in funding_keys]
        initiative.statements = self._statements(share, confirmed_on)
        initiative.memberships = self._memberships(kind_key, is_farm, started_on)
        has_flz = any(m.association.key == "flz" for m in initiative.memberships)
        initiative.certifications = self._certifications(kind_key, has_flz, started_on)
        initiative.visits = self._visits(slug, started_on, funding_keys)
        initiative.provenance = self._provenance(index, initiative, confirmed_on)
        return initiative

    def _provenance(
        self, index: int, initiative: Initiative, confirmed_on: date
    ) -> list[FactProvenance]:
        """Facts that came from elsewhere than the initiative, or that it gave later.

        A random stream of its own, so the rest of the demo stays as it was.
        """
        rng = random.Random(f"{self.random_seed}:{index}:provenance")
        started_on = initiative.started_on or self.today
        rows = []
        if initiative.kvk_number:
            source = _weighted_choice(
                rng, {Source.REGISTER: 60, Source.IMPORT: 20, Source.INITIATIVE: 20}
            )
            asserted = self._date_between(started_on, confirmed_on, rng)
            rows.append(FactProvenance(fact="registration", source=source, asserted_on=asserted))
        for fact in ("capacity", "vacancy"):
            asserted = self._date_between(started_on, confirmed_on, rng)
            rows.append(
                FactProvenance(
                    fact=fact,
                    source=Source.INITIATIVE,
                    asserted_on=asserted,
                    confirmed_on=confirmed_on,
                )
            )
        if initiative.visits:
            last = max(visit.visited_on for visit in initiative.visits)
            rows.append(
                FactProvenance(
                    fact="visits", source=Source.INSPECTORATE, asserted_on=last, confirmed_on=last
                )
            )
        return rows

    def _province(self) -> str:
        return _weighted_choice(self.rng, PROVINCE_WEIGHTS)

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
        how_many = _weighted_choice(self.rng, {1: 45, 2: 40, 3: 15})
        chosen: list[str] = []
        while len(chosen) < how_many and weights:
            key = _weighted_choice(self.rng, weights)
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

    def _started_on(self) -> date:
        rng = self.history
        if rng.random() < NEW_INITIATIVE_SHARE:
            return self.today - timedelta(days=rng.randint(20, 175))
        span = (self.today - timedelta(days=200) - FIRST_DATE).days
        # The sector grows: more initiatives started recently than long ago.
        return FIRST_DATE + timedelta(days=round(rng.triangular(0, span, span)))

    def _last_confirmed_on(self, started_on: date) -> date:
        if self.history.random() < STALE_SHARE:
            days_ago = self.history.randint(400, 1100)
        else:
            days_ago = self.history.randint(0, 330)
        return max(started_on, self.today - timedelta(days=days_ago))

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

    # -- description and statements ----------------------------------------------------------

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

    def _statements(self, share: Decimal | None, confirmed_on: date) -> list[Statement]:
        rng = self.history
        requirements = self.catalogues.requirements
        missing: set[str] = set()
        if rng.random() < MISSING_STATEMENTS_SHARE:
            how_many = _weighted_choice(rng, {1: 40, 2: 25, 3: 15, len(requirements): 20})
            missing = {r.key for r in rng.sample(requirements, how_many)}
        statements = []
        for requirement in requirements:
            if requirement.key in missing:
                continue
            options = texts.STATEMENTS[requirement.key]
            if requirement.key == "collective_share_known" and share is None:
                options = [text for text in options if "{share}" not in text]
            text = rng.choice(options).format(share=_format_percent(share))
            statements.append(
                Statement(requirement=requirement, text=text, confirmed_on=confirmed_on)
            )
        return statements

    # -- claims and visits -----------------------------------------------------------------

    def _memberships(self, kind_key: str, is_farm: bool, started_on: date) -> list[Membership]:
        rng = self.history
        chances = dict(MEMBERSHIP_CHANCES[kind_key])
        if is_farm:
            chances["flz"] = 0.85
        memberships = []
        for key, chance in chances.items():
            if rng.random() >= chance:
                continue
            association = self.catalogues.associations[key]
            declared_on = self._date_between(started_on, self.today)
            status = _weighted_choice(
                rng,
                {ClaimStatus.VERIFIED: 55, ClaimStatus.SELF_DECLARED: 37, ClaimStatus.REJECTED: 8},
            )
            membership = Membership(association=association, status=status, declared_on=declared_on)
            if status != ClaimStatus.SELF_DECLARED:
                membership.verifier = VerifierKind.ASSOCIATION
                membership.verified_on = min(
                    self.today, declared_on + timedelta(rng.randint(7, 120))
                )
            if status == ClaimStatus.VERIFIED:
                membership.valid_until = _weighted_choice(
                    rng,
                    {
                        date(self.today.year, 12, 31): 80,
                        date(self.today.year - 1, 12, 31): 10,  # not renewed: lapsed
                        None: 10,
                    },
                )
            memberships.append(membership)
        return memberships

    def _certifications(
        self, kind_key: str, has_flz: bool, started_on: date
    ) -> list[Certification]:
        rng = self.history
        chances = dict(CERTIFICATION_CHANCES[kind_key])
        if has_flz:
            chances["flz_kwaliteit_laat_je_zien"] = 0.75
        certifications = []
        for key, chance in chances.items():
            earliest = max(started_on, self.today - timedelta(days=6 * 365))
            if rng.random() >= chance or (self.today - earliest).days < 30:
                continue
            mark = self.catalogues.quality_marks[key]
            years = mark.validity_years
            if years and rng.random() < 0.1:
                valid_until = self._last_spring()
                audited_on = _add_years(valid_until, -years)
            else:
                audited_on = self._date_between(earliest, self.today - timedelta(days=30))
                valid_until = _add_years(audited_on, years) if years else None
            status = _weighted_choice(
                rng,
                {ClaimStatus.VERIFIED: 60, ClaimStatus.SELF_DECLARED: 36, ClaimStatus.REJECTED: 4},
            )
            lapsed = valid_until is not None and valid_until < self.today
            if status == ClaimStatus.VERIFIED and lapsed and rng.random() < 0.3:
                status = ClaimStatus.EXPIRED  # register staff marked it; otherwise shown as such
            certification = Certification(
                quality_mark=mark,
                status=status,
                declared_on=min(self.today, audited_on + timedelta(days=rng.randint(0, 60))),
                valid_until=valid_until,
                certificate_number=f"{texts.CERTIFICATE_PREFIXES[key]}-{audited_on.year}-"
                f"{rng.randrange(1000, 100_000):05d}",
            )
            if status != ClaimStatus.SELF_DECLARED:
                certification.verifier = VerifierKind.ISSUER
                certification.verified_on = audited_on
            certifications.append(certification)
        return certifications

    def _visits(self, slug: str, started_on: date, funding_keys: Sequence[str]) -> list[Visit]:
        rng = self.history
        if is_new_provider(started_on, self.today):
            return []  # new: the inspectorate still has to make its first visit
        planned = []
        if started_on.year >= 2018 and rng.random() < 0.65:
            planned.append((VisitBody.IGJ, VisitType.FIRST, 40, 180))
        for visit_type, chance in (
            (VisitType.AFTER_SIGNALS, 0.08),
            (VisitType.UNANNOUNCED, 0.06),
            (VisitType.THEMATIC, 0.1),
        ):
            if rng.random() < chance:
                planned.append((VisitBody.IGJ, visit_type, 200, None))
        if "pgb_wlz" in funding_keys and rng.random() < 0.35:
            visit_type = rng.choice([VisitType.CONSCIOUS_CHOICE, VisitType.ANNOUNCED])
            planned.append((VisitBody.CARE_OFFICE, visit_type, 60, None))
        if {"pgb_wmo", "pgb_jeugdwet"} & set(funding_keys) and rng.random() < 0.3:
            planned.append((VisitBody.MUNICIPALITY, VisitType.ANNOUNCED, 90, None))
        visits = []
        for body, visit_type, after_days, within_days in planned:
            earliest = started_on + timedelta(days=after_days)
            latest = self.today - timedelta(days=7)
            if within_days is not None:
                latest = min(latest, started_on + timedelta(days=within_days))
            if latest < earliest:
                continue
            visited_on = self._date_between(earliest, latest)
            report_url = ""
            if body == VisitBody.IGJ:
                report_url = f"{REPORTS_HOST}/{visited_on.year}/{slug}-{visited_on:%Y%m%d}"
            visits.append(
                Visit(
                    visited_on=visited_on, body=body, visit_type=visit_type, report_url=report_url
                )
            )
        return sorted(visits, key=lambda v: v.visited_on, reverse=True)

    # -- dates -----------------------------------------------------------------------------

    def _date_between(self, first: date, last: date, rng: random.Random | None = None) -> date:
        if last <= first:
            return first
        return first + timedelta(days=(rng or self.history).randint(0, (last - first).days))

    def _last_spring(self) -> date:
        """A day in the most recent spring (21 March – 20 June) that lies in the past."""
        year = self.today.year if self.today > date(self.today.year, 6, 20) else self.today.year - 1
        return self._date_between(date(year, 3, 21), date(year, 6, 20))


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


def _weighted_choice(rng: random.Random, weights: dict[T, float]) -> T:
    options = list(weights)
    return rng.choices(options, weights=[weights[o] for o in options])[0]


def _join_dutch(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"


def _format_percent(share: Decimal | None) -> str:
    """Dutch notation: 30 or 22,5."""
    if share is None:
        return ""
    return str(int(share)) if share == share.to_integral_value() else str(share).replace(".", ",")


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
