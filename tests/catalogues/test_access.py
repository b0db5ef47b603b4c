"""Only register staff reach the catalogue pages: anonymous visitors are sent to log in,
every other role gets 403, and forms without a CSRF token change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from register.accounts.roles import RoleName
from register.entries.models import Association
from register.extensions import db
from register.questionnaire.models import Question, Theme
from tests.catalogues.builders import client_as


def _urls(app) -> list[str]:
    with app.app_context():
        bvkz = db.session.scalar(select(Association).where(Association.key == "bvkz"))
        question = db.session.scalar(select(Question).where(Question.key == "dag-01"))
        theme = db.session.scalar(select(Theme).where(Theme.key == "dagindeling"))
        return [
            "/beheer/catalogi",
            "/beheer/catalogi/vragen",
            "/beheer/catalogi/verenigingen/nieuw",
            "/beheer/catalogi/keurmerken/nieuw",
            f"/beheer/catalogi/verenigingen/{bvkz.id}",
            f"/beheer/catalogi/verenigingen/{bvkz.id}/verwijderen",
            f"/beheer/catalogi/vragen/{question.id}",
            f"/beheer/catalogi/vragen/thema/{theme.id}",
        ]


def test_anonymous_visitors_are_sent_to_log_in(app, client):
    for url in _urls(app):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/inloggen?next="), url
    for url in _urls(app)[2:]:  # the form pages: without a session's CSRF token, a 400
        assert client.post(url, data={}).status_code == 400, url


@pytest.mark.parametrize("role", [RoleName.EDITOR, RoleName.VERIFIER, RoleName.INSPECTOR])
def test_other_roles_get_403(app, log_in, role):
    client = client_as(app, log_in, role)
    for url in _urls(app):
        assert client.get(url).status_code == 403, url


def test_staff_reach_every_page(app, staff):
    for url in _urls(app):
        assert staff.get(url).status_code == 200, url


def test_a_form_without_its_csrf_token_changes_nothing(app, staff):
    response = staff.post(
        "/beheer/catalogi/verenigingen/nieuw",
        data={"key": "nieuw", "name_nl": "Nieuw", "name_en": "New", "abbreviation": "N"},
    )
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(Association).where(Association.key == "nieuw")) is None


def test_unknown_catalogues_and_rows_are_404(staff):
    assert staff.get("/beheer/catalogi/doelgroepen/nieuw").status_code == 404
    assert staff.get("/beheer/catalogi/verenigingen/999999").status_code == 404
    assert staff.get("/beheer/catalogi/vragen/999999").status_code == 404
    assert staff.get("/beheer/catalogi/vragen/thema/999999").status_code == 404
