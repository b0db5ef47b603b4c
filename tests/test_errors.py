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
