"""`kohtaamo demo` adds closed calibration sessions: three supervisors and AutoQA over about ten demo
conversations (and an earlier session for the trend), with real figures on the results page and an
export `kohtaamo agreement` reads."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from qa_app.models import CalibrationSession, Review
from qa_app.services import calibration as service
from qa_app.services.users import find_user
from tests.conftest import TEST_PASSWORD


@pytest.fixture()
def demo(runner, db):
    result = runner.invoke(args=["demo", "--conversations", "60"])
    assert result.exit_code == 0, result.output
    return result


def test_demo_has_a_closed_session_of_three_supervisors_with_autoqa(demo, db):
    """Ten conversations, three supervisors (two new, their passwords printed), one missing, two late;
    last month's session makes the trend's first point."""
    assert "pekka.esihenkilo@example.com" in demo.output and "riikka.esihenkilo@example.com" in demo.output
    earlier, session = db.session.scalars(select(CalibrationSession).order_by(CalibrationSession.created_at)).all()
    owner = find_user("esihenkilo@example.com")
    assert earlier.title == "Marraskuun kalibrointi" and len(earlier.items) == 8 and earlier.status == "closed"
    trend = service.agreement_trend(owner, service.sessions_for(owner))
    assert [p.session.id for p in trend] == [earlier.id, session.id] and all(p.alpha is not None for p in trend)
    assert session.status == "closed" and session.owner_id == owner.id and session.benchmark_id == owner.id
    assert len(session.participants) == 3 and len(session.items) == 10
    results = service.results_for(session, owner, "fi", bootstrap=False)
    assert (results.submitted, results.expected) == (29, 30) and len(results.missing) == 1
    assert sum(r.late for r in results.people) == 2
    assert results.overall.alpha is not None and results.discuss
    assert {a.criterion_id for a in results.autoqa if a.with_consensus is not None} >= {"grammar", "empathy"}
    assert any(r.within_one is not None for r in results.rater_figures)
    assert results.items[0].item.note  # one agreed item to show what agreeing looks like
    # calibration never made a review of its own: the six demo reviews are the supervisor's
    assert {r.reviewer_id for r in db.session.scalars(select(Review))} == {owner.id}


def test_demo_results_page_and_export_read_by_kohtaamo_agreement(demo, client, db, runner, tmp_path):
    """The demo supervisor opens the results (Finnish readings) and the export feeds the CLI."""
    owner = find_user("esihenkilo@example.com")
    owner.set_password(TEST_PASSWORD)
    db.session.commit()
    session = db.session.scalars(select(CalibrationSession).where(CalibrationSession.title == "Joulukuun kalibrointi")).one()
    client.post("/auth/login", data={"email": owner.email, "password": TEST_PASSWORD})
    listing = client.get("/calibration/").get_data(as_text=True)
    assert "Kalibrointi-istunnot" in listing and 'data-chart="trend"' in listing and "Marraskuun kalibrointi" in listing
    page = client.get(f"/calibration/{session.id}/results").get_data(as_text=True)
    assert "Joulukuun kalibrointi" in page and "Käsitelkää nämä ensin" in page and "AutoQA arvioijana" in page
    csv = client.get(f"/calibration/{session.id}/export.csv").get_data(as_text=True)
    path = tmp_path / "session.csv"
    path.write_text(csv, encoding="utf-8")
    result = runner.invoke(args=["agreement", "--csv", str(path), "--benchmark", owner.email])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["criteria"]["overall"]["n_raters"] == 3 and report["criteria"]["overall"]["n_items"] == 10
    figures = service.results_for(session, owner, "fi", bootstrap=False)
    assert report["criteria"]["overall"]["alpha_interval"] == pytest.approx(figures.overall.alpha, abs=1e-4)
    assert set(report["raters"]) == {owner.email, "pekka.esihenkilo@example.com", "riikka.esihenkilo@example.com",
                                     "AutoQA"}
