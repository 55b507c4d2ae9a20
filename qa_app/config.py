"""Configuration objects. Environment variables (prefix KOHTAAMO_) are read here and only here."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"KOHTAAMO_{name}")
    return value if value not in (None, "") else default


def _env_bool(name: str, default: bool) -> bool:
    value = _env(name)
    return default if value is None else value.lower() in ("1", "true", "yes", "on")


class Config:
    """Production-like defaults; every value can be overridden by a KOHTAAMO_ variable."""

    SECRET_KEY = _env("SECRET_KEY")  # None → a per-instance key file is created (see create_app)
    # None → SQLite file under the instance folder (resolved in create_app, which knows the path).
    SQLALCHEMY_DATABASE_URI = _env("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
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
    SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # a learner may take long over a reply; the token lives with the session
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    # Conversation files uploaded on /review/import may be larger than any other request.
    IMPORT_MAX_BYTES = int(_env("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))


class TestConfig(Config):
    """Settings for the test suite: throwaway database, jobs inline."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = _env("TEST_DATABASE_URL", "sqlite://")
    JOBS = "inline"
    JOBS_INLINE_THREAD = False
    JOBS_RETRY_INTERVALS = (0, 0, 0)
    WTF_CSRF_ENABLED = False  # CSRF is switched back on in the tests that check it
