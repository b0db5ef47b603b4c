from __future__ import annotations

import pytest
from flask import g, request_started

from register.accounts.roles import RoleName
from register.extensions import db
from tests.factories import make_account


@pytest.fixture
def staff(app_context):
    account = make_account(RoleName.STAFF, email="beheerder@register.example")
    account.name = "Bea Beheer"
    db.session.commit()
    return account


@pytest.fixture
def staff_client(client, log_in, staff):
    return log_in(staff)


@pytest.fixture(autouse=True)
def one_log_in_per_client(app):
    """Requests made inside a test's app context share its ``g``, where Flask-Login keeps the
    logged-in account and Flask-WTF the CSRF token: empty it at the start of every request,
    as a real server does, so two test clients are two people."""

    def forget(_sender, **_extra):
        for name in list(g):
            g.pop(name)

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)
