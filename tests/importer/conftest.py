from __future__ import annotations

import pytest

from tests.importer.builders import staff_account


@pytest.fixture
def staff(app_context):
    return staff_account()


@pytest.fixture
def staff_client(client, log_in, staff):
    """The test client, logged in as register staff (password and TOTP code)."""
    return log_in(staff)
