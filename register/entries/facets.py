"""The search filters (facets), declared once.

Each ``Facet`` says everything the register needs to know about one filter: its URL and API
parameter (``key``), its title on the search page and in messages, where its options come
from and in which order, which options an initiative has today, and how the API document
describes it. The finder, the search page, the API's parameters and the tests read this
tuple; adding a filter is adding an entry here (and its column or table in the models).

The membership and quality-mark facets start with an option ``any`` ("any verified
membership", "any valid quality mark"), so a family need not tick every association.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from register.entries import rules
from register.entries.labels import province_label, vacancy_label
from register.entries.models import (
    Association,
    Bilingual,
    Catalogue,
    Certification,
    Claim,
    ClaimStatus,
    FundingRoute,
    Initiative,
    Kind,
    Membership,
    QualityMark,
    TargetGroup,
    VacancyStatus,
    initiative_funding_route,
    initiative_target_group,
)
from register.entries.queries import published_initiatives
from register.extensions import db
from register.geo import PROVINCES


class Option(Protocol):
    """One value a facet can take: ``key`` in URLs and data, ``label`` in the current language."""

    key: str

    @property
    def label(self) -> str: ...


# (initiative id, option key) pairs: the options each initiative has today.
ValuesReader = Callable[[date], Iterable[tuple[int, str]]]


@dataclass(frozen=True)
class Facet:
    key: str
    title: object  # a lazy string: the legend on the search page, the name in messages
    api_description: str  # the OpenAPI parameter's description (the API document is English)
    load_options: Callable[[], list[Option]]  # every option, in the order they are shown
    read_values: ValuesReader

    def option_keys(self) -> list[str]:
        return [option.key for option in self.load_options()]


# --- where options come from -----------------------------------------------------------------


class _CatalogueOption(Bilingual):
    """A catalogue row detached from the session; ``label`` follows the current language."""

    def __init__(self, key: str, name_nl: str, name_en: str):
        self.key, self.name_nl, self.name_en = key, name_nl, name_en


class _FixedOption:
    """An option from a list in the code; ``label`` is translated when read."""

    def __init__(self, key: str, label_of: Callable[[str], str]):
        self.key, self._label_of = key, label_of

    @property
    def label(self) -> str:
        return self._label_of(self.key)


def _catalogue(model: type[Catalogue]) -> Callable[[], list[Option]]:
    def load() -> list[Option]:
        rows = db.session.execute(
            select(model.key, model.name_nl, model.name_en).order_by(model.position, model.key)
        )
        return [_CatalogueOption(key, name_nl, name_en) for key, name_nl, name_en in rows]

    return load


def _fixed(keys: Iterable[str], label_of: Callable[[str], str]) -> Callable[[], list[Option]]:
    keys = tuple(keys)
    return lambda: [_FixedOption(key, label_of) for key in keys]


# --- which options an initiative has ---------------------------------------------------------


def _pairs(query: Select, key: Callable = str) -> ValuesReader:
    return lambda today: ((id_, key(value)) for id_, value in db.session.execute(query))


def _column(column, key: Callable = str) -> ValuesReader:
    """One value per initiative, from a column of the initiative (or a table joined to it)."""
    return _pairs(published_initiatives(Initiative.id, column), key)


def _linked(column, catalogue: type[Catalogue]) -> ValuesReader:
    """Any number of values, from an association table (``column`` is its catalogue id)."""
    return _pairs(
        select(column.table.c.initiative_id, catalogue.key).join(catalogue, column == catalogue.id)
    )


def _verified(
    model: type[Claim], key_of: Callable[[Claim], str], counts_for_any: Callable[[Claim], bool]
) -> ValuesReader:
    """Claims that count today (``rules.claim_is_valid``): a self-declared or expired claim
    is shown on the entry but does not filter. Each also gives the option ``any`` when
    ``counts_for_any`` says so."""

    def read(today: date) -> Iterable[tuple[int, str]]:
        for claim in db.session.scalars(select(model).where(model.status == ClaimStatus.VERIFIED)):
            if rules.claim_is_valid(claim, today):
                yield claim.initiative_id, key_of(claim)
                if counts_for_any(claim):
                    yield claim.initiative_id, ANY

    return read


# The option key for "any of this facet's options, as long as it counts"; no catalogue key.
ANY = "any"


def _with_any(load: Callable[[], list[Option]], label: object) -> Callable[[], list[Option]]:
    """The catalogue's options after one that stands for any of them."""
    return lambda: [_FixedOption(ANY, lambda key: str(label)), *load()]


# --- the facets, in the order of the search page ---------------------------------------------

FACETS: tuple[Facet, ...] = (
    Facet(
        "province",
        _l("Provincie"),
        "Province (Dutch name).",
        _fixed(PROVINCES, province_label),
        _column(Initiative.province),
    ),
    Facet(
        "kind",
        _l("Soort initiatief"),
        "Who set the initiative up.",
        _catalogue(Kind),
        _pairs(
            published_initiatives(Initiative.id, Kind.key).join(Kind, Initiative.kind_id == Kind.id)
        ),
    ),
    Facet(
        "target_group",
        _l("Doelgroep"),
        "Target group.",
        _catalogue(TargetGroup),
        _linked(initiative_target_group.c.target_group_id, TargetGroup),
    ),
    Facet(
        "funding",
        _l("Financiering"),
        "Funding route.",
        _catalogue(FundingRoute),
        _linked(initiative_funding_route.c.funding_route_id, FundingRoute),
    ),
    Facet(
        "association",
        _l("Branchevereniging"),
        "Member of this branch association (verified, not expired); `any`: a verified "
        "membership of any branch association of providers.",
        _with_any(_catalogue(Association), _l("Elk gecontroleerd lidmaatschap")),
        _verified(Membership, lambda m: m.association.key, rules.counts_as_branch_membership),
    ),
    Facet(
        "quality_mark",
        _l("Keurmerk"),
        "Holds this quality mark (verified, not expired); `any`: any valid quality mark.",
        _with_any(_catalogue(QualityMark), _l("Elk geldig keurmerk")),
        _verified(Certification, lambda c: c.quality_mark.key, lambda c: True),
    ),
    Facet(
        "vacancy",
        _l("Plaats vrij"),
        "Vacancy status.",
        _fixed(
            (status.value for status in VacancyStatus),
            lambda key: vacancy_label(VacancyStatus(key)),
        ),
        _column(Initiative.vacancy, key=lambda vacancy: VacancyStatus(vacancy).value),
    ),
)

FACET_KEYS: tuple[str, ...] = tuple(facet.key for facet in FACETS)
FACETS_BY_KEY: dict[str, Facet] = {facet.key: facet for facet in FACETS}


def facet_title(key: str) -> str:
    return str(FACETS_BY_KEY[key].title)
