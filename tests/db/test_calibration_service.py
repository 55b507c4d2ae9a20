"""Calibration sessions: blind scoring, missing raters, figures on a hand-computed fixture, AutoQA as
a rater, agreed scores becoming a review, export, trend, and no effect on the quality dashboards."""

from __future__ import annotations

import statistics
from datetime import timedelta
from itertools import permutations

import pytest
from sqlalchemy import func, select

from qa_app.extensions import db as _db
from qa_app.models import AutoQAResult, CalibrationScore, Review, ReviewAssignment, SamplingRule
from qa_app.services import calibration as service
from qa_app.services import review as review_service
from qa_app.services.review import CriterionInput as C
from qa_app.stats.ratings import read_ratings
from tests.review_factory import START, agent_for, autoqa, conversation

MANUAL = ("identified-customer", "first-contact-resolution", "correct-information", "closing-next-steps",
          "data-protection")
# Empathy (automatic, interval) and correct information (manual, ordinal) differ; the rest agree.
EMPATHY = {"a": (80, 60, 40), "b": (70, 60, 20)}
CORRECT = {"a": (100, 50, 100), "b": (100, 100, 0)}
AUTOQA_EMPATHY = (75, 50, 30)


def card(empathy: float, correct: float) -> dict[str, C]:
    scores = {"grammar": C(90), "clarity": C(80), "accuracy": C(na=True), "empathy": C(empathy)}
    scores.update({cid: C(100) for cid in MANUAL})
    scores["correct-information"] = C(correct)
    return scores


@pytest.fixture()
def people(make_user):
    return {
        "owner": make_user("supervisor", team="A"),
        "a": make_user("supervisor", team="A"),
        "b": make_user("supervisor", team="A"),
        "c": make_user("supervisor", team="A"),
        "agent": make_user("learner", team="A"),
        "outsider": make_user("supervisor", team="B"),
    }


@pytest.fixture()
def convs(db, people):
    """Three conversations of the team's agent, pre-scored by AutoQA, in the owner's queue."""
    rows = []
    for n, empathy in enumerate(AUTOQA_EMPATHY):
        conv = conversation(agent_for(people["agent"]), f"c{n + 1}", at=START + timedelta(hours=n))
        autoqa(conv, overall=60.0 + n, criteria={"grammar": 90.0, "clarity": 80.0, "accuracy": None,
                                                 "empathy": float(empathy)}, grade_messages=False)
        rows.append(conv)
    return rows


@pytest.fixture()
def session(people, convs):
    """Owner (not scoring) with participants a, b and c; b is the benchmark; anonymised."""
    rule = review_service.create_rule(people["owner"], review_service.RuleInput(
        name="Lowest", kind="lowest_autoqa", count=10, seed=1))
    review_service.apply_rules(people["owner"], [rule])
    return service.create_session(people["owner"], service.SessionInput(
        title="Joulukuu", participant_ids=(people["a"].id, people["b"].id, people["c"].id),
        source="queue", conversation_ids=tuple(c.id for c in convs), benchmark_id=people["b"].id))


def score_all(session, people, who=("a", "b")) -> None:
    for key in who:
        for item, empathy, correct in zip(session.items, EMPATHY[key], CORRECT[key], strict=True):
            service.submit_score(session, item, people[key], card(empathy, correct))


def hand_interval_alpha(pairs: list[tuple[float, float]]) -> float:
    """Krippendorff's interval alpha for two raters and no missing data, written out."""
    values = [v for pair in pairs for v in pair]
    n = len(values)
    observed = sum(2 * (a - b) ** 2 for a, b in pairs) / n
    expected = sum((x - y) ** 2 for x, y in permutations(values, 2)) / (n * (n - 1))
    return 1 - observed / expected


# ------------------------------------------------------------------ creating


def test_create_from_the_queue_records_rubric_version_and_participants(session, people, convs):
    """The ticked queue conversations become the items in order, with the AutoQA rubric version."""
    assert [i.conversation_id for i in session.items] == [c.id for c in convs]
    assert [p.user_id for p in session.participants] == [people[k].id for k in "abc"]
    assert session.rubric_version.content_id == "supervisor-scorecard" and session.status == "open"


def test_create_by_sampling_reuses_the_queues_rules(people, convs):
    """A one-off 'lowest AutoQA' sample of two picks the two lowest, as the queue's rule would; nothing stored."""
    made = service.create_session(people["owner"], service.SessionInput(
        title="Otos", participant_ids=(people["a"].id, people["b"].id), source="lowest_autoqa", count=2))
    assert [i.conversation_id for i in made.items] == [convs[0].id, convs[1].id]
    assert _db.session.scalar(select(func.count(ReviewAssignment.id))) == 0
    assert _db.session.scalar(select(func.count(SamplingRule.id))) == 0


def test_create_checks_its_input(people, convs):
    """Too few participants, outsiders, a benchmark who does not score and unknown queue items are field errors."""
    with pytest.raises(service.CalibrationInputError) as caught:
        service.create_session(people["owner"], service.SessionInput(
            title=" ", participant_ids=(people["a"].id, people["outsider"].id), source="queue",
            conversation_ids=(convs[0].id,), benchmark_id=people["c"].id))
    assert caught.value.errors == {"title": "title_required", "participants": "participant_not_allowed",
                                   "benchmark": "benchmark_not_participant", "conversations": "conversation_not_in_queue"}
    with pytest.raises(service.CalibrationInputError) as caught:
        service.create_session(people["owner"], service.SessionInput(
            title="x", participant_ids=(people["a"].id,), source="rule", rule_id=None))
    assert caught.value.errors == {"participants": "participants_min", "rule": "rule_required"}


def test_learners_cannot_create_sessions(people):
    """A learner has no calibration sessions to make: not found."""
    with pytest.raises(service.CalibrationNotFound):
        service.create_session(people["agent"], service.SessionInput(title="x", participant_ids=()))


# ------------------------------------------------------------------ blindness


def test_nobody_sees_other_scores_before_submitting_all_or_the_close(session, people):
    """Half-done participants, the non-scoring owner and outsiders see nothing; after all their
    scores a participant sees; after the close everyone in the session does."""
    score_all(session, people, who=("a",))
    service.submit_score(session, session.items[0], people["b"], card(70, 100))
    assert session.can_see_scores(people["a"])
    assert not session.can_see_scores(people["b"]) and not session.can_see_scores(people["c"])
    assert not session.can_see_scores(people["owner"])
    with pytest.raises(service.CalibrationNotFound):
        service.results_for(session, people["b"], "en")
    with pytest.raises(service.CalibrationNotFound):
        service.load_session(session.id, people["outsider"])
    with pytest.raises(service.CalibrationNotFound):
        service.export_csv(session, people["owner"])
    service.close_session(session, people["owner"])
    assert all(session.can_see_scores(people[k]) for k in ("owner", "a", "b", "c"))


def test_a_submitted_score_is_final_and_a_closed_session_takes_none(session, people):
    """Second submits are refused (no adjusting after seeing others); after close nobody scores."""
    item = session.items[0]
    service.submit_score(session, item, people["a"], card(80, 100))
    with pytest.raises(service.CalibrationStateError):
        service.submit_score(session, item, people["a"], card(10, 0))
    with pytest.raises(service.CalibrationNotFound):
        service.submit_score(session, item, people["owner"], card(10, 0))  # the owner does not score
    service.save_draft(session, session.items[1], people["c"], {"score__empathy": "55"})
    service.close_session(session, people["owner"])
    with pytest.raises(service.CalibrationStateError):
        service.submit_score(session, session.items[1], people["b"], card(10, 0))
    assert _db.session.scalar(select(func.count(CalibrationScore.id)).where(CalibrationScore.submitted_at.is_(None))) == 0


def test_blind_scoring_needs_every_criterion_scored_or_na(session, people):
    """The blind form is reviewing's scorecard with every criterion the person's: empty ones are errors."""
    scores = card(80, 100)
    del scores["empathy"]
    scores["correct-information"] = C(None)
    with pytest.raises(review_service.ReviewInputError) as caught:
        service.submit_score(session, session.items[0], people["a"], scores)
    assert caught.value.errors == {"correct-information.score": "score_required",
                                   "empathy.score": "score_required_na"}


def test_the_overall_is_computed_like_a_reviews(session, people, convs):
    """Same entries, same overall as the review service gives (accuracy N/A reweights)."""
    score = service.submit_score(session, session.items[0], people["a"], card(80, 100))
    weights = {"grammar": 10, "clarity": 10, "empathy": 10, "identified-customer": 15, "first-contact-resolution": 10,
               "correct-information": 15, "closing-next-steps": 10, "data-protection": 10}
    values = {"grammar": 90, "clarity": 80, "empathy": 80} | {cid: 100 for cid in MANUAL}
    assert score.overall == pytest.approx(sum(values[c] * w for c, w in weights.items()) / sum(weights.values()))
    assert score.scores["empathy"] == {"score": 80.0, "na": False, "auto": None, "override_reason": None}


# ------------------------------------------------------------------ figures


@pytest.fixture()
def revealed(session, people):
    score_all(session, people)  # c never scores: a missing rater
    service.close_session(session, people["owner"])
    return service.results_for(session, people["owner"], "en")


def test_missing_raters_are_counted_and_left_out(revealed, people):
    """Six of nine scorecards exist; c is missing; every figure uses the two raters who scored."""
    assert (revealed.expected, revealed.submitted) == (9, 6)
    assert [r.user_id for r in revealed.missing] == [people["c"].id]
    empathy = next(f for f in revealed.figures if f.criterion_id == "empathy")
    assert (empathy.n_items, empathy.n_raters, empathy.n_scores, empathy.level) == (3, 2, 6, "interval")


def test_alpha_matches_the_hand_computed_value(revealed):
    """Empathy's interval alpha equals Krippendorff's formula worked by hand; correct information is ordinal."""
    empathy = next(f for f in revealed.figures if f.criterion_id == "empathy")
    assert empathy.alpha == pytest.approx(hand_interval_alpha(list(zip(EMPATHY["a"], EMPATHY["b"], strict=True))))
    assert empathy.alpha == pytest.approx(1 - (2 * (100 + 0 + 400) / 6) / (sum(
        (x - y) ** 2 for x, y in permutations([80, 70, 60, 60, 40, 20], 2)) / 30))
    correct = next(f for f in revealed.figures if f.criterion_id == "correct-information")
    assert correct.level == "ordinal" and correct.alpha is not None and correct.alpha < 0.667
    grammar = next(f for f in revealed.figures if f.criterion_id == "grammar")
    assert grammar.alpha is None and grammar.reading == "unknown"  # everyone gave 90: nothing to measure


def test_spreads_say_who_gave_which_and_sort_the_worst_first(revealed, convs, people):
    """Conversation 3 (correct information 100 vs 0) comes first; its spread names both raters' scores."""
    first = revealed.items[0]
    assert first.item.conversation_id == convs[2].id
    correct = next(s for s in first.spreads if s.criterion_id == "correct-information")
    assert [(g.rater.user_id, g.score) for g in correct.scores] == [(people["a"].id, 100.0), (people["b"].id, 0.0)]
    assert (correct.low, correct.high, correct.low_level, correct.high_level, correct.level_gap) == (0, 100, 0, 2, 2)
    item, spread = revealed.discuss[0]
    assert item is first and spread.criterion_id == "correct-information"
    assert all(s.criterion_id != "grammar" for _, s in revealed.discuss)


def test_rater_bias_and_share_within_one_level_of_the_benchmark(revealed, people):
    """a vs b over the scored criteria: mean(a − b) of the differing scores among all 24 shared ones."""
    a = next(r for r in revealed.rater_figures if r.rater.user_id == people["a"].id)
    differences = [80 - 70, 0, 40 - 20, 0, 50 - 100, 100 - 0] + [0] * 18  # empathy, correct, 6 agreeing criteria × 3
    assert a.n == 24 and a.bias == pytest.approx(statistics.fmean(differences))
    assert a.benchmark_n == 24 and a.benchmark_bias == pytest.approx(a.bias)
    # Levels: empathy 0/60/85 (all within one), correct 0/50/100 (100 vs 0 is two apart).
    assert a.within_n == 24 and a.within_one == pytest.approx(23 / 24)
    b = next(r for r in revealed.rater_figures if r.rater.user_id == people["b"].id)
    assert b.rater.is_benchmark and b.within_one is None and b.bias == pytest.approx(-a.bias)


def test_autoqa_is_measured_as_one_more_rater(revealed, people):
    """On empathy: AutoQA's alpha with each person, with the people's mean, and its bias (hand-computed)."""
    figures = {f.criterion_id: f for f in revealed.autoqa}
    assert set(figures) == {"grammar", "clarity", "accuracy", "empathy"}  # automatic criteria only
    empathy = figures["empathy"]
    with_a = next(p for p in empathy.with_people if p.rater.user_id == people["a"].id)
    assert with_a.n == 3 and with_a.alpha == pytest.approx(hand_interval_alpha([(80, 75), (60, 50), (40, 30)]))
    consensus = [(75, 75), (60, 50), (30, 30)]
    assert empathy.with_consensus == pytest.approx(hand_interval_alpha(consensus)) and empathy.n_consensus == 3
    assert empathy.people_pairwise == pytest.approx(hand_interval_alpha([(80, 70), (60, 60), (40, 20)]))
    assert empathy.bias == pytest.approx((0 - 10 + 0) / 3)
    assert empathy.verdict == "unknown"  # three conversations are too few to judge AutoQA
    assert figures["accuracy"].with_consensus is None and figures["accuracy"].verdict == "unknown"


@pytest.mark.parametrize(("autoqa", "people", "n", "verdict"), [
    (0.80, 0.82, 10, "as_good"), (0.95, 0.80, 10, "better"), (0.50, 0.80, 10, "worse"),
    (0.95, 0.80, 3, "unknown"), (None, 0.80, 10, "unknown")])
def test_autoqa_verdict_compares_like_with_like(autoqa, people, n, verdict):
    """AutoQA's mean pairwise alpha against the people's, within 0.05 'as good', on at least 4 conversations."""
    figures = service.AutoQAFigures("empathy", "interval", (), None, n, people, autoqa, None)
    assert figures.verdict == verdict


def test_names_for_the_owner_and_numbers_for_anonymised_participants(session, people):
    """The owner sees names; a participant sees 'Rater N' and themself marked as you."""
    score_all(session, people)
    service.close_session(session, people["owner"])
    assert [r.name for r in service.results_for(session, people["owner"], "fi").people] == [
        people[k].name for k in "abc"]
    seen_by_a = service.results_for(session, people["a"], "fi", bootstrap=False).people
    assert [(r.name, r.number, r.is_you) for r in seen_by_a] == [(None, 1, True), (None, 2, False), (None, 3, False)]


def test_late_scores_are_kept_and_marked(session, people):
    """A score after the deadline counts and is marked late."""
    session.deadline = START
    _db.session.commit()
    score_all(session, people)
    service.close_session(session, people["owner"])
    results = service.results_for(session, people["owner"], "en", bootstrap=False)
    assert all(r.late == 3 for r in results.people if r.submitted)


# ------------------------------------------------------------------ after reveal


def test_agreed_scores_become_the_conversations_review_through_the_review_service(session, people):
    """The agreed card is stored like a revision; 'make review' creates a Review with the session as the
    reason where it differs from AutoQA, and a second time adds a revision instead."""
    score_all(session, people)
    service.close_session(session, people["owner"])
    item = session.items[2]
    with pytest.raises(service.CalibrationStateError):
        service.make_review(session, item, people["owner"])
    service.save_agreement(session, item, people["owner"], "Osittain = tieto puuttui, ei väärää tietoa.", card(35, 50))
    assert item.final_scores["correct-information"]["score"] == 50.0 and item.final_overall is not None
    review = service.make_review(session, item, people["owner"])
    assert item.review_id == review.id and review.reviewer_id == people["owner"].id
    scores = review.current.scores
    assert scores["empathy"]["score"] == 35.0 and scores["empathy"]["override_reason"].startswith("Agreed in calibration")
    assert scores["grammar"]["override_reason"] is None  # kept AutoQA's 90
    assert review.current.comment.startswith("Osittain")
    again = service.make_review(session, item, people["owner"])
    assert again.id == review.id and len(review.revisions) == 2
    with pytest.raises(service.CalibrationNotFound):
        service.save_agreement(session, item, people["a"], "x", None)  # participants do not decide


def test_calibration_scores_never_reach_the_quality_dashboards(session, people):
    """With every calibration score in, the dashboards count no human review; a made review counts."""
    from qa_app.services import quality
    from qa_app.services.quality import QualityFilter

    score_all(session, people)
    service.close_session(session, people["owner"])
    assert quality.dashboard(people["owner"], QualityFilter()).reviews_total == 0
    assert _db.session.scalar(select(func.count(Review.id))) == 0
    facts, _ = quality.load_facts(people["owner"], QualityFilter())
    assert len(facts) == 3 and all(not fact.review_scores for fact in facts)
    service.save_agreement(session, session.items[0], people["owner"], None, card(80, 100))
    service.make_review(session, session.items[0], people["owner"])
    assert quality.dashboard(people["owner"], QualityFilter()).reviews_total == 1


def test_export_reads_back_in_the_long_format(session, people):
    """The CSV is write_ratings' format: read_ratings takes it; AutoQA is a rater; participants see numbers."""
    score_all(session, people)
    service.close_session(session, people["owner"])
    owner_csv = read_ratings(service.export_csv(session, people["owner"]))
    assert {r.rater for r in owner_csv} == {people["a"].email, people["b"].email, "AutoQA"}
    assert len([r for r in owner_csv if r.rater != "AutoQA"]) == 2 * 3 * 9  # 8 scored criteria + overall
    assert {r.item for r in owner_csv} == {"c1", "c2", "c3"}
    participant_csv = read_ratings(service.export_csv(session, people["a"]))
    assert {r.rater for r in participant_csv} == {"Rater 1", "Rater 2", "AutoQA"}


def test_trend_lists_closed_sessions_oldest_first(session, people, convs):
    """Each closed session gives a point with the overall alpha; open ones are left out."""
    score_all(session, people)
    service.close_session(session, people["owner"])
    second = service.create_session(people["owner"], service.SessionInput(
        title="Tammikuu", participant_ids=(people["a"].id, people["b"].id), source="queue",
        conversation_ids=tuple(c.id for c in convs)))
    points = service.agreement_trend(people["owner"], service.sessions_for(people["owner"]))
    assert [p.session.id for p in points] == [session.id] and points[0].n_raters == 2
    assert second.is_open


def test_create_with_one_of_the_owners_sampling_rules(people, convs):
    """A stored rule of the owner picks the conversations (here the two longest handling times)."""
    for result, seconds in zip((c.id for c in convs), (100, 900, 500), strict=True):
        _db.session.execute(AutoQAResult.__table__.update().where(AutoQAResult.conversation_id == result)
                            .values(handling_s=seconds))
    rule = review_service.create_rule(people["owner"], review_service.RuleInput(
        name="Pisimmät", kind="longest_handling", count=5, seed=3))
    made = service.create_session(people["owner"], service.SessionInput(
        title="Säännöllä", participant_ids=(people["a"].id, people["b"].id), source="rule", rule_id=rule.id, count=2))
    assert [i.conversation_id for i in made.items] == [convs[1].id, convs[2].id]
    other_rule = review_service.create_rule(people["outsider"], review_service.RuleInput(
        name="Muiden", kind="lowest_autoqa", count=5, seed=3))
    with pytest.raises(service.CalibrationInputError) as caught:
        service.create_session(people["owner"], service.SessionInput(
            title="x", participant_ids=(people["a"].id, people["b"].id), source="rule", rule_id=other_rule.id))
    assert caught.value.errors == {"rule": "rule_required"}


def test_conversations_a_participant_handled_are_left_out(people, convs, make_user):
    """A supervisor linked to the agent of a conversation does not calibrate on their own work."""
    handler = people["agent"]
    handler.role = "supervisor"
    _db.session.commit()
    with pytest.raises(service.CalibrationInputError) as caught:
        service.create_session(people["owner"], service.SessionInput(
            title="x", participant_ids=(people["a"].id, handler.id), source="lowest_autoqa", count=3))
    assert caught.value.errors == {"conversations": "conversations_min"}


def test_a_note_alone_can_be_saved_and_the_owner_who_scores_waits_like_everyone(people, convs):
    """An owner who also scores sees nothing before their own last score; a note needs no scores."""
    made = service.create_session(people["owner"], service.SessionInput(
        title="Omistaja mukana", participant_ids=(people["owner"].id, people["a"].id), source="lowest_autoqa", count=2))
    service.submit_score(made, made.items[0], people["a"], card(80, 100))
    service.submit_score(made, made.items[1], people["a"], card(60, 50))
    service.submit_score(made, made.items[0], people["owner"], card(70, 100))
    assert not made.can_see_scores(people["owner"]) and made.can_see_scores(people["a"])
    service.close_session(made, people["owner"])
    item = service.save_agreement(made, made.items[1], people["owner"], "Sovitaan ensi viikolla.", None)
    assert item.note == "Sovitaan ensi viikolla." and item.final_scores is None
    results = service.results_for(made, people["owner"], "en", bootstrap=False)
    assert (results.submitted, results.expected) == (3, 4)
