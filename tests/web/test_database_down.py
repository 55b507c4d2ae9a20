"""The database goes away and comes back: a translated 503 page meanwhile, and recovery by itself.

The app runs on a PostgreSQL server of this test's own (tests/web/own_services.py), stopped and
started inside the test; the machine's server is never touched. About 5 s; skipped with the
reason where initdb is missing, and on the PostgreSQL pass (it needs no database of the pass).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask_migrate import upgrade

from qa_app import create_app
from qa_app.config import TestConfig
from qa_app.extensions import db as _db
from qa_app.services import content_versions
from qa_app.services.users import create_user
from tests.web.own_services import own_postgres

pytestmark = pytest.mark.skipif(os.environ.get("KOHTAAMO_PG_PASS") == "1",
                                reason="uses a PostgreSQL server of its own; ran in the SQLite pass")

FI_TITLE = "Kohtaamo ei ole hetkeen käytettävissä"


def test_a_stopped_database_gets_a_translated_503_and_the_app_recovers_when_it_returns():
    with own_postgres() as server:
        config = type("OwnPostgres", (TestConfig,), {
            "SQLALCHEMY_DATABASE_URI": server.url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "connect_args": {"connect_timeout": 3}},
            "PROPAGATE_EXCEPTIONS": False,
        })
        app = create_app(config)
        app.testing = False  # serve errors as production does
        with app.app_context():
            upgrade()
            content_versions.import_starter(Path(__file__).resolve().parents[2])
            create_user("alas@example.com", "Alas Käyttäjä", "learner", "down-pass-1234", "Tiimi A")
            _db.session.commit()
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fi"
        assert client.post("/auth/login", data={"email": "alas@example.com", "password": "down-pass-1234"}).status_code == 302
        assert client.get("/").status_code == 200  # a pooled connection now exists

        server.stop("fast")  # fault: the database server goes away under a running app

        page = client.get("/")
        assert page.status_code == 503, page.status_code
        text = page.get_data(as_text=True)
        assert FI_TITLE in text and "Traceback" not in text and "psycopg" not in text
        assert page.headers["Retry-After"] == "10"
        posted = client.post("/practice/start/jonotusmaksu", data={})  # a form sent meanwhile
        assert posted.status_code in (400, 503)  # 400: the CSRF check, which needs no database, ran first
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "database" in ready.get_json()["failed"]
        api = client.post("/api/v1/grade", json={"text": "Hei"}, headers={"Authorization": "Bearer kohtaamo-token"})
        assert api.status_code == 503 and api.get_json()["error"] == "database_unavailable"

        server.start()  # the database returns; the pool's dead connections are replaced on checkout

        page = client.get("/")
        assert page.status_code == 200, page.get_data(as_text=True)[:300]
        assert "Alas Käyttäjä" in page.get_data(as_text=True)  # still logged in: nothing was lost
        assert client.get("/readyz").get_json()["checks"]["database"]["ok"] is True  # (grading is not loaded here)

        server.stop("fast")  # fault: a restart between two requests leaves the pooled connection dead
        server.start()
        # The dead connection is found on checkout (pre-ping; the content check, which runs first and
        # swallows its error, would invalidate the pool too): the request itself succeeds.
        assert client.get("/").status_code == 200
        with app.app_context():
            _db.engine.dispose()
