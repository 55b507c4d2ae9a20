"""The busy pages' queries have the indexes bench/query_plans.py checked on 100,000 conversations.

PostgreSQL only. Each case runs the service behind a page, catches the SQL it sends, checks the
SQL still filters or orders on the columns named (so the case cannot drift from the code), and
checks that the migrated schema has a btree index leading with exactly those columns. Dropping
one of migration 0007's indexes makes its case fail. The plans themselves need the large
database: `bench/query_plans.py` (see bench/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import event, text

from qa_app.extensions import db as _db
from tests.review_factory import START, agent_for, autoqa, conversation


@pytest.fixture()
def pg(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("query plans and pg_indexes are PostgreSQL's")
    return db


@contextmanager
def captured() -> list[str]:
    statements: list[str] = []

    def listen(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(_db.engine, "before_cursor_execute", listen)
    try:
        yield statements
    finally:
        event.remove(_db.engine, "before_cursor_execute", listen)


def indexes(table: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Return (name, key columns, included columns) of every btree index on `table`."""
    found = []
    for name, definition in _db.session.execute(
        text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = :t"), {"t": table}
    ):
        definition, _, include = definition.partition(" INCLUDE (")
        keys = definition.split(" USING btree (", 1)[1][:-1]
        found.append((name, _columns(keys), _columns(include[:-1]) if include else ()))
    return found


def _columns(listing: str) -> tuple[str, ...]:
    """Split "a, lower((b)::text)" at top-level commas into ("a", "lower((b)::text)")."""
    parts, depth, current = [], 0, ""
    for char in listing:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return tuple(p for p in [*parts, current.strip()] if p)


def assert_index(table: str, columns: tuple[str, ...], include: tuple[str, ...] = ()) -> str:
    for name, keys, included in indexes(table):
        if keys[: len(columns)] == columns and set(include) <= set(included):
            return name
    raise AssertionError(
        f"no index on {table} ({', '.join(columns)})"
        + (f" INCLUDE ({', '.join(include)})" if include else "")
        + f"; have {indexes(table)}"
    )


def assert_query(statements: list[str], pattern: str) -> None:
    assert any(re.search(pattern, s) for s in statements), (
        f"no query matches {pattern!r}:\n" + "\n".join(statements)
    )


def _supervisor_with_work(make_user):
    supervisor = make_user("supervisor", team="Tiimi A")
    agent = agent_for(make_user("learner", team="Tiimi A"))
    first = conversation(agent, "c1", customer="Asiakas@Example.com")
    conversation(agent, "c2", customer="asiakas@example.com", at=START + timedelta(days=1))
    autoqa(first)
    return supervisor, first


def _queue(make_user) -> list[str]:
    from qa_app.models import ReviewAssignment
    from qa_app.services import review

    supervisor, first = _supervisor_with_work(make_user)
    _db.session.add(
        ReviewAssignment(conversation_id=first.id, reviewer_id=supervisor.id, status="open")
    )
    _db.session.commit()
    with captured() as statements:
        assert review.queue_for(supervisor)[0].autoqa_overall == 70.0
    return statements


def _same_customer(make_user) -> list[str]:
    from qa_app.services.review.scorecards import other_conversations_of_customer

    supervisor, first = _supervisor_with_work(make_user)
    with captured() as statements:
        assert [c.external_id for c in other_conversations_of_customer(first, supervisor)] == ["c2"]
    return statements


def _dashboard(make_user) -> list[str]:
    from qa_app.services import quality

    supervisor, _ = _supervisor_with_work(make_user)
    with captured() as statements:
        start, end = quality.default_period(supervisor)
        board = quality.dashboard(supervisor, quality.QualityFilter(date_from=start, date_to=end))
    assert board.figures.total.conversations == 2
    return statements


def _assignment_report(make_user) -> list[str]:
    from qa_app.services.authoring import assignments

    learner = make_user("learner")
    with captured() as statements:
        assignments._attempt_rows([learner.id], ["jonotusmaksu"], START)
    return statements


def _practice_history(make_user) -> list[str]:
    from qa_app.services import progress

    learner = make_user("learner")
    with current_app.test_request_context(), captured() as statements:  # its labels are translated
        progress.progress(learner, "fi")
    return statements


# (page, service run, table, pattern its SQL must match, index key columns, included columns)
CASES: list[tuple[str, Callable, str, str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "review queue: newest AutoQA score",
        _queue,
        "autoqa_results",
        r"autoqa_results\.conversation_id = review_assignments\.conversation_id ORDER BY autoqa_results\.id DESC",
        ("conversation_id", "id"),
        (),
    ),
    (
        "review page: the customer's other conversations",
        _same_customer,
        "conversations",
        r"WHERE lower\(conversations\.customer\) =",
        ("lower((customer)::text)",),
        (),
    ),
    (
        "dashboard: FCR repeat contacts",
        _dashboard,
        "conversations",
        r"lower\(conversations\.customer\) IN",
        ("lower((customer)::text)",),
        (),
    ),
    (
        "dashboard: AutoQA figures from the index alone",
        _dashboard,
        "autoqa_results",
        r"SELECT autoqa_results\.conversation_id, autoqa_results\.overall, autoqa_results\.first_response_met, "
        r"autoqa_results\.first_response_target_s FROM autoqa_results WHERE autoqa_results\.conversation_id IN",
        ("conversation_id",),
        ("overall", "first_response_met", "first_response_target_s", "created_at"),
    ),
    (
        "dashboard: default period",
        _dashboard,
        "conversations",
        r"SELECT max\(conversations\.first_message_at\)",
        ("first_message_at",),
        (),
    ),
    (
        "dashboard: the reviews' revisions",
        _dashboard,
        "review_revisions",
        r"JOIN review_revisions ON review_revisions\.review_id = reviews\.id",
        ("review_id",),
        (),
    ),
    (
        "dashboard: reviews of the conversations",
        _dashboard,
        "reviews",
        r"WHERE reviews\.conversation_id IN",
        ("conversation_id",),
        (),
    ),
    (
        "assignment report: attempts since the assignment",
        _assignment_report,
        "attempts",
        r"attempts\.started_at >=",
        ("started_at",),
        (),
    ),
    (
        "progress: a learner's finished attempts",
        _practice_history,
        "attempts",
        r"FROM attempts WHERE attempts\.user_id =",
        ("user_id",),
        (),
    ),
]


@pytest.mark.parametrize(
    ("page", "run", "table", "pattern", "columns", "include"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_busy_query_has_its_index(pg, make_user, page, run, table, pattern, columns, include):
    """The page's query still filters on the columns, and an index leads with exactly them."""
    assert_query(run(make_user), pattern)
    assert_index(table, columns, include)
