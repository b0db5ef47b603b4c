"""The index folder on disk: create, open-and-check, and the small state file next to Whoosh's.

The state file (``register-state.json``) records the schema version the index was built
with, the cursor (every change-log entry up to it is applied; it never passes the settled
horizon, ``entries.change_horizon``) and the ids above the cursor that were applied already.
It is written only after a writer has committed, so a crash in between makes the next sync
re-apply a few entries (harmless: re-indexing is idempotent), never skip one.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from whoosh import index as whoosh_index
from whoosh.index import Index

from register.search.schema import SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)

STATE_FILE = "register-state.json"


@dataclass(frozen=True)
class IndexState:
    schema_version: int
    cursor: int
    applied: frozenset[int] = frozenset()


def index_dir() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def read_state(directory: Path) -> IndexState | None:
    """The state of the index in ``directory``, or None when missing or unreadable."""
    try:
        data = json.loads((directory / STATE_FILE).read_text(encoding="utf-8"))
        applied = frozenset(int(entry) for entry in data.get("applied", ()))
        return IndexState(int(data["schema_version"]), int(data["cursor"]), applied)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def read_cursor(directory: Path) -> int:
    state = read_state(directory)
    return state.cursor if state else 0


def write_state(directory: Path, cursor: int, applied: Iterable[int] = ()) -> None:
    """Replace the state file atomically, so a reader never sees half a file."""
    payload = json.dumps(
        {"schema_version": SCHEMA_VERSION, "cursor": cursor, "applied": sorted(applied)}
    )
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".state-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(tmp, directory / STATE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def create_empty(directory: Path) -> Index:
    """Throw away whatever is in ``directory`` and create an empty index without a state
    file: until the caller writes one, the index counts as missing (see ``try_open``)."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(directory), build_schema())


def try_open(directory: Path) -> Index | None:
    """Open the index if it is present, built with this schema version and readable.

    Whoosh signals a damaged index in many ways (its own errors, OSError, unpickling and
    struct errors from a garbled table of contents or segment), so any exception here
    means "rebuild": the index is a cache of the database.
    """
    state = read_state(directory)
    if state is None or state.schema_version != SCHEMA_VERSION:
        if directory.exists():
            log.warning("Search index at %s has no current state file", directory)
        return None
    try:
        if not whoosh_index.exists_in(str(directory)):
            log.warning("Search index at %s has no table of contents", directory)
            return None
        index = whoosh_index.open_dir(str(directory))
        with index.reader() as reader:
            reader.doc_count()
        return index
    except Exception:
        log.warning("Search index at %s cannot be read", directory, exc_info=True)
        return None
