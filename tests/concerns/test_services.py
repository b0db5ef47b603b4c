"""The services the inspection package reads concerns through: counts since a moment, the
concerns of one initiative, references, the audit trail and purging expired concerns."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from register.audit.models import AuditEntry
from register.concerns import services
from register.concerns.models import Concern
from register.extensions import db
from tests.factories import make_initiative

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def _report(initiative, days_ago=0, **fields):
    fields.setdefault("what_happened", "Er was 's nachts niemand aanwezig.")
    return services.report(initiative, created_at=NOW - timedelta(days=days_ago), **fields)


def test_counts_only_concerns_since_the_moment_per_initiative(app_context):
    linde, eik, beuk = make_initiative(), make_initiative(), make_initiative()
    _report(linde, days_ago=10)
    _report(linde, days_ago=20)
    _report(linde, days_ago=400)
    _report(eik, days_ago=1)
    _report(beuk, days_ago=500)

    counts = services.recent_concern_counts(NOW - timedelta(days=365))

    assert counts == {linde.id: 2, eik.id: 1}


def test_counts_are_empty_without_concerns(app_context):
    make_initiative()
    assert services.recent_concern_counts(NOW - timedelta(days=365)) == {}


def test_concerns_of_an_initiative_are_its_own_newest_first(app_context):
    linde, eik = make_initiative(), make_initiative()
    old = _report(linde, days_ago=30, what_happened="Oud")
    new = _report(linde, days_ago=2, what_happened="Nieuw")
    _report(eik, days_ago=1)

    assert services.concerns_of(linde.id) == [new, old]
    assert services.concerns_of(12345678) == []


def test_references_are_random_readable_and_unique(app_context):
    initiative = make_initiative()
    references = {_report(initiative).reference for _ in range(30)}

    assert len(references) == 30
    for reference in references:
        assert re.fullmatch(r"MZ-[2-9A-Z]{4}-[2-9A-Z]{4}", reference)
        assert not set(reference[3:]) & set("01OILSB58")


def test_the_audit_log_notes_a_concern_without_its_text_or_the_reporter(app_context):
    initiative = make_initiative()
    concern = _report(
        initiative,
        what_happened="GEHEIME-TEKST",
        when_happened="GEHEIM-MOMENT",
        reporter_name="GEHEIME-NAAM",
        reporter_email="geheim@example.org",
        reporter_phone="0612345678",
    )
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "concern.reported"))

    assert entry.initiative_id == initiative.id
    assert entry.target_id == concern.id
    assert entry.actor_account_id is None and entry.actor_email == ""
    everything = repr([entry.summary, entry.before, entry.after, entry.actor_email])
    for secret in ("GEHEIM", "geheim@", "0612345678"):
        assert secret not in everything


def test_purge_deletes_only_concerns_older_than_the_retention_period(app, app_context):
    initiative = make_initiative()
    kept = _report(initiative, days_ago=364)
    _report(initiative, days_ago=366)
    app.config["CONCERN_RETENTION_DAYS"] = 365
    try:
        assert services.purge_expired(now=NOW) == 1
    finally:
        app.config["CONCERN_RETENTION_DAYS"] = 365

    assert db.session.scalars(select(Concern)).all() == [kept]
