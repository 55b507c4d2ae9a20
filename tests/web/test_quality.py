"""Quality dashboards on /review/quality, /review/conversations and /review/quality.csv: who sees
which figures, empty states, links that carry the filters, and the list behind each number.

Fixture (all in ISO weeks 48-50 of 2026): team A's agent (linked to a learner) has c1 (chat,
review 80, AutoQA 70 met), c2 (e-mail two days later by the same customer, review 60, AutoQA 95
missed) and c5 (chat, no review); team B's agent has c3 (chat, review 40, AutoQA 90 met); an
unlinked agent named "=1+1" has c4 (spam, review 0) and c6 (phone, AutoQA 50, no timer).
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from qa_app.models import Agent, AutoQAResult, Conversation, Review, ReviewRevision, Team
from qa_app.services import content_store
from qa_app.services import quality as quality_service

URL = "/review/quality"
LIST = "/review/conversations"


def _conversation(db, agent, ext, channel, when, customer=None, flag=None, resolved=None):
    conv = Conversation(source="test", external_id=ext, channel=channel, agent_id=agent.id if agent else None,
                        customer=customer, flag=flag, resolved=resolved, subject=f"Subject {ext}",
                        first_message_at=datetime.fromisoformat(when))
    db.session.add(conv)
    db.session.flush()
    return conv


def _review(db, conv, reviewer, overall, scores, version):
    review = Review(conversation_id=conv.id, reviewer_id=reviewer.id, rubric_version_id=version.id, overall=overall)
    review.revisions.append(ReviewRevision(number=1, author_id=reviewer.id, overall=overall - 30,
                                           scores_json=json.dumps({"grammar": {"score": 0, "na": False}})))
    # A second revision: the newest one is the score.
    review.revisions.append(ReviewRevision(number=2, author_id=reviewer.id, overall=overall, reason="Corrected",
                                           scores_json=json.dumps(scores)))
    db.session.add(review)


def _autoqa(db, conv, overall, met, target, version):
    db.session.add(AutoQAResult(conversation_id=conv.id, rubric_version_id=version.id, overall=overall,
                                first_response_met=met, first_response_target_s=target))


@pytest.fixture()
def data(db, make_user):
    """Two teams' conversations with reviews and AutoQA; return the people and conversations."""
    supervisor = make_user("supervisor", team="Tiimi A", locale="en")
    other_supervisor = make_user("supervisor", team="Tiimi B", locale="en")
    admin = make_user("admin", team=None, locale="en")
    learner_a = make_user("learner", team="Tiimi A", locale="en")
    learner_b = make_user("learner", team="Tiimi B", locale="en")
    version = content_store.record_version("rubric", content_store.library().rubric("supervisor-scorecard"))
    agent_a = Agent(external_key="agent-a", user_id=learner_a.id)
    agent_b = Agent(external_key="agent-b", user_id=learner_b.id)
    loose = Agent(external_key="=1+1")
    db.session.add_all([agent_a, agent_b, loose])
    db.session.flush()
    c1 = _conversation(db, agent_a, "c1", "chat", "2026-11-23T09:00", customer="k1")
    c2 = _conversation(db, agent_a, "c2", "email", "2026-11-25T09:00", customer="k1")
    c3 = _conversation(db, agent_b, "c3", "chat", "2026-11-24T09:00", customer="k2")
    c4 = _conversation(db, loose, "c4", "email", "2026-11-26T09:00", flag="spam")
    c5 = _conversation(db, agent_a, "c5", "chat", "2026-12-10T09:00", customer="k3")
    c6 = _conversation(db, loose, "c6", "phone", "2026-12-01T09:00", resolved=True)
    grammar = {"grammar": {"score": 90, "na": False}, "empathy": {"score": None, "na": True}}
    _review(db, c1, supervisor, 80, grammar, version)
    _review(db, c2, supervisor, 60, {"grammar": {"score": 50, "na": False}}, version)
    _review(db, c3, other_supervisor, 40, {"grammar": {"score": 30, "na": False}}, version)
    _review(db, c4, supervisor, 0, {"grammar": {"score": 0, "na": False}}, version)
    _autoqa(db, c1, 70, True, 60, version)
    _autoqa(db, c2, 95, False, 86400, version)
    _autoqa(db, c3, 90, True, 60, version)
    _autoqa(db, c6, 50, None, None, version)
    db.session.commit()
    team_a = db.session.query(Team).filter_by(name="Tiimi A").one()
    return {"supervisor": supervisor, "other": other_supervisor, "admin": admin, "learner": learner_a,
            "agent_a": agent_a, "loose": loose, "team_a": team_a,
            "ids": {c.external_id: c.id for c in (c1, c2, c3, c4, c5, c6)}}


def listed(response) -> set[int]:
    """Return the conversation ids a list page shows."""
    assert response.status_code == 200, response.get_data(as_text=True)[:800]
    return {int(i) for i in re.findall(r'data-conversation-id="(\d+)"', response.get_data(as_text=True))}


def hrefs(page: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', page)]


ALL_TIME = quality_service.QualityFilter()


def test_supervisor_sees_only_their_teams_figures(data):
    """Team A's supervisor gets IQS (80 + 60) / 2 from their agent; admins also team B's 40."""
    mine = quality_service.dashboard(data["supervisor"], ALL_TIME, "en").figures
    assert mine.total.iqs == pytest.approx(70.0) and mine.total.reviews == 2
    assert {g.label for g in mine.agents} == {data["learner"].name, "=1+1"}
    assert mine.flagged == {"spam": 1}  # the unlinked agent's spam is visible, not counted
    everyone = quality_service.dashboard(data["admin"], ALL_TIME, "en").figures
    assert everyone.total.iqs == pytest.approx(60.0) and everyone.total.reviews == 3
    theirs = quality_service.dashboard(data["other"], ALL_TIME, "en").figures
    assert theirs.total.iqs == pytest.approx(40.0)


def test_supervisor_without_a_team_sees_only_unlinked_agents(data, make_user):
    """As can_review_conversation says: no team, so only conversations of agents no user has."""
    loner = make_user("supervisor", team=None)
    facts, _ = quality_service.load_facts(loner, ALL_TIME)
    assert {fact.id for fact in facts} == {data["ids"]["c4"], data["ids"]["c6"]}
    assert [option.label for option in quality_service.filter_options(loner).agents] == ["=1+1"]


def test_service_figures_follow_the_newest_revision_and_data(data):
    """Newest revisions count; FCR from a repeat contact; compliance 1 of 2 with phone not counted."""
    figures = quality_service.dashboard(data["supervisor"], ALL_TIME, "en").figures
    fcr = figures.total.fcr
    # c1 not resolved (k1 back 2 days later), c2 resolved (no contact within 7 days), c6 resolved
    # by the file; c5 is the newest conversation: its 7 days are not over.
    assert (fcr.hits, fcr.total, fcr.unknown) == (2, 3, 1)
    assert (figures.total.compliance.hits, figures.total.compliance.total) == (1, 2)
    criteria = {c.key: c for c in figures.criteria}
    assert criteria["grammar"].mean == pytest.approx(70.0) and criteria["empathy"].na == 1
    assert criteria["grammar"].label == "Grammar and spelling"
    assert figures.agreement.pairs == 2 and figures.agreement.mean_diff == pytest.approx((-10 + 35) / 2)


def test_filters_narrow_the_figures(data):
    """Channel, agent and dates narrow what is counted."""
    chat = quality_service.dashboard(data["supervisor"], quality_service.QualityFilter(channel="chat"), "en")
    assert chat.figures.total.iqs == pytest.approx(80.0)
    week = quality_service.QualityFilter(date_from=datetime(2026, 11, 25).date(), date_to=datetime(2026, 11, 30).date())
    assert quality_service.dashboard(data["supervisor"], week, "en").figures.total.iqs == pytest.approx(60.0)
    loose = quality_service.QualityFilter(agent=str(data["loose"].id))
    assert quality_service.dashboard(data["supervisor"], loose, "en").figures.total.conversations == 1


@pytest.mark.parametrize("path", [URL, LIST, "/review/quality.csv"])
def test_learners_are_refused(client, data, login, path):
    """Only supervisors and admins reach the dashboards, the list and the export."""
    login(data["learner"])
    assert client.get(path).status_code == 403


def test_dashboard_renders_figures_charts_and_tables(client, data, login):
    """The page shows the headline IQS, a chart canvas with a label, JSON data and its table."""
    login(data["supervisor"])
    response = client.get(URL, query_string={"date_from": "", "date_to": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ">70.0</a>" in page
    assert '<canvas id="trend-chart" data-chart="trend" role="img" aria-label=' in page
    assert '<script type="application/json" id="quality-data">' in page
    assert "<script>" not in page  # no inline script: the chart code is a static file
    assert 'scope="row"' in page and "<caption" in page
    assert "js/quality.js" in page and "vendor/chart.umd.js" in page
    chart = json.loads(re.search(r'id="quality-data">(.*?)</script>', page, re.S).group(1))
    assert chart["trend"]["labels"] == ["2026-W48", "2026-W49", "2026-W50"]
    assert chart["trend"]["series"][0]["data"] == [70.0, None, None]
    assert f'href="{URL}" aria-current="page"' in page  # the nav link


def test_dashboard_defaults_to_the_last_12_weeks_of_data(client, data, login):
    """Without dates the form shows the 12 weeks up to the newest conversation."""
    login(data["supervisor"])
    page = client.get(URL).get_data(as_text=True)
    assert 'value="2026-09-18"' in page and 'value="2026-12-10"' in page


def test_dashboard_in_finnish(client, data, login):
    """Finnish users get Finnish texts and decimal commas."""
    data["supervisor"].locale = "fi"
    from qa_app.extensions import db
    db.session.commit()
    login(data["supervisor"])
    page = client.get(URL, query_string={"date_from": "", "date_to": ""}).get_data(as_text=True)
    assert "Laatu" in page and ">70,0</a>" in page


def test_empty_states(client, db, make_user, login):
    """Without conversations the page links to the import; with some but no reviews it says so."""
    supervisor = make_user("supervisor", locale="en")
    login(supervisor)
    page = client.get(URL).get_data(as_text=True)
    assert "No conversations yet" in page and 'href="/review/import"' in page
    _conversation(db, None, "x1", "chat", "2026-11-23T09:00")
    db.session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert "No reviews yet" in page and "No conversations yet" not in page
    assert listed(client.get(LIST, query_string={"date_from": "", "date_to": "", "fcr": "resolved"})) == set()


def test_every_link_gives_the_conversations_behind_its_number(client, data, login):
    """Following the dashboard's links lists exactly the conversations each number counts."""
    login(data["supervisor"])
    ids = data["ids"]
    page = client.get(URL, query_string={"date_from": "", "date_to": ""}).get_data(as_text=True)
    links = [href for href in hrefs(page) if href.startswith(LIST + "?")]
    assert links
    for href in links:  # every list link keeps the dashboard's (empty) dates
        assert "date_from=" in href and "date_to=" in href
    agent = str(data["agent_a"].id)
    expected = {
        (("agent", agent),): {ids["c1"], ids["c2"], ids["c5"]},
        (("agent", agent), ("reviewed", "y")): {ids["c1"], ids["c2"]},
        (("agent", agent), ("fcr", "unresolved")): {ids["c1"]},
        (("agent", agent), ("fcr", "unknown")): {ids["c5"]},
        (("channel", "email"), ("compliance", "missed")): {ids["c2"]},
        (("week", "2026-W48"),): {ids["c1"], ids["c2"]},
        (("criterion", "grammar"),): {ids["c1"], ids["c2"]},
        (("flag", "flagged"),): {ids["c4"]},
    }
    seen = set()
    for href in links:
        query = parse_qs(urlsplit(href).query)
        key = tuple(sorted((k, v[0]) for k, v in query.items() if k not in ("date_from", "date_to")))
        if key in expected:
            assert listed(client.get(href)) == expected[key], href
            seen.add(key)
    assert seen == set(expected)


def test_histogram_and_differs_most_links(client, data, login):
    """The bin of +35 lists c2 only; differs-most lists both paired conversations, largest first."""
    login(data["supervisor"])
    ids = data["ids"]
    base = {"date_from": "", "date_to": ""}
    assert listed(client.get(LIST, query_string={**base, "diff_min": 30, "diff_max": 40})) == {ids["c2"]}
    assert listed(client.get(LIST, query_string={**base, "diff_min": -10, "diff_max": 0})) == {ids["c1"]}
    page = client.get(LIST, query_string={**base, "differs_most": 2}).get_data(as_text=True)
    order = [int(i) for i in re.findall(r'data-conversation-id="(\d+)"', page)]
    assert order == [ids["c2"], ids["c1"]]


def test_list_keeps_to_the_users_team(client, data, login):
    """A supervisor's list never shows another team's conversation, whatever the filters say."""
    login(data["supervisor"])
    everything = listed(client.get(LIST, query_string={"date_from": "", "date_to": "", "flag": "all"}))
    assert data["ids"]["c3"] not in everything and data["ids"]["c4"] in everything
    other_team = str(data["team_a"].id + 1000)
    response = client.get(LIST, query_string={"team": other_team})
    assert response.status_code == 400 and "Not a valid choice" in response.get_data(as_text=True)


def test_list_field_errors(client, data, login):
    """A malformed week or range is a field error on the list's form, not a crash."""
    login(data["supervisor"])
    response = client.get(LIST, query_string={"week": "48", "diff_min": "lots"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="week-error"' in page and 'id="diff_min-error"' in page and 'value="48"' in page


def test_list_pages(client, data, login, db):
    """Long lists are split into pages with next and previous links."""
    login(data["supervisor"])
    for n in range(quality_service.PER_PAGE + 5):
        _conversation(db, data["agent_a"], f"p{n}", "chat", "2026-11-27T10:00")
    db.session.commit()
    first = client.get(LIST, query_string={"date_from": "", "date_to": "", "channel": "chat"})
    assert len(listed(first)) == quality_service.PER_PAGE and 'rel="next"' in first.get_data(as_text=True)
    second = client.get(LIST, query_string={"date_from": "", "date_to": "", "channel": "chat", "page": 2})
    assert len(listed(second)) == 7  # 55 new + c1 + c5, minus the 50 on page one


def test_csv_link_keeps_the_filters(client, data, login):
    """The dashboard's CSV link exports what the page shows: the chat figures, IQS 80."""
    login(data["supervisor"])
    page = client.get(URL, query_string={"date_from": "", "date_to": "", "channel": "chat"}).get_data(as_text=True)
    csv_href = next(href for href in hrefs(page) if href.startswith("/review/quality.csv?"))
    assert "channel=chat" in csv_href
    rows = list(csv.reader(io.StringIO(client.get(csv_href).get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[1][5] == "80"


def test_csv_export_is_an_attachment_safe_against_formulas(client, data, login):
    """The export downloads, defuses the agent named "=1+1" and keeps numbers as numbers."""
    login(data["supervisor"])
    response = client.get("/review/quality.csv", query_string={"date_from": "", "date_to": ""})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="quality-')
    text = response.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Table", "Group", "Conversations"]
    assert ["Agent", "'=1+1"] == rows[[r[1] for r in rows].index("'=1+1")][:2]
    total = rows[1]
    assert total[0] == "All" and total[2] == "4" and total[5] == "70"
    assert '"\'=1+1"' in text and ",70," in text  # text quoted, numbers bare
    assert all(len(row) == len(rows[0]) for row in rows)
    histogram = {row[1]: row[2] for row in rows if row[0] == "AutoQA minus human"}
    assert histogram["[30, 40)"] == "1" and histogram["[-10, 0)"] == "1" and len(histogram) == 20 and "[90, 100]" in histogram
    differs = [row for row in rows if row[0] == "Where they differ most"]
    assert [(row[1], row[-1]) for row in differs] == [("c2", "35"), ("c1", "-10")]



def test_list_links_each_conversation_to_its_review_page(app, client, data, login):
    """Each listed conversation opens its review page (review.conversation)."""
    if "review.conversation" not in app.view_functions:
        pytest.skip("the review page (review.conversation) is not in this build yet")
    login(data["supervisor"])
    page = client.get(LIST, query_string={"date_from": "", "date_to": "", "reviewed": "y"}).get_data(as_text=True)
    for name in ("c1", "c2"):
        assert f'href="/review/conversations/{data["ids"][name]}"' in page
    assert f'href="/review/conversations/{data["ids"]["c5"]}"' not in page  # not reviewed
