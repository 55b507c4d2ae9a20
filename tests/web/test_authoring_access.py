"""A draft never reaches the practice side (every authoring route as every role: test_route_access.py)."""

from __future__ import annotations

from pathlib import Path

from qa_app.services import content_versions
from qa_app.services.authoring import drafts

ROOT = Path(__file__).resolve().parents[2]
# Who may use each authoring route, as every role, is in tests/web/test_route_access.py.


def test_a_new_scenario_that_is_only_a_draft_cannot_be_played(client, make_user, login, db):
    """A learner cannot start, or see in the catalogue, a scenario nobody has published yet."""
    content_versions.import_starter(ROOT)
    drafts.new_draft("scenario", {"id": "salainen-luonnos", "language": "fi"}, make_user("trainer"))
    db.session.commit()
    login(make_user("learner"))
    assert "salainen-luonnos" not in client.get("/practice/").get_data(as_text=True)
    assert client.post("/practice/start/salainen-luonnos").status_code == 404
