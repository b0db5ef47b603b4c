"""Building CSV files and uploading them the way staff do (the upload form, CSRF included)."""

from __future__ import annotations

import csv
import io
import re

from register.accounts.roles import RoleName
from register.extensions import db
from tests.accounts.support import form_fields
from tests.factories import make_account

UPLOAD_URL = "/beheer/import"


def new_row(**cells: str) -> dict[str, str]:
    """A complete, valid row for a new initiative in Deventer; ``cells`` override."""
    row = {
        "name": "Het Klaverblad",
        "kind": "relatives_residents",
        "capacity": "8",
        "vacancy": "places_free",
        "street": "Lange Bisschopstraat",
        "house_number": "12",
        "postcode": "7411 CH",
        "place": "Deventer",
        "kvk_number": "87654321",
        "target_groups": "autism",
        "funding_routes": "pgb_wlz;vpt",
    }
    row.update(cells)
    return row


def csv_bytes(
    rows: list[dict[str, str]],
    *,
    header: list[str] | None = None,
    delimiter: str = ",",
    bom: bool = False,
) -> bytes:
    """A CSV file of ``rows`` with every column any row uses (or ``header``)."""
    if header is None:
        header = list(dict.fromkeys(name for row in rows for name in row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def staff_account():
    account = make_account(RoleName.STAFF)
    db.session.commit()
    return account


def upload(client, data: bytes, file_name: str = "overzicht-zorgkantoor.csv"):
    """Post ``data`` through the upload form; returns the response (not followed)."""
    fields = form_fields(client, UPLOAD_URL)
    fields["file"] = (io.BytesIO(data), file_name)
    return client.post(UPLOAD_URL, data=fields, content_type="multipart/form-data")


def batch_url(response) -> str:
    """The report page an accepted upload redirects to."""
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    location = response.headers["Location"]
    assert re.fullmatch(r"/beheer/import/\d+", location), location
    return location


def apply(client, url: str, add_anyway: tuple[int, ...] = ()):
    """Press "apply" on the report at ``url``, with "add anyway" ticked for those rows."""
    fields = form_fields(client, url, f"{url}/toepassen")
    fields.pop("add_anyway", None)
    data = {**fields, "add_anyway": [str(row) for row in add_anyway]}
    return client.post(f"{url}/toepassen", data=data)


def press(client, url: str, action: str):
    """Press a button on the report at ``url`` whose form posts to ``url/action``."""
    fields = form_fields(client, url, f"{url}/{action}")
    return client.post(f"{url}/{action}", data=fields)
