"""Log-in and reset pages are rate limited per client address and per account, with a
clear page and a Retry-After header; the public pages never are."""

from __future__ import annotations

import pytest

from register.extensions import limiter
from tests.accounts.support import form_fields


@pytest.fixture
def low_limits(app):
    saved = {
        k: app.config[k] for k in ("AUTH_RATE_LIMIT_PER_ADDRESS", "AUTH_RATE_LIMIT_PER_ACCOUNT")
    }
    app.config.update(
        AUTH_RATE_LIMIT_PER_ADDRESS="6 per minute", AUTH_RATE_LIMIT_PER_ACCOUNT="3 per minute"
    )
    limiter.reset()
    yield
    app.config.update(saved)
    limiter.reset()


def attempt(client, email, address="192.0.2.1"):
    fields = form_fields(client, "/inloggen")
    fields.update(email=email, password="not-the-password-at-all")
    return client.post("/inloggen", data=fields, environ_base={"REMOTE_ADDR": address})


def test_too_many_attempts_for_one_account_get_a_429_page(client, low_limits):
    statuses = [attempt(client, "target@example.org").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = attempt(client, "target@example.org")
    assert "Retry-After" in response.headers
    assert "te vaak" in response.get_data(as_text=True)


def test_the_account_limit_follows_the_account_across_addresses(client, low_limits):
    for number in range(3):
        attempt(client, "target@example.org", address=f"192.0.2.{number}")

    assert attempt(client, "target@example.org", address="192.0.2.99").status_code == 429


def test_one_address_trying_many_accounts_is_limited_too(client, low_limits):
    statuses = [attempt(client, f"user{n}@example.org").status_code for n in range(7)]

    assert statuses[-1] == 429
    assert attempt(client, "other@example.org", address="198.51.100.7").status_code == 200


def test_public_pages_are_never_limited(client, low_limits):
    assert all(client.get("/initiatieven").status_code == 200 for _ in range(10))
