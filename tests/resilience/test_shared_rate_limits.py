"""Rate limits are shared between app servers through Redis, and a Redis that goes away
takes nothing down: each server then counts in its own memory, and shares again once Redis
is back. Debian's ``redis-server`` runs on a private port; two ``flask run`` processes
count reports at ``/melden`` (the concern form: a limit per client address)."""

from __future__ import annotations

import time

import pytest

from tests.entries.pages import publish
from tests.factories import make_initiative
from tests.resilience.processes import AppServer, Browser, redis_server_or_skip

LIMIT = 3
RECOVERY_TIMEOUT = 40  # Flask-Limiter looks for a lost store again after 1, 2, 4, 8 … s


@pytest.fixture
def redis_server(tmp_path):
    server = redis_server_or_skip(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def two_servers(app, tmp_path, redis_server):
    with app.app_context():
        make_initiative(name="De Linde", slug="de-linde", place="Deventer")
        publish()
    env = {
        "RATELIMIT_STORAGE_URI": redis_server.uri,
        "RATELIMIT_ENABLED": "1",
        "CONCERN_RATE_LIMIT": f"{LIMIT} per hour",
        "RATELIMIT_STORAGE_TIMEOUT": "0.5",
    }
    pair = [AppServer(app, tmp_path, name, **env) for name in "ab"]
    try:
        for server in pair:
            server.start()
        yield pair
    finally:
        for server in pair:
            server.stop()
            print(f"--- server log (tail) ---\n{server.log()}")  # shown when a test fails


def report(server: AppServer, what: str = "De bewoners kregen geen eten.") -> int:
    """A visitor reports a concern at ``server``; the status of the answer."""
    return Browser(server.url).post_form("/melden", {"initiatief": "de-linde", "wat": what}).status


def remaining(server: AppServer) -> int:
    """Reports left for this address, as ``server`` counts them (a form with a mistake
    is tested against the limit but does not count)."""
    answer = Browser(server.url).post_form("/melden", {"initiatief": "de-linde", "wat": ""})
    if answer.status == 429:
        return 0
    assert answer.status == 400, answer.status
    return int(answer.headers["X-RateLimit-Remaining"])


def test_a_limit_reached_through_one_server_holds_on_the_other(two_servers, redis_server):
    one, other = two_servers

    assert [report(one), report(other), report(one)] == [302] * LIMIT

    assert report(other) == 429
    assert report(one) == 429
    assert redis_server.client().dbsize() > 0


def test_without_redis_each_server_counts_alone_and_shares_again_when_it_is_back(
    two_servers, redis_server
):
    one, other = two_servers
    redis_server.stop()

    assert [report(one) for _ in range(LIMIT)] == [302] * LIMIT  # not a 500
    assert report(one) == 429  # the limit still holds, in this server's memory
    assert report(other) == 302  # which the other server does not share
    assert "Traceback" not in one.log() + other.log()

    redis_server.start()  # empty: Redis keeps nothing on disk here
    started = time.monotonic()
    while remaining(one) != LIMIT or remaining(other) != LIMIT:
        assert time.monotonic() - started < RECOVERY_TIMEOUT, "still counting in memory"
        time.sleep(0.5)
    print(f"both servers count in Redis again {time.monotonic() - started:.1f} s after it")

    assert report(other) == 302
    assert remaining(one) == LIMIT - 1
