"""`kohtaamo demo`, `users add` and `tokens create`."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from babel.dates import format_date
from sqlalchemy import select

from qa_app.models import Assignment, Team, User
from qa_app.services import content_store, progress
from qa_app.services.demo import DEMO_TRAINER, DEMO_USERS, load_demo
from qa_app.services.users import find_user

DEMO_PASSWORD = "demo-password-42"


def test_demo_on_empty_database_creates_every_role(runner, db):
    """`kohtaamo demo` creates one user per role in a demo team and prints their passwords."""
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    roles = {user.role for user in db.session.scalars(select(User))}
    assert roles == {"learner", "supervisor", "trainer", "admin"}
    assert db.session.scalars(select(Team)).first() is not None
    assert "oppija@example.com" in result.output and "demo-" in result.output


def test_demo_twice_is_a_clear_error(runner, db):
    """Loading the demo twice exits 2 with one line instead of duplicating users."""
    runner.invoke(args=["demo", "--conversations", "0"])
    result = runner.invoke(args=["demo", "--conversations", "0"])
    assert result.exit_code == 2
    assert "already loaded" in result.output


def test_demo_if_empty_is_harmless_twice(runner, db):
    """`demo --if-empty` on a filled database changes nothing and succeeds."""
    runner.invoke(args=["demo", "--conversations", "0"])
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0
    assert len(list(db.session.scalars(select(User)))) == len(DEMO_USERS)


def test_demo_learner_sees_assigned_starter_scenarios_first(runner, db):
    """After `kohtaamo demo` the demo learner's catalogue starts with the assignments, soonest due first."""
    assert runner.invoke(args=["demo", "--conversations", "0"]).exit_code == 0
    cards = progress.catalogue(find_user("oppija@example.com"), {}, "en")
    today = date.today()
    assert [(card.scenario.id, card.due_date) for card in cards[:3]] == [
        ("jonotusmaksu", today + timedelta(days=3)),
        ("facebook-valitus", today + timedelta(days=7)),
        ("sarcastic-refund", today + timedelta(days=14)),
    ]
    assert all(card.assigned for card in cards[:3]) and not any(c.assigned for c in cards[3:])
    assert all(card.attempts == 0 and card.best is None for card in cards)
    trainer = find_user(DEMO_TRAINER)
    assert {a.assigned_by_id for a in db.session.scalars(select(Assignment))} == {trainer.id}


def test_demo_catalogue_page_shows_assignments_with_due_dates(client, db, login):
    """The demo learner's catalogue page lists the assigned scenarios first, each with its due date."""
    load_demo(password=DEMO_PASSWORD, conversations=0)
    login(find_user("oppija@example.com"), DEMO_PASSWORD)
    client.post("/lang", data={"lang": "en"})
    page = client.get("/practice/").get_data(as_text=True)
    titles = [
        content_store.library().scenario(scenario_id).title("en")
        for scenario_id in ("jonotusmaksu", "facebook-valitus", "sarcastic-refund")
    ]
    positions = [page.index(title) for title in titles]
    other = content_store.library().scenario("rambling-email-move").title("en")
    assert positions == sorted(positions) and positions[-1] < page.index(other)
    assert page.count("Assigned to your team") == 3
    for days in (3, 7, 14):
        due = format_date(date.today() + timedelta(days=days), "d MMM yyyy", locale="en")
        assert f"due {due}" in page


def test_demo_skips_assignments_missing_from_the_library(app, runner, db, tmp_path):
    """A starter scenario the library no longer has is left out instead of breaking the demo."""
    # The demo publishes CONTENT_DIR's starter files, so the scenario must be gone from those too.
    starter = tmp_path / "content"
    shutil.copytree(Path(app.config["CONTENT_DIR"]) / "rubrics", starter / "rubrics")
    shutil.copytree(Path(app.config["CONTENT_DIR"]) / "scenarios", starter / "scenarios")
    (starter / "scenarios" / "facebook-valitus.yaml").unlink()
    original, original_dir = content_store.library(), app.config["CONTENT_DIR"]
    kept = {k: v for k, v in original.scenarios_by_id.items() if k != "facebook-valitus"}
    content_store.set_library(app, replace(original, scenarios_by_id=kept))
    app.config["CONTENT_DIR"] = str(starter)
    try:
        result = runner.invoke(args=["demo", "--conversations", "0"])
    finally:
        content_store.set_library(app, original)
        app.config["CONTENT_DIR"] = original_dir
    assert result.exit_code == 0, result.output
    assigned = {a.scenario_id for a in db.session.scalars(select(Assignment))}
    # vaara-alennuslupaus is the demo's assignment to a single learner
    assert assigned == {"jonotusmaksu", "sarcastic-refund", "vaara-alennuslupaus"}


def test_users_add_and_bad_role(runner, db):
    """`users add` creates a user; an unknown role is CLI misuse (exit 2)."""
    ok = runner.invoke(args=["users", "add", "a@example.com", "--role", "trainer", "--team", "T"])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(args=["users", "add", "b@example.com", "--role", "boss"])
    assert bad.exit_code == 2


def test_users_add_duplicate_email_exits_2(runner, db):
    """A second user with the same email is refused with a clear line."""
    runner.invoke(args=["users", "add", "a@example.com"])
    result = runner.invoke(args=["users", "add", "A@example.com"])
    assert result.exit_code == 2
    assert "already exists" in result.output


def test_tokens_create_prints_token(runner, db):
    """`tokens create` prints a bearer token for an existing user."""
    runner.invoke(args=["users", "add", "api@example.com", "--role", "trainer"])
    result = runner.invoke(args=["tokens", "create", "api@example.com"])
    assert result.exit_code == 0 and result.output.startswith("kht_")


def test_set_password_for_unknown_user_exits_2(runner, db):
    """Setting a password for a user that does not exist is a one-line error."""
    result = runner.invoke(args=["users", "set-password", "ghost@example.com"])
    assert result.exit_code == 2 and "no user" in result.output


def test_set_password_then_login(runner, client, db):
    """A password set from the CLI works on the login form."""
    runner.invoke(args=["users", "add", "s@example.com"])
    assert runner.invoke(args=["users", "set-password", "s@example.com", "--password", "uusi-salasana"]).exit_code == 0
    response = client.post("/auth/login", data={"email": "s@example.com", "password": "uusi-salasana"})
    assert response.status_code == 302
