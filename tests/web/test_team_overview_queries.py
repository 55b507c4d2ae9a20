"""The team overview asks the database a fixed number of questions however many learners there are."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, select

from qa_app.models import Attempt, ContentVersion
from qa_app.models.user import utcnow


def _add_learners(db, make_user, count: int, scenario, rubric) -> list:
    learners = []
    for number in range(count):
        learner = make_user("learner", team="Tiimi A")
        for turn in range(number % 3):  # 0, 1 or 2 attempts; the second one finished
            finished = turn == 1
            db.session.add(Attempt(user_id=learner.id, scenario_version_id=scenario.id, rubric_version_id=rubric.id,
                                   status="finished" if finished else "in_progress",
                                   overall=80.0 if finished else None,
                                   started_at=utcnow() - timedelta(hours=turn),
                                   finished_at=utcnow() if finished else None))
        learners.append(learner)
    db.session.commit()
    return learners


def _statements_for_page(app, client) -> tuple[int, str]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        statements.append(statement)

    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        page = client.get("/review/")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert page.status_code == 200
    return len(statements), page.get_data(as_text=True)


def test_the_overview_query_count_does_not_grow_with_learners(app, db, client, make_user, login, published):
    """2 learners or 12: the same number of statements, and each learner's figures are right."""
    scenario = db.session.scalars(select(ContentVersion).where(ContentVersion.kind == "scenario")).first()
    rubric = db.session.scalars(select(ContentVersion).where(ContentVersion.kind == "rubric")).first()
    login(make_user("supervisor", team="Tiimi A"))
    _add_learners(db, make_user, 2, scenario, rubric)
    client.get("/review/")  # warm: the first request may load caches (library, translations)
    few, _ = _statements_for_page(app, client)
    learners = _add_learners(db, make_user, 10, scenario, rubric)
    many, page = _statements_for_page(app, client)
    assert many == few, f"{few} statements for 2 learners, {many} for 12"
    for learner in learners:
        assert learner.name in page
    # The per-learner figures: a learner with two attempts has one finished with 80.
    assert page.count('<td class="num">2</td><td class="num">1</td>') >= 3
