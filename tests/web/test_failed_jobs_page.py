"""/admin/jobs: failed background jobs with their error, who and when, and Retry for admins only.

The failures are real ones: an AutoQA run whose grammar library (Voikko) failed on every retry, a
retry while Redis does not answer (it cannot be queued), and an import of a file with no usable header. Retrying runs the job again where a new job would run
("auto" with no Redis: inline), so the retried job finishes in the request.
"""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from qa_app.models import AutoQAResult
from qa_app.services import autoqa, jobs
from qa_app.services import conversations as conversation_service

NO_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def jsonl(count: int) -> bytes:
    lines = [
        json.dumps(
            {
                "id": f"f{n}",
                "channel": "chat",
                "agent": "agent-1",
                "language": "fi",
                "messages": [
                    {
                        "author": "customer",
                        "at": "2026-11-30T08:00:00Z",
                        "text": f"Tilaukseni {n} ei ole tullut.",
                    },
                    {
                        "author": "agent",
                        "at": "2026-11-30T08:00:40Z",
                        "text": "Pahoittelen. Tarkistan tilauksen heti.",
                    },
                ],
            },
            ensure_ascii=False,
        )
        for n in range(count)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture()
def redis_down(app, monkeypatch):
    """Jobs go to a Redis that does not answer, as when Redis is stopped for maintenance."""
    monkeypatch.setitem(app.config, "REDIS_URL", NO_REDIS)
    monkeypatch.setitem(app.config, "JOBS", "redis")
    monkeypatch.setitem(app.config, "JOBS_CHUNK_SIZE", 2)
    app.extensions.pop("kohtaamo.redis", None)
    yield
    app.extensions.pop("kohtaamo.redis", None)


class _BrokenVoikko:
    """Stands in for libvoikko's Voikko object: every call fails as the C library does without its dictionary."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise OSError("libvoikko.so.1: cannot open shared object file")

        return fail


@pytest.fixture()
def unqueued_job(app, db, make_user, redis_down, monkeypatch):
    """An AutoQA run of three conversations that failed (Voikko failing on every retry, run inline);
    afterwards Voikko works again and jobs go to the Redis that does not answer.

    (A job started while Redis does not answer waits instead: tests/web/test_redis_down.py.)"""
    from qa_app.grading import resources

    conversation_service.import_upload(jsonl(3), "jsonl", "three.jsonl", "failed-page")
    db.session.commit()
    starter = make_user("supervisor", email="starter@example.com")
    with monkeypatch.context() as broken:
        broken.setitem(app.config, "JOBS", "inline")
        broken.setattr(resources.voikko(), "_voikko", _BrokenVoikko())
        job = jobs.get_job(jobs.start_autoqa(autoqa.unscored_ids("failed-page"), starter).id)
    assert job.status == "failed" and job.error.startswith(FAILED_LINE)
    return job


FAILED_LINE = "AutoQA could not score 2 conversations: Voikko is not working"


@pytest.fixture()
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def results(db) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(AutoQAResult))


def test_the_page_lists_a_failed_job_with_its_error_starter_and_progress(
    client, make_user, login, unqueued_job
):
    """The failed run shows its error line, who started it, its progress and a Retry button."""
    login(make_user("admin"))
    page = client.get("/admin/jobs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f'href="/review/jobs/{unqueued_job.id}"' in page
    assert FAILED_LINE in page
    assert "Supervisor" in page and "AutoQA run" in page and "0 / 3 (0 %)" in page
    assert f'action="/admin/jobs/{unqueued_job.id}/retry"' in page and "Retry all failed" in page


def test_retry_runs_the_unfinished_chunks_and_goes_to_the_progress_page(
    app, client, db, make_user, login, unqueued_job, monkeypatch
):
    """Once Redis is gone from the settings ("auto" finds none), Retry runs the job inline: all three scored once."""
    monkeypatch.setitem(app.config, "JOBS", "auto")
    login(make_user("admin"))
    response = client.post(
        f"/admin/jobs/{unqueued_job.id}/retry", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/review/jobs/{unqueued_job.id}"
    )
    db.session.expire_all()
    job = jobs.get_job(unqueued_job.id)
    assert (job.status, job.done, job.total, job.error, job.params["mode"]) == (
        "finished",
        3,
        3,
        None,
        "inline",
    )
    assert results(db) == 3
    page = client.get(response.headers["Location"], headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Retrying 2 chunks." in page
    assert "No failed jobs" in client.get(
        "/admin/jobs", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)


def test_a_retry_while_redis_is_still_down_fails_again_with_the_same_line(
    client, db, make_user, login, unqueued_job
):
    """Still no Redis: the job is failed again, with the same one-line reason, and nothing is scored."""
    login(make_user("admin"))
    client.post(f"/admin/jobs/{unqueued_job.id}/retry")
    db.session.expire_all()
    job = jobs.get_job(unqueued_job.id)
    assert job.status == "failed" and job.error.startswith(
        "The job could not be queued: Redis does not answer"
    )
    assert results(db) == 0


def test_retry_all_retries_every_retryable_job_and_leaves_a_failed_import(
    app, client, db, make_user, login, unqueued_job, monkeypatch
):
    """Retry all finishes the AutoQA run; an import whose file could not be read stays, with no Retry button."""
    monkeypatch.setitem(app.config, "JOBS", "inline")
    broken = jobs.start_import(
        b"just some words\n", "csv", "words.csv", "test", make_user("supervisor")
    )
    login(make_user("admin"))
    page = client.get("/admin/jobs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert (
        "This file cannot be read: words.csv" in page
        and f"/admin/jobs/{broken.id}/retry" not in page
    )
    assert "upload it again" in page
    response = client.post("/admin/jobs/retry-all")
    assert response.status_code == 302
    db.session.expire_all()
    assert (
        jobs.get_job(unqueued_job.id).status == "finished"
        and jobs.get_job(broken.id).status == "failed"
    )
    refused = client.post(
        f"/admin/jobs/{broken.id}/retry", follow_redirects=True, headers={"Accept-Language": "en"}
    )
    assert "This job cannot be retried" in refused.get_data(as_text=True)


@pytest.mark.parametrize("role", ["learner", "supervisor", "trainer"])
def test_only_admins_see_or_retry_failed_jobs(client, db, make_user, login, unqueued_job, role):
    """Everyone but admins gets 403 for the page and both retry actions; the job stays failed."""
    login(make_user(role))
    assert client.get("/admin/jobs").status_code == 403
    assert client.post(f"/admin/jobs/{unqueued_job.id}/retry").status_code == 403
    assert client.post("/admin/jobs/retry-all").status_code == 403
    db.session.expire_all()
    assert jobs.get_job(unqueued_job.id).status == "failed"


def test_anonymous_visitors_are_sent_to_log_in(client):
    """Not logged in: the page redirects to the login form."""
    response = client.get("/admin/jobs")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_retry_without_the_csrf_token_is_refused(
    client, db, make_user, login, unqueued_job, csrf_on
):
    """A retry post without the form's token is refused and changes nothing; with it, it is accepted."""
    admin = make_user("admin")
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post(
        "/auth/login",
        data={"email": admin.email, "password": "correct-horse-42", "csrf_token": token},
    )
    assert client.post(f"/admin/jobs/{unqueued_job.id}/retry").status_code == 400
    db.session.expire_all()
    assert jobs.get_job(unqueued_job.id).status == "failed"
    page = client.get("/admin/jobs").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert (
        client.post(f"/admin/jobs/{unqueued_job.id}/retry", data={"csrf_token": token}).status_code
        == 302
    )


def test_the_empty_page_says_nothing_failed(client, make_user, login):
    """No failed job: an empty state instead of an empty table, and no Retry all button."""
    login(make_user("admin"))
    page = client.get("/admin/jobs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No failed jobs" in page and "Retry all failed" not in page and "<table" not in page


def test_the_page_reads_in_finnish(client, make_user, login, unqueued_job):
    """In Finnish: the title, the columns and the buttons."""
    login(make_user("admin"))
    page = client.get("/admin/jobs", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert '<html lang="fi">' in page
    for text in (
        "Epäonnistuneet taustatyöt",
        "Yritä uudelleen",
        "Yritä kaikkia uudelleen",
        "Aloittaja",
    ):
        assert text in page
    assert "Failed background jobs" not in page and ">Retry<" not in page


def test_the_jobs_link_is_on_the_admin_users_page(client, make_user, login):
    """Admins reach the page from the users page."""
    login(make_user("admin"))
    assert 'href="/admin/jobs"' in client.get("/admin/users").get_data(as_text=True)
