"""A database connection lost after the response was made (the session's closing rollback
fails) leaves that response as it was, and the next request gets a fresh session."""

from __future__ import annotations

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session


@pytest.fixture
def closing_fails_once(monkeypatch):
    original = Session.close
    failures = []

    def close(session):
        if not failures:
            failures.append(session)
            raise sa_exc.OperationalError("ROLLBACK", {}, Exception("server closed the connection"))
        return original(session)

    monkeypatch.setattr(Session, "close", close)
    return failures


def test_a_failing_close_after_the_response_keeps_the_response(client, closing_fails_once):
    response = client.get("/health")

    assert closing_fails_once, "the session was never closed"
    assert response.status_code == 200
    assert client.get("/initiatieven").status_code == 200
