"""The open-data downloads: every public field of every initiative as CSV and JSON, safe to
open in a spreadsheet, cacheable with conditional GET."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from factories import add_certification, add_membership, add_visit, make_initiative

from register.entries.models import ClaimStatus, Requirement
from register.entries.services import record_change
from register.extensions import db
from register.opendata.export import BASE_COLUMNS, csv_columns, iter_initiatives, spreadsheet_safe

pytestmark = pytest.mark.usefixtures("app_context")

CSV_URL = "/open-data/initiatieven.csv"
JSON_URL = "/open-data/initiatieven.json"


def download(client, url, **kwargs):
    """A download read to the end: a streamed body holds its request (and its database
    connection) until it is consumed or closed."""
    response = client.get(url, **kwargs)
    response.get_data()
    return response


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


@pytest.fixture
def linde():
    initiative = make_initiative(
        name="De Linde",
        province="Fryslân",
        target_groups=("autism", "young_people"),
        funding_routes=("pgb_wlz", "vpt"),
        statements={"say_at_location": "Bewonersraad beslist mee.\nElke maand."},
    )
    add_membership(initiative, "bvkz", valid_until=date(2027, 12, 31))
    add_membership(initiative, "lvoi", status=ClaimStatus.SELF_DECLARED)
    add_certification(initiative, "prezo")
    add_visit(initiative)
    add_visit(initiative, visited_on=date(2026, 6, 1), report_url="")
    db.session.commit()
    return initiative


def test_the_csv_is_an_attachment_with_a_header_row(client, linde):
    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.mimetype_params["charset"] == "utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="initiatieven.csv"'
    assert response.is_streamed
    header = response.get_data(as_text=True).splitlines()[0].split(",")
    requirements = db.session.scalars(db.select(Requirement).order_by(Requirement.number))
    assert header == [column.name for column in csv_columns(list(requirements))]
    assert header[:3] == ["slug", "name", "url"]
    assert "statement_say_at_location" in header


def test_one_flat_row_per_initiative(client, linde):
    make_initiative(name="Het Anker")
    db.session.commit()

    rows = read_csv(client.get(CSV_URL))

    assert [row["name"] for row in rows] == ["De Linde", "Het Anker"]
    row = rows[0]
    assert row["province"] == "Fryslân"
    assert row["url"] == f"http://localhost/initiatieven/{linde.slug}"
    assert row["target_groups"] == "autism;young_people"
    assert row["funding_routes"] == "pgb_wlz;vpt"
    assert row["memberships"] == "bvkz:verified:2027-12-31;lvoi:self_declared"
    assert row["certifications"] == "prezo:verified:2027-01-10"
    assert row["last_visit_on"] == "2026-06-01"
    assert row["visits"] == "2026-06-01:igj:announced;2025-03-04:igj:announced"
    assert row["visit_reports"] == "https://www.igj.nl/publicaties/rapporten/voorbeeld"
    assert row["statement_say_at_location"] == "Bewonersraad beslist mee.\nElke maand."
    assert row["statement_conscious_choice"] == ""
    assert "conscious_choice" in row["missing_requirements"].split(";")
    assert row["not_applicable_requirements"] == ""
    assert row["collective_budget"] == "true"
    assert row["is_demo"] == "false"
    assert row["kvk_number"] == "12345678"


def test_spreadsheet_formulas_are_neutralised(client):
    make_initiative(
        name='=HYPERLINK("https://evil.example","klik")',
        description="@SUM(A1:A2)",
        phone="+31 570 123456",
        website="-2+3",
    )
    db.session.commit()

    row = read_csv(client.get(CSV_URL))[0]

    assert row["name"] == '\'=HYPERLINK("https://evil.example","klik")'
    assert row["description"] == "'@SUM(A1:A2)"
    assert row["phone"] == "'+31 570 123456"
    assert row["website"] == "'-2+3"
    assert row["postcode"] == "7411 BT"


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_spreadsheet_safe(value, safe):
    assert spreadsheet_safe(value) == safe


def test_the_json_download_has_licence_count_and_public_records(client, linde):
    response = client.get(JSON_URL)

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="initiatieven.json"'
    body = response.get_json()
    assert body["licence"] == "CC0 1.0"
    assert body["licence_url"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert body["generated_at"].endswith("+00:00")
    assert body["count"] == 1
    api = client.get(f"/api/v1/initiatives/{linde.slug}").get_json()["data"]
    assert body["initiatives"] == [api]


def test_an_empty_register_is_still_valid_json_and_csv(client):
    assert client.get(JSON_URL).get_json()["initiatives"] == []
    assert read_csv(client.get(CSV_URL)) == []


def as_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_every_csv_value_comes_from_the_public_record(client, linde):
    """The CSV flattens public_initiative and nothing else: the allow-list holds for it too."""
    public = client.get(f"/api/v1/initiatives/{linde.slug}").get_json()["data"]
    row = read_csv(client.get(CSV_URL))[0]

    for column in BASE_COLUMNS:
        assert row[column.name] == as_cell(column.value(public)), column.name
    assert set(row) - {c.name for c in BASE_COLUMNS} == {
        f"statement_{key}" for key in db.session.scalars(db.select(Requirement.key))
    }


def test_the_export_reads_in_batches_and_misses_nothing():
    created = [make_initiative().id for _ in range(7)]
    db.session.commit()

    assert [initiative.id for initiative in iter_initiatives(batch_size=3)] == created


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_downloads_carry_validators_and_caching(client, linde, url):
    response = download(client, url)

    assert response.headers["ETag"]
    assert response.headers["Last-Modified"]
    assert "public" in response.headers["Cache-Control"]
    assert "max-age" in response.headers["Cache-Control"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_a_conditional_get_of_unchanged_data_is_304(client, linde, url):
    first = download(client, url)

    by_etag = download(client, url, headers={"If-None-Match": first.headers["ETag"]})
    by_date = download(client, url, headers={"If-Modified-Since": first.headers["Last-Modified"]})

    assert by_etag.status_code == 304
    assert by_etag.get_data() == b""
    assert by_etag.headers["ETag"] == first.headers["ETag"]
    assert by_date.status_code == 304


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_a_change_makes_the_download_new_again(client, linde, url):
    first = download(client, url)
    linde.phone = "0570 654321"
    record_change(linde, "updated", ["phone"])
    db.session.commit()

    again = download(client, url, headers={"If-None-Match": first.headers["ETag"]})

    assert again.status_code == 200
    assert again.headers["ETag"] != first.headers["ETag"]
    assert b"654321" in again.get_data()


def test_a_stale_etag_from_another_day_is_not_accepted(client, linde):
    response = download(client, CSV_URL, headers={"If-None-Match": '"1-2020-01-01"'})

    assert response.status_code == 200


def test_the_open_data_page_lists_the_real_columns_and_the_licence(client):
    response = client.get("/open-data")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "CC0" in page
    for column in BASE_COLUMNS:
        assert f"<code>{column.name}</code>" in page
    assert "<code>statement_say_at_location</code>" in page
    assert "/api/v1/changes?since=" in page
    assert "/api/v1/initiatives?" in page


def test_a_head_request_gives_the_headers_without_the_file(client, linde):
    response = client.head(CSV_URL)

    assert response.status_code == 200
    assert response.headers["ETag"]
    assert response.get_data() == b""


def test_the_csv_names_requirements_that_do_not_apply_to_care_in_kind(client):
    make_initiative(name="Zorghuis", funding_routes=("zorg_in_natura",))
    db.session.commit()

    (row,) = read_csv(client.get(CSV_URL))

    assert row["not_applicable_requirements"] == (
        "conscious_choice;individual_care;collective_share_known;spending_insight;tailored_offer"
    )
    assert "conscious_choice" not in row["missing_requirements"]
