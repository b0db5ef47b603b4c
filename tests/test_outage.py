"""A database that goes away gives every page a friendly 503, and the site recovers on its
own when the database is back. Runs against a private PostgreSQL server started here (never
the shared one), in the SQLite run and the PostgreSQL run alike."""

from __future__ import annotations

import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from flask_migrate import upgrade

from register import create_app
from register.config import TestConfig
from register.extensions import db

BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def _pg(*args: str, cwd: str) -> None:
    binary = os.path.join(BINARIES[-1], args[0])
    subprocess.run(
        ["runuser", "-u", "postgres", "--", binary, *args[1:]],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=120,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateServer:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.data = folder / "data"
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}"
        _pg("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
            "-w", "start", cwd=str(self.folder))  # fmt: skip

    def stop(self) -> None:
        _pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", cwd=str(self.folder))


@pytest.fixture
def private_server():
    if not BINARIES or not os.path.exists(os.path.join(BINARIES[-1], "initdb")):
        message = "PostgreSQL's initdb is not installed (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run the outage test, not pass it by skipping
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="register-outage-"))
    shutil.chown(folder, "postgres")
    server = PrivateServer(folder, _free_port())
    try:
        _pg("initdb", "-D", str(server.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            cwd=str(folder))  # fmt: skip
        server.start()
        yield server
    finally:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", os.path.join(BINARIES[-1], "pg_ctl"),
             "-D", str(server.data), "-m", "immediate", "stop"],
            capture_output=True, timeout=60, check=False,
        )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def outage_app(private_server, tmp_path):
    app = create_app(
        {
            **{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
            "SQLALCHEMY_DATABASE_URI": private_server.url,
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _load_data(app) -> tuple[list[str], str]:
    from factories import make_initiative

    from register.questionnaire.bank import load_question_bank
    from register.seed.reference import load_reference_data

    with app.app_context():
        load_reference_data()
        load_question_bank()
        slugs = [make_initiative().slug, make_initiative().slug]
        db.session.commit()
    visitor = app.test_client()

    def post(url, data=None):
        return visitor.post(url, data=data or {}, follow_redirects=True)

    post("/vragenlijst/begin")
    post("/vragenlijst/stap/voor-wie", {"voor": "self"})
    post("/vragenlijst/stap/situatie", {"betaling": "pgb", "soort": "unknown"})
    page = post("/vragenlijst/stap/themas", {"thema": ["eten", "geld"]})
    ticked = re.findall(r'name="vraag" value="([^"]+)"\s*checked', page.get_data(as_text=True))
    post("/vragenlijst/stap/vragen", {"vraag": ticked})
    post("/vragenlijst/stap/eigen-vragen", {"actie": "verder"})
    post("/vragenlijst/stap/volgorde", {"actie": "verder"})
    post("/vragenlijst/stap/controleren")
    saved = post("/vragenlijst/bewaar")
    assert saved.status_code == 200, saved.get_data(as_text=True)[:500]
    token = saved.request.path.rsplit("/", 1)[1]
    return slugs, token


def _pages(slugs: list[str], token: str) -> tuple[list[str], list[str]]:
    html = [
        "/",
        "/over",
        "/initiatieven",
        "/initiatieven?q=linde",
        f"/initiatieven/{slugs[0]}",
        f"/initiatieven/vergelijk?ids={','.join(slugs)}",
        "/vragenlijst/",
        f"/vragenlijst/l/{token}",
        f"/vragenlijst/l/{token}/vergelijking",
    ]
    machine = [
        "/api/v1/initiatives",
        f"/api/v1/initiatives/{slugs[0]}",
        "/api/v1/changes?since=2020-01-01T00:00:00Z",
        "/open-data/initiatieven.csv",
        "/open-data/initiatieven.json",
        "/health",
    ]
    return html, machine


def _assert_all_ok(client, paths: list[str]) -> None:
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        response.get_data()  # a streamed download is read to its end


def test_a_lost_database_gives_503s_and_the_site_recovers(private_server, outage_app):
    slugs, token = _load_data(outage_app)
    html, machine = _pages(slugs, token)
    client = outage_app.test_client()
    _assert_all_ok(client, html + machine)

    private_server.stop()
    try:
        for path in html:
            response = client.get(path)
            assert response.status_code == 503, path
            assert "Het register is even niet bereikbaar" in response.get_data(as_text=True), path
            assert response.headers["Retry-After"], path
            assert response.headers["Content-Security-Policy"], path
        for path in machine:
            response = client.get(path)
            assert response.status_code == 503, path
            assert response.is_json, path
            if path != "/health":
                assert response.json["error"]["status"] == 503, path
                assert response.headers["Retry-After"], path
    finally:
        private_server.start()

    _assert_all_ok(client, html + machine)
