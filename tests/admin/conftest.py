from __future__ import annotations

import pytest

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
