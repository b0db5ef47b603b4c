"""Only register staff import: anonymous visitors log in first, other roles get 403, every
form needs its CSRF token; import batches never reach a public page, the API, the change
feed, open data or the search index."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from register.accounts.roles import RoleName
from register.extensions import db
from register.importer.models import ImportBatch
from register.search.query import text_search
from tests.accounts.support import form_fields
from tests.factories import make_account, make_initiative
from tests.importer.builders import UPLOAD_URL, apply, batch_url, csv_bytes, new_row, upload

SECRET_NAME = "Geheimhof"
SECRET_FILE = "vertrouwelijk-overzicht.csv"


@pytest.fixture
def batch_id(app, staff):
    """A dry-run batch made by staff, through the service (no one is logged in)."""
    from register.importer.services import start_batch

    with app.test_request_context():
        batch = start_batch(SECRET_FILE, csv_bytes([new_row(name=SECRET_NAME)]), staff)
        db.session.commit()
        return batch.id


def routes(batch_id: int) -> list[tuple[str, str]]:
    base = f"{UPLOAD_URL}/{batch_id}"
    return [
        ("get", UPLOAD_URL),
        ("get", f"{UPLOAD_URL}/voorbeeld.csv"),
        ("get", base),
        ("post", UPLOAD_URL),
        ("post", f"{base}/toepassen"),
        ("post", f"{base}/opnieuw"),
        ("post", f"{base}/weggooien"),
    ]


def test_anonymous_visitors_are_sent_to_the_log_in_page(client, batch_id):
    for method, url in routes(batch_id):
        if method == "get":
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith("/inloggen?next="), url


@pytest.mark.parametrize("role", [RoleName.EDITOR, RoleName.VERIFIER, RoleName.INSPECTOR])
def test_other_roles_get_403_everywhere(client, log_in, batch_id, role):
    account = make_account(role)
    db.session.commit()
    log_in(account)
    token = form_fields(client, "/account", "/uitloggen")["csrf_token"]
    for method, url in routes(batch_id):
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": token})
        assert response.status_code == 403, (method, url)
    db.session.expire_all()
    assert db.session.get(ImportBatch, batch_id).is_open


def test_every_form_needs_its_csrf_token(staff_client, batch_id):
    for method, url in routes(batch_id):
        if method == "post":
            assert staff_client.post(url, data={}).status_code == 400, url
    db.session.expire_all()
    assert db.session.get(ImportBatch, batch_id).is_open
    assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 1


def test_an_unknown_batch_is_404(staff_client):
    assert staff_client.get(f"{UPLOAD_URL}/999999").status_code == 404


def test_the_upload_page_is_not_cached(staff_client):
    assert staff_client.get(UPLOAD_URL).headers["Cache-Control"] == "no-store"


def _public_outputs(client) -> str:
    urls = [
        "/",
        "/initiatieven",
        "/api/v1/initiatives",
        "/api/v1/changes?since=2000-01-01T00:00:00Z",
        "/open-data/initiatieven.csv",
        "/open-data/initiatieven.json",
    ]
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.get_data(as_text=True))
    return "\n".join(pages)


def test_a_dry_run_is_never_public(client, batch_id):
    make_initiative()  # (searching an index without any document answers 503: a search bug)
    db.session.commit()
    public = _public_outputs(client)
    assert SECRET_NAME not in public
    assert SECRET_FILE not in public
    assert text_search(SECRET_NAME).ids == []
    assert client.get(f"/api/v1/initiatives?q={SECRET_NAME}").get_json()["data"] == []


def test_after_applying_only_the_initiative_is_public_never_the_batch(client, staff_client, staff):
    url = batch_url(upload(staff_client, csv_bytes([new_row(name=SECRET_NAME)]), SECRET_FILE))
    apply(staff_client, url)
    public = _public_outputs(client)
    slug = "geheimhof-deventer"
    public += client.get(f"/initiatieven/{slug}").get_data(as_text=True)
    public += client.get(f"/api/v1/initiatives/{slug}").get_data(as_text=True)
    assert SECRET_NAME in public
    for internal in (SECRET_FILE, staff.email, "import_batch", "import.applied"):
        assert internal not in public
    assert text_search(SECRET_NAME).ids != []
