"""Public pages answer conditional GETs and come from a per-process cache keyed on the data
version, without ever handing one visitor's CSRF token, session or account to another."""

from __future__ import annotations

import pytest

from register.entries.models import ChangeAction
from register.entries.services import record_change
from register.extensions import db
from register.httpcache.page_cache import CachedPage, PageCache
from tests.accounts.support import log_in_through_forms
from tests.entries.pages import read
from tests.factories import make_account, make_initiative

DETAIL = "/initiatieven/de-linde"


@pytest.fixture
def linde(app_context):
    initiative = make_initiative(name="De Linde", slug="de-linde")
    db.session.commit()
    return initiative


def csrf_tokens(response) -> set[str]:
    return {
        form.fields["csrf_token"] for form in read(response).forms if "csrf_token" in form.fields
    }


def test_a_second_anonymous_visit_is_served_from_the_cache(visitor, linde):
    first = visitor.get(DETAIL)
    second = visitor.get(DETAIL)

    assert first.headers["X-Page-Cache"] == "miss"
    assert second.headers["X-Page-Cache"] == "hit"
    assert second.status_code == 200
    assert "De Linde" in second.get_data(as_text=True)
    assert second.headers["ETag"] == first.headers["ETag"]


@pytest.mark.parametrize("url", ["/", "/over", "/initiatieven?q=linde", DETAIL])
def test_a_page_asked_again_with_its_etag_is_304(visitor, linde, url):
    first = visitor.get(url)
    again = visitor.get(url, headers={"If-None-Match": first.headers["ETag"]})

    assert first.status_code == 200
    assert first.headers["ETag"].startswith('W/"')
    assert "no-cache" in first.headers["Cache-Control"]
    assert again.status_code == 304
    assert again.get_data() == b""


def test_a_change_in_the_data_gives_a_new_etag_and_page(visitor, linde):
    before = visitor.get(DETAIL)
    linde.name = "De Linde aan de IJssel"
    record_change(linde, ChangeAction.UPDATED, fields=["name"])
    db.session.commit()
    after = visitor.get(DETAIL, headers={"If-None-Match": before.headers["ETag"]})

    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "De Linde aan de IJssel" in after.get_data(as_text=True)


def test_the_language_is_part_of_the_key(visitor, linde):
    dutch = visitor.get(DETAIL)
    english = visitor.get(DETAIL + "?lang=en")

    assert dutch.headers["ETag"] != english.headers["ETag"]
    assert english.headers["X-Page-Cache"] == "miss"


def test_no_visitor_gets_another_visitors_csrf_token(cached_site, linde):
    first, second = cached_site.test_client(), cached_site.test_client()
    first_page = first.get(DETAIL)
    second_page = second.get(DETAIL)

    assert second_page.headers["X-Page-Cache"] == "hit"
    assert csrf_tokens(first_page) and csrf_tokens(second_page)
    assert not csrf_tokens(first_page) & csrf_tokens(second_page)
    assert "private" in second_page.headers["Cache-Control"]
    assert second_page.headers["ETag"] != first_page.headers["ETag"]
    # The token served from the cache is this visitor's own: the form it is in works.
    (token,) = csrf_tokens(second_page)
    added = second.post(
        "/initiatieven/vergelijk/toevoegen", data={"csrf_token": token, "slug": "de-linde"}
    )
    assert added.status_code == 302


def test_a_visitor_with_a_compare_basket_gets_their_own_page(cached_site, linde):
    other = cached_site.test_client()
    other.get(DETAIL)  # cached without a basket
    comparing = cached_site.test_client()
    (token,) = csrf_tokens(comparing.get(DETAIL))
    comparing.post(
        "/initiatieven/vergelijk/toevoegen", data={"csrf_token": token, "slug": "de-linde"}
    )
    page = comparing.get(DETAIL)

    assert "X-Page-Cache" not in page.headers
    assert "ETag" not in page.headers
    assert page.headers["Cache-Control"] == "private, no-cache"
    assert read(page).forms_to("/initiatieven/vergelijk/verwijderen")


def test_logged_in_pages_are_not_cached_nor_shared(cached_site, linde):
    anonymous = cached_site.test_client()
    anonymous.get(DETAIL)
    editor = cached_site.test_client()
    account = make_account("initiative_editor", initiatives=[linde])
    db.session.commit()
    log_in_through_forms(editor, account)
    logged_in = editor.get(DETAIL)
    after = anonymous.get(DETAIL)

    assert "X-Page-Cache" not in logged_in.headers
    assert "ETag" not in logged_in.headers
    assert logged_in.headers["Cache-Control"] == "private, no-store"
    assert read(logged_in).forms_to("/uitloggen")
    assert after.headers["X-Page-Cache"] == "hit"
    assert not read(after).forms_to("/uitloggen")
    assert "Cookie" in after.headers["Vary"]


def test_an_api_record_answers_conditional_gets(visitor, linde):
    first = visitor.get("/api/v1/initiatives/de-linde")
    again = visitor.get(
        "/api/v1/initiatives/de-linde", headers={"If-None-Match": first.headers["ETag"]}
    )

    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "public, max-age=60"
    assert again.status_code == 304


def test_a_missing_page_is_not_cached(visitor, linde):
    missing = visitor.get("/initiatieven/bestaat-niet")

    assert missing.status_code == 404
    assert "ETag" not in missing.headers


def test_the_cache_forgets_the_least_recently_used_page():
    cache = PageCache(size=2)
    page = CachedPage(body=b"", headers=(), has_token=False)
    cache.put(("a",), page)
    cache.put(("b",), page)
    cache.get(("a",))
    cache.put(("c",), page)

    assert len(cache) == 2
    assert cache.get(("b",)) is None
    assert cache.get(("a",)) is page


def test_a_head_request_is_answered_from_the_cache_without_a_body(visitor, linde):
    visitor.get(DETAIL)
    head = visitor.head(DETAIL)

    assert head.status_code == 200
    assert head.headers["X-Page-Cache"] == "hit"
    assert head.get_data() == b""
