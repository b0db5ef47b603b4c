"""Every cookie the site sets is HttpOnly and SameSite=Lax, and Secure in production."""

from __future__ import annotations

import pytest

from register import create_app


def _cookies(response) -> dict[str, set[str]]:
    """Cookie name -> its attributes, lower-cased (``secure``, ``samesite=lax`` …)."""
    cookies = {}
    for header in response.headers.getlist("Set-Cookie"):
        name_value, *attributes = (part.strip() for part in header.split(";"))
        cookies[name_value.split("=", 1)[0]] = {attribute.lower() for attribute in attributes}
    return cookies


@pytest.fixture(params=["production", "development"])
def site(request, app, monkeypatch, tmp_path):
    monkeypatch.setenv("APP_ENV", request.param)
    site = create_app(
        {
            "SECRET_KEY": "a-long-random-value-for-this-test",
            "SECURITY_PASSWORD_SALT": "another-long-random-value-for-this-test",
            "SECURITY_TOTP_SECRETS": {"1": "a-third-long-random-value-for-this-test"},
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        }
    )
    yield request.param, site
    with site.app_context():
        from register.extensions import db

        db.engine.dispose()


def test_every_cookie_has_the_safe_attributes(site):
    environment, site = site
    # The question-list form puts a CSRF token in the session; ?lang= sets the language.
    response = site.test_client().get("/vragenlijst/?lang=en")
    cookies = _cookies(response)

    assert response.status_code == 200
    assert set(cookies) >= {"session", "lang"}
    for name, attributes in cookies.items():
        assert "httponly" in attributes, name
        assert "samesite=lax" in attributes, name
        assert ("secure" in attributes) is (environment == "production"), name
