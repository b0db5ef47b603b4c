"""The compare basket: up to four initiatives a visitor is comparing, kept in the session
so it works without JavaScript. The rules live here; the views only report the outcome."""

from __future__ import annotations

import enum
from collections.abc import Iterable, MutableMapping

SESSION_KEY = "compare"
MAX_COMPARE = 4


class Added(enum.Enum):
    ADDED = "added"
    ALREADY = "already"
    FULL = "full"


def unique(values: Iterable[str]) -> list[str]:
    """Non-empty values, each once, in their first order."""
    return list(dict.fromkeys(v for v in values if v))


def read(session: MutableMapping) -> list[str]:
    """The slugs in the basket; anything in the session that is not a list of strings is
    ignored (a tampered or outdated cookie never breaks a page)."""
    stored = session.get(SESSION_KEY)
    if not isinstance(stored, list):
        return []
    return unique(s for s in stored if isinstance(s, str))[:MAX_COMPARE]


def save(session: MutableMapping, slugs: list[str]) -> None:
    session[SESSION_KEY] = unique(slugs)[:MAX_COMPARE]


def add(session: MutableMapping, slug: str) -> Added:
    slugs = read(session)
    if slug in slugs:
        return Added.ALREADY
    if len(slugs) >= MAX_COMPARE:
        return Added.FULL
    save(session, [*slugs, slug])
    return Added.ADDED


def remove(session: MutableMapping, slug: str) -> bool:
    """Take ``slug`` out; False when it was not in the basket."""
    slugs = read(session)
    if slug not in slugs:
        return False
    save(session, [s for s in slugs if s != slug])
    return True
