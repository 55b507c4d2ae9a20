"""Try it and sample answer pages: real grading of a draft beside the published version."""

from __future__ import annotations

import re

import pytest
from flask import render_template
from flask_login import login_user

from qa_app.models import Attempt, AttemptTurn, SampleAnswer
from qa_app.services.authoring import drafts

SCENARIO = "vaara-alennuslupaus"
ADMITS = "Olen todella pahoillani, sait meiltä väärän tiedon."
SAMPLES = f"/authoring/scenarios/{SCENARIO}/samples"


def _draft(trainer, db, change=None):
    draft = drafts.start_draft("scenario", SCENARIO, trainer)
    if change is not None:
        content = drafts.data(draft)
        change(content)
        drafts.save_draft(draft, content)
    db.session.commit()
    return draft


def _without_wrong_phrase(content):
    point = next(kp for kp in content["key_points"] if kp["id"] == "admit-error")
    point["any"] = ["pahoittelen virhettä"]


def _try(client, version_id, text, turn="start", **headers):
    return client.post(
        f"/authoring/versions/{version_id}/try",
        data={"try-answer": text, "try-turn": turn},
        headers=headers,
    )


def _key_point_row(page: str, point_id: str) -> str:
    row = re.search(
        r'<tr class="kp kp--(\w+)">((?:(?!</tr>).)*' + point_id + r"(?:(?!</tr>).)*)</tr>",
        page,
        re.S,
    )
    assert row, f"no row for {point_id}"
    return row.group(1) + " " + row.group(2)


def test_trying_an_answer_shows_scores_marks_and_the_matched_phrase(client, published, trainer, db):
    """The published version meets the point by "väärä tieto"; the draft without it does not."""
    old = drafts.latest_published("scenario", SCENARIO)
    draft = _draft(trainer, db, _without_wrong_phrase)
    before = _try(client, old.id, ADMITS).get_data(as_text=True)
    after = _try(client, draft.id, ADMITS).get_data(as_text=True)
    met = _key_point_row(before, "admit-error")
    assert (
        met.startswith("met ")
        and "phrase" in met
        and "väärä tieto" in met
        and "väärän tiedon" in met
    )
    assert _key_point_row(after, "admit-error").startswith("missing ")
    score = re.compile(r'try-outcome__score"><strong>(\d+)</strong>')
    assert int(score.search(after).group(1)) < int(score.search(before).group(1))
    assert 'class="hl hl--credit' in before and "What the notes mean" in before
    assert "version 2 (draft)" in after and "version 1 (published)" in before
    assert ADMITS in after  # the pasted answer stays in the box


def test_htmx_gets_only_the_result(client, published, trainer, db):
    """With htmx the response is the result fragment that replaces the region under the form."""
    draft = _draft(trainer, db)
    page = _try(client, draft.id, ADMITS, **{"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in page and 'class="try-outcome"' in page and "<textarea" not in page


def test_an_empty_answer_is_refused_next_to_the_field(client, published, trainer, db):
    """A plain form post without text comes back 422 with the error by the box."""
    draft = _draft(trainer, db)
    response = _try(client, draft.id, "  ")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="try-answer-error"' in page and "Paste an answer to grade." in page
    assert 'aria-invalid="true"' in page


def test_an_invalid_draft_says_what_to_fix_and_keeps_the_text(client, published, trainer, db):
    """A draft without an opening is not graded: the problem is named and the answer is kept."""
    draft = _draft(trainer, db, lambda content: content.pop("opening"))
    response = _try(client, draft.id, ADMITS)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This draft cannot be graded yet" in page and "&#39;opening&#39; is required" in page
    assert ADMITS in page
    htmx = _try(client, draft.id, ADMITS, **{"HX-Request": "true"})
    assert htmx.status_code == 200 and "cannot be graded yet" in htmx.get_data(as_text=True)


def test_samples_page_compares_the_draft_with_the_published_version(client, published, trainer, db):
    """Adding a sample grades it by both versions; the changed criterion shows a down arrow."""
    _draft(trainer, db, _without_wrong_phrase)
    response = client.post(
        SAMPLES,
        data={
            "sample-label": "Admits only",
            "sample-text": ADMITS,
            "sample-expectation": "weak",
            "sample-turn": "start",
        },
    )
    assert response.status_code == 302
    page = client.get(SAMPLES).get_data(as_text=True)
    assert "Admits only" in page and "Model answer" in page
    row = re.search(
        r"<tr class=\"sample-row[^\"]*\">((?:(?!</tr>).)*Admits only(?:(?!</tr>).)*)</tr>",
        page,
        re.S,
    )
    assert row and "sample-row--changed" in page
    assert "delta delta--down" in row.group(1) and "lower with the draft" in row.group(1)
    assert "version 1" in page and "version 2" in page


def test_a_sample_is_validated_and_can_be_deleted(client, published, trainer, db):
    """A sample without a label is refused with a summary; a stored one is deleted by its button."""
    refused = client.post(SAMPLES, data={"sample-label": "", "sample-text": ADMITS})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "The sample was not added" in page
    assert 'id="sample-label-error"' in page and ADMITS in page
    client.post(SAMPLES, data={"sample-label": "Keep", "sample-text": ADMITS})
    [stored] = db.session.query(SampleAnswer).all()
    assert client.post(SAMPLES, data={"delete": str(stored.id)}).status_code == 302
    assert db.session.query(SampleAnswer).count() == 0


def test_a_sample_row_opens_its_findings(client, published, trainer, db):
    """The row link grades the sample against that version and shows the marked text."""
    old = drafts.latest_published("scenario", SCENARIO)
    page = client.get(f"/authoring/versions/{old.id}/try?sample=model-start").get_data(as_text=True)
    assert "Model answer" in page and 'class="try-outcome"' in page
    assert client.get(f"/authoring/versions/{old.id}/try?sample=sample-999").status_code == 404


def test_learners_replies_appear_without_names(client, published, trainer, make_user, db):
    """A learner's earlier reply is in the table with the name and phone number replaced."""
    learner = make_user("learner")
    learner.name = "Olli Oppija"
    attempt = Attempt(
        user=learner,
        scenario_version=drafts.latest_published("scenario", SCENARIO),
        rubric_version=drafts.latest_published("rubric", "chat-reply"),
        ui_lang="fi",
    )
    db.session.add(attempt)
    db.session.add(
        AttemptTurn(
            attempt=attempt,
            index=0,
            turn_id="start",
            customer_message="Moi",
            reply_text=f"{ADMITS} Terveisin Olli Oppija, 040 1234567",
            submission_key="k",
            grade_json="{}",
        )
    )
    db.session.commit()
    page = client.get(SAMPLES).get_data(as_text=True)
    assert "Learner’s reply" in page and "[NAME]" in page
    assert "Olli" not in page and "Oppija" not in page and "040 1234567" not in page


@pytest.mark.parametrize("role", ["learner", "supervisor"])
def test_only_trainers_and_admins_try_and_see_samples(
    client, published, make_user, login, role, db
):
    """Learners and supervisors get 403 on every Try it and samples address."""
    owner = make_user("trainer")
    draft = _draft(owner, db)
    login(make_user(role))
    assert client.get(SAMPLES).status_code == 403
    assert _try(client, draft.id, ADMITS).status_code == 403
    assert client.get(f"/authoring/versions/{draft.id}/try").status_code == 403


def test_an_admin_may_try_and_nobody_logged_out_may(client, published, make_user, login, db):
    """Admins pass the trainer check; a visitor is sent to log in."""
    draft = _draft(make_user("trainer"), db)
    assert client.get(SAMPLES).status_code == 302
    login(make_user("admin"))
    assert _try(client, draft.id, ADMITS).status_code == 200
    assert client.get("/authoring/versions/999999/try").status_code == 404


def test_the_editor_can_include_the_panel_with_a_draft(app, published, make_user, db):
    """`{% include "authoring/_try_panel.html" %}` with `draft` renders the form for it."""
    trainer = make_user("trainer")
    draft = _draft(trainer, db)
    with app.test_request_context("/authoring/"):
        login_user(trainer)
        html = render_template("authoring/_try_panel.html", draft=draft, scenario_id=SCENARIO)
    assert f'action="/authoring/versions/{draft.id}/try"' in html
    assert 'name="try-answer"' in html and 'name="try-turn"' in html
    assert html.count("<option") >= 2  # the opening and the follow-up turns
    assert 'hx-target="#try-' in html
