"""The compare basket: up to four initiatives a visitor is comparing, kept in the session
so it works without JavaScript. The rules live here; the views only report the outcome."""

from __future__ import annotations

import enum
from collections.abc import Iterable, MutableMapping

SESSION_KEY = "compare"
NOTE_KEY = "compare_note"
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


def leave_note(session: MutableMapping, slug: str, text: str) -> None:
    """What happened to ``slug``, told once on the next page beside its button (without
    JavaScript the page reloads, so the message must wait for the page it returns to)."""
    session[NOTE_KEY] = {"slug": slug, "text": text}


def take_note(session: MutableMapping) -> dict[str, str] | None:
    """The note left for this page, once; anything malformed is dropped."""
    note = session.pop(NOTE_KEY, None)
    if not isinstance(note, dict) or not all(
        isinstance(note.get(key), str) for key in ("slug", "text")
    ):
        return None
    return {"slug": note["slug"], "text": note["text"]}


def toggle_id(slug: str) -> str:
    """The id of an initiative's add/remove button: the page returns to it by this anchor."""
    return f"vergelijk-{slug}"
