"""`kohtaamo import` pre-scores after its unchanged report; `kohtaamo autoqa`; the export's autoqa and reviews.

The last test runs the real commands as processes: an import queued on Redis (database 11, a
queue of its own) and `kohtaamo worker --burst`, whose forked work horses score it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qa_app.models import AutoQAResult, Conversation, Review, ReviewRevision
from qa_app.services import autoqa

from ..db.test_jobs import clean_queue

LINES = [
    {"id": "c1", "channel": "chat", "agent": "agent-1", "language": "fi", "messages": [
        {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": "Laskuni on väärin."},
        {"author": "agent", "at": "2026-11-30T08:00:40Z", "text": "Pahoittelen. Tarkistan laskun heti."}]},
    {"id": "c2", "channel": "email", "agent": "agent-1", "language": "en", "messages": [
        {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": "My parcel has not arrived."},
        {"author": "agent", "at": "2026-11-30T12:00:00Z", "text": "I am sorry. I will check the parcel now."}]},
]


@pytest.fixture()
def chats(tmp_path) -> Path:
    path = tmp_path / "chats.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in LINES), encoding="utf-8")
    return path


def scored(db) -> int:
    return db.session.scalar(select(func.count()).select_from(AutoQAResult))


def test_json_report_stays_the_only_output_and_the_conversations_are_scored(runner, db, chats):
    """With --report json stdout is the report alone and stderr is empty; both conversations get a result."""
    result = runner.invoke(args=["import", str(chats), "--report", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["imported"] == 2 and result.stdout.count("\n") == 1
    assert result.stderr == ""
    assert scored(db) == 2


def test_text_report_adds_progress_on_stderr_only(runner, db, chats):
    """The text report is unchanged on stdout; AutoQA progress lines go to stderr."""
    result = runner.invoke(args=["import", str(chats)])
    assert result.exit_code == 0
    assert result.stdout.startswith("imported: 2 conversations (source import)") and "AutoQA" not in result.stdout
    assert result.stderr.splitlines() == ["AutoQA: pre-scoring 2 conversations", "AutoQA: pre-scored 2 conversations"]
    again = runner.invoke(args=["import", str(chats)])
    assert again.stderr == "" and scored(db) == 2  # nothing new to import or score


def test_autoqa_command_scores_the_unscored(runner, db, chats):
    """`kohtaamo autoqa` scores what has no result; run again it finds nothing to do."""
    runner.invoke(args=["import", str(chats)])
    db.session.delete(db.session.scalars(select(AutoQAResult).order_by(AutoQAResult.id)).first())
    db.session.commit()
    first = runner.invoke(args=["autoqa"])
    assert (first.exit_code, first.output.strip()) == (0, "pre-scored: 1 of 1 conversations")
    assert runner.invoke(args=["autoqa", "--unscored"]).output.strip() == "pre-scored: 0 of 0 conversations"
    everything = runner.invoke(args=["autoqa", "--all"])
    assert everything.output.strip() == "pre-scored: 2 of 2 conversations" and scored(db) == 2
    assert runner.invoke(args=["autoqa", "--all", "--unscored"]).exit_code == 2


def test_export_carries_autoqa_and_reviews(runner, db, chats, make_user):
    """Each exported line has the AutoQA scores and each review's newest revision."""
    runner.invoke(args=["import", str(chats), "--report", "json"])
    reviewer = make_user("supervisor", email="sanna@example.com")
    first = db.session.scalars(select(Conversation).where(Conversation.external_id == "c1")).one()
    _, version = autoqa.scorecard()
    review = Review(conversation_id=first.id, reviewer_id=reviewer.id, rubric_version_id=version.id, overall=80.0)
    review.revisions = [
        ReviewRevision(number=1, author_id=reviewer.id, overall=70.0, scores_json=json.dumps(
            {"empathy": {"score": 60, "na": False}, "identified-customer": {"score": None, "na": True}})),
        ReviewRevision(number=2, author_id=reviewer.id, overall=80.0, reason="dispute accepted", scores_json=json.dumps(
            {"empathy": {"score": 80, "na": False}, "identified-customer": {"score": None, "na": True}})),
    ]
    db.session.add(review)
    db.session.commit()
    lines = [json.loads(line) for line in runner.invoke(args=["export", "conversations"]).stdout.splitlines()]
    by_id = {line["id"]: line for line in lines}
    stored = {r.conversation_id: r for r in db.session.scalars(select(AutoQAResult))}
    assert by_id["c1"]["autoqa"]["overall"] == round(stored[first.id].overall, 1)
    assert set(by_id["c1"]["autoqa"]["criteria"]) >= {"grammar", "clarity", "empathy", "identified-customer"}
    assert by_id["c1"]["autoqa"]["criteria"]["identified-customer"] is None
    assert by_id["c1"]["reviews"] == [{"reviewer": "sanna@example.com", "overall": 80.0,
                                       "criteria": {"empathy": 80.0, "identified-customer": None}}]
    assert by_id["c2"]["reviews"] == []


def test_an_import_queued_on_redis_is_scored_by_kohtaamo_worker(tmp_path, chats):
    """`kohtaamo import` with KOHTAAMO_JOBS=redis queues the AutoQA; `kohtaamo worker --burst` scores it."""
    from redis import Redis
    from redis.exceptions import RedisError

    url = "redis://127.0.0.1:6379/11"
    try:
        Redis.from_url(url).ping()
    except RedisError as error:
        pytest.skip(f"Redis does not answer: {error}")
    queue = f"test-a-cli-{uuid.uuid4().hex[:10]}"
    env = {**os.environ, "KOHTAAMO_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "KOHTAAMO_REDIS_URL": url,
           "KOHTAAMO_JOBS": "redis", "KOHTAAMO_JOBS_QUEUE": queue, "KOHTAAMO_SECRET_KEY": "x"}
    kohtaamo = [str(Path(sys.executable).with_name("kohtaamo"))]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(kohtaamo + list(args), env=env, capture_output=True, text=True, timeout=300,
                              cwd=tmp_path)

    try:
        assert run("db", "upgrade").returncode == 0
        imported = run("import", str(chats))
        assert imported.returncode == 0, imported.stderr
        assert "AutoQA: queued as job 1 (1 chunks) for the workers" in imported.stderr
        before = [json.loads(line)["autoqa"]["overall"] for line in run("export", "conversations").stdout.splitlines()]
        assert before == [None, None]
        worker = run("worker", "--burst")
        assert worker.returncode == 0, worker.stderr
        after = [json.loads(line)["autoqa"]["overall"] for line in run("export", "conversations").stdout.splitlines()]
        assert all(isinstance(score, float) for score in after)
    finally:
        clean_queue(Redis.from_url(url), queue)
