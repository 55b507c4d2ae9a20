"""The audit log's recording service and the services that record into it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from qa_app.models import AuditEvent
from qa_app.services import audit
from qa_app.services import review as review_service
from qa_app.services import users as user_service
from qa_app.services.authoring import drafts
from qa_app.services.conversations import import_file
from qa_app.services.review import CriterionInput as C
from tests.cli.test_conversation_import import conversation as conversation_record
from tests.db.test_review_service import full_scores
from tests.review_factory import agent_for, autoqa, conversation


def _events(action: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(audit.db.session.scalars(query))


def test_record_copies_the_actor_and_the_origin(db, make_user):
    """Who (id, e-mail and name copied), what, why and from where; the caller's commit stores it."""
    admin = make_user("admin", team=None)
    with audit.origin("web", "req-1", "203.0.113.9"):
        audit.record("export.quality", admin, details={"filters": {"team": "A"}}, reason="  monthly report ")
    db.session.commit()
    event = _events("export.quality")[0]
    assert (event.actor_id, event.actor_email, event.actor_name) == (admin.id, admin.email, admin.name)
    assert event.details == {"filters": {"team": "A"}} and event.reason == "monthly report"
    assert (event.via, event.request_id, event.address) == ("web", "req-1", "203.0.113.9")


def test_record_refuses_an_unknown_action(db):
    """A typo in an action code is a programming error, not a silent new category."""
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record("review.delete")


def test_an_event_rolls_back_with_its_change(db, make_user):
    """No commit, no event: the log never describes a change that did not happen."""
    audit.record("user.create", None, details={"email": "x@example.com"})
    db.session.rollback()
    assert _events("user.create") == []


def test_creating_a_user_and_changing_a_role_are_recorded(db, make_user):
    """user.create names the creator (None: the command line); user.role keeps before and after,
    and setting the same role again records nothing."""
    admin = make_user("admin", team=None)
    user, _ = user_service.create_user("new@example.com", "Uusi", "learner", actor=admin)
    db.session.commit()
    user_service.set_role("NEW@example.com", "supervisor", actor=admin)
    user_service.set_role("new@example.com", "supervisor", actor=admin)
    db.session.commit()
    created = [e for e in _events("user.create") if e.object_id == str(user.id)]
    assert created[0].actor_id == admin.id and created[0].details["role"] == "learner"
    [changed] = _events("user.role")
    assert changed.details["role"] == {"before": "learner", "after": "supervisor"}
    with pytest.raises(user_service.UserInputError):
        user_service.set_role("new@example.com", "owner", actor=admin)


def test_the_actor_copy_outlives_the_user(db, make_user):
    """The event keeps the e-mail and name as they were when the user is renamed."""
    admin = make_user("admin", team=None)
    audit.record("export.all", admin)
    db.session.commit()
    old_email = admin.email
    admin.email, admin.name = "renamed@example.com", "Renamed"
    db.session.commit()
    assert _events("export.all")[0].actor_email == old_email


@pytest.fixture()
def reviewed(db, make_user):
    sup = make_user("supervisor", team="A")
    agent = make_user("learner", team="A")
    conv = conversation(agent_for(agent))
    autoqa(conv, grade_messages=False)
    review = review_service.submit_review(conv, sup, full_scores(grammar=C(50, override_reason="Typos")))
    return review, sup, agent


def test_submit_records_overrides_and_revise_the_change_with_its_reason(reviewed):
    """review.submit lists AutoQA overrides; review.revise the changed criteria before → after."""
    review, sup, _ = reviewed
    [submitted] = _events("review.submit")
    assert submitted.details["overrides"] == {"grammar": {"auto": 90.0, "score": 50.0}}
    review_service.revise_review(review, sup, full_scores(grammar=C(50, override_reason="Typos"), clarity=C(40, override_reason="Long")),
                                 "Read it again")
    [revised] = _events("review.revise")
    assert revised.reason == "Read it again" and revised.actor_id == sup.id
    assert revised.details["changed"] == {"clarity": {"before": 80.0, "after": 40.0}}
    assert revised.details["revision"] == 2
    assert revised.details["overall"]["before"] > revised.details["overall"]["after"]


def test_dispute_decisions_are_recorded(reviewed, make_user):
    """Accepting records the new score as a revision change; rejecting records the reason."""
    review, sup, agent = reviewed
    first = review_service.raise_dispute(review, agent, "closing-next-steps", "I summarised")
    review_service.resolve_dispute(first, sup, accept=True, reason="Fair", new_score=80)
    second = review_service.raise_dispute(review, agent, "data-protection", "I checked")
    review_service.resolve_dispute(second, sup, accept=False, reason="Not enough")
    [accepted] = _events("dispute.accept")
    assert accepted.details["changed"] == {"closing-next-steps": {"before": 100.0, "after": 80.0}}
    assert accepted.details["dispute_id"] == first.id
    [rejected] = _events("dispute.reject")
    assert rejected.reason == "Not enough" and rejected.details["criterion"] == "data-protection"
    # Raising is recorded too, by the agent, without the comment (free text stays in the dispute,
    # where erasure can reach it).
    raised = _events("dispute.raise")
    assert [(e.actor_id, e.object_id, e.details["criterion"]) for e in raised] == [
        (agent.id, str(first.id), "closing-next-steps"), (agent.id, str(second.id), "data-protection")]
    assert all("I summarised" not in e.details_json and e.reason is None for e in raised)


def test_publishing_content_is_recorded_with_the_note(db, make_user):
    """content.publish names kind, id and version; the note is the reason."""
    from pathlib import Path

    from qa_app.services import content_versions

    content_versions.import_starter(Path(__file__).resolve().parents[2])
    trainer = make_user("trainer")
    draft = drafts.start_draft("scenario", "vaara-alennuslupaus", trainer)
    drafts.publish_draft(draft, trainer, "Korjattu kirjoitusvirhe")
    db.session.commit()
    event = [e for e in _events("content.publish") if e.actor_id == trainer.id][0]
    assert event.reason == "Korjattu kirjoitusvirhe"
    assert event.details == {"kind": "scenario", "content_id": "vaara-alennuslupaus", "version": draft.version}


def test_an_import_is_recorded_with_counts_only(db, tmp_path):
    """conversations.import: the file name and counts, no message text nor customer."""
    path = tmp_path / "batch.jsonl"
    record = conversation_record("x1", text="Salainen viesti", customer="asiakas-77")
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    import_file(path, source="crm")
    [event] = _events("conversations.import")
    assert event.object_id == "batch.jsonl" and event.details["imported"] == 1 and event.details["source"] == "crm"
    assert "Salainen" not in event.details_json and "asiakas-77" not in event.details_json


def test_pages_filters_and_order(db, make_user):
    """Newest first; filters by action, actor (any case, wildcards taken literally) and day."""
    admin = make_user("admin", team=None, email="Paa.Kayttaja@example.com")
    for day in range(1, 8):
        audit.record("export.quality", admin if day % 2 else None, at=datetime(2030, 11, day, 12))
    audit.record("export.all", None, at=datetime(2030, 11, 8, 12))
    db.session.commit()
    everything = audit.page_of_events(audit.AuditFilter(), per_page=3)
    assert everything.total >= 8 and everything.events[0].action == "export.all"
    by_actor = audit.page_of_events(audit.AuditFilter(actor="paa.kay"), per_page=100)
    assert {e.at.day for e in by_actor.events if e.action == "export.quality"} == {1, 3, 5, 7}
    assert audit.page_of_events(audit.AuditFilter(actor="%"), per_page=100).total == 0
    window = audit.AuditFilter.from_args({"action": "export.quality", "start": "2030-11-02", "end": "2030-11-04"})
    page = audit.page_of_events(window, per_page=2)
    assert [e.at.day for e in page.events] == [4, 3] and page.pages == 2
    assert [e.at.day for e in audit.page_of_events(window, page=99, per_page=2).events] == [2]
    assert audit.AuditFilter.from_args({"action": "drop table", "start": "2026-13-40"}) == audit.AuditFilter()


def test_revoking_an_api_token_is_recorded_once(db, make_user):
    """api_token.revoke names the admin, the token and its owner; revoking again records nothing."""
    from qa_app.models import ApiToken
    from qa_app.services import api_tokens

    admin = make_user("admin", team=None)
    owner = make_user("supervisor")
    token, _ = ApiToken.issue(owner, "raportit")
    db.session.add(token)
    db.session.commit()
    api_tokens.revoke_token(token.id, actor=admin)
    api_tokens.revoke_token(token.id, actor=admin)
    db.session.commit()
    [event] = _events("api_token.revoke")
    assert event.actor_id == admin.id and event.details == {"name": "raportit", "owner": owner.email}


def test_issuing_an_api_token_is_recorded_by_every_path(db, make_user, runner):
    """The service (which the admin page calls) and `kohtaamo tokens create` record api_token.create, never the token."""
    from qa_app.services import api_tokens

    admin = make_user("admin", team=None)
    owner = make_user("trainer")
    token, plain = api_tokens.issue_token(owner, "skripti", actor=admin)
    db.session.commit()
    result = runner.invoke(args=["tokens", "create", owner.email, "--name", "yöajo"])
    assert result.exit_code == 0, result.output
    events = _events("api_token.create")
    assert [(e.actor_id, e.details["name"], e.details["owner"]) for e in events] == [
        (admin.id, "skripti", owner.email), (None, "yöajo", owner.email)]
    assert events[0].object_id == str(token.id) and events[1].via == "cli"
    assert all(plain not in e.details_json and result.output.strip() not in e.details_json for e in events)


def test_a_change_whose_event_cannot_be_stored_is_not_stored_either(reviewed, db, monkeypatch):
    """The event is written in the change's transaction: when the audit insert fails (here the
    database refuses the row), the revision is rolled back with it."""
    from sqlalchemy import func
    from sqlalchemy.exc import IntegrityError

    from qa_app.models import ReviewRevision

    review, sup, _ = reviewed
    original = audit.record

    def unstorable(*args, **kwargs):
        event = original(*args, **kwargs)
        event.action = None  # NOT NULL: the flush at commit fails
        return event

    monkeypatch.setattr(audit, "record", unstorable)
    with pytest.raises(IntegrityError):
        review_service.revise_review(review, sup, full_scores(clarity=C(40, override_reason="Long")), "Again")
    db.session.rollback()
    assert db.session.scalar(select(func.count(ReviewRevision.id))) == 1
    assert _events("review.revise") == []


def test_the_page_shows_figures_to_two_decimals_and_containers_as_json():
    from qa_app.services.audit import shown_value

    assert shown_value(78.11111111111111) == "78.11"
    assert shown_value({"empathy": {"auto": 59.0, "score": 39.0123}}) == '{"empathy": {"auto": 59.0, "score": 39.01}}'
    assert shown_value(["ä", 1.005]) == '["ä", 1.0]'
    assert shown_value("=HYPERLINK(x)") == "=HYPERLINK(x)"  # text as it is; the template escapes it
    assert shown_value(3) == "3" and shown_value(True) == "True"
