"""Every authoring route, as every role: learners never reach one, supervisors only assignment reports,
and a draft never reaches the practice side."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa_app.models import Assignment
from qa_app.services import content_versions
from qa_app.services.authoring import drafts

ROOT = Path(__file__).resolve().parents[2]
# Routes a supervisor may read (their own team's assignments); every other authoring route is
# for trainers and admins only. A new authoring route is covered by the loop without an entry.
SUPERVISOR_READS = {"authoring.assignments"}


def _authoring_urls(app, draft_id: int, assignment_id: int = 1) -> list[tuple[str, str, str]]:
    values = {
        "content_id": "vaara-alennuslupaus",
        "version_id": str(draft_id),
        "kind": "scenario",
        "assignment_id": str(assignment_id),
    }
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("authoring."):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda match: values[match.group(1)], rule.rule)
        urls.extend((rule.endpoint, method, path) for method in sorted(rule.methods - {"HEAD", "OPTIONS"}))
    return urls


@pytest.fixture()
def draft(db, make_user):
    content_versions.import_starter(ROOT)
    opened = drafts.start_draft("scenario", "vaara-alennuslupaus", make_user("trainer"))
    db.session.commit()
    return opened


@pytest.fixture()
def other_team_assignment(db, make_user):
    """An assignment to another team than the supervisor's (make_user puts people in Tiimi A)."""
    learner = make_user("learner", team="Tiimi B")
    assignment = Assignment(team_id=learner.team_id, scenario_id="vaara-alennuslupaus")
    db.session.add(assignment)
    db.session.commit()
    return assignment


@pytest.mark.parametrize("role", ["learner", "supervisor"])
def test_no_authoring_route_lets_a_learner_or_supervisor_change_or_read_drafts(
    app, client, make_user, login, draft, other_team_assignment, role
):
    """Learners get 403 on every authoring route and method; supervisors on all but their team's
    assignments (here: another team's, so the report is refused too)."""
    login(make_user(role))
    urls = _authoring_urls(app, draft.id, other_team_assignment.id)
    assert len(urls) >= 15
    for endpoint, method, path in urls:
        response = client.open(path, method=method)
        if role == "supervisor" and endpoint in SUPERVISOR_READS and method == "GET":
            assert response.status_code == 200, (endpoint, method, path)
        else:
            assert response.status_code == 403, (endpoint, method, path, response.status_code)
    assert drafts.current_draft("scenario", "vaara-alennuslupaus").id == draft.id


def test_anonymous_visitors_are_sent_to_log_in(app, client, draft):
    for _, method, path in _authoring_urls(app, draft.id):
        response = client.open(path, method=method)
        assert response.status_code in (302, 401), (method, path)
        if response.status_code == 302:
            assert "/auth/login" in response.headers["Location"]


def test_a_new_scenario_that_is_only_a_draft_cannot_be_played(client, make_user, login, db):
    """A learner cannot start, or see in the catalogue, a scenario nobody has published yet."""
    content_versions.import_starter(ROOT)
    drafts.new_draft("scenario", {"id": "salainen-luonnos", "language": "fi"}, make_user("trainer"))
    db.session.commit()
    login(make_user("learner"))
    assert "salainen-luonnos" not in client.get("/practice/").get_data(as_text=True)
    assert client.post("/practice/start/salainen-luonnos").status_code == 404
