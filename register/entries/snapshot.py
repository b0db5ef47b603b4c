"""An in-memory snapshot of every published initiative's filterable facts, for the finder.

Place, radius, facets and sorting run over this snapshot instead of the database: it is
rebuilt only when the register changed, and every process keeps its own.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain

from sqlalchemy import func, select

from register.catalogues.models import catalogue_version
from register.entries.changes import data_generation
from register.entries.facets import FACET_KEYS, FACETS, Option
from register.entries.models import ChangeLogEntry, Initiative
from register.entries.public import register_today
from register.entries.queries import published_initiatives
from register.extensions import db
from register.geo import normalise


@dataclass(frozen=True)
class Row:
    id: int
    position: int  # in ``Snapshot.rows``: its bit in the facet masks
    name_key: str
    updated_at: datetime | None
    confirmed_on: date | None  # the initiative's last "everything is still correct"
    latitude: float
    longitude: float
    values: dict[str, frozenset[str]]  # per facet key, the option keys this initiative has


@dataclass(frozen=True)
class Snapshot:
    version: tuple
    rows: list[Row]
    by_id: dict[int, Row]
    options: dict[str, list[Option]]  # per facet key, every option in the order shown

    @functools.cached_property
    def counts(self) -> dict[str, Counter]:
        """Option counts over all initiatives: the landing page's facets, computed once."""
        return {
            facet: Counter(chain.from_iterable(row.values[facet] for row in self.rows))
            for facet in FACET_KEYS
        }

    @functools.cached_property
    def masks(self) -> dict[str, dict[str, int]]:
        """Per facet and option, the rows that have it as a bit set (bit = row position):
        the finder counts options for any set of rows with one ``&`` and ``bit_count``."""
        masks: dict[str, dict[str, int]] = {}
        for facet in FACET_KEYS:
            positions: dict[str, list[int]] = {}
            for row in self.rows:
                for key in row.values[facet]:
                    positions.setdefault(key, []).append(row.position)
            masks[facet] = {key: mask_of(found, len(self.rows)) for key, found in positions.items()}
        return masks

    def rows_in(self, mask: int) -> list[Row]:
        """The rows whose bit is set in ``mask``, in snapshot order."""
        rows = self.rows
        found = []
        for index, byte in enumerate(mask.to_bytes((len(rows) + 7) // 8, "little")):
            if byte:
                base = index * 8
                found.extend(rows[base + bit] for bit in range(8) if byte >> bit & 1)
        return found

    @functools.cached_property
    def valid_keys(self) -> dict[str, frozenset[str]]:
        return {
            facet: frozenset(option.key for option in options)
            for facet, options in self.options.items()
        }


def mask_of(positions: Iterable[int], size: int) -> int:
    """A bit set with the given positions set (size: how many positions there are)."""
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


_cache: dict[str, Snapshot] = {}
_RECENT = 1000  # how many of the latest change-log ids are counted for late commits
_cache_lock = threading.Lock()


def snapshot() -> Snapshot:
    """Every published initiative's filterable facts, rebuilt when the register changed.

    Changed means: the change log moved (any server), this process committed to register
    tables, staff edited a catalogue (any server: names and options of the facets), or the
    day changed (claims expire).
    """
    today = register_today()
    # The change log is append-only: its first and last id (both read from the index, unlike
    # a count) change whenever the published data does, or the log is reset.
    first, last = db.session.execute(
        select(func.min(ChangeLogEntry.id), func.max(ChangeLogEntry.id))
    ).one()
    # A transaction on another server can commit a lower id after a higher one became
    # visible (entries.change_horizon): first and last stay the same, this count does not.
    recent = db.session.scalar(
        select(func.count(ChangeLogEntry.id)).where(ChangeLogEntry.id > (last or 0) - _RECENT)
    )
    version = (
        first,
        last,
        recent,
        catalogue_version(),
        data_generation(),
        today,
        str(db.engine.url),
    )
    current = _cache.get("snapshot")
    if current is not None and current.version == version:
        return current
    with _cache_lock:
        current = _cache.get("snapshot")  # another thread may have built it meanwhile
        if current is None or current.version != version:
            current = _build(version, today)
            _cache["snapshot"] = current
    return current


def _build(version: tuple, today: date) -> Snapshot:
    values: dict[str, dict[int, set[str]]] = {}
    for facet in FACETS:
        by_initiative = values[facet.key] = {}
        for initiative_id, key in facet.read_values(today):
            by_initiative.setdefault(initiative_id, set()).add(key)
    result = db.session.execute(
        published_initiatives(
            Initiative.id,
            Initiative.name,
            Initiative.latitude,
            Initiative.longitude,
            Initiative.updated_at,
            Initiative.last_confirmed_on,
        )
    )
    rows = [
        Row(
            id=id_,
            position=position,
            name_key=normalise(name),
            updated_at=updated_at,
            confirmed_on=confirmed_on,
            latitude=lat,
            longitude=lon,
            values={key: frozenset(values[key].get(id_, ())) for key in FACET_KEYS},
        )
        for position, (id_, name, lat, lon, updated_at, confirmed_on) in enumerate(result)
    ]
    return Snapshot(
        version=version,
        rows=rows,
        by_id={row.id: row for row in rows},
        options={facet.key: facet.load_options() for facet in FACETS},
    )
