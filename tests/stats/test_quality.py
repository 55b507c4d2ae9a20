"""Dashboard figures (qa_app.stats.quality) against values computed by hand on a small fixture.

Weeks: 2026-11-23..29 is ISO week 48, 2026-11-30..12-06 week 49. The data ends (as_of) on
2026-12-10 09:00. Agents a1, a2 are in team T1; a3 is not linked to a user (no team).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from qa_app.stats import quality as q
from qa_app.stats.quality import AutoQAScore, Contact, ConversationRow, FactFilter, ReviewScore

AS_OF = datetime(2026, 12, 10, 9, 0)


def conv(cid, agent, channel, when, customer=None, resolved=None, flag=None):
    team = ("1", "T1") if agent in ("1", "2") else (q.NO_TEAM, "")
    return ConversationRow(
        id=cid, channel=channel, started_at=datetime.fromisoformat(when), agent_key=agent,
        agent_label=f"Agent {agent}", team_key=team[0], team_label=team[1], customer=customer,
        resolved=resolved, flag=flag, external_id=f"c{cid}",
    )


CONVERSATIONS = [
    conv(1, "1", "chat", "2026-11-23T09:00", "cust-A"),  # cust-A back by e-mail 2 days later
    conv(2, "2", "email", "2026-11-25T10:00", "cust-A"),  # next contact 8 days later: resolved
    conv(3, "1", "chat", "2026-11-24T12:00", resolved=True),
    conv(4, "1", "phone", "2026-11-30T08:00"),  # no field, no customer: unknown
    conv(5, "2", "chat", "2026-12-01T08:00", resolved=False),
    conv(6, "2", "social", "2026-12-03T10:00", " CUST-a "),  # 7 days not over by AS_OF
    conv(7, "1", "email", "2026-11-26T08:00", "cust-A", flag="spam"),
    conv(8, "3", "chat", "2026-12-10T09:00", "cust-B"),
]
REVIEWS = [
    ReviewScore(1, 1, 80, {"grammar": 90, "empathy": 70}),
    ReviewScore(2, 1, 60, {"grammar": 70, "empathy": None}),
    ReviewScore(3, 3, 90, {"grammar": 100, "empathy": 80}),
    ReviewScore(4, 5, 50, {"grammar": 60, "empathy": 40}),
    ReviewScore(5, 2, 70, {"grammar": 80}),
    ReviewScore(6, 7, 0, {"grammar": 0}),  # spam: left out
    ReviewScore(7, 4, None, {"grammar": None, "empathy": None}),  # all N/A: no overall
]
AUTOQA = [
    AutoQAScore(1, 70, True, 60),
    AutoQAScore(2, 95, False, 86400),
    AutoQAScore(3, 60, True, 60),
    AutoQAScore(4, 55, None, None),  # phone: no reply timer
    AutoQAScore(5, 80, False, 60),
    AutoQAScore(7, 10, False, 86400),
    AutoQAScore(8, 40, True, 60),
]
# The service passes every counted conversation of these customers (the spam one is not a contact).
CONTACTS = [Contact(c.id, c.customer, c.started_at) for c in CONVERSATIONS if c.customer and not c.flag]
LABELS = {"grammar": "Grammar", "empathy": "Empathy"}


@pytest.fixture(scope="module")
def facts():
    return q.build_facts(CONVERSATIONS, REVIEWS, AUTOQA, CONTACTS, AS_OF)


@pytest.fixture(scope="module")
def figures(facts):
    return q.summarise(facts, LABELS, most=2)


def by_key(groups):
    return {group.key: group for group in groups}


def test_iqs_overall_and_spam_left_out(figures):
    """IQS is the mean of review overalls (80, 60, 90, 50, 70); the spam review's 0 is not in it."""
    assert figures.total.iqs == pytest.approx(70.0)
    assert figures.total.reviews == 5 and figures.total.reviewed == 4
    assert figures.total.conversations == 7
    assert figures.flagged == {"spam": 1}


def test_iqs_per_agent_team_channel(figures):
    """Each group's IQS averages its reviews; groups without reviews have none."""
    agents = by_key(figures.agents)
    assert agents["1"].iqs == pytest.approx((80 + 60 + 90) / 3) and agents["1"].reviews == 3
    assert agents["2"].iqs == pytest.approx(60.0)
    assert agents["3"].iqs is None and agents["3"].conversations == 1
    assert agents["1"].conversations == 3  # c7 (spam) not counted
    teams = by_key(figures.teams)
    assert teams["1"].iqs == pytest.approx(70.0) and teams[q.NO_TEAM].conversations == 1
    channels = by_key(figures.channels)
    assert channels["chat"].iqs == pytest.approx(70.0)
    assert channels["email"].iqs == pytest.approx(70.0) and channels["email"].conversations == 1
    assert channels["phone"].iqs is None and channels["social"].iqs is None


def test_iqs_per_week_is_the_trend(figures):
    """Weeks come oldest first: W48 (80, 60, 70, 90), W49 (50), W50 (no review)."""
    assert [week.key for week in figures.weeks] == ["2026-W48", "2026-W49", "2026-W50"]
    assert figures.weeks[0].iqs == pytest.approx(75.0) and figures.weeks[0].conversations == 3
    assert figures.weeks[1].iqs == pytest.approx(50.0) and figures.weeks[1].conversations == 3
    assert figures.weeks[2].iqs is None and figures.weeks[2].conversations == 1


def test_weeks_without_conversations_are_in_the_trend():
    """A quiet week between two busy ones is in the series with no figures, so the chart keeps time."""
    rows = [conv(1, "1", "chat", "2026-12-28T09:00"), conv(2, "1", "chat", "2027-01-12T09:00")]
    weeks = q.summarise(q.build_facts(rows)).weeks
    assert [week.key for week in weeks] == ["2026-W53", "2027-W01", "2027-W02"]
    assert weeks[1].conversations == 0 and weeks[1].iqs is None


def test_criterion_means_leave_na_out(figures):
    """Grammar 90, 70, 100, 60, 80 -> 80 with one N/A; empathy 70, 80, 40 with two N/A."""
    criteria = {c.key: c for c in figures.criteria}
    assert [c.key for c in figures.criteria] == ["grammar", "empathy"]
    assert criteria["grammar"].mean == pytest.approx(80.0) and criteria["grammar"].scored == 5
    assert criteria["grammar"].na == 1
    assert criteria["empathy"].mean == pytest.approx(190 / 3) and criteria["empathy"].na == 2
    assert criteria["empathy"].label == "Empathy" and criteria["empathy"].conversations == 3


def test_fcr_status_of_each_conversation(facts):
    """The field decides when present; otherwise a repeat contact within 7 days (any channel)."""
    status = {fact.id: (fact.fcr, fact.fcr_basis) for fact in facts}
    assert status[1] == ("unresolved", "repeat")  # chat, back by e-mail after 2 days
    assert status[2] == ("resolved", "no_repeat")  # next contact after 8 days
    assert status[3] == ("resolved", "field")
    assert status[4] == ("unknown", "no_customer")
    assert status[5] == ("unresolved", "field")
    assert status[6] == ("unknown", "window_open")
    assert status[8] == ("unknown", "window_open")


def test_fcr_rate_leaves_unknown_out(figures):
    """Two resolved of four known; three unknown are not in the rate."""
    fcr = figures.total.fcr
    assert (fcr.hits, fcr.total, fcr.unknown, fcr.misses) == (2, 4, 3, 2)
    assert fcr.percent == pytest.approx(50.0)
    assert by_key(figures.agents)["1"].fcr.percent == pytest.approx(50.0)  # c1 no, c3 yes, c4 unknown


def test_repeat_exactly_seven_days_later_counts():
    """A return at exactly 7 days is within the window; one second later is not."""
    first = conv(1, "1", "chat", "2026-11-02T10:00", "x")
    for when, expected in (("2026-11-09T10:00:00", "unresolved"), ("2026-11-09T10:00:01", "resolved")):
        later = conv(2, "1", "email", when, "x")
        contacts = [Contact(c.id, c.customer, c.started_at) for c in (first, later)]
        facts = q.build_facts([first], contacts=contacts, as_of=datetime(2026, 12, 1))
        assert facts[0].fcr == expected


def test_autoqa_against_human(figures):
    """Differences c1 0, c2 +25, c3 -30, c5 +30: mean 6.25, mean absolute 21.25, one within 10."""
    agreement = figures.agreement
    assert agreement.pairs == 4
    assert agreement.mean_diff == pytest.approx(6.25)
    assert agreement.mean_abs_diff == pytest.approx(21.25)
    assert (agreement.within_10.hits, agreement.within_10.total) == (1, 4)
    counts = {(b.low, b.high): b.count for b in agreement.histogram if b.count}
    assert counts == {(0, 10): 1, (20, 30): 1, (-30, -20): 1, (30, 40): 1}
    assert len(agreement.histogram) == 20 and agreement.histogram[0].low == -100
    assert [fact.id for fact in agreement.differs_most] == [3, 5]  # tie on 30: lower id first


def test_histogram_bins_are_fixed_and_closed_at_100():
    """Bins are [low, low + 10); -100 falls in the first and +100 in the last."""
    assert q.diff_bin(-100) == (-100, -90)
    assert q.diff_bin(-10) == (-10, 0)
    assert q.diff_bin(-0.01) == (-10, 0)
    assert q.diff_bin(0) == (0, 10)
    assert q.diff_bin(100) == (90, 100)


def test_response_time_compliance_per_channel(figures):
    """Chat 3 of 4 met, e-mail 0 of 1; phone has no timer; the spam e-mail is not counted."""
    total = figures.total.compliance
    assert (total.hits, total.total) == (3, 5) and total.percent == pytest.approx(60.0)
    channels = by_key(figures.channels)
    assert (channels["chat"].compliance.hits, channels["chat"].compliance.total) == (3, 4)
    assert (channels["email"].compliance.hits, channels["email"].compliance.total) == (0, 1)
    assert channels["phone"].compliance.total == 0 and channels["phone"].compliance.percent is None
    assert figures.total.autoqa == pytest.approx((70 + 95 + 60 + 55 + 80 + 40) / 6)


@pytest.mark.parametrize(("wanted", "ids"), [
    (FactFilter(week="2026-W48", reviewed=True), [2, 3, 1]),
    (FactFilter(diff_min=20, diff_max=30), [2]),
    (FactFilter(diff_min=-30, diff_max=-20), [3]),
    (FactFilter(fcr="unknown"), [8, 6, 4]),
    (FactFilter(fcr="known"), [5, 2, 3, 1]),
    (FactFilter(compliance="missed"), [5, 2]),
    (FactFilter(flag="spam"), [7]),
    (FactFilter(flag="all"), [8, 6, 5, 4, 7, 2, 3, 1]),
    (FactFilter(criterion="empathy"), [5, 3, 1]),
    (FactFilter(differs_most=2), [3, 5]),
    (FactFilter(autoqa_min=60, autoqa_max=80), [5, 3, 1]),
])
def test_filter_gives_the_conversations_behind_a_number(facts, wanted, ids):
    """Each filter picks exactly the conversations a figure counts, newest first."""
    assert [fact.id for fact in q.filter_facts(facts, wanted)] == ids


def test_every_group_and_bin_count_matches_its_list(facts, figures):
    """The number shown and the length of the list it links to agree, for every week and bin."""
    for week in figures.weeks:
        assert len(q.filter_facts(facts, FactFilter(week=week.key))) == week.conversations
        assert len(q.filter_facts(facts, FactFilter(week=week.key, fcr="unknown"))) == week.fcr.unknown
        assert len(q.filter_facts(facts, FactFilter(week=week.key, compliance="measured"))) == week.compliance.total
    for b in figures.agreement.histogram:
        assert len(q.filter_facts(facts, FactFilter(diff_min=b.low, diff_max=b.high))) == b.count
    for c in figures.criteria:
        assert len(q.filter_facts(facts, FactFilter(criterion=c.key))) == c.conversations


def test_nothing_in_gives_empty_figures():
    """No conversations: no IQS, no rates, an empty histogram, and `empty` says so."""
    figures = q.summarise([])
    assert figures.empty and figures.total.iqs is None and figures.total.fcr.percent is None
    assert figures.agreement.pairs == 0 and figures.agreement.mean_diff is None
    assert sum(b.count for b in figures.agreement.histogram) == 0


def test_iso_week_at_year_boundary():
    """ISO weeks cross the calendar year: 2026-01-01 is in 2026-W01, 2027-01-01 in 2026-W53."""
    assert q.iso_week(datetime(2026, 1, 1)) == "2026-W01"
    assert q.iso_week(datetime(2027, 1, 1)) == "2026-W53"
