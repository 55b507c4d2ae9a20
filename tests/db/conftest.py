"""Fixtures the service and database tests share (tests/conftest.py has the app and users)."""

from __future__ import annotations

import pytest


@pytest.fixture()
def trainer(make_user):
    """A trainer, not logged in: the services take the user as an argument."""
    return make_user("trainer")
