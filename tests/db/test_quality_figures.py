"""The quality dashboard's figures stay what they were when its queries were made index-friendly.

The permission and team filter are expressed on conversations.agent_id, and FCR's repeat
contacts are read only for the window plus 7 days: these cases pin who is seen, which team a
conversation counts for, and every repeat-contact edge (another team's conversation, a return
after the window's last day, one just over 7 days later, spam, letter case), and compare the
service's facts with the pure core's given every conversation as a contact. SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from qa_app.models import Agent, Conversation, User
from qa_app.services import quality
from qa_app.stats import quality as core
from qa_app.stats.quality import FactFilter

WINDOW = quality.QualityFilter(date_from=date(2026, 11, 2), date_to=date(2026, 11, 29))

# (external id, agent key or None, channel, first message, customer, flag)
CONVERSATIONS = [
    ("a1", "agent-a", "chat", "2026-11-02T08:00", "K1@example.com", None),  # back via team B on 11-04
    ("b1", "agent-b", "email", "2026-11-04T08:00", "k1@example.com", None),
    ("a2", "agent-a", "chat", "2026-11-28T10:00", "k2", None),  # back on 12-01, after the window
    ("a2-back", "agent-b", "chat", "2026-12-01T09:00", "K2", None),
    ("a3", "agent-a", "email", "2026-11-29T12:00", "k3", None),  # back 7 days + 1 minute later
    ("a3-late", "agent-a", "email", "2026-12-06T12:01", "k3", None),
    ("a4", "agent-a", "chat", "2026-11-10T08:00", "k4", None),  # "back" only as spam
    ("a4-spam", "agent-b", "chat", "2026-11-11T08:00", "k4", "spam"),
    ("a5", "agent-a", "chat", "2026-11-20T08:00", "k5", None),  # back exactly 7 days later
    ("a5-back", "loose", "phone", "2026-11-27T08:00", "k5", None),
    ("l1", "loose", "chat", "2026-11-15T08:00", "k6", None),  # unlinked agent: every supervisor
    ("n1", None, "social", "2026-11-16T08:00", None, None),  # no agent, no customer
    ("t1", "teamless", "chat", "2026-11-17T08:00", "k7", "system"),  # agent's user has no team
    ("old", "agent-a", "chat", "2026-10-30T08:00", "k4", None),  # before the window
    ("end", "agent-b", "chat", "2026-12-20T08:00", None, None),  # the data reaches 12-20
]


@pytest.fixture()
def people(db, make_user):
    """Two teams, an unlinked agent, a teamless user's agent; return the viewers by name."""
    viewers = {
        "supervisor_a": make_user("supervisor", team="Tiimi A"),
        "supervisor_b": make_user("supervisor", team="Tiimi B"),
        "teamless_supervisor": make_user("supervisor", team=None),
        "admin": make_user("admin", team=None),
    }
    users = {"agent-a": make_user("learner", team="Tiimi A"), "agent-b": make_user("learner", team="Tiimi B"),
             "teamless": make_user("learner", team=None), "loose": None}
    agents = {}
    for key, user in users.items():
        agents[key] = Agent(external_key=key, user_id=user.id if user else None)
        db.session.add(agents[key])
    db.session.flush()
    for ext, agent, channel, when, customer, flag in CONVERSATIONS:
        db.session.add(Conversation(
            source="test", external_id=ext, channel=channel, agent_id=agents[agent].id if agent else None,
            customer=customer, flag=flag, first_message_at=datetime.fromisoformat(when),
        ))
    db.session.commit()
    return viewers


def _fcr(facts: list[core.ConversationFacts]) -> dict[str, tuple[str, str]]:
    return {fact.row.external_id: (fact.fcr, fact.fcr_basis) for fact in facts}


def test_who_sees_which_conversations_and_their_fcr(people):
    """Each viewer sees their team's, unlinked and agentless conversations, with FCR from every contact."""
    facts, _ = quality.load_facts(people["supervisor_a"], WINDOW)
    assert _fcr(facts) == {
        "a1": ("unresolved", "repeat"),  # the customer came back through team B
        "a2": ("unresolved", "repeat"),  # within 7 days, after the window's last day
        "a3": ("resolved", "no_repeat"),
        "a4": ("resolved", "no_repeat"),  # spam is no contact
        "a5": ("unresolved", "repeat"),
        "a5-back": ("resolved", "no_repeat"),
        "l1": ("resolved", "no_repeat"),
        "n1": ("unknown", "no_customer"),
    }
    assert {f.row.external_id for f in quality.load_facts(people["supervisor_b"], WINDOW)[0]} == {
        "b1", "a4-spam", "a5-back", "l1", "n1"}
    assert {f.row.external_id for f in quality.load_facts(people["teamless_supervisor"], WINDOW)[0]} == {
        "a5-back", "l1", "n1"}
    admin = quality.load_facts(people["admin"], WINDOW)[0]
    assert len(admin) == 11 and _fcr(admin)["b1"] == ("resolved", "no_repeat")


@pytest.mark.parametrize(("team", "expected"), [
    ("none", {"a5-back", "l1", "n1", "t1"}),
    ("team_a", {"a1", "a2", "a3", "a4", "a5"}),
    ("abc", set()),
])
def test_team_filter(people, db, team, expected):
    """The team filter keeps the team's agents' conversations; "none" those of no team or no agent."""
    if team == "team_a":
        team = str(people["supervisor_a"].team_id)
    filters = quality.QualityFilter(date_from=WINDOW.date_from, date_to=WINDOW.date_to, team=team)
    assert {f.row.external_id for f in quality.load_facts(people["admin"], filters)[0]} == expected


@pytest.mark.parametrize("viewer", ["supervisor_a", "supervisor_b", "teamless_supervisor", "admin"])
@pytest.mark.parametrize("filters", [WINDOW, quality.QualityFilter(),
                                     quality.QualityFilter(date_to=date(2026, 11, 28)),
                                     quality.QualityFilter(date_from=date(2026, 11, 20), channel="chat")])
def test_facts_equal_the_core_with_every_contact(people, db, viewer, filters):
    """Reading only the window's customers' contacts up to 7 days after it changes no fact."""
    user = people[viewer]
    facts, _ = quality.load_facts(user, filters)
    everyone = [core.Contact(c.id, c.customer, c.first_message_at) for c in db.session.scalars(
        select(Conversation).where(Conversation.flag.is_(None), Conversation.customer.is_not(None)))]
    rows = [fact.row for fact in facts]
    assert facts == core.build_facts(rows, (), (), everyone, quality.data_end())
    board = quality.dashboard(user, filters)
    assert board.figures == core.summarise(facts, {}, 10)
    page = quality.conversation_list(user, filters, FactFilter(fcr="unresolved"))
    assert [item.facts for item in page.items] == core.filter_facts(facts, FactFilter(fcr="unresolved"))


def test_default_period_and_options_follow_the_permission(people, db):
    """The default period ends at the newest visible conversation; options list visible agents only."""
    assert quality.default_period(people["teamless_supervisor"]) == (date(2026, 9, 5), date(2026, 11, 27))
    assert quality.default_period(people["supervisor_b"])[1] == date(2026, 12, 20)
    keys = {db.session.get(Agent, int(o.value)).external_key for o in quality.filter_options(people["supervisor_a"]).agents}
    assert keys == {"agent-a", "loose"}
    assert db.session.scalar(select(User.id).where(User.team_id.is_(None), User.role == "admin")) is not None
