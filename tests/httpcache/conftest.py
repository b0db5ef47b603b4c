"""A second app on the test database with the page cache on (the suite runs without it)."""

from __future__ import annotations

import pytest

from register import create_app
from register.config import TestConfig
from register.extensions import db


@pytest.fixture(scope="module")
def cached_site(app):
    site = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"],
            "PAGE_CACHE_SIZE": 50,
        }
    )
    yield site
    with site.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def visitor(cached_site):
    """An anonymous visitor of the cached site, with a cookie jar of its own."""
    return cached_site.test_client()
