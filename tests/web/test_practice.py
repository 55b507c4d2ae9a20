"""Practice sessions: starting, branching, storing turns, timing, duplicates, permissions."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qa_app.content import load_library
from qa_app.extensions import db as _db
from qa_app.models import Attempt, AttemptTurn, ContentVersion
from qa_app.models.user import utcnow
from qa_app.services import content_store, practice

RUBRIC = """
id: practice-chat
version: 1
title: {fi: Harjoitus-chat, en: Practice chat}
criteria:
  - id: grammar
    title: {fi: Kieli, en: Language}
    weight: 20
    scorer: grammar
    levels:
      - {min: 0, label: {fi: Kehitettävää, en: Needs work}}
      - {min: 60, label: {fi: Hyvä, en: Good}}
  - id: accuracy
    title: {fi: Asiasisältö, en: Accuracy}
    weight: 50
    scorer: accuracy
    levels:
      - {min: 0, label: {fi: Kehitettävää, en: Needs work}}
      - {min: 60, label: {fi: Hyvä, en: Good}}
  - id: empathy
    title: {fi: Empatia, en: Empathy}
    weight: 30
    scorer: empathy
levels:
  - {min: 0, label: {fi: Harjoittele lisää, en: Keep practising}}
  - {min: 70, label: {fi: Hyvä, en: Good}}
"""

BRANCHING = """
id: test-refund
version: {version}
language: en
channel: chat
title: {{en: "{title}", fi: Hyvitys myöhästyneestä paketista}}
opening: My parcel is two weeks late and I want my money back.
difficulty: easy
rubric: practice-chat
time_target_s: 60
max_turns: {max_turns}
persona: {{name: Pat Example, mood: angry, background: Pat ordered a lamp.}}
facts:
  - {{label: Order, value: "Lamp, 49 EUR"}}
key_points:
  - {{id: refund, say: Offers a refund, any: [refund]}}
forbidden:
  - {{id: cash-today, say: Promises cash today, any: [cash today]}}
model_answer: Hi Pat, I am sorry. I will refund the 49 EUR today.
turns:
  - id: start
    next:
      - {{when: {{forbidden: any}}, goto: angry-end}}
      - {{when: {{key_point: refund}}, goto: thanks}}
      - {{goto: pushback}}
  - id: pushback
    customer: "{pushback}"
    mood: frustrated
    next:
      - {{when: {{key_point: refund}}, goto: thanks}}
      - {{goto: walkout}}
  - {{id: thanks, customer: "Thank you, that helps.", mood: calm, outcome: resolved}}
  - {{id: walkout, customer: Forget it., mood: angry, outcome: abandoned}}
  - {{id: angry-end, customer: I want a manager., mood: angry, outcome: escalated}}
"""

SINGLE = """
id: test-email
version: 1
language: en
channel: email
title: {en: A single email about a refund}
opening: Where is my refund? I returned the lamp a month ago.
difficulty: medium
rubric: practice-chat
persona: {name: Robin Sender, mood: frustrated}
email:
  subject: Refund for order 123
  history:
    - {from: Robin Sender, date: 1.10., text: I have sent the lamp back today.}
key_points:
  - {id: refund, say: Confirms the refund, any: [refund]}
model_answer: Hi Robin, your refund of 49 EUR is on its way.
"""

GOOD_REPLY = "Hello Pat, I am sorry about the delay. I will refund the lamp."
WEAK_REPLY = "We are looking into it."


def write_library(
    root: Path,
    *,
    version: int = 1,
    title: str = "Refund for a late parcel",
    pushback: str = "So no refund then? Answer me.",
    max_turns: int = 3,
):
    """Write the practice test content under `root` and load it."""
    (root / "scenarios").mkdir(parents=True, exist_ok=True)
    (root / "rubrics").mkdir(parents=True, exist_ok=True)
    (root / "rubrics" / "practice-chat.yaml").write_text(RUBRIC, encoding="utf-8")
    branching = BRANCHING.format(
        version=version, title=title, pushback=pushback, max_turns=max_turns
    )
    (root / "scenarios" / "test-refund.yaml").write_text(branching, encoding="utf-8")
    (root / "scenarios" / "test-email.yaml").write_text(SINGLE, encoding="utf-8")
    return load_library([root / "scenarios"], [root / "rubrics"])


@pytest.fixture()
def library(app, db, tmp_path):
    """Swap in the small practice library for one test, then put the real one back."""
    original = content_store.library()
    content_store.set_library(app, write_library(tmp_path / "content"))
    yield tmp_path / "content"
    content_store.set_library(app, original)


@pytest.fixture()
def learner(client, make_user, login):
    """A logged-in learner in team A, using the English UI (the page texts below are msgids)."""
    user = make_user("learner", team="Tiimi A")
    login(user)
    client.post("/lang", data={"lang": "en"})
    return user


def start(client, scenario_id: str = "test-refund") -> str:
    """Start an attempt through the catalogue button; return the attempt URL."""
    response = client.post(f"/practice/start/{scenario_id}")
    assert response.status_code == 303
    return response.headers["Location"]


def submission_key(page: str) -> str:
    match = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page)
    assert match, "the reply form must carry a submission key"
    return match.group(1)


def reply(client, url: str, text: str, **headers):
    """Open the attempt page and send `text` with the form's own submission key."""
    key = submission_key(client.get(url).get_data(as_text=True))
    return client.post(url, data={"reply": text, "submission_key": key}, headers=headers)


def attempt_of(url: str) -> Attempt:
    _db.session.expire_all()
    return _db.session.get(Attempt, int(url.rstrip("/").split("/")[-1]))


def test_start_records_scenario_and_rubric_versions(client, library, learner):
    """Starting an attempt stores the scenario and rubric versions it is played with."""
    attempt = attempt_of(start(client))
    assert attempt.scenario_version.kind == "scenario"
    assert (attempt.scenario_version.content_id, attempt.scenario_version.version) == (
        "test-refund",
        1,
    )
    assert attempt.rubric_version.content_id == "practice-chat"
    assert json.loads(attempt.scenario_version.body_json)["id"] == "test-refund"
    assert attempt.current_turn_id == "start" and attempt.status == "in_progress"


def test_attempt_page_shows_channel_persona_facts_and_timer(client, library, learner):
    """The practice page shows the opening, the customer, the facts, the timer and a labelled textarea."""
    url = start(client)
    page = client.get(url).get_data(as_text=True)
    assert "My parcel is two weeks late" in page
    assert "Pat Example" in page and "Lamp, 49 EUR" in page
    assert 'data-target="60"' in page and 'role="timer"' in page
    assert '<label class="field__label" for="reply">' in page
    assert 'aria-live="polite"' in page and 'id="current-message"' in page
    assert attempt_of(url).current_turn_shown_at is not None


def test_good_first_reply_branches_to_resolved_end(client, library, learner):
    """A reply that meets the refund key point ends the role-play as resolved and stores the grade."""
    url = start(client)
    response = reply(client, url, GOOD_REPLY)
    assert response.status_code == 303 and response.headers["Location"].endswith("/debrief")
    attempt = attempt_of(url)
    assert (attempt.status, attempt.outcome) == ("finished", "resolved")
    (turn,) = attempt.turns
    assert (turn.turn_id, turn.next_turn_id) == ("start", "thanks")
    grade = json.loads(turn.grade_json)
    assert (
        grade["scenario"]["id"] == "test-refund"
        and grade["overall"] == turn.overall == attempt.overall
    )


def test_weak_reply_pushes_back_then_good_reply_resolves(client, library, learner):
    """A weak reply leads to the pushback turn, and the badge does not say the customer calmed down
    after it (the content's moods would); a good one then resolves."""
    url = start(client)
    assert reply(client, url, WEAK_REPLY).headers["Location"].endswith(url)
    page = client.get(url).get_data(as_text=True)
    assert "So no refund then?" in page and "Reply 2 of at most 3" in page
    assert "Calming down" not in page and "No change" in page
    reply(client, url, GOOD_REPLY)
    attempt = attempt_of(url)
    assert [t.turn_id for t in attempt.turns] == ["start", "pushback"]
    assert attempt.outcome == "resolved"


def test_forbidden_claim_escalates(client, library, learner):
    """A forbidden promise takes the branch to the escalated ending."""
    url = start(client)
    reply(client, url, "You will get cash today.")
    assert attempt_of(url).outcome == "escalated"


def test_max_turns_ends_with_completed(app, client, library, learner):
    """When max_turns replies are used up before an ending, the attempt ends as completed."""
    content_store.set_library(app, write_library(library, version=2, max_turns=1))
    url = start(client)
    reply(client, url, WEAK_REPLY)
    attempt = attempt_of(url)
    assert (attempt.status, attempt.outcome, len(attempt.turns)) == ("finished", "completed", 1)


def test_single_reply_scenario_ends_after_one_reply(client, library, learner):
    """A scenario without turns is one graded reply; the email view shows subject and quoted history."""
    url = start(client, "test-email")
    page = client.get(url).get_data(as_text=True)
    assert "Refund for order 123" in page and "I have sent the lamp back today." in page
    reply(client, url, "Hello Robin, your refund is on its way.")
    attempt = attempt_of(url)
    assert (attempt.status, attempt.outcome) == ("finished", "completed")
    assert attempt.turns[0].turn_id == practice.OPENING_TURN_ID


def test_time_is_measured_on_the_server_from_first_showing(client, library, learner):
    """The time taken runs from when the turn was first shown to the submit, whatever the browser says."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    attempt = attempt_of(url)
    attempt.current_turn_shown_at = utcnow() - timedelta(seconds=42)
    _db.session.commit()
    client.get(url)  # showing the turn again does not restart the clock
    client.post(url, data={"reply": WEAK_REPLY, "submission_key": key, "elapsed": "1"})
    turn = attempt_of(url).turns[0]
    assert 42 <= turn.time_taken_s < 60
    assert (
        attempt_of(url).current_turn_shown_at is None
    )  # the next turn's clock starts when it is shown


def test_double_submit_creates_one_turn(client, library, learner):
    """Posting the same form twice (same submission key) stores one turn and just redirects."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    first = client.post(url, data={"reply": WEAK_REPLY, "submission_key": key})
    second = client.post(url, data={"reply": WEAK_REPLY, "submission_key": key})
    assert first.status_code == second.status_code == 303
    assert len(attempt_of(url).turns) == 1


def test_duplicate_caught_by_unique_constraint(client, library, learner, monkeypatch):
    """A duplicate that slips past the look-up (a race) is stopped by the unique key and reported as duplicate."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    attempt = attempt_of(url)
    assert attempt.turns == []  # loaded before the first request stores its turn
    client.post(url, data={"reply": WEAK_REPLY, "submission_key": key})
    look_up, calls = practice._turn_with_key, []

    def miss_first(attempt, key):  # the first look-up runs before the other request commits
        calls.append(key)
        return None if len(calls) == 1 else look_up(attempt, key)

    monkeypatch.setattr(practice, "_turn_with_key", miss_first)
    outcome = practice.submit_reply(attempt, WEAK_REPLY, key)
    assert outcome.duplicate and len(calls) == 2
    count = _db.session.scalar(
        select(func.count(AttemptTurn.id)).where(AttemptTurn.attempt_id == attempt.id)
    )
    assert count == 1


def test_double_submit_of_final_reply_goes_to_debrief(client, library, learner):
    """Re-sending the reply that ended the attempt lands on the debrief, not an error."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    client.post(url, data={"reply": GOOD_REPLY, "submission_key": key})
    again = client.post(url, data={"reply": GOOD_REPLY, "submission_key": key})
    assert again.status_code == 303 and again.headers["Location"].endswith("/debrief")
    assert len(attempt_of(url).turns) == 1


def test_new_text_with_a_used_key_is_kept_not_dropped(client, library, learner):
    """A different reply sent from an already used form is not taken for a duplicate: it comes back in the form."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    client.post(url, data={"reply": WEAK_REPLY, "submission_key": key})
    response = client.post(url, data={"reply": GOOD_REPLY, "submission_key": key})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "The customer wrote again" in page and GOOD_REPLY in page
    assert submission_key(page) != key  # a fresh key, so sending it now is not a duplicate
    assert [t.reply_text for t in attempt_of(url).turns] == [WEAK_REPLY]


def test_reply_from_an_outdated_form_is_kept(client, library, learner):
    """A reply typed in a second tab that still shows the first message is kept for the new message."""
    url = start(client)
    stale_page = client.get(url).get_data(as_text=True)
    reply(client, url, WEAK_REPLY)  # the first tab answers the opening
    response = client.post(
        url,
        data={"reply": GOOD_REPLY, "submission_key": submission_key(stale_page), "answers_reply": "0"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and GOOD_REPLY in page
    assert 'name="answers_reply" type="hidden" value="1"' in page
    assert len(attempt_of(url).turns) == 1
    resent = client.post(
        url, data={"reply": GOOD_REPLY, "submission_key": submission_key(page), "answers_reply": "1"}
    )
    assert resent.status_code == 303
    assert [t.reply_text for t in attempt_of(url).turns] == [WEAK_REPLY, GOOD_REPLY]


def test_double_submit_with_changed_white_space_is_still_one_turn(client, library, learner):
    """Line endings or trailing spaces that a browser changes do not turn a double submit into a new reply."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    client.post(url, data={"reply": "We are\nlooking into it.", "submission_key": key, "answers_reply": "0"})
    again = client.post(
        url, data={"reply": "We are\r\nlooking into it. ", "submission_key": key, "answers_reply": "0"}
    )
    assert again.status_code == 303 and len(attempt_of(url).turns) == 1


@pytest.mark.parametrize("hidden", [{"answers_reply": "abc"}, {"submission_key": "short"}])
def test_unreadable_hidden_fields_keep_the_reply_with_a_notice(client, library, learner, hidden):
    """A tampered or truncated hidden field is explained, the reply kept and a fresh form given."""
    url = start(client)
    data = {"reply": GOOD_REPLY, "submission_key": submission_key(client.get(url).get_data(as_text=True))}
    response = client.post(url, data={**data, **hidden})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This form could not be read" in page and GOOD_REPLY in page
    assert len(submission_key(page)) > 8 and 'name="answers_reply" type="hidden" value="0"' in page
    assert attempt_of(url).turns == []


def test_reply_to_an_ended_session_is_shown_back(client, library, learner):
    """A new reply that arrives after the session ended (another tab) is shown back, not lost."""
    url = start(client)
    stale_page = client.get(url).get_data(as_text=True)
    reply(client, url, GOOD_REPLY)  # resolves the conversation
    response = client.post(
        url,
        data={"reply": "One more thing, Pat.", "submission_key": submission_key(stale_page), "answers_reply": "0"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "One more thing, Pat." in page and "/debrief" in page
    assert len(attempt_of(url).turns) == 1


def test_race_lost_to_a_different_reply_is_stale(client, library, learner):
    """When another reply takes the turn between the check and the commit, the loser is StaleReply, not a duplicate."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    attempt = attempt_of(url)
    assert attempt.turns == []  # loaded before the other request stores its turn
    client.post(url, data={"reply": WEAK_REPLY, "submission_key": key})
    with pytest.raises(practice.StaleReply):
        practice.submit_reply(attempt, GOOD_REPLY, "another-key-123")
    assert [t.reply_text for t in attempt_of(url).turns] == [WEAK_REPLY]


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_reply_is_a_field_error_and_keeps_text(client, library, learner, text):
    """An empty or whitespace-only reply is refused with a field error, the text kept and no turn stored."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"reply": text, "submission_key": key})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Write a reply before sending." in page and 'aria-invalid="true"' in page
    kept = re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1)
    assert kept.removeprefix("\r\n") == text
    assert attempt_of(url).turns == []


def test_htmx_reply_swaps_in_place_and_redirects_at_the_end(client, library, learner):
    """With htmx, a mid-conversation reply re-renders the page region, and the final one sends HX-Redirect."""
    url = start(client)
    first = reply(client, url, WEAK_REPLY, **{"HX-Request": "true"})
    assert first.status_code == 303  # htmx follows it and swaps #practice-session
    page = client.get(url).get_data(as_text=True)
    assert 'hx-select="#practice-session"' in page and 'id="practice-session"' in page
    last = reply(client, url, GOOD_REPLY, **{"HX-Request": "true"})
    assert last.status_code == 200 and last.headers["HX-Redirect"].endswith("/debrief")


def test_htmx_empty_reply_gets_200_with_error(client, library, learner):
    """htmx only swaps successful responses, so an empty reply comes back as 200 with the error."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    response = client.post(
        url, data={"reply": " ", "submission_key": key}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "Write a reply before sending." in response.get_data(
        as_text=True
    )


def test_unfinished_attempt_resumes(client, library, learner):
    """An unfinished attempt resumes at its open turn, and the catalogue offers Continue."""
    url = start(client)
    reply(client, url, WEAK_REPLY)
    catalogue = client.get("/practice/").get_data(as_text=True)
    assert f'href="{url}"' in catalogue and "Continue" in catalogue
    page = client.get(url).get_data(as_text=True)
    assert "So no refund then?" in page and WEAK_REPLY in page


def test_other_learner_gets_403(client, library, learner, make_user, login):
    """Another learner can neither open nor reply in someone else's attempt."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    client.post("/auth/logout")
    login(make_user("learner", team="Tiimi A"))
    assert client.get(url).status_code == 403
    assert client.post(url, data={"reply": WEAK_REPLY, "submission_key": key}).status_code == 403
    assert client.get(url + "/debrief").status_code == 403


def test_supervisor_views_debrief_but_cannot_play(client, library, learner, make_user, login):
    """A supervisor of the same team may read the debrief but not reply; another team's supervisor may not read it."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    client.post("/auth/logout")
    login(make_user("supervisor", team="Tiimi A"))
    assert client.post(url, data={"reply": WEAK_REPLY, "submission_key": key}).status_code == 403
    assert client.get(url + "/debrief").status_code == 200
    client.post("/auth/logout")
    login(make_user("supervisor", team="Tiimi B"))
    assert client.get(url + "/debrief").status_code == 403


def test_expired_session_keeps_the_reply(client, library, learner, login):
    """A reply posted after the session expired survives the log-in and pre-fills the textarea once."""
    url = start(client)
    key = submission_key(client.get(url).get_data(as_text=True))
    client.post("/auth/logout")
    response = client.post(
        url, data={"reply": "Sorry Pat, I will refund it.", "submission_key": key}
    )
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    after_login = login(learner)
    assert after_login.headers["Location"].endswith(url)
    page = client.get(url).get_data(as_text=True)
    assert re.search(r"<textarea[^>]*>\s*Sorry Pat, I will refund it\.</textarea>", page)
    assert "Sorry Pat" not in client.get(url).get_data(as_text=True)
    assert attempt_of(url).turns == []


def test_old_attempt_keeps_its_scenario_version(app, client, library, learner):
    """An attempt started on version 1 keeps playing version 1 after the library moves to version 2."""
    url = start(client)
    content_store.set_library(
        app, write_library(library, version=2, title="Changed title", pushback="NEW TEXT")
    )
    reply(client, url, WEAK_REPLY)
    page = client.get(url).get_data(as_text=True)
    assert "So no refund then?" in page and "NEW TEXT" not in page
    versions = _db.session.scalars(
        select(ContentVersion.version).where(ContentVersion.content_id == "test-refund")
    )
    assert list(versions) == [1]


def test_unknown_scenario_is_404(client, library, learner):
    """Starting a scenario that is not in the library is a 404."""
    assert client.post("/practice/start/no-such-thing").status_code == 404


def test_debrief_names_a_correction_that_deletes_words(client, library, learner):
    """A suggestion that deletes the marked words ("contact to us" -> "contact us") reads "(delete)", not an empty box."""
    url = start(client, "test-email")
    response = reply(client, url, "Hello Robin, I will refund the lamp. You can contact to us by phone on weekdays.")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "suggestion--delete" in html and "(delete)" in html
    assert '<span class="suggestion" lang="en"></span>' not in html
