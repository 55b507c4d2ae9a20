"""AutoQA pre-scores: timing figures per channel, per-message grades with history and spans, idempotence."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from qa_app.models import (
    AutoQAMessage,
    AutoQAResult,
    ContentVersion,
    Conversation,
    ConversationMessage,
)
from qa_app.services import autoqa

T0 = datetime(2026, 11, 30, 8, 0, 0)
FIRST = "Pahoittelen viivästystä. Tarkistan tilauksesi tilan heti ja palaan asiaan tässä keskustelussa."


def conversation(db, channel: str = "chat", messages=None, flag: str | None = None, external_id: str = "c1",
                 language: str | None = "fi") -> Conversation:
    """Store a conversation from (author, seconds after T0, text) triples."""
    messages = messages or [
        ("customer", 0, "Missä tilaukseni on? Se piti tulla eilen. Haluan puhua esihenkilön kanssa!"),
        ("agent", 45, FIRST),
        ("customer", 100, "Entä voinko muuttaa toimitusosoitetta?"),
        ("agent", 160, FIRST),  # repeats the first reply instead of answering: only history shows it
        ("agent", 200, "Osoitteen voi muuttaa Oma tili -sivulla kohdassa Toimitukset."),
    ]
    record = Conversation(source="test", external_id=external_id, channel=channel, language=language, flag=flag,
                          first_message_at=T0, messages=[
                              ConversationMessage(position=i, author=a, at=T0 + timedelta(seconds=s), text=t)
                              for i, (a, s, t) in enumerate(messages)])
    db.session.add(record)
    db.session.commit()
    return record


@pytest.mark.parametrize(("channel", "target", "met"), [
    ("chat", 60.0, True), ("email", 86400.0, True), ("social", 3600.0, True), ("phone", None, None)])
def test_first_response_is_measured_against_the_channel_target(channel, target, met):
    """First response runs from the first customer message to the first agent reply; phone has no timer."""
    moments = [("customer", T0), ("bot", T0 + timedelta(seconds=5)), ("agent", T0 + timedelta(seconds=45)),
               ("customer", T0 + timedelta(seconds=90)), ("agent", T0 + timedelta(seconds=300))]
    timing = autoqa.conversation_timing(moments, channel)
    assert timing.first_response_target_s == target
    assert timing.first_response_met is met
    assert timing.first_response_s == (None if channel == "phone" else 45.0)
    assert timing.handling_s == 300.0


def test_a_slow_chat_reply_misses_the_target_and_an_email_day_is_within():
    """Two minutes misses chat's 60 s; 23 hours is within e-mail's 24 h; 2 hours misses social's 1 h."""
    def first(channel, seconds):
        return autoqa.conversation_timing([("customer", T0), ("agent", T0 + timedelta(seconds=seconds))], channel)
    assert first("chat", 120).first_response_met is False
    assert first("email", 23 * 3600).first_response_met is True
    assert first("social", 2 * 3600).first_response_met is False


def test_response_times_count_from_the_unanswered_customer_message():
    """A reply's time runs from the first customer message it answers; an agent follow-up has none."""
    moments = [("customer", T0), ("customer", T0 + timedelta(seconds=20)), ("agent", T0 + timedelta(seconds=50)),
               ("agent", T0 + timedelta(seconds=80)), ("system", T0 + timedelta(seconds=81))]
    assert autoqa.response_times(moments, "chat") == [None, None, 50.0, None, None]
    assert autoqa.response_times(moments, "phone") == [None, None, None, None, None]


def test_a_conversation_gets_a_result_with_figures_and_graded_messages(db):
    """Every agent message is graded with the earlier messages as history; figures come from timestamps."""
    record = conversation(db)
    [result] = autoqa.score_conversations([record.id])
    db.session.commit()
    assert (result.first_response_s, result.first_response_target_s, result.first_response_met) == (45.0, 60.0, True)
    assert result.handling_s == 200.0
    assert result.escalated is True  # "Haluan puhua esihenkilön kanssa"
    version = db.session.get(ContentVersion, result.rubric_version_id)
    assert (version.kind, version.content_id) == ("rubric", "supervisor-scorecard")
    messages = sorted(result.messages, key=lambda m: m.message_id)
    assert [m.message.position for m in messages] == [1, 3, 4]
    assert [m.response_time_s for m in messages] == [45.0, 60.0, None]
    first, repeat, _ = (json.loads(m.grade_json) for m in messages)
    rules = lambda grade: {f["rule"] for c in grade["criteria"] for f in c["findings"]}  # noqa: E731
    assert "clarity.repeats_earlier" not in rules(first)
    assert "clarity.repeats_earlier" in rules(repeat)  # seen only through the history
    assert repeat["overall"] <= 45  # the rubric's cap for a repeated reply
    for grade, text in ((first, FIRST), (repeat, FIRST)):
        for finding in (f for c in grade["criteria"] for f in c["findings"]):
            assert 0 <= finding["start"] <= finding["end"] <= len(text)
    assert any(f["end"] > f["start"] for c in first["criteria"] for f in c["findings"])


def test_conversation_criteria_follow_session_scoring(db):
    """Automatic criteria are the mean over replies (accuracy the last); manual ones are null."""
    record = conversation(db)
    [result] = autoqa.score_conversations([record.id])
    grades = [json.loads(m.grade_json) for m in sorted(result.messages, key=lambda m: m.message_id)]
    clarity = [next(c["score"] for c in g["criteria"] if c["id"] == "clarity") for g in grades]
    assert result.criteria["clarity"] == pytest.approx(sum(clarity) / 3)
    for manual in ("identified-customer", "first-contact-resolution", "correct-information", "data-protection"):
        assert result.criteria[manual] is None
    assert result.criteria["accuracy"] is None  # no scenario behind an imported conversation
    assert result.overall is not None and result.overall <= 45  # one reply's repeat cap caps the conversation


def test_scoring_again_returns_the_existing_result(db):
    """A conversation scored with this scorecard version is not scored twice."""
    record = conversation(db)
    [first] = autoqa.score_conversations([record.id])
    db.session.commit()
    [again] = autoqa.score_conversations([record.id, record.id])
    db.session.commit()
    assert again.id == first.id
    assert db.session.scalar(select(func.count()).select_from(AutoQAResult)) == 1
    assert db.session.scalar(select(func.count()).select_from(AutoQAMessage)) == 3
    assert autoqa.unscored_ids() == []


def test_spam_and_system_conversations_are_not_scored(db):
    """Flagged conversations get no result and are not counted as unscored."""
    spam = conversation(db, flag="spam", external_id="s1")
    assert autoqa.unscored_ids() == []
    assert autoqa.score_conversations([spam.id]) == []
    assert db.session.scalar(select(func.count()).select_from(AutoQAResult)) == 0


def test_a_calm_english_customer_is_neither_escalated_nor_negative(db):
    """Without complaint words the flags stay off; an upset customer turns customer_negative on."""
    calm = conversation(db, language="en", external_id="en1", messages=[
        ("customer", 0, "Hi, could you tell me when my parcel arrives?"),
        ("agent", 30, "Thanks for asking! Your parcel arrives on Friday.")])
    upset = conversation(db, language="en", external_id="en2", messages=[
        ("customer", 0, "This is the third time I write. Totally unacceptable."),
        ("agent", 30, "I am sorry about this. I will sort it out now.")])
    results = {r.conversation_id: r for r in autoqa.score_conversations([calm.id, upset.id])}
    assert (results[calm.id].escalated, results[calm.id].customer_negative) == (False, False)
    assert (results[upset.id].escalated, results[upset.id].customer_negative) == (False, True)
