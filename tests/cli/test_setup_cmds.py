"""`kohtaamo demo`, `users add` and `tokens create`."""

from __future__ import annotations

from sqlalchemy import select

from qa_app.models import Team, User


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
    runner.invoke(args=["demo"])
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 2
    assert "already loaded" in result.output


def test_demo_if_empty_is_harmless_twice(runner, db):
    """`demo --if-empty` on a filled database changes nothing and succeeds."""
    runner.invoke(args=["demo"])
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0
    assert len(list(db.session.scalars(select(User)))) == 5


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
