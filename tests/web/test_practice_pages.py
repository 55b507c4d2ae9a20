"""Practice pages: catalogue, debrief, progress, and the highlighting of findings."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from qa_app.extensions import db as _db
from qa_app.grading.results import Finding
from qa_app.models import Assignment
from qa_app.services.highlight import number_findings, pieces
from qa_app.services.practice import mood_trend

from . import test_practice as shared
from .test_practice import GOOD_REPLY, WEAK_REPLY, attempt_of, reply, start

library = shared.library  # the fixtures, shared with the session tests
learner = shared.learner


def test_catalogue_lists_scenarios_with_filters(client, library, learner):
    """The catalogue lists every scenario and narrows by channel with a plain GET form."""
    page = client.get("/practice/").get_data(as_text=True)
    assert "Refund for a late parcel" in page and "A single email about a refund" in page
    assert '<form class="filters card" method="get"' in page
    email_only = client.get("/practice/?channel=email").get_data(as_text=True)
    assert (
        "A single email about a refund" in email_only
        and "Refund for a late parcel" not in email_only
    )
    angry = client.get("/practice/?mood=angry&lang=en&difficulty=easy").get_data(as_text=True)
    assert "Refund for a late parcel" in angry and "A single email" not in angry


def test_catalogue_ignores_unknown_filter_values(client, library, learner):
    """An unknown filter value is ignored rather than hiding everything."""
    page = client.get("/practice/?channel=telegram").get_data(as_text=True)
    assert "Refund for a late parcel" in page and "A single email about a refund" in page


def test_catalogue_empty_state_when_nothing_matches(client, library, learner):
    """Filters that match nothing show a helpful empty state with a way back."""
    page = client.get("/practice/?lang=sv").get_data(as_text=True)
    assert "No scenarios match these filters" in page and "Clear filters" in page


def test_catalogue_puts_assignments_first_with_due_date(client, library, learner):
    """A scenario assigned to the learner's team comes first and shows its due date."""
    _db.session.add(
        Assignment(
            team_id=learner.team_id,
            scenario_id="test-refund",
            due_date=date.today() + timedelta(days=3),
        )
    )
    _db.session.commit()
    page = client.get("/practice/").get_data(as_text=True)
    assert page.index("Refund for a late parcel") < page.index("A single email about a refund")
    assert "Assigned to your team" in page and "due " in page


def test_home_lists_team_assignments_and_recent_sessions_by_title(client, library, learner):
    """The learner's home lists the team's assignments with due dates and progress, and recent sessions by title."""
    for scenario_id, days in (("test-refund", -1), ("test-email", 5)):
        _db.session.add(
            Assignment(
                team_id=learner.team_id,
                scenario_id=scenario_id,
                due_date=date.today() + timedelta(days=days),
            )
        )
    _db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Assigned to your team" in page
    assert page.index("Refund for a late parcel") < page.index("A single email about a refund")
    assert "overdue" in page and "not started" in page
    assert 'href="/practice/#scenario-test-refund"' in page
    url = start(client)
    reply(client, url, GOOD_REPLY)  # resolves the overdue one
    page = client.get("/").get_data(as_text=True)
    assert "done, best" in page and "overdue" not in page
    assert f'href="{url}/debrief">Refund for a late parcel</a>' in page


def test_catalogue_shows_best_score_and_attempts(client, library, learner):
    """After a finished attempt the card shows the learner's best score and attempt count."""
    url = start(client)
    reply(client, url, GOOD_REPLY)
    best = round(attempt_of(url).overall)
    page = client.get("/practice/").get_data(as_text=True)
    assert f"<dd>{best}</dd>" in page and "<dd>1</dd>" in page and "Practise again" in page


def test_debrief_shows_findings_key_points_and_model_answer(client, library, learner):
    """The debrief highlights findings with linked numbers, lists met and missed key points and the model answer."""
    url = start(client)
    reply(client, url, WEAK_REPLY)
    reply(client, url, GOOD_REPLY)
    page = client.get(url + "/debrief").get_data(as_text=True)
    assert "Resolved" in page and "Thank you, that helps." in page
    assert 'href="#f-1-1"' in page and 'id="f-1-1"' in page and 'href="#r-1-1"' in page
    assert '<mark class="hl hl--' in page and "Well done" in page
    # The weak first reply; the key point's own words carry the scenario's language.
    assert 'Missing key point: <span lang="en">Offers a refund</span>' in page
    assert re.search(r"checklist__item--met.*Offers a refund", page)
    assert re.search(r"checklist__item--missed.*Offers a refund", page)
    assert "Hi Pat, I am sorry. I will refund the 49 EUR today." in page
    assert "within the 1:00 min target" in page
    assert "Try again" in page


def test_debrief_reads_the_stored_grade(client, library, learner):
    """The debrief shows the stored scores and findings and never grades again."""
    url = start(client)
    reply(client, url, GOOD_REPLY)
    turn = attempt_of(url).turns[0]
    grade = json.loads(turn.grade_json)
    grade["criteria"][0]["score"] = 12.0
    grade["criteria"][0]["findings"] = [
        {
            "start": 0,
            "end": 5,
            "category": "spelling",
            "message": "A stored note.",
            "severity": "error",
            "suggestions": ["Hi"],
        }
    ]
    turn.grade_json = json.dumps(grade)
    _db.session.commit()
    page = client.get(url + "/debrief").get_data(as_text=True)
    assert "A stored note." in page and ">12</td>" in page and "Needs work" in page


def test_debrief_shows_how_each_score_adds_up(client, library, learner):
    """Each criterion's score is shown as its start plus the points of the numbered notes that made it."""
    url = start(client)
    reply(client, url, WEAK_REPLY)
    reply(client, url, GOOD_REPLY)
    record = attempt_of(url)
    page = client.get(url + "/debrief").get_data(as_text=True)
    assert "How the score adds up" in page
    for played in record.turns:
        for criterion in json.loads(played.grade_json)["criteria"]:
            if criterion["score"] is None:
                continue
            deltas = [f["credit"] - f["penalty"] for f in criterion["findings"] if f["credit"] or f["penalty"]]
            raw = criterion["baseline"] + sum(deltas)
            assert max(0, min(100, raw)) == pytest.approx(criterion["score"], abs=0.6)
    weak_empathy = next(c for c in json.loads(record.turns[0].grade_json)["criteria"] if c["id"] == "empathy")
    assert weak_empathy["baseline"] == 40  # empathy starts low and earns its points
    assert re.search(r'class="calc__start"[^>]*>start 40</span>', page)
    term = re.search(r'<a class="calc__term calc__term--minus" href="#f-0-(\d+)"', page)
    assert term, "a deduction links to its note"
    assert f'id="f-0-{term.group(1)}"' in page


def test_debrief_of_a_grade_without_baselines_still_renders(client, library, learner):
    """A grade stored before baselines and credits were recorded shows its notes without a sum."""
    url = start(client)
    reply(client, url, GOOD_REPLY)
    turn = attempt_of(url).turns[0]
    grade = json.loads(turn.grade_json)
    for criterion in grade["criteria"]:
        criterion.pop("baseline", None)
        for finding in criterion["findings"]:
            finding.pop("credit", None)
    turn.grade_json = json.dumps(grade)
    _db.session.commit()
    response = client.get(url + "/debrief")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "calc__start" not in page and "notes</span>" in page


def test_debrief_of_unfinished_attempt_sends_learner_back(client, library, learner):
    """The learner opening the debrief of an unfinished attempt is sent back to the conversation."""
    url = start(client)
    response = client.get(url + "/debrief")
    assert response.status_code == 302 and response.headers["Location"].endswith(url)


def test_retry_starts_a_new_attempt(client, library, learner):
    """The debrief's Try again button starts a fresh attempt at the same scenario."""
    url = start(client)
    reply(client, url, GOOD_REPLY)
    again = start(client)
    assert again != url and attempt_of(again).status == "in_progress"


def test_progress_has_chart_data_and_table(client, library, learner):
    """The progress page carries chart data in a JSON script tag, a table fallback and per-scenario bests."""
    url = start(client)
    reply(client, url, GOOD_REPLY)
    page = client.get("/practice/progress").get_data(as_text=True)
    data = json.loads(
        re.search(
            r'<script type="application/json" id="progress-data">(.*?)</script>', page, re.S
        ).group(1)
    )
    assert [s["id"] for s in data["series"]] == ["grammar", "accuracy", "empathy", "overall"]
    assert data["series"][-1]["data"] == [attempt_of(url).overall]
    assert "vendor/chart.umd.js" in page and "<table" in page and "Best result per scenario" in page


def test_progress_empty_state(client, library, learner):
    """Without finished sessions the progress page explains how to get started, and loads no chart."""
    page = client.get("/practice/progress").get_data(as_text=True)
    assert "No finished sessions yet" in page and "chart.umd.js" not in page


def test_nav_links_for_learners(client, library, learner):
    """Logged-in users see Practice and My progress in the main navigation."""
    page = client.get("/").get_data(as_text=True)
    assert 'href="/practice/"' in page and 'href="/practice/progress"' in page


def _finding(**stored):
    """Rebuild a finding as the debrief does from a stored grade."""
    return Finding.from_stored(stored)


def test_overlapping_findings_split_into_shared_pieces():
    """Overlapping spans are cut at every boundary; each reference follows the end of its own span."""
    text = "Hello there friend"
    marks = number_findings(
        text,
        [
            ("grammar", "Grammar", _finding(start=0, end=11, severity="warning", message="a")),
            ("empathy", "Empathy", _finding(start=6, end=18, severity="credit", message="b")),
        ],
    )
    result = pieces(text, marks)
    rendered = "".join(p.text if not p.is_ref else f"[{p.ref.number}]" for p in result)
    assert rendered == "Hello there[1] friend[2]"
    shared = next(p for p in result if p.text == "there")
    assert shared.marks == (1, 2) and shared.severity == "warning"


def test_general_findings_are_listed_not_placed():
    """A finding about the whole reply (empty span at 0) is numbered last and not placed in the text."""
    marks = number_findings(
        "Hi",
        [
            ("accuracy", "Accuracy", _finding(start=0, end=0, severity="warning", message="missing")),
            (
                "grammar",
                "Grammar",
                _finding(start=0, end=2, severity="error", message="typo", suggestions=["Hello"]),
            ),
        ],
    )
    assert [m.number for m in marks if m.is_general] == [2]
    assert [p.ref.number for p in pieces("Hi", marks) if p.is_ref] == [1]


def test_findings_outside_the_text_are_clamped():
    """Offsets past the end of the reply are clamped, so a stale finding never breaks the page."""
    (mark,) = number_findings(
        "Hi", [("grammar", "Grammar", _finding(start=1, end=99, severity="bogus"))]
    )
    assert (mark.start, mark.end, mark.severity) == (1, 2, "info")


def test_mood_trend_reads_calming_and_escalating():
    """Moods compare by heat: angry to calm is calming, calm to sarcastic escalating."""
    assert mood_trend("angry", "calm") == "calming"
    assert mood_trend("calm", "sarcastic") == "escalating"
    assert mood_trend(None, "angry") == mood_trend("angry", "angry") == "steady"


class _CrashingLinter:
    """Stands in for the Harper library object: every call fails as a broken native library would."""

    def lint(self, text):
        raise RuntimeError("harper: internal error")


def test_grading_failure_keeps_the_reply(client, library, learner, monkeypatch):
    """When the real grammar library fails the reply is kept in the form and no turn is stored."""
    from qa_app.grading import resources

    monkeypatch.setattr(resources.harper_linter(), "_linter", _CrashingLinter())
    url = start(client)
    response = reply(client, url, GOOD_REPLY)
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and "could not be graded" in page and GOOD_REPLY in page
    assert attempt_of(url).turns == []


def test_expired_session_reply_survives_with_csrf_on(app, client, library, learner, monkeypatch):
    """With CSRF on, a reply posted after logging out elsewhere is still kept for after the log-in."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    url = start_with_csrf(client)
    page = client.get(url).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/auth/logout", data={"csrf_token": token})
    response = client.post(
        url, data={"reply": "Kept text", "submission_key": key, "csrf_token": token}
    )
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    with client.session_transaction() as session:
        assert session["pending_reply"] == {"path": url, "text": "Kept text"}


def start_with_csrf(client) -> str:
    """Start an attempt through the catalogue's own form, token included."""
    page = client.get("/practice/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/practice/start/test-refund", data={"csrf_token": token})
    assert response.status_code == 303
    return response.headers["Location"]


def test_debrief_follows_the_readers_language_not_the_grading_session(client, library, learner):
    """A reply graded while the UI was Finnish reads in English once the learner switches to English."""
    client.post("/lang", data={"lang": "fi"})
    url = start(client)
    reply(client, url, WEAK_REPLY)
    reply(client, url, GOOD_REPLY)
    finnish = client.get(url + "/debrief").get_data(as_text=True)
    assert "Puuttuva keskeinen asia: <span lang=\"en\">Offers a refund</span>" in finnish
    client.post("/lang", data={"lang": "en"})
    english = client.get(url + "/debrief").get_data(as_text=True)
    assert 'Missing key point: <span lang="en">Offers a refund</span>' in english
    assert "Puuttuva keskeinen asia" not in english
    stored = json.loads(attempt_of(url).turns[0].grade_json)
    assert stored["schema"] == 2
    assert all("message" not in f for c in stored["criteria"] for f in c["findings"])


def test_grade_stored_before_codes_still_renders(client, library, learner):
    """A grade stored in the old schema (rendered messages, auto-fail texts) still shows its notes."""
    url = start(client)
    reply(client, url, GOOD_REPLY)
    turn = attempt_of(url).turns[0]
    grade = json.loads(turn.grade_json)
    old = {key: grade[key] for key in ("language", "overall", "level", "rubric", "scenario")}
    old["auto_failed"] = ["An old rule message."]
    old["criteria"] = [
        {**{k: c[k] for k in ("id", "title", "scorer", "score", "level", "weight", "details")},
         "findings": [{"start": 0, "end": 5, "category": "style", "message": "An old note.", "severity": "warning",
                       "suggestions": [], "rule": "x", "penalty": 1.0}] if c["id"] == "grammar" else []}
        for c in grade["criteria"]
    ]
    turn.grade_json = json.dumps(old)
    _db.session.commit()
    page = client.get(url + "/debrief").get_data(as_text=True)
    assert "An old note." in page and "An old rule message." in page
