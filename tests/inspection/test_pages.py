"""The inspectorate's pages: the priorities list with filters and CSV, an initiative's internal
page with decisions and visits, the access log, the signal rules and their public description."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import func, select

from register.accounts.roles import RoleName
from register.audit.models import AuditEntry
from register.entries.models import ChangeLogEntry, Initiative, Source, Visit
from register.extensions import db
from register.inspection.models import AccessLogEntry, Decision, SignalSetting, VisitRecord
from tests.accounts.support import form_fields, log_in_through_forms
from tests.factories import add_membership, make_account, make_initiative


@pytest.fixture
def world(app):
    with app.app_context():
        east = make_initiative(
            name="Huize Oost",
            slug="huize-oost",
            province="Gelderland",
            municipality="Zutphen",
            place="Zutphen",
            started_on=date(2026, 9, 1),
            capacity=24,
        )
        wmo = make_initiative(
            name="Wmo-huis",
            slug="wmo-huis",
            funding_routes=("pgb_wmo",),
            province="Overijssel",
        )
        west = make_initiative(name="Huize West", slug="huize-west", province="Zuid-Holland")
        add_membership(west)
        inspector = make_account(RoleName.INSPECTOR)
        admin = make_account(RoleName.INSPECTION_ADMIN)
        db.session.commit()
        yield {
            "east": east.id,
            "wmo": wmo.id,
            "west": west.id,
            "inspector": inspector,
            "admin": admin,
        }


@pytest.fixture
def inspector(app, world, log_in):
    with app.app_context():
        return log_in(db.session.merge(world["inspector"]))


def test_the_list_explains_each_row_in_words_with_each_contribution(inspector, world):
    page = inspector.get("/inspectie").get_data(as_text=True)
    assert "Huize Oost" in page and "Huize West" in page
    assert "gestart op 1 september 2026, nog geen bezoek" in page
    assert "+30" in page
    assert page.index("Huize Oost") < page.index("Huize West")  # heavier first


def test_internal_pages_are_never_cached_but_the_public_rules_may_be(inspector, world, client):
    for url in ("/inspectie", f"/inspectie/initiatieven/{world['east']}", "/inspectie/export.csv"):
        assert inspector.get(url).headers["Cache-Control"] == "no-store", url
    assert client.get("/over/signalen").headers.get("Cache-Control") != "no-store"


def test_filters_province_and_supervisor_leave_out_wmo_only(inspector):
    page = inspector.get(
        "/inspectie?provincie=Overijssel&provincie=Gelderland&toezicht=igj"
    ).get_data(as_text=True)
    assert "Huize Oost" in page
    assert "Wmo-huis" not in page and "Huize West" not in page
    only_municipal = inspector.get("/inspectie?toezicht=gemeente").get_data(as_text=True)
    assert "Wmo-huis" in only_municipal and "Huize Oost" not in only_municipal


def test_filter_by_signal_kind_and_municipality(inspector):
    page = inspector.get("/inspectie?signaal=large_capacity").get_data(as_text=True)
    assert "Huize Oost" in page and "Huize West" not in page
    page = inspector.get("/inspectie?gemeente=zutphen&soort=relatives_residents").get_data(
        as_text=True
    )
    assert "Huize Oost" in page and "Wmo-huis" not in page


def test_bad_filter_values_get_a_message_not_an_error(inspector):
    response = inspector.get("/inspectie?toezicht=politie&signaal=x&niet_bezocht_maanden=-3")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Kies een toezichthouder uit de lijst." in page
    assert "Vul een aantal maanden in" in page
    assert inspector.get("/inspectie?pagina=abc&provincie=Mars").status_code == 200


def test_exclude_initiatives_visited_recently(inspector, app, world):
    with app.app_context():
        db.session.add(
            VisitRecord(initiative_id=world["east"], visited_on=date(2026, 11, 1), body="igj")
        )
        db.session.commit()
    page = inspector.get("/inspectie?niet_bezocht_maanden=6").get_data(as_text=True)
    assert "Huize Oost" not in page and "Huize West" in page


def test_csv_export_is_what_is_on_screen_with_reasons_and_is_logged(inspector, app, world):
    with app.app_context():
        db.session.get(Initiative, world["east"]).name = "=HYPERLINK(1)"
        db.session.commit()
    response = inspector.get("/inspectie?provincie=Gelderland")
    assert response.status_code == 200
    export = inspector.get("/inspectie/export.csv?provincie=Gelderland")
    assert export.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True))))
    assert len(rows) == 2
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert "nog geen bezoek" in rows[1][8] and "(+30)" in rows[1][8]
    with app.app_context():
        entry = db.session.scalar(select(AccessLogEntry).where(AccessLogEntry.action == "export"))
        assert entry is not None and "provincie=Gelderland" in entry.detail


def test_record_a_decision_and_it_shows_on_the_list(inspector, app, world):
    url = f"/inspectie/initiatieven/{world['east']}"
    fields = form_fields(inspector, url, f"{url}/besluit")
    fields.update(kind="plan_visit", rationale="Nieuw en groot; bezoek in januari.")
    response = inspector.post(f"{url}/besluit", data=fields)
    assert response.status_code == 302
    page = inspector.get("/inspectie").get_data(as_text=True)
    assert "Bezoek plannen" in page and "bezoek in januari" in page


def test_a_decision_without_rationale_is_refused_with_a_message(inspector, app, world):
    url = f"/inspectie/initiatieven/{world['east']}"
    fields = form_fields(inspector, url, f"{url}/besluit")
    fields.update(kind="no_action", rationale="  ")
    response = inspector.post(f"{url}/besluit", data=fields)
    assert response.status_code == 400
    assert "Schrijf op waarom" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Decision.id))) == 0


def test_a_visit_with_a_report_link_is_published_but_outcome_stays_internal(
    inspector, app, world, client
):
    url = f"/inspectie/initiatieven/{world['east']}"
    fields = form_fields(inspector, url, f"{url}/bezoek")
    fields.update(
        visited_on="2026-11-20",
        body="igj",
        announced="nee",
        outcome="Uitkomstgeheim",
        notes="Notitiegeheim",
        follow_up_on="2027-03-01",
        report_url="https://www.igj.nl/rapport-huize-oost",
    )
    assert inspector.post(f"{url}/bezoek", data=fields).status_code == 302
    public = client.get("/initiatieven/huize-oost").get_data(as_text=True)
    assert "https://www.igj.nl/rapport-huize-oost" in public
    assert "Uitkomstgeheim" not in public and "Notitiegeheim" not in public
    with app.app_context():
        entry = db.session.scalars(
            select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc())
        ).first()
        assert entry.fields == ["visits"] and entry.source == Source.INSPECTORATE
    internal = inspector.get(url).get_data(as_text=True)
    assert "Uitkomstgeheim" in internal and "1 maart 2027" in internal


def test_a_visit_without_a_report_stays_internal(inspector, app, world):
    url = f"/inspectie/initiatieven/{world['east']}"
    fields = form_fields(inspector, url, f"{url}/bezoek")
    fields.update(visited_on="2026-11-20", body="igj", announced="ja")
    assert inspector.post(f"{url}/bezoek", data=fields).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(Visit.id))) == 0
        assert db.session.scalar(select(func.count(VisitRecord.id))) == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"report_url": "javascript:alert(1)"}, "begint met https://"),
        ({"report_url": "www.igj.nl"}, "begint met https://"),
        ({"visited_on": "2099-01-01"}, "niet in de toekomst"),
        ({"visited_on": "gisteren"}, "Vul een bestaande datum in"),
        ({"follow_up_on": "2026-01-01"}, "na het bezoek"),
        ({"body": "politie"}, "Ongeldige keuze"),
    ],
)
def test_a_bad_visit_is_refused_with_a_message(inspector, world, changes, message):
    url = f"/inspectie/initiatieven/{world['east']}"
    fields = form_fields(inspector, url, f"{url}/bezoek")
    fields.update(visited_on="2026-11-20", body="igj", announced="ja")
    fields.update(changes)
    response = inspector.post(f"{url}/bezoek", data=fields)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_every_view_of_the_internal_page_is_logged_and_admins_read_the_log(app, world, inspector):
    inspector.get(f"/inspectie/initiatieven/{world['east']}")
    inspector.get(f"/inspectie/initiatieven/{world['east']}")
    assert inspector.get("/inspectie/toegangslog").status_code == 403
    assert inspector.get(f"/inspectie/initiatieven/{world['west'] + 999}").status_code == 404
    admin = app.test_client()
    with app.app_context():
        log_in_through_forms(admin, db.session.merge(world["admin"]))
    page = admin.get("/inspectie/toegangslog").get_data(as_text=True)
    assert page.count("Interne pagina geopend") == 2
    assert "Huize Oost" in page and world["inspector"].email in page


def test_an_admin_changes_a_rule_with_a_reason_and_the_audit_log_keeps_it(
    app, world, log_in, client
):
    with app.app_context():
        admin = log_in(db.session.merge(world["admin"]))
    fields = form_fields(
        admin, "/inspectie/signaalregels", "/inspectie/signaalregels/large_capacity"
    )
    fields.update({"large_capacity-threshold": "16", "large_capacity-weight": "8"})
    refused = admin.post("/inspectie/signaalregels/large_capacity", data=fields)
    assert refused.status_code == 400 and "Schrijf op waarom" in refused.get_data(as_text=True)
    fields["large_capacity-reason"] = "Beleid 2027: kleinere huizen ook."
    assert admin.post("/inspectie/signaalregels/large_capacity", data=fields).status_code == 302
    with app.app_context():
        row = db.session.get(SignalSetting, "large_capacity")
        assert (row.threshold, row.weight) == (16, 8)
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "inspection.signal_setting_changed")
        )
        assert entry.before == {"threshold": 20, "weight": 5}
        assert "Beleid 2027" in entry.summary
    public = client.get("/over/signalen").get_data(as_text=True)
    assert "16 woonplekken" in public
    assert "Beleid 2027" not in public


def test_a_threshold_out_of_range_is_refused(app, world, log_in):
    with app.app_context():
        admin = log_in(db.session.merge(world["admin"]))
    fields = form_fields(admin, "/inspectie/signaalregels", "/inspectie/signaalregels/quality_mark")
    fields.update(
        {
            "quality_mark-threshold": "99999",
            "quality_mark-weight": "abc",
            "quality_mark-reason": "test",
        }
    )
    response = admin.post("/inspectie/signaalregels/quality_mark", data=fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Vul een drempel in van 1 tot en met 730." in page
    assert "Vul een heel getal in." in page
    assert admin.post("/inspectie/signaalregels/onbekend", data=fields).status_code == 404


def test_the_public_page_describes_the_rules_without_any_initiative(client, world):
    page = client.get("/over/signalen").get_data(as_text=True)
    assert "Een inspecteur beslist altijd zelf" in page
    assert "Nieuw en nog niet bezocht" in page and "6 maanden" in page
    assert "Huize Oost" not in page
    assert "/over/signalen" in client.get("/over").get_data(as_text=True)


@pytest.mark.parametrize("role", [RoleName.EDITOR, RoleName.VERIFIER, RoleName.STAFF])
def test_other_roles_see_nothing_of_the_inspectorate(app, world, log_in, role):
    with app.app_context():
        account = make_account(role)
        db.session.commit()
        client = log_in(account)
    for url in ("/inspectie", f"/inspectie/initiatieven/{world['east']}", "/inspectie/export.csv"):
        assert client.get(url).status_code == 403


def test_the_inspector_sees_a_concern_counted_and_on_the_internal_page(inspector, app, world):
    from register.concerns.services import report

    with app.app_context():
        initiative = db.session.get(Initiative, world["west"])
        concern = report(initiative, what_happened="Niemand neemt 's avonds de telefoon op.")
        reference = concern.reference
        db.session.commit()
    page = inspector.get("/inspectie?signaal=concerns").get_data(as_text=True)
    assert "Huize West" in page and "1 zorg gemeld in de laatste twaalf maanden" in page
    internal = inspector.get(f"/inspectie/initiatieven/{world['west']}").get_data(as_text=True)
    assert reference in internal and "de telefoon op" in internal
