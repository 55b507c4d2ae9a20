"""`kohtaamo users|teams|tokens|demo`: set up people and demo data from the shell."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from ..extensions import db
from ..models import ROLES, User
from ..services import api_tokens, demo_reviews
from ..services import demo as demo_service
from ..services import users as user_service


def _fail(message: str) -> None:
    """Stop with exit code 2 and one line on stderr (bad input)."""
    click.echo(f"kohtaamo: {message}", err=True)
    raise click.exceptions.Exit(2)


@click.group("users")
def users_group() -> None:
    """Create and list users."""


@users_group.command("add")
@click.argument("email")
@click.option("--name", default="", help="Display name (default: the email).")
@click.option("--role", type=click.Choice(ROLES), default="learner", show_default=True)
@click.option("--team", "team_name", default=None, help="Team name; created when it does not exist.")
@click.option("--password", default=None,
              help="At least 12 characters, not a common one nor the name or e-mail; generated and printed when omitted.")
@click.option("--agent-id", default=None, help="The agent id their imported conversations carry.")
@with_appcontext
def add_user(email: str, name: str, role: str, team_name: str | None, password: str | None,
             agent_id: str | None) -> None:
    """Create a user."""
    try:
        user, plain = user_service.create_user(email, name, role, password, team_name, agent_id=agent_id)
    except user_service.UserInputError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"created {user.role} {user.email}" + ("" if password else f" with password {plain}"))


@users_group.command("list")
@with_appcontext
def list_users() -> None:
    """List users with role and team."""
    for user in user_service.list_users():
        click.echo(f"{user.email}\t{user.role}\t{user.team.name if user.team else '-'}\t{user.name}")


@users_group.command("set-password")
@click.argument("email")
@click.option("--password", default=None,
              help="At least 12 characters, not a common one nor the name or e-mail; generated and printed when omitted.")
@with_appcontext
def set_password(email: str, password: str | None) -> None:
    """Set a new password for a user (e.g. a demo user whose password was lost)."""
    try:
        plain = user_service.set_password(email, password)
    except user_service.UserInputError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"password set for {email}" + ("" if password else f": {plain}"))


@users_group.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLES))
@with_appcontext
def set_role(email: str, role: str) -> None:
    """Give a user another role (recorded in the audit log)."""
    try:
        user = user_service.set_role(email, role)
    except user_service.UserInputError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"{user.email} is now {user.role}")


@users_group.command("set-agent-id")
@click.argument("email")
@click.argument("agent_id")
@with_appcontext
def set_agent_id(email: str, agent_id: str) -> None:
    """Link a user to the agent id their imported conversations carry."""
    try:
        user = user_service.set_agent_id(email, agent_id)
    except user_service.UserInputError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"agent id {user.agent_id} set for {user.email}")


@click.group("teams")
def teams_group() -> None:
    """Create teams."""


@teams_group.command("add")
@click.argument("name")
@with_appcontext
def add_team(name: str) -> None:
    """Create a team (harmless when it exists)."""
    try:
        team = user_service.get_or_create_team(name)
    except user_service.UserInputError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"team {team.name}")


@click.group("tokens")
def tokens_group() -> None:
    """Issue API tokens."""


@tokens_group.command("create")
@click.argument("email")
@click.option("--name", "token_name", default="cli", show_default=True)
@with_appcontext
def create_token(email: str, token_name: str) -> None:
    """Create an API token for a user and print it once."""
    user = user_service.find_user(email)
    if user is None:
        _fail(f"no user with email '{email}'")
    _token, plain = api_tokens.issue_token(user, token_name)
    db.session.commit()
    click.echo(plain)


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
@click.option("--conversations", "conversation_count", type=click.IntRange(0, 5000),
              default=demo_reviews.DEMO_CONVERSATIONS, show_default=True,
              help="Generated conversations to import, pre-score and partly review (0: none).")
@with_appcontext
def demo(if_empty: bool, conversation_count: int) -> None:
    """Load demo users, a team, practice assignments and reviewed conversations; print the passwords once.

    First publishes the starter scenarios and rubrics that the database does not have yet.
    """
    _sync_starter_content()
    if if_empty and db.session.scalar(select(func.count(User.id))):
        click.echo(
            "Demo data already present. Lost a password? "
            "Run: .venv/bin/kohtaamo users set-password oppija@example.com"
        )
        return
    started = time.perf_counter()
    try:
        created = demo_service.load_demo(conversations=conversation_count)
    except demo_service.DemoAlreadyLoaded as error:
        _fail(str(error))
    if conversation_count:
        summary = demo_reviews.demo_summary()
        click.echo(
            f"Demo conversations: {summary.conversations} imported ({summary.flagged} spam or system), "
            f"{summary.scored} pre-scored by AutoQA, {summary.reviews} reviewed, "
            f"{summary.open_disputes} open dispute(s), {summary.open_assignments} in the review queue "
            f"({time.perf_counter() - started:.1f} s)."
        )
    token = demo_service.issue_demo_tokens() if conversation_count else None
    db.session.commit()
    click.echo("Demo users (passwords are shown only now):")
    for user, password in created:
        click.echo(f"  {user.role:<10} {user.email:<28} {password}")
    if token:
        click.echo(f"Demo API token of admin@example.com (shown only now): {token}")
    click.echo("Open http://127.0.0.1:5000 and log in.")


def _sync_starter_content() -> None:
    from pathlib import Path

    from flask import current_app

    from ..content import ContentError
    from ..services import content_store, content_versions

    try:
        outcomes = content_versions.import_starter(Path(current_app.config["CONTENT_DIR"]))
    except ContentError as error:
        db.session.rollback()
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo("kohtaamo demo: the starter content cannot be published; see above", err=True)
        raise click.exceptions.Exit(1) from error
    db.session.commit()
    content_store.refresh_library()
    published = sum(outcome.action != content_versions.UNCHANGED for outcome in outcomes)
    if published:
        click.echo(f"Starter content: {published} version(s) published.")


def register(cli: click.Group) -> None:
    for command in (users_group, teams_group, tokens_group, demo):
        cli.add_command(command)
