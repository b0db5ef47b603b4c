"""The versions a cached page is keyed on: the data's and the code's.

``data_version()`` is one small query per request (ids read from the primary-key indexes):
it changes whenever published register data or a catalogue changes, on any server. It
follows the change log as the finder's snapshot does (``register.entries.snapshot``): the
first and last id, and how many of the latest ids exist, because on PostgreSQL a transaction
on another server can commit a lower id after a higher one became visible
(``register.entries.change_horizon``). This process's own commits count at once
(``data_generation``), and so does the date (marks expire, entries become stale).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

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


def data_version() -> tuple:
    return (*db.session.execute(_VERSION_QUERY).one(), data_generation(), register_today())


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
