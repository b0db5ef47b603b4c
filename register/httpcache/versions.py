"""The versions a cached page is keyed on: the data's and the code's.

``data_version()`` is one small query (ids read from the primary-key indexes): it changes
whenever published register data or a catalogue changes, on any server. It
follows the change log as the finder's snapshot does (``register.entries.snapshot``): the
first and last id, and how many of the latest ids exist, because on PostgreSQL a transaction
on another server can commit a lower id after a higher one became visible
(``register.entries.change_horizon``). This process's own commits count at once
(``data_generation``), and so does the date (marks expire, entries become stale).

The query is the largest cost of a page served from the cache, so a process asks it at most
every ``DATA_VERSION_MAX_AGE`` seconds (default 0.5, the search sync's interval): a change
committed through another server reaches this server's cached pages within that time, one
committed through this process at once.
"""

from __future__ import annotations

import functools
import hashlib
import time
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from register.catalogues.models import CatalogueEdit
from register.entries.changes import data_generation
from register.entries.models import ChangeLogEntry
from register.entries.public import register_today
from register.extensions import db

_RECENT = 1000  # how many of the latest change-log ids are counted for late commits

_last_id = select(func.max(ChangeLogEntry.id)).scalar_subquery()
_VERSION_QUERY = select(
    select(func.min(ChangeLogEntry.id)).scalar_subquery(),
    _last_id,
    select(func.count(ChangeLogEntry.id))
    .where(ChangeLogEntry.id > func.coalesce(_last_id, 0) - _RECENT)
    .scalar_subquery(),
    select(func.max(CatalogueEdit.id)).scalar_subquery(),
)


class DataVersion:
    """The data version as one process last read it (``DATA_VERSION_MAX_AGE``)."""

    def __init__(self) -> None:
        self._known: tuple[float, tuple] | None = None

    def __call__(self) -> tuple:
        generation, today = data_generation(), register_today()
        known = self._known
        max_age = current_app.config["DATA_VERSION_MAX_AGE"]
        now = time.monotonic()
        if known is None or now - known[0] >= max_age or known[1][-2:] != (generation, today):
            version = (*db.session.execute(_VERSION_QUERY).one(), generation, today)
            known = self._known = (now, version)
        return known[1]


@functools.cache
def code_version(root: Path) -> str:
    """A hash of the code, templates and compiled translations under ``root``: a page
    cached by a browser before a deployment is not taken for the page after it. Computed
    once per process."""
    digest = hashlib.sha256()
    for pattern in ("register/**/*.py", "register/translations/**/*.mo", "templates/**/*"):
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
