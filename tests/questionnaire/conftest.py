"""Fixtures of the question-list tests: the bank is loaded for every test (the shared
``clean_database`` fixture empties all tables), and a browser-like client that reads the
CSRF token from the forms it is shown, as a person's browser would."""

from __future__ import annotations

import re

import pytest

from register.extensions import db
from register.questionnaire.bank import load_question_bank

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def question_bank(app, clean_database):
    with app.app_context():
        load_question_bank()
        db.session.commit()


class Visitor:
    """Gets pages and posts forms with the CSRF token of the last form page it saw."""

    def __init__(self, client):
        self.client = client
        self.csrf_token = None

    def _remember_token(self, response) -> None:
        if response.mimetype == "text/html":
            match = CSRF.search(response.get_data(as_text=True))
            if match:
                self.csrf_token = match.group(1)

    def get(self, url, follow=True, **kwargs):
        response = self.client.get(url, follow_redirects=follow, **kwargs)
        self._remember_token(response)
        return response

    def post(self, url, data=None, follow=True, **kwargs):
        if self.csrf_token is None:
            self.get("/vragenlijst/")
        data = {"csrf_token": self.csrf_token, **(data or {})}
        response = self.client.post(url, data=data, follow_redirects=follow, **kwargs)
        self._remember_token(response)
        return response


@pytest.fixture
def visitor(client):
    return Visitor(client)
