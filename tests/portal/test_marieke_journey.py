"""Marieke keeps De Linde's entry true: she adds a quality mark, rewrites one statement and
confirms the rest; nothing public changes until staff approve; then every public face does."""

from __future__ import annotations

import json
from datetime import date

import pytest
from babel.dates import format_date
from sqlalchemy import select

from register.audit.models import AuditEntry
from register.entries.models import ChangeLogEntry, ClaimStatus, Source
from register.extensions import db
from register.mail.models import OutboxMessage
from register.portal.models import Revision, RevisionStatus
from register.search.query import text_search
from tests.accounts.support import log_out
from tests.entries.pages import read
from tests.portal.builders import (
    NEW_STATEMENT,
    approve,
    edit_fields,
    edit_url,
    marieke_changes,
    marieke_setup,
    page_text,
)

pytestmark = pytest.mark.usefixtures("app_context")


def public_faces(client) -> dict[str, str]:
    return {
        "page": client.get("/initiatieven/de-linde").get_data(as_text=True),
        "api": client.get("/api/v1/initiatives/de-linde").get_data(as_text=True),
        "json": client.get("/open-data/initiatieven.json").get_data(as_text=True),
        "csv": client.get("/open-data/initiatieven.csv").get_data(as_text=True),
        "changes": client.get("/api/v1/changes?since=2000-01-01T00:00:00Z").get_data(as_text=True),
    }


def test_marieke_edits_staff_approve_and_every_public_face_shows_it(client, log_in):
    linde, _other, marieke, _second, _stranger, staff = marieke_setup()
    before = public_faces(client)

    log_in(marieke)
    home = read(client.get("/portaal"))
    assert "Wooninitiatief De Linde" in home.text
    assert "Er wacht niets op goedkeuring." in home.text
    response = client.post(edit_url(linde.id), data=marieke_changes(edit_fields(client, linde.id)))
    assert response.status_code == 302
    home = read(client.get("/portaal"))
    assert "wachten op goedkeuring door het register" in home.text
    # "Everything is still correct" went live at once, logged as a light change.
    assert "zonder controle direct in het register" in home.text

    revision = db.session.scalar(select(Revision))
    assert revision.status == RevisionStatus.PENDING
    assert revision.facts == ["statements", "certifications"]
    # Nothing public changed but the confirmation date and the last change time.
    after_submit = public_faces(client)
    for face in ("page", "api", "json", "csv"):
        assert "PREZO-2026-0042" not in after_submit[face]
        assert NEW_STATEMENT not in after_submit[face]
        assert "De ouders vergaderen elk kwartaal." in after_submit[face] or face == "csv"
    assert text_search("bewonersraad").ids == []
    assert "certifications" not in after_submit["changes"]
    assert before["page"].count("keurmerken") == after_submit["page"].count("keurmerken")

    log_out(client)
    log_in(staff)
    queue = read(client.get("/beheer/wijzigingen"))
    assert "Wooninitiatief De Linde" in queue.text
    assert "verklaringen over eigen regie, keurmerken" in queue.text
    page = read(client.get(f"/beheer/wijzigingen/{revision.id}"))
    assert "Verklaring over eigen regie: Zeggenschap op de locatie" in page.text
    assert "De ouders vergaderen elk kwartaal." in page.text and NEW_STATEMENT in page.text
    assert "PREZO, certificaatnummer PREZO-2026-0042, geldig tot 30 juni 2028" in page.text
    assert "Toegevoegd:" in page.text
    assert "De gegevens zijn intussen veranderd" not in page.text

    assert approve(client, revision.id).status_code == 303
    db.session.expire_all()
    assert revision.status == RevisionStatus.APPROVED
    assert revision.decided_by_account_id == staff.id

    detail = page_text(client, "/initiatieven/de-linde")
    assert NEW_STATEMENT in detail
    assert "PREZO" in detail
    long_today = format_date(date.today(), "long", locale="nl")
    assert "Gewijzigd: verklaringen over eigen regie, keurmerken" in detail
    assert (
        f"Gegeven door het initiatief zelf op {long_today}, gecontroleerd door het register op "
        f"{long_today}." in detail
    )
    api = client.get("/api/v1/initiatives/de-linde").get_json()["data"]
    marks = {c["quality_mark"]: c for c in api["certifications"]}
    assert marks["prezo"]["status"] == ClaimStatus.SELF_DECLARED.value
    assert marks["prezo"]["certificate_number"] == "PREZO-2026-0042"
    assert marks["prezo"]["valid_until"] == "2028-06-30"
    assert NEW_STATEMENT in json.dumps(api["statements"])
    assert NEW_STATEMENT in client.get("/open-data/initiatieven.json").get_data(as_text=True)
    assert "PREZO-2026-0042" not in before["csv"]
    assert text_search("bewonersraad").ids == [linde.id]
    feed = client.get("/api/v1/changes?since=2000-01-01T00:00:00Z").get_json()["data"]
    assert feed[-1]["slug"] == "de-linde"
    assert feed[-1]["fields"] == ["statements", "certifications"]

    entry = db.session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc())).first()
    assert (entry.source, entry.actor_account_id, entry.revision_id) == (
        Source.INITIATIVE,
        marieke.id,
        revision.id,
    )
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"revision.submitted", "entry.confirmed", "revision.approved"} <= actions
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == marieke.email))
    assert "goedgekeurd" in mail.body

    log_out(client)
    log_in(marieke)
    assert "is goedgekeurd op" in page_text(client, "/portaal")
