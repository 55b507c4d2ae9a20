"""The conversation import page on /review/import: who may use it, what it stores and shows."""

from __future__ import annotations

import io
import json
import re

import pytest
from sqlalchemy import func, select

from qa_app.models import Conversation

URL = "/review/import"
HETU = "131052-308T"  # the Finnish tax administration's published example code


def record(conv_id: str, text: str = "Laskuni on väärin, voitteko auttaa?") -> str:
    """Return one valid JSONL line with a customer message and an agent reply."""
    return json.dumps({
        "id": conv_id, "channel": "chat", "agent": "agent-7", "language": "fi",
        "messages": [
            {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": text},
            {"author": "agent", "at": "2026-11-30T08:02:30Z", "text": "Tarkistan asian heti."},
        ],
    }, ensure_ascii=False)


JSONL = "\n".join([
    record("c1", f"Henkilötunnukseni on {HETU}."),
    "{not json",
    record("c2"),
    json.dumps({"id": "c3", "channel": "chat", "messages": []}),
]) + "\n"


def upload(client, data: bytes | str = JSONL, name: str = "chats.jsonl", follow: bool = True, **fields):
    """Post a file to the import page and follow the redirect to its job page; return the response.

    Jobs run inline and synchronously in the tests, so the job page shows the finished import.
    """
    payload = data.encode() if isinstance(data, str) else data
    form = {"file": (io.BytesIO(payload), name), "file_format": "auto", "source": "import", **fields}
    return client.post(URL, data=form, content_type="multipart/form-data", follow_redirects=follow)


def stored(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Conversation))


@pytest.fixture()
def supervisor(make_user, login):
    user = make_user("supervisor", locale="en")
    login(user)
    return user


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_supervisors_and_admins_get_the_page(client, make_user, login, role):
    """Supervisors and admins see the upload form, linked from the nav."""
    login(make_user(role))
    response = client.get(URL)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in page and 'accept=".csv,.jsonl' in page
    assert f'href="{URL}" aria-current="page"' in page


@pytest.mark.parametrize("role", ["learner", "trainer"])
def test_other_roles_get_403(client, make_user, login, role):
    """Learners and trainers are refused the page and the upload."""
    login(make_user(role))
    assert client.get(URL).status_code == 403
    assert upload(client).status_code == 403


def test_anonymous_is_sent_to_log_in(client, db):
    """Without a session the page redirects to the log-in page and stores nothing."""
    response = upload(client, follow=False)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert stored(db) == 0


def test_overview_links_to_the_import_page(client, supervisor):
    """The team overview page links to the import page."""
    assert f'href="{URL}"' in client.get("/review/").get_data(as_text=True)


def test_upload_without_csrf_token_is_refused(app, client, supervisor, db, monkeypatch):
    """With CSRF on, an upload without the token is refused and stores nothing; with it, it imports."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert upload(client).status_code == 400
    assert stored(db) == 0
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(URL).get_data(as_text=True))
    assert upload(client, csrf_token=token.group(1)).status_code == 200
    assert stored(db) == 2


def test_jsonl_upload_shows_counts_rejections_and_redactions(client, supervisor, db):
    """A JSONL upload leads to its job page, which shows the counts and each rejected line as FILE:LINE."""
    response = upload(client)
    assert response.request.path.startswith("/review/jobs/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert stored(db) == 2
    assert re.search(r'stat__value">2</span><span class="stat__label">imported', page)
    assert re.search(r'stat__value">0</span><span class="stat__label">duplicates', page)
    assert re.search(r'stat__value">2</span><span class="stat__label">rejected', page)
    assert "<code>chats.jsonl:2</code>" in page and "<code>chats.jsonl:4</code>" in page
    assert re.search(r"<td>Personal identity codes</td><td class=\"num\">1</td>", page)
    assert HETU not in page


def test_reupload_counts_duplicates(client, supervisor, db):
    """Uploading the same file again adds nothing and counts the conversations as duplicates."""
    upload(client)
    page = upload(client).get_data(as_text=True)
    assert stored(db) == 2
    assert re.search(r'stat__value">0</span><span class="stat__label">imported', page)
    assert re.search(r'stat__value">2</span><span class="stat__label">duplicates', page)


def test_unreadable_upload_shows_a_field_error(client, supervisor, db):
    """A file that cannot be read gives an error on the file field and stores nothing."""
    response = upload(client, b"\xff\xfe\x00garbage\x00", name="broken.jsonl")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert stored(db) == 0
    assert re.search(r'<p class="field__error" id="file-error">This file cannot be read: broken.jsonl', page)
    assert "stat__value" not in page


def test_missing_file_is_a_field_error(client, supervisor, db):
    """Posting the form without a file asks for one."""
    response = client.post(URL, data={"file_format": "auto", "source": "import"}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert 'id="file-error">Choose a file to import.' in response.get_data(as_text=True)


def test_oversize_upload_shows_the_limit(app, client, supervisor, db, monkeypatch):
    """An upload over IMPORT_MAX_BYTES shows the limit on the form instead of a bare 413 page."""
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 4096)
    response = upload(client, JSONL * 20)
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert 'id="file-error">The file is too large: at most 4 kB can be imported at a time.' in page
    assert stored(db) == 0
    assert upload(client).status_code == 200  # a small file still fits


def test_upload_limit_is_only_for_the_import_page(app, client, make_user, login, monkeypatch):
    """Other pages keep the general MAX_CONTENT_LENGTH; the import page allows IMPORT_MAX_BYTES."""
    login(make_user("admin"))
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)
    assert upload(client, JSONL * 5).status_code == 200
    assert client.post("/admin/teams", data={"team-team_name": "y" * 4096}).status_code == 413


def test_page_is_translated_to_finnish(client, make_user, login):
    """A Finnish user sees the page in Finnish."""
    login(make_user("supervisor", locale="fi"))
    assert "<h1>Keskustelujen tuonti</h1>" in client.get(URL).get_data(as_text=True)
    page = upload(client).get_data(as_text=True)
    assert "<h1>Tiedoston chats.jsonl tuonti</h1>" in page
