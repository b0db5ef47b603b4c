from __future__ import annotations

import pytest

from tests.catalogues.builders import staff_client


@pytest.fixture
def staff(app, log_in):
    """The test client, logged in as register staff."""
    return staff_client(app, log_in)
