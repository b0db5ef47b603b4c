"""Bad input anywhere gets a clear 4xx page or JSON body, never a 500."""

from __future__ import annotations

import pytest


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

    def broken(_words):
        raise OSError("index folder unreadable")

    monkeypatch.setattr(query, "_search_index", broken)
    page = client.get("/initiatieven?q=autisme")
    api = client.get("/api/v1/initiatives?q=autisme")

    assert page.status_code == 503
    assert "Zoeken op woorden werkt op dit moment niet" in page.get_data(as_text=True)
    assert api.status_code == 503
    assert api.json["error"]["status"] == 503
