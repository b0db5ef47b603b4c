"""The editor's side: light changes, validation, no lost work between two editors, and
withdrawal requests; with the hostile cases next to each happy one."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from register.accounts.roles import RoleName
from register.audit.models import AuditEntry
from register.entries.models import ChangeLogEntry, Source, VacancyStatus
from register.extensions import db
from register.portal.models import Revision, RevisionKind, RevisionStatus
from tests.accounts.support import form_fields, log_out
from tests.entries.pages import read
from tests.factories import make_account
from tests.portal.builders import (
    NEW_STATEMENT,
    SAY_AT_LOCATION,
    edit_fields,
    edit_url,
    form_data,
    isolated,
    marieke_changes,
    marieke_setup,
    reject,
    second_client,
)

pytestmark = pytest.mark.usefixtures("app_context")


@pytest.fixture
def setup():
    return marieke_setup()


def test_vacancy_is_a_light_change_that_goes_live_at_once(client, log_in, setup):
    linde, _other, marieke, *_ = setup
    log_in(marieke)
    fields = form_fields(client, "/portaal", f"/portaal/initiatieven/{linde.id}/plaatsen")
    fields[f"i{linde.id}-vacancy"] = "places_free"

    response = client.post(f"/portaal/initiatieven/{linde.id}/plaatsen", data=fields)

    assert response.status_code == 303
    db.session.expire_all()
    assert linde.vacancy == VacancyStatus.PLACES_FREE
    assert "Plaatsen vrij" in read(client.get("/initiatieven/de-linde")).text
    entry = db.session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc())).first()
    assert (entry.fields, entry.source, entry.actor_account_id, entry.revision_id) == (
        ["vacancy"],
        Source.INITIATIVE,
        marieke.id,
        None,
    )
    audit = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "entry.vacancy_changed")
    )
    assert (audit.before, audit.after) == ({"vacancy": "waiting_list"}, {"vacancy": "places_free"})
    home = read(client.get("/portaal")).text
    assert "beschikbare plaatsen, zonder controle direct in het register" in home
    assert db.session.scalar(select(Revision)) is None


def test_still_correct_confirms_the_entry_at_once(client, log_in, setup):
    linde, _other, marieke, *_ = setup
    log_in(marieke)
    url = f"/portaal/initiatieven/{linde.id}/bevestigen"
    response = client.post(url, data=form_fields(client, "/portaal", url))
    assert response.status_code == 303
    db.session.expire_all()
    assert linde.last_confirmed_on == date.today()
    assert (
        "De gegevens in het register zijn het laatst bevestigd op"
        in read(client.get("/portaal")).text
    )


def test_editing_another_initiative_is_404_by_url_and_by_form(client, log_in, setup):
    linde, other, marieke, *_ = setup
    log_in(marieke)
    assert client.get(edit_url(other.id)).status_code == 404
    assert client.get(edit_url(999999)).status_code == 404
    fields = marieke_changes(edit_fields(client, linde.id))
    assert client.post(edit_url(other.id), data=fields).status_code == 404
    for action in ("plaatsen", "bevestigen", "uitschrijven"):
        url = f"/portaal/initiatieven/{other.id}/{action}"
        own = f"/portaal/initiatieven/{linde.id}/{action}"
        page = "/portaal" if action != "uitschrijven" else own
        data = form_fields(client, page, own)
        data[f"i{linde.id}-vacancy"] = "full"
        data["reason"] = "Weg ermee"
        assert client.post(url, data=data).status_code == 404, action
    assert db.session.scalar(select(Revision)) is None


def test_without_csrf_token_nothing_is_saved(client, log_in, setup):
    linde, _other, marieke, *_ = setup
    log_in(marieke)
    fields = marieke_changes(edit_fields(client, linde.id))
    del fields["csrf_token"]
    assert client.post(edit_url(linde.id), data=fields).status_code == 400
    assert client.post(f"/portaal/initiatieven/{linde.id}/bevestigen").status_code == 400
    assert db.session.scalar(select(Revision)) is None


@pytest.mark.parametrize("role", [RoleName.VERIFIER, RoleName.INSPECTOR, RoleName.STAFF])
def test_other_roles_may_not_use_the_portal(client, log_in, setup, role):
    account = make_account(role)
    db.session.commit()
    log_in(account)
    assert client.get("/portaal").status_code == 403
    assert client.get(edit_url(setup[0].id)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, setup):
    response = client.get(edit_url(setup[0].id))
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"started_on": "2019-02-30"}, "Vul een bestaande datum in"),
        (
            {"mark_prezo": "y", "mark_prezo_number": "P-1", "mark_prezo_valid_until": "30-06-2028"},
            "Vul een bestaande datum in",
        ),
        (
            {"mark_prezo": "y", "mark_prezo_valid_until": "2028-06-30"},
            "Vul het certificaatnummer van PREZO in.",
        ),
        ({"postcode": "0123 AB"}, "Vul een postcode in als 4 cijfers en 2 letters"),
        ({"place": "Atlantis"}, "Deze plaats kennen we niet."),
        ({"kvk_number": "1234"}, "Een KvK-nummer bestaat uit 8 cijfers."),
        # A regular expression's "$" also matches before a final line break.
        ({"kvk_number": "12345678\n"}, "Een KvK-nummer bestaat uit 8 cijfers."),
        ({"agb_code": "12345678\n"}, "Een AGB-code bestaat uit 8 cijfers."),
        ({"location_number": "123456789012\n"}, "Een vestigingsnummer bestaat uit 12 cijfers."),
        ({"capacity": "veel"}, "Vul een heel getal in, bijvoorbeeld 12."),
        ({"capacity": "0"}, "Vul een aantal tussen 1 en 1000 in."),
        ({"name": ""}, "Vul de naam van het initiatief in."),
        ({"capacity": ""}, "Vul het aantal woonplekken in, als een heel getal."),
        ({"collective_share_percent": "veel"}, "Vul een getal in, bijvoorbeeld 30 of 12,5."),
        ({"collective_share_percent": "130"}, "Vul een percentage tussen 0 en 100 in."),
        ({"description": "x" * 5001}, "De beschrijving mag niet meer dan 5000 tekens lang zijn."),
        ({SAY_AT_LOCATION: "y" * 3001}, "Een verklaring mag niet meer dan 3000 tekens lang zijn."),
        ({"website": "geen adres"}, "Vul een volledig webadres in"),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"kind": "spaceship"}, "Ongeldige keuze."),
    ],
)
def test_bad_input_is_refused_with_a_specific_message_and_kept(
    client, log_in, setup, changes, message
):
    linde, _other, marieke, *_ = setup
    log_in(marieke)
    fields = edit_fields(client, linde.id)
    fields.update(changes)
    fields[SAY_AT_LOCATION] = (
        fields.get(SAY_AT_LOCATION) if SAY_AT_LOCATION in changes else (NEW_STATEMENT)
    )

    response = client.post(edit_url(linde.id), data=fields)

    assert response.status_code == 400
    page = read(response)
    assert page.title.startswith("Fout:")
    assert message in page.text
    assert "Er is een probleem" in page.text
    assert NEW_STATEMENT in response.get_data(as_text=True) or SAY_AT_LOCATION in changes
    assert db.session.scalar(select(Revision)) is None


def test_two_editors_at_once_lose_nothing(client, app, log_in, setup):
    linde, _other, marieke, second, *_ = setup
    log_in(isolated(client) and marieke)
    mariekes_form = marieke_changes(edit_fields(client, linde.id))
    other_client = second_client(app, second)
    jeroens_form = edit_fields(other_client, linde.id)
    jeroens_form["description"] = "Zes jongvolwassenen wonen hier met begeleiding op maat."

    assert client.post(edit_url(linde.id), data=mariekes_form).status_code == 302
    conflict = other_client.post(edit_url(linde.id), data=jeroens_form)

    assert conflict.status_code == 409
    page = read(conflict)
    assert "Iemand anders heeft intussen iets opgeslagen" in page.text
    assert "Nu opgeslagen" in page.text and "Uw invoer" in page.text
    # Marieke's version (saved) next to Jeroen's (his input), per differing field.
    assert NEW_STATEMENT in page.text
    assert "PREZO-2026-0042" in page.text
    html = conflict.get_data(as_text=True)
    assert "Zes jongvolwassenen wonen hier met begeleiding op maat." in html
    revision = db.session.scalar(select(Revision))
    assert revision.proposed["description"] != jeroens_form["description"]

    # Sending his kept input again replaces Marieke's pending revision; nothing is silent.
    resend = form_data(html, edit_url(linde.id))
    assert other_client.post(edit_url(linde.id), data=resend).status_code == 302
    revisions = db.session.scalars(select(Revision).order_by(Revision.id)).all()
    assert [r.status for r in revisions] == [RevisionStatus.SUPERSEDED, RevisionStatus.PENDING]
    assert revisions[1].proposed["description"] == jeroens_form["description"]


def test_a_staff_decision_underneath_an_open_form_is_a_conflict(client, app, log_in, setup):
    linde, _other, marieke, _second, _stranger, staff = setup
    log_in(isolated(client) and marieke)
    assert (
        client.post(
            edit_url(linde.id), data=marieke_changes(edit_fields(client, linde.id))
        ).status_code
        == 302
    )
    reopened = edit_fields(client, linde.id)  # starts from her pending revision
    assert reopened[SAY_AT_LOCATION] == NEW_STATEMENT

    staff_client = second_client(app, staff)
    revision = db.session.scalar(select(Revision))
    assert reject(staff_client, revision.id, "Het certificaatnummer klopt niet.").status_code == 303

    reopened["description"] = "Nieuwe tekst"
    response = client.post(edit_url(linde.id), data=reopened)
    assert response.status_code == 409
    assert "Nieuwe tekst" in response.get_data(as_text=True)


def test_withdrawal_request_waits_for_staff(client, log_in, setup):
    linde, _other, marieke, *_ = setup
    log_in(marieke)
    url = f"/portaal/initiatieven/{linde.id}/uitschrijven"
    fields = form_fields(client, url)
    empty = client.post(url, data=fields)
    assert empty.status_code == 400
    assert "Schrijf waarom u het initiatief uit het register wilt halen." in read(empty).text

    fields["reason"] = "Wij stoppen per 1 januari; de bewoners verhuizen."
    assert client.post(url, data=fields).status_code == 303

    revision = db.session.scalar(select(Revision))
    assert (revision.kind, revision.status) == (RevisionKind.WITHDRAWAL, RevisionStatus.PENDING)
    assert client.get("/initiatieven/de-linde").status_code == 200
    assert "uit het register te halen" in read(client.get("/portaal")).text
    assert "al gevraagd" in read(client.get(url)).text
    log_out(client)


def test_the_error_summary_links_each_error_to_its_field_in_page_order(client, log_in, setup):
    linde, _other, marieke, *_ = setup
    log_in(marieke)
    fields = edit_fields(client, linde.id)
    fields.update({"name": "", SAY_AT_LOCATION: "z" * 3001, "mark_prezo": "y", "postcode": "nope"})

    page = read(client.post(edit_url(linde.id), data=fields))

    summary = [href for _text, href in page.links if href.startswith("#")][1:]  # skip link
    assert summary == [
        "#name",
        "#postcode",
        f"#{SAY_AT_LOCATION}",
        "#mark_prezo_number",
        "#mark_prezo_valid_until",
    ]
    ids = {attrs.get("id") for _tag, attrs in page.elements}
    assert {href[1:] for href in summary} <= ids
