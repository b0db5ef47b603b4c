"""The private PostgreSQL server of the hardening outage test (never the shared one)."""

from tests.test_outage import private_server  # noqa: F401
