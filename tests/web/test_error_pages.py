"""The error page is drawn even when the request's own transaction failed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from flask_migrate import upgrade

from qa_app import create_app
from qa_app.config import TestConfig
from qa_app.extensions import db as _db
from qa_app.services import content_versions
from qa_app.services.users import create_user


def test_a_write_refused_by_a_locked_database_gets_the_error_page(tmp_path: Path):
    """Another writer holds SQLite's write lock: starting a practice fails on its flush.

    The failed flush leaves the session refusing every query until rolled back; the error
    page's header still needs the logged-in user, so without the rollback the page itself
    failed and the browser got the server's bare 500.
    """
    path = tmp_path / "locked.db"
    config = type(
        "LockedDatabase",
        (TestConfig,),
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"timeout": 0.2}},
            "PROPAGATE_EXCEPTIONS": False,
        },
    )
    application = create_app(config)
    application.testing = False  # serve errors as production does
    with application.app_context():
        upgrade()
        content_versions.import_starter(Path(__file__).resolve().parents[2])
        create_user("locked@example.com", "Lukittu Käyttäjä", "learner", "quiet-harbour-123", "Tiimi A")
        _db.session.commit()
    client = application.test_client()
    login = client.post("/auth/login", data={"email": "locked@example.com", "password": "quiet-harbour-123"})
    assert login.status_code == 302

    other = sqlite3.connect(path, timeout=0.2)
    other.execute("BEGIN IMMEDIATE")  # the write lock, as another worker's import holds it; reads go on
    try:
        response = client.post("/practice/start/jonotusmaksu")
    finally:
        other.rollback()
        other.close()
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Lukittu Käyttäjä" in page  # the real error page, header with the user, not the bare 500
    with application.app_context():
        _db.engine.dispose()
