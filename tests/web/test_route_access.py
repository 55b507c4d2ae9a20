"""Every route and method of the app, as every kind of visitor, against real records of one team.

The table names, for each registered route and method, the status each visitor gets: anonymous,
a learner of Tiimi A, the agent (a Tiimi A learner whose attempts and conversations these are),
the Tiimi A supervisor (reviewer, rule and job owner, calibration owner), the Tiimi B supervisor,
a Tiimi A trainer and an admin. Ids in the URLs are the records tests/web/route_access_world.py
builds once for the module. A route missing from the table, or an entry for a route that no
longer exists, fails the test by name. Posts are sent without a body (CSRF is off in the test
config; tests/web/test_security.py checks it separately), so an allowed post mostly meets a
form error (400/422) and a refused one must leave every table exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select
from werkzeug.exceptions import MethodNotAllowed

from qa_app.extensions import db
from qa_app.models.audit import append_only_lifted
from tests.conftest import TEST_PASSWORD
from tests.web.route_access_world import (
    FRESH,
    NAMES,
    RUBRIC,
    RULE_NAME,
    SCENARIO,
    SESSION_TITLES,
    build_world,
)

LOGIN = "login"  # 302 to the login page, with this page as a local `next`
REFUSED = {LOGIN, 401, 403, 404}
READINESS = frozenset({200, 503})  # either answer is right for /readyz
SKIPPED = {"static"}  # files, served the same to everyone
ROLES = ("anonymous", "learner", "agent", "supervisor", "other_supervisor", "trainer", "admin")


@dataclass(frozen=True)
class Fresh:
    """A record made just before the request (by route_access_world.FRESH), for posts that remove
    or close what they are given, so one visitor's allowed post leaves the next one a record."""

    name: str


@dataclass(frozen=True)
class Case:
    endpoint: str
    method: str
    values: dict
    expect: dict = field(hash=False)


def C(endpoint: str, method: str, values: dict, *statuses) -> Case:
    """One row: the route, its URL values (world record names or literals), a status per role."""
    assert len(statuses) == len(ROLES), endpoint
    return Case(endpoint, method, values, dict(zip(ROLES, statuses, strict=True)))


S = {"scenario_id": SCENARIO}
OPEN = {"session_id": "session_open", "item_id": "session_open_item"}
CLOSED = {"session_id": "session_closed", "item_id": "session_closed_item"}
SCORED = {"session_id": "session_scored", "item_id": "session_scored_item"}
DRAFT = {"version_id": "draft"}
SCENARIO_ID = {"content_id": SCENARIO}
RUBRIC_ID = {"content_id": RUBRIC}
ASSIGNMENT = {"assignment_id": "assignment"}

# fmt: off
CASES = [
    #  endpoint, method, URL values,                                  anon   learner agent sup  other trainer admin
    C("main.home", "GET", {},                                          LOGIN, 200, 200, 200, 200, 200, 200),
    C("main.set_language", "POST", {},                                 302, 302, 302, 302, 302, 302, 302),
    C("health.healthz", "GET", {},                                     200, 200, 200, 200, 200, 200, 200),
    # Ready or not depends on what earlier tests left running (Redis, the grammar tools), not on
    # who asks: every visitor hears the same status, and nothing but status is told.
    C("health.readyz", "GET", {},                                      *[READINESS] * 7),
    C("auth.login", "GET", {},                                         200, 302, 302, 302, 302, 302, 302),
    C("auth.login", "POST", {},                                        200, 302, 302, 302, 302, 302, 302),
    C("auth.logout", "POST", {},                                       LOGIN, 302, 302, 302, 302, 302, 302),
    # The API takes bearer tokens only: a browser session is not enough.
    C("api.grade", "POST", {},                                         401, 401, 401, 401, 401, 401, 401),
    C("api.openapi_spec", "GET", {},                                   200, 200, 200, 200, 200, 200, 200),

    # Practice: everyone logged in practises; an attempt is its learner's, their team's supervisors'
    # and trainers' to read (only the learner replies), nobody else's.
    C("practice.catalogue", "GET", {},                                 LOGIN, 200, 200, 200, 200, 200, 200),
    C("practice.progress_page", "GET", {},                             LOGIN, 200, 200, 200, 200, 200, 200),
    C("practice.confirm_start", "GET", S,                              LOGIN, 302, 200, 302, 302, 302, 302),
    C("practice.start", "POST", S,                                     LOGIN, 303, 303, 303, 303, 303, 303),
    C("practice.attempt", "GET", {"attempt_id": "attempt_open"},       LOGIN, 403, 200, 403, 403, 403, 403),
    C("practice.attempt", "POST", {"attempt_id": "attempt_open"},      LOGIN, 403, 422, 403, 403, 403, 403),
    C("practice.attempt", "GET", {"attempt_id": "attempt_done"},       LOGIN, 403, 303, 303, 403, 303, 303),
    C("practice.attempt", "POST", {"attempt_id": "attempt_done"},      LOGIN, 403, 303, 303, 403, 303, 303),
    C("practice.debrief", "GET", {"attempt_id": "attempt_done"},       LOGIN, 403, 200, 200, 403, 200, 200),
    C("practice.debrief", "GET", {"attempt_id": "attempt_open"},       LOGIN, 403, 302, 200, 403, 200, 200),

    # Review: supervisors and admins; a conversation, review, dispute or job of Tiimi A is 404 to
    # everyone else (as if it did not exist). The agent reads and answers their own review.
    C("review.overview", "GET", {},                                    LOGIN, 403, 403, 200, 200, 403, 200),
    C("review.queue", "GET", {},                                       LOGIN, 403, 403, 200, 200, 403, 200),
    C("review.apply_rules", "POST", {},                                LOGIN, 403, 403, 303, 303, 403, 303),
    C("review.sampling_rules", "GET", {},                              LOGIN, 403, 403, 200, 200, 403, 200),
    C("review.sampling_rules", "POST", {},                             LOGIN, 403, 403, 400, 400, 403, 400),
    C("review.toggle_rule", "POST", {"rule_id": "rule"},               LOGIN, 403, 403, 303, 404, 403, 303),
    C("review.conversations", "GET", {},                               LOGIN, 403, 403, 200, 200, 403, 200),
    C("review.conversation", "GET", {"conversation_id": "conversation"},  LOGIN, 404, 404, 200, 404, 404, 200),
    C("review.conversation", "POST", {"conversation_id": "conversation"}, LOGIN, 404, 404, 400, 404, 404, 400),
    C("review.save_draft", "POST", {"conversation_id": "conversation"},   LOGIN, 404, 404, 409, 404, 404, 200),
    C("review.review_detail", "GET", {"review_id": "review"},          LOGIN, 404, 200, 200, 404, 404, 200),
    C("review.acknowledge_review", "POST", {"review_id": "review"},    LOGIN, 404, 303, 404, 404, 404, 404),
    C("review.dispute_review", "POST", {"review_id": "review"},        LOGIN, 404, 400, 404, 404, 404, 404),
    C("review.disputes", "GET", {},                                    LOGIN, 403, 403, 200, 200, 403, 200),
    C("review.resolve_dispute", "POST", {"dispute_id": "dispute"},     LOGIN, 404, 404, 400, 404, 404, 400),
    C("review.my_reviews", "GET", {},                                  LOGIN, 200, 200, 200, 200, 200, 200),
    C("review.quality", "GET", {},                                     LOGIN, 403, 403, 200, 200, 403, 200),
    C("review.quality_csv", "GET", {},                                 LOGIN, 403, 403, 200, 200, 403, 200),
    C("review.import_conversations", "GET", {},                        LOGIN, 403, 403, 200, 200, 403, 200),
    C("review.import_conversations", "POST", {},                       LOGIN, 403, 403, 400, 400, 403, 400),
    C("review.prescore_unscored", "POST", {},                          LOGIN, 403, 403, 302, 302, 403, 302),
    C("review.job", "GET", {"job_id": "job"},                          LOGIN, 404, 404, 200, 404, 404, 200),
    C("review.job_progress", "GET", {"job_id": "job"},                 LOGIN, 404, 404, 200, 404, 404, 200),

    # Calibration: supervisors and admins; a session is its owner's, participants' and admins'.
    C("calibration.sessions", "GET", {},                               LOGIN, 403, 403, 200, 200, 403, 200),
    C("calibration.new_session", "GET", {},                            LOGIN, 403, 403, 200, 200, 403, 200),
    C("calibration.new_session", "POST", {},                           LOGIN, 403, 403, 400, 400, 403, 400),
    C("calibration.session", "GET", {"session_id": "session_open"},    LOGIN, 403, 403, 200, 404, 403, 200),
    C("calibration.close", "POST", {"session_id": Fresh("open_session")}, LOGIN, 403, 403, 303, 404, 403, 303),
    C("calibration.score", "GET", OPEN,                                LOGIN, 403, 403, 200, 404, 403, 404),
    C("calibration.score", "POST", OPEN,                               LOGIN, 403, 403, 400, 404, 403, 404),
    # An item of another session under this session's id is not found, even for its owner.
    C("calibration.score", "GET", {"session_id": "session_open", "item_id": "session_closed_item"},
      LOGIN, 403, 403, 404, 404, 403, 404),
    C("calibration.draft", "POST", OPEN,                               LOGIN, 403, 403, 200, 404, 403, 404),
    # Blind until the viewer has scored everything or the session closes: back to the session page.
    C("calibration.results", "GET", {"session_id": "session_open"},    LOGIN, 403, 403, 303, 404, 403, 303),
    C("calibration.results", "GET", {"session_id": "session_closed"},  LOGIN, 403, 403, 200, 404, 403, 200),
    C("calibration.export", "GET", {"session_id": "session_closed"},   LOGIN, 403, 403, 200, 404, 403, 200),
    C("calibration.export", "GET", {"session_id": "session_open"},     LOGIN, 403, 403, 404, 404, 403, 404),
    C("calibration.agree", "GET", OPEN,                                LOGIN, 403, 403, 404, 404, 403, 404),
    # The owner has scored everything and sees the results, but agrees only once the session is closed.
    C("calibration.results", "GET", {"session_id": "session_scored"},  LOGIN, 403, 403, 200, 404, 403, 303),
    C("calibration.agree", "GET", SCORED,                              LOGIN, 403, 403, 404, 404, 403, 404),
    C("calibration.agree", "POST", SCORED,                             LOGIN, 403, 403, 404, 404, 403, 404),
    C("calibration.agree", "GET", CLOSED,                              LOGIN, 403, 403, 200, 404, 403, 200),
    C("calibration.agree", "POST", CLOSED,                             LOGIN, 403, 403, 303, 404, 403, 303),
    C("calibration.make_review", "POST", CLOSED,                       LOGIN, 403, 403, 303, 404, 403, 303),
    C("calibration.make_review", "POST", OPEN,                         LOGIN, 403, 403, 303, 404, 403, 303),

    # Authoring: trainers and admins; supervisors read their own team's assignments.
    C("authoring.library", "GET", {},                                  LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.new_scenario", "GET", {},                             LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.new_scenario", "POST", {},                            LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.edit_scenario", "GET", SCENARIO_ID,                   LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.edit_scenario", "POST", SCENARIO_ID,                  LOGIN, 403, 403, 403, 403, 302, 302),
    C("authoring.edit_scenario_yaml", "GET", SCENARIO_ID,              LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.edit_scenario_yaml", "POST", SCENARIO_ID,             LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.samples", "GET", SCENARIO_ID,                         LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.samples", "POST", SCENARIO_ID,                        LOGIN, 403, 403, 403, 403, 422, 422),
    C("authoring.new_rubric", "GET", {},                               LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.new_rubric", "POST", {},                              LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.edit_rubric", "GET", RUBRIC_ID,                       LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.edit_rubric", "POST", RUBRIC_ID,                      LOGIN, 403, 403, 403, 403, 302, 302),
    C("authoring.edit_rubric_yaml", "GET", RUBRIC_ID,                  LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.edit_rubric_yaml", "POST", RUBRIC_ID,                 LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.history", "GET", {"kind": "scenario", **SCENARIO_ID}, LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.version", "GET", DRAFT,                               LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.try_it", "GET", DRAFT,                                LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.try_it", "POST", DRAFT,                               LOGIN, 403, 403, 403, 403, 422, 422),
    C("authoring.publish", "GET", DRAFT,                               LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.publish", "POST", DRAFT,                              LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.discard", "GET", DRAFT,                               LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.discard", "POST", {"version_id": Fresh("rubric_draft")}, LOGIN, 403, 403, 403, 403, 302, 302),
    C("authoring.assignments", "GET", {},                              LOGIN, 403, 403, 200, 200, 200, 200),
    C("authoring.assignment", "GET", ASSIGNMENT,                       LOGIN, 403, 403, 200, 403, 200, 200),
    C("authoring.new_assignment", "GET", {},                           LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.new_assignment", "POST", {},                          LOGIN, 403, 403, 403, 403, 400, 400),
    C("authoring.delete_assignment", "GET", ASSIGNMENT,                LOGIN, 403, 403, 403, 403, 200, 200),
    C("authoring.delete_assignment", "POST", ASSIGNMENT,               LOGIN, 403, 403, 403, 403, 400, 400),

    # Administration: admins only.
    C("admin.users", "GET", {},                                        LOGIN, 403, 403, 403, 403, 403, 200),
    C("admin.create_user", "POST", {},                                 LOGIN, 403, 403, 403, 403, 403, 400),
    C("admin.create_team", "POST", {},                                 LOGIN, 403, 403, 403, 403, 403, 400),
    C("admin.create_token", "POST", {},                                LOGIN, 403, 403, 403, 403, 403, 400),
    C("admin.failed_jobs", "GET", {},                                  LOGIN, 403, 403, 403, 403, 403, 200),
    C("admin.retry_job", "POST", {"job_id": "job"},                    LOGIN, 403, 403, 403, 403, 403, 302),
    C("admin.retry_all_jobs", "POST", {},                              LOGIN, 403, 403, 403, 403, 403, 302),
    C("admin.tokens", "GET", {},                                       LOGIN, 403, 403, 403, 403, 403, 200),
    C("admin.confirm_revoke_token", "GET", {"token_id": "token"},      LOGIN, 403, 403, 403, 403, 403, 200),
    C("admin.revoke_token", "POST", {"token_id": "token"},             LOGIN, 403, 403, 403, 403, 403, 302),
    C("admin.audit_log", "GET", {},                                    LOGIN, 403, 403, 403, 403, 403, 200),
    C("admin.audit_csv", "GET", {},                                    LOGIN, 403, 403, 403, 403, 403, 200),
]
# fmt: on


def _order(case: Case) -> tuple[int, int]:
    """Reads first, then posts; logging out last, so the visitor stays logged in throughout."""
    return (case.endpoint == "auth.logout", case.method != "GET")


@pytest.fixture(scope="module")
def world(app):
    """The records, built once; every table is emptied after the module, as the `db` fixture does."""
    with app.app_context():
        built = build_world()
        found = dict(built.ids), {key: user.email for key, user in built.users.items()}
    yield found
    with app.app_context():
        db.session.rollback()
        with db.engine.begin() as connection, append_only_lifted(connection):
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        db.session.remove()


def _routes(app) -> set[tuple[str, str]]:
    return {(rule.endpoint, method) for rule in app.url_map.iter_rules() if rule.endpoint not in SKIPPED
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_route_and_method_has_an_entry(app):
    """A new route fails here until the table says who may use it; a removed route's entry too."""
    routes, listed = _routes(app), {(case.endpoint, case.method) for case in CASES}
    missing, stale = sorted(routes - listed), sorted(listed - routes)
    assert not missing, f"routes without an entry in CASES: {missing}"
    assert not stale, f"entries in CASES for routes that no longer exist: {stale}"
    assert len(routes) >= 90


def test_a_method_a_route_does_not_take_is_405_for_everyone(app, world):
    """Each post-only address answers a GET with 405 (naming POST in Allow) before any view runs."""
    ids, _ = world
    client, adapter = app.test_client(), app.url_map.bind("localhost")
    checked = set()
    for case in CASES:
        url = _url(app, case, ids) if case.method == "POST" else None
        if url is None or url in checked:
            continue
        try:
            adapter.match(url, method="GET")
            continue  # another view reads this address
        except MethodNotAllowed:
            checked.add(url)
        response = client.get(url)
        assert response.status_code == 405, (url, response.status_code)
        assert "POST" in response.headers["Allow"], url
    assert len(checked) >= 15


def _snapshot(app) -> dict[str, list]:
    """Every row of every table, to show that a refused request changed nothing."""
    with app.app_context(), db.engine.connect() as connection:
        return {table.name: [tuple(row) for row in connection.execute(
            select(table).order_by(*table.primary_key.columns))] for table in db.metadata.sorted_tables}


def _url(app, case: Case, ids: dict[str, int]) -> str:
    values = {}
    for name, value in case.values.items():
        if isinstance(value, Fresh):
            with app.app_context():
                values[name] = FRESH[value.name]()
        else:
            values[name] = ids.get(value, value)
    return app.url_map.bind("localhost").build(case.endpoint, values, method=case.method)


def _outcome(response) -> int | str:
    location = response.headers.get("Location", "")
    if response.status_code == 302 and urlsplit(location).path == "/auth/login" and "next=" in location:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_visitor_gets_the_expected_answer_on_every_route(app, world, role):
    """Every route, as this visitor, answers as the table says; a refused post changes no row anywhere."""
    ids, emails = world
    client = app.test_client()
    if role != "anonymous":
        assert client.post("/auth/login", data={"email": emails[role], "password": TEST_PASSWORD}).status_code == 302
    wrong = []
    for case in sorted(CASES, key=_order):
        url = _url(app, case, ids)
        expected = case.expect[role]
        before = _snapshot(app) if expected in REFUSED and case.method != "GET" else None
        response = client.open(url, method=case.method)
        got = _outcome(response)
        if got != expected and not (isinstance(expected, frozenset) and got in expected):
            wrong.append(f"{case.method} {url} ({case.endpoint}): expected {expected}, got {got}")
            continue
        if got == LOGIN:
            sent_back = parse_qs(urlsplit(response.headers["Location"]).query).get("next", [""])[0]
            assert urlsplit(sent_back).path == urlsplit(url).path, (url, response.headers["Location"])
        if before is not None:
            after = _snapshot(app)
            changed = [name for name in before if before[name] != after[name]]
            if changed:
                wrong.append(f"{case.method} {url} ({case.endpoint}) was refused ({got}) but changed {changed}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


LISTS = ("/", "/review/", "/review/queue", "/review/rules", "/review/disputes?status=all", "/review/conversations",
         "/review/quality", "/review/quality.csv", "/review/mine", "/calibration/", "/authoring/assignments",
         "/practice/progress")


def _pages(app, email: str) -> dict[str, str]:
    client = app.test_client()
    assert client.post("/auth/login", data={"email": email, "password": TEST_PASSWORD}).status_code == 302
    return {path: client.get(path).get_data(as_text=True) for path in LISTS}


def test_lists_show_another_team_nothing_of_tiimi_a(app, world):
    """The lists and dashboards name Tiimi A's agent, rule, sessions and conversations to its supervisor,
    and none of them to the Tiimi B supervisor or to another Tiimi A learner."""
    _, emails = world
    markers = (NAMES["agent"], RULE_NAME, *SESSION_TITLES, "access-2")
    own = "\n".join(_pages(app, emails["supervisor"]).values())
    assert [marker for marker in markers if marker not in own] == []
    for role in ("other_supervisor", "learner"):
        leaks = [(path, marker) for path, page in _pages(app, emails[role]).items() for marker in markers
                 if marker in page]
        assert leaks == [], role


def test_the_records_are_the_teams_own():
    """The object-level columns are real: the other team's supervisor is refused what Tiimi A's may do."""
    disagree = [c.endpoint for c in CASES if c.values and c.expect["supervisor"] != c.expect["other_supervisor"]]
    assert len(disagree) >= 20, disagree
