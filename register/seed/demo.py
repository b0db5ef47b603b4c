"""Fictional but plausible demo initiatives for the whole country (``flask seed demo``).

Deterministic: the same ``random_seed`` gives the same names, places and identifiers; dates
are laid out relative to ``today`` (a fixed date makes them repeatable too). Everything is
made up: websites and e-mail addresses use the reserved ``.example`` domain, identifiers are
random digits in the right format, and every row has ``is_demo`` set.

The rows go in with one bulk insert per table and batch (``DemoFactory`` makes rows, not
mapped objects; ``register.bulk`` writes them, by ``COPY`` on PostgreSQL): per-object
flushes made 10,000 initiatives take minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from operator import attrgetter

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from register.bulk import insert_rows, insert_rows_with_ids
from register.entries.models import (
    Certification,
    FactProvenance,
    Initiative,
    Membership,
    Source,
    Statement,
    Visit,
    initiative_funding_route,
    initiative_target_group,
)
from register.entries.public import register_today
from register.entries.services import record_creations
from register.extensions import db
from register.seed.demo_concerns import add_demo_concerns
from register.seed.demo_factory import DemoFactory, DemoInitiative, places_by_province
from register.seed.demo_history import Row
from register.seed.demo_inputs import Catalogues

BATCH_SIZE = 1000
CHILD_TABLES = (
    ("statements", Statement),
    ("memberships", Membership),
    ("certifications", Certification),
    ("visits", Visit),
    ("provenance", FactProvenance),
)


def generate_demo(
    count: int = 1200, random_seed: int = 2023, today: date | None = None
) -> list[Initiative]:
    """Add ``count`` fictional initiatives, each logged as created, and a few concerns from the
    public about some of them; returns the initiatives (visits loaded). Caller commits.

    ``today`` (default: the register's today) is the date the demo history leads up to.
    """
    factory = DemoFactory(
        random_seed=random_seed,
        today=today or register_today(),
        catalogues=Catalogues.load(),
        places=places_by_province(),
        taken_slugs=set(db.session.scalars(select(Initiative.slug))),
    )
    ids: list[int] = []
    for start in range(0, count, BATCH_SIZE):
        drafts = [
            factory.initiative(index) for index in range(start, min(count, start + BATCH_SIZE))
        ]
        ids += _insert(drafts)
    initiatives = _load(ids)
    add_demo_concerns(initiatives, random_seed, factory.today)
    return initiatives


def _insert(drafts: Sequence[DemoInitiative]) -> list[int]:
    """Insert the initiatives and their rows; returns their ids, in order."""
    ids = insert_rows_with_ids(Initiative.__table__, [draft.values for draft in drafts])
    for table, rows_of in (
        *((model.__table__, attrgetter(attribute)) for attribute, model in CHILD_TABLES),
        (initiative_target_group, _links("target_group_id", "target_group_ids")),
        (initiative_funding_route, _links("funding_route_id", "funding_route_ids")),
    ):
        insert_rows(
            table,
            [
                {**row, "initiative_id": initiative_id}
                for initiative_id, draft in zip(ids, drafts, strict=True)
                for row in rows_of(draft)
            ],
        )
    record_creations(
        zip(ids, (draft.values["slug"] for draft in drafts), strict=True), source=Source.SEED
    )
    return ids


def _links(column: str, attribute: str) -> Callable[[DemoInitiative], list[Row]]:
    """Rows of a link table (without ``initiative_id``), from a list of ids on the draft."""
    return lambda draft: [{column: linked_id} for linked_id in getattr(draft, attribute)]


def _load(ids: Sequence[int]) -> list[Initiative]:
    initiatives: list[Initiative] = []
    for start in range(0, len(ids), BATCH_SIZE):
        initiatives += db.session.scalars(
            select(Initiative)
            .where(Initiative.id.in_(ids[start : start + BATCH_SIZE]))
            .options(selectinload(Initiative.visits))
            .order_by(Initiative.id)
        )
    return initiatives
