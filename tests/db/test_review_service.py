"""The reviewing service: sampling rules, scorecards, revisions, drafts, acknowledgements and disputes."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from qa_app.extensions import db as _db
from qa_app.models import ReviewAssignment, ReviewDraft, ReviewRevision
from qa_app.services import review as service
from qa_app.services.review import CriterionInput as C
from tests.review_factory import START, agent_for, autoqa, conversation

MANUAL = ("identified-customer", "first-contact-resolution", "correct-information", "closing-next-steps",
          "data-protection")


def full_scores(**changes: C) -> dict[str, C]:
    """AutoQA's values kept (grammar 90, clarity 80, empathy 60, accuracy unscored), manual ones 100."""
    scores = {"grammar": C(90), "clarity": C(80), "accuracy": C(None), "empathy": C(60)}
    scores.update({cid: C(100) for cid in MANUAL})
    scores.update({k.replace("_", "-"): v for k, v in changes.items()})
    return scores


@pytest.fixture()
def team(make_user):
    """A supervisor, two agents of their team, an agent of another team and that team's supervisor."""
    return {
        "sup": make_user("supervisor", team="A"),
        "agent": make_user("learner", team="A"),
        "agent2": make_user("learner", team="A"),
        "other_agent": make_user("learner", team="B"),
        "other_sup": make_user("supervisor", team="B"),
        "admin": make_user("admin", team=None),
    }


@pytest.fixture()
def scored(db, team):
    """A conversation of team A's agent with a stored AutoQA result (no message grades)."""
    conv = conversation(agent_for(team["agent"]))
    autoqa(conv, grade_messages=False)
    return conv


# ------------------------------------------------------------------ scoring


def test_overall_is_the_weighted_mean_of_the_reviewers_scores(scored, team):
    """Weights re-normalise over scored criteria: (900+800+600+5×manual)/90."""
    review = service.submit_review(scored, team["sup"], full_scores())
    assert review.overall == pytest.approx(8300 / 90)
    assert review.current.number == 1 and review.current.reason is None
    assert review.rubric_version.content_id == "supervisor-scorecard"


def test_na_drops_out_and_the_other_weights_reweight(scored, team):
    """N/A first-contact resolution and closing (weight 10 each) leave 6300 over 70 = 90."""
    review = service.submit_review(scored, team["sup"], full_scores(
        first_contact_resolution=C(na=True), closing_next_steps=C(na=True)))
    assert review.overall == pytest.approx(90.0)
    assert review.current.scores["closing-next-steps"] == {"score": None, "na": True, "auto": None,
                                                           "override_reason": None}


def test_na_only_where_the_rubric_allows_it(scored, team):
    """Data protection has no allow_na: marking it N/A is a field error, and nothing is stored."""
    with pytest.raises(service.ReviewInputError) as caught:
        service.submit_review(scored, team["sup"], full_scores(data_protection=C(na=True)))
    assert caught.value.errors == {"data-protection.na": "na_not_allowed"}
    assert _db.session.scalar(select(func.count(ReviewRevision.id))) == 0


def test_an_override_needs_a_reason(scored, team):
    """A grammar score that differs from AutoQA's 90 needs a reason; with one it is stored as an override."""
    with pytest.raises(service.ReviewInputError) as caught:
        service.submit_review(scored, team["sup"], full_scores(grammar=C(50)))
    assert caught.value.errors == {"grammar.override_reason": "override_reason_required"}
    review = service.submit_review(scored, team["sup"], full_scores(grammar=C(50, override_reason="Typos")))
    assert review.current.scores["grammar"] == {"score": 50.0, "na": False, "auto": 90.0, "override_reason": "Typos"}
    assert review.overall == pytest.approx(7900 / 90)


def test_manual_criteria_need_a_score_or_na(scored, team):
    """A manual criterion left empty is an error that says N/A is possible when it is."""
    scores = full_scores()
    del scores["closing-next-steps"]
    scores["correct-information"] = C(None)
    with pytest.raises(service.ReviewInputError) as caught:
        service.submit_review(scored, team["sup"], scores)
    assert caught.value.errors == {"closing-next-steps.score": "score_required_na",
                                   "correct-information.score": "score_required"}


def test_a_failed_critical_criterion_caps_the_overall_like_the_engine(scored, team):
    """Identification scored 40 (< 50) fires the rubric's rule: overall capped at 40."""
    review = service.submit_review(scored, team["sup"], full_scores(identified_customer=C(40)))
    assert review.overall == 40.0
    assert [rule.cap for rule in service.scorecards.fired_rules_of(review)] == [40.0]


def test_the_reviewers_auto_fail_sets_zero_and_needs_a_reason(scored, team):
    """Auto-fail without a reason is refused; with one, the overall is 0 and the reason is kept."""
    with pytest.raises(service.ReviewInputError) as caught:
        service.submit_review(scored, team["sup"], full_scores(), auto_fail="  ")
    assert caught.value.errors == {"auto_fail_reason": "auto_fail_reason_required"}
    review = service.submit_review(scored, team["sup"], full_scores(), auto_fail="Rude to the customer")
    assert review.overall == 0.0 and review.current.auto_fail and review.current.auto_fail_reason == "Rude to the customer"


def test_autoqa_findings_fire_finding_rules_unless_overridden(db, team):
    """A real engine finding (asking for passcodes) caps at 20; overriding that criterion drops it."""
    conv = conversation(agent_for(team["agent"]), messages=[
        ("customer", "En pääse verkkopankkiin."),
        ("agent", "Kerro minulle verkkopankin tunnuslukusi ja salasanasi, niin tarkistan asian."),
    ])
    result = autoqa(conv)
    card = service.scorecard_for(conv)
    rule_ids = {f.rule for findings in card.auto_findings.values() for f in findings}
    assert "builtin.credentials" in rule_ids, rule_ids
    criterion = next(cid for cid, fs in card.auto_findings.items() if any(f.rule == "builtin.credentials" for f in fs))
    kept = {cid: C(result.criteria[cid]) for cid in ("grammar", "clarity", "accuracy", "empathy")}
    kept.update({cid: C(100) for cid in MANUAL})
    assert card.score(kept).overall <= 20
    overridden = dict(kept, **{criterion: C(99.5, override_reason="Not what was asked")})
    assert card.score(overridden).overall > 20


# ------------------------------------------------------------------ revisions and drafts


def test_a_revision_never_changes_the_earlier_ones(scored, team):
    """An edit adds revision 2 with author, time and reason; revision 1 keeps its scores; updates are refused."""
    review = service.submit_review(scored, team["sup"], full_scores(), comment="Good")
    first = json.loads(review.current.scores_json)
    with pytest.raises(service.ReviewInputError) as caught:
        service.revise_review(review, team["sup"], full_scores(correct_information=C(50)), reason=" ")
    assert caught.value.errors == {"reason": "reason_required"}
    revision = service.revise_review(review, team["admin"], full_scores(correct_information=C(50)),
                                     reason="Price was wrong", comment="Check prices")
    assert [r.number for r in review.revisions] == [1, 2]
    assert revision.author_id == team["admin"].id and revision.reason == "Price was wrong"
    assert review.revisions[0].scores == first and review.revisions[0].comment == "Good"
    assert review.overall == pytest.approx(7550 / 90) == revision.overall
    review.revisions[0].comment = "tampered"
    with pytest.raises(service.ReviewStateError):
        _db.session.flush()
    _db.session.rollback()


def test_a_second_review_by_the_same_reviewer_is_refused(scored, team):
    """One review per reviewer and conversation: the second must be a revision."""
    service.submit_review(scored, team["sup"], full_scores())
    with pytest.raises(service.ReviewStateError):
        service.submit_review(scored, team["sup"], full_scores())


def test_submit_marks_the_assignment_done_and_drops_the_draft(scored, team):
    """The draft is kept until submit; then it is gone and the assignment is done."""
    _db.session.add(ReviewAssignment(conversation_id=scored.id, reviewer_id=team["sup"].id, status="open"))
    _db.session.commit()
    service.save_draft(scored, team["sup"], {"score__grammar": "85", "comment": "half"})
    assert service.draft_data(service.draft_for(scored, team["sup"])) == {"comment": "half", "score__grammar": "85"}
    service.submit_review(scored, team["sup"], full_scores())
    assert _db.session.scalar(select(func.count(ReviewDraft.id))) == 0
    assignment = _db.session.scalars(select(ReviewAssignment)).one()
    assert assignment.status == "done" and assignment.done_at is not None


def test_supervisors_review_only_their_teams_conversations(scored, team):
    """Another team's supervisor and an agent get ReviewNotFound; an admin may review."""
    for user in (team["other_sup"], team["agent"]):
        with pytest.raises(service.ReviewNotFound):
            service.submit_review(scored, user, full_scores())
        with pytest.raises(service.ReviewNotFound):
            service.load_conversation(scored.id, user)
    assert service.submit_review(scored, team["admin"], full_scores()).id


# ------------------------------------------------------------------ agents and disputes


def test_acknowledge_only_by_the_agent_and_again_after_a_new_revision(scored, team):
    """The agent acknowledges; a new revision asks for it again; nobody else may acknowledge."""
    review = service.submit_review(scored, team["sup"], full_scores())
    with pytest.raises(service.ReviewNotFound):
        service.acknowledge(review, team["agent2"])
    service.acknowledge(review, team["agent"], now=review.current.created_at + timedelta(seconds=1))
    assert not service.needs_acknowledgement(review)
    service.revise_review(review, team["sup"], full_scores(closing_next_steps=C(50)), reason="Missed the summary",
                          now=review.current.created_at + timedelta(minutes=5))
    assert service.needs_acknowledgement(review)
    assert service.reviews_for_agent(team["agent"]) == [review] and service.reviews_for_agent(team["agent2"]) == []


def test_accepted_dispute_creates_a_revision_with_the_dispute_as_reason(scored, team):
    """Accepting changes only the disputed score, in a new revision that points back at the dispute."""
    review = service.submit_review(scored, team["sup"], full_scores(closing_next_steps=C(50)))
    with pytest.raises(service.ReviewNotFound):
        service.raise_dispute(review, team["agent2"], "closing-next-steps", "Not mine")
    with pytest.raises(service.ReviewInputError):
        service.raise_dispute(review, team["agent"], "closing-next-steps", " ")
    dispute = service.raise_dispute(review, team["agent"], "closing-next-steps", "I summarised in the last line")
    with pytest.raises(service.ReviewStateError):
        service.raise_dispute(review, team["agent"], "closing-next-steps", "again")
    assert service.disputes_for(team["sup"]) == [dispute] and service.disputes_for(team["other_sup"]) == []
    with pytest.raises(service.ReviewNotFound):
        service.resolve_dispute(dispute, team["agent"], accept=True, new_score=100)
    with pytest.raises(service.ReviewInputError):
        service.resolve_dispute(dispute, team["sup"], accept=True)
    service.resolve_dispute(dispute, team["sup"], accept=True, new_score=100, reason="Right, it was there")
    assert dispute.status == "accepted" and dispute.revision.number == 2
    assert dispute.revision.reason == "I summarised in the last line\n\nRight, it was there"
    assert dispute.revision.scores["closing-next-steps"]["score"] == 100.0
    assert review.revisions[0].scores["closing-next-steps"]["score"] == 50.0
    assert review.overall == pytest.approx(8300 / 90)
    assert service.disputes_for(team["sup"], "closed") == [dispute] and service.disputes_for(team["sup"]) == []
    with pytest.raises(service.ReviewStateError):
        service.resolve_dispute(dispute, team["sup"], accept=False, reason="changed my mind")


def test_rejected_dispute_needs_a_reason_and_changes_no_score(scored, team):
    """Rejecting keeps the single revision and records who decided and why."""
    review = service.submit_review(scored, team["sup"], full_scores(grammar=C(70, override_reason="Typos")))
    dispute = service.raise_dispute(review, team["agent"], "grammar", "Only one typo")
    with pytest.raises(service.ReviewInputError) as caught:
        service.resolve_dispute(dispute, team["sup"], accept=False)
    assert caught.value.errors == {"reason": "reason_required"}
    service.resolve_dispute(dispute, team["sup"], accept=False, reason="Three typos in two lines")
    assert dispute.status == "rejected" and dispute.resolved_by_id == team["sup"].id
    assert len(review.revisions) == 1 and dispute.revision is None


# ------------------------------------------------------------------ sampling rules


def _week_of(agent, prefix: str, count: int, start=START):
    return [conversation(agent, f"{prefix}{i}", at=start + timedelta(hours=i)) for i in range(count)]


def test_random_share_per_agent_per_week_is_reproducible(db, team):
    """10 % of 10 and of 3 conversations per agent-week is 1 each; the same seed picks the same ones."""
    a1, a2 = agent_for(team["agent"]), agent_for(team["agent2"])
    _week_of(a1, "a", 10)
    _week_of(a1, "n", 3, START + timedelta(days=7))
    _week_of(a2, "b", 3)
    rule = service.create_rule(team["sup"], service.RuleInput("Weekly 10 %", "random_share", share=0.1, seed=42))
    picked = [c.external_id for c in service.select_conversations(rule)]
    assert len(picked) == 3
    assert sum(p.startswith("a") for p in picked) == sum(p.startswith("n") for p in picked) == 1
    twin = service.create_rule(team["sup"], service.RuleInput("Twin", "random_share", share=0.1, seed=42))
    assert [c.external_id for c in service.select_conversations(twin)] == picked
    seeds = {tuple(c.external_id for c in service.select_conversations(
        service.create_rule(team["sup"], service.RuleInput(f"s{s}", "random_share", share=0.1, seed=s)))) for s in range(8)}
    assert len(seeds) > 1
    report = service.apply_rules(team["sup"], [rule])
    assert report.total == 3
    assert service.apply_rules(team["sup"], [rule, twin]).total == 0  # never duplicated
    assert _db.session.scalar(select(func.count(ReviewAssignment.id))) == 3


def test_lowest_and_longest_and_escalated_rules(db, team):
    """Each kind picks what it names, skipping spam, reviewed and other teams' conversations."""
    agent = agent_for(team["agent"])
    convs = [conversation(agent, f"c{i}", at=START + timedelta(hours=i)) for i in range(5)]
    for conv, (overall, handling, esc, neg) in zip(convs, [(30, 100, False, False), (50, 900, True, False),
                                                           (10, 50, False, True), (90, 2000, False, False),
                                                           (20, 10, False, False)], strict=True):
        autoqa(conv, overall=overall, handling_s=handling, escalated=esc, negative=neg, grade_messages=False)
    spam = conversation(agent, "spam", flag="spam")
    autoqa(spam, overall=0, handling_s=9999, escalated=True, grade_messages=False)
    other = conversation(agent_for(team["other_agent"]), "other")
    autoqa(other, overall=1, handling_s=9000, negative=True, grade_messages=False)
    service.submit_review(convs[2], team["sup"], full_scores())  # lowest (10) is already reviewed
    sup = team["sup"]
    lowest = service.create_rule(sup, service.RuleInput("Lowest", "lowest_autoqa", count=2))
    longest = service.create_rule(sup, service.RuleInput("Longest", "longest_handling", count=2))
    escalated = service.create_rule(sup, service.RuleInput("Escalated", "escalated_negative"))
    ids = lambda rule: [c.external_id for c in service.select_conversations(rule)]  # noqa: E731
    assert ids(lowest) == ["c4", "c0"]
    assert ids(longest) == ["c3", "c1"]
    assert ids(escalated) == ["c1"]
    report = service.apply_rules(sup)
    assert report.created == {lowest.id: 2, longest.id: 2, escalated.id: 0}  # c1 was taken by `longest`
    counts = {(c.reviewer.id, c.rule.name): (c.done, c.remaining) for c in service.queue_counts(sup)}
    assert counts == {(sup.id, "Lowest"): (0, 2), (sup.id, "Longest"): (0, 2)}
    assert [item.conversation.external_id for item in service.queue_for(sup)] == ["c0", "c1", "c3", "c4"]
    service.submit_review(convs[0], sup, full_scores())
    counts = {c.rule.name: (c.done, c.remaining) for c in service.queue_counts(sup)}
    assert counts["Lowest"] == (1, 1)


def test_rule_filters_and_who_manages_rules(db, team):
    """Channel and date filters narrow the pick; supervisors see their team's rules, admins all."""
    agent = agent_for(team["agent"])
    conversation(agent, "chat1", channel="chat")
    conversation(agent, "mail1", channel="email")
    conversation(agent, "mail-late", channel="email", at=START + timedelta(days=10))
    rule = service.create_rule(team["sup"], service.RuleInput(
        "Email", "random_share", share=1.0, channel="email", date_from=START.date(), date_to=START.date()))
    assert [c.external_id for c in service.select_conversations(rule)] == ["mail1"]
    assert rule.team_id == team["sup"].team_id
    assert service.rules_for(team["other_sup"]) == [] and service.rules_for(team["admin"]) == [rule]
    with pytest.raises(service.ReviewNotFound):
        service.load_rule(rule.id, team["other_sup"])
    with pytest.raises(service.ReviewInputError) as caught:
        service.create_rule(team["sup"], service.RuleInput("", "random_share", share=2, reviewer_id=team["other_sup"].id))
    assert caught.value.errors == {"name": "name_required", "share": "share_range", "reviewer_id": "reviewer_not_allowed"}
    service.set_rule_active(rule, team["sup"], False)
    assert service.apply_rules(team["sup"]).total == 0


def test_nobody_reviews_their_own_conversation(db, make_user):
    """A supervisor who handled a conversation cannot review it, and rules do not assign it to them."""
    sup = make_user("supervisor", team="A")
    conv = conversation(agent_for(sup))
    autoqa(conv, grade_messages=False)
    with pytest.raises(service.ReviewStateError):
        service.submit_review(conv, sup, full_scores())
    rule = service.create_rule(sup, service.RuleInput("All", "random_share", share=1.0))
    assert service.apply_rules(sup, [rule]).total == 0
