"""Health checks, request ids and proxy headers: /healthz, /readyz, X-Request-ID, ProxyFix."""

from __future__ import annotations

import io
import json
import logging
import socket

import pytest
from flask import request
from werkzeug.middleware.proxy_fix import ProxyFix

from qa_app import create_app
from qa_app.config import TestConfig
from qa_app.services import readiness


def closed_port() -> int:
    """A local TCP port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def unreachable_app():
    """An app whose database is PostgreSQL on a closed local port: really unreachable."""
    port = closed_port()
    config = type(
        "Unreachable",
        (TestConfig,),
        {"SQLALCHEMY_DATABASE_URI": f"postgresql+psycopg://kohtaamo@127.0.0.1:{port}/kohtaamo"},
    )
    app = create_app(config)
    app.extensions[readiness._READY_KEY] = True  # only the database is under test here
    return app, port


def test_healthz_answers_ok_without_login(client):
    """/healthz answers 200 {"status": "ok"} to anyone."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_needs_no_database(unreachable_app):
    """Liveness does not touch the database: it stays 200 when the database is unreachable."""
    app, _ = unreachable_app
    assert app.test_client().get("/healthz").status_code == 200


def test_readyz_is_ready_on_a_working_database(app, client):
    """With the database answering and grading loaded in this process, /readyz is 200 with every check."""
    readiness.warm_up_grading(app)
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["status"] == "ok" and body["failed"] == []
    assert set(body["checks"]) == {"database", "redis", "grading"}
    assert body["checks"]["database"]["ok"] is True


def test_readyz_names_an_unreachable_database(unreachable_app):
    """A database on a closed port makes /readyz 503, naming the database and its host and port."""
    app, port = unreachable_app
    response = app.test_client().get("/readyz")
    body = response.get_json()
    assert response.status_code == 503
    assert body["failed"] == ["database"]
    detail = body["checks"]["database"]["detail"]
    assert f"127.0.0.1:{port}" in detail and "KOHTAAMO_DATABASE_URL" in detail


def test_readyz_is_not_ready_before_grading_resources_load(unreachable_app, monkeypatch):
    """A worker that has not loaded the dictionaries and linters is not ready."""
    app, _ = unreachable_app
    app.extensions.pop(readiness._READY_KEY)
    body = app.test_client().get("/readyz").get_json()
    assert "grading" in body["failed"]
    assert "not loaded" in body["checks"]["grading"]["detail"]


def test_readyz_requires_redis_only_when_jobs_run_on_it(app, client, monkeypatch):
    """KOHTAAMO_JOBS=redis with Redis down is 503 (redis); with "auto" Redis is optional."""
    app.extensions[readiness._READY_KEY] = True
    monkeypatch.setitem(app.config, "REDIS_URL", f"redis://127.0.0.1:{closed_port()}/0")
    monkeypatch.setitem(app.config, "JOBS", "redis")
    app.extensions.pop("kohtaamo.redis", None)
    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.get_json()["failed"] == ["redis"]
        monkeypatch.setitem(app.config, "JOBS", "auto")
        response = client.get("/readyz")
        assert response.status_code == 200
        assert response.get_json()["checks"]["redis"]["ok"] is False
    finally:
        app.extensions.pop("kohtaamo.redis", None)


@pytest.mark.parametrize(
    ("sent", "kept"), [("abc-123.x_Y:9", True), ("two words", False), ("x" * 65, False)]
)
def test_request_id_is_taken_from_the_proxy_when_sane(client, caplog, sent, kept):
    """A sane X-Request-ID is echoed and logged; anything else is replaced by a generated id."""
    with caplog.at_level(logging.INFO, logger="kohtaamo.request"):
        response = client.get("/healthz", headers={"X-Request-ID": sent})
    echoed = response.headers["X-Request-ID"]
    assert (echoed == sent) is kept
    assert len(echoed) >= 1 and " " not in echoed
    line = next(r for r in caplog.records if r.name == "kohtaamo.request")
    assert (line.request_id, line.method, line.path, line.status) == (
        echoed,
        "GET",
        "/healthz",
        200,
    )
    assert line.duration_ms >= 0


def test_request_id_reaches_the_jobs_the_request_starts(client, make_user, login, caplog):
    """An import posted with X-Request-ID runs its (inline) job under that id."""
    login(make_user("supervisor", locale="en"))
    record = {
        "id": "h1",
        "channel": "chat",
        "agent": "a1",
        "language": "fi",
        "messages": [
            {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": "Laskuni on väärin."},
            {"author": "agent", "at": "2026-11-30T08:01:00Z", "text": "Tarkistan asian heti."},
        ],
    }
    form = {
        "file": (io.BytesIO(json.dumps(record).encode()), "one.jsonl"),
        "file_format": "auto",
        "source": "import",
    }
    with caplog.at_level(logging.INFO):
        response = client.post(
            "/review/import",
            data=form,
            content_type="multipart/form-data",
            headers={"X-Request-ID": "req-job-77"},
        )
    assert response.status_code == 302
    job_lines = [r for r in caplog.records if r.name == "qa_app.services.jobs"]
    assert job_lines, "the job logged nothing"
    assert {r.request_id for r in job_lines} == {"req-job-77"}


def test_proxy_fix_only_when_proxy_hops_are_set():
    """KOHTAAMO_PROXY_HOPS=N wraps the app in ProxyFix trusting N hops; 0 trusts no forwarded header."""
    plain = create_app(TestConfig)
    proxied = create_app(type("Proxied", (TestConfig,), {"PROXY_HOPS": "2"}))
    assert not isinstance(plain.wsgi_app, ProxyFix)
    assert isinstance(proxied.wsgi_app, ProxyFix)
    assert (proxied.wsgi_app.x_for, proxied.wsgi_app.x_proto) == (2, 2)
    for application in (plain, proxied):
        application.add_url_rule(
            "/_seen", "seen", lambda: f"{request.scheme} {request.remote_addr}"
        )
    # Two proxies: each appends what it saw; the app trusts exactly the last two entries.
    headers = {
        "X-Forwarded-Proto": "https, https",
        "X-Forwarded-For": "203.0.113.9, 192.0.2.7, 10.0.0.2",
    }
    assert (
        proxied.test_client().get("/_seen", headers=headers).get_data(as_text=True)
        == "https 192.0.2.7"
    )
    assert (
        plain.test_client().get("/_seen", headers=headers).get_data(as_text=True)
        == "http 127.0.0.1"
    )


def test_rq_tasks_log_under_the_request_id_in_their_meta(app, db, caplog):
    """A job queued during a request carries its id in RQ meta, and the task logs under it."""
    import uuid

    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue

    from qa_app.jobs import tasks
    from qa_app.logs import request_id_var
    from qa_app.services import jobs

    connection = Redis.from_url("redis://127.0.0.1:6379/11")
    try:
        connection.ping()
    except RedisError as error:
        pytest.skip(f"Redis does not answer: {error}")
    token = request_id_var.set("req-rq-5")
    try:
        meta = jobs._meta()
    finally:
        request_id_var.reset(token)
    assert meta == {"request_id": "req-rq-5"}
    queue = Queue(f"test-h5-{uuid.uuid4().hex[:10]}", connection=connection, is_async=False)
    with caplog.at_level(logging.INFO, logger="qa_app.jobs.tasks"):
        job = queue.enqueue(tasks.score_chunk, 987654, meta=meta)  # no such chunk: the task fails
    try:
        assert job.is_failed
        lines = [r for r in caplog.records if r.name == "qa_app.jobs.tasks"]
        assert [r.getMessage() for r in lines][0] == "AutoQA chunk 987654 started"
        assert {r.request_id for r in lines} == {"req-rq-5"}
        assert request_id_var.get() is None  # the worker's own context is left as it was
    finally:
        job.delete()
