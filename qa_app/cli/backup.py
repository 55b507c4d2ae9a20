"""`kohtaamo export-all FILE` and `kohtaamo import-all FILE`: the whole installation in one file."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2


def _fail(command: str, message: str, code: int) -> None:
    click.echo(f"kohtaamo {command}: {message}", err=True)
    raise click.exceptions.Exit(code)


def _progress(table: str, done: int, total: int) -> None:
    click.echo(f"  {table}: {done:,}/{total:,} rows", err=True)


def _summary(counts: dict[str, int], seconds: float, verb: str) -> None:
    for table, count in counts.items():
        click.echo(f"{table}: {count} {'row' if count == 1 else 'rows'}", err=True)
    click.echo(
        f"{verb} {sum(counts.values())} rows in {len(counts)} tables in {seconds:.1f} s", err=True
    )


def _revisions() -> tuple[str | None, str | None]:
    """Return (this code's head revision, the database's revision)."""
    from ..extensions import db
    from ..services import backup

    head = backup.head_revision(current_app.extensions["migrate"].directory)
    with db.engine.connect() as connection:
        return head, backup.database_revision(connection)


def _app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kohtaamo")
    except PackageNotFoundError:
        return "unknown"


@click.command("export-all", short_help="Back up all data to one file (holds personal data).")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@with_appcontext
def export_all_command(file: Path | None) -> None:
    """Write every table of the database to FILE (gzip'd JSON Lines), to restore or move it.

    The file can be loaded with `kohtaamo import-all` into an empty database of either kind
    (SQLite or PostgreSQL) migrated to the same schema revision. Exit code 0 when written,
    1 when the database is not at this Kohtaamo's schema revision, 2 for a wrong FILE.

    The file holds personal data (names, e-mail addresses, conversations) and password and
    token hashes: it is written readable by its owner only (mode 0600); keep it as safe as the
    database itself.
    """
    from ..extensions import db
    from ..services import backup

    if file is None:
        _fail("export-all", "missing FILE: the backup file to write", EXIT_BAD_INPUT)
    if file.is_dir():
        _fail("export-all", f"{file}: is a directory; give a file name", EXIT_BAD_INPUT)
    if not file.parent.is_dir():
        _fail("export-all", f"{file.parent}: no such directory", EXIT_BAD_INPUT)
    head, current = _revisions()
    if current != head:
        _fail(
            "export-all",
            f"the database is at schema revision {current}, this Kohtaamo's is {head}: "
            "run `kohtaamo db upgrade` first",
            EXIT_REFUSED,
        )
    from ..services import audit

    # Recorded before the snapshot, so the backup holds its own export (an attempt that then fails
    # stays recorded: personal data may have left the database).
    audit.record("export.all", details={"file": file.name})
    db.session.commit()
    started = time.perf_counter()
    with db.engine.connect() as connection:
        counts = backup.export_all(
            connection,
            db.metadata,
            file,
            schema_revision=head or "",
            app_version=_app_version(),
            progress=_progress,
        )
    _summary(counts, time.perf_counter() - started, "exported")
    click.echo(f"wrote {file} ({file.stat().st_size:,} bytes, mode 0600)", err=True)


@click.command("import-all", short_help="Restore all data from an export-all file.")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help="Delete every row of the database first (in the same transaction as the import).",
)
@with_appcontext
def import_all_command(file: Path | None, replace: bool) -> None:
    """Load the backup FILE into this (empty, migrated) database, all or nothing.

    Refuses a database that holds data unless --replace is given, and a backup of another
    schema revision. Exit code 0 when imported, 1 when refused, 2 when FILE is not a readable
    Kohtaamo backup or one of its lines is wrong (named as FILE:LINE).

    The file holds personal data and password and token hashes: delete copies you no longer need.
    """
    from ..extensions import db
    from ..services import backup

    if file is None:
        _fail("import-all", "missing FILE: the backup file to read", EXIT_BAD_INPUT)
    try:
        backup.read_header(file)
    except backup.BackupFileError as error:
        _fail("import-all", str(error), EXIT_BAD_INPUT)
    head, current = _revisions()
    if current != head:
        _fail(
            "import-all",
            f"the database is at schema revision {current}, this Kohtaamo's is {head}: "
            "run `kohtaamo db upgrade` first",
            EXIT_REFUSED,
        )
    started = time.perf_counter()
    try:
        with db.engine.begin() as connection:
            counts = backup.import_all(
                connection,
                db.metadata,
                file,
                target_revision=current,
                replace=replace,
                progress=_progress,
            )
    except backup.ImportRefused as error:
        _fail("import-all", str(error), EXIT_REFUSED)
    except backup.BackupFileError as error:
        _fail("import-all", f"{error} (nothing was imported)", EXIT_BAD_INPUT)
    _summary(counts, time.perf_counter() - started, "imported")


def register(cli: click.Group) -> None:
    for command in (export_all_command, import_all_command):
        cli.add_command(command)
