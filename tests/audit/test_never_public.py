"""The audit log is internal: nothing of it (who, summaries, before/after values) reaches a
public page, open data, the API, the change feed or the search index."""

from __future__ import annotations

from datetime import datetime

import pytest

from register.extensions import db
from tests.audit.builders import add_entry
from tests.factories import make_initiative

MARKER = "logboekgeheim"


@pytest.fixture
def slug(app):
    with app.app_context():
        initiative = make_initiative(name="De Linde", slug="de-linde")
        add_entry(
            datetime(2026, 11, 2, 9, 0),
            by=f"{MARKER}@example.org",
            initiative_id=initiative.id,
            target_type="initiative",
            target_id=initiative.id,
            summary=f"{MARKER} samenvatting",
            before={"description": f"{MARKER} voor"},
            after={"description": f"{MARKER} na"},
        )
        db.session.commit()
        return initiative.slug


@pytest.mark.parametrize(
    "url",
    [
        "/initiatieven",
        "/initiatieven/{slug}",
        "/open-data/initiatieven.csv",
        "/open-data/initiatieven.json",
        "/api/v1/initiatives",
        "/api/v1/initiatives/{slug}",
        "/api/v1/changes?since=2000-01-01T00:00:00Z",
    ],
)
def test_audit_entries_are_never_public(client, slug, url):
    response = client.get(url.format(slug=slug))
    assert response.status_code == 200, url
    body = response.get_data(as_text=True)
    assert "De Linde" in body or "de-linde" in body  # the entry itself is there
    assert MARKER not in body


def test_the_search_index_does_not_know_audit_texts(client, slug):
    assert "De Linde" not in client.get(f"/initiatieven?q={MARKER}").get_data(as_text=True)
    assert client.get(f"/api/v1/initiatives?q={MARKER}").get_json()["data"] == []
