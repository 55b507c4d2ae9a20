"""A learner's reply is not lost to a server restart or to a failing grammar library.

The restart is two app instances on one database file: the page is loaded from the first, the
reply is posted to the second, with CSRF on, as after a deploy or a worker recycled by gunicorn.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from qa_app import create_app
from qa_app.config import TestConfig
from qa_app.extensions import db as _db
from qa_app.models import Attempt
from qa_app.services import content_versions
from qa_app.services.users import create_user
from tests.db.test_concurrency import migrated_file  # noqa: F401 (a fixture)

pytestmark = pytest.mark.skipif(os.environ.get("KOHTAAMO_PG_PASS") == "1",
                                reason="two apps on a database file of their own; ran in the SQLite pass")
REPLY = "Hei! Pahoittelen odotusta. Tarkistan tilanteen heti ja palaan asiaan tänään kello 15 mennessä."


def field(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page) or re.search(
        rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no {name} in the page"
    return match.group(1)


def make_app(path: Path, secret: str):
    config = type("Restarted", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": secret,
                                               "WTF_CSRF_ENABLED": True})
    return create_app(config)


@pytest.fixture()
def loaded_page(tmp_path, migrated_file):  # noqa: F811
    """The first instance: a learner logged in, an attempt started, its reply form loaded."""
    path = tmp_path / "restart.db"
    shutil.copyfile(migrated_file, path)
    first = make_app(path, "same-secret-key")
    with first.app_context():
        content_versions.import_starter(Path(__file__).resolve().parents[2])
        create_user("palaa@example.com", "Palaava Oppija", "learner", "restart-pass-123", "Tiimi A")
        _db.session.commit()
    client = first.test_client()
    token = field(client.get("/auth/login").get_data(as_text=True), "csrf_token")
    assert client.post("/auth/login", data={"email": "palaa@example.com", "password": "restart-pass-123",
                                            "csrf_token": token}).status_code == 302
    token = field(client.get("/practice/").get_data(as_text=True), "csrf_token")
    started = client.post("/practice/start/jonotusmaksu", data={"csrf_token": token})
    assert started.status_code == 303
    url = started.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    form = {"reply": REPLY, "csrf_token": field(page, "csrf_token"),
            "submission_key": field(page, "submission_key"), "answers_reply": field(page, "answers_reply")}
    yield path, client.get_cookie("session").value, url, form
    with first.app_context():
        _db.engine.dispose()


def post_to_new_instance(path: Path, secret: str, cookie: str, url: str, form: dict):
    second = make_app(path, secret)  # the restart: a new process, nothing kept in memory
    client = second.test_client()
    client.set_cookie("session", cookie)
    response = client.post(url, data=form)
    with second.app_context():
        turns = len(_db.session.get(Attempt, int(url.rstrip("/").split("/")[-1])).turns)
    return response, turns, client


def test_a_reply_loaded_before_a_restart_is_accepted_after_it(loaded_page):
    path, cookie, url, form = loaded_page
    response, turns, _client = post_to_new_instance(path, "same-secret-key", cookie, url, form)
    assert response.status_code == 303, response.get_data(as_text=True)[:400]
    assert turns == 1


def test_a_restart_with_another_secret_key_keeps_the_reply_for_after_the_log_in(loaded_page):
    """The control: a new secret key invalidates the session and the token, and the reply is still kept."""
    path, cookie, url, form = loaded_page
    response, turns, client = post_to_new_instance(path, "another-secret-key", cookie, url, form)
    assert turns == 0
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    login = client.get(response.headers["Location"])
    token = field(login.get_data(as_text=True), "csrf_token")
    logged_in = client.post(response.headers["Location"], data={
        "email": "palaa@example.com", "password": "restart-pass-123", "csrf_token": token})
    assert logged_in.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert REPLY in page  # the reply waits in the form, to be checked and sent


class _BrokenVoikko:
    """Stands in for libvoikko's Voikko object: every call fails as the C library does without its dictionary."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise OSError("libvoikko.so.1: cannot open shared object file")
        return fail


def test_a_failing_voikko_keeps_the_finnish_reply_with_a_notice_and_it_sends_once_voikko_works(
        client, make_user, login, monkeypatch):
    from qa_app.grading import resources

    login(make_user("learner", team="Tiimi A", locale="fi"))
    started = client.post("/practice/start/jonotusmaksu")
    assert started.status_code == 303
    url = started.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    form = {"reply": REPLY, "submission_key": field(page, "submission_key"),
            "answers_reply": field(page, "answers_reply")}
    attempt_id = int(url.rstrip("/").split("/")[-1])

    monkeypatch.setattr(resources.voikko(), "_voikko", _BrokenVoikko())  # fault: the real library call fails
    response = client.post(url, data=form)
    text = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Vastaustasi ei voitu arvioida juuri nyt" in text and REPLY in text  # the notice, and the text kept
    _db.session.expire_all()
    assert _db.session.get(Attempt, attempt_id).turns == []

    monkeypatch.undo()  # Voikko works again: the same form sends once
    assert client.post(url, data=form).status_code in (200, 303)
    _db.session.expire_all()
    assert len(_db.session.get(Attempt, attempt_id).turns) == 1
