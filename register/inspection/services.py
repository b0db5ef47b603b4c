"""The inspectorate's actions: signal settings, decisions, visits and the access log. Views
call these and commit."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from register.audit import services as audit
from register.entries.models import (
    ChangeAction,
    Initiative,
    Source,
    Visit,
    VisitBody,
    VisitType,
    utcnow,
)
from register.entries.services import record_change
from register.extensions import db
from register.inspection.models import (
    AccessAction,
    AccessLogEntry,
    Decision,
    DecisionKind,
    SignalSetting,
    VisitRecord,
)
from register.inspection.signals import SIGNALS, SIGNALS_BY_KEY, Setting, default_settings

# --- signal settings ------------------------------------------------------------------------


def ensure_signal_settings() -> None:
    """Seed a row with the defaults for every signal that has none (idempotent; an
    administrator's change is never overwritten). Flushes; the caller commits."""
    existing = set(db.session.scalars(select(SignalSetting.key)))
    for signal in SIGNALS:
        if signal.key not in existing:
            db.session.add(
                SignalSetting(
                    key=signal.key,
                    threshold=signal.default_threshold,
                    weight=signal.default_weight,
                )
            )
    db.session.flush()


def current_settings() -> dict[str, Setting]:
    """The stored threshold and weight of every signal; the default where none is stored."""
    settings = default_settings()
    for row in db.session.scalars(select(SignalSetting)):
        if row.key in settings:
            settings[row.key] = Setting(row.threshold, row.weight)
    return settings


def setting_rows() -> dict[str, SignalSetting]:
    return {row.key: row for row in db.session.scalars(select(SignalSetting))}


def rules_last_changed() -> datetime | None:
    return db.session.scalar(select(func.max(SignalSetting.changed_at)))


def change_setting(key: str, threshold: int | None, weight: int, reason: str, actor) -> None:
    """Store a new threshold and weight with the reason; the audit log keeps who, when, why."""
    signal = SIGNALS_BY_KEY[key]
    row = db.session.get(SignalSetting, key)
    if row is None:
        row = SignalSetting(key=key, threshold=signal.default_threshold, weight=0)
        db.session.add(row)
    before = {"threshold": row.threshold, "weight": row.weight}
    row.threshold = threshold if signal.threshold_label is not None else None
    row.weight = weight
    row.reason = reason
    row.changed_by_account_id = actor.id
    row.changed_at = utcnow()
    audit.record(
        "inspection.signal_setting_changed",
        target_type="signal_setting",
        summary=f"{key}: {reason}",
        before=before,
        after={"threshold": row.threshold, "weight": row.weight},
        actor=actor,
    )
    db.session.flush()


# --- decisions and visits -------------------------------------------------------------------


def decide(initiative: Initiative, kind: DecisionKind, rationale: str, actor) -> Decision:
    decision = Decision(
        initiative_id=initiative.id,
        kind=kind,
        rationale=rationale,
        account_id=actor.id,
        account_name=actor.name or actor.email,
    )
    db.session.add(decision)
    db.session.flush()
    return decision


def decisions_of(initiative_id: int) -> list[Decision]:
    return list(
        db.session.scalars(
            select(Decision)
            .where(Decision.initiative_id == initiative_id)
            .order_by(Decision.decided_at.desc(), Decision.id.desc())
        )
    )


def latest_decisions(initiative_ids: list[int]) -> dict[int, Decision]:
    """The newest decision of each of these initiatives (one query)."""
    latest: dict[int, Decision] = {}
    rows = db.session.scalars(
        select(Decision)
        .where(Decision.initiative_id.in_(initiative_ids))
        .order_by(Decision.decided_at, Decision.id)
    )
    for decision in rows:
        latest[decision.initiative_id] = decision
    return latest


def record_visit(
    initiative: Initiative,
    *,
    visited_on: date,
    body: VisitBody,
    announced: bool,
    outcome: str,
    notes: str,
    follow_up_on: date | None,
    report_url: str,
    actor,
) -> VisitRecord:
    """Keep the visit internally; with a report link, also publish the visit (date, body,
    link) on the initiative's public page and in the change log, so the change feed and
    every search index follow."""
    record = VisitRecord(
        initiative_id=initiative.id,
        visited_on=visited_on,
        body=body,
        announced=announced,
        outcome=outcome,
        notes=notes,
        follow_up_on=follow_up_on,
        report_url=report_url,
        account_id=actor.id,
    )
    db.session.add(record)
    if report_url:
        record.visit = Visit(
            initiative=initiative,
            visited_on=visited_on,
            body=body,
            visit_type=VisitType.ANNOUNCED if announced else VisitType.UNANNOUNCED,
            report_url=report_url,
        )
        db.session.add(record.visit)
        record_change(
            initiative,
            ChangeAction.UPDATED,
            ["visits"],
            source=Source.INSPECTORATE,
            actor_account_id=actor.id,
        )
    db.session.flush()
    return record


def visit_records_of(initiative_id: int) -> list[VisitRecord]:
    return list(
        db.session.scalars(
            select(VisitRecord)
            .where(VisitRecord.initiative_id == initiative_id)
            .order_by(VisitRecord.visited_on.desc(), VisitRecord.id.desc())
        )
    )


# --- access log -----------------------------------------------------------------------------


def log_access(
    action: AccessAction, actor, *, initiative_id: int | None = None, detail: str = ""
) -> None:
    db.session.add(
        AccessLogEntry(
            account_id=actor.id,
            account_email=actor.email,
            action=action,
            initiative_id=initiative_id,
            detail=detail,
        )
    )
    db.session.flush()


def access_log_page(page: int, per_page: int = 50) -> tuple[list[AccessLogEntry], int, int]:
    """A page of the access log (newest first), its number (within range) and the number of
    pages."""
    count = db.session.scalar(select(func.count(AccessLogEntry.id))) or 0
    pages = max(1, -(-count // per_page))
    page = min(max(page, 1), pages)
    entries = list(
        db.session.scalars(
            select(AccessLogEntry)
            .order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
    )
    return entries, page, pages
