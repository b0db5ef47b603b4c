"""Fictional but plausible demo initiatives for the whole country (``flask seed demo``).

Deterministic: the same ``random_seed`` gives the same names, places and identifiers; dates
are laid out relative to ``today`` (a fixed date makes them repeatable too). Everything is
made up: websites and e-mail addresses use the reserved ``.example`` domain, identifiers are
random digits in the right format, and every row has ``is_demo`` set.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from register.entries.models import ChangeAction, Initiative, Source
from register.entries.public import register_today
from register.entries.services import record_change
from register.extensions import db
from register.seed.demo_concerns import add_demo_concerns
from register.seed.demo_factory import DemoFactory, places_by_province
from register.seed.demo_inputs import Catalogues

BATCH_SIZE = 500


def generate_demo(
    count: int = 1200, random_seed: int = 2023, today: date | None = None
) -> list[Initiative]:
    """Add ``count`` fictional initiatives, each logged as created, and a few concerns from the
    public about some of them. Flushes; caller commits.

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
    add_demo_concerns(initiatives, random_seed, factory.today)
    return initiatives
