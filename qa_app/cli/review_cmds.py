"""`kohtaamo review apply-rules` and `kohtaamo review queue`: fill and read review queues from a shell."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from ..extensions import db
from ..models import User
from ..services import review as review_service

EXIT_BAD_INPUT = 2


def _user(ctx: click.Context, email: str) -> User:
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None or not user.can_review():
        click.echo(f"kohtaamo review: no supervisor or admin with the e-mail {email!r}", err=True)
        ctx.exit(EXIT_BAD_INPUT)
    return user  # type: ignore[return-value]


@click.group("review", short_help="Review queues: apply sampling rules, show done and remaining.")
def review_group() -> None:
    """Work with the review queues as a supervisor or admin (--as EMAIL)."""


@review_group.command("apply-rules")
@click.option("--as", "email", required=True, help="The supervisor or admin whose active rules are applied.")
@with_appcontext
@click.pass_context
def apply_rules_command(ctx: click.Context, email: str) -> None:
    """Apply the user's active sampling rules, as the queue page's button does; print what was added."""
    user = _user(ctx, email)
    report = review_service.apply_rules(user)
    rules = {rule.id: rule for rule in review_service.rules_for(user)}
    for rule_id, created in report.created.items():
        click.echo(f"{rules[rule_id].name}: {created} added")
    click.echo(f"{report.total} conversations added to review queues")


@review_group.command("queue")
@click.option("--as", "email", required=True, help="The supervisor or admin whose queues are shown.")
@with_appcontext
@click.pass_context
def queue_command(ctx: click.Context, email: str) -> None:
    """Print done and remaining assignments per reviewer and rule."""
    user = _user(ctx, email)
    rows = review_service.queue_counts(user)
    if not rows:
        click.echo("nothing assigned")
    for row in rows:
        rule = row.rule.name if row.rule else "assigned by hand"
        click.echo(f"{row.reviewer.email}\t{rule}\tdone {row.done}\tremaining {row.remaining}")


def register(cli: click.Group) -> None:
    cli.add_command(review_group)
