"""/admin/audit: admins only, newest first, filters, pages, an audited formula-safe CSV export."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from qa_app.models import AuditEvent
from qa_app.services import audit

EN = {"Accept-Language": "en"}


@pytest.fixture()
def admin(make_user, login):
    user = make_user("admin", team=None, email="paa@example.com")
    login(user)
    return user


@pytest.mark.parametrize("role", ["learner", "supervisor", "trainer"])
def test_only_admins_see_the_log(client, make_user, login, role):
    """Other roles get 403 on the page and the export; the nav link is not shown to them."""
    login(make_user(role))
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/audit.csv").status_code == 403
    assert "/admin/audit" not in client.get("/", headers=EN, follow_redirects=True).get_data(as_text=True)


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get("/admin/audit")
    assert response.status_code in (302, 401) and "/auth/login" in response.headers.get("Location", "/auth/login")


def test_newest_first_with_filters_and_pages(client, db, admin):
    """Events list newest first in pages of 50; the action filter keeps the page's query."""
    for minute in range(55):
        audit.record("export.quality", admin, at=datetime(2030, 1, 1, 10, minute))
    audit.record("export.all", None, at=datetime(2030, 1, 2, 9), details={"file": "x.gz"})
    db.session.commit()
    page = client.get("/admin/audit", headers=EN).get_data(as_text=True)
    assert 'aria-current="page">Audit log' in page
    first_rows = page.split('data-event-id="')[1:3]
    assert "Full backup exported" in first_rows[0] and "System" in first_rows[0]
    assert "Page 1 of 2" in page
    filtered = client.get("/admin/audit?action=export.quality&page=2", headers=EN).get_data(as_text=True)
    assert filtered.count('data-event-id="') == 5 and "55 events" in filtered
    assert "Full backup exported<br>" not in filtered
    assert 'href="/admin/audit?page=1&amp;action=export.quality" rel="prev"' in filtered
    by_day = client.get("/admin/audit?start=2030-01-02&end=2030-01-02", headers=EN).get_data(as_text=True)
    assert by_day.count('data-event-id="') == 1


def test_empty_states(client, db, admin):
    """No matches: say so and offer to clear the filters; an unknown action filters nothing."""
    page = client.get("/admin/audit?actor=nobody-at-all", headers=EN).get_data(as_text=True)
    assert "No events match these filters" in page and "Clear filters" in page
    for query in ("action=<script>", "page=abc", "page=-3", "page=99999999999999999999", "start=2030-02-31",
                  "actor=" + "x" * 5000):
        response = client.get(f"/admin/audit?{query}", headers=EN)
        assert response.status_code == 200, query
        assert "<script>" not in response.get_data(as_text=True).split("<main", 1)[-1]


def test_finnish_page(client, db, admin):
    page = client.get("/admin/audit", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert "Tapahtumaloki" in page and "Kaikki toiminnot" in page and "Käyttäjä luotu" in page


def test_export_is_formula_safe_and_itself_audited(client, db, admin):
    """A reason that starts a formula is defused; the export is recorded before it is written,
    so the file's first row (newest) is the export itself, with the admin and the request."""
    audit.record("review.revise", admin, reason="=HYPERLINK(\"http://evil\")", details={"revision": 2})
    db.session.commit()
    response = client.get("/admin/audit.csv", headers={"X-Request-ID": "req-audit-1", **EN})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    lines = body.lstrip("\ufeff").splitlines()
    assert lines[0].startswith('"id","at"')
    assert '"export.audit"' in lines[1] and "req-audit-1" in lines[1]
    assert "'=HYPERLINK" in body and ',"=HYPERLINK' not in body
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export.audit")).one()
    assert (event.actor_id, event.via, event.request_id) == (admin.id, "web", "req-audit-1")
    assert event.address == "127.0.0.1"


def test_a_web_action_records_where_it_came_from(client, db, admin):
    """Creating a user on /admin/users records the admin, the channel and the request id."""
    response = client.post("/admin/users", data={"user-email": "uusi@example.com", "user-name": "Uusi",
                                                 "user-role": "learner", "user-team": ""},
                           headers={"X-Request-ID": "req-create-1"})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "user.create",
                                                        AuditEvent.actor_id == admin.id)).one()
    assert (event.via, event.request_id, event.details["email"]) == ("web", "req-create-1", "uusi@example.com")


def test_anonymised_conversations_and_reviews_still_open(client, make_user, login, db):
    """After erasure the review page and the review show the placeholder, with AutoQA's grades
    (findings without their quotes) and the scores still there."""
    from qa_app.services import retention
    from qa_app.services import review as review_service
    from qa_app.services.review import CriterionInput as C
    from tests.db.test_review_service import full_scores
    from tests.review_factory import agent_for, autoqa, conversation

    sup = make_user("supervisor", team="A")
    conv = conversation(agent_for(make_user("learner", team="A")), customer="cust-9")
    autoqa(conv)
    review = review_service.submit_review(conv, sup, full_scores(grammar=C(50, override_reason="Typos")),
                                          comment="Asiakas oli tyytymätön")
    retention.erase_customer("cust-9", "key")
    login(sup)
    page = client.get(f"/review/conversations/{conv.id}", headers=EN)
    assert page.status_code == 200 and retention.ERASED in page.get_data(as_text=True)
    shown = client.get(f"/review/reviews/{review.id}", headers=EN)
    body = shown.get_data(as_text=True)
    assert shown.status_code == 200 and "tyytymätön" not in body and "Typos" not in body


def test_an_upload_is_recorded_for_the_supervisor_who_made_it(client, make_user, login, db):
    """The import job runs for the uploader: conversations.import names them and the counts."""
    from tests.web.test_review_import import upload

    supervisor = make_user("supervisor")
    login(supervisor)
    assert upload(client).status_code == 200
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "conversations.import")).one()
    assert event.actor_id == supervisor.id and event.object_id == "chats.jsonl" and event.details["imported"] >= 1
