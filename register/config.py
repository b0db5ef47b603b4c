"""Configuration: one class per environment, every value overridable from the environment.

Environment variables (all optional, except ``SECRET_KEY`` in production):

- ``APP_ENV``: ``production`` selects ``ProductionConfig`` (secure cookies, and the app
  refuses to start without a ``SECRET_KEY`` of its own); anything else is development.

- ``SECRET_KEY``: signs sessions and CSRF tokens. Required in production.
- ``DATABASE_URL``: SQLAlchemy URL; default a SQLite file in ``instance/``.
  PostgreSQL: ``postgresql+psycopg://user@host/dbname``.
- ``DATABASE_CONNECT_TIMEOUT``: seconds to wait for PostgreSQL to accept a connection
  (default 5). A database host that does not answer at all then gives a 503 in seconds
  instead of holding every request for the operating system's TCP timeout (minutes).
- ``SEARCH_INDEX_DIR``: folder of the Whoosh index; default ``instance/search-index``.
- ``SEARCH_LOCK_TIMEOUT``: seconds an index writer waits for the lock (default 10).
- ``SEARCH_SYNC_INTERVAL``: seconds between a server's checks of the change log for changes
  made by other servers (default 0.5: a change is searchable on every server within a
  second; each check is one or two small queries).
- ``SEARCH_SYNC_IN_BACKGROUND``: ``0`` syncs the index right after each commit in the
  committing request instead of in a background thread per process (default ``1``).
- ``CHANGES_SETTLE_SECONDS``: how old a change-log entry must be before ``/api/v1/changes``
  hands it out and a search index moves its cursor past it (default 10): a transaction that
  took a lower id may still commit meanwhile (see ``register/entries/change_horizon.py``).
- ``QUESTIONLIST_RETENTION_DAYS``: how long a saved question list lives (default 365).
- ``CONCERN_RETENTION_DAYS``: how long a concern reported at ``/melden`` is kept (default 365);
  ``flask concerns purge-expired`` deletes older ones.
- ``CONCERN_RATE_LIMIT``: concerns one address may send (default ``5 per hour``).
- ``PAGE_CACHE_SIZE``: how many rendered public pages each process keeps for anonymous
  visitors (default 500; ``0`` turns the cache off, the validators stay). See
  ``register/httpcache/page_cache.py``.
- ``STATIC_CACHE_SECONDS``: browser lifetime of a static file asked without its current
  fingerprint (default 300); with it, a year.
- ``DATA_VERSION_MAX_AGE``: how often (seconds) a process re-reads the data version its
  cached pages and ETags are keyed on (default 0.5): a change committed through another
  server shows within that time, one committed through this process at once.

Accounts, e-mail and rate limits:

- ``SECURITY_PASSWORD_SALT``: salt for password and token signing. Required in production.
- ``TOTP_SECRET``: key that encrypts the stored two-factor secrets. Required in production.
- ``RATELIMIT_STORAGE_URI``: where rate-limit counters live; default ``memory://`` (one
  process). With several processes or servers use Redis or Valkey: ``redis://host:6379``.
  While that store cannot be reached each process counts in its own memory (the limits
  still hold, per process) and checks again with back-off; no request fails for it.
- ``RATELIMIT_STORAGE_TIMEOUT``: seconds to wait for Redis to connect or answer before a
  process counts in memory instead (default 1).
- ``MAIL_SERVER``, ``MAIL_PORT`` (587), ``MAIL_USE_TLS`` (1), ``MAIL_USE_SSL`` (0),
  ``MAIL_USERNAME``, ``MAIL_PASSWORD``, ``MAIL_DEFAULT_SENDER``: SMTP for ``flask mail send``.
  Without ``MAIL_SERVER`` queued mail is printed to the log instead of sent.
- ``PUBLIC_BASE_URL``: the site's address for links in e-mail sent from cron.
- ``TRUSTED_PROXIES``: how many proxies (TLS terminator, load balancer) stand in front of
  the app and set ``X-Forwarded-For``/``-Proto``/``-Host`` (default 0: the headers are
  ignored). Rate limits count per client address, so behind a proxy set this, or every
  visitor shares the proxy's address.
- ``QUESTIONLIST_MAIL_RATE_LIMIT``: how often a saved question list's link can be mailed, per
  client address and per list (default ``5 per hour``).
- ``ACCOUNT_LOCK_AFTER``: failed log-ins in a row that lock an account (default 5), for
  ``ACCOUNT_LOCK_MINUTES`` (default 15).
"""

import os
from datetime import timedelta
from pathlib import Path


def _postgres_scheme(url: str) -> str:
    """Accept the ``postgres://`` and ``postgresql://`` URLs hosting providers hand out."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


DEVELOPMENT_SECRET_KEY = "dev-only-change-me"
DEVELOPMENT_PASSWORD_SALT = "dev-only-password-salt"
DEVELOPMENT_TOTP_SECRET = "dev-only-totp-secret"


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default) not in ("0", "", "false", "False")


def _rate_limit_storage_options(uri: str) -> dict:
    """Timeouts for a Redis or Valkey store: one that is unreachable (a dropped packet, not
    only a refused connection) must not hold a log-in for redis-py's default of forever."""
    if not uri.startswith(("redis", "valkey")):
        return {}
    seconds = float(os.environ.get("RATELIMIT_STORAGE_TIMEOUT", "1"))
    return {"socket_connect_timeout": seconds, "socket_timeout": seconds}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    REQUIRE_OWN_SECRET_KEY = False
    SQLALCHEMY_DATABASE_URI = _postgres_scheme(os.environ.get("DATABASE_URL", ""))
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR", "")
    SEARCH_LOCK_TIMEOUT = float(os.environ.get("SEARCH_LOCK_TIMEOUT", "10"))
    # How often (seconds) a server checks the change log for edits made by other servers.
    SEARCH_SYNC_INTERVAL = float(os.environ.get("SEARCH_SYNC_INTERVAL", "0.5"))
    # Sync in a background thread per process (off the request path); off: right after
    # each commit, in the committing thread (tests and scripts, where order matters).
    SEARCH_SYNC_IN_BACKGROUND = os.environ.get("SEARCH_SYNC_IN_BACKGROUND", "1") != "0"
    # Change-log entries younger than this are not handed out yet (register/entries/
    # change_horizon.py): an earlier transaction may still commit a lower id.
    CHANGES_SETTLE_SECONDS = float(os.environ.get("CHANGES_SETTLE_SECONDS", "10"))
    QUESTIONLIST_RETENTION_DAYS = int(os.environ.get("QUESTIONLIST_RETENTION_DAYS", "365"))
    CONCERN_RETENTION_DAYS = int(os.environ.get("CONCERN_RETENTION_DAYS", "365"))
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
    # PostgreSQL only (fill_instance_defaults): libpq waits for ever by default.
    DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))

    # Accounts (Flask-Security): Dutch URLs, argon2, strong passwords, TOTP with recovery codes.
    SECURITY_PASSWORD_SALT = os.environ.get("SECURITY_PASSWORD_SALT", DEVELOPMENT_PASSWORD_SALT)
    SECURITY_PASSWORD_HASH = "argon2"
    SECURITY_PASSWORD_LENGTH_MIN = 12
    SECURITY_PASSWORD_COMPLEXITY_CHECKER = "zxcvbn"
    SECURITY_ZXCVBN_MINIMUM_SCORE = 3
    SECURITY_LOGIN_URL = "/inloggen"
    SECURITY_LOGOUT_URL = "/uitloggen"
    SECURITY_RESET_URL = "/wachtwoord-vergeten"
    SECURITY_CHANGE_URL = "/wachtwoord-wijzigen"
    SECURITY_TWO_FACTOR_SETUP_URL = "/tweestapsverificatie"
    SECURITY_TWO_FACTOR_TOKEN_VALIDATION_URL = "/inloggen/code"
    SECURITY_TWO_FACTOR_RESCUE_URL = "/inloggen/geen-toegang"
    SECURITY_TWO_FACTOR_SELECT_URL = "/inloggen/kies"
    SECURITY_MULTI_FACTOR_RECOVERY_URL = "/inloggen/herstelcode"
    SECURITY_MULTI_FACTOR_RECOVERY_CODES_URL = "/herstelcodes"
    SECURITY_VERIFY_URL = "/inloggen/bevestigen"
    SECURITY_RECOVERABLE = True
    SECURITY_CHANGEABLE = True
    SECURITY_TRACKABLE = True
    SECURITY_TWO_FACTOR = True
    SECURITY_TWO_FACTOR_ENABLED_METHODS = ["authenticator"]
    SECURITY_MULTI_FACTOR_RECOVERY_CODES = True
    SECURITY_TOTP_SECRETS = {"1": os.environ.get("TOTP_SECRET", DEVELOPMENT_TOTP_SECRET)}
    SECURITY_TOTP_ISSUER = "Register Wooninitiatieven"
    SECURITY_RETURN_GENERIC_RESPONSES = True
    # Its default names the address, telling whoever typed it that an account exists.
    SECURITY_MSG_PASSWORD_RESET_REQUEST = (
        "If that email address is in our system, you will receive an email describing how "
        "to reset your password.",
        "info",
    )
    SECURITY_DEFAULT_REMEMBER_ME = False
    SECURITY_POST_LOGIN_VIEW = "accounts.after_login"
    SECURITY_POST_LOGOUT_VIEW = "pages.home"
    SECURITY_TWO_FACTOR_POST_SETUP_VIEW = "security.mf_recovery_codes"
    SECURITY_RESET_PASSWORD_WITHIN = timedelta(days=3)  # an invitation is a reset link as well
    SECURITY_I18N_DOMAIN = "flask_security"
    SECURITY_EMAIL_VALIDATOR_ARGS = {"check_deliverability": False}  # no DNS look-ups
    SECURITY_EMAIL_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "register@localhost")
    SECURITY_TWO_FACTOR_RESCUE_MAIL = SECURITY_EMAIL_SENDER
    SECURITY_URL_PREFIX = None
    ACCOUNT_LOCK_AFTER = int(os.environ.get("ACCOUNT_LOCK_AFTER", "5"))
    ACCOUNT_LOCK_MINUTES = int(os.environ.get("ACCOUNT_LOCK_MINUTES", "15"))

    # Rate limits (Flask-Limiter) on log-in, reset, invitations and access requests.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_STORAGE_OPTIONS = _rate_limit_storage_options(RATELIMIT_STORAGE_URI)
    # Shared store down: count per process in memory (the declared limits, not looser ones)
    # until it answers again, and never turn its error into a 500.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_ENABLED = _flag("RATELIMIT_ENABLED", "1")
    RATELIMIT_HEADERS_ENABLED = True
    AUTH_RATE_LIMIT_PER_ADDRESS = "30 per 10 minutes"
    AUTH_RATE_LIMIT_PER_ACCOUNT = "10 per 10 minutes"
    ACCESS_REQUEST_RATE_LIMIT_PER_ADDRESS = os.environ.get(
        "ACCESS_REQUEST_RATE_LIMIT_PER_ADDRESS", "20 per hour"
    )
    ACCESS_REQUEST_RATE_LIMIT_PER_EMAIL = os.environ.get(
        "ACCESS_REQUEST_RATE_LIMIT_PER_EMAIL", "3 per hour"
    )
    INVITATION_RATE_LIMIT = os.environ.get("INVITATION_RATE_LIMIT", "30 per hour")
    # "Mail deze link naar mij" on a saved question list: per client address and per list.
    QUESTIONLIST_MAIL_RATE_LIMIT = os.environ.get("QUESTIONLIST_MAIL_RATE_LIMIT", "5 per hour")
    CONCERN_RATE_LIMIT = os.environ.get("CONCERN_RATE_LIMIT", "5 per hour")

    # The e-mail outbox (``flask mail send``).
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USE_TLS = _flag("MAIL_USE_TLS", "1")
    MAIL_USE_SSL = _flag("MAIL_USE_SSL", "0")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_DEFAULT_SENDER = SECURITY_EMAIL_SENDER

    # Links in e-mail sent from cron (reminders), where there is no request to take the
    # host from, e.g. https://register.example.nl.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "")

    # Proxies in front of the app whose X-Forwarded-* headers are believed (ProxyFix).
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

    # Demo accounts (``flask seed demo``) are refused in production.
    ALLOW_DEMO_ACCOUNTS = True

    # HTTP caching and compression (register/httpcache).
    PAGE_CACHE_SIZE = int(os.environ.get("PAGE_CACHE_SIZE", "500"))
    STATIC_CACHE_SECONDS = int(os.environ.get("STATIC_CACHE_SECONDS", "300"))
    DATA_VERSION_MAX_AGE = float(os.environ.get("DATA_VERSION_MAX_AGE", "0.5"))
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_ALGORITHM_STREAMING = ["br", "gzip"]
    # Text only: PDFs, PNGs and zip files are compressed already.
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "text/csv",
        "text/plain",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/ld+json",
        "image/svg+xml",
    ]


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    REQUIRE_OWN_SECRET_KEY = True
    ALLOW_DEMO_ACCOUNTS = False


def for_environment() -> type[Config]:
    return ProductionConfig if os.environ.get("APP_ENV") == "production" else Config


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test"
    SEARCH_SYNC_INTERVAL = 0.0
    SEARCH_SYNC_IN_BACKGROUND = False
    CHANGES_SETTLE_SECONDS = 0.0
    # Limits high enough for any test; tests/accounts/test_rate_limits.py lowers them.
    AUTH_RATE_LIMIT_PER_ADDRESS = "10000 per minute"
    AUTH_RATE_LIMIT_PER_ACCOUNT = "10000 per minute"
    ACCESS_REQUEST_RATE_LIMIT_PER_ADDRESS = "10000 per minute"
    ACCESS_REQUEST_RATE_LIMIT_PER_EMAIL = "10000 per minute"
    INVITATION_RATE_LIMIT = "10000 per minute"
    QUESTIONLIST_MAIL_RATE_LIMIT = "10000 per minute"
    CONCERN_RATE_LIMIT = "10000 per minute"
    # Tests see every page rendered; tests/httpcache turns the page cache on.
    PAGE_CACHE_SIZE = 0
    DATA_VERSION_MAX_AGE = 0.0
    # Hashing with argon2's production cost makes every log-in in the suite slow.
    SECURITY_PASSWORD_HASH_PASSLIB_OPTIONS = {"argon2__rounds": 1, "argon2__memory_cost": 1024}


def check_secret_key(config: dict) -> None:
    """Anyone who knows the development keys can forge sessions, CSRF tokens, reset links
    and read two-factor secrets."""
    if not config.get("REQUIRE_OWN_SECRET_KEY"):
        return
    for name, development_value in (
        ("SECRET_KEY", DEVELOPMENT_SECRET_KEY),
        ("SECURITY_PASSWORD_SALT", DEVELOPMENT_PASSWORD_SALT),
    ):
        if config.get(name) in ("", None, development_value):
            raise RuntimeError(f"Set {name} to a long random value (APP_ENV=production).")
    if DEVELOPMENT_TOTP_SECRET in config["SECURITY_TOTP_SECRETS"].values():
        raise RuntimeError("Set TOTP_SECRET to a long random value (APP_ENV=production).")


SQLITE_BUSY_SECONDS = 20


def fill_instance_defaults(config: dict, instance_path: str) -> None:
    """Point the database and index into ``instance/`` unless configured otherwise, give a
    PostgreSQL connection its connect timeout, and let a SQLite writer wait up to
    ``SQLITE_BUSY_SECONDS`` for another's transaction (every save takes the write lock
    first: twenty people saving at once on a busy 2-core box outlast sqlite3's 5 s)."""
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
            instance_path, "register.sqlite3"
        )
    if not config.get("SEARCH_INDEX_DIR"):
        config["SEARCH_INDEX_DIR"] = os.path.join(instance_path, "search-index")
    uri = config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgresql"):
        connect_args = {"connect_timeout": config["DATABASE_CONNECT_TIMEOUT"]}
    elif uri.startswith("sqlite"):
        connect_args = {"timeout": SQLITE_BUSY_SECONDS}
    else:
        return
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    options["connect_args"] = {**connect_args, **options.get("connect_args", {})}
    config["SQLALCHEMY_ENGINE_OPTIONS"] = options
