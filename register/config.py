"""Configuration: one class per environment, every value overridable from the environment.

Environment variables (all optional, except ``SECRET_KEY`` in production):

- ``APP_ENV``: ``production`` selects ``ProductionConfig`` (secure cookies, and the app
  refuses to start without a ``SECRET_KEY`` of its own); anything else is development.

- ``SECRET_KEY``: signs sessions and CSRF tokens. Required in production.
- ``DATABASE_URL``: SQLAlchemy URL; default a SQLite file in ``instance/``.
  PostgreSQL: ``postgresql+psycopg://user@host/dbname``.
- ``SEARCH_INDEX_DIR``: folder of the Whoosh index; default ``instance/search-index``.
- ``SEARCH_LOCK_TIMEOUT``: seconds an index writer waits for the lock (default 10).
- ``SEARCH_SYNC_INTERVAL``: seconds between a server's checks of the change log for changes
  made by other servers (default 5).
- ``SEARCH_SYNC_IN_BACKGROUND``: ``0`` syncs the index right after each commit in the
  committing request instead of in a background thread per process (default ``1``).
- ``QUESTIONLIST_RETENTION_DAYS``: how long a saved question list lives (default 365).
"""

import os
from pathlib import Path


def _postgres_scheme(url: str) -> str:
    """Accept the ``postgres://`` and ``postgresql://`` URLs hosting providers hand out."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


DEVELOPMENT_SECRET_KEY = "dev-only-change-me"


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    REQUIRE_OWN_SECRET_KEY = False
    SQLALCHEMY_DATABASE_URI = _postgres_scheme(os.environ.get("DATABASE_URL", ""))
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR", "")
    SEARCH_LOCK_TIMEOUT = float(os.environ.get("SEARCH_LOCK_TIMEOUT", "10"))
    # How often (seconds) a server checks the change log for edits made by other servers.
    SEARCH_SYNC_INTERVAL = float(os.environ.get("SEARCH_SYNC_INTERVAL", "5"))
    # Sync in a background thread per process (off the request path); off: right after
    # each commit, in the committing thread (tests and scripts, where order matters).
    SEARCH_SYNC_IN_BACKGROUND = os.environ.get("SEARCH_SYNC_IN_BACKGROUND", "1") != "0"
    QUESTIONLIST_RETENTION_DAYS = int(os.environ.get("QUESTIONLIST_RETENTION_DAYS", "365"))
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")
    PAGE_SIZE = 20
    API_MAX_PAGE_SIZE = 100
    WTF_CSRF_TIME_LIMIT = None  # no time limits for people who read slowly
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REQUIRE_OWN_SECRET_KEY = True


def for_environment() -> type[Config]:
    return ProductionConfig if os.environ.get("APP_ENV") == "production" else Config


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test"
    SEARCH_SYNC_INTERVAL = 0.0
    SEARCH_SYNC_IN_BACKGROUND = False


def check_secret_key(config: dict) -> None:
    """Anyone who knows the development key can forge sessions and CSRF tokens."""
    if config.get("REQUIRE_OWN_SECRET_KEY") and config["SECRET_KEY"] in (
        "",
        DEVELOPMENT_SECRET_KEY,
    ):
        raise RuntimeError("Set SECRET_KEY to a long random value (APP_ENV=production).")


def fill_instance_defaults(config: dict, instance_path: str) -> None:
    """Point the database and index into ``instance/`` unless configured otherwise."""
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
            instance_path, "register.sqlite3"
        )
    if not config.get("SEARCH_INDEX_DIR"):
        config["SEARCH_INDEX_DIR"] = os.path.join(instance_path, "search-index")
