"""The practice loop: Continue for an open attempt, asking before starting again, drafts kept
over a language switch, and dates in the UI's locale."""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from qa_app.extensions import db as _db
from qa_app.models import Assignment, Attempt

from . import test_practice as shared
from .test_practice import GOOD_REPLY, WEAK_REPLY, attempt_of, reply, start

library = shared.library  # the fixtures, shared with the session tests
learner = shared.learner

CONFIRM_URL = "/practice/start/test-refund"


def attempt_count() -> int:
    _db.session.expire_all()
    return _db.session.scalar(select(func.count(Attempt.id)))


def card_of(page: str, scenario_id: str) -> str:
    """Cut one scenario's card out of the catalogue page."""
    begin = page.index(f'id="scenario-{scenario_id}"')
    return page[begin:page.index("</li>", begin)]


def token_of(page: str) -> str:
    """Read the CSRF token from the first form on the page that carries one."""
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', page).group(0)
    return re.search(r'value="([^"]+)"', field).group(1)


def test_catalogue_offers_continue_for_an_open_attempt(client, library, learner):
    """A card whose scenario has an open attempt links Continue to it, and offers no plain Start."""
    url = start(client)
    page = client.get("/practice/").get_data(as_text=True)
    card = card_of(page, "test-refund")
    assert f'href="{url}">Continue' in card
    assert ">Start<" not in card and "Start over" in card


def test_home_offers_continue_for_an_open_attempt(client, library, learner):
    """On the home page an assigned scenario with an open attempt, and the recent session, link Continue to it."""
    _db.session.add(Assignment(team_id=learner.team_id, scenario_id="test-refund"))
    _db.session.add(Assignment(team_id=learner.team_id, scenario_id="test-email"))
    _db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert 'action="/practice/start/test-refund"' in page and ">Start<" in page
    url = start(client)
    page = client.get("/").get_data(as_text=True)
    assigned = page[page.index('id="assigned-heading"'):page.index("Recent practice")]
    assert f'href="{url}">Continue' in assigned
    assert 'action="/practice/start/test-refund"' not in assigned
    assert 'action="/practice/start/test-email"' in assigned  # the other one can still be started
    recent = page[page.index("Recent practice"):]
    assert f'href="{url}">Continue' in recent and "in progress" in recent


def test_starting_again_with_an_open_attempt_asks_first(client, library, learner):
    """Starting a scenario whose attempt is open leads to a page offering to continue it or leave it."""
    url = start(client)
    response = client.post("/practice/start/test-refund")
    assert response.status_code == 303 and response.headers["Location"].endswith(CONFIRM_URL)
    assert attempt_count() == 1 and attempt_of(url).status == "in_progress"
    page = client.get(CONFIRM_URL).get_data(as_text=True)
    assert "You have an unfinished session of this scenario" in page
    assert f'href="{url}">Continue the open attempt' in page
    attempt_id = attempt_of(url).id
    assert re.search(rf'name="leaving" type="hidden" value="{attempt_id}"', page)
    assert "Leave it and start a new one" in page and "sent 0 replies" in page


def test_continue_keeps_the_open_attempt(client, library, learner):
    """Choosing Continue opens the same attempt, with its replies so far, and starts nothing new."""
    url = start(client)
    reply(client, url, WEAK_REPLY)
    client.post("/practice/start/test-refund")
    page = client.get(CONFIRM_URL).get_data(as_text=True)
    assert "sent 1 reply so far" in page
    continue_url = re.search(r'href="([^"]+)">Continue the open attempt', page).group(1)
    assert continue_url == url
    resumed = client.get(continue_url).get_data(as_text=True)
    assert "So no refund then?" in resumed and WEAK_REPLY in resumed
    assert attempt_count() == 1 and attempt_of(url).status == "in_progress"


def test_leave_finishes_the_old_attempt_as_left_and_starts_a_new_one(client, library, learner):
    """Leaving ends the open attempt with outcome "left", starts a fresh one and shows it in the history."""
    url = start(client)
    reply(client, url, WEAK_REPLY)
    old = attempt_of(url)
    response = client.post("/practice/start/test-refund", data={"leaving": str(old.id)})
    assert response.status_code == 303
    new_url = response.headers["Location"]
    assert new_url != url and attempt_of(new_url).status == "in_progress"
    old = attempt_of(url)
    assert (old.status, old.outcome, old.finished_at is not None) == ("finished", "left", True)
    history = client.get("/practice/progress").get_data(as_text=True)
    assert "Left unfinished" in history and f'href="{url}/debrief"' in history
    # A left session is no result: the catalogue shows no best score and the debrief says why it ended.
    catalogue = client.get("/practice/").get_data(as_text=True)
    card = card_of(catalogue, "test-refund")
    assert "<dd>2</dd>" in card and f'href="{new_url}">Continue' in card
    assert re.search(r"Your best</dt><dd><span class=\"muted\">–</span></dd>", card)
    assert "Left unfinished" in client.get(url + "/debrief").get_data(as_text=True)
    assert "left unfinished" in client.get("/").get_data(as_text=True)


def test_session_left_before_any_reply_is_listed_but_not_charted(client, library, learner):
    """A session left before its first reply shows in the history table, with no chart and no finished count."""
    url = start(client)
    client.post("/practice/start/test-refund", data={"leaving": str(attempt_of(url).id)})
    page = client.get("/practice/progress").get_data(as_text=True)
    assert "Left unfinished" in page and "chart.umd.js" not in page and 'id="progress-data"' not in page
    assert re.search(r'stat__value">0</span><span class="stat__label">sessions finished', page)
    home = client.get("/").get_data(as_text=True)
    assert re.search(r'stat__value">0</span><span class="stat__label">practice sessions finished', home)


def test_leave_with_an_outdated_choice_asks_again(client, library, learner):
    """A leave naming another attempt than the open one (an old tab) asks again instead of ending anything."""
    url = start(client)
    response = client.post("/practice/start/test-refund", data={"leaving": "999999"})
    assert response.status_code == 303 and response.headers["Location"].endswith(CONFIRM_URL)
    assert attempt_count() == 1 and attempt_of(url).status == "in_progress"


def test_question_page_without_an_open_attempt_goes_to_the_catalogue(client, library, learner):
    """With nothing open (finished meanwhile), the question page sends the learner to the scenario's card."""
    url = start(client)
    reply(client, url, GOOD_REPLY)
    response = client.get(CONFIRM_URL)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/practice/#scenario-test-refund")


def test_every_form_of_the_loop_carries_a_csrf_token(app, client, library, learner, monkeypatch):
    """With CSRF on, the home Start, the question page's Leave and the no-JS language switch all pass with their token, and fail without."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    _db.session.add(Assignment(team_id=learner.team_id, scenario_id="test-refund"))
    _db.session.commit()
    home = client.get("/").get_data(as_text=True)
    assert client.post("/practice/start/test-refund").status_code == 400
    started = client.post("/practice/start/test-refund", data={"csrf_token": token_of(home)})
    url = started.headers["Location"]
    question = client.post("/practice/start/test-refund", data={"csrf_token": token_of(home)})
    assert question.headers["Location"].endswith(CONFIRM_URL)
    page = client.get(CONFIRM_URL).get_data(as_text=True)
    leaving = re.search(r'name="leaving" type="hidden" value="(\d+)"', page).group(1)
    assert client.post("/practice/start/test-refund", data={"leaving": leaving}).status_code == 400
    left = client.post("/practice/start/test-refund", data={"leaving": leaving, "csrf_token": token_of(page)})
    assert left.status_code == 303 and attempt_of(url).outcome == "left"
    attempt_page = client.get(left.headers["Location"]).get_data(as_text=True)
    action = html.unescape(re.search(r'formaction="([^"]+)"', attempt_page).group(1))
    # Without a token the language stays, and the draft is kept for its page as over an expired session.
    refused = client.post(action, data={"lang": "fi", "reply": "Draft"})
    assert "/auth/login?next=/practice/attempt/" in refused.headers["Location"]
    assert '<html lang="en">' in client.get("/practice/").get_data(as_text=True)
    with client.session_transaction() as session:
        assert session["pending_reply"] == {"path": left.headers["Location"], "text": "Draft"}
    switched = client.post(action, data={"lang": "fi", "reply": "Draft", "csrf_token": token_of(attempt_page)})
    assert switched.headers["Location"] == left.headers["Location"]
    assert '<html lang="fi">' in client.get(switched.headers["Location"]).get_data(as_text=True)


def no_js_language_switch(client, url: str, lang: str, draft: str):
    """Press a language button as a browser without JavaScript does: it posts the reply form."""
    page = client.get(url).get_data(as_text=True)
    button = re.search(rf'<button type="submit" name="lang" value="{lang}"[^>]*>', page).group(0)
    assert 'form="reply-form"' in button and 'id="reply-form"' in page
    action = html.unescape(re.search(r'formaction="([^"]+)"', button).group(1))
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    return client.post(action, data={"lang": lang, "reply": draft, "submission_key": key, "answers_reply": "0"})


def test_language_switch_without_javascript_keeps_the_draft(client, library, learner):
    """Switching the language on a practice page without JavaScript shows the page in the new language with the draft, once."""
    url = start(client)
    draft = "Hello Pat, I am sorry <b>about</b> the delay."
    response = no_js_language_switch(client, url, "fi", draft)
    assert response.status_code == 302 and response.headers["Location"].endswith(url)
    page = client.get(url).get_data(as_text=True)
    assert '<html lang="fi">' in page and "Lähetä vastaus" in page
    assert re.search(r"<textarea[^>]*>\s*" + re.escape(html.escape(draft, quote=False)), page)
    assert "Ennen kirjautumista" not in page  # no "kept over a log-in" notice: the draft simply stayed
    assert attempt_of(url).turns == []  # switching the language sends nothing
    assert draft not in client.get(url).get_data(as_text=True).replace("&lt;", "<").replace("&gt;", ">")


def test_language_switch_elsewhere_keeps_nothing(client, library, learner):
    """Away from a practice page the language buttons post only their own header form."""
    page = client.get("/practice/").get_data(as_text=True)
    assert 'formaction="' not in page and "data-draft-lang" not in page
    response = client.post("/lang", data={"lang": "fi", "next": "/practice/"})
    assert response.headers["Location"].endswith("/practice/")
    with client.session_transaction() as session:
        assert "pending_reply" not in session


def test_attempt_page_names_its_draft_for_the_script(client, library, learner):
    """The reply textarea carries the attempt and turn its draft is saved under, and the debrief marks drafts done."""
    url = start(client)
    attempt_id = attempt_of(url).id
    page = client.get(url).get_data(as_text=True)
    assert f'data-draft-attempt="{attempt_id}"' in page and 'data-draft-turn="1"' in page
    reply(client, url, WEAK_REPLY)
    assert 'data-draft-turn="2"' in client.get(url).get_data(as_text=True)
    reply(client, url, GOOD_REPLY)
    debrief = client.get(url + "/debrief").get_data(as_text=True)
    assert f'data-drafts-done="{attempt_id}"' in debrief


def finish_at(client, when: datetime, text: str = GOOD_REPLY) -> str:
    """Play the refund scenario to its end and pretend it started and finished at `when` (UTC)."""
    url = start(client)
    reply(client, url, text)
    attempt = attempt_of(url)
    attempt.started_at = attempt.finished_at = when
    _db.session.commit()
    return url


DATES = [
    # 10.36 UTC is 12.36 in Helsinki (the default time zone) in December.
    ("fi", "2.12.2026 klo 12.36", "2.12.2026"),
    ("en", "2 Dec 2026, 12:36", "2 Dec 2026"),
]


@pytest.mark.parametrize(("lang", "stamp", "day"), DATES)
def test_progress_dates_follow_the_ui_locale(client, library, learner, lang, stamp, day):
    """The progress tables show date and time in the UI's locale and time zone, and the chart labels the day."""
    client.post("/lang", data={"lang": lang})
    finish_at(client, datetime(2026, 12, 2, 10, 36))
    page = client.get("/practice/progress").get_data(as_text=True)
    assert page.count(stamp) == 2  # the history row and "last practised"
    data = json.loads(re.search(r'id="progress-data">(.*?)</script>', page, re.S).group(1))
    assert data["labels"] == [day]


@pytest.mark.parametrize(("lang", "stamp", "day"), DATES)
def test_chart_labels_carry_the_time_when_sessions_share_a_day(client, library, learner, lang, stamp, day):
    """Two sessions on one day get chart labels with their times, in the UI's locale."""
    client.post("/lang", data={"lang": lang})
    finish_at(client, datetime(2026, 12, 2, 10, 36))
    finish_at(client, datetime(2026, 12, 2, 8, 5))
    page = client.get("/practice/progress").get_data(as_text=True)
    labels = json.loads(re.search(r'id="progress-data">(.*?)</script>', page, re.S).group(1))["labels"]
    assert stamp in labels and len(labels) == 2 and all(label.startswith(day) for label in labels)


@pytest.mark.parametrize(("lang", "stamp", "day"), DATES)
def test_due_dates_and_start_times_follow_the_ui_locale(client, library, learner, lang, stamp, day):
    """Due dates in the catalogue and on home, and the open session's start on the question page and home, read as the locale writes them."""
    client.post("/lang", data={"lang": lang})
    _db.session.add(Assignment(team_id=learner.team_id, scenario_id="test-email", due_date=date(2026, 12, 2)))
    _db.session.commit()
    assert day in client.get("/practice/").get_data(as_text=True)
    assert day in client.get("/").get_data(as_text=True)
    url = start(client)
    attempt = attempt_of(url)
    attempt.started_at = datetime(2026, 12, 2, 10, 36)
    _db.session.commit()
    client.post("/practice/start/test-refund")
    assert stamp in client.get(CONFIRM_URL).get_data(as_text=True)
    assert stamp in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [
        ("fi", datetime(2026, 7, 1, 21, 5), "2.7.2026 klo 0.05"),  # summer time, and past midnight
        ("en", datetime(2026, 7, 1, 21, 5), "2 Jul 2026, 00:05"),
        ("fi", None, "–"),
    ],
)
def test_local_datetime_filter(app, lang, value, expected):
    """The date-and-time filter converts UTC to the user's time zone and writes it the locale's way."""
    from flask_babel import force_locale

    from qa_app.templating import local_datetime

    with app.test_request_context(), force_locale(lang):
        assert local_datetime(value) == expected
