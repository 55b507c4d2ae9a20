"""Every CSV export defuses cells a spreadsheet would run as formulas, through stats.safe_csv.safe_cell.

Hostile text (conversation ids from imported files, agent names, e-mails) gets a leading single
quote; numbers in numeric columns, negative ones included, stay bare numbers.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from qa_app.services import calibration as service
from qa_app.services import review as review_service
from qa_app.stats.ratings import Rating, read_ratings, write_ratings
from qa_app.stats.safe_csv import BOM, write_csv
from tests.review_factory import START, agent_for, autoqa, conversation
from tests.web.test_calibration_pages import _score_everything

HOSTILE = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_write_csv_defuses_hostile_text(cell):
    """The shared writer prefixes each hostile text with a quote, so it reads back as text."""
    rows = list(csv.reader(io.StringIO(write_csv([[cell, -2, -2.5]])[len(BOM):], newline="")))
    assert rows == [["'" + cell, "-2", "-2.5"]]


def test_ratings_export_defuses_text_and_keeps_negative_scores_numbers():
    """The calibration/agreement long format defuses ids and rater names; scores (even negative) stay numbers."""
    ratings = [Rating(item, "=cmd|' /C calc'!A0", "@crit", score)
               for item, score in zip(HOSTILE[:5], (-2, -2.5, 0, 3.25, 100), strict=True)]
    text = write_ratings(ratings)
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert [row[0] for row in rows] == ["'" + cell for cell in HOSTILE[:5]]
    assert {row[1] for row in rows} == {"'=cmd|' /C calc'!A0"} and {row[2] for row in rows} == {"'@crit"}
    assert [row[3] for row in rows] == ["-2", "-2.5", "0", "3.25", "100"]
    assert [r.score for r in read_ratings(text)] == [-2, -2.5, 0, 3.25, 100]


def test_calibration_export_defuses_hostile_conversation_ids(client, login, db, make_user):
    """Conversation ids from an imported file that look like formulas are defused in export.csv."""
    owner, a, b = (make_user("supervisor", team="A") for _ in range(3))
    agent = agent_for(make_user("learner", team="A"))
    convs = []
    for n, external_id in enumerate(HOSTILE[:5]):
        conv = conversation(agent, external_id, at=START + timedelta(hours=n))
        autoqa(conv, overall=50.0, criteria={"grammar": 90.0, "clarity": 80.0, "accuracy": None,
                                             "empathy": 60.0}, grade_messages=False)
        convs.append(conv)
    rule = review_service.create_rule(owner, review_service.RuleInput(name="Low", kind="lowest_autoqa", count=5, seed=1))
    review_service.apply_rules(owner, [rule])
    session = service.create_session(owner, service.SessionInput(
        title="CSV", participant_ids=(a.id, b.id), source="queue", conversation_ids=tuple(c.id for c in convs)))
    _score_everything(client, login, session, a)
    _score_everything(client, login, session, b)
    login(owner)
    client.post(f"/calibration/{session.id}/close")
    response = client.get(f"/calibration/{session.id}/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))[1:]
    assert {row[0] for row in rows} == {"'" + cell for cell in HOSTILE[:5]}
    assert all(not row[3].startswith("'") and float(row[3]) >= 0 for row in rows)
