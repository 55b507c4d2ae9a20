"""Admins list API tokens and revoke one after a confirmation page; the API then answers 401."""

from __future__ import annotations

import re

from qa_app.extensions import db as _db
from qa_app.models import ApiToken


def _token(user, name="ci-script"):
    record, plain = ApiToken.issue(user, name)
    _db.session.add(record)
    _db.session.commit()
    return record, plain


def _grade(client, plain):
    return client.post("/api/v1/grade", json={"text": "Hei, autan mielelläni."},
                       headers={"Authorization": f"Bearer {plain}"})


def test_token_list_shows_name_owner_created_and_last_used(client, make_user, login):
    """The list names each token, its owner, when it was made and last used (never, before any call)."""
    admin, trainer = make_user("admin"), make_user("trainer")
    _, plain = _token(trainer, "nightly-batch")
    _token(admin, "unused-one")
    assert _grade(client, plain).status_code == 200
    login(admin)
    page = client.get("/admin/tokens", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "nightly-batch" in page and trainer.email in page and "unused-one" in page
    assert page.count("Never") == 1  # the used token shows a time instead
    assert plain not in page and "token_hash" not in page


def test_revoke_needs_confirmation_then_api_refuses_the_token(client, make_user, login):
    """Revoke… opens a confirmation page; its POST revokes, and the token gets 401 from then on."""
    admin = make_user("admin")
    record, plain = _token(make_user("trainer"))
    assert _grade(client, plain).status_code == 200
    login(admin)
    confirm = client.get(f"/admin/tokens/{record.id}/revoke", headers={"Accept-Language": "en"})
    assert confirm.status_code == 200 and "This cannot be undone" in confirm.get_data(as_text=True)
    _db.session.refresh(record)
    assert record.revoked is False  # the GET changes nothing
    response = client.post(f"/admin/tokens/{record.id}/revoke", headers={"Accept-Language": "en"},
                           follow_redirects=True)
    assert response.request.path == "/admin/tokens"
    page = response.get_data(as_text=True)
    assert "is revoked: the API refuses it from now on." in page and '<span class="badge">Revoked</span>' in page
    _db.session.refresh(record)
    assert record.revoked is True
    refused = _grade(client, plain)
    assert refused.status_code == 401 and refused.get_json()["error"] == "unauthorized"


def test_revoke_is_admin_only(client, make_user, login):
    """A supervisor cannot revoke tokens (403) and the token keeps working."""
    record, plain = _token(make_user("trainer"))
    login(make_user("supervisor"))
    assert client.post(f"/admin/tokens/{record.id}/revoke").status_code == 403
    assert client.get("/admin/tokens").status_code == 403
    assert _grade(client, plain).status_code == 200


def test_revoke_unknown_token_is_404(client, make_user, login):
    """An id that is not a token is a 404, not a crash."""
    login(make_user("admin"))
    assert client.post("/admin/tokens/999999/revoke").status_code == 404


def test_revoke_needs_the_csrf_token(app, client, make_user, login, monkeypatch):
    """With CSRF on, a revoke POST without the form's token is refused and nothing is revoked."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    record, plain = _token(make_user("trainer"))
    admin = make_user("admin")
    page = client.get("/auth/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/auth/login", data={"email": admin.email, "password": "correct-horse-42", "csrf_token": csrf})
    assert client.post(f"/admin/tokens/{record.id}/revoke").status_code == 400
    _db.session.refresh(record)
    assert record.revoked is False
    confirm = client.get(f"/admin/tokens/{record.id}/revoke").get_data(as_text=True)
    form_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', confirm).group(1)
    assert client.post(f"/admin/tokens/{record.id}/revoke", data={"csrf_token": form_token}).status_code == 302
    _db.session.refresh(record)
    assert record.revoked is True
    assert _grade(client, plain).status_code == 401
