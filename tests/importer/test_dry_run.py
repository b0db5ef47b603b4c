"""The dry run: per row what importing would do (add, change, unchanged, probable duplicate,
reject with every reason), and that it writes nothing to the register."""

from __future__ import annotations

import pytest
from flask_babel import refresh
from sqlalchemy import func, select

from register.entries.models import ChangeLogEntry, FactProvenance, Initiative
from register.entries.services import rename, withdraw
from register.extensions import db
from register.importer.dry_run import dry_run
from register.importer.reading import read_csv
from register.importer.services import known_columns
from tests.entries.pages import read
from tests.factories import make_initiative, make_one_of_everything
from tests.importer.builders import batch_url, csv_bytes, new_row, upload


@pytest.fixture
def report_for(app_context, request_context):
    def report(data: bytes) -> dict:
        csv_file = read_csv(data, known_columns())
        return dry_run(csv_file.header, csv_file.rows)

    return report


def outcomes(report: dict) -> list[str]:
    return [row["outcome"] for row in report["rows"]]


def test_a_new_row_would_be_added_with_its_place_from_the_gazetteer(report_for):
    report = report_for(csv_bytes([new_row(place="Hengelo", province="Gelderland")]))
    (row,) = report["rows"]
    assert row["outcome"] == "add"
    assert row["row"] == 2
    assert row["slug"] == "het-klaverblad-hengelo"
    assert row["values"]["place"]["municipality"] == "Bronckhorst"
    assert row["values"]["place"]["province"] == "Gelderland"
    assert row["values"]["funding_routes"] == ["pgb_wlz", "vpt"]
    assert report["counts"] == {"add": 1, "change": 0, "unchanged": 0, "duplicate": 0, "reject": 0}
    assert report["ignored_columns"] == ["province"]


def test_a_row_naming_an_existing_entry_lists_the_changed_facts_before_and_after(report_for):
    linde = make_initiative(capacity=12)
    db.session.commit()
    report = report_for(
        csv_bytes([{"slug": linde.slug, "name": linde.name, "capacity": "14", "vacancy": "full"}])
    )
    (row,) = report["rows"]
    assert row["outcome"] == "change"
    assert row["initiative"]["id"] == linde.id
    assert [(c["fact"], c["before"], c["after"]) for c in row["changes"]] == [
        ("capacity", 12, 14),
        ("vacancy", "waiting_list", "full"),
    ]


def test_the_report_page_shows_changes_as_before_and_after(staff_client):
    linde = make_initiative(capacity=12)
    db.session.commit()
    data = csv_bytes([{"slug": linde.slug, "capacity": "14"}])
    page = read(staff_client.get(batch_url(upload(staff_client, data))))
    assert "1 × wijziging" in page.text
    assert "Aantal plaatsen (capacity): 12 → 14" in page.text
    assert ("Wooninitiatief De Linde" in text for text, _ in page.links)


def test_same_values_are_unchanged_and_a_former_slug_still_finds_the_entry(report_for):
    linde = make_initiative(capacity=12)
    old_slug = linde.slug
    rename(linde, "De Linde", "de-linde")
    db.session.commit()
    report = report_for(csv_bytes([{"slug": old_slug, "name": "De Linde", "capacity": "12"}]))
    assert outcomes(report) == ["unchanged"]
    assert report["rows"][0]["initiative"]["slug"] == "de-linde"


def test_probable_duplicates_in_the_register_and_in_the_file(report_for):
    existing = make_initiative(kvk_number="11112222", name="De Eik", postcode="7411 BT")
    db.session.commit()
    rows = [
        new_row(kvk_number="11112222", name="Andere naam"),  # KvK of an entry
        new_row(kvk_number="", name="de eik", postcode="7411bt"),  # name and postcode
        new_row(kvk_number="33334444", name="Nieuw A"),
        new_row(kvk_number="33334444", name="Nieuw B"),  # KvK of row 4
        new_row(kvk_number="", name="Nieuw C", postcode="8011 AA", place="Zwolle"),
        new_row(kvk_number="", name="NIEUW C", postcode="8011AA", place="Zwolle"),  # row 6
    ]
    report = report_for(csv_bytes(rows))
    assert outcomes(report) == ["duplicate", "duplicate", "add", "duplicate", "add", "duplicate"]
    first, second, _, fourth, _, sixth = report["rows"]
    assert first["duplicate"] == {"reason": "kvk", "row": None}
    assert first["initiative"]["id"] == existing.id
    assert second["duplicate"] == {"reason": "name_postcode", "row": None}
    assert second["initiative"]["id"] == existing.id
    assert fourth["duplicate"] == {"reason": "kvk", "row": 4}
    assert sixth["duplicate"] == {"reason": "name_postcode", "row": 6}
    assert len({row["slug"] for row in report["rows"]}) == 6  # "add anyway" would not clash


def test_a_rejected_row_lists_every_reason(report_for):
    bad = {
        "name": "",
        "kind": "kasteel",
        "capacity": "veel",
        "vacancy": "soms",
        "street": "Brink",
        "house_number": "",
        "postcode": "123",
        "place": "Atlantis",
        "kvk_number": "1234",
        "location_number": "12",
        "agb_code": "abcdefgh",
        "target_groups": "autism;eenhoorns",
        "funding_routes": "pgb_wlz;goud",
        "started_on": "31-02-2020",
        "collective_budget": "misschien",
        "collective_share_percent": "150",
        "description": "x" * 5001,
        "email": "geen-adres",
        "website": "javascript:alert(1)",
        "phone": "0" * 41,
    }
    (row,) = report_for(csv_bytes([bad]))["rows"]
    assert row["outcome"] == "reject"
    reasons = {(error["column"], error["code"]) for error in row["errors"]}
    assert reasons == {
        ("name", "required"),
        ("house_number", "required"),
        ("kind", "unknown_key"),
        ("capacity", "capacity"),
        ("vacancy", "unknown_key"),
        ("postcode", "postcode"),
        ("place", "unknown_place"),
        ("kvk_number", "digits"),
        ("location_number", "digits"),
        ("agb_code", "digits"),
        ("target_groups", "unknown_key"),
        ("funding_routes", "unknown_key"),
        ("started_on", "date"),
        ("collective_budget", "boolean"),
        ("collective_share_percent", "percent"),
        ("description", "too_long"),
        ("email", "email"),
        ("website", "website"),
        ("phone", "too_long"),
    }


def test_the_report_page_says_why_a_row_is_rejected(staff_client):
    data = csv_bytes([new_row(kvk_number="1234", place="Atlantis", capacity="")])
    page = read(staff_client.get(batch_url(upload(staff_client, data))))
    assert "1 × afgewezen" in page.text
    assert "kvk_number: ‘1234’ is geen nummer van precies 8 cijfers." in page.text
    assert "place: De plaats ‘Atlantis’ staat niet in de plaatsenlijst" in page.text
    assert "capacity: Leeg, maar nodig voor een nieuw initiatief." in page.text


def test_the_report_is_shown_in_english_too(staff_client):
    data = csv_bytes([new_row(kvk_number="1234")])
    url = batch_url(upload(staff_client, data))
    refresh()  # the test's app context outlives requests: forget the Dutch locale it cached
    response = staff_client.get(f"{url}?lang=en")
    assert response.status_code == 200
    assert '<html lang="en">' in response.get_data(as_text=True)
    assert "kvk_number" in read(response).text


def test_a_withdrawn_entry_is_not_brought_back(report_for, app):
    gone = make_initiative()
    with app.test_request_context():
        withdraw(gone, "Gestopt", gone.last_confirmed_on)
    db.session.commit()
    (row,) = report_for(csv_bytes([{"slug": gone.slug, "capacity": "3"}]))["rows"]
    assert row["outcome"] == "reject"
    assert row["errors"] == [{"column": "slug", "code": "withdrawn"}]


def test_the_same_entry_twice_in_one_file_is_rejected_the_second_time(report_for):
    linde = make_initiative()
    db.session.commit()
    report = report_for(
        csv_bytes([{"slug": linde.slug, "capacity": "3"}, {"slug": linde.slug, "capacity": "4"}])
    )
    assert outcomes(report) == ["change", "reject"]
    assert report["rows"][1]["errors"] == [{"column": "slug", "code": "same_slug", "row": 2}]


def test_semicolons_and_a_byte_order_mark_read_the_same_as_commas(report_for):
    rows = [new_row(), new_row(name="Tweede", kvk_number="")]
    assert report_for(csv_bytes(rows, delimiter=";", bom=True)) == report_for(csv_bytes(rows))


def _table_sizes() -> tuple[int, int, int]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Initiative, ChangeLogEntry, FactProvenance)
    )


def test_a_dry_run_writes_nothing_to_the_register(staff_client):
    linde = make_initiative()
    db.session.commit()
    before = _table_sizes()
    data = csv_bytes([new_row(), {"slug": linde.slug, "capacity": "30"}])
    batch_url(upload(staff_client, data))
    db.session.expire_all()
    assert _table_sizes() == before
    assert db.session.get(Initiative, linde.id).capacity == 12


def test_an_exported_open_data_file_imports_back_unchanged(staff_client):
    make_one_of_everything()
    make_initiative(phone="+31 570 123456", name="=Formule")
    db.session.commit()
    exported = staff_client.get("/open-data/initiatieven.csv").get_data()
    page = read(staff_client.get(batch_url(upload(staff_client, exported))))
    assert "3 × geen wijziging" in page.text
    assert "0 × afgewezen" in page.text and "0 × wijziging" in page.text
    assert "Onbekende kolommen" not in page.text
