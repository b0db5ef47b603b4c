"""The import's columns are the open data's: every public column is read or skipped on
purpose, the upload page documents them, and the template file imports cleanly."""

from __future__ import annotations

import csv
import io

from register.entries.public import all_requirements
from register.importer.columns import IDENTIFYING, IGNORED, import_columns
from register.opendata.export import csv_columns
from tests.entries.pages import read
from tests.importer.builders import UPLOAD_URL, batch_url, upload


def test_every_open_data_column_is_read_or_skipped_on_purpose(app_context, request_context):
    requirements = all_requirements()
    open_data = [column.name for column in csv_columns(requirements)]
    read_ = [column.name for column in import_columns(requirements)]
    assert set(read_).isdisjoint(IGNORED)
    assert sorted(open_data) == sorted([IDENTIFYING, *read_, *IGNORED])
    assert [name for name in open_data if name in read_] == read_  # open-data order
    assert {f"statement_{r.key}" for r in requirements} <= set(read_)


def test_the_upload_page_documents_every_column_and_marks_the_required_ones(app, staff_client):
    response = staff_client.get(UPLOAD_URL)
    page = read(response)
    assert response.status_code == 200
    assert page.title.startswith("Initiatieven importeren")
    with app.test_request_context():
        columns = [(c.name, str(c.description)) for c in import_columns(all_requirements())]
    for name, description in columns:
        assert name in page.text
        assert description in page.text
    assert page.text.count("verplicht") >= 8  # name, kind, capacity, vacancy, address
    for name in IGNORED:
        assert name in page.text
    assert page.has("input", type="file", name="file")
    assert page.has("table") and "<caption" in response.get_data(as_text=True)


def test_the_template_is_a_csv_whose_example_row_imports_as_new(staff_client):
    response = staff_client.get(f"{UPLOAD_URL}/voorbeeld.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 2
    assert rows[0][0] == "slug" and "name" in rows[0] and "statement_conscious_choice" in rows[0]
    report = read(staff_client.get(batch_url(upload(staff_client, response.get_data()))))
    assert "1 × nieuw" in report.text
    assert "0 × afgewezen" in report.text
