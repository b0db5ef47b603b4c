"""``flask search check``: does this server's index agree with the database?

Compares, per published initiative, the id and the ``updated_at`` stamp stored in its index
document with the database: *missing* (published, not in the index), *extra* (in the index,
not published) and *stale* (indexed with an older or other stamp). Entries that this server
has not synced yet count as drift too: run ``flask search sync`` first for a settled answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from register.entries.models import Initiative
from register.entries.queries import published_initiatives
from register.extensions import db
from register.search.index import index_dir, try_open
from register.search.schema import index_stamp


@dataclass(frozen=True)
class Drift:
    indexed: int
    published: int
    missing: list[int]
    extra: list[int]
    stale: list[int]

    @property
    def any(self) -> bool:
        return bool(self.missing or self.extra or self.stale)


class NoIndex(Exception):
    """The index folder holds no usable index (it would be rebuilt on the next search)."""


def index_drift() -> Drift:
    index = try_open(index_dir())
    if index is None:
        raise NoIndex(str(index_dir()))
    with index.searcher() as searcher:
        indexed = {int(doc["id"]): doc.get("stamp", "") for doc in searcher.all_stored_fields()}
    with Session(db.engine) as session:
        rows = session.execute(published_initiatives(Initiative.id, Initiative.updated_at))
        published = {row.id: index_stamp(row.updated_at) for row in rows}
    return Drift(
        indexed=len(indexed),
        published=len(published),
        missing=sorted(published.keys() - indexed.keys()),
        extra=sorted(indexed.keys() - published.keys()),
        stale=sorted(i for i in published.keys() & indexed.keys() if published[i] != indexed[i]),
    )
