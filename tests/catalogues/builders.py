"""Helpers of the staff-page tests: a logged-in staff client and posting a page's form the
way a browser does (its CSRF token read from the page)."""

from __future__ import annotations

import re

from register.accounts.roles import RoleName
from register.extensions import db
from tests.factories import make_account

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def staff_client(app, log_in, email: str = "medewerker@example.org"):
    """The test client, logged in as a (committed) register staff account."""
    return client_as(app, log_in, RoleName.STAFF, email=email)


def client_as(app, log_in, role: RoleName, **fields):
    """The test client, logged in as a new (committed) account with ``role``."""
    with app.app_context():
        account = make_account(role, **fields)
        db.session.commit()
        return log_in(account)


def csrf_token(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    match = CSRF.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def submit(client, url: str, data: dict, *, follow: bool = False):
    """Post ``data`` to the form on ``url`` with that page's CSRF token."""
    return client.post(
        url, data={"csrf_token": csrf_token(client, url), **data}, follow_redirects=follow
    )
