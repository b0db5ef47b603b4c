"""Reads of the published register: every reader (pages, finder, search sync, open data,
the API, the question-list builder) starts from ``published_initiatives()``, so a withdrawn
entry leaves all of them at once."""

from __future__ import annotations

from sqlalchemy import Select, select

from register.entries.models import EntryStatus, Initiative, SlugHistory
from register.extensions import db


def published_initiatives(*columns) -> Select:
    """``select(Initiative)`` (or the given columns) limited to entries in the register."""
    query = select(*columns) if columns else select(Initiative)
    return query.where(Initiative.status == EntryStatus.PUBLISHED)


def published_by_slug(slug: str) -> Initiative | None:
    return db.session.scalar(published_initiatives().where(Initiative.slug == slug))


def any_by_slug(slug: str) -> Initiative | None:
    """The entry with this slug whatever its status (for 410 pages), else None."""
    return db.session.scalar(select(Initiative).where(Initiative.slug == slug))


def current_slug_for(former_slug: str) -> str | None:
    """The present slug of an entry that was once reachable as ``former_slug``."""
    return current_slugs([former_slug]).get(former_slug)


def current_slugs(slugs: list[str]) -> dict[str, str]:
    """Former slug -> present slug, for those of ``slugs`` that are former slugs."""
    if not slugs:
        return {}
    rows = db.session.execute(
        select(SlugHistory.slug, Initiative.slug)
        .join(Initiative, SlugHistory.initiative_id == Initiative.id)
        .where(SlugHistory.slug.in_(slugs))
    )
    return dict(rows.all())
