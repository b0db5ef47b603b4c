"""Finding audit entries: the staff's filter (initiative, actor, action, dates) read from the
query string, the query it makes, pages of results and the before/after differences.

Every filter state is a URL. A value that cannot be used (a date that is no date, an
unknown action) becomes an error message while the rest of the filter still applies.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select, tuple_

from register.audit.models import AuditEntry
from register.entries.models import Initiative
from register.extensions import db

PER_PAGE = 25
MAX_TEXT = 200  # longer search texts are refused: nothing that long is a name or address
MAX_PAGE = 100_000


@dataclass
class AuditFilter:
    initiative: str = ""
    actor: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    # What the person typed, to show it back in the form (also when it was refused).
    typed: dict[str, str] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def arguments(self, **changes: Any) -> dict[str, str]:
        """The query string of this filter (only what applies), e.g. for the CSV link."""
        values = {
            "initiatief": self.initiative,
            "door": self.actor,
            "handeling": self.action,
            "van": self.date_from.isoformat() if self.date_from else "",
            "tot": self.date_to.isoformat() if self.date_to else "",
            "pagina": str(self.page) if self.page > 1 else "",
        }
        values.update({key: str(value) for key, value in changes.items()})
        return {key: value for key, value in values.items() if value}


def known_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).distinct().order_by("action")))


def read_filter(args: Mapping[str, str], actions: list[str]) -> AuditFilter:
    """The filter in ``args``; refused values are left out and explained in ``errors``."""
    typed = {
        name: (args.get(name) or "").strip()
        for name in ("initiatief", "door", "handeling", "van", "tot")
    }
    result = AuditFilter(typed=typed)
    for name, attribute in (("initiatief", "initiative"), ("door", "actor")):
        if len(typed[name]) > MAX_TEXT:
            result.errors.append((name, _("Gebruik niet meer dan %(max)d tekens.", max=MAX_TEXT)))
        else:
            setattr(result, attribute, typed[name])
    if typed["handeling"] and typed["handeling"] not in actions:
        result.errors.append(("handeling", _("Kies een handeling uit de lijst.")))
    else:
        result.action = typed["handeling"]
    result.date_from = _date(result, "van", _("Vul bij ‘Vanaf’ een datum in als 2026-12-31."))
    result.date_to = _date(result, "tot", _("Vul bij ‘Tot en met’ een datum in als 2026-12-31."))
    if result.date_from and result.date_to and result.date_to < result.date_from:
        result.errors.append(("tot", _("‘Tot en met’ moet op of na ‘Vanaf’ liggen.")))
        result.date_to = None
    page = args.get("pagina", "1")
    result.page = int(page) if page.isdigit() and 0 < int(page) <= MAX_PAGE else 1
    return result


def _date(result: AuditFilter, name: str, message: str) -> date | None:
    text = result.typed[name]
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        result.errors.append((name, message))
        return None


def _start_of(day: date) -> datetime:
    """Midnight at the start of ``day`` in the register's time zone, in UTC."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return datetime.combine(day, time(), zone).astimezone(UTC)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def query(audit_filter: AuditFilter) -> Select:
    """Entries matching the filter, newest first."""
    statement = select(AuditEntry)
    if audit_filter.initiative:
        text = audit_filter.initiative
        initiatives = select(Initiative.id).where(
            or_(
                Initiative.name.ilike(_like(text), escape="\\"),
                Initiative.slug == text.lower(),
                Initiative.kvk_number == text.replace(" ", ""),
            )
        )
        statement = statement.where(AuditEntry.initiative_id.in_(initiatives))
    if audit_filter.actor:
        statement = statement.where(
            AuditEntry.actor_email.ilike(_like(audit_filter.actor), escape="\\")
        )
    if audit_filter.action:
        statement = statement.where(AuditEntry.action == audit_filter.action)
    if audit_filter.date_from:
        statement = statement.where(AuditEntry.at >= _start_of(audit_filter.date_from))
    if audit_filter.date_to:
        statement = statement.where(
            AuditEntry.at < _start_of(audit_filter.date_to + timedelta(days=1))
        )
    return statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


@dataclass
class ResultPage:
    entries: list[AuditEntry]
    total: int
    page: int
    page_count: int
    initiatives: dict[int, Initiative]  # the entries' initiatives, by id


def result_page(audit_filter: AuditFilter) -> ResultPage:
    statement = query(audit_filter)
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    page_count = max(1, -(-total // PER_PAGE))
    page = min(audit_filter.page, page_count)
    entries = list(db.session.scalars(statement.limit(PER_PAGE).offset((page - 1) * PER_PAGE)))
    return ResultPage(entries, total, page, page_count, initiatives_of(entries))


def initiatives_of(entries: list[AuditEntry]) -> dict[int, Initiative]:
    ids = {entry.initiative_id for entry in entries if entry.initiative_id is not None}
    if not ids:
        return {}
    return {i.id: i for i in db.session.scalars(select(Initiative).where(Initiative.id.in_(ids)))}


def entry_batches(audit_filter: AuditFilter, batch_size: int = 500) -> Iterator[list[AuditEntry]]:
    """Every matching entry, newest first, in batches (keyset: no cursor stays open while a
    slow client reads the download)."""
    statement = query(audit_filter)
    last: tuple | None = None
    while True:
        batch_query = statement
        if last is not None:
            batch_query = batch_query.where(tuple_(AuditEntry.at, AuditEntry.id) < last)
        batch = db.session.scalars(batch_query.limit(batch_size)).all()
        if not batch:
            return
        yield batch
        last = (batch[-1].at, batch[-1].id)


# --- before and after -----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    name: str  # the key in the JSON, nested keys joined with a dot
    before: str | None
    after: str | None


def changes(before: dict | None, after: dict | None) -> list[Change]:
    """What differs between ``before`` and ``after``, field by field, as readable text."""
    old, new = _flatten(before or {}), _flatten(after or {})
    return [
        Change(name, _text(old.get(name)), _text(new.get(name)))
        for name in sorted(old.keys() | new.keys())
        if old.get(name) != new.get(name)
    ]


def _flatten(values: dict, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
