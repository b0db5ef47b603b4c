"""The served app survives concurrent visitors: a real server in a subprocess, as `make run`
serves it (werkzeug, threaded) and as production does (gunicorn, workers with threads), gets a
few hundred GETs at once from 16 threads, on the test database (SQLite, or PostgreSQL with
TEST_DATABASE_URL).

Regression test for a segmentation fault that killed threaded servers (and gunicorn's
workers) under concurrent search and detail-page requests on CPython 3.11.7: the server must
still be running, no process may have crashed, and every request must have been answered
without a connection error or a 5xx.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select

from register.entries.models import Initiative
from register.extensions import db

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_COUNT = 600
REQUESTS = 320
CLIENT_THREADS = 16
READY_TIMEOUT = 30
REQUEST_TIMEOUT = 60
# Seconds for sending requests: on a busy machine the rest is left unsent rather than the
# test running long, as long as enough were answered to tell.
LOAD_DEADLINE = 45
MIN_ANSWERED = 120
NOT_SENT = "not sent: load deadline passed"
# gunicorn's master logs how a worker died; SIGTERM is the normal shutdown at the end.
WORKER_KILLED = re.compile(r"was sent (SIGSEGV|SIGBUS|SIGABRT|SIGILL|SIGFPE|SIGKILL)")

SERVERS = {
    # What `make run` starts: werkzeug's development server, a thread per request.
    "flask-run-threaded": ["-m", "flask", "run", "--host", "127.0.0.1", "--port", "{port}"],
    "gunicorn-2x4-threads": [
        "-m",
        "gunicorn",
        "--workers",
        "2",
        "--threads",
        "4",
        "--bind",
        "127.0.0.1:{port}",
        "--graceful-timeout",
        "5",
        "wsgi:app",
    ],
}
# gunicorn 27 opens a control socket in the home folder unless told where.
GUNICORN_CONTROL_SOCKET = ["--control-socket", "{tmp}/gunicorn.ctl"]


@pytest.fixture
def demo_register(app, runner) -> list[str]:
    """Demo initiatives in the test database and index; the slugs of some of them."""
    result = runner.invoke(args=["seed", "demo", "--count", str(DEMO_COUNT)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        slugs = db.session.scalars(select(Initiative.slug).order_by(Initiative.id).limit(1))
        return list(slugs)


@pytest.mark.parametrize("server", sorted(SERVERS))
def test_server_survives_concurrent_requests(app, demo_register, server, tmp_path):
    paths = _paths(demo_register)
    port = _free_port()
    log_path = tmp_path / f"{server}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            server_command(server, port, tmp_path),
            cwd=PROJECT_ROOT,
            env=_server_environment(app),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # gunicorn's workers are stopped with their master
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_ready(process, base, log_path)
            outcomes = _hammer(base, paths)
            alive = process.poll() is None
        finally:
            _stop(process)

    report = f"{server}: {dict(outcomes)}\n--- server log (tail) ---\n{_tail(log_path)}"
    log_text = log_path.read_text(errors="replace")
    assert alive, f"the server died under load\n{report}"
    # gunicorn's master outlives a crashed worker and starts another: look for the crash itself.
    assert "Fatal Python error" not in log_text, f"a server process crashed\n{report}"
    assert not WORKER_KILLED.search(log_text), f"a gunicorn worker was killed\n{report}"
    errors = {kind: n for kind, n in outcomes.items() if isinstance(kind, str) and kind != NOT_SENT}
    assert not errors, f"connection errors\n{report}"
    server_errors = {c: n for c, n in outcomes.items() if isinstance(c, int) and c >= 500}
    assert not server_errors, f"5xx responses\n{report}"
    answered = sum(n for code, n in outcomes.items() if isinstance(code, int))
    assert answered >= MIN_ANSWERED, f"too few requests answered to tell\n{report}"


def _paths(slugs: list[str]) -> list[str]:
    """Searches with and without filters (valid and unknown values), details and home."""
    searches = [
        "/initiatieven",
        "/initiatieven?province=gelderland",
        "/initiatieven?province=Gelderland",
        "/initiatieven?province=overijssel",
        "/initiatieven?kind=ouders",
        "/initiatieven?kind=relatives_residents",
        "/initiatieven?q=autisme",
    ]
    return searches + [f"/initiatieven/{slug}" for slug in slugs] + ["/"]


def server_command(server: str, port: int, folder: Path) -> list[str]:
    """The command line that starts ``server`` (a key of ``SERVERS``) on ``port``."""
    arguments = SERVERS[server] + (GUNICORN_CONTROL_SOCKET if _has_control_socket(server) else [])
    return [sys.executable, *(part.format(port=port, tmp=folder) for part in arguments)]


def _has_control_socket(server: str) -> bool:
    if not server.startswith("gunicorn"):
        return False
    from gunicorn import version_info

    return version_info >= (27,)


def _server_environment(app) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FLASK_", "GUNICORN_", "WERKZEUG_"))
    }
    env.update(
        FLASK_APP="wsgi.py",
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SEARCH_INDEX_DIR=app.config["SEARCH_INDEX_DIR"],
        SECRET_KEY="test-concurrent-server",
        PYTHONFAULTHANDLER="1",  # a crash leaves every thread's stack in the log
        PYTHONUNBUFFERED="1",
    )
    env.pop("APP_ENV", None)
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_ready(process: subprocess.Popen, base: str, log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited while starting\n{_tail(log_path)}")
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not answer /health within {READY_TIMEOUT} s\n{_tail(log_path)}")


def _hammer(base: str, paths: list[str]) -> Counter:
    """GET random pages from many threads at once; count status codes and error kinds."""
    rng = random.Random(2023)
    chosen = [rng.choice(paths) for _ in range(REQUESTS)]
    deadline = time.monotonic() + LOAD_DEADLINE

    def get(path: str) -> int | str:
        if time.monotonic() > deadline:
            return NOT_SENT
        try:
            with urllib.request.urlopen(base + path, timeout=REQUEST_TIMEOUT) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            # Refused, reset, or cut off mid-response: the server (or a worker) went away.
            return type(getattr(error, "reason", error)).__name__

    with ThreadPoolExecutor(max_workers=CLIENT_THREADS) as pool:
        return Counter(pool.map(get, chosen))


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and anything it started (gunicorn's workers), whatever happened."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # workers left behind by a dead master
    if process.poll() is None:
        process.wait(timeout=5)


def _tail(path: Path, lines: int = 60) -> str:
    text = path.read_text(errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])
