"""What the fault tests share: app servers and a Redis as real processes, and a browser
(cookies, CSRF token from the page) that talks HTTP to them."""

from __future__ import annotations

import contextlib
import http.client
import http.cookiejar
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.test_concurrent_server import (
    PROJECT_ROOT,
    _free_port,
    _server_environment,
    _stop,
    _tail,
    _wait_until_ready,
    server_command,
)

REDIS_SERVER = "/usr/bin/redis-server"
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class AppServer:
    """An app server on ``app``'s database with an index folder of its own and ``env`` on
    top of the suite's server environment: ``flask run`` (threaded, as ``make run`` serves)
    or another of ``tests.test_concurrent_server.SERVERS`` (gunicorn as in production)."""

    def __init__(
        self, app, folder: Path, name: str, server: str = "flask-run-threaded", **env: str
    ):
        self.server = server
        self.folder = folder / f"server-{name}"  # its own gunicorn control socket
        self.folder.mkdir(exist_ok=True)
        self.env = {
            **_server_environment(app),
            "SEARCH_INDEX_DIR": str(folder / f"index-{name}"),
            **env,
        }
        self.index = Path(self.env["SEARCH_INDEX_DIR"])
        self.log_path = folder / f"{name}.log"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                server_command(self.server, self.port, self.folder),
                cwd=PROJECT_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_until_ready(self.process, self.url, self.log_path)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None

    def log(self) -> str:
        return _tail(self.log_path)


class Response:
    def __init__(self, status: int, headers, body: str):
        self.status, self.headers, self.text = status, headers, body


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One visitor: keeps its cookies, follows no redirects (the tests look at them)."""

    def __init__(self, base: str, timeout: float = 30):
        self.base, self.timeout = base, timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects
        )

    def request(self, path: str, data: dict | None = None) -> Response:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=self.timeout) as answer:
                return Response(answer.status, answer.headers, answer.read().decode())
        except urllib.error.HTTPError as error:
            with contextlib.closing(error):
                return Response(error.code, error.headers, error.read().decode(errors="replace"))

    def get(self, path: str) -> Response:
        return self.request(path)

    def post_form(self, path: str, fields: dict, form_page: str | None = None) -> Response:
        """Post ``fields`` with the CSRF token of the form on ``form_page`` (default ``path``)."""
        page = self.get(form_page or path)
        assert page.status == 200, (form_page or path, page.status)
        token = _CSRF.search(page.text)
        assert token, f"no CSRF token on {form_page or path}"
        return self.request(path, {"csrf_token": token.group(1), **fields})


def logged_in(base: str, email: str, password: str, totp_secret: str | None = None) -> Browser:
    """A browser logged in through the forms, with the authenticator's code when asked."""
    from tests.accounts.support import current_totp

    browser = Browser(base, timeout=60)
    answer = browser.post_form("/inloggen", {"email": email, "password": password})
    assert answer.status == 302, (email, answer.status)
    if totp_secret:
        code = current_totp(SimpleNamespace(tf_totp_secret=totp_secret))
        answer = browser.post_form("/inloggen/code", {"code": code})
        assert answer.status == 302, (email, answer.status)
    return browser


class RedisServer:
    """Debian's ``redis-server`` on a private loopback port, nothing written to disk."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = _free_port()
        self.uri = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.folder)]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while not self.answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                pytest.fail(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def client(self):
        import redis

        return redis.Redis.from_url(self.uri, socket_timeout=2, socket_connect_timeout=2)

    def answers(self) -> bool:
        import redis

        try:
            with contextlib.closing(self.client()) as connection:
                return bool(connection.ping())
        except redis.RedisError:
            return False


def redis_server_or_skip(folder: Path) -> RedisServer:
    if not shutil.which(REDIS_SERVER):
        pytest.skip(f"{REDIS_SERVER} is not installed (make test installs Debian's redis-server)")
    return RedisServer(folder)


def connection_error(error: BaseException) -> str:
    """A name for a request that got no HTTP answer at all."""
    if isinstance(error, urllib.error.URLError | http.client.HTTPException | OSError):
        return type(getattr(error, "reason", error)).__name__
    raise error
