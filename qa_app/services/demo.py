"""Demo data so that a new user can log in and look around at once: users of every role, practice
assignments, and about 200 generated customer conversations imported, pre-scored by AutoQA and
partly reviewed (a revision, an acknowledgement, an open dispute), with a sampling rule's queue."""

from __future__ import annotations

from datetime import date, timedelta

from ..extensions import db
from ..models import Assignment, Team, User
from ..models.user import utcnow
from . import api_tokens, content_store
from . import users as user_service
from .demo_calibration import load_demo_calibration
from .demo_practice import play_demo_attempts
from .demo_reviews import DEMO_CONVERSATIONS, load_demo_conversations
from .demo_reviews import DEMO_SUPERVISOR as DEMO_CALIBRATION_OWNER
from .passwords import generate_password

DEMO_TEAM = "Asiakaspalvelu Helsinki"
DEMO_USERS = (
    ("oppija@example.com", "Olli Oppija", "learner"),
    ("learner2@example.com", "Lea Learner", "learner"),
    ("esihenkilo@example.com", "Sanna Esihenkilö", "supervisor"),
    ("kouluttaja@example.com", "Kalle Kouluttaja", "trainer"),
    ("admin@example.com", "Aino Admin", "admin"),
    # Agents of the demo team whose conversations are imported (see demo_reviews.py).
    ("mikko.nieminen@example.com", "Mikko Nieminen", "learner"),
    ("jenni.laine@example.com", "Jenni Laine", "learner"),
    ("sami.heikkinen@example.com", "Sami Heikkinen", "learner"),
)
# Jenni's conversations name her by the agent id of the contact-centre system, not her e-mail.
DEMO_AGENT_IDS = {"jenni.laine@example.com": "a17"}
DEMO_TRAINER = "kouluttaja@example.com"
# Starter scenarios assigned to the demo team: due date in days from today, minimum score.
DEMO_ASSIGNMENTS = (
    ("jonotusmaksu", 3, 75),
    ("facebook-valitus", 7, None),
    ("sarcastic-refund", 14, 60),
)
# One scenario assigned to a single learner: (e-mail, scenario, due in days, minimum score).
DEMO_PERSONAL_ASSIGNMENT = ("learner2@example.com", "vaara-alennuslupaus", 10, 75)
# The assignments were made this many days ago (the demo's practice attempts come after).
DEMO_ASSIGNED_DAYS_AGO = 6
# (owner, name, created days ago, last used days ago, revoked): one token in use, one revoked
DEMO_TOKENS = (
    ("admin@example.com", "Raportointiskripti", 20, 1, False),
    ("admin@example.com", "Vanha kannettava", 90, 45, True),
)


class DemoAlreadyLoaded(ValueError):
    """The demo users exist already."""


def load_demo(password: str | None = None, conversations: int = DEMO_CONVERSATIONS) -> list[tuple[User, str]]:
    """Create the demo team, its users and assignments, then `conversations` reviewed conversations.

    Returns the users with their passwords (shown once). `conversations=0` loads users only.
    """
    if user_service.find_user(DEMO_USERS[0][0]) is not None:
        raise DemoAlreadyLoaded("demo data is already loaded (demo users exist)")
    created = []
    for email, name, role in DEMO_USERS:
        plain = password or generate_password(email, name, prefix="demo-")
        user, plain = user_service.create_user(email, name, role, plain, DEMO_TEAM, locale=None,
                                               agent_id=DEMO_AGENT_IDS.get(email))
        created.append((user, plain))
    trainer = next(user for user, _ in created if user.email == DEMO_TRAINER)
    assign_starter_scenarios(user_service.get_or_create_team(DEMO_TEAM), trainer)
    db.session.commit()
    if conversations:
        play_demo_attempts([user for user, _ in created])
        load_demo_conversations([user for user, _ in created], conversations)
        supervisor = next(user for user, _ in created if user.email == DEMO_CALIBRATION_OWNER)
        created.extend(load_demo_calibration(DEMO_TEAM, supervisor, password))
    return created


def assign_starter_scenarios(team: Team, trainer: User) -> list[Assignment]:
    """Assign the demo's starter scenarios to `team`, and one to a single learner, skipping any
    the library no longer has."""
    known = content_store.library().scenarios_by_id
    today = date.today()
    made_at = utcnow() - timedelta(days=DEMO_ASSIGNED_DAYS_AGO)
    assignments = [
        Assignment(
            team_id=team.id,
            scenario_id=scenario_id,
            due_date=today + timedelta(days=days),
            min_score=min_score,
            assigned_by_id=trainer.id,
            created_at=made_at,
        )
        for scenario_id, days, min_score in DEMO_ASSIGNMENTS
        if scenario_id in known
    ]
    email, scenario_id, days, min_score = DEMO_PERSONAL_ASSIGNMENT
    learner = user_service.find_user(email)
    if learner is not None and scenario_id in known:
        assignments.append(
            Assignment(
                user_id=learner.id,
                scenario_id=scenario_id,
                due_date=today + timedelta(days=days),
                min_score=min_score,
                note="Muista kertoa oikea kampanja ja hyvitys.",
                assigned_by_id=trainer.id,
                created_at=made_at,
            )
        )
    db.session.add_all(assignments)
    return assignments


def issue_demo_tokens() -> str | None:
    """Give the admin's token page something to show: one API token in use and one revoked.

    Returns the plain text of the token in use (shown once, so the demo can try the API), or None
    when the owner does not exist. The caller commits.
    """
    shown = None
    for email, name, created_days, used_days, revoked in DEMO_TOKENS:
        owner = user_service.find_user(email)
        if owner is None:
            return None
        token, plain = api_tokens.issue_token(owner, name)
        token.created_at = utcnow() - timedelta(days=created_days)
        token.last_used_at = utcnow() - timedelta(days=used_days)
        if revoked:
            api_tokens.revoke_token(token.id)
        else:
            shown = plain
    return shown
