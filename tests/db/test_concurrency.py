"""Two requests or workers at once on the same rows: they share what the first stored, or the loser is told;
and an import that dies half-way keeps nothing, so its retry stores each row once.

Each thread gets its own app context, so its own session and database connection, as two requests
of a threaded server would. A barrier holds both threads at the racy point, so the race happens on
every run, not by luck; every wait is bounded. The session's SQLite test database is in memory with
one shared connection, so on SQLite these tests make an app of their own on a database file.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from qa_app import create_app
from qa_app.config import TestConfig
from qa_app.extensions import db
from qa_app.models import AutoQAResult, ContentVersion, Conversation, JobChunk
from qa_app.services import autoqa, content_store, content_versions, jobs
from qa_app.services import conversations as conversation_service
from qa_app.services.users import create_user
from tests.db.test_jobs import jsonl

WAIT_S = 10


@pytest.fixture(scope="session")
def migrated_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, migrated SQLite database file, copied for each test (migrating takes seconds)."""
    from flask_migrate import upgrade

    path = tmp_path_factory.mktemp("race") / "migrated.db"
    application = create_app(type("Migrate", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}))
    with application.app_context():
        upgrade()
        db.engine.dispose()
    return path


@pytest.fixture()
def threaded_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """An app whose requests get connections of their own, with an app context for the test."""
    if os.environ.get("KOHTAAMO_TEST_DATABASE_URL", "").startswith("postgresql"):
        request.getfixturevalue("db")  # the session's database, emptied afterwards
        yield request.getfixturevalue("app")
        return
    path = tmp_path / "race.db"
    shutil.copyfile(request.getfixturevalue("migrated_file"), path)
    config = type("FileDatabase", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    application = create_app(config)
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


def user(role: str, team: str | None = "A"):
    made, _ = create_user(f"{role}-{os.urandom(3).hex()}@example.com", f"{role.title()} Testi", role,
                          "correct-horse-42", team)
    db.session.commit()
    return made


def run_together(app, work: Callable[[int], object], count: int = 2) -> list[object]:
    """Run work(0) .. work(count-1) in threads, each in its own app context; return results or errors."""
    results: list[object] = [None] * count

    def target(number: int) -> None:
        with app.app_context():
            try:
                results[number] = work(number)
            except Exception as error:  # reported to the test, which asserts on it
                results[number] = error

    threads = [threading.Thread(target=target, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_S * 2)
        assert not thread.is_alive(), "a thread did not finish in time (a deadlock?)"
    return results


@dataclass
class Item:
    id: str = "kilpailu"
    version: int = 1
    content_hash: str = "c" * 64
    raw: dict = field(default_factory=lambda: {"id": "kilpailu", "version": 1})


def test_two_first_uses_of_one_version_at_once_share_one_row(threaded_app, monkeypatch):
    """Both requests look, find nothing, insert: the loser re-reads the winner's row instead of failing."""
    barrier = threading.Barrier(2, timeout=WAIT_S)
    looked = threading.local()
    real = content_versions.stored_version

    def look_then_wait(kind, content_id, version):
        found = real(kind, content_id, version)
        if not getattr(looked, "once", False):  # only the first look waits: both saw "not stored"
            looked.once = True
            barrier.wait()
        return found

    monkeypatch.setattr(content_versions, "stored_version", look_then_wait)

    def first_use(_number: int) -> int:
        stored = content_store.record_version("scenario", Item())
        version_id = stored.id
        db.session.commit()
        return version_id

    results = run_together(threaded_app, first_use)
    assert all(isinstance(result, int) for result in results), results
    assert results[0] == results[1]
    count = db.session.scalar(select(func.count(ContentVersion.id)).where(ContentVersion.content_id == "kilpailu"))
    assert count == 1


def test_two_saves_of_one_review_at_once_keep_one_and_tell_the_other(threaded_app):
    """Both reviewers edit revision 1 and save at the same moment: one revision 2, the other is refused."""
    from qa_app.models import Review, User
    from qa_app.services import review as service
    from qa_app.services.review import CriterionInput as C
    from tests.review_factory import agent_for, autoqa, conversation

    sup, admin = user("supervisor"), user("admin", team=None)
    conv = conversation(agent_for(user("learner")))
    autoqa(conv, grade_messages=False)
    scores = {"grammar": C(90), "clarity": C(80), "accuracy": C(None), "empathy": C(60)}
    scores.update({cid: C(100) for cid in ("identified-customer", "first-contact-resolution", "correct-information",
                                            "closing-next-steps", "data-protection")})
    review_id = service.submit_review(conv, sup, scores).id
    barrier = threading.Barrier(2, timeout=WAIT_S)
    authors = (sup.id, admin.id)

    def save(number: int) -> int:
        review = db.session.get(Review, review_id)
        author = db.session.get(User, authors[number])
        base = review.current.number  # both forms show revision 1
        barrier.wait()
        changed = {**scores, "correct-information": C(50 + number)}
        return service.revise_review(review, author, changed, reason=f"reviewer {number}", base=base).number

    results = run_together(threaded_app, save)
    numbers = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, service.ReviewStateError)]
    assert numbers == [2] and len(refused) == 1, results
    assert "someone else" in str(refused[0])
    db.session.expire_all()
    review = db.session.get(Review, review_id)
    assert [r.number for r in review.revisions] == [1, 2]
    winner = results.index(2)
    assert review.current.reason == f"reviewer {winner}"
    assert review.current.scores["correct-information"]["score"] == 50 + winner


# ------------------------------------------------------------------ background jobs


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture()
def no_autorun(threaded_app, monkeypatch):
    """Create jobs without running them: the test plays the workers."""
    monkeypatch.setitem(threaded_app.config, "JOBS_CHUNK_SIZE", 2)
    monkeypatch.setitem(threaded_app.config, "JOBS", "inline")
    monkeypatch.setitem(threaded_app.config, "JOBS_RETRY_INTERVALS", [0])
    monkeypatch.setattr(jobs, "run_job_inline", lambda job_id: None)


def import_job(rows: int):
    job = jobs.start_import(jsonl(rows), "jsonl", "rows.jsonl", "race", None)
    db.session.commit()
    return job.id


def test_two_workers_running_one_chunk_at_once_score_and_count_it_once(threaded_app, no_autorun, monkeypatch):
    """Both workers take the chunk at the same moment: one scores it and counts it; on PostgreSQL the
    other skips it without scoring (the row is locked), on SQLite its scores are dropped."""
    conversation_service.import_upload(jsonl(2), "jsonl", "two.jsonl", "race")
    job = jobs.start_autoqa(autoqa.unscored_ids("race"), None)
    chunk_id, job_id = job.chunks[0].id, job.id
    barrier = threading.Barrier(2, timeout=WAIT_S)
    real = autoqa.score_conversations
    scored: list[int] = []

    def scoring(items):
        scored.append(1)
        return real(items)

    monkeypatch.setattr(autoqa, "score_conversations", scoring)

    def worker(_n: int) -> bool:
        barrier.wait()  # both workers were handed the chunk and start now
        return jobs.run_chunk(chunk_id)

    outcomes = run_together(threaded_app, worker)
    assert sorted(outcomes, key=str) == [False, True], outcomes
    assert count(AutoQAResult) == 2
    job = jobs.get_job(job_id)
    assert (job.status, job.done, job.total) == ("finished", 2, 2)
    assert db.session.get(JobChunk, chunk_id).attempts == 1
    if db.engine.dialect.name == "postgresql":
        assert len(scored) == 1  # only one worker ran it


def test_two_workers_taking_one_import_job_at_once_import_it_once(threaded_app, no_autorun, monkeypatch):
    job_id = import_job(5)
    barrier = threading.Barrier(2, timeout=WAIT_S)
    real = conversation_service.import_upload
    waited = threading.local()

    def import_together(*args, **kwargs):
        if not getattr(waited, "once", False):
            waited.once = True
            barrier.wait()
        return real(*args, **kwargs)

    monkeypatch.setattr(conversation_service, "import_upload", import_together)

    def worker(_n: int) -> str:
        jobs._with_retries(lambda final: jobs.run_import(job_id, final))  # as the inline runner and RQ retry
        return "ok"

    outcomes = run_together(threaded_app, worker)
    assert outcomes == ["ok", "ok"], outcomes
    assert count(Conversation) == 5
    job = jobs.get_job(job_id)
    assert len(job.chunks) == 3 and job.total == 5  # one set of chunks, not two
    assert jobs.import_report(job)["imported"] + jobs.import_report(job)["duplicates"] == 5
    for chunk_id in jobs.pending_chunk_ids(job_id):
        jobs.run_chunk(chunk_id)
    job = jobs.get_job(job_id)
    assert (job.status, job.done, job.total) == ("finished", 5, 5)
    assert count(AutoQAResult) == 5


def test_an_import_that_dies_half_way_stores_nothing_and_its_retry_stores_each_row_once(threaded_app, no_autorun,
                                                                                     monkeypatch):
    """The worker dies after staging 3 of 6 rows: nothing is kept; the retry imports all 6 once."""
    job_id = import_job(6)
    real = conversation_service._conversation_from
    staged = {"n": 0}

    def dies_after_three(*args, **kwargs):
        staged["n"] += 1
        if staged["n"] == 4:
            raise OSError("worker killed")  # what a crash mid-import leaves: an open transaction
        return real(*args, **kwargs)

    monkeypatch.setattr(conversation_service, "_conversation_from", dies_after_three)
    with pytest.raises(OSError):
        jobs.run_import(job_id, final_attempt=False)
    assert count(Conversation) == 0
    job = jobs.get_job(job_id)
    assert job.result is None and job.status == "running" and "worker killed" in job.error
    jobs.run_import(job_id)  # the retry
    assert count(Conversation) == 6
    ids = db.session.scalars(select(Conversation.external_id)).all()
    assert sorted(ids) == sorted(set(ids))
    jobs.run_import(job_id)  # a third delivery changes nothing
    assert count(Conversation) == 6 and len(jobs.get_job(job_id).chunks) == 3
    assert json.loads(jobs.get_job(job_id).result_json)["import"]["imported"] == 6
