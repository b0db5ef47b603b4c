"""``kill -9`` of ``flask search reindex`` half-way: the database is untouched (the same
``flask export`` before and after), the next server start serves search with the same
answers as an intact index (rebuilding it first when nothing usable was left), and
``flask search check`` finds no drift."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.resilience.processes import AppServer, Browser
from tests.test_concurrent_server import PROJECT_ROOT, _server_environment
from tests.test_multiserver_processes import drift_exit_code

WRITING_TIMEOUT = 60  # seconds for the reindex to start writing
KILL_AFTER = 0.3  # seconds of writing before the kill (a rebuild of 1,500 takes about 1.5 s)
SEARCH_TIMEOUT = 60  # a server that must rebuild first answers its first search late
QUERIES = ("wonen", "zorg", "het baken", "ouderinitiatief")


def seed(runner, count: int) -> None:
    """Demo data and the index after it, as ``make db`` builds them."""
    for args in (["seed", "demo", "--count", str(count)], ["search", "sync"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output


def export(runner, path: Path) -> bytes:
    result = runner.invoke(args=["export", str(path)])
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def writer_busy(folder: Path) -> bool:
    """Whether another process holds a Whoosh write lock somewhere under ``folder``."""
    for lock in folder.rglob("*WRITELOCK"):
        with open(lock, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def kill_reindex_while_writing(app, index: Path) -> None:
    """Start ``flask search reindex`` on ``index``; SIGKILL it once it has written for a
    moment (it must still be running then, or the test proves nothing)."""
    env = {**_server_environment(app), "SEARCH_INDEX_DIR": str(index)}
    log_path = index.parent / "reindex.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "flask", "search", "reindex"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        started = time.monotonic()
        while not writer_busy(index.parent):
            assert process.poll() is None, log_path.read_text()
            assert time.monotonic() - started < WRITING_TIMEOUT, "the reindex never wrote"
            time.sleep(0.05)
        time.sleep(KILL_AFTER)
        assert process.poll() is None, "the reindex finished before it was killed"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL


def totals(base_url: str, timeout: float = 30) -> dict[str, int]:
    """How many initiatives each query finds, through the API."""
    browser = Browser(base_url, timeout=timeout)
    found = {}
    for words in QUERIES:
        answer = browser.get("/api/v1/initiatives?q=" + words.replace(" ", "+"))
        assert answer.status == 200, (words, answer.status, answer.text[:500])
        found[words] = json.loads(answer.text)["meta"]["total"]
    return found


def in_process_totals(client) -> dict[str, int]:
    """The same queries against the suite's own, intact index."""
    found = {}
    for words in QUERIES:
        found[words] = client.get("/api/v1/initiatives", query_string={"q": words}).json["meta"][
            "total"
        ]
    return found


@pytest.mark.parametrize(
    ("count", "existing_index"),
    [
        pytest.param(1500, True, id="over-a-built-index"),
        pytest.param(1500, False, id="on-a-new-server"),
    ],
)
def test_a_reindex_killed_half_way_loses_nothing(
    app, runner, client, tmp_path, count, existing_index
):
    seed(runner, count)
    expected = in_process_totals(client)
    assert all(expected.values()), expected
    before = export(runner, tmp_path / "before.json")
    index = tmp_path / "server" / "index"
    if existing_index:
        shutil.copytree(app.config["SEARCH_INDEX_DIR"], index)
    else:
        index.parent.mkdir()

    kill_reindex_while_writing(app, index)

    assert export(runner, tmp_path / "after.json") == before
    server = AppServer(app, tmp_path, "after-kill", SEARCH_INDEX_DIR=str(index))
    try:
        server.start()
        started = time.monotonic()
        found = totals(server.url, timeout=SEARCH_TIMEOUT)
        print(f"first searches answered {time.monotonic() - started:.1f} s after start")
        assert found == expected, server.log()
    finally:
        server.stop()
    assert drift_exit_code(app, index) == 0
