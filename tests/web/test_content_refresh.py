"""The library the app grades with follows the published versions in every process sharing the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade

from qa_app import create_app
from qa_app.config import TestConfig
from qa_app.content import default_content_dirs
from qa_app.extensions import db as _db
from qa_app.services import content_store, content_versions

STARTER = default_content_dirs()


@pytest.fixture()
def two_apps(tmp_path: Path) -> Iterator[tuple[Flask, Flask]]:
    """Two app instances (two worker processes) on one migrated database file."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first, second = create_app(_config_for(url)), create_app(_config_for(url))
    with first.app_context():
        upgrade()
    yield first, second
    for application in (first, second):
        with application.app_context():
            _db.engine.dispose()


def _config_for(url: str) -> type:
    return type("SharedDatabaseConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url})


def _version_two(tmp_path: Path) -> Path:
    """Write jonotusmaksu as version 2 with a longer time target."""
    text = (STARTER.scenarios[0] / "jonotusmaksu.yaml").read_text(encoding="utf-8")
    text = text.replace("\nversion: 1\n", "\nversion: 2\n", 1).replace(
        "\ntime_target_s: 60\n", "\ntime_target_s: 95\n", 1
    )
    path = tmp_path / "jonotusmaksu.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _in_new_context(application: Flask):
    with application.test_request_context("/"):
        return content_store.library()


def test_empty_database_serves_the_files(two_apps):
    """With nothing published, both instances grade with the content files."""
    first, second = two_apps
    assert _in_new_context(second).scenario("jonotusmaksu").version == 1
    assert _in_new_context(first).scenario("jonotusmaksu").time_target_s == 60


def test_publishing_in_one_instance_refreshes_the_other(two_apps, tmp_path):
    """A version published through one instance is what the other grades with from its next request."""
    first, second = two_apps
    before = _in_new_context(second)
    assert before.scenario("jonotusmaksu").version == 1
    with first.app_context():
        content_versions.import_paths([*STARTER.rubrics, _version_two(tmp_path)])
        _db.session.commit()
    after = _in_new_context(second)
    assert after.scenario("jonotusmaksu").version == 2
    assert after.scenario("jonotusmaksu").time_target_s == 95
    # Content the database has never had still comes from the files.
    assert after.scenario("sarcastic-refund").version == before.scenario("sarcastic-refund").version
    assert _in_new_context(second) is after  # nothing new published: no rebuild
    with first.test_request_context("/"):
        assert content_store.library().scenario("jonotusmaksu").version == 2


def test_refresh_library_sees_what_this_context_published(two_apps, tmp_path):
    """After publishing in a context that already read the library, refresh_library shows the new version."""
    first, _ = two_apps
    with first.test_request_context("/"):
        assert content_store.library().scenario("jonotusmaksu").version == 1
        content_versions.import_paths([*STARTER.rubrics, _version_two(tmp_path)])
        _db.session.commit()
        assert content_store.library().scenario("jonotusmaksu").version == 1  # checked once per context
        assert content_store.refresh_library().scenario("jonotusmaksu").version == 2


def test_unmigrated_database_serves_the_files(tmp_path):
    """An app whose database has no tables yet still starts and serves the content files."""
    fresh = create_app(_config_for(f"sqlite:///{tmp_path / 'empty.db'}"))
    assert _in_new_context(fresh).scenario("jonotusmaksu").version == 1
    assert fresh.test_client().get("/auth/login").status_code == 200



def test_a_draft_published_in_one_instance_is_graded_with_in_the_other(two_apps):
    """A trainer's draft is invisible to other workers until it is published, then they use it."""
    from qa_app.models import ContentVersion, User
    from qa_app.services.authoring import drafts

    first, second = two_apps
    with first.app_context():
        content_versions.import_starter(Path(first.config["CONTENT_DIR"]))
        trainer = User(email="t@example.com", name="T", role="trainer", password_hash="x")
        _db.session.add(trainer)
        draft = drafts.start_draft("scenario", "jonotusmaksu", trainer)
        drafts.save_draft(draft, {**drafts.data(draft), "time_target_s": 120})
        _db.session.commit()
        draft_id = draft.id
    assert _in_new_context(second).scenario("jonotusmaksu").time_target_s == 60
    with first.app_context():
        publisher = _db.session.scalars(_db.select(User)).one()
        drafts.publish_draft(_db.session.get(ContentVersion, draft_id), publisher, "More time")
        _db.session.commit()
    served = _in_new_context(second).scenario("jonotusmaksu")
    assert (served.version, served.time_target_s) == (2, 120)


def test_a_request_never_holds_two_connections_for_the_content_check(tmp_path):
    """With a pool of one connection, a logged-in page still reads the published versions.

    The check runs on a connection of its own; were it made after the request's session took
    the pool's only connection (loading the user does), it would wait out the pool timeout and
    fall back to the files with a warning. With as many concurrent requests as the pool has
    connections, that is how a server stalled.
    """
    url = f"sqlite:///{tmp_path / 'one.db'}"
    options = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 1}
    config = type("OneConnection", (_config_for(url),), {"SQLALCHEMY_ENGINE_OPTIONS": options})
    application = create_app(config)
    from qa_app.services.users import create_user

    with application.app_context():
        upgrade()
        create_user("pool@example.com", "Pool User", "learner", password="shared-harbour-123")
        _db.session.commit()
    client = application.test_client()
    response = client.post(
        "/auth/login", data={"email": "pool@example.com", "password": "shared-harbour-123"}
    )
    assert response.status_code == 302
    assert client.get("/practice/").status_code == 200
    # a check that timed out leaves no generation: the app fell back to the content files
    assert application.extensions[content_store._EXTENSION_KEY].generation is not None
    with application.app_context():
        _db.engine.dispose()
