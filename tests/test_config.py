"""Production refuses the development secret key; development and tests run without one."""

from __future__ import annotations

import pytest

from register import create_app
from register.config import ProductionConfig


def test_production_refuses_to_start_with_the_development_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SECRET_KEY": "dev-only-change-me", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_with_its_own_key_uses_secure_cookies(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    app = create_app({"SECRET_KEY": "a-long-random-value", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert ProductionConfig.REQUIRE_OWN_SECRET_KEY
