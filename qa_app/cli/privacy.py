"""`kohtaamo retention` and `kohtaamo erase`: anonymise personal data (services/retention.py)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

EXIT_BAD_INPUT = 2


def _fail(command: str, message: str) -> None:
    click.echo(f"kohtaamo {command}: {message}", err=True)
    raise click.exceptions.Exit(EXIT_BAD_INPUT)


def _report(counts, dry_run: bool) -> None:
    prefix = "would anonymise" if dry_run else "anonymised"
    click.echo(f"{prefix}: " + ", ".join(f"{value} {name.replace('_', ' ')}" for name, value in counts.to_dict().items()))


@click.command("retention", short_help="Anonymise conversations older than KOHTAAMO_RETENTION_DAYS.")
@click.option("--days", type=click.IntRange(min=1), default=None,
              help="Keep this many days instead of KOHTAAMO_RETENTION_DAYS.")
@click.option("--dry-run", is_flag=True, help="Count what would change; change nothing.")
@with_appcontext
def retention_command(days: int | None, dry_run: bool) -> None:
    """Anonymise the conversations that started more than N days ago: customer identifier,
    subject, message texts and the free text written about them go; scores stay. Each run is
    recorded in the audit log with its counts. Workers run it daily by themselves when
    KOHTAAMO_RETENTION_DAYS is set. Exit code 2 when no number of days is set or given.
    """
    from ..config import config_int
    from ..services import retention

    days = days or config_int(current_app.config, "RETENTION_DAYS", 1)
    if days is None:
        _fail("retention", "no retention period: set KOHTAAMO_RETENTION_DAYS or give --days")
    counts = retention.run_retention(days, dry_run=dry_run)
    click.echo(f"retention {days} days{' (dry run)' if dry_run else ''}")
    _report(counts, dry_run)


@click.command("erase", short_help="Erase one customer's or agent's personal data.")
@click.option("--customer", default=None, help="The customer identifier the conversations carry (any letter case).")
@click.option("--agent", default=None, help="The agent id or e-mail the conversations carry.")
@click.option("--dry-run", is_flag=True, help="Count what would change; change nothing.")
@with_appcontext
def erase_command(customer: str | None, agent: str | None, dry_run: bool) -> None:
    """Anonymise a person's data across conversations, messages and reviews' free text, print the
    counts and record the erasure in the audit log (with a keyed hash, never the identifier).
    Give exactly one of --customer and --agent. Exit code 2 for misuse or an unknown agent.
    """
    from ..services import retention

    if (customer is None) == (agent is None):
        _fail("erase", "give exactly one of --customer IDENTIFIER and --agent ID_OR_EMAIL")
    key = current_app.config["SECRET_KEY"]
    try:
        if customer is not None:
            counts = retention.erase_customer(customer, key, dry_run=dry_run)
        else:
            counts = retention.erase_agent(agent or "", key, dry_run=dry_run)
    except retention.ErasureInputError as error:
        _fail("erase", str(error))
    _report(counts, dry_run)


def register(cli: click.Group) -> None:
    for command in (retention_command, erase_command):
        cli.add_command(command)
