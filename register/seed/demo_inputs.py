"""What the demo initiatives are made from: the catalogues in the database, and the weights
and chances that shape where initiatives are, who runs them and what they claim."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from register.entries.models import (
    Association,
    FundingRoute,
    Kind,
    QualityMark,
    Requirement,
    TargetGroup,
)
from register.extensions import db

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
        def by_key[T](model: type[T]) -> dict[str, T]:
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


def weighted_choice[T](rng: random.Random, weights: dict[T, float]) -> T:
    options = list(weights)
    return rng.choices(options, weights=[weights[o] for o in options])[0]
