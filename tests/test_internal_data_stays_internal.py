"""Pending revisions, access requests, accounts, the audit log, concerns from the public and the
inspectorate's records (decisions, internal visit fields, signal settings, the access log) never
reach a public page, open data, the API, the change feed or the search index: each kind of
internal record is made with a marker word, and every public output is searched for it."""

from __future__ import annotations

from datetime import date

import pytest
from flask import current_app

from register.access.services import submit_existing
from register.accounts.roles import RoleName
from register.audit import services as audit
from register.concerns import services as concerns
from register.entries.models import VisitBody
from register.inspection import services as inspection
from register.inspection.models import AccessAction, DecisionKind
from register.portal.services import entry_values, submit_edit
from register.search.query import text_search
from tests.entries.pages import publish
from tests.factories import make_account, make_initiative

MARKER = "Vertrouwelijkwoord"


def pending_revision(initiative) -> None:
    editor = make_account(RoleName.EDITOR, initiatives=[initiative])
    proposed = {**entry_values(initiative), "description": f"{MARKER} in een voorstel"}
    submit_edit(initiative, proposed, editor, confirmed=False, on=date(2026, 12, 1))


def account(initiative) -> None:
    make_account(
        RoleName.EDITOR, email=f"{MARKER.lower()}@example.org", initiatives=[initiative]
    ).name = MARKER


def audit_entry(initiative) -> None:
    audit.record("test.note", initiative_id=initiative.id, summary=MARKER, before={"x": MARKER})


def access_request(initiative) -> None:
    initiative.kvk_number = "12345678"
    with current_app.test_request_context():  # the receipt e-mail links to the site
        submit_existing(
            kvk_number="12345678",
            applicant_name=MARKER,
            email=f"{MARKER.lower()}@example.org",
            locale="nl",
        )


def concern(initiative) -> None:
    concerns.report(
        initiative,
        what_happened=MARKER,
        when_happened=MARKER,
        reporter_name=MARKER,
        reporter_email=f"{MARKER.lower()}@example.org",
        reporter_phone=MARKER,
    )


def inspection_decision(initiative) -> None:
    inspector = make_account(RoleName.INSPECTOR)
    inspection.decide(initiative, DecisionKind.NO_ACTION, f"{MARKER} als reden", inspector)


def inspection_visit(initiative) -> None:
    """A visit with a public report: the report link is published, the rest must not be."""
    inspector = make_account(RoleName.INSPECTOR)
    inspection.record_visit(
        initiative,
        visited_on=date(2026, 11, 2),
        body=VisitBody.IGJ,
        announced=False,
        outcome=f"{MARKER} uitkomst",
        notes=f"{MARKER} aantekening",
        follow_up_on=date(2027, 2, 1),
        report_url="https://www.igj.nl/rapport",
        actor=inspector,
    )


def signal_setting(initiative) -> None:
    admin = make_account(RoleName.INSPECTION_ADMIN)
    inspection.change_setting("large_capacity", 16, 8, f"{MARKER} als reden", admin)


def inspection_access_log(initiative) -> None:
    inspector = make_account(RoleName.INSPECTOR)
    inspection.log_access(
        AccessAction.EXPORT, inspector, initiative_id=initiative.id, detail=MARKER
    )


INTERNAL_RECORDS = {
    "access request": access_request,
    "pending revision": pending_revision,
    "account": account,
    "audit entry": audit_entry,
    "concern": concern,
    "inspection decision": inspection_decision,
    "inspection visit": inspection_visit,
    "signal setting": signal_setting,
    "inspection access log": inspection_access_log,
}

PUBLIC_OUTPUTS = (
    "/",
    "/initiatieven",
    "/initiatieven/openbaar-huis",
    "/initiatieven/vergelijk?ids=openbaar-huis",
    "/open-data/initiatieven.csv",
    "/open-data/initiatieven.json",
    "/api/v1/initiatives",
    "/api/v1/initiatives/openbaar-huis",
    "/api/v1/changes?since=2000-01-01T00:00:00Z",
    "/over/signalen",
)


@pytest.mark.parametrize("make_record", INTERNAL_RECORDS.values(), ids=INTERNAL_RECORDS.keys())
def test_internal_record_is_in_no_public_output(app, client, make_record):
    with app.app_context():
        initiative = make_initiative(name="Openbaar Huis", slug="openbaar-huis")
        make_record(initiative)
        publish()

    for url in PUBLIC_OUTPUTS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER.lower() not in response.get_data(as_text=True).lower(), url
    # Searching for the marker finds nothing (the pages echo the query, so look at results).
    assert "openbaar-huis" not in client.get(f"/initiatieven?q={MARKER}").get_data(as_text=True)
    assert client.get(f"/api/v1/initiatives?q={MARKER}").json["data"] == []
    with app.app_context():
        assert not text_search(MARKER).ids


def test_the_same_check_finds_the_marker_once_it_is_published(app, client):
    """The control: a published fact with the marker is found where the test looks."""
    with app.app_context():
        make_initiative(name="Openbaar Huis", slug="openbaar-huis", description=MARKER)
        publish()

    for url in (
        "/initiatieven/openbaar-huis",
        "/open-data/initiatieven.csv",
        "/api/v1/initiatives",
    ):
        assert MARKER in client.get(url).get_data(as_text=True), url
    assert "openbaar-huis" in client.get(f"/initiatieven?q={MARKER}").get_data(as_text=True)
