"""Scenario editor pages: new scenario, the form editor over the draft, its YAML, the library, permissions."""

from __future__ import annotations

import re
from typing import Any

import pytest

from qa_app.authoring.scenario_merge import form_data
from qa_app.models import ContentVersion
from qa_app.services.authoring import drafts

SCENARIO = "sohva-hyvitysneuvottelu"  # branching, email channel, several conditions
EDIT = f"/authoring/scenarios/{SCENARIO}/edit"


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Write editor data the way the browser posts it: facts-0-label, turns-1-branches-0-goto…"""
    posted: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, list):
            for index, row in enumerate(value):
                posted |= flatten(row, f"{name}-{index}-")
        elif isinstance(value, bool):
            if value:
                posted[name] = "y"
        else:
            posted[name] = "" if value is None else str(value)
    return posted


def editor_post(draft: ContentVersion, **changes: str) -> dict[str, str]:
    """Return the form as the editor shows the draft, with some fields changed."""
    posted = flatten(form_data(drafts.data(draft)))
    posted["base_hash"] = draft.content_hash
    return {**posted, **changes}


def the_draft(db) -> ContentVersion:
    db.session.expire_all()
    return drafts.current_draft("scenario", SCENARIO)


def control(html: str, element_id: str) -> str:
    """Return the opening tag of the input, select or textarea with this id."""
    found = re.search(
        rf'<(?:input|select|textarea)\b[^>]*\bid="{re.escape(element_id)}"[^>]*>', html
    )
    assert found, element_id
    return found.group(0)


def described_as_invalid(html: str, element_id: str) -> bool:
    """Tell whether a field is marked invalid and points screen readers at its problem list."""
    tag = control(html, element_id)
    described = re.search(r'aria-describedby="([^"]*)"', tag)
    return (
        'aria-invalid="true"' in tag
        and bool(described)
        and f"{element_id}-problems" in described.group(1)
    )


def problems_at(html: str, element_id: str) -> str:
    """Return the text of the problem list shown beside one field or row."""
    found = re.search(rf'id="{re.escape(element_id)}-problems"[^>]*>(.*?)</ul>', html, re.S)
    return found.group(1) if found else ""


def test_creating_a_scenario_starts_a_draft_and_opens_the_editor(published, trainer, client, db):
    """The new-scenario form makes a version 1 draft with a sensible minimal body that validates."""
    response = client.post(
        "/authoring/scenarios/new",
        data={
            "id": "laskun-korjaus",
            "title_fi": "Laskun korjaus",
            "title_en": "",
            "language": "fi",
            "channel": "chat",
            "rubric": "chat-reply",
            "opening": "Hei, laskussani on virhe.\r\n",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/authoring/scenarios/laskun-korjaus/edit")
    draft = drafts.current_draft("scenario", "laskun-korjaus")
    assert draft.version == 1 and draft.is_draft
    body = drafts.data(draft)
    assert (
        body["title"] == {"fi": "Laskun korjaus"} and body["opening"] == "Hei, laskussani on virhe."
    )
    assert drafts.check_draft(draft).ok
    page = client.get("/authoring/scenarios/laskun-korjaus/edit").get_data(as_text=True)
    assert "No problems: this draft can be published." in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"id": SCENARIO}, "id", "already in use"),
        ({"id": "Iso Kirjain"}, "id", "lowercase letters"),
        ({"opening": "  "}, "opening", "first message"),
        ({"title_fi": ""}, "title_fi", "Give a title"),
        ({"rubric": "email-reply"}, "rubric", "another channel"),
    ],
)
def test_the_new_scenario_form_puts_each_error_next_to_its_field(
    published, trainer, client, changes, field, message
):
    """A taken id (database or files), a bad slug, no opening, no title or a wrong rubric are refused."""
    data = {
        "id": "uusi",
        "title_fi": "Uusi",
        "language": "fi",
        "channel": "chat",
        "rubric": "",
        "opening": "Hei!",
        **changes,
    }
    response = client.post("/authoring/scenarios/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in problems_at(html, field)
    assert described_as_invalid(html, field)
    assert drafts.current_draft("scenario", "uusi") is None


def test_saving_an_invalid_draft_keeps_it_and_shows_the_error_next_to_the_field(
    published, trainer, client, db
):
    """An emptied opening is saved (drafts may be invalid) and the rule's message sits at the opening."""
    client.get(EDIT)
    draft = the_draft(db)
    response = client.post(EDIT, data=editor_post(draft, opening=""))
    assert response.status_code == 302 and response.headers["Location"].endswith("#problems")
    assert "opening" not in drafts.data(the_draft(db))
    html = client.get(EDIT).get_data(as_text=True)
    assert "is required" in problems_at(html, "opening")
    assert described_as_invalid(html, "opening") and not described_as_invalid(html, "model_answer")
    assert '<a href="#opening">' in html  # the summary at the top links to the field


def test_a_branch_pointing_nowhere_shows_next_to_that_branch_row_and_in_the_graph(
    published, trainer, client, db
):
    """A goto to an unknown turn is kept, explained beside that branch, and drawn as a missing node."""
    client.get(EDIT)
    draft = the_draft(db)
    client.post(EDIT, data=editor_post(draft, **{"turns-1-branches-2-goto": "nowhere"}))
    assert drafts.data(the_draft(db))["turns"][1]["next"][2]["goto"] == "nowhere"
    html = client.get(EDIT).get_data(as_text=True)
    assert "unknown turn &#39;nowhere&#39;" in problems_at(html, "turns-1-branches-2-goto").lower()
    assert described_as_invalid(html, "turns-1-branches-2-goto")
    assert not described_as_invalid(html, "turns-1-branches-1-goto")
    assert '<option selected value="nowhere">nowhere (missing)</option>' in html
    assert "bg-node--missing" in html and "turn nowhere, which does not exist" in html


def test_fields_the_form_does_not_show_survive_a_save(published, trainer, client, db):
    """Unknown and unshown keys (a condition on reply time, an e-mail thread) stay as they were."""
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    content = drafts.data(draft)
    content["turns"][0]["next"][0]["when"]["slow"] = True
    content["forbidden"][0]["x-note"] = "kept for the YAML editor"
    drafts.save_draft(draft, content)
    db.session.commit()
    email = content["email"]
    client.post(EDIT, data=editor_post(the_draft(db), title_fi="Uusi otsikko"))
    saved = drafts.data(the_draft(db))
    assert saved["title"]["fi"] == "Uusi otsikko" and saved["title"]["en"] == content["title"]["en"]
    assert saved["turns"][0]["next"][0]["when"] == {"forbidden": "fifty-percent", "slow": True}
    assert saved["forbidden"][0]["x-note"] == "kept for the YAML editor"
    assert saved["email"] == email


def test_saving_the_form_unchanged_changes_nothing(published, trainer, client, db):
    """Every starter scenario's content survives a round trip through the form exactly."""
    client.get(EDIT)
    before = the_draft(db)
    original, digest = drafts.data(before), before.content_hash
    client.post(EDIT, data=editor_post(before))
    after = the_draft(db)
    assert after.content_hash == digest and drafts.data(after) == original


def test_add_buttons_save_and_show_an_empty_row_that_is_not_stored_until_filled(
    published, trainer, client, db
):
    """'Add key point' saves the edit, returns with an empty row; an empty row left as it is is dropped."""
    client.get(EDIT)
    draft = the_draft(db)
    count = len(drafts.data(draft)["key_points"])
    response = client.post(
        EDIT, data=editor_post(draft, action="key_points", persona_name="Tiina L.")
    )
    assert response.status_code == 302 and "add=key_points" in response.headers["Location"]
    assert drafts.data(the_draft(db))["persona"]["name"] == "Tiina L."
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'id="key_points-{count}"' in html
    posted = editor_post(the_draft(db))
    posted |= {
        f"key_points-{count}-id": "thanks",
        f"key_points-{count}-say": "Kiittää",
        f"key_points-{count}-any": "kiitos\r\nkiitän",
        f"key_points-{count}-turn": "haggle",
    }
    client.post(EDIT, data=posted)
    saved = drafts.data(the_draft(db))
    assert len(saved["key_points"]) == count
    assert saved["turns"][2]["key_points"] == [
        {"id": "thanks", "say": "Kiittää", "any": ["kiitos", "kiitän"]}
    ]


def test_removing_rows_and_renaming_a_turn_keeps_branches_pointing_at_it(
    published, trainer, client, db
):
    """A ticked Remove box drops the row; a renamed turn takes the branches that named it along."""
    client.get(EDIT)
    draft = the_draft(db)
    posted = editor_post(draft, **{"facts-0-remove": "y", "turns-2-id": "negotiate"})
    client.post(EDIT, data=posted)
    saved = drafts.data(the_draft(db))
    assert saved["facts"][0]["label"] == "Tilaus"
    assert saved["turns"][2]["id"] == "negotiate"
    assert saved["turns"][0]["next"][2]["goto"] == "negotiate"
    assert drafts.check_draft(the_draft(db)).ok


def test_a_trainer_can_give_a_customer_a_mood_of_their_own(published, trainer, client, db):
    """A new mood is stored as a slug, offered in the list afterwards, and passes the rules."""
    client.get(EDIT)
    client.post(EDIT, data=editor_post(the_draft(db), **{"turns-1-mood_new": "Very Tired"}))
    saved = drafts.data(the_draft(db))
    assert saved["turns"][1]["mood"] == "very-tired"
    assert drafts.check_draft(the_draft(db)).ok
    html = client.get(EDIT).get_data(as_text=True)
    assert '<option value="very-tired">very-tired</option>' in html


def test_a_bad_value_is_kept_and_reported_by_the_rules(published, trainer, client, db):
    """A time target that is not a number is stored as typed and explained beside the field."""
    client.get(EDIT)
    client.post(EDIT, data=editor_post(the_draft(db), time_target_s="a day"))
    assert drafts.data(the_draft(db))["time_target_s"] == "a day"
    html = client.get(EDIT).get_data(as_text=True)
    assert "whole number" in problems_at(html, "time_target_s")


def test_a_phrase_that_can_never_match_is_shown_at_the_key_point(published, trainer, client, db):
    """The validate rule for phrase lists reaches the editor, beside the key point's phrases."""
    client.get(EDIT)
    client.post(
        EDIT, data=editor_post(the_draft(db), **{"key_points-0-any": "uudet jalat\r\n24 h"})
    )
    html = client.get(EDIT).get_data(as_text=True)
    assert "can never match" in problems_at(html, "key_points-0-any")


def test_the_editor_never_edits_the_published_version(published, trainer, client, db):
    """Opening the editor starts the next version as a draft; the published one stays as it was."""
    published_row = drafts.latest_published("scenario", SCENARIO)
    digest = published_row.content_hash
    client.get(EDIT)
    client.post(EDIT, data=editor_post(the_draft(db), opening="Muutettu."))
    db.session.expire_all()
    assert db.session.get(ContentVersion, published_row.id).content_hash == digest
    assert the_draft(db).version == published_row.version + 1


def test_a_save_over_a_newer_save_is_refused_and_the_typed_text_kept(
    published, trainer, client, db
):
    """Two tabs: the second save would put rows on the wrong items, so it is not stored."""
    client.get(EDIT)
    stale = editor_post(the_draft(db), opening="Toinen välilehti.")
    client.post(EDIT, data=editor_post(the_draft(db), opening="Ensimmäinen."))
    response = client.post(EDIT, data=stale)
    assert response.status_code == 200 and "Toinen välilehti." in response.get_data(as_text=True)
    assert drafts.data(the_draft(db))["opening"] == "Ensimmäinen."


def test_the_yaml_editor_saves_text_that_does_not_parse_and_shows_the_line(
    published, trainer, client, db
):
    """Edit as YAML keeps broken text so it can be fixed; the form editor warns about it."""
    url = f"/authoring/scenarios/{SCENARIO}/yaml"
    text = client.get(url).get_data(as_text=True)
    assert "sohva-hyvitysneuvottelu" in text
    response = client.post(url, data={"text": "id: x\nopening: [unclosed\n"})
    assert response.status_code == 200 and "line" in response.get_data(as_text=True)
    assert the_draft(db).source_yaml == "id: x\nopening: [unclosed\n"
    assert "does not parse" in client.get(EDIT).get_data(as_text=True)


def test_the_library_lists_versions_drafts_and_edit_links(published, trainer, client, db):
    """The library shows the published version, marks an open draft and links to the editors."""
    client.get(EDIT)
    html = client.get("/authoring/").get_data(as_text=True)
    assert "draft 2 open" in html
    assert f'href="/authoring/scenarios/{SCENARIO}/edit"' in html
    assert 'href="/authoring/scenarios/new"' in html
    assert "YAML files are for import and export" in html


def test_a_starter_file_never_stored_opens_in_the_editor(trainer, client, db):
    """Content the database has not stored yet is stored as its published version, then drafted."""
    assert client.get(EDIT).status_code == 200
    assert drafts.latest_published("scenario", SCENARIO) is not None
    assert client.get("/authoring/scenarios/no-such-thing/edit").status_code == 404


@pytest.mark.parametrize("role", ["learner", "supervisor"])
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/authoring/"),
        ("get", "/authoring/scenarios/new"),
        ("post", "/authoring/scenarios/new"),
        ("get", EDIT),
        ("post", EDIT),
        ("get", f"/authoring/scenarios/{SCENARIO}/yaml"),
    ],
)
def test_only_trainers_and_admins_author(
    published, make_user, login, client, db, role, method, url
):
    """Learners and supervisors get 403 and no draft is started."""
    login(make_user(role))
    assert getattr(client, method)(url).status_code == 403
    assert drafts.current_draft("scenario", SCENARIO) is None


def test_an_admin_may_edit(published, make_user, login, client):
    login(make_user("admin"))
    assert client.get(EDIT).status_code == 200


def test_the_practice_pages_show_a_custom_mood_as_written(published, make_user, login, client, db):
    """A published scenario with a trainer's own mood renders in the catalogue with the slug."""
    trainer = make_user("trainer")
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    content = drafts.data(draft)
    content["persona"]["mood"] = "hermostunut"
    drafts.save_draft(draft, content)
    drafts.publish_draft(draft, trainer, "oma mieliala")
    db.session.commit()
    login(make_user("learner"))
    html = client.get("/practice/").get_data(as_text=True)
    assert "hermostunut" in html
