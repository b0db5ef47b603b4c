from __future__ import annotations

import pytest

from register.extensions import db
from register.questionnaire.bank import load_question_bank
from tests.catalogues.builders import staff_client


@pytest.fixture(autouse=True)
def question_bank(app, clean_database):
    with app.app_context():
        load_question_bank()
        db.session.commit()


@pytest.fixture
def staff(app, log_in):
    """The test client, logged in as register staff."""
    return staff_client(app, log_in)
