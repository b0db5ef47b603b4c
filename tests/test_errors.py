"""Bad input anywhere gets a clear 4xx page or JSON body, never a 500."""

from __future__ import annotations

import pytest
from flask import Response


@pytest.mark.parametrize(
    "path",
    [
        "/initiatieven/%00",
        "/initiatieven?q=%00autisme",
        "/initiatieven/vergelijk?ids=%00,%2F",
        "/vragenlijst/?initiatief=%00",
    ],
)
def test_nul_character_in_the_address_is_a_400_with_explanation(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "niet is toegestaan" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "parameter"),
    [("/api/v1/initiatives?q=%00", "q"), ("/api/v1/changes?since=%00%1b", "since")],
)
def test_nul_character_in_the_api_is_a_json_400_naming_the_parameter(client, path, parameter):
    response = client.get(path)
    assert response.status_code == 400
    assert [e["parameter"] for e in response.json["error"]["errors"]] == [parameter]


@pytest.mark.parametrize("body", ['["{}{}"]', "[1]", '"text"', "12"])
@pytest.mark.parametrize("path", ["/inloggen", "/inloggen/kies"])
def test_a_json_body_that_is_not_an_object_is_a_400(client, path, body):
    response = client.post(path, data=body, content_type="application/json")
    assert response.status_code == 400


def test_a_json_list_to_the_two_factor_choice_is_a_400_for_a_logged_in_person(client, app_context):
    from register.accounts.roles import RoleName
    from tests.accounts.support import log_in_through_forms
    from tests.factories import make_account

    log_in_through_forms(client, make_account(RoleName.STAFF, email="bea@register.example"))
    response = client.get("/inloggen/kies", data='["{}{}"]', content_type="application/json")
    assert response.status_code == 400


def test_a_json_object_body_still_reaches_the_log_in(client):
    response = client.post("/inloggen", json={"email": "nobody@example.org", "password": "x"})
    assert response.status_code < 500


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_wrong_method_is_a_405_page(client):
    response = client.post("/health")
    assert response.status_code in (400, 405)


def test_health_reports_the_database(client):
    assert client.get("/health").json == {"status": "ok", "database": "ok"}


def test_api_language_comes_from_the_address_not_the_cookie(client):
    """API answers are cached publicly by URL, so a cookie must not change them."""
    client.set_cookie("lang", "en")
    dutch = client.get("/api/v1/initiatives?page=abc")
    english = client.get("/api/v1/initiatives?page=abc&lang=en")

    assert dutch.json["error"]["title"] == "De aanvraag klopt niet"
    assert english.json["error"]["title"] != dutch.json["error"]["title"]
    assert "Set-Cookie" not in english.headers


def test_language_switch_keeps_an_encoded_path(client):
    html = client.get("/initiatieven/x%3Fy").get_data(as_text=True)
    assert "/initiatieven/x%3Fy?lang=en" in html


def test_search_says_so_when_the_index_cannot_be_used(client, monkeypatch):
    from register.search import query

    def broken():
        raise OSError("index folder unreadable")

    monkeypatch.setattr(query, "index_view", broken)
    page = client.get("/initiatieven?q=autisme")
    api = client.get("/api/v1/initiatives?q=autisme")

    assert page.status_code == 503
    assert "Zoeken op woorden werkt op dit moment niet" in page.get_data(as_text=True)
    assert api.status_code == 503
    assert api.json["error"]["status"] == 503


BAD_HOSTS = ["..", "a" * 5000, "a" * 64 + ".nl", "a..b", ".", "..:5000"]


@pytest.mark.parametrize("host", BAD_HOSTS)
def test_a_malformed_host_is_a_friendly_400_with_security_headers(client, host):
    from register.security import SECURITY_HEADERS

    response = client.get("/", headers={"Host": host})

    assert response.status_code == 400
    assert "De aanvraag klopt niet" in response.get_data(as_text=True)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_a_malformed_host_on_the_api_is_a_json_400(client):
    response = client.get("/api/v1/initiatives", environ_overrides={"HTTP_HOST": ".."})

    assert response.status_code == 400
    assert response.json["error"]["status"] == 400
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("path", "allowed"), [("/health", "GET"), ("/api/v1/changes", "GET")])
def test_wrong_method_names_the_allowed_methods(client, path, allowed):
    response = client.post(path)

    assert response.status_code == 405
    assert allowed in {method.strip() for method in response.headers["Allow"].split(",")}
    assert response.headers["X-Frame-Options"] == "DENY"


def test_an_error_while_rolling_back_is_a_503_not_a_crash(app, client, monkeypatch):
    """A dropped connection can make even the rollback in the error handler raise."""
    from sqlalchemy.exc import OperationalError

    from register.extensions import db

    def lost(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    monkeypatch.setattr(db.session, "scalar", lost)
    monkeypatch.setattr(db.session, "scalars", lost)
    monkeypatch.setattr(db.session, "execute", lost)
    monkeypatch.setattr(db.session, "rollback", lost)

    page = client.get("/initiatieven/iets")
    api = client.get("/api/v1/initiatives/iets")

    assert page.status_code == 503
    assert "Het register is even niet bereikbaar" in page.get_data(as_text=True)
    assert page.headers["Retry-After"]
    assert page.headers["Content-Security-Policy"]
    assert api.status_code == 503
    assert api.json["error"]["status"] == 503


def test_a_download_that_fails_before_its_first_byte_is_a_503(client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from register.opendata import views

    def failing(_today):
        raise OperationalError("SELECT", {}, Exception("connection refused"))
        yield ""  # a generator, like the real one

    monkeypatch.setattr(views, "csv_lines", failing)
    response = client.get("/open-data/initiatieven.csv")

    assert response.status_code == 503
    assert response.json["error"]["status"] == 503
    assert response.headers["Retry-After"]
    assert response.headers["Content-Security-Policy"]


def test_a_missing_database_file_is_a_friendly_503(tmp_path):
    """A SQLite file that is gone (or was never migrated) answers 503 on every page."""
    from register import create_app
    from register.config import TestConfig

    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gone.sqlite3'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        }
    )
    client = app.test_client()
    for path in ["/initiatieven", "/initiatieven/iets", "/over"]:
        response = client.get(path)
        assert response.status_code == 503, path
        assert "Het register is even niet bereikbaar" in response.get_data(as_text=True)
    api = client.get("/api/v1/initiatives")
    assert api.status_code == 503
    assert api.json["error"]["title"] == "Even niet beschikbaar"
    assert client.get("/health").status_code == 503
    with app.app_context():
        from register.extensions import db

        db.engine.dispose()


def test_a_download_closed_unread_is_closed_to_its_end(app):
    """A HEAD request closes the body without reading it; the stream (which holds a copy of
    the request) must close too, or it ends later inside some other request."""
    from register.errors import _start_streams

    closed = []

    def rows():
        try:
            yield b"first"
            yield b"second"
        finally:
            closed.append(True)

    with app.test_request_context(method="HEAD"):
        response = _start_streams(Response(rows()))
        response.close()
    assert closed == [True]
