"""Security headers on pages, downloads and the API."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/", "/initiatieven", "/api/v1/initiatives", "/bestaat-niet"])
def test_every_response_forbids_other_hosts_framing_and_sniffing(client, path):
    headers = client.get(path).headers

    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_a_post_without_csrf_token_is_refused_with_an_explanation(client):
    response = client.post("/initiatieven/vergelijk/toevoegen", data={"slug": "x"})

    assert response.status_code == 400
    assert "formulier was verlopen of niet geldig" in response.get_data(as_text=True)


def _signed(app, data) -> str:
    return app.session_interface.get_signing_serializer(app).dumps(data)


@pytest.mark.parametrize(
    "content",
    [
        {"_flashes": "not a list"},
        {"_flashes": [[1, 2]]},
        {"_flashes": [["warning"]]},
        {"_flashes": [["a", "b", "c"]]},
        {"_flashes": {"warning": "x"}},
        {"_flashes": [None]},
        {"_flashes": None},
        {"csrf_token": None},
        {"csrf_token": ["not", "a", "token"]},
        ["not", "a", "dictionary"],
        "text",
    ],
)
@pytest.mark.parametrize("path", ["/vragenlijst/", "/initiatieven", "/initiatieven/vergelijk"])
def test_a_tampered_session_never_crashes_a_page(app, client, content, path):
    client.set_cookie("session", _signed(app, content))

    response = client.get(path)

    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"]


def test_a_well_formed_flash_message_is_still_shown(app, client):
    client.set_cookie("session", _signed(app, {"_flashes": [("success", "Opgeslagen.")]}))

    assert "Opgeslagen." in client.get("/vragenlijst/").get_data(as_text=True)
