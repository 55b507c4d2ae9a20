"""Every starter scenario plays through the web: model answers resolve, weak replies do not."""

from __future__ import annotations

import re
import secrets

import pytest
from markupsafe import escape

from qa_app.content import Scenario, default_content_dirs, load_library
from qa_app.extensions import db as _db
from qa_app.models import Attempt
from qa_app.services import content_store

# The app loads the repository's scenarios/ and rubrics/ by default; collect their ids once.
STARTER_IDS = sorted(load_library(*default_content_dirs()).scenarios_by_id)
UI_LANG = "en"
WEAK_REPLIES = {
    "fi": "Hei, katson asiaa.",
    "en": "Hi, I'll look into it.",
    "sv": "Hej, jag tittar på det.",
}
UNRESOLVED = {"escalated", "abandoned", "completed"}


@pytest.fixture()
def learner(client, make_user, login):
    """A logged-in learner whose UI language is English."""
    user = make_user("learner", locale=UI_LANG)
    login(user)
    return user


def play(client, scenario: Scenario, text: str, follow_model: bool = False) -> tuple[Attempt, int]:
    """Start `scenario` and send `text` as every reply until the debrief (with `follow_model`, a
    turn's own model answer where it has one); return the attempt and the replies sent."""
    started = client.post(f"/practice/start/{scenario.id}")
    assert started.status_code == 303, started.get_data(as_text=True)[:500]
    url = started.headers["Location"]
    for sent in range(1, scenario.max_turns + 2):  # one post more than allowed, to catch a loop
        reply = text
        if follow_model and sent > 1:
            current = attempt_of(url).current_turn_id
            turn = next((t for t in scenario.turns if t.id == current), None)
            reply = turn.model_answer if turn is not None and turn.model_answer else text
        response = client.post(
            url, data={"reply": reply, "submission_key": secrets.token_urlsafe(16)}
        )
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        if response.headers["Location"].endswith("/debrief"):
            return attempt_of(url), sent
    pytest.fail(f"{scenario.id}: no debrief after {scenario.max_turns + 1} replies")


def attempt_of(url: str) -> Attempt:
    _db.session.expire_all()
    return _db.session.get(Attempt, int(url.rstrip("/").split("/")[-1]))


def path_of(attempt: Attempt) -> list[str]:
    """Return the turns the conversation went through, for failure messages."""
    return [f"{turn.turn_id}->{turn.next_turn_id}" for turn in attempt.turns]


def assert_debrief_shows_rubric_and_score(client, attempt: Attempt, scenario: Scenario) -> None:
    """Check that the debrief names every criterion of the rubric and shows the overall score."""
    response = client.get(f"/practice/attempt/{attempt.id}/debrief")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    rubric = content_store.library().rubric_for(scenario)
    for criterion in rubric.spec_in(UI_LANG).criteria:
        assert str(escape(criterion.title)) in page, criterion.id
    assert attempt.overall is not None
    shown = re.search(r'class="big-score__value">\s*([^<]*?)\s*<', page)
    assert shown and shown.group(1) == str(round(attempt.overall))


@pytest.mark.parametrize("scenario_id", STARTER_IDS)
def test_model_answer_resolves(client, learner, scenario_id):
    """The model answers (the scenario's, then each turn's own where it has one) end the conversation resolved."""
    scenario = content_store.library().scenario(scenario_id)
    attempt, _ = play(client, scenario, scenario.model_answer, follow_model=True)
    assert (attempt.status, attempt.outcome) == ("finished", "resolved"), path_of(attempt)
    assert_debrief_shows_rubric_and_score(client, attempt, scenario)


@pytest.mark.parametrize("scenario_id", STARTER_IDS)
def test_weak_generic_reply_does_not_resolve(client, learner, scenario_id):
    """A short generic reply in the scenario's language ends unresolved within max_turns."""
    scenario = content_store.library().scenario(scenario_id)
    attempt, sent = play(client, scenario, WEAK_REPLIES[scenario.language])
    assert attempt.status == "finished" and attempt.outcome in UNRESOLVED, path_of(attempt)
    assert sent <= scenario.max_turns
    assert_debrief_shows_rubric_and_score(client, attempt, scenario)
