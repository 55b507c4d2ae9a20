"""Engine options per database: a sized, checked connection pool for PostgreSQL, SQLite as it is.

Each process (gunicorn worker, RQ worker) has its own pool; with W workers of T threads a
PostgreSQL server sees up to W × (KOHTAAMO_DB_POOL_SIZE + KOHTAAMO_DB_MAX_OVERFLOW) connections.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.engine import make_url

from .config import config_int

# (setting, create_engine option, smallest value); the defaults are in config.Config.
POOL_SETTINGS = (
    ("DB_POOL_SIZE", "pool_size", 1),
    ("DB_MAX_OVERFLOW", "max_overflow", 0),
    ("DB_POOL_RECYCLE", "pool_recycle", 1),
    ("DB_POOL_TIMEOUT", "pool_timeout", 1),
)


def engine_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """Return SQLALCHEMY_ENGINE_OPTIONS for the configured database; options set there win."""
    configured = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    url = config.get("SQLALCHEMY_DATABASE_URI")
    if not url or make_url(str(url)).get_backend_name() != "postgresql":
        return (
            configured  # SQLite: Flask-SQLAlchemy picks its pool (in-memory: one shared connection)
        )
    options: dict[str, Any] = {"pool_pre_ping": True}  # a connection the server dropped is replaced
    for name, option, minimum in POOL_SETTINGS:
        value = config_int(config, name, minimum)
        if value is not None:
            options[option] = value
    return {**options, **configured}
