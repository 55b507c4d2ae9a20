"""`kohtaamo validate` and `kohtaamo content list`: check and list scenario/rubric content.

Neither command needs the app or the database.
"""

from __future__ import annotations

from pathlib import Path

import click

from qa_app.content import ContentError, default_content_dirs, load_library
from qa_app.content.library import validate_paths_checked
from qa_app.content.text import plural


def register(cli: click.Group) -> None:
    """Add this module's commands to the `kohtaamo` group."""
    cli.command("validate", with_appcontext=False)(validate_command)
    content_group = cli.group("content", help="Inspect scenarios and rubrics.")(_content)
    content_group.command("list", with_appcontext=False)(list_command)


def _content() -> None:
    """Inspect scenarios and rubrics."""


@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def validate_command(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check scenario and rubric YAML files (default: the project's scenarios/ and rubrics/).

    Prints each problem as FILE:LINE: FIELD: MESSAGE and exits 1 if there are any.
    """
    missing = [path for path in paths if not path.exists()]
    if missing:
        click.echo(f"kohtaamo validate: no such file or directory: {missing[0]}", err=True)
        ctx.exit(2)
    dirs = default_content_dirs()
    targets = paths or tuple(path for path in (*dirs.scenarios, *dirs.rubrics) if path.exists())
    checked = validate_paths_checked(targets, dirs.rubrics)
    for problem in checked.problems:
        click.echo(str(problem))
    if checked.problems:
        files = len(checked.files_with_problems)
        click.echo(
            f"{plural(len(checked.problems), 'problem')} in {plural(files, 'file')}", err=True
        )
        ctx.exit(1)
    counts = (
        f"{plural(len(checked.scenarios), 'scenario')}, {plural(len(checked.rubrics), 'rubric')}"
    )
    click.echo(f"OK: {counts}", err=True)


@click.pass_context
def list_command(ctx: click.Context) -> None:
    """List the scenarios: id, version, language, channel and title."""
    try:
        library = load_library(*default_content_dirs())
    except ContentError as exc:
        found = plural(len(exc.problems) or 1, "content problem")
        click.echo(f"kohtaamo content list: {found}; run `kohtaamo validate`", err=True)
        ctx.exit(1)
    rows = [("ID", "VERSION", "LANG", "CHANNEL", "TITLE")]
    rows += [(s.id, str(s.version), s.language, s.channel, s.title()) for s in library.scenarios()]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        click.echo("  ".join([*cells, row[4]]))
