"""Files that cannot be imported get a clear message on the upload page, never a 500, and
leave nothing behind."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from register.extensions import db
from register.importer.models import ImportBatch
from tests.accounts.support import form_fields
from tests.entries.pages import read
from tests.importer.builders import UPLOAD_URL, batch_url, csv_bytes, new_row, upload

HEADER_ONLY = csv_bytes([], header=["name", "place"])
MANY_ROWS = b"name,place\n" + b"De Linde,Deventer\n" * 10_000
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"  \r\n\r\n ", "Het bestand is leeg."),
        (b"\xef\xbb\xbf", "Het bestand is leeg."),
        (HEADER_ONLY, "Het bestand heeft alleen een kopregel."),
        (b"Beste medewerker,\nhierbij ons overzicht.\n", "De kopregel heeft geen kolom name"),
        (b'{"name": "De Linde", "place": "Deventer"}', "De kopregel heeft geen kolom name"),
        (PNG, "Dit is geen CSV-bestand"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "Dit is een Excel-werkmap"),
        ("name,place\nZoë,Deventer\n".encode("latin-1"), "niet in UTF-8 opgeslagen (regel 2)"),
        ("name,place\nDe Linde,Deventer\n".encode("utf-16"), "niet in UTF-8 opgeslagen"),
        (MANY_ROWS, "Het bestand heeft meer dan 1000 rijen."),
        (
            b"name,place\n" + b'"' + b"x" * 200_000 + b'",Deventer\n',
            "Een cel in het bestand is te groot",
        ),
        (b'name,place\n"De "Linde",Deventer\n', "kan niet als CSV worden gelezen"),
        (
            b"name,place,name\nA,Deventer,B\n",
            "Deze kolommen staan meer dan één keer in de kopregel: name.",
        ),
        (b"name,Name ,place\nA,B,Deventer\n", "meer dan één keer in de kopregel: name."),
    ],
    ids=[
        "empty",
        "blank",
        "only-bom",
        "only-header",
        "letter",
        "json",
        "binary",
        "xlsx",
        "latin-1",
        "utf-16",
        "10000-rows",
        "huge-cell",
        "bad-quotes",
        "duplicate-header",
        "duplicate-header-case",
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_with_a_clear_message(
    staff_client, data, message
):
    response = upload(staff_client, data)
    assert response.status_code == 400
    page = read(response)
    assert page.title.startswith("Fout: Initiatieven importeren")
    assert message in page.text
    assert page.link(message[:20]) == "#file"  # the error summary links to the field
    assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_no_file_chosen(staff_client):
    fields = form_fields(staff_client, UPLOAD_URL)
    response = staff_client.post(UPLOAD_URL, data=fields, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Kies een CSV-bestand om te importeren." in read(response).text


def test_a_file_over_two_megabytes_gets_the_upload_page_with_the_reason(staff_client):
    fields = form_fields(staff_client, UPLOAD_URL)
    fields["file"] = (io.BytesIO(b"name,place\n" + b"x" * (2 * 1024 * 1024)), "groot.csv")
    response = staff_client.post(UPLOAD_URL, data=fields, content_type="multipart/form-data")
    assert response.status_code == 413
    page = read(response)
    assert page.title.startswith("Fout:")
    assert "Het bestand is groter dan 2 MB." in page.text
    assert page.has("input", type="file", name="file")


def test_extra_and_unknown_columns_are_reported_not_fatal(staff_client):
    header = ["name", "opmerking", *new_row()]
    rows = [new_row(opmerking="bellen"), new_row(name="Tweede", kvk_number="")]
    data = csv_bytes(rows, header=list(dict.fromkeys(header)))
    data += b"Derde,,relatives_residents,8,full,Brink,3,7411 BT,Deventer,,,,,te veel\r\n"
    page = read(staff_client.get(batch_url(upload(staff_client, data))))
    assert "Onbekende kolommen, overgeslagen: opmerking." in page.text
    assert "2 × nieuw" in page.text
    assert "De rij heeft 1 gevulde cellen meer dan de kopregel kolommen heeft." in page.text


def test_a_cell_longer_than_the_register_keeps_rejects_only_that_row(staff_client):
    rows = [new_row(description="x" * 6000), new_row(name="Kort", kvk_number="")]
    page = read(staff_client.get(batch_url(upload(staff_client, csv_bytes(rows)))))
    assert "description: Te lang: 6000 tekens, niet meer dan 5000." in page.text
    assert "1 × nieuw" in page.text


def test_hostile_text_is_shown_as_text(staff_client):
    row = new_row(name="<script>alert(1)</script>", place="<img src=x onerror=alert(1)>")
    response = staff_client.get(batch_url(upload(staff_client, csv_bytes([row]))))
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_a_hostile_file_name_is_kept_as_plain_text(staff_client):
    data = csv_bytes([new_row()])
    url = batch_url(upload(staff_client, data, file_name="..\\..\\<b>etc</b>\x07/pass.csv"))
    page = read(staff_client.get(url))
    assert page.title.startswith("Import van pass.csv")
