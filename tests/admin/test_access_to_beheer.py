"""Only register staff open /beheer: anonymous visitors log in first, other roles get 403,
on every page and every form of this package."""

from __future__ import annotations

import pytest
from flask import url_for

from register.accounts.roles import RoleName
from register.admin.views.home import STAFF_SECTIONS
from register.extensions import db
from tests.access.builders import ask_for_existing
from tests.entries.pages import read
from tests.factories import make_account, make_initiative


def admin_urls(app, account_id: int, request_id: int) -> list[tuple[str, str]]:
    """(method, url) of every route of the admin blueprint."""
    values = {"account_id": account_id, "request_id": request_id}
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("admin."):
                continue
            url = url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                urls.append((method, url))
    return urls


@pytest.fixture
def targets(app, client, staff):
    initiative = make_initiative()
    db.session.commit()
    ask_for_existing(client, kvk_number=initiative.kvk_number)
    from register.access.models import AccessRequest

    request_id = db.session.scalar(db.select(AccessRequest.id))
    return admin_urls(app, staff.id, request_id)


def test_every_admin_view_requires_the_staff_role(app):
    for endpoint, view in app.view_functions.items():
        if endpoint.startswith("admin."):
            assert view.required_roles == frozenset({RoleName.STAFF}), endpoint


def test_anonymous_visitors_are_sent_to_the_log_in_page(client, targets):
    assert len(targets) >= 10
    for method, url in targets:
        response = client.open(url, method=method)
        if method == "POST":
            # Without a session there is no CSRF token either: refused before anything runs.
            assert response.status_code in (302, 400), (method, url)
        else:
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith("/inloggen?next="), url


@pytest.mark.parametrize("role", [RoleName.EDITOR, RoleName.VERIFIER, RoleName.INSPECTOR])
def test_other_roles_get_403_everywhere(client, log_in, targets, role):
    account = make_account(role)
    db.session.commit()
    log_in(account)
    token = read(client.get("/account")).forms_to("/uitloggen")[0].fields["csrf_token"]
    for method, url in targets:
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 403, (role, method, url)


def test_staff_home_counts_and_links_its_sections(staff_client):
    page = read(staff_client.get("/beheer"))

    assert page.title.startswith("Beheer van het register")
    assert page.link("Gebruikers en rollen") == "/beheer/accounts"
    assert page.link("Aanvragen voor toegang") == "/beheer/toegang"
    assert "Open aanvragen voor toegang" in page.text
    assert "Wijzigingen die wachten op goedkeuring" in page.text
    for url in ("/beheer/wijzigingen", "/beheer/keurmerken", "/beheer/catalogi", "/beheer/import"):
        assert url in dict((href, text) for text, href in page.links), url
    assert page.link("Logboek") == "/beheer/logboek"
    assert len(STAFF_SECTIONS) == 7


def test_staff_land_on_beheer_after_logging_in(client, staff):
    from tests.accounts.support import log_in_through_forms

    response = log_in_through_forms(client, staff)
    assert client.get(response.headers["Location"]).headers["Location"] == "/beheer"
