"""`kohtaamo validate`, `kohtaamo content list|import|export|sync-starter`: scenario/rubric content.

`validate` needs neither the app nor the database (it reads the files); `list` shows what the
app grades with; `import`, `export` and `sync-starter` move content between YAML files and the
database, where the published versions the app grades with live. They import the database layer only when run.
"""

from __future__ import annotations

from pathlib import Path

import click

from qa_app.content import ContentError, default_content_dirs
from qa_app.content.library import validate_paths_checked
from qa_app.content.text import plural


def register(cli: click.Group) -> None:
    """Add this module's commands to the `kohtaamo` group."""
    cli.command("validate", with_appcontext=False)(validate_command)
    content_group = cli.group("content", help="Inspect scenarios and rubrics; import and export them as YAML.")(_content)
    content_group.command("list")(list_command)
    content_group.command("import")(import_command)
    content_group.command("export")(export_command)
    content_group.command("sync-starter")(sync_starter_command)


def _content() -> None:
    """Inspect scenarios and rubrics; import and export them as YAML."""


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
    """List the scenarios the app grades with: id, version, language, channel and title.

    Versions are the latest published ones in the database, over the files for content the
    database has never had; open drafts are named on stderr.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from qa_app.services import content_store
    from qa_app.services.authoring.drafts import all_drafts

    try:
        library = content_store.library()
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
    try:
        open_drafts = all_drafts()
    except SQLAlchemyError:  # not migrated yet: the files are the library, and there are no drafts
        open_drafts = []
    if open_drafts:
        named = ", ".join(f"{draft.kind} {draft.content_id} v{draft.version}" for draft in open_drafts)
        click.echo(f"{plural(len(open_drafts), 'open draft')}: {named}", err=True)


@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Publish scenario and rubric YAML files (or folders of them) in the database.

    Identical content already published is left alone. A changed file that keeps a version
    number the database has is refused as FILE:LINE: FIELD: MESSAGE, exit 1; nothing is imported
    then. Exit 2 for a missing path.
    """
    if not paths:
        click.echo("kohtaamo content import: give at least one file or folder", err=True)
        ctx.exit(2)
    missing = [path for path in paths if not path.exists()]
    if missing:
        click.echo(f"kohtaamo content import: no such file or directory: {missing[0]}", err=True)
        ctx.exit(2)
    ctx.exit(_import_and_report(paths, "kohtaamo content import"))


@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def export_command(ctx: click.Context, directory: Path) -> None:
    """Write every scenario's and rubric's latest published version to DIRECTORY as YAML."""
    from qa_app.services import content_versions

    if directory.exists() and not directory.is_dir():
        click.echo(f"kohtaamo content export: not a directory: {directory}", err=True)
        ctx.exit(2)
    written = content_versions.export_latest(directory)
    if not written:
        click.echo("kohtaamo content export: nothing published yet; run `kohtaamo content sync-starter`", err=True)
        ctx.exit(1)
    click.echo(f"Exported {plural(len(written), 'file')} to {directory}", err=True)


@click.pass_context
def sync_starter_command(ctx: click.Context) -> None:
    """Publish the starter library (CONTENT_DIR's scenarios/, rubrics/) where it is new.

    A version already published is left alone, and a newer published version stays the one in
    use; a starter file changed without raising its version is refused (exit 1). `make run`
    and `kohtaamo demo` run this.
    """
    from flask import current_app

    from qa_app.services.content_versions import starter_paths

    paths = tuple(starter_paths(Path(current_app.config["CONTENT_DIR"])))
    ctx.exit(_import_and_report(paths, "kohtaamo content sync-starter"))


def _import_and_report(paths: tuple[Path, ...], command: str) -> int:
    from qa_app.extensions import db
    from qa_app.services import content_versions

    try:
        outcomes = content_versions.import_paths(paths)
    except ContentError as exc:
        db.session.rollback()
        for problem in exc.problems:
            click.echo(str(problem))
        if not exc.problems:
            click.echo(f"{command}: {exc}", err=True)
        click.echo(f"{command}: nothing imported", err=True)
        return 1
    db.session.commit()
    for outcome in outcomes:
        if outcome.action != content_versions.UNCHANGED:
            click.echo(outcome.describe())
    new = sum(outcome.action != content_versions.UNCHANGED for outcome in outcomes)
    click.echo(f"{plural(new, 'version')} published, {len(outcomes) - new} unchanged", err=True)
    return 0
