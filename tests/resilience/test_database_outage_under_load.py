"""PostgreSQL stopped (``pg_ctl stop -m immediate``) while two app servers (gunicorn, two
workers with four threads each, as in production) are under load from many threads: every
answer is a 200 or a friendly 503 with Retry-After (never a 500, a dropped connection or a
request that hangs past its timeout), every page answers 503 while the database is away, and
both servers serve 200s again within seconds of its return, without a restart of a server
or a worker.

Runs on a private PostgreSQL server started here (tests/test_outage.py), in the SQLite and
the PostgreSQL run alike.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask_migrate import upgrade

from register import create_app
from register.config import TestConfig
from register.extensions import db
from tests.resilience.processes import AppServer, Browser, connection_error
from tests.test_concurrent_server import WORKER_KILLED

DEMO_COUNT = 150
THREADS_PER_SERVER = 4
REQUEST_TIMEOUT = 15  # seconds; no answer by then counts as a hang
LOAD_SECONDS = 3  # of load before the stop and while the database is away
RECOVERY_TIMEOUT = 15
FRIENDLY = "Het register is even niet bereikbaar"
IN_FLIGHT = "in flight"
# A download streamed from the database (open data) that loses it after its first chunk
# can only end early: the status line was sent. The client sees the cut, not a short file.
CUT_OFF = ("/open-data/initiatieven.json", "IncompleteRead")


@pytest.fixture
def private_register(private_server):
    """The private server migrated and seeded with demo initiatives; their slugs."""
    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": private_server.url,
        }
    )
    with app.app_context():
        upgrade()
        result = app.test_cli_runner().invoke(args=["seed", "demo", "--count", str(DEMO_COUNT)])
        assert result.exit_code == 0, result.output
        from sqlalchemy import select

        from register.entries.models import Initiative

        slugs = list(db.session.scalars(select(Initiative.slug).limit(3)))
        db.session.remove()
        db.engine.dispose()
    yield app, slugs


def pages(slugs: list[str]) -> list[str]:
    return [
        "/",
        "/initiatieven",
        "/initiatieven?q=wonen",
        *(f"/initiatieven/{slug}" for slug in slugs),
        f"/initiatieven/vergelijk?ids={','.join(slugs[:2])}",
        "/melden",
        "/api/v1/initiatives?q=zorg",
        "/open-data/initiatieven.json",
        "/health",
    ]


class Load:
    """Threads that GET ``paths`` round-robin from every server until stopped, recording
    each answer with the phase it was sent and answered in (``IN_FLIGHT`` when the phase
    changed meanwhile)."""

    def __init__(self, servers: list[AppServer], paths: list[str]):
        self.servers, self.paths = servers, paths
        self.phase = "before"
        self.answers: list[tuple[str, str, str, int | str, float]] = []
        self.stopped = threading.Event()
        self.lock = threading.Lock()

    def _visitor(self, server: AppServer, offset: int) -> None:
        browser = Browser(server.url, timeout=REQUEST_TIMEOUT)
        n = offset
        while not self.stopped.is_set():
            path = self.paths[n % len(self.paths)]
            phase, started = self.phase, time.monotonic()
            try:
                answer = browser.get(path)
                outcome: int | str = answer.status
                if answer.status == 503 and "json" not in answer.headers["Content-Type"]:
                    outcome = 503 if FRIENDLY in answer.text else "503 without the message"
                if answer.status == 503 and not answer.headers.get("Retry-After"):
                    outcome = "503 without Retry-After" if path != "/health" else 503
            except Exception as error:  # noqa: BLE001 - named below, or raised again
                outcome = connection_error(error)
            if self.phase != phase:
                phase = IN_FLIGHT
            with self.lock:
                self.answers.append((phase, server.url, path, outcome, time.monotonic() - started))
            n += 1

    def run(self):
        pool = ThreadPoolExecutor(max_workers=len(self.servers) * THREADS_PER_SERVER)
        for server in self.servers:
            for offset in range(THREADS_PER_SERVER):
                pool.submit(self._visitor, server, offset * 3)
        return pool

    def outcomes(self, phase: str) -> Counter:
        return Counter(outcome for p, _, _, outcome, _ in self.answers if p == phase)


def test_two_servers_under_load_answer_503_without_the_database_and_recover(
    private_server, private_register, tmp_path
):
    app, slugs = private_register
    servers = [
        AppServer(
            app,
            tmp_path,
            name,
            server="gunicorn-2x4-threads",
            DATABASE_URL=private_server.url,
            DATABASE_CONNECT_TIMEOUT="3",
        )
        for name in "ab"
    ]
    load = Load(servers, pages(slugs))
    try:
        for server in servers:
            server.start()
            assert Browser(server.url, timeout=60).get("/initiatieven?q=wonen").status == 200
        pids = [server.process.pid for server in servers]
        pool = load.run()
        try:
            time.sleep(LOAD_SECONDS)
            load.phase = "stopping"
            private_server.stop()
            # A page from a server's page cache may still be served until the server next
            # reads the data version (DATA_VERSION_MAX_AGE, 0.5 s): a 200 or a 503 then.
            load.phase = "just stopped"
            time.sleep(1)
            load.phase = "away"
            time.sleep(LOAD_SECONDS)
            load.phase = "starting"
            private_server.start()
            back = time.monotonic()
            recovered = [seconds_until_ok(server, back) for server in servers]
            load.phase = "after"
            time.sleep(LOAD_SECONDS)
        finally:
            load.stopped.set()
            pool.shutdown(wait=True)
        alive = [server.process.poll() is None for server in servers]
        still = [server.process.pid for server in servers]
    finally:
        for server in servers:
            server.stop()
    phases = ("before", "away", "after", IN_FLIGHT)
    report = str({phase: dict(load.outcomes(phase)) for phase in phases})
    print(f"recovered {recovered} s after the database was back; {report}")

    assert alive == [True, True] and still == pids, "a server died or was restarted"
    for server in servers:
        log = server.log_path.read_text(errors="replace")
        assert not WORKER_KILLED.search(log), f"a gunicorn worker was killed\n{server.log()}"
        assert log.count("Booting worker") == 2, f"a worker was restarted\n{server.log()}"
    wrong = [
        (phase, path, outcome)
        for phase, _, path, outcome, _ in load.answers
        if outcome not in (200, 503) and not (phase == IN_FLIGHT and (path, outcome) == CUT_OFF)
    ]
    assert not wrong, f"{wrong}\n{report}"
    assert set(load.outcomes("before")) == {200}, report
    assert set(load.outcomes("away")) == {503}, report
    assert set(load.outcomes("after")) == {200}, report
    away_paths = {(url, path) for p, url, path, _, _ in load.answers if p == "away"}
    assert len(away_paths) == len(servers) * len(load.paths), "not every page was tried"
    slowest = max(seconds for *_, seconds in load.answers)
    assert slowest < REQUEST_TIMEOUT, slowest


def seconds_until_ok(server: AppServer, since: float) -> float:
    """Seconds from ``since`` until ``server`` answers a search with a 200 again."""
    browser = Browser(server.url, timeout=REQUEST_TIMEOUT)
    while browser.get("/initiatieven?q=wonen").status != 200:
        assert time.monotonic() - since < RECOVERY_TIMEOUT, f"not back\n{server.log()}"
        time.sleep(0.1)
    return round(time.monotonic() - since, 2)
