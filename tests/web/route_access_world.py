"""The people and records tests/web/test_route_access.py visits every route with, built once.

Everything belongs to Tiimi A: the agent's attempts and conversations, the Tiimi A supervisor's
review, rule, job and calibration sessions, the trainer's draft, an assignment to the team. The
Tiimi B supervisor is the "supervisor of another team" for every object-level check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from qa_app.extensions import db
from qa_app.models import ApiToken, Assignment, BackgroundJob, User
from qa_app.services import calibration, content_versions, practice
from qa_app.services import review as review_service
from qa_app.services.authoring import drafts
from qa_app.services.demo_reviews import judgement
from qa_app.services.users import create_user
from tests.conftest import TEST_PASSWORD
from tests.review_factory import START, agent_for, autoqa, conversation

ROOT = Path(__file__).resolve().parents[2]
ROLES = ("anonymous", "learner", "agent", "supervisor", "other_supervisor", "trainer", "admin")
SCENARIO = "vaara-alennuslupaus"
FINISHED_SCENARIO = "jonotusmaksu"
RUBRIC = "supervisor-scorecard"
# Names no page prints by itself, so a page that shows one shows that person's records.
NAMES = {"learner": "Lauri Lähde", "agent": "Aino Asiakaspalvelija", "supervisor": "Sanna Esihenkilö",
         "other_supervisor": "Olli Toinentiimi", "trainer": "Tiina Kouluttaja", "admin": "Aatu Ylläpitäjä",
         "co_supervisor": "Kaisa Kalibroija"}
RULE_NAME = "Tiimi A:n matalimmat"
SESSION_TITLES = ("Tiimi A:n avoin kalibrointi", "Tiimi A:n suljettu kalibrointi", "Tiimi A:n pisteytetty kalibrointi")


@dataclass
class World:
    users: dict[str, User] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)


def _people(world: World) -> None:
    made = {
        "learner": ("learner", "Tiimi A"), "agent": ("learner", "Tiimi A"),
        "supervisor": ("supervisor", "Tiimi A"), "other_supervisor": ("supervisor", "Tiimi B"),
        "trainer": ("trainer", "Tiimi A"), "admin": ("admin", None),
        "co_supervisor": ("supervisor", "Tiimi A"),  # the second rater of the calibration sessions
    }
    for key, (role, team) in made.items():
        user, _ = create_user(f"{key}@example.com", NAMES[key], role, TEST_PASSWORD, team)
        world.users[key] = user
    db.session.commit()


def _practice(world: World) -> None:
    agent = world.users["agent"]
    world.ids["attempt_open"] = practice.start_attempt(agent, SCENARIO, "fi").id
    done = practice.start_attempt(agent, FINISHED_SCENARIO, "fi")
    practice.finish(done, practice.COMPLETED)
    world.ids["attempt_done"] = done.id
    assignment = Assignment(team_id=agent.team_id, scenario_id=SCENARIO, assigned_by_id=world.users["trainer"].id)
    db.session.add(assignment)
    db.session.commit()
    world.ids["assignment"] = assignment.id
    draft = drafts.start_draft("scenario", SCENARIO, world.users["trainer"])
    db.session.commit()
    world.ids["draft"] = draft.id


def _review(world: World) -> None:
    agent, supervisor = world.users["agent"], world.users["supervisor"]
    convs = []
    for n in range(5):
        conv = conversation(agent_for(agent), f"access-{n}", at=START + timedelta(hours=n))
        autoqa(conv, overall=50.0 + n, grade_messages=n == 0)
        convs.append(conv)
    world.ids["conversation"] = convs[0].id
    review = review_service.submit_review(convs[0], supervisor, judgement(review_service.scorecard_for(convs[0]), convs[0]),
                                          comment="Hyvä.")
    world.ids["review"] = review.id
    criterion = next(iter(review.current.scores))
    world.ids["dispute"] = review_service.raise_dispute(review, agent, criterion, "En ole samaa mieltä.").id
    world.ids["review_draft_conversation"] = convs[1].id
    review_service.save_draft(convs[1], supervisor, {"comment": "kesken"}, None)
    rule = review_service.create_rule(supervisor, review_service.RuleInput(
        name=RULE_NAME, kind="lowest_autoqa", count=5, seed=1))
    world.ids["rule"] = rule.id
    review_service.apply_rules(supervisor, [rule])
    job = BackgroundJob(kind="import", status="finished", created_by_id=supervisor.id)
    token, _plain = ApiToken.issue(supervisor, "Tiimi A:n raportit")
    db.session.add_all([job, token])
    db.session.commit()
    world.ids["job"], world.ids["token"] = job.id, token.id
    _calibration(world, convs[1:3], convs[3:5])


def _blind_scores(session) -> dict[str, review_service.CriterionInput]:
    """A rater's blind scorecard: 80 on every criterion."""
    spec = calibration.blind_spec(calibration.session_rubric(session).spec_in("fi"))
    return {criterion.id: review_service.CriterionInput(score=80.0) for criterion in spec.criteria}


def _calibration(world: World, open_convs, closed_convs) -> None:
    supervisor, co_supervisor = world.users["supervisor"], world.users["co_supervisor"]
    for key, convs, title in (("session_open", open_convs, SESSION_TITLES[0]),
                              ("session_closed", closed_convs, SESSION_TITLES[1]),
                              ("session_scored", closed_convs, SESSION_TITLES[2])):
        made = calibration.create_session(supervisor, calibration.SessionInput(
            title=title, participant_ids=(supervisor.id, co_supervisor.id), source="queue",
            conversation_ids=tuple(c.id for c in convs)))
        world.ids[key] = made.id
        world.ids[f"{key}_item"] = made.items[0].id
    closed = db.session.get(type(made), world.ids["session_closed"])
    for item, rater in ((item, rater) for item in closed.items for rater in (supervisor, co_supervisor)):
        calibration.submit_score(closed, item, rater, _blind_scores(closed))
    calibration.close_session(closed, supervisor)
    scored = db.session.get(type(made), world.ids["session_scored"])  # open; the owner has scored it all
    for item in scored.items:
        calibration.submit_score(scored, item, supervisor, _blind_scores(scored))
    db.session.commit()


def build_world() -> World:
    """Store the starter library, the people and every record a route names by id."""
    content_versions.import_starter(ROOT)
    db.session.commit()
    world = World()
    _people(world)
    _practice(world)
    _review(world)
    return world


def _user(email_key: str) -> User:
    return db.session.scalars(db.select(User).where(User.email == f"{email_key}@example.com")).one()


def fresh_rubric_draft() -> int:
    """A rubric draft to discard (the trainer's discard removes it; the admin gets a new one)."""
    draft = drafts.start_draft("rubric", RUBRIC, _user("trainer"))
    db.session.commit()
    return draft.id


def fresh_open_session() -> int:
    """An open calibration session to close, on the conversations the open session has."""
    supervisor = _user("supervisor")
    queued = [item.conversation.id for item in review_service.queue_for(supervisor)][:2]
    made = calibration.create_session(supervisor, calibration.SessionInput(
        title="suljettava", participant_ids=(supervisor.id, _user("co_supervisor").id), source="queue",
        conversation_ids=tuple(queued)))
    db.session.commit()
    return made.id


FRESH = {"rubric_draft": fresh_rubric_draft, "open_session": fresh_open_session}
