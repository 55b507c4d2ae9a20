"""The job progress page and its polled fragment: who sees them, what they show while running and after."""

from __future__ import annotations

import io
import json
import re

import pytest

from qa_app.extensions import db as _db
from qa_app.models import BackgroundJob

LINE = {"id": "c1", "channel": "chat", "agent": "agent-7", "language": "fi", "messages": [
    {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": "Laskuni on väärin, puhelinnumeroni on 040 123 4567."},
    {"author": "agent", "at": "2026-11-30T08:00:30Z", "text": "Tarkistan asian heti."}]}


def upload(client, data: bytes, name: str = "chats.jsonl"):
    return client.post("/review/import", data={"file": (io.BytesIO(data), name), "file_format": "auto",
                                               "source": "import"}, content_type="multipart/form-data")


@pytest.fixture()
def supervisor(make_user, login):
    user = make_user("supervisor", locale="en")
    login(user)
    return user


def finished_job(client) -> int:
    data = (json.dumps(LINE, ensure_ascii=False) + "\n{broken\n").encode()
    response = upload(client, data)
    assert response.status_code == 302
    return int(re.search(r"/review/jobs/(\d+)$", response.headers["Location"]).group(1))


def test_the_job_page_shows_the_report_and_the_finished_autoqa(client, supervisor):
    """After the upload the job page shows counts, FILE:LINE rejections, redactions and 1 of 1 pre-scored."""
    job_id = finished_job(client)
    page = client.get(f"/review/jobs/{job_id}").get_data(as_text=True)
    assert "<h1>Import of chats.jsonl</h1>" in page
    assert "<code>chats.jsonl:2</code>" in page
    assert re.search(r"<td>Phone numbers</td><td class=\"num\">1</td>", page)
    assert re.search(r'<progress id="autoqa-progress" max="1" value="1">', page)
    assert "The conversation is pre-scored." in page
    assert "hx-trigger" not in page  # a finished job is not polled
    assert "vendor/htmx.min.js" in page and "<script>" not in page  # no inline script


def test_a_running_job_is_polled_and_reports_json(client, supervisor, db):
    """While a job runs its fragment polls the progress URL; the JSON form gives the same numbers."""
    job = BackgroundJob(kind="autoqa", status="running", created_by_id=supervisor.id, total=120, done=50,
                        params_json="{}")
    db.session.add(job)
    db.session.commit()
    fragment = client.get(f"/review/jobs/{job.id}/progress").get_data(as_text=True)
    assert f'hx-get="/review/jobs/{job.id}/progress" hx-trigger="every 2s"' in fragment
    assert "50 of 120 conversations pre-scored (41 %)." in fragment
    assert "<html" not in fragment
    data = client.get(f"/review/jobs/{job.id}/progress?format=json").get_json()
    assert (data["status"], data["done"], data["total"], data["percent"]) == ("running", 50, 120, 41)


def test_a_failed_job_shows_its_line(client, supervisor, db):
    """A failure is one clear line on the page, announced as an alert."""
    job = BackgroundJob(kind="autoqa", status="failed", created_by_id=supervisor.id, total=5, done=0,
                        params_json="{}", error="AutoQA could not score 5 conversations: Voikko is not working")
    db.session.add(job)
    db.session.commit()
    page = client.get(f"/review/jobs/{job.id}").get_data(as_text=True)
    assert 'role="alert">The job stopped: AutoQA could not score 5 conversations: Voikko is not working</p>' in page


def test_the_upload_page_lists_the_users_recent_jobs(client, supervisor):
    """The import page links back to the user's recent jobs."""
    job_id = finished_job(client)
    page = client.get("/review/import").get_data(as_text=True)
    assert f'href="/review/jobs/{job_id}">chats.jsonl</a>' in page


@pytest.mark.parametrize("role", ["supervisor", "learner"])
def test_other_users_get_404_for_a_job(client, make_user, login, role, db):
    """Another supervisor (or anyone else) cannot see a job; its creator and admins can."""
    owner = make_user("supervisor")
    job = BackgroundJob(kind="autoqa", status="finished", created_by_id=owner.id, params_json="{}")
    db.session.add(job)
    db.session.commit()
    login(make_user(role))
    assert client.get(f"/review/jobs/{job.id}").status_code == 404
    assert client.get(f"/review/jobs/{job.id}/progress").status_code == 404
    client.post("/auth/logout")
    login(make_user("admin"))
    assert client.get(f"/review/jobs/{job.id}").status_code == 200


def test_anonymous_users_are_sent_to_log_in(client, db):
    """The job pages need a session."""
    assert client.get("/review/jobs/1").status_code == 302


def test_a_web_upload_runs_inline_in_a_thread_and_the_page_answers(tmp_path):
    """With threads on (the default outside tests) the upload returns at once and the job finishes behind it.

    Its own app on a SQLite file: the suite's in-memory database is one connection, which threads
    cannot share.
    """
    import time

    from flask_migrate import upgrade

    from qa_app import create_app
    from qa_app.config import TestConfig
    from qa_app.services.users import create_user

    from ..conftest import TEST_PASSWORD, IsolatedClient

    settings = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'threads.db'}",
                      "JOBS_INLINE_THREAD": True})
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()
        create_user("esihenkilo@example.com", "Essi", "supervisor", TEST_PASSWORD, "Tiimi A", locale="en")
        _db.session.commit()
    client = app.test_client()
    client.post("/auth/login", data={"email": "esihenkilo@example.com", "password": TEST_PASSWORD})
    response = upload(client, (json.dumps(LINE, ensure_ascii=False) + "\n").encode())
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert client.get("/review/import").status_code == 200  # the site stays usable meanwhile
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        data = client.get(f"/review/jobs/{job_id}/progress?format=json").get_json()
        if data["status"] in ("finished", "failed"):
            break
        time.sleep(0.2)
    assert (data["status"], data["done"], data["total"]) == ("finished", 1, 1), json.dumps(data)
    assert data["report"]["imported"] == 1
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def test_the_job_page_is_in_finnish(client, make_user, login):
    """A Finnish user reads the progress in Finnish."""
    login(make_user("supervisor", locale="fi"))
    page = client.get(f"/review/jobs/{finished_job(client)}").get_data(as_text=True)
    assert "<h1>Tiedoston chats.jsonl tuonti</h1>" in page and "Keskustelu on esiarvioitu." in page


def test_a_supervisor_pre_scores_the_unscored_conversations(client, supervisor, db):
    """The import page offers AutoQA for conversations without a pre-score; the button starts a job."""
    from sqlalchemy import delete

    from qa_app.models import AutoQAMessage, AutoQAResult

    finished_job(client)
    assert "Pre-score unscored conversations" not in client.get("/review/import").get_data(as_text=True)
    db.session.execute(delete(AutoQAMessage))
    db.session.execute(delete(AutoQAResult))
    db.session.commit()
    page = client.get("/review/import").get_data(as_text=True)
    assert "1 conversation has no pre-score with the current scorecard." in page
    response = client.post("/review/jobs/prescore", data={})
    assert response.status_code == 302
    job_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<h1>AutoQA run</h1>" in job_page and "The conversation is pre-scored." in job_page
    again = client.post("/review/jobs/prescore", data={}, follow_redirects=True).get_data(as_text=True)
    assert "Every conversation already has a pre-score." in again


def test_learners_cannot_start_a_pre_score(client, make_user, login):
    """Only supervisors and admins start AutoQA runs."""
    login(make_user("learner"))
    assert client.post("/review/jobs/prescore", data={}).status_code == 403
