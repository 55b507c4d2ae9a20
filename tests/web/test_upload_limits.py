"""Upload limits: file type on the conversation import, 413 pages and content-file size."""

from __future__ import annotations

import pytest

from qa_app.content import yamlio
from qa_app.content.validate import check_paths
from tests.web.test_review_import import JSONL, stored, upload


@pytest.fixture()
def supervisor(make_user, login):
    user = make_user("supervisor", locale="en")
    login(user)
    return user


@pytest.mark.parametrize("name", ["photo.png", "export.xlsx", "run.exe", "chats.jsonl.php", "noextension"])
def test_import_refuses_other_file_types_with_a_field_error(client, supervisor, db, name):
    """Only .csv, .jsonl, .ndjson, .json and .txt are taken; others get an error on the file field."""
    response = upload(client, JSONL, name=name)
    assert response.status_code == 400
    assert 'id="file-error">Choose a CSV or JSON Lines file' in response.get_data(as_text=True)
    assert stored(db) == 0


def test_import_type_error_is_in_finnish(client, make_user, login, db):
    """The type error is translated."""
    login(make_user("supervisor", locale="fi"))
    response = upload(client, JSONL, name="photo.png")
    assert "Valitse CSV- tai JSON Lines -tiedosto" in response.get_data(as_text=True)


def test_binary_file_with_an_allowed_name_is_refused_as_unreadable(client, supervisor, db):
    """A PNG renamed to .csv passes the name check but is refused when read (not UTF-8 text)."""
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    response = upload(client, png, name="chats.csv")
    assert response.status_code == 400
    assert "not UTF-8 text" in response.get_data(as_text=True) and stored(db) == 0


@pytest.mark.parametrize(("lang", "title"), [
    ("en", "413 · The file or form is too large"),
    ("fi", "413 · Tiedosto tai lomake on liian suuri"),
])
def test_oversize_form_elsewhere_gets_a_translated_413_page(app, client, make_user, login, monkeypatch, lang, title):
    """A request over MAX_CONTENT_LENGTH outside the import page gets a 413 page that says so."""
    login(make_user("admin"))
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)
    response = client.post("/admin/teams", data={"team-team_name": "y" * 4096},
                           headers={"Accept-Language": lang})
    assert response.status_code == 413
    page = " ".join(response.get_data(as_text=True).split())
    assert title in page


def test_oversize_content_file_is_a_problem_not_a_crash(tmp_path):
    """A YAML file over MAX_FILE_BYTES is refused with its size before it is read or parsed."""
    big = tmp_path / "huge.yaml"
    big.write_text("id: x\nnote: " + "a" * (yamlio.MAX_FILE_BYTES + 1) + "\n", encoding="utf-8")
    problems = check_paths([big]).problems
    assert len(problems) == 1 and "file is too large" in problems[0].message
