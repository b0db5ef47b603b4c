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


OWN_KEYS = {
    "SECRET_KEY": "a-long-random-value",
    "SECURITY_PASSWORD_SALT": "another-long-random-value",
    "SECURITY_TOTP_SECRETS": {"1": "a-third-long-random-value"},
}


@pytest.mark.parametrize("development_value", ["SECURITY_PASSWORD_SALT", "SECURITY_TOTP_SECRETS"])
def test_production_refuses_the_development_salt_and_totp_key(monkeypatch, development_value):
    monkeypatch.setenv("APP_ENV", "production")
    config = {**OWN_KEYS, "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    del config[development_value]
    with pytest.raises(RuntimeError, match="SECURITY_PASSWORD_SALT|TOTP_SECRET"):
        create_app(config)


def test_production_with_its_own_keys_uses_secure_cookies_and_no_demo_accounts(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    app = create_app({**OWN_KEYS, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["ALLOW_DEMO_ACCOUNTS"] is False
    assert ProductionConfig.REQUIRE_OWN_SECRET_KEY


FORWARDED = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}


def _seen_by_the_app(app) -> tuple[str, str]:
    """The client address and scheme the app's own request handling would get."""
    from werkzeug.middleware.proxy_fix import ProxyFix
    from werkzeug.test import Client

    seen = {}

    def handler(environ, start_response):
        seen.update(address=environ["REMOTE_ADDR"], scheme=environ["wsgi.url_scheme"])
        start_response("204 No Content", [])
        return []

    if isinstance(app.wsgi_app, ProxyFix):
        app.wsgi_app.app = handler
    else:
        app.wsgi_app = handler
    Client(app).get("/", headers=FORWARDED, environ_base={"REMOTE_ADDR": "10.0.0.2"})
    return seen["address"], seen["scheme"]


def test_behind_a_trusted_proxy_the_client_address_comes_from_its_headers():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TRUSTED_PROXIES": 1})
    assert _seen_by_the_app(app) == ("203.0.113.7", "https")


def test_without_trusted_proxies_forwarded_headers_are_ignored():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert _seen_by_the_app(app) == ("10.0.0.2", "http")


def test_a_postgresql_connection_gives_up_after_the_connect_timeout():
    url = "postgresql+psycopg://register@db.invalid/register"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "DATABASE_CONNECT_TIMEOUT": 3})

    options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["connect_args"] == {"connect_timeout": 3}
    assert options["pool_pre_ping"] is True


def test_sqlite_waits_for_another_writer_instead_of_postgresql_connect_options():
    from register.config import SQLITE_BUSY_SECONDS

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})

    connect_args = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]
    assert connect_args["timeout"] == SQLITE_BUSY_SECONDS
    assert "connect_timeout" not in connect_args


def test_a_redis_rate_limit_store_gets_timeouts_and_memory_none(monkeypatch):
    from register.config import _rate_limit_storage_options

    monkeypatch.setenv("RATELIMIT_STORAGE_TIMEOUT", "0.5")

    assert _rate_limit_storage_options("redis://ratelimit.internal:6379") == {
        "socket_connect_timeout": 0.5,
        "socket_timeout": 0.5,
    }
    assert _rate_limit_storage_options("memory://") == {}
