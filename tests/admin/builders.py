"""Test helpers for /beheer and the access requests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask

from register import create_app
from register.extensions import db, limiter


@contextmanager
def app_with_rate_limits(app: Flask, **limits: str) -> Iterator[Flask]:
    """A second app on the same database with rate limits on (the suite's app has them off)
    and ``limits`` as configuration, with empty counters; afterwards the limiter is as the
    suite's app configured it."""
    limited = create_app({**app.config, "RATELIMIT_ENABLED": True, **limits})
    limiter.reset()
    try:
        yield limited
    finally:
        limiter.reset()
        limiter.enabled = app.config["RATELIMIT_ENABLED"]
        with limited.app_context():  # close its connections (PostgreSQL warns otherwise)
            db.session.remove()
            db.engine.dispose()
