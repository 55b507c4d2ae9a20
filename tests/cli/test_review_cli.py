"""`kohtaamo review apply-rules` and `kohtaamo review queue` call the same service as the queue page."""

from __future__ import annotations

from qa_app.services import review as service
from tests.review_factory import agent_for, autoqa, conversation


def test_apply_rules_and_show_the_queue(runner, make_user, db):
    """The supervisor's active rule fills their queue once; the counts show done and remaining."""
    sup = make_user("supervisor", team="A")
    agent = make_user("learner", team="A")
    for i, overall in enumerate((40.0, 80.0)):
        autoqa(conversation(agent_for(agent), f"c{i}"), overall=overall, grade_messages=False)
    service.create_rule(sup, service.RuleInput("Lowest", "lowest_autoqa", count=1))
    result = runner.invoke(args=["review", "apply-rules", "--as", sup.email])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["Lowest: 1 added", "1 conversations added to review queues"]
    assert "0 conversations added" in runner.invoke(args=["review", "apply-rules", "--as", sup.email]).output
    result = runner.invoke(args=["review", "queue", "--as", sup.email])
    assert result.output.strip() == f"{sup.email}\tLowest\tdone 0\tremaining 1"


def test_unknown_or_non_supervisor_user_exits_2(runner, make_user):
    """A learner or an unknown e-mail is bad input: one line on stderr, exit 2."""
    learner = make_user("learner")
    for email in (learner.email, "nobody@example.com"):
        result = runner.invoke(args=["review", "queue", "--as", email])
        assert result.exit_code == 2 and "no supervisor or admin" in result.output
