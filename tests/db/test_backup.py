"""`kohtaamo export-all` / `import-all`: every table survives SQLite → PostgreSQL → SQLite.

The source is a small demo (every table holds rows) with the tables the demo leaves empty filled
by hand. These tests build their own databases, not the shared session one of conftest.py.
"""

from __future__ import annotations

import gzip
import json
import os
import secrets
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, select, text

from qa_app import create_app
from qa_app.cli import cli
from qa_app.config import TestConfig
from qa_app.extensions import db
from qa_app.services import backup

PG_SERVER = os.environ.get(
    "KOHTAAMO_BACKUP_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DEMO_CONVERSATIONS = 40  # enough for the demo's two calibration sessions; about 5 s


def _app(url: str, migrate: bool = True) -> Flask:
    # Flask-SQLAlchemy makes the engine in init_app: the URL must be in the config given.
    app = create_app(type("BackupTestConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url}))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == url
    if migrate:
        with app.app_context():
            upgrade()
    return app


def _dispose(app: Flask) -> None:
    with app.app_context():
        db.engine.dispose()


def _invoke(app: Flask, *args: str):
    return FlaskCliRunner(app).invoke(cli, list(args))


def _fill_tables_the_demo_leaves_empty() -> None:
    """Add API tokens, a job with a chunk, a review draft, sample answers and draft content
    versions, one of which names a parent stored after it (a forward self-reference)."""
    from qa_app.models import (
        ApiToken,
        BackgroundJob,
        ContentVersion,
        Conversation,
        JobChunk,
        ReviewDraft,
        SampleAnswer,
        User,
    )

    admin = db.session.scalar(select(User).where(User.role == "admin"))
    token, _ = ApiToken.issue(admin, "varmuuskopio")
    job = BackgroundJob(
        kind="autoqa",
        status="failed",
        total=3,
        done=1,
        params_json='{"source": "x"}',
        error="worker lost",
        started_at=datetime(2026, 12, 1, 8, 0, 0, 123456),
    )
    db.session.add_all([token, job])
    db.session.flush()
    db.session.add(JobChunk(job_id=job.id, index=0, size=3, items_json="[1, 2, 3]", attempts=2))
    conversation = db.session.scalar(select(Conversation).order_by(Conversation.id))
    db.session.add(
        ReviewDraft(conversation_id=conversation.id, reviewer_id=admin.id, data_json='{"a": "ä"}')
    )
    db.session.add_all(
        [
            SampleAnswer(
                scenario_id="jonotusmaksu",
                turn_id=None,
                label="Hyvä",
                text="Pahoittelen ✓",
                expectation="strong",
                created_by_id=admin.id,
            ),
            SampleAnswer(
                scenario_id="jonotusmaksu",
                turn_id="t2",
                label="Heikko",
                text="Ei.",
                expectation=None,
            ),
        ]
    )
    first = ContentVersion(
        kind="scenario",
        content_id="h7-luonnos",
        version=1,
        content_hash="a" * 64,
        body_json="{}",
        source_yaml=None,
        status="draft",
        created_by_id=admin.id,
    )
    second = ContentVersion(
        kind="scenario",
        content_id="h7-luonnos",
        version=2,
        content_hash="b" * 64,
        body_json="{}",
        source_yaml="id: h7-luonnos\n",
        status="draft",
    )
    db.session.add_all([first, second])
    db.session.flush()
    first.parent_id = second.id  # points forward: the import must take a second pass
    db.session.commit()


def _dump(app: Flask) -> dict[str, list[dict]]:
    """Every row of every table, all columns, in id order."""
    with app.app_context():
        with db.engine.connect() as connection:
            return {
                table.name: [
                    dict(row)
                    for row in connection.execute(
                        select(table).order_by(*table.primary_key.columns)
                    ).mappings()
                ]
                for table in db.metadata.sorted_tables
            }


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Flask, Path]:
    """A SQLite demo database with rows in every table, and its export."""
    from qa_app.services.demo import load_demo

    folder = tmp_path_factory.mktemp("backup")
    app = _app(f"sqlite:///{folder / 'source.db'}")
    with app.app_context():
        load_demo(password="demo-password-1", conversations=DEMO_CONVERSATIONS)
        _fill_tables_the_demo_leaves_empty()
    file = folder / "source.kohtaamo.gz"
    result = _invoke(app, "export-all", str(file))
    assert result.exit_code == 0, result.output
    yield app, file
    _dispose(app)


@pytest.fixture(scope="module")
def source_rows(source) -> dict[str, list[dict]]:
    return _dump(source[0])


@pytest.fixture()
def empty_sqlite(tmp_path: Path):
    app = _app(f"sqlite:///{tmp_path / 'target.db'}")
    yield app
    _dispose(app)


@pytest.fixture(scope="module")
def postgresql_url():
    """A scratch PostgreSQL database for this module, dropped afterwards; skip without a server."""
    try:
        server = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 (any failure to connect means: no PostgreSQL here)
        pytest.skip(f"PostgreSQL does not answer at {PG_SERVER}: {type(error).__name__}")
    name = f"kohtaamo_h7_{secrets.token_hex(4)}"
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.url.set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def _header(file: Path) -> dict:
    with gzip.open(file, "rt", encoding="utf-8") as lines:
        return json.loads(next(lines))


def _rewrite(file: Path, target: Path, change) -> Path:
    """Copy the backup with `change(lines)` applied to its list of lines."""
    with gzip.open(file, "rt", encoding="utf-8") as source_lines:
        lines = source_lines.readlines()
    with gzip.open(target, "wt", encoding="utf-8") as out:
        out.writelines(change(lines))
    return target


def test_every_table_of_the_models_is_in_the_backup_with_rows(source, source_rows):
    """The backup covers every model table (and the database has no table outside the models);
    the source has rows in each, so a new table without test rows fails here."""
    app, file = source
    with app.app_context():
        in_database = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert set(_header(file)["tables"]) == set(db.metadata.tables) == in_database
    assert [name for name, rows in source_rows.items() if not rows] == []


def test_header_names_format_revision_and_counts(source, source_rows):
    """Line 1 says what the file is, its schema revision and each table's row count."""
    app, file = source
    header = _header(file)
    with app.app_context():
        head = backup.head_revision(app.extensions["migrate"].directory)
    assert header["format"] == "kohtaamo-backup" and header["format_version"] == 1
    assert header["schema_revision"] == head
    assert header["tables"] == {name: len(rows) for name, rows in source_rows.items()}


def test_export_file_is_private_and_types_are_lossless(source):
    """The file is mode 0600; datetimes keep microseconds, dates and booleans their type."""
    _, file = source
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    with gzip.open(file, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines][1:-1]
    job = next(r["row"] for r in rows if r["table"] == "background_jobs")
    assert job["started_at"] == "2026-12-01T08:00:00.123456"
    assignment = next(
        r["row"] for r in rows if r["table"] == "assignments" and r["row"]["due_date"]
    )
    assert date.fromisoformat(assignment["due_date"])
    assert next(r["row"] for r in rows if r["table"] == "users")["active"] is True


def test_round_trip_sqlite_postgresql_sqlite(source, source_rows, postgresql_url, tmp_path):
    """SQLite → PostgreSQL → SQLite keeps every row and column; PostgreSQL then gives new rows
    ids after the imported ones."""
    _, file = source
    pg = _app(postgresql_url)
    back = _app(f"sqlite:///{tmp_path / 'back.db'}")
    try:
        result = _invoke(pg, "import-all", str(file))
        assert result.exit_code == 0, result.output
        assert "conversation_messages: " in result.stderr
        assert _dump(pg) == source_rows
        pg_file = tmp_path / "from-pg.gz"
        assert _invoke(pg, "export-all", str(pg_file)).exit_code == 0
        assert _invoke(back, "import-all", str(pg_file)).exit_code == 0
        # The second export is recorded in the audit log before its snapshot (and so is in it).
        back_rows = _dump(back)
        export_event = back_rows["audit_events"].pop()
        assert export_event["action"] == "export.all" and export_event["via"] == "cli"
        assert back_rows == source_rows
        with pg.app_context():
            from qa_app.models import Team

            team = Team(name="Uusi tiimi tuonnin jälkeen")
            db.session.add(team)
            db.session.commit()
            assert team.id == max(row["id"] for row in source_rows["teams"]) + 1
    finally:
        _dispose(pg)
        _dispose(back)


def test_round_trip_sqlite_to_sqlite_with_forward_parent(source, source_rows, empty_sqlite):
    """Even without PostgreSQL the round trip is checked; a parent stored after its child is kept."""
    result = _invoke(empty_sqlite, "import-all", str(source[1]))
    assert result.exit_code == 0, result.output
    copied = _dump(empty_sqlite)
    assert copied == source_rows
    child = next(row for row in copied["content_versions"] if row["content_id"] == "h7-luonnos")
    assert child["parent_id"] > child["id"]


def test_refuses_a_database_that_holds_data(source, empty_sqlite):
    """A second import is refused with exit 1 and one line, and changes nothing."""
    assert _invoke(empty_sqlite, "import-all", str(source[1])).exit_code == 0
    before = _dump(empty_sqlite)
    result = _invoke(empty_sqlite, "import-all", str(source[1]))
    assert result.exit_code == 1
    assert (
        result.stderr.count("\n") == 1
        and "not empty" in result.stderr
        and "--replace" in result.stderr
    )
    assert _dump(empty_sqlite) == before


def test_replace_wipes_the_target_first(source, source_rows, empty_sqlite):
    """--replace deletes what the target held and leaves exactly the backup's rows."""
    from qa_app.models import Team

    with empty_sqlite.app_context():
        db.session.add(Team(name="Poistuva tiimi"))
        db.session.commit()
    result = _invoke(empty_sqlite, "import-all", "--replace", str(source[1]))
    assert result.exit_code == 0, result.output
    assert _dump(empty_sqlite) == source_rows


def test_refuses_another_schema_revision(source, empty_sqlite, tmp_path):
    """A backup of another schema revision is refused (exit 1) naming the revision to migrate to."""

    def older(lines):
        header = json.loads(lines[0])
        header["schema_revision"] = "0003"
        return [json.dumps(header) + "\n", *lines[1:]]

    result = _invoke(
        empty_sqlite, "import-all", str(_rewrite(source[1], tmp_path / "old.gz", older))
    )
    assert result.exit_code == 1
    assert "kohtaamo db upgrade 0003" in result.stderr and result.stderr.count("\n") == 1
    assert all(not rows for rows in _dump(empty_sqlite).values())


def test_export_refuses_a_database_behind_the_migrations(tmp_path):
    """export-all on a database not migrated to this Kohtaamo's head says to upgrade (exit 1)."""
    app = _app(f"sqlite:///{tmp_path / 'bare.db'}", migrate=False)
    try:
        result = _invoke(app, "export-all", str(tmp_path / "x.gz"))
        assert result.exit_code == 1 and "kohtaamo db upgrade" in result.stderr
        assert not (tmp_path / "x.gz").exists()
    finally:
        _dispose(app)


def _cut_in_half(file: Path, target: Path) -> Path:
    data = file.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def _without_end_line(file: Path, target: Path) -> Path:
    return _rewrite(file, target, lambda lines: lines[:-1])


def _lines_lost(file: Path, target: Path) -> Path:
    return _rewrite(file, target, lambda lines: [*lines[:5], *lines[8:]])


def _corrupt_bytes(file: Path, target: Path) -> Path:
    data = bytearray(file.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 16] = b"\x00" * 16
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize(
    "damage, message",
    [
        (_cut_in_half, "damaged"),
        (_without_end_line, "cut short"),
        (_lines_lost, "the header says"),
        (_corrupt_bytes, "damaged"),
    ],
)
def test_damaged_file_is_refused_and_nothing_is_written(
    source, empty_sqlite, tmp_path, damage, message
):
    """A cut or corrupted file stops the import with exit 2 and one clear line; no row stays."""
    file = damage(source[1], tmp_path / "damaged.gz")
    result = _invoke(empty_sqlite, "import-all", str(file))
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "nothing was imported" in result.stderr
    assert result.stderr.count("\n") == 1
    assert all(not rows for rows in _dump(empty_sqlite).values())


def _line_of(lines: list[str], table: str) -> int:
    return next(
        number for number, line in enumerate(lines, start=1) if f'"table":"{table}"' in line
    )


def test_row_problem_is_named_with_table_column_and_line(source, empty_sqlite, tmp_path):
    """A value of the wrong type is reported as FILE:LINE: table.column: what was wrong."""
    seen = {}

    def bad_date(lines):
        number = _line_of(lines, "users")
        record = json.loads(lines[number - 1])
        record["row"]["created_at"] = "yesterday"
        seen["line"] = number
        return [*lines[: number - 1], json.dumps(record) + "\n", *lines[number:]]

    file = _rewrite(source[1], tmp_path / "bad.gz", bad_date)
    result = _invoke(empty_sqlite, "import-all", str(file))
    assert result.exit_code == 2
    assert f"{file}:{seen['line']}: users.created_at: Invalid isoformat string" in result.stderr
    assert all(not rows for rows in _dump(empty_sqlite).values())


def test_database_refusal_of_a_row_is_named_with_its_line(source, empty_sqlite, tmp_path):
    """A row the database refuses (a repeated e-mail) is found within its batch and named by line."""
    seen = {}

    def repeated_email(lines):
        first = _line_of(lines, "users")
        record = json.loads(lines[first])  # the second user takes the first one's e-mail
        record["row"]["email"] = json.loads(lines[first - 1])["row"]["email"]
        seen["line"] = first + 1
        return [*lines[:first], json.dumps(record) + "\n", *lines[first + 1 :]]

    file = _rewrite(source[1], tmp_path / "dup.gz", repeated_email)
    result = _invoke(empty_sqlite, "import-all", str(file))
    assert result.exit_code == 2
    assert f"{file}:{seen['line']}: users: UNIQUE constraint failed: users.email" in result.stderr
    assert all(not rows for rows in _dump(empty_sqlite).values())


@pytest.mark.parametrize(
    "args, message",
    [
        (["import-all"], "missing FILE"),
        (["export-all"], "missing FILE"),
        (["import-all", "{tmp}"], "is a directory"),
        (["export-all", "{tmp}"], "is a directory"),
        (["import-all", "{tmp}/nothing.gz"], "cannot read"),
        (["import-all", "{plain}"], "not a Kohtaamo backup"),
        (["import-all", "{other_json}"], "not a Kohtaamo backup file"),
    ],
)
def test_misuse_is_one_line_and_exit_2(empty_sqlite, tmp_path, args, message):
    """A missing, unreadable or foreign FILE is exit 2 with one line naming the problem."""
    (tmp_path / "plain.txt").write_text("id,text\n1,hei\n")
    with gzip.open(tmp_path / "other.jsonl.gz", "wt") as other:
        other.write('{"conversation_id": "1"}\n')
    paths = {
        "tmp": tmp_path,
        "plain": tmp_path / "plain.txt",
        "other_json": tmp_path / "other.jsonl.gz",
    }
    result = _invoke(empty_sqlite, *(arg.format(**paths) for arg in args))
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_large_tables_report_progress(source, empty_sqlite, monkeypatch):
    """Tables longer than the progress step print 'table: done/total rows' lines on stderr."""
    monkeypatch.setattr(backup, "PROGRESS_EVERY", 100)
    result = _invoke(empty_sqlite, "import-all", str(source[1]))
    assert result.exit_code == 0
    assert "  conversation_messages: 100/" in result.stderr
    assert "\nusers: " in result.stderr


def test_failed_replace_on_postgresql_keeps_what_was_there(
    source, source_rows, postgresql_url, tmp_path
):
    """On PostgreSQL a row the database refuses is named by line, and a failed --replace leaves
    the earlier data in place (the wipe and the inserts are one transaction)."""
    pg = _app(postgresql_url)
    seen = {}

    def repeated_id(lines):
        first = _line_of(lines, "conversations")
        record = json.loads(lines[first])  # the second conversation takes the first one's id
        record["row"]["id"] = json.loads(lines[first - 1])["row"]["id"]
        seen["line"] = first + 1
        return [*lines[:first], json.dumps(record) + "\n", *lines[first + 1 :]]

    file = _rewrite(source[1], tmp_path / "dup-id.gz", repeated_id)
    try:
        assert _invoke(pg, "import-all", "--replace", str(source[1])).exit_code == 0
        result = _invoke(pg, "import-all", "--replace", str(file))
        assert result.exit_code == 2
        assert f"{file}:{seen['line']}: conversations: duplicate key value" in result.stderr
        assert _dump(pg) == source_rows
    finally:
        _dispose(pg)
