"""Fixtures the web tests share (tests/conftest.py has the app, the database and users)."""

from __future__ import annotations

import pytest


@pytest.fixture()
def trainer(make_user, login, client):
    """A logged-in trainer reading the pages in English."""
    user = make_user("trainer")
    login(user)
    client.post("/lang", data={"lang": "en"})
    return user
