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
