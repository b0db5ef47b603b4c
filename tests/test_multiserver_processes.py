"""Two app servers as real processes (``flask run``) on the test database, each with an index
folder of its own: a change committed to the register is found by a search on both within
2 s, a change approved by staff over HTTP on one server is found on the other within 2 s,
and a server that was stopped while ten entries changed catches up when it starts.

The change is made by the test process, as any server, script or cron job makes one: the
servers only ever learn of it from the change log in the database.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from register import create_app
from register.accounts.roles import RoleName
from register.config import TestConfig
from register.entries.models import ChangeAction, Initiative
from register.entries.services import record_change
from register.extensions import db
from register.portal.services import submit_edit
from register.portal.values import entry_values
from tests.factories import DEFAULT_PASSWORD, make_account, make_initiative
from tests.resilience.processes import logged_in
from tests.test_concurrent_server import (
    PROJECT_ROOT,
    _free_port,
    _server_environment,
    _stop,
    _tail,
    _wait_until_ready,
)

FOUND_WITHIN = 2.0  # seconds, the target for every server
SYNC_INTERVAL = "0.2"


class Server:
    """``flask run`` with an index folder of its own; stopped and started like a server."""

    def __init__(self, app, index: Path, log_path: Path):
        self.env = {
            **_server_environment(app),
            "SEARCH_INDEX_DIR": str(index),
            "SEARCH_SYNC_INTERVAL": SYNC_INTERVAL,
        }
        self.index = index
        self.log_path = log_path
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "flask", "run", "--host", "127.0.0.1"]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [*command, "--port", str(self.port)],
                cwd=PROJECT_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_until_ready(self.process, f"http://127.0.0.1:{self.port}", self.log_path)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None

    def found(self, words: str) -> int:
        url = f"http://127.0.0.1:{self.port}/api/v1/initiatives?q={words}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)["meta"]["total"]

    def seconds_until_found(self, words: str, count: int, timeout: float) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.found(words) == count:
                return time.monotonic() - started
            time.sleep(0.05)
        pytest.fail(f"{words!r} not found {count}× within {timeout} s\n{_tail(self.log_path)}")


@pytest.fixture
def servers(app, tmp_path):
    with app.app_context():
        ids = [make_initiative(name=f"Huis nummer {n}").id for n in range(10)]
        db.session.commit()
    pair = [Server(app, tmp_path / f"index-{name}", tmp_path / f"{name}.log") for name in "ab"]
    try:
        for server in pair:
            server.start()
            server.seconds_until_found("huis", 10, timeout=30)  # its first sync built its index
        yield (*pair, ids)
    finally:
        for server in pair:
            server.stop()


def rename(app, ids: list[int], word: str) -> None:
    with app.app_context():
        for initiative_id in ids:
            initiative = db.session.get(Initiative, initiative_id)
            initiative.name = f"{word} {initiative_id}"
            record_change(initiative, ChangeAction.UPDATED, ["name"])
        db.session.commit()


def drift_exit_code(app, index: Path) -> int:
    """``flask search check`` against one server's index folder."""
    checker = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SEARCH_INDEX_DIR": str(index),
        }
    )
    result = checker.test_cli_runner().invoke(args=["search", "check"])
    with checker.app_context():
        db.engine.dispose()
    return result.exit_code


def test_a_change_is_found_on_both_servers_within_two_seconds(app, servers):
    one, other, ids = servers

    rename(app, ids[:1], "Zonnebloem")

    assert one.seconds_until_found("zonnebloem", 1, FOUND_WITHIN) <= FOUND_WITHIN
    assert other.seconds_until_found("zonnebloem", 1, FOUND_WITHIN) <= FOUND_WITHIN
    assert drift_exit_code(app, one.index) == 0
    assert drift_exit_code(app, other.index) == 0


def test_a_server_stopped_during_ten_changes_catches_up_when_it_starts(app, servers):
    one, other, ids = servers
    other.stop()

    rename(app, ids, "Vernieuwd")
    other.start()

    assert other.seconds_until_found("vernieuwd", 10, FOUND_WITHIN) <= FOUND_WITHIN
    assert one.found("vernieuwd") == 10
    assert drift_exit_code(app, other.index) == 0


def test_a_change_approved_through_one_server_is_found_on_the_other_within_two_seconds(
    app, servers
):
    one, other, ids = servers
    with app.app_context():
        initiative = db.session.get(Initiative, ids[0])
        editor = make_account(RoleName.EDITOR, initiatives=[initiative])
        staff = make_account(RoleName.STAFF)
        proposed = {**entry_values(initiative), "name": "Hofje Goedgekeurd"}
        waiting = submit_edit(initiative, proposed, editor, confirmed=False, on=date.today())
        db.session.commit()
        revision, email, secret = waiting.revision.id, staff.email, staff.tf_totp_secret
    staff_browser = logged_in(f"http://127.0.0.1:{one.port}", email, DEFAULT_PASSWORD, secret)
    url = f"/beheer/wijzigingen/{revision}"

    approved = staff_browser.post_form(f"{url}/goedkeuren", {}, form_page=url)
    sent = time.monotonic()

    assert approved.status == 303, approved.text[:2000]
    assert approved.headers["Location"].endswith("/beheer/wijzigingen")
    assert other.seconds_until_found("goedgekeurd", 1, FOUND_WITHIN) <= FOUND_WITHIN
    print(f"found on the other server {time.monotonic() - sent:.2f} s after the approval")
    assert drift_exit_code(app, other.index) == 0
