"""Rubric editor pages: the form saves drafts (even invalid ones), shows each problem next to its
field, keeps what the form does not show, adds and removes rows, and edits the YAML."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from qa_app.authoring.rubric_forms import form_data
from qa_app.content import default_content_dirs
from qa_app.extensions import db as _db
from qa_app.services import content_versions
from qa_app.services.authoring import drafts

STARTER = default_content_dirs()
EDIT_URL = "/authoring/rubrics/chat-reply/edit"


@pytest.fixture()
def stored_rubrics(db):
    """The starter rubrics as published versions (chat-reply is version 2)."""
    content_versions.import_paths(list(STARTER.rubrics))
    db.session.commit()


def flatten(prefix: str, data: Any, out: dict[str, str]) -> dict[str, str]:
    """Turn form data (nested lists of dicts) into the names WTForms posts: criteria-0-weight."""
    if isinstance(data, dict):
        for key, value in data.items():
            flatten(f"{prefix}-{key}" if prefix else key, value, out)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            flatten(f"{prefix}-{index}", value, out)
    elif data is True:
        out[prefix] = "y"
    elif data is False or data is None:
        if data is None:
            out[prefix] = ""
    else:
        out[prefix] = str(data)
    return out


def payload(content: dict[str, Any], **changes: str) -> dict[str, str]:
    """What the editor posts for `content`, with some fields changed (criteria-1-weight="25")."""
    data = flatten("", form_data(content), {})
    data.update(changes)
    return data


def draft_content() -> dict[str, Any]:
    _db.session.expire_all()
    return drafts.data(drafts.current_draft("rubric", "chat-reply"))


def page_of(client, url: str = EDIT_URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_opening_the_editor_starts_a_draft_from_the_latest_published_version(
    client, stored_rubrics, trainer
):
    """The first visit starts draft version 3 of chat-reply, with the stored weights and a total of 100."""
    page = page_of(client)
    draft = drafts.current_draft("rubric", "chat-reply")
    assert draft is not None and draft.version == 3 and draft.parent.version == 2
    assert 'name="criteria-1-weight"' in page and 'value="20"' in page
    assert re.search(r"data-weight-total[^>]*>100<", page)
    assert "No problems: this draft can be published." in page


def test_weights_not_adding_up_to_100_are_saved_and_shown_next_to_the_weights(
    client, stored_rubrics, trainer
):
    """A clarity weight of 25 is kept in the draft and the total's problem appears beside the weights."""
    page_of(client)
    response = client.post(EDIT_URL, data=payload(draft_content(), **{"criteria-1-weight": "25"}))
    assert response.status_code == 302
    assert draft_content()["criteria"][1]["weight"] == 25
    page = page_of(client)
    total = page[page.index('id="weights-total"') : page.index('id="criterion-0"')]
    assert "The weights add up to 105 %; they must add up to 100 %." in total
    assert re.search(r"data-weight-total[^>]*>105<", total)
    assert "1 problem to fix before publishing" in page


def test_a_decimal_comma_weight_is_read(client, stored_rubrics, trainer):
    """Finnish trainers type 12,5: it is stored as 12.5."""
    page_of(client)
    client.post(EDIT_URL, data=payload(draft_content(), **{"criteria-0-weight": "12,5"}))
    assert draft_content()["criteria"][0]["weight"] == 12.5


def test_a_weight_that_is_not_a_number_is_not_saved_and_is_marked(client, stored_rubrics, trainer):
    """'abc' as a weight keeps the stored weight, re-shows what was typed, and marks the field."""
    page_of(client)
    response = client.post(
        EDIT_URL,
        data=payload(
            draft_content(), **{"criteria-0-weight": "abc", "criteria-0-title_en": "Language"}
        ),
    )
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert 'id="criteria-0-weight-error"' in page and 'value="abc"' in page
    content = draft_content()
    assert content["criteria"][0]["weight"] == 15
    assert content["criteria"][0]["title"]["en"] == "Language"  # the rest was saved


def test_fields_the_form_does_not_show_survive_a_save(client, stored_rubrics, trainer):
    """Swedish criterion titles, params and other stored keys stay as they were after a form save."""
    page_of(client)
    before = draft_content()
    client.post(EDIT_URL, data=payload(before, **{"criteria-1-title_fi": "Selkeys"}))
    after = draft_content()
    assert after["criteria"][1]["title"] == {
        "fi": "Selkeys",
        "en": "Clarity and brevity",
        "sv": "Tydlighet och korthet",
    }
    assert after["criteria"][1]["params"] == {"max_words": 60}
    assert after["criteria"][0]["params"] == {}
    assert after["criteria"][0]["critical"] is False
    assert {key: value for key, value in after.items() if key != "criteria"} == {
        key: value for key, value in before.items() if key != "criteria"
    }
    assert [c for i, c in enumerate(after["criteria"]) if i != 1] == [
        c for i, c in enumerate(before["criteria"]) if i != 1
    ]


def test_a_problem_is_shown_next_to_the_field_it_names(client, stored_rubrics, trainer):
    """An unknown scorer is reported at that criterion's scorer field; an auto-fail rule's missing criterion at its field."""
    page_of(client)
    data = payload(
        draft_content(), **{"criteria-2-scorer": "telepathy", "auto_fail-0-when": "criterion_below"}
    )
    client.post(EDIT_URL, data=data)
    page = page_of(client)
    scorer = page[page.index('id="criteria-2-scorer-problems"') :][:400]
    assert "Unknown scorer 'telepathy'. Did you mean 'empathy'? Known: accuracy, clarity," in scorer
    assert 'aria-describedby="criteria-2-scorer-problems"' in page
    assert (
        "'criterion' is required with this condition."
        in page[page.index('id="auto_fail-0-criterion-problems"') :][:300]
    )
    assert 'href="#criterion-2"' in page  # the summary at the top links to the row
    client.post("/lang", data={"lang": "fi"})
    finnish = page_of(client)
    assert (
        "Tuntematon pisteyttäjä 'telepathy'. Tarkoititko 'empathy'? Tunnetut: accuracy" in finnish
    )
    assert "Painoarvojen summa" not in finnish  # the weights still add up to 100


def test_add_and_remove_rows(client, stored_rubrics, trainer):
    """Add criterion, level and rule buttons save and add a row; remove buttons take the right one out."""
    page_of(client)
    client.post(EDIT_URL, data={**payload(draft_content()), "action": "remove_criterion:0"})
    content = draft_content()
    assert [c["id"] for c in content["criteria"]] == [
        "clarity",
        "accuracy",
        "empathy",
        "response_time",
    ]
    client.post(EDIT_URL, data={**payload(content), "action": "add_criterion"})
    content = draft_content()
    assert content["criteria"][-1] == {"scorer": "manual", "weight": 15}  # what the total lacks
    client.post(EDIT_URL, data={**payload(content), "action": "add_level:0"})
    content = draft_content()
    assert [level["min"] for level in content["criteria"][0]["levels"]] == [0, 60, 85, 95]
    client.post(EDIT_URL, data={**payload(content), "action": "remove_level:0:1"})
    assert [level["min"] for level in draft_content()["criteria"][0]["levels"]] == [0, 85, 95]
    rules = len(draft_content()["auto_fail"])
    client.post(EDIT_URL, data={**payload(draft_content()), "action": "remove_auto_fail:0"})
    assert len(draft_content()["auto_fail"]) == rules - 1
    page = page_of(client)
    assert "'id' is required." in page  # the new criterion has no id yet


def test_removing_a_row_keeps_the_hidden_fields_of_the_rows_after_it(
    client, stored_rubrics, trainer
):
    """After removing criterion 1 the next criterion still has its own params and Swedish title."""
    page_of(client)
    client.post(EDIT_URL, data={**payload(draft_content()), "action": "remove_criterion:0"})
    clarity = draft_content()["criteria"][0]
    assert clarity["id"] == "clarity" and clarity["params"] == {"max_words": 60}
    assert clarity["title"]["sv"] == "Tydlighet och korthet"


def test_new_rubric_copies_criteria_and_refuses_a_taken_id(client, stored_rubrics, trainer):
    """A new rubric starts as draft version 1 with the copied criteria; an id in use is a field error."""
    response = client.post(
        "/authoring/rubrics/new",
        data={
            "id": "chat-short",
            "title_fi": "Lyhyt chat",
            "title_en": "Short chat",
            "channel": "chat",
            "copy_from": "chat-reply",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/authoring/rubrics/chat-short/edit"
    )
    draft = drafts.current_draft("rubric", "chat-short")
    content = drafts.data(draft)
    assert draft.version == 1 and draft.parent is None
    assert content["title"] == {"fi": "Lyhyt chat", "en": "Short chat"}
    assert [c["id"] for c in content["criteria"]] == [
        "grammar",
        "clarity",
        "accuracy",
        "empathy",
        "response_time",
    ]
    assert drafts.check_draft(draft).ok
    taken = client.post("/authoring/rubrics/new", data={"id": "chat-reply", "copy_from": ""})
    assert taken.status_code == 200
    assert "That id is already in use; choose another." in html.unescape(
        taken.get_data(as_text=True)
    )
    bad = client.post("/authoring/rubrics/new", data={"id": "Not A Slug"})
    assert "Use lowercase letters a–z, digits and hyphens." in bad.get_data(as_text=True)


def test_a_new_rubric_from_nothing_has_one_manual_criterion(client, stored_rubrics, trainer):
    """Without a rubric to copy, the draft has one manual criterion weighing 100 % that needs an id."""
    client.post("/authoring/rubrics/new", data={"id": "empty-one", "title_en": "Empty"})
    content = drafts.data(drafts.current_draft("rubric", "empty-one"))
    assert content["criteria"] == [{"scorer": "manual", "weight": 100}]
    page = page_of(client, "/authoring/rubrics/empty-one/edit")
    assert "'id' is required." in page[page.index('id="criterion-0"') :]


def test_editing_a_rubric_only_in_the_files_stores_it_first(client, trainer):
    """A starter rubric the database never had becomes published version 2, and the draft version 3 starts from it."""
    page_of(client)
    published = drafts.latest_published("rubric", "chat-reply")
    assert published is not None and published.version == 2
    assert drafts.current_draft("rubric", "chat-reply").parent_id == published.id


def test_unknown_rubric_is_404(client, stored_rubrics, trainer):
    """There is no editor for a rubric nobody has."""
    assert client.get("/authoring/rubrics/no-such/edit").status_code == 404


def test_yaml_editor_keeps_broken_text_and_reports_it(client, stored_rubrics, trainer):
    """YAML that does not parse is stored as the draft's text and its problem listed; valid YAML goes back to the form."""
    url = "/authoring/rubrics/chat-reply/yaml"
    page = page_of(client, url)
    assert "criteria:" in page
    broken = client.post(url, data={"text": "criteria: [unclosed"})
    assert broken.status_code == 200
    assert "problem to fix before publishing" in html.unescape(broken.get_data(as_text=True))
    _db.session.expire_all()
    assert drafts.current_draft("rubric", "chat-reply").source_yaml == "criteria: [unclosed"
    text = content_versions.yaml_text(drafts.latest_published("rubric", "chat-reply")).replace(
        "weight: 20", "weight: 20", 1
    )
    fixed = client.post(url, data={"text": text})
    assert fixed.status_code == 302 and fixed.headers["Location"].endswith(EDIT_URL)


@pytest.mark.parametrize("role", ["learner", "supervisor"])
def test_only_trainers_and_admins_edit(client, make_user, login, stored_rubrics, role):
    """Learners and supervisors get 403 on every editor page."""
    login(make_user(role))
    for url in (EDIT_URL, "/authoring/rubrics/new", "/authoring/rubrics/chat-reply/yaml"):
        assert client.get(url).status_code == 403
    assert client.post(EDIT_URL, data={}).status_code == 403
    assert drafts.current_draft("rubric", "chat-reply") is None


def test_admin_may_edit(client, make_user, login, stored_rubrics):
    """Admins hold every role, so they edit too."""
    login(make_user("admin"))
    assert client.get(EDIT_URL).status_code == 200
