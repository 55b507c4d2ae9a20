"""Engine options: PostgreSQL gets a sized, pre-pinged pool from KOHTAAMO_DB_* settings; SQLite is left alone."""

from __future__ import annotations

import pytest

from qa_app import create_app
from qa_app.config import ConfigError, TestConfig
from qa_app.db_settings import engine_options

PG = "postgresql+psycopg://kohtaamo@db.example.com:5432/kohtaamo"


def test_postgresql_gets_the_pool_settings():
    """The defaults become pool_size, max_overflow, pool_recycle and pool_timeout, with pre-ping."""
    config = {
        "SQLALCHEMY_DATABASE_URI": PG,
        "DB_POOL_SIZE": "7",
        "DB_MAX_OVERFLOW": "3",
        "DB_POOL_RECYCLE": "600",
        "DB_POOL_TIMEOUT": "9",
    }
    assert engine_options(config) == {
        "pool_pre_ping": True,
        "pool_size": 7,
        "max_overflow": 3,
        "pool_recycle": 600,
        "pool_timeout": 9,
    }


def test_options_given_in_the_config_win():
    config = {
        "SQLALCHEMY_DATABASE_URI": PG,
        "DB_POOL_SIZE": "7",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 2},
    }
    assert engine_options(config)["pool_size"] == 2


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:////tmp/kohtaamo.db", None])
def test_sqlite_is_left_as_configured(url):
    """No pool sizes for SQLite: the in-memory test database must stay one shared connection."""
    config = {
        "SQLALCHEMY_DATABASE_URI": url,
        "DB_POOL_SIZE": "7",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    }
    assert engine_options(config) == {"pool_pre_ping": True}


def test_a_wrong_pool_size_names_the_variable():
    with pytest.raises(ConfigError, match="KOHTAAMO_DB_POOL_SIZE must be a whole number"):
        engine_options({"SQLALCHEMY_DATABASE_URI": PG, "DB_POOL_SIZE": "many"})


def test_the_app_builds_its_postgresql_engine_with_the_pool():
    """create_app passes the options on: the engine's pool has the configured size (no connection made)."""
    app = create_app(
        type("PoolConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": PG, "DB_POOL_SIZE": "4"})
    )
    from qa_app.extensions import db

    with app.app_context():
        assert db.engine.pool.size() == 4
        assert db.engine.pool._pre_ping
