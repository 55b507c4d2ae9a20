"""Password policy: at least 12 characters, not the e-mail or name, not a common password.

Checked in the pure core (services/passwords.py), on the admin form (field errors, translated),
in the `kohtaamo users` commands (exit code 2, one line) and for the demo accounts.
"""

from __future__ import annotations

import pytest

from qa_app.services.passwords import (
    PasswordProblem,
    common_passwords,
    generate_password,
    password_problem,
)
from qa_app.services.users import find_user

EMAIL, NAME = "matti.virtanen@example.com", "Matti Virtanen"


@pytest.mark.parametrize(("password", "problem"), [
    ("lyhyt-sana1", PasswordProblem.TOO_SHORT),  # 11 characters
    ("x" * 201, PasswordProblem.TOO_LONG),
    (EMAIL, PasswordProblem.LIKE_IDENTITY),
    ("MATTI.VIRTANEN@example.com", PasswordProblem.LIKE_IDENTITY),
    ("mattivirtanen2026", PasswordProblem.LIKE_IDENTITY),
    ("Virtanen-kesä-2026", PasswordProblem.LIKE_IDENTITY),
    ("salasana1234", PasswordProblem.COMMON),
    ("Salasana2024!", PasswordProblem.COMMON),
    ("password123456", PasswordProblem.COMMON),
    ("qwertyuiop12", PasswordProblem.COMMON),
    ("Tervetuloa123", PasswordProblem.COMMON),
    ("kohtaamo2026!!", PasswordProblem.COMMON),
    ("123456789012", PasswordProblem.COMMON),
    ("aaaaaaaaaaaaa", PasswordProblem.COMMON),
    ("abababababab", PasswordProblem.COMMON),
    ("correct-horse-42", None),
    ("lumi sataa hiljaa illalla", None),
    ("12-kesäkuuta-mökillä", None),
])
def test_password_policy(password, problem):
    """Each rule refuses what it should and lets a long unrelated phrase through."""
    assert password_problem(password, EMAIL, NAME) == problem


def test_common_list_is_loaded_without_comments():
    """The data file gives lower-case stems and no comment lines."""
    stems = common_passwords()
    assert {"salasana", "password", "qwerty", "kohtaamo"} <= stems
    assert not any(stem.startswith("#") for stem in stems)


def test_generated_passwords_pass_the_policy():
    """Generated passwords (and demo ones, with their prefix) always pass."""
    for _ in range(200):
        assert password_problem(generate_password(EMAIL, NAME), EMAIL, NAME) is None
        demo = generate_password("oppija@example.com", "Olli Oppija", prefix="demo-")
        assert demo.startswith("demo-") and password_problem(demo, "oppija@example.com", "Olli Oppija") is None


@pytest.mark.parametrize(("password", "message"), [
    ("lyhyt-sana1", "Use at least 12 characters."),
    ("Matti Virtanen 2026", "The password must not be or contain the e-mail address or the name."),
    ("salasana2024", "This password is too common or too simple."),
])
def test_admin_form_shows_policy_errors_on_the_password_field(client, make_user, login, password, message):
    """The admin's new-user form refuses a weak password with a message under the password field."""
    login(make_user("admin"))
    response = client.post("/admin/users", headers={"Accept-Language": "en"}, data={
        "user-email": EMAIL, "user-name": NAME, "user-role": "learner", "user-password": password})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="user-password-error"' in page and message in page
    assert find_user(EMAIL) is None


def test_admin_form_policy_error_is_in_finnish(client, make_user, login):
    """The field error is translated."""
    login(make_user("admin"))
    response = client.post("/admin/users", headers={"Accept-Language": "fi"}, data={
        "user-email": EMAIL, "user-name": NAME, "user-role": "learner", "user-password": "salasana2024"})
    assert "Tämä salasana on liian yleinen tai liian yksinkertainen." in response.get_data(as_text=True)


def test_admin_form_accepts_a_good_password(client, make_user, login):
    """A long unrelated phrase creates the user."""
    login(make_user("admin"))
    response = client.post("/admin/users", data={
        "user-email": EMAIL, "user-name": NAME, "user-role": "learner", "user-password": "lumi sataa hiljaa"})
    assert response.status_code == 200 and find_user(EMAIL) is not None


@pytest.mark.parametrize("args", [
    ["users", "add", EMAIL, "--name", NAME, "--password", "salasana2024"],
    ["users", "add", EMAIL, "--name", NAME, "--password", "short-one"],
    ["users", "add", EMAIL, "--name", NAME, "--password", "mattivirtanen!!"],
])
def test_cli_add_user_refuses_weak_password_with_exit_2(runner, args):
    """`kohtaamo users add --password WEAK` exits 2 with one line on stderr and creates nobody."""
    result = runner.invoke(args=args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kohtaamo: password ")
    assert find_user(EMAIL) is None


def test_cli_set_password_refuses_weak_password_with_exit_2(runner, make_user):
    """`kohtaamo users set-password --password WEAK` exits 2 with one line and keeps the old password."""
    user = make_user("learner")
    result = runner.invoke(args=["users", "set-password", user.email, "--password", "qwerty123456"])
    assert result.exit_code == 2
    assert result.output.strip() == ("kohtaamo: password is too common or too simple; "
                                     "choose a longer phrase of unrelated words")


def test_demo_accounts_get_passwords_that_pass_and_log_in(runner, client, db):
    """`kohtaamo demo` still works: every printed demo password passes the policy and logs in."""
    result = runner.invoke(args=["demo", "--conversations", "0"])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines() if "@example.com" in line]
    assert rows
    for _role, email, password in rows:
        assert password.startswith("demo-") and len(password) >= 12
        user = find_user(email)
        assert password_problem(password, user.email, user.name) is None
    _role, email, password = rows[0]
    assert client.post("/auth/login", data={"email": email, "password": password}).status_code == 302
