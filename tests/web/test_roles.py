"""Role checks on every area."""

from __future__ import annotations

import pytest

SUPERVISOR_PAGES = ["/review/"]
TRAINER_PAGES = ["/authoring/"]
ADMIN_PAGES = ["/admin/users"]


@pytest.mark.parametrize("path", SUPERVISOR_PAGES + TRAINER_PAGES + ADMIN_PAGES)
def test_learner_gets_403_on_staff_pages(client, make_user, login, path):
    """A learner is refused supervisor, trainer and admin pages."""
    login(make_user("learner"))
    assert client.get(path).status_code == 403


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("supervisor", "/review/", 200),
        ("supervisor", "/authoring/", 403),
        ("supervisor", "/admin/users", 403),
        ("trainer", "/authoring/", 200),
        ("trainer", "/review/", 403),
        ("trainer", "/admin/users", 403),
        ("admin", "/review/", 200),
        ("admin", "/authoring/", 200),
        ("admin", "/admin/users", 200),
    ],
)
def test_each_role_reaches_only_its_pages(client, make_user, login, role, path, status):
    """Supervisors review, trainers author, admins may do everything."""
    login(make_user(role))
    assert client.get(path).status_code == status


def test_403_page_is_a_friendly_page(client, make_user, login):
    """A refused page explains itself in the normal layout."""
    login(make_user("learner"))
    page = client.get("/admin/users").get_data(as_text=True)
    assert "403" in page and "<nav" in page


def test_supervisor_sees_only_own_team(client, make_user, login):
    """The team overview lists the supervisor's own learners, not other teams'."""
    mine = make_user("learner", team="Tiimi A")
    other = make_user("learner", team="Tiimi B")
    login(make_user("supervisor", team="Tiimi A"))
    page = client.get("/review/").get_data(as_text=True)
    assert mine.name in page and other.name not in page


def test_admin_creates_user_from_form(client, make_user, login):
    """An admin creates a user with the form; the password is shown once."""
    login(make_user("admin"))
    response = client.post(
        "/admin/users",
        data={"user-email": "uusi@example.com", "user-name": "Uusi Oppija", "user-role": "learner", "user-team": ""},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "uusi@example.com" in response.get_data(as_text=True)


def test_admin_form_reports_field_errors(client, make_user, login):
    """A bad email is reported on its field and nothing is created."""
    login(make_user("admin"))
    response = client.post("/admin/users", data={"user-email": "not-an-email", "user-name": "X", "user-role": "learner"})
    assert response.status_code == 400
    assert "field__error" in response.get_data(as_text=True)
