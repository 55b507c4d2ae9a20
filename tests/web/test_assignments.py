"""Assignment pages: trainers list, create (errors beside their fields), read reports and remove;
supervisors read their own team's; learners get 403 and see their assignments in the catalogue."""

from __future__ import annotations

import html
import json
import re
from datetime import date, timedelta

from sqlalchemy import select

from qa_app.extensions import db as _db
from qa_app.models import Assignment

from ..db import test_assignment_service as shared

library = shared.library  # the one-reply lamp scenario with two key points
attempt = shared.attempt
play = shared.play


def token_of(page: str) -> str:
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', page).group(0)
    return re.search(r'value="([^"]+)"', field).group(1)


def english(client) -> None:
    client.post("/lang", data={"lang": "en"})


def logged_in(client, login, user) -> None:
    login(user)
    english(client)


def make_assignment(trainer, **fields) -> Assignment:
    row = Assignment(scenario_id="assign-lamp", assigned_by_id=trainer.id, **fields)
    _db.session.add(row)
    _db.session.commit()
    return row


def test_learners_get_403_on_every_assignment_page(client, library, make_user, login):
    """A learner opens none of the pages, not even the report of their own assignment."""
    learner = make_user()
    trainer = make_user("trainer")
    mine = make_assignment(trainer, user_id=learner.id)
    logged_in(client, login, learner)
    for url in (
        "/authoring/assignments",
        "/authoring/assignments/new",
        f"/authoring/assignments/{mine.id}",
        f"/authoring/assignments/{mine.id}/delete",
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(f"/authoring/assignments/{mine.id}/delete", data={"confirm": "y"}).status_code
        == 403
    )


def test_empty_list_offers_a_new_assignment(client, library, make_user, login):
    """With no assignments the trainer sees an empty state with the New assignment button."""
    logged_in(client, login, make_user("trainer"))
    page = client.get("/authoring/assignments").get_data(as_text=True)
    assert "No assignments yet" in page and 'href="/authoring/assignments/new"' in page
    assert 'href="/authoring/assignments"' in page and ">Assignments<" in page  # the nav link


def test_new_form_preselects_the_scenario_and_groups_learners_by_team(
    client, library, make_user, login
):
    """`?scenario=` preselects; teams are checkboxes and learners are grouped under their team."""
    make_user(team="Tiimi A")
    make_user(team="Tiimi B")
    make_user("supervisor", team="Tiimi A")  # not offered as a learner
    logged_in(client, login, make_user("trainer", team=None))
    page = client.get("/authoring/assignments/new?scenario=assign-lamp").get_data(as_text=True)
    assert re.search(
        r'<option selected value="assign-lamp">Refund for a broken lamp</option>', page
    )
    assert page.count('name="team_ids"') == 2 and page.count('name="user_ids"') == 2
    assert "<legend>Tiimi A</legend>" in page and "<legend>Tiimi B</legend>" in page
    assert "Supervisor" not in page[page.index("user_ids-group") :]


def test_invalid_form_shows_each_error_beside_its_field(client, library, make_user, login, db):
    """No target, a past date and a score of 120: 400, a summary, and each message at its field."""
    logged_in(client, login, make_user("trainer"))
    page = client.get("/authoring/assignments/new").get_data(as_text=True)
    response = client.post(
        "/authoring/assignments/new",
        data={
            "csrf_token": token_of(page),
            "scenario_id": "assign-lamp",
            "due_date": (date.today() - timedelta(days=1)).isoformat(),
            "min_score": "120",
        },
    )
    assert response.status_code == 400
    text = html.unescape(response.get_data(as_text=True))
    assert "Nothing was assigned yet" in text and 'role="alert"' in text
    assert re.search(r'id="team_ids-error">Choose at least one team or learner\.', text)
    assert re.search(r'id="due_date-error">The due date cannot be in the past\.', text)
    assert re.search(r'id="min_score-error">Enter a minimum score from 0 to 100', text)
    assert 'aria-describedby="min_score-error"' in text and 'value="120"' in text  # kept as typed
    assert db.session.scalars(select(Assignment)).first() is None


def test_unknown_scenario_is_an_error_on_the_scenario_field(client, library, make_user, login):
    """A scenario id that is not published in the library is refused at the select."""
    learner = make_user()
    logged_in(client, login, make_user("trainer"))
    token = token_of(client.get("/authoring/assignments/new").get_data(as_text=True))
    response = client.post(
        "/authoring/assignments/new",
        data={"csrf_token": token, "scenario_id": "draft-only", "user_ids": str(learner.id)},
    )
    assert response.status_code == 400
    assert 'id="scenario_id-error">Choose a published scenario from the list.' in response.get_data(
        as_text=True
    )


def test_trainer_assigns_to_a_team_and_a_learner_and_sees_the_list(
    client, library, make_user, login, db
):
    """One post makes one assignment per target; the list shows title, target, minimum and 0/n done."""
    team_member = make_user(team="Tiimi A")
    make_user(team="Tiimi A")
    solo = make_user(team="Tiimi B")
    logged_in(client, login, make_user("trainer"))
    token = token_of(client.get("/authoring/assignments/new").get_data(as_text=True))
    due = date.today() + timedelta(days=7)
    response = client.post(
        "/authoring/assignments/new",
        data={
            "csrf_token": token,
            "scenario_id": "assign-lamp",
            "team_ids": str(team_member.team_id),
            "user_ids": str(solo.id),
            "due_date": due.isoformat(),
            "min_score": "70",
            "note": "Mind the amount.",
        },
    )
    assert response.status_code == 303 and response.headers["Location"].endswith(
        "/authoring/assignments"
    )
    made = list(db.session.scalars(select(Assignment)))
    assert {(a.team_id, a.user_id, a.min_score, a.due_date) for a in made} == {
        (team_member.team_id, None, 70, due),
        (None, solo.id, 70, due),
    }
    page = client.get("/authoring/assignments").get_data(as_text=True)
    assert page.count("Refund for a broken lamp") == 2
    assert "Tiimi A" in page and solo.name in page
    assert "0/2 done" in page and "0/1 done" in page


def test_report_shows_statuses_chart_data_and_missed_key_points(client, library, make_user, login):
    """The report lists each learner's status, carries the distribution for the chart and a table, and the misses."""
    trainer = make_user("trainer", team="Tiimi A")
    strong, weak, idle = (
        make_user(team="Tiimi A"),
        make_user(team="Tiimi A"),
        make_user(team="Tiimi A"),
    )
    made = make_assignment(trainer, team_id=strong.team_id, min_score=60)
    play(strong, shared.STRONG)
    play(weak, shared.WEAK)
    logged_in(client, login, trainer)
    page = html.unescape(client.get(f"/authoring/assignments/{made.id}").get_data(as_text=True))
    rows = {
        name: page[page.index(name) : page.index("</tr>", page.index(name))]
        for name in (strong.name, weak.name, idle.name)
    }
    assert (
        "Done" in rows[strong.name]
        and "Below the minimum" in rows[weak.name]
        and "Not started" in rows[idle.name]
    )
    assert "completion: 1 of 3 learners done" in page and "33 %" in page
    values = json.loads(re.search(r"data-values='([^']+)'", page).group(1))
    labels = json.loads(re.search(r"data-labels='([^']+)'", page).group(1))
    assert sum(values) == 2 and len(values) == len(labels) == 10 and labels[0] == "0–9"
    assert "Distribution as a table" in page
    assert (
        "js/authoring-assign.js" in page
        and "vendor/chart.umd.js" in page
        and "<script>" not in page
    )
    missed = page[page.index("Key points missed most") :]
    assert "Refunds the full 49 EUR" in missed and "1 of 2" in missed


def test_supervisor_reads_own_team_reports_only(client, library, make_user, login):
    """A supervisor sees the list and report of their team's assignment; another team's is 403; no managing."""
    trainer = make_user("trainer")
    own = make_assignment(trainer, team_id=make_user(team="Tiimi A").team_id)
    other_learner = make_user(team="Tiimi B")
    other = make_assignment(trainer, team_id=other_learner.team_id)
    personal = make_assignment(trainer, user_id=other_learner.id)
    logged_in(client, login, make_user("supervisor", team="Tiimi A"))
    listing = client.get("/authoring/assignments").get_data(as_text=True)
    assert f"/authoring/assignments/{own.id}" in listing
    assert f'/authoring/assignments/{other.id}"' not in listing and "New assignment" not in listing
    assert client.get(f"/authoring/assignments/{own.id}").status_code == 200
    assert client.get(f"/authoring/assignments/{other.id}").status_code == 403
    assert client.get(f"/authoring/assignments/{personal.id}").status_code == 403
    assert client.get("/authoring/assignments/new").status_code == 403
    assert client.get(f"/authoring/assignments/{own.id}/delete").status_code == 403
    assert client.get("/authoring/assignments/9999").status_code == 404


def test_removing_asks_for_confirmation(client, library, make_user, login, db):
    """Without the box ticked nothing is removed; with it the assignment goes and the list says so."""
    trainer = make_user("trainer")
    made_id = make_assignment(trainer, team_id=make_user().team_id).id
    logged_in(client, login, trainer)
    page = client.get(f"/authoring/assignments/{made_id}/delete").get_data(as_text=True)
    assert "will no longer be assigned to" in page
    token = token_of(page)
    refused = client.post(f"/authoring/assignments/{made_id}/delete", data={"csrf_token": token})
    assert refused.status_code == 400 and "Tick the box to confirm." in refused.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert db.session.get(Assignment, made_id) is not None
    done = client.post(
        f"/authoring/assignments/{made_id}/delete", data={"csrf_token": token, "confirm": "y"}
    )
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(Assignment, made_id) is None
    assert "removed" in client.get("/authoring/assignments").get_data(as_text=True)


def test_learner_catalogue_and_progress_show_the_assignment_and_standing(
    client, library, make_user, login
):
    """The learner's card says it is assigned to them, its minimum, and 'score 62/70 — try again'."""
    learner = make_user(team="Tiimi A")
    trainer = make_user("trainer")
    make_assignment(
        trainer,
        user_id=learner.id,
        min_score=70,
        due_date=date.today() + timedelta(days=5),
        note="Check the amount.",
    )
    logged_in(client, login, learner)
    page = html.unescape(client.get("/practice/").get_data(as_text=True))
    assert "Assigned to you" in page and "minimum score 70" in page and "Check the amount." in page
    attempt(learner, 62)
    page = html.unescape(client.get("/practice/").get_data(as_text=True))
    assert "score 62/70 — try again" in page
    progress_page = html.unescape(client.get("/practice/progress").get_data(as_text=True))
    assert "My assignments" in progress_page and "score 62/70 — try again" in progress_page
    attempt(learner, 75)
    page = html.unescape(client.get("/practice/").get_data(as_text=True))
    assert "Done · best 75" in page and "try again" not in page


def test_demo_assignments_have_live_reports(client, db, login):
    """The demo's team assignment with a minimum, and its one personal assignment, have played attempts to report."""
    from qa_app.services.authoring import assignments as service
    from qa_app.services.demo import load_demo
    from qa_app.services.demo_practice import play_demo_attempts
    from qa_app.services.users import find_user

    users = [user for user, _ in load_demo(password="demo-password-42", conversations=0)]
    play_demo_attempts(users)
    by_scenario = {a.scenario_id: a for a in db.session.scalars(select(Assignment))}
    team = service.report(by_scenario["jonotusmaksu"])
    statuses = {row.learner.email: row.status for row in team.summary.learners}
    assert by_scenario["jonotusmaksu"].min_score is not None and team.summary.total == 5
    assert statuses["mikko.nieminen@example.com"] == service.DONE
    assert statuses["sami.heikkinen@example.com"] == service.BELOW_MINIMUM
    assert statuses["learner2@example.com"] == service.NOT_STARTED
    assert team.missed and team.scored == 4
    personal = by_scenario["vaara-alennuslupaus"]
    assert personal.user.email == "learner2@example.com" and personal.min_score is not None
    login(find_user("kouluttaja@example.com"), "demo-password-42")
    assert client.get(f"/authoring/assignments/{personal.id}").status_code == 200
