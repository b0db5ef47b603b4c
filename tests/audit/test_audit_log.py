"""The audit log at /beheer/logboek: staff only, newest first, filtered by initiative, actor,
action and dates (every state a URL), before/after shown readably, and a CSV download of the
same filter with formulas neutralised."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from register.accounts.roles import RoleName
from register.extensions import db
from tests.audit.builders import add_entry
from tests.catalogues.builders import client_as
from tests.entries.pages import read
from tests.factories import make_initiative

LOG = "/beheer/logboek"


@pytest.fixture
def history(app):
    """Two initiatives, a day of edits on one of them and a staff approval."""
    with app.app_context():
        linde = make_initiative(name="De Linde", slug="de-linde", kvk_number="11112222")
        eik = make_initiative(name="De Eik", slug="de-eik", kvk_number="33334444")
        add_entry(
            datetime(2026, 11, 2, 9, 0),
            initiative_id=linde.id,
            summary="Beschrijving aangepast",
            before={"description": "Oud", "capacity": 10},
            after={"description": "Nieuw", "capacity": 12},
        )
        add_entry(
            datetime(2026, 11, 3, 14, 0),
            by="medewerker@example.org",
            action="revision.approve",
            initiative_id=linde.id,
            summary="Wijziging goedgekeurd",
        )
        add_entry(
            datetime(2026, 11, 20, 10, 0),
            by="ander@example.org",
            initiative_id=eik.id,
            summary="Plaats vrij veranderd",
            before={"vacancy": "waiting_list"},
            after={"vacancy": "available"},
        )
        db.session.commit()


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (LOG, LOG + ".csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/inloggen?next=")


@pytest.mark.parametrize("role", [RoleName.EDITOR, RoleName.VERIFIER, RoleName.INSPECTOR])
def test_other_roles_get_403(app, log_in, role):
    client = client_as(app, log_in, role)
    assert client.get(LOG).status_code == 403
    assert client.get(LOG + ".csv").status_code == 403


def test_newest_first_with_who_what_when_and_the_changes(history, staff):
    page = read(staff.get(LOG))
    text = page.text
    assert "3 handelingen gevonden." in text
    assert text.index("Plaats vrij veranderd") < text.index("Wijziging goedgekeurd")
    assert text.index("Wijziging goedgekeurd") < text.index("Beschrijving aangepast")
    assert "redacteur@example.org" in text
    assert "2 nov 2026, 10:00:00" in text  # 09:00 UTC, shown in Amsterdam time
    for cell in ("description", "Oud", "Nieuw", "capacity", "10", "12"):
        assert cell in text


def test_who_changed_what_when_for_one_entry(history, staff):
    for search in ("linde", "de-linde", "1111 2222"):
        page = read(staff.get(LOG, query_string={"initiatief": search}))
        assert "2 handelingen gevonden." in page.text, search
        assert "Plaats vrij veranderd" not in page.text
        assert "medewerker@example.org" in page.text
    page = read(staff.get(LOG))
    assert page.link("alles over dit initiatief") in (
        "/beheer/logboek?initiatief=de-linde",
        "/beheer/logboek?initiatief=de-eik",
    )


def test_filters_by_actor_action_and_dates(history, staff):
    assert "1 handeling gevonden." in read(staff.get(LOG + "?door=MEDEWERKER")).text
    assert "1 handeling gevonden." in read(staff.get(LOG + "?handeling=revision.approve")).text
    page = read(staff.get(LOG + "?van=2026-11-03&tot=2026-11-19"))
    assert "1 handeling gevonden." in page.text
    assert "Wijziging goedgekeurd" in page.text
    # A LIKE wildcard is a character like any other.
    assert "0 handelingen gevonden." in read(staff.get(LOG + "?door=%25")).text


def test_bad_dates_are_explained_and_the_rest_still_applies(history, staff):
    response = staff.get(LOG + "?van=gisteren&door=ander")
    page = read(response)
    assert response.status_code == 400
    assert page.title.startswith("Fout:")
    assert "Vul bij ‘Vanaf’ een datum in als 2026-12-31." in page.text
    assert page.has("a", href="#van")
    assert page.has("input", name="van", value="gisteren")
    assert "1 handeling gevonden." in page.text
    assert "Plaats vrij veranderd" in page.text


def test_other_bad_values_never_break_the_page(history, staff):
    for query, message in (
        ("?van=2026-11-20&tot=2026-11-01", "‘Tot en met’ moet op of na ‘Vanaf’ liggen."),
        ("?handeling=drop+table", "Kies een handeling uit de lijst."),
        ("?initiatief=" + "x" * 201, "Gebruik niet meer dan 200 tekens."),
        ("?tot=2026-02-30", "Vul bij ‘Tot en met’ een datum in als 2026-12-31."),
    ):
        response = staff.get(LOG + query)
        assert response.status_code == 400, query
        assert message in read(response).text, query
    for query in ("?pagina=abc", "?pagina=-1", "?pagina=99999999999", "?pagina=7"):
        response = staff.get(LOG + query)
        assert response.status_code == 200, query
        assert "3 handelingen gevonden." in read(response).text


def test_pages_of_25(app, staff):
    with app.app_context():
        for day in range(1, 31):
            add_entry(datetime(2026, 10, day, 12, 0), summary=f"Handeling {day:02d}")
        db.session.commit()
    first = read(staff.get(LOG + "?door=redacteur"))
    assert "Handeling 30" in first.text and "Handeling 05" not in first.text
    assert "1 van 2" in first.text
    second = read(staff.get(first.link("Volgende")))
    assert first.link("Volgende") == "/beheer/logboek?door=redacteur&pagina=2"
    assert "Handeling 05" in second.text and "Handeling 06" not in second.text


def _csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_csv_of_the_current_filter(history, staff):
    page = read(staff.get(LOG + "?initiatief=de-linde"))
    response = staff.get(page.link("Download als CSV"))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    rows = _csv(response)
    assert [row["summary"] for row in rows] == ["Wijziging goedgekeurd", "Beschrijving aangepast"]
    assert rows[1]["initiative_name"] == "De Linde"
    assert rows[1]["actor_email"] == "redacteur@example.org"
    assert rows[1]["at"] == "2026-11-02T09:00:00+00:00"
    assert '"capacity": 12' in rows[1]["after"]


def test_csv_neutralises_formulas(app, staff):
    with app.app_context():
        add_entry(
            datetime(2026, 11, 2, 9, 0),
            by="=cmd@example.org",
            summary='=HYPERLINK("https://evil.example","klik")',
        )
        db.session.commit()
    (row,) = _csv(staff.get(LOG + ".csv"))
    assert row["summary"] == '\'=HYPERLINK("https://evil.example","klik")'
    assert row["actor_email"] == "'=cmd@example.org"


def test_csv_with_a_bad_date_still_applies_the_rest(history, staff):
    rows = _csv(staff.get(LOG + ".csv?van=morgen&door=ander"))
    assert [row["summary"] for row in rows] == ["Plaats vrij veranderd"]
