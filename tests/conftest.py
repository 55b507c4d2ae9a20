"""Shared fixtures: one migrated database per test session, emptied after every test.

Tests run on an in-memory SQLite database by default (TestConfig: one connection, which every
thread of the app shares, so tests of real concurrency make a database file of their own, as
tests/db/test_concurrency.py does); set KOHTAAMO_TEST_DATABASE_URL (as `make test` does when
PostgreSQL answers) to run the same tests on PostgreSQL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from hypothesis import HealthCheck, settings
from sqlalchemy import text

from qa_app import create_app
from qa_app.config import TestConfig
from qa_app.extensions import db as _db

TEST_PASSWORD = "correct-horse-42"

# Fuzzing (issue 16): properties that set no max_examples take it from the profile. `ci`, the
# default, is small and derandomized so the suite stays quick and repeatable; KOHTAAMO_FUZZ=long
# runs many random examples.
settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("long" if os.environ.get("KOHTAAMO_FUZZ") == "long" else "ci")


class IsolatedClient(FlaskClient):
    """Run each request in its own app context, as a real server would.

    Tests hold an app context for their database work; without this, requests would share the
    test's `g` (cached locale, logged-in user) and its database session.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


DATABASE_FIXTURES = frozenset({"app", "db", "client", "runner"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the PostgreSQL pass (KOHTAAMO_PG_PASS=1 with a PostgreSQL test URL), keep only the tests
    that touch the database: through these fixtures (directly or not), in a module that builds apps
    of its own (create_app), and the browser tests, which serve on a scratch database. The pure
    ones already ran on SQLite."""
    url = os.environ.get("KOHTAAMO_TEST_DATABASE_URL", "")
    if os.environ.get("KOHTAAMO_PG_PASS") != "1" or not url.startswith("postgresql"):
        return
    own_apps: dict[str, bool] = {}
    kept, dropped = [], []
    for item in items:
        path = str(item.path)
        if path not in own_apps:
            own_apps[path] = "create_app(" in item.path.read_text(encoding="utf-8")
        touches = (DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())) or own_apps[path]
                   or item.get_closest_marker("e2e"))
        (kept if touches else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _reset_database() -> None:
    """Drop everything, including Alembic's version table, so migrations start from empty."""
    _db.drop_all()
    with _db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(scope="session")
def app() -> Iterator[Flask]:
    from flask_migrate import upgrade

    application = create_app(TestConfig)
    application.test_client_class = IsolatedClient
    with application.app_context():
        _reset_database()
        upgrade()
    yield application
    with application.app_context():
        _reset_database()


@pytest.fixture()
def db(app: Flask) -> Iterator:
    """Give the test an app context and empty every table afterwards."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        from qa_app.models.audit import append_only_lifted

        with _db.engine.begin() as connection, append_only_lifted(connection):  # the audit log refuses DELETE
            for table in reversed(_db.metadata.sorted_tables):
                connection.execute(table.delete())
        _db.session.remove()


@pytest.fixture()
def client(app: Flask, db) -> FlaskClient:
    return app.test_client()


class KohtaamoCliRunner(FlaskCliRunner):
    """Invoke the `kohtaamo` group (not Flask's bare app.cli) against the test app."""

    def invoke(self, cli=None, args=None, **kwargs):
        from qa_app.cli import cli as kohtaamo_cli

        return super().invoke(cli or kohtaamo_cli, args, **kwargs)


@pytest.fixture()
def runner(app: Flask, db) -> KohtaamoCliRunner:
    return KohtaamoCliRunner(app)


@pytest.fixture()
def make_user(db):
    """Create a user with the test password: make_user("learner", team="A")."""
    from qa_app.services.users import create_user

    counter = {"n": 0}

    def factory(role: str = "learner", team: str | None = "Tiimi A", email: str | None = None, **kwargs):
        counter["n"] += 1
        address = email or f"{role}{counter['n']}@example.com"
        user, _ = create_user(address, f"{role.title()} {counter['n']}", role, TEST_PASSWORD, team, **kwargs)
        db.session.commit()
        return user

    return factory


@pytest.fixture()
def login(client: FlaskClient):
    """Log a user in through the real form: login(user)."""

    def do_login(user, password: str = TEST_PASSWORD):
        response = client.post("/auth/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response

    return do_login


@pytest.fixture()
def published(db):
    """The starter library (scenarios/ and rubrics/) as published versions, as `make run` leaves it."""
    from qa_app.services import content_versions

    content_versions.import_starter(Path(__file__).resolve().parents[1])
    _db.session.commit()
