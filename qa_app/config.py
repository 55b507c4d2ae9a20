"""Configuration objects. Environment variables (prefix KOHTAAMO_) are read here and only here.

Values that can be mistyped (numbers, switches, URLs) are kept as given and checked by
`check_config` when the app is built, so a wrong one stops start-up with one line naming the
variable, what was expected and what was found, instead of a traceback at import.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_TRUE_WORDS = ("1", "true", "yes", "on")
_FALSE_WORDS = ("0", "false", "no", "off")


class ConfigError(ValueError):
    """A setting has a value the app cannot use; the message names the variable and says what to fix."""


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"KOHTAAMO_{name}")
    return value if value not in (None, "") else default


def _env_bool(name: str, default: bool) -> bool:
    value = _env(name)
    return default if value is None else value.lower() in _TRUE_WORDS


class Config:
    """Production-like defaults; every value can be overridden by a KOHTAAMO_ variable."""

    SECRET_KEY = _env("SECRET_KEY")  # None → a per-instance key file is created (see create_app)
    # None → SQLite file under the instance folder (resolved in create_app, which knows the path).
    SQLALCHEMY_DATABASE_URI = _env("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # PostgreSQL's connection pool, per process (see qa_app/db_settings.py); SQLite ignores them.
    DB_POOL_SIZE = _env("DB_POOL_SIZE", "5")  # connections kept open
    DB_MAX_OVERFLOW = _env("DB_MAX_OVERFLOW", "10")  # more, opened under load and closed after
    DB_POOL_RECYCLE = _env("DB_POOL_RECYCLE", "1800")  # seconds before a connection is renewed
    DB_POOL_TIMEOUT = _env("DB_POOL_TIMEOUT", "30")  # seconds to wait for a free connection
    CONTENT_DIR = _env("CONTENT_DIR", str(PROJECT_ROOT))
    LANGUAGETOOL_URL = _env("LANGUAGETOOL_URL")
    REDIS_URL = _env("REDIS_URL", "redis://127.0.0.1:6379/0")
    # Where background jobs (imports, AutoQA) run: "redis" (RQ workers), "inline" (the calling
    # process) or "auto" (RQ when Redis answers and a worker listens on the queue, else inline).
    JOBS = _env("JOBS", "auto")
    JOBS_QUEUE = _env("JOBS_QUEUE", "kohtaamo")
    JOBS_CHUNK_SIZE = int(_env("JOBS_CHUNK_SIZE", "50"))  # conversations per AutoQA chunk
    JOBS_RETRY_INTERVALS = (10, 60, 300)  # seconds before each retry of a failed chunk (RQ Retry)
    # Inline jobs started from a web request run in a thread of the web process, so the request
    # returns at once and the progress page works; off in tests that want them synchronous.
    JOBS_INLINE_THREAD = _env_bool("JOBS_INLINE_THREAD", True)

    LANGUAGES = ("fi", "en")
    BABEL_DEFAULT_LOCALE = "fi"
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SECURE_COOKIES = _env("SECURE_COOKIES")  # as given, for check_config
    SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # a learner may take long over a reply; the token lives with the session
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    # Conversation files uploaded on /review/import may be larger than any other request.
    IMPORT_MAX_BYTES = int(_env("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))

    # Rate limits (qa_app/throttle.py; syntax "10 per 15 minutes", several joined with ";").
    # Where they are counted: redis (KOHTAAMO_REDIS_URL), memory (per process: under gunicorn
    # each worker counts alone) or auto (Redis when it answers at start-up, else memory).
    RATELIMIT_STORAGE = _env("RATELIMIT_STORAGE", "auto")
    LOGIN_ACCOUNT_LIMIT = _env("LOGIN_ACCOUNT_LIMIT", "10 per 15 minutes")  # failed logins per e-mail
    LOGIN_ADDRESS_LIMIT = _env("LOGIN_ADDRESS_LIMIT", "50 per 15 minutes")  # failed logins per address
    RATELIMIT_API = _env("API_RATE_LIMIT", "120 per minute; 3000 per hour")  # per token, whole API
    RATELIMIT_API_GRADE = _env("API_GRADE_RATE_LIMIT", "30 per minute; 600 per hour")  # per token, /grade

    # Serving (`kohtaamo serve`, see docs/production.md). Numbers are kept as strings until checked.
    BIND = _env("BIND", "127.0.0.1:5000")
    WORKERS = _env("WORKERS")  # None → 2 × cores + 1, at most 8
    THREADS = _env("THREADS", "4")
    TIMEOUT = _env("TIMEOUT", "120")  # seconds a request may take before its worker is restarted
    GRACEFUL_TIMEOUT = _env("GRACEFUL_TIMEOUT", "30")  # seconds to finish requests on restart/stop
    # Reverse proxies in front of the app that set X-Forwarded-For/-Proto/-Host (0: none, trust no header).
    PROXY_HOPS = _env("PROXY_HOPS", "0")
    LOG_FORMAT = _env("LOG_FORMAT")  # json or text; None → text, but json under `kohtaamo serve`
    LOG_LEVEL = _env("LOG_LEVEL")  # None → INFO under `kohtaamo serve`, WARNING in other commands
    # Conversations older than this many days are anonymised by `kohtaamo retention`, which every
    # worker also runs once a day (services/retention.py). None: kept until erased by hand.
    RETENTION_DAYS = _env("RETENTION_DAYS")


class TestConfig(Config):
    """Settings for the test suite: throwaway database, jobs inline."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = _env("TEST_DATABASE_URL", "sqlite://")
    JOBS = "inline"
    JOBS_INLINE_THREAD = False
    JOBS_RETRY_INTERVALS = (0, 0, 0)
    WTF_CSRF_ENABLED = False  # CSRF is switched back on in the tests that check it
    # The suite logs in hundreds of times in one process: limits high enough never to trigger;
    # tests/web/test_rate_limits.py lowers them to prove each one does.
    RATELIMIT_STORAGE = "memory"
    LOGIN_ACCOUNT_LIMIT = "10000 per 15 minutes"
    LOGIN_ADDRESS_LIMIT = "10000 per 15 minutes"
    RATELIMIT_API = "10000 per minute"
    RATELIMIT_API_GRADE = "10000 per minute"


def check_config(config: Mapping[str, Any]) -> None:
    """Raise ConfigError naming the first setting whose value cannot be used (no network access)."""
    from .logs import LOG_FORMATS

    _check_database_url(config.get("SQLALCHEMY_DATABASE_URI"))
    _check_redis_url(config.get("REDIS_URL"))
    _check_choice("JOBS", config.get("JOBS"), ("auto", "redis", "inline"))
    _check_choice("LOG_FORMAT", config.get("LOG_FORMAT"), LOG_FORMATS)
    _check_choice("LOG_LEVEL", str(config.get("LOG_LEVEL") or "INFO").upper(), ("DEBUG", "INFO", "WARNING", "ERROR"))
    _check_choice("RATELIMIT_STORAGE", config.get("RATELIMIT_STORAGE"), ("auto", "redis", "memory"))
    for name, env_name in (("LOGIN_ACCOUNT_LIMIT", "LOGIN_ACCOUNT_LIMIT"), ("LOGIN_ADDRESS_LIMIT", "LOGIN_ADDRESS_LIMIT"),
                           ("RATELIMIT_API", "API_RATE_LIMIT"), ("RATELIMIT_API_GRADE", "API_GRADE_RATE_LIMIT")):
        _check_rate_limit(env_name, config.get(name))
    secure = config.get("SECURE_COOKIES")
    if secure is not None and str(secure).lower() not in _TRUE_WORDS + _FALSE_WORDS:
        raise ConfigError(f"KOHTAAMO_SECURE_COOKIES must be 1 or 0 (true/false, yes/no, on/off), got {secure!r}")
    for name, minimum in (("WORKERS", 1), ("THREADS", 1), ("TIMEOUT", 1), ("GRACEFUL_TIMEOUT", 1), ("PROXY_HOPS", 0),
                          ("RETENTION_DAYS", 1)):
        config_int(config, name, minimum)


def weak_secret_key(config: Mapping[str, Any]) -> bool:
    """Is a secret key set that is too short to sign sessions safely (fewer than 16 characters)?"""
    key = config.get("SECRET_KEY")
    return key is not None and len(str(key)) < 16 and not config.get("TESTING")


def config_int(config: Mapping[str, Any], name: str, minimum: int) -> int | None:
    """Return setting `name` as an int (None when unset); ConfigError when it is not a number >= minimum."""
    value = config.get(name)
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"KOHTAAMO_{name} must be a whole number (got {value!r})") from None
    if number < minimum:
        raise ConfigError(f"KOHTAAMO_{name} must be at least {minimum} (got {number})")
    return number


def _check_choice(name: str, value: Any, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise ConfigError(f"KOHTAAMO_{name} must be one of {', '.join(choices)} (got {value!r})")


def _check_database_url(url: Any) -> None:
    """A URL SQLAlchemy can parse, with a driver that is installed, and for SQLite an existing folder."""
    if not url:
        return
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        parsed = make_url(str(url))
        parsed.get_dialect()
    except NoSuchModuleError:  # a subclass of ArgumentError: caught first
        raise ConfigError(f"KOHTAAMO_DATABASE_URL names a database driver that is not installed "
                          f"({make_url(str(url)).drivername}); use postgresql+psycopg:// or sqlite://") from None
    except (ArgumentError, ValueError):
        raise ConfigError("KOHTAAMO_DATABASE_URL is not a database URL; expected e.g. "
                          "postgresql+psycopg://user@host:5432/kohtaamo or sqlite:////path/kohtaamo.db") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:" \
            and not parsed.database.startswith("file:"):
        folder = Path(parsed.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise ConfigError(f"KOHTAAMO_DATABASE_URL points at a SQLite file in a folder that does not "
                              f"exist ({folder}); create the folder or fix the path")


def _check_redis_url(url: Any) -> None:
    if url is None:
        return
    from urllib.parse import urlsplit

    parts = urlsplit(str(url))
    if parts.scheme not in ("redis", "rediss", "unix"):
        raise ConfigError(f"KOHTAAMO_REDIS_URL must start with redis://, rediss:// or unix:// (got {str(url)[:40]!r})")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ConfigError(f"KOHTAAMO_REDIS_URL has a port that is not a number ({parts.netloc!r})") from None


def _check_rate_limit(name: str, value: Any) -> None:
    """A limit string the `limits` library parses, e.g. "10 per 15 minutes" or "30/minute; 600/hour"."""
    if value is None:
        return
    from limits import parse_many

    try:
        parse_many(str(value))
    except ValueError:
        raise ConfigError(f"KOHTAAMO_{name} must be a rate limit such as '10 per 15 minutes' "
                          f"(several joined with ';'), got {str(value)[:60]!r}") from None
