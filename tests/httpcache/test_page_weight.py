"""Every main public page, with what it loads, stays within 60 KB over the wire."""

from __future__ import annotations

import pytest

from register.extensions import db
from tests.factories import make_one_of_everything
from tests.httpcache.weight import BUDGET, page_weight

PAGES = [
    "/",
    "/initiatieven",
    "/initiatieven?q=wooninitiatief&sort=name",
    "/initiatieven?near=Deventer&radius=25&sort=distance&page=2",
    "/over",
    "/over/signalen",
    "/privacy",
    "/toegankelijkheid",
    "/open-data",
    "/vragenlijst/",
    "/melden",
]


@pytest.fixture
def register_full_of_entries(app_context):
    """Two pages of search results, every entry with every kind of fact."""
    first = make_one_of_everything()
    for _ in range(20):
        make_one_of_everything()
    db.session.commit()
    return first


@pytest.mark.parametrize("url", PAGES)
def test_a_public_page_stays_within_the_budget(client, register_full_of_entries, url):
    weight = page_weight(client, url)

    assert weight.total <= BUDGET, weight


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_fullest_detail_page_stays_within_the_budget(client, register_full_of_entries, lang):
    weight = page_weight(client, f"/initiatieven/{register_full_of_entries.slug}?lang={lang}")

    assert weight.total <= BUDGET, weight
