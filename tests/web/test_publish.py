"""Publishing drafts with a note, discarding them, version history and the read-only version page."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select

from qa_app.content import default_content_dirs
from qa_app.extensions import db as _db
from qa_app.models import Attempt, ContentVersion
from qa_app.services import content_store, content_versions
from qa_app.services.authoring import drafts

STARTER = default_content_dirs()
SCENARIO_FILE = STARTER.scenarios[0] / "sohva-hyvitysneuvottelu.yaml"


@pytest.fixture()
def stored(db):
    """The starter rubrics and one scenario as published versions."""
    content_versions.import_paths([*STARTER.rubrics, SCENARIO_FILE])
    db.session.commit()


def rubric_draft(user, **weights: float) -> ContentVersion:
    """Start a chat-reply draft and set criterion weights by id (clarity=25)."""
    draft = drafts.start_draft("rubric", "chat-reply", user)
    content = drafts.data(draft)
    for criterion in content["criteria"]:
        criterion["weight"] = weights.get(criterion["id"], criterion["weight"])
    drafts.save_draft(draft, content)
    _db.session.commit()
    return draft


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_publish_page_shows_the_readable_diff_and_the_yaml_lines(client, stored, trainer):
    """The page lists the weight changes in words and keeps the YAML line diff in a collapsed block."""
    draft = rubric_draft(trainer, clarity=25, grammar=10)
    page = text_of(client.get(f"/authoring/versions/{draft.id}/publish"))
    assert "Criterion 'grammar' weight: 15 % → 10 %" in page
    assert "Criterion 'clarity' weight: 20 % → 25 %" in page
    assert '<details class="diff-yaml">' in page
    lines = page[page.index('class="diff-lines"') :]
    assert '"diff-line--add">+  weight: 25<' in lines and '"diff-line--del">-  weight: 20<' in lines
    assert lines.count("diff-line--add") == 3  # version, and the two weights
    assert "Compared with version 2" in page
    assert (
        "disabled"
        not in page[page.index('name="submit"') - 200 : page.index('name="submit"') + 200]
    )


def test_publish_with_a_note_makes_an_immutable_version_the_library_serves(client, stored, trainer):
    """Publishing stores the note and publisher, redirects to history, and the library grades with version 3."""
    draft = rubric_draft(trainer, clarity=25, grammar=10)
    response = client.post(
        f"/authoring/versions/{draft.id}/publish", data={"note": "Clarity weighs more."}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/authoring/rubric/chat-reply/history")
    _db.session.expire_all()
    version = _db.session.get(ContentVersion, draft.id)
    assert (
        version.is_published
        and version.note == "Clarity weighs more."
        and version.published_by_id == trainer.id
    )
    with client.application.test_request_context("/"):
        rubric = content_store.library().rubric("chat-reply")
        assert rubric.version == 3
        assert {c.id: c.weight for c in rubric.spec.criteria}["clarity"] == 25
    history = text_of(client.get(response.headers["Location"]))
    assert "Version 3 of chat-reply is published." in history
    # Published: it can be viewed but not published again, and the editor starts a new draft.
    again = client.post(f"/authoring/versions/{draft.id}/publish", data={"note": "Again"})
    assert again.status_code == 302 and again.headers["Location"].endswith(
        f"/authoring/versions/{draft.id}"
    )
    assert "is published already" in text_of(client.get(again.headers["Location"]))
    assert client.get("/authoring/rubrics/chat-reply/edit").status_code == 200
    assert drafts.current_draft("rubric", "chat-reply").version == 4


def test_an_empty_note_is_refused_next_to_the_note(client, stored, trainer):
    """Without a note nothing is published and the note field says why."""
    draft = rubric_draft(trainer, clarity=25, grammar=10)
    response = client.post(f"/authoring/versions/{draft.id}/publish", data={"note": "   "})
    assert response.status_code == 200
    page = text_of(response)
    assert 'id="note-error"' in page and "Write a note" in page
    _db.session.expire_all()
    assert _db.session.get(ContentVersion, draft.id).is_draft


def test_an_invalid_draft_is_saved_but_cannot_be_published(client, stored, trainer):
    """Weights adding up to 105: the button is disabled and a forced post is refused."""
    draft = rubric_draft(trainer, clarity=25)
    page = text_of(client.get(f"/authoring/versions/{draft.id}/publish"))
    assert "The weights add up to 105 %; they must add up to 100 %." in page
    assert "disabled" in page[page.index('name="submit"') - 200 : page.index('name="submit"') + 300]
    response = client.post(f"/authoring/versions/{draft.id}/publish", data={"note": "Try anyway"})
    assert response.status_code == 200
    assert "The draft has problems, so it was not published." in text_of(response)
    _db.session.expire_all()
    assert _db.session.get(ContentVersion, draft.id).is_draft
    with client.application.test_request_context("/"):
        assert content_store.library().rubric("chat-reply").version == 2


def test_a_new_rubric_publishes_as_its_first_version(client, stored, trainer):
    """A draft without a parent says 'first version' and publishes as version 1."""
    client.post(
        "/authoring/rubrics/new",
        data={"id": "chat-lite", "title_en": "Chat lite", "copy_from": "chat-reply"},
    )
    draft = drafts.current_draft("rubric", "chat-lite")
    page = text_of(client.get(f"/authoring/versions/{draft.id}/publish"))
    assert "First version: there is no earlier version to compare it with." in page
    client.post(
        f"/authoring/versions/{draft.id}/publish", data={"note": "New rubric for short chats."}
    )
    with client.application.test_request_context("/"):
        assert content_store.library().rubric("chat-lite").version == 1


def test_scenario_drafts_publish_too(client, stored, trainer):
    """A scenario draft's key point phrase shows in the diff and publishing serves the new version."""
    draft = drafts.start_draft("scenario", "sohva-hyvitysneuvottelu", trainer)
    content = drafts.data(draft)
    content["key_points"][1]["any"].append("hyvitämme")
    drafts.save_draft(draft, content)
    _db.session.commit()
    page = text_of(client.get(f"/authoring/versions/{draft.id}/publish"))
    assert "Key point 'price-reduction' phrases: added 'hyvitämme'" in page
    client.post(
        f"/authoring/versions/{draft.id}/publish", data={"note": "A phrase for the refund."}
    )
    with client.application.test_request_context("/"):
        assert content_store.library().scenario("sohva-hyvitysneuvottelu").version == 2


def test_an_attempt_keeps_its_version_after_a_new_one_is_published(
    client, stored, trainer, make_user
):
    """A learner's attempt on version 2 still points at version 2 once version 3 is published."""
    learner = make_user("learner")
    old_rubric = drafts.latest_published("rubric", "chat-reply")
    scenario = drafts.latest_published("scenario", "sohva-hyvitysneuvottelu")
    attempt = Attempt(
        user_id=learner.id, scenario_version_id=scenario.id, rubric_version_id=old_rubric.id
    )
    _db.session.add(attempt)
    _db.session.commit()
    draft = rubric_draft(trainer, clarity=25, grammar=10)
    client.post(f"/authoring/versions/{draft.id}/publish", data={"note": "New weights."})
    _db.session.expire_all()
    kept = _db.session.get(Attempt, attempt.id)
    assert kept.rubric_version.version == 2 and kept.rubric_version_id == old_rubric.id
    assert drafts.data(kept.rubric_version)["criteria"][1]["weight"] == 20
    history = text_of(client.get("/authoring/rubric/chat-reply/history"))
    assert attempts_cell(history, 2) == "1" and attempts_cell(history, 3) == "0"


def attempts_cell(history: str, version: int) -> str:
    """Read the Attempts column of one version's row in the history table."""
    body = history[history.index("<tbody>") : history.index("</tbody>")]
    for row in body.split("<tr>")[1:]:
        if f'<td data-label="Version">{version}</td>' in row:
            return row.split('<td data-label="Attempts" class="num">')[1].split("</td>")[0]
    raise AssertionError(f"no row for version {version}")


def test_history_lists_every_version_newest_first(client, stored, trainer):
    """The history shows the open draft first, then the published versions with status, note and parent."""
    draft = rubric_draft(trainer, clarity=25, grammar=10)
    client.post(f"/authoring/versions/{draft.id}/publish", data={"note": "Clarity weighs more."})
    rubric_draft(trainer, clarity=30, grammar=5)
    page = text_of(client.get("/authoring/rubric/chat-reply/history"))
    body = page[page.index("<tbody>") :]
    assert body.index("Draft") < body.index("Clarity weighs more.")
    assert "Open draft (version 4)" in page
    assert "View version 4" in body and "View version 3" in body and "View version 2" in body
    assert (
        body.index("View version 4") < body.index("View version 3") < body.index("View version 2")
    )
    v3 = drafts.latest_published("rubric", "chat-reply")
    assert f'href="/authoring/versions/{v3.parent_id}">version 2<' in body


def test_history_of_content_only_in_files_offers_a_draft(client, trainer):
    """Nothing stored yet: an empty state and a link to start a draft."""
    page = text_of(client.get("/authoring/rubric/email-reply/history"))
    assert "No stored versions yet" in page and "/authoring/rubrics/email-reply/edit" in page
    assert client.get("/authoring/quiz/x/history").status_code == 404


def test_version_page_is_read_only_with_yaml_and_diff(client, stored, trainer):
    """A published version shows its YAML and the changes from its parent, and no editing form."""
    draft = rubric_draft(trainer, clarity=25, grammar=10)
    client.post(f"/authoring/versions/{draft.id}/publish", data={"note": "Clarity weighs more."})
    page = text_of(client.get(f"/authoring/versions/{draft.id}"))
    assert (
        "What changed from version 2" in page and "Criterion 'clarity' weight: 20 % → 25 %" in page
    )
    assert "id: chat-reply" in page and "Clarity weighs more." in page
    assert "<textarea" not in page
    assert client.get("/authoring/versions/99999").status_code == 404


def test_discard_asks_first_then_deletes_the_draft(client, stored, trainer):
    """GET asks for confirmation; POST deletes the draft and keeps the published version."""
    draft = rubric_draft(trainer, clarity=25)
    page = text_of(client.get(f"/authoring/versions/{draft.id}/discard"))
    assert "Discard the draft of chat-reply?" in page and "Version 2 stays published." in page
    assert drafts.current_draft("rubric", "chat-reply") is not None
    response = client.post(f"/authoring/versions/{draft.id}/discard")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/authoring/rubric/chat-reply/history"
    )
    _db.session.expire_all()
    assert drafts.current_draft("rubric", "chat-reply") is None
    assert drafts.latest_published("rubric", "chat-reply").version == 2
    published = drafts.latest_published("rubric", "chat-reply")
    refused = client.post(f"/authoring/versions/{published.id}/discard")
    assert refused.status_code == 302
    assert drafts.latest_published("rubric", "chat-reply") is not None


@pytest.mark.parametrize("role", ["learner", "supervisor"])
def test_learners_and_supervisors_get_403_everywhere(client, make_user, login, stored, role):
    """No publishing, discarding, history or version pages (not even published ones) for other roles."""
    author = make_user("trainer")
    draft = rubric_draft(author, clarity=25, grammar=10)
    published = drafts.latest_published("rubric", "chat-reply")
    login(make_user(role))
    for url in (
        f"/authoring/versions/{draft.id}/publish",
        f"/authoring/versions/{draft.id}/discard",
        f"/authoring/versions/{draft.id}",
        f"/authoring/versions/{published.id}",
        "/authoring/rubric/chat-reply/history",
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(f"/authoring/versions/{draft.id}/publish", data={"note": "x"}).status_code
        == 403
    )
    assert client.post(f"/authoring/versions/{draft.id}/discard").status_code == 403
    _db.session.expire_all()
    assert _db.session.get(ContentVersion, draft.id).is_draft


def test_drafts_are_never_viewable_by_learners(db, make_user, stored):
    """The model's can_view keeps drafts to trainers and admins (the pages ask it)."""
    author, learner = make_user("trainer"), make_user("learner")
    draft = rubric_draft(author, clarity=25)
    assert not draft.can_view(learner) and draft.can_view(author)
    assert all(
        row.is_published
        for row in _db.session.scalars(select(ContentVersion))
        if row.can_view(learner)
    )
