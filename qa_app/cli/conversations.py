"""`kohtaamo import FILE` and `kohtaamo export conversations`: conversation files in and out."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..imports import ImportFileError
from ..services import conversations as conversation_service

EXIT_BAD_INPUT = 2


def _source(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return conversation_service.check_source(value)
    except conversation_service.ConversationInputError as error:
        raise click.BadParameter(str(error)) from error


@click.command("import", short_help="Import conversations from a CSV or JSON Lines file.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "file_format", type=click.Choice(["auto", "csv", "jsonl"]), default="auto",
              show_default=True, help="File format; auto goes by the file name, then the content.")
@click.option("--source", default=conversation_service.DEFAULT_SOURCE, show_default=True, callback=_source,
              help="Name of the system the file came from; (source, id) identifies a conversation.")
@click.option("--report", "report_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@with_appcontext
@click.pass_context
def import_command(ctx: click.Context, file: Path, file_format: str, source: str, report_format: str) -> None:
    """Import the conversations in FILE (CSV or JSON Lines), redacting personal data.

    Conversations already imported from the same source are counted as duplicates, not added.
    Each invalid conversation is reported on stderr as FILE:LINE: reason and the rest import.
    Exit code 0 when the file could be read, 2 when it cannot be read at all.
    """
    try:
        report = conversation_service.import_file(file, file_format, source)
    except ImportFileError as error:
        click.echo(f"kohtaamo import: {error}", err=True)
        ctx.exit(EXIT_BAD_INPUT)
    for rejection in report.rejected:
        click.echo(f"{file}:{rejection.line}: {rejection.reason}", err=True)
    if report_format == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        click.echo(_text_report(report, source))
    _prescore(source, verbose=report_format == "text")


def _prescore(source: str, verbose: bool) -> None:
    """Pre-score the source's unscored conversations (inline or queued, as KOHTAAMO_JOBS says).

    The import's report and exit code stay as they are; progress goes to stderr for text reports
    only, and a failed AutoQA run is one line on stderr (the conversations stay imported).
    """
    from ..services import autoqa, jobs

    ids = autoqa.unscored_ids(source)
    if not ids:
        return
    if verbose:
        click.echo(f"AutoQA: pre-scoring {len(ids)} conversations", err=True)
    job = jobs.get_job(jobs.start_autoqa(ids, None).id)
    if job.status == "failed":
        click.echo(f"kohtaamo import: AutoQA failed: {job.error}", err=True)
    elif verbose and job.params.get("mode") == "redis":
        click.echo(f"AutoQA: queued as job {job.id} ({len(job.chunks)} chunks) for the workers", err=True)
    elif verbose:
        click.echo(f"AutoQA: pre-scored {job.done} conversations", err=True)


def _text_report(report: conversation_service.ImportReport, source: str) -> str:
    redacted = ", ".join(f"{count} {kind}" for kind, count in report.redacted.to_dict().items())
    return "\n".join((
        f"imported: {report.imported} conversations (source {source})",
        f"duplicates (already imported): {report.duplicates}",
        f"rejected: {len(report.rejected)}" + (" (listed on stderr)" if report.rejected else ""),
        f"redacted: {redacted}",
    ))


@click.group("export")
def export_group() -> None:
    """Export stored data."""


@export_group.command("conversations", short_help="Print every conversation as JSON Lines.")
@click.option("--format", "export_format", type=click.Choice(conversation_service.EXPORT_FORMATS), default="jsonl",
              show_default=True)
@click.option("--output", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="File to write (default: stdout).")
@with_appcontext
def export_conversations(export_format: str, output) -> None:
    """Print every conversation as one JSON object per line, in the import format.

    Each line also has "autoqa": {"overall": number|null, "criteria": {ID: number|null}} and
    "reviews": [{"reviewer": email, "overall": number, "criteria": {ID: number|null}}].
    Importing the output again adds nothing.
    """
    from ..extensions import db
    from ..services import audit

    count = conversation_service.export_conversations(output, export_format)
    audit.record("export.conversations", details={"format": export_format, "conversations": count})
    db.session.commit()


def register(cli: click.Group) -> None:
    for command in (import_command, export_group):
        cli.add_command(command)
