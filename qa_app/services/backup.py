"""Whole-installation backups: every table to one gzip'd JSON Lines file, and back.

The file moves an installation between SQLite and PostgreSQL. Line 1 is a header (format,
format version, schema revision, app version, created_at, row count per table); then one line
per row, `{"table": ..., "row": {...}}`, tables in foreign-key order (`metadata.sorted_tables`)
and rows in primary-key order; the last line is `{"end": true, "rows": N}`, so a cut file is
noticed. Values are JSON where JSON is exact; datetimes and dates are ISO strings, Decimals
strings and bytes base64, decoded again by the column's type. Both directions stream: memory
stays flat however many conversations there are. No Flask here: callers pass a connection and
the metadata (the CLI passes the models' metadata, so a new table is never forgotten).
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Column, Connection, MetaData, Table, exc, func, inspect, select, text

FORMAT = "kohtaamo-backup"
FORMAT_VERSION = 1
BATCH_SIZE = 1000  # rows per INSERT batch and per fetch from the source
PROGRESS_EVERY = 10_000  # rows between progress reports within one table

Progress = Callable[[str, int, int], None]  # (table, rows done, rows in table)


class BackupError(ValueError):
    """A backup cannot be written or read as asked (the caller's fault, not a bug)."""


class BackupFileError(BackupError):
    """The file is not a readable Kohtaamo backup, or one of its lines is wrong."""


class ImportRefused(BackupError):
    """The target database is not one this backup may go into (not empty, other schema)."""


@dataclass(frozen=True)
class Header:
    schema_revision: str
    app_version: str
    created_at: str
    tables: dict[str, int]

    @property
    def total_rows(self) -> int:
        return sum(self.tables.values())


# --- schema revision ------------------------------------------------------------------------


def database_revision(connection: Connection) -> str | None:
    """Return the Alembic revision the database is at (None when it was never migrated)."""
    # Read Alembic's table directly: MigrationContext would log two INFO lines per command.
    if not inspect(connection).has_table("alembic_version"):
        return None
    versions = connection.scalars(text("SELECT version_num FROM alembic_version")).all()
    return ",".join(sorted(versions)) or None


def head_revision(migrations_dir: str | Path) -> str | None:
    """Return the newest revision of the migrations in `migrations_dir`."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(migrations_dir)).get_current_head()


# --- export ---------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    """Turn what JSON cannot hold into a string the column's type decodes exactly."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot store {type(value).__name__} in a backup")


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, default=_encode, ensure_ascii=False, separators=(",", ":")) + "\n"


def _begin_snapshot(connection: Connection) -> None:
    """Read every table from one snapshot, so the counts and the rows agree."""
    if connection.dialect.name == "sqlite":
        # pysqlite starts no transaction for SELECTs: begin one so all reads see one state.
        connection.exec_driver_sql("BEGIN")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def _ordered(table: Table):  # type: ignore[no-untyped-def]
    return select(table).order_by(*table.primary_key.columns)


def write_rows(
    connection: Connection,
    metadata: MetaData,
    out: IO[str],
    *,
    schema_revision: str,
    app_version: str,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the header, every row of every table in `metadata`, and the end line to `out`."""
    _begin_snapshot(connection)
    tables = metadata.sorted_tables
    counts = {
        table.name: connection.scalar(select(func.count()).select_from(table)) or 0
        for table in tables
    }
    out.write(
        _line(
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "schema_revision": schema_revision,
                "app_version": app_version,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "source_dialect": connection.dialect.name,
                "tables": counts,
            }
        )
    )
    total = 0
    for table in tables:
        done = 0
        # yield_per streams (a server-side cursor on PostgreSQL) instead of loading the table.
        result = connection.execution_options(yield_per=BATCH_SIZE).execute(_ordered(table))
        for row in result.mappings():
            out.write(_line({"table": table.name, "row": dict(row)}))
            done += 1
            if progress and done % PROGRESS_EVERY == 0:
                progress(table.name, done, counts[table.name])
        if done != counts[table.name]:
            raise BackupError(f"{table.name}: counted {counts[table.name]} rows but read {done}")
        total += done
    out.write(_line({"end": True, "rows": total}))
    return counts


def _private_file(path: Path) -> IO[bytes]:
    """Open `path` for writing, readable by its owner only (backups hold personal data)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # O_CREAT's mode does not apply to a file that already existed
    return os.fdopen(fd, "wb")


def export_all(
    connection: Connection,
    metadata: MetaData,
    path: Path,
    *,
    schema_revision: str,
    app_version: str,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write a backup of the database to `path` (mode 0600); return the row count per table.

    The file appears under its name only when complete: a failed export leaves nothing behind.
    """
    partial = path.with_name(path.name + ".partial")
    try:
        with (
            _private_file(partial) as raw,
            gzip.open(raw, "wt", encoding="utf-8", compresslevel=6) as out,
        ):
            counts = write_rows(
                connection,
                metadata,
                out,
                schema_revision=schema_revision,
                app_version=app_version,
                progress=progress,
            )
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return counts


# --- reading --------------------------------------------------------------------------------


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) from a gzip'd backup, turning damage into BackupFileError."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as source:
            yield from enumerate(source, start=1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise BackupFileError(f"{path}: not a Kohtaamo backup, or damaged ({error})") from error
    except UnicodeDecodeError as error:
        raise BackupFileError(f"{path}: damaged: not UTF-8 text ({error.reason})") from error
    except IsADirectoryError as error:
        raise BackupFileError(f"{path}: is a directory, not a backup file") from error
    except OSError as error:
        raise BackupFileError(f"{path}: cannot read: {error.strerror or error}") from error


def _parse_header(path: Path, number: int, line: str) -> Header:
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupFileError(
            f"{path}: not a Kohtaamo backup file (no {FORMAT} header on line {number})"
        )
    if header.get("format_version") != FORMAT_VERSION:
        raise BackupFileError(
            f"{path}: backup format version {header.get('format_version')!r} is not "
            f"{FORMAT_VERSION}, the one this Kohtaamo reads"
        )
    tables = header.get("tables")
    if not isinstance(tables, dict) or not isinstance(header.get("schema_revision"), str):
        raise BackupFileError(f"{path}:{number}: header lacks its table counts or schema revision")
    return Header(
        header["schema_revision"],
        str(header.get("app_version")),
        str(header.get("created_at")),
        {str(name): int(count) for name, count in tables.items()},
    )


def read_header(path: Path) -> Header:
    """Read and check the first line of the backup at `path`, without touching any database."""
    for number, line in _lines(path):
        return _parse_header(path, number, line)
    raise BackupFileError(f"{path}: empty file, not a Kohtaamo backup")


# --- import ---------------------------------------------------------------------------------


def _check_type(column: Column, value: Any) -> Any:
    """Decode one JSON value for `column`, or raise ValueError saying what was wrong."""
    if value is None:
        if not column.nullable:
            raise ValueError("must not be empty (null)")
        return None
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return value
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    if kind is bytes:
        return base64.b64decode(value, validate=True)
    allowed = (int, float) if kind is float else (kind,)
    if not isinstance(value, allowed) or (kind is not bool and isinstance(value, bool)):
        raise ValueError(f"expected {kind.__name__}, got {type(value).__name__} {value!r}")
    return value


class _TableLoader:
    """Insert one table's rows in batches; self-references to rows not yet in go in a second pass."""

    def __init__(self, connection: Connection, table: Table, path: Path) -> None:
        self.connection, self.table, self.path = connection, table, path
        self.batch: list[tuple[int, dict[str, Any]]] = []
        self.count = 0
        self.pk = (
            next(iter(table.primary_key.columns)).name
            if len(table.primary_key.columns) == 1
            else None
        )
        self.self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
        self.seen: set[Any] = set()
        # (primary key, column, value) of self-references set after the table's inserts
        self.later: list[tuple[Any, str, Any]] = []

    def add(self, number: int, row: Any) -> None:
        if not isinstance(row, dict):
            raise BackupFileError(
                f"{self.path}:{number}: {self.table.name}: the row is not an object"
            )
        names = set(self.table.columns.keys())
        unknown, missing = sorted(set(row) - names), sorted(names - set(row))
        if unknown or missing:
            what = "; ".join(
                filter(
                    None,
                    (
                        unknown and f"unknown column(s) {', '.join(unknown)}",
                        missing and f"missing column(s) {', '.join(missing)}",
                    ),
                )
            )
            raise BackupFileError(f"{self.path}:{number}: {self.table.name}: {what}")
        values = {}
        for column in self.table.columns:
            try:
                values[column.name] = _check_type(column, row[column.name])
            except (ValueError, TypeError) as error:
                raise BackupFileError(
                    f"{self.path}:{number}: {self.table.name}.{column.name}: {error}"
                ) from error
        self._defer_forward_references(values)
        self.batch.append((number, values))
        self.count += 1
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    def _defer_forward_references(self, values: dict[str, Any]) -> None:
        if not self.self_refs or self.pk is None:
            return
        for name in self.self_refs:
            target = values[name]
            if target is not None and target not in self.seen and target != values[self.pk]:
                self.later.append((values[self.pk], name, target))
                values[name] = None
        self.seen.add(values[self.pk])

    def flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        try:
            with self.connection.begin_nested():
                self.connection.execute(self.table.insert(), [values for _, values in batch])
        except exc.DBAPIError:
            self._name_failing_line(batch)
            raise

    def _name_failing_line(self, batch: list[tuple[int, dict[str, Any]]]) -> None:
        """The batch failed as a whole: insert it row by row, then undo, to name the line at fault."""
        with self.connection.begin_nested() as whole:
            for number, values in batch:
                try:
                    with self.connection.begin_nested():
                        self.connection.execute(self.table.insert(), values)
                except exc.DBAPIError as error:
                    reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
                    raise BackupFileError(
                        f"{self.path}:{number}: {self.table.name}: {reason}"
                    ) from error
            whole.rollback()

    def finish(self) -> int:
        self.flush()
        pk = self.table.primary_key.columns[self.pk] if self.pk else None
        for key, name, target in self.later:
            self.connection.execute(self.table.update().where(pk == key).values({name: target}))
        return self.count


def _begin_for_savepoints(connection: Connection) -> None:
    """On SQLite, open the real transaction before the first SAVEPOINT.

    pysqlite emits BEGIN only before its first write; a SAVEPOINT issued earlier would start the
    transaction itself, and releasing it would commit every batch so far (not all or nothing).
    """
    if (
        connection.dialect.name == "sqlite"
        and not connection.connection.driver_connection.in_transaction
    ):
        connection.exec_driver_sql("BEGIN")


def _tables_with_rows(connection: Connection, metadata: MetaData) -> list[str]:
    """Return the names of the tables that hold rows."""
    return [
        table.name
        for table in metadata.sorted_tables
        if connection.execute(select(1).select_from(table).limit(1)).first() is not None
    ]


def _reset_sequences(connection: Connection, metadata: MetaData) -> None:
    """On PostgreSQL, move every id sequence past the imported ids so new rows do not collide."""
    if connection.dialect.name != "postgresql":
        return
    quote = connection.dialect.identifier_preparer.quote
    for table in metadata.sorted_tables:
        columns = list(table.primary_key.columns)
        if len(columns) != 1 or columns[0].type.python_type is not int:
            continue  # only single integer ids have a sequence
        column = columns[0]
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE(MAX({quote(column.name)}), 0) + 1, false) FROM {quote(table.name)}"
            ),
            {"table": table.name, "column": column.name},
        )


def import_all(
    connection: Connection,
    metadata: MetaData,
    path: Path,
    *,
    target_revision: str | None,
    replace: bool = False,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Load the backup at `path` into the database; return the row count per table.

    Runs in the caller's transaction, which must roll back on any error (all or nothing).
    Refuses (ImportRefused) a database at another schema revision, or one holding data unless
    `replace`, which first deletes every row in reverse foreign-key order.
    """
    header = read_header(path)
    _begin_for_savepoints(connection)
    if header.schema_revision != target_revision:
        raise ImportRefused(
            f"the backup is at schema revision {header.schema_revision} but this database is at "
            f"{target_revision or 'none (never migrated)'}: migrate it to {header.schema_revision} "
            f"(kohtaamo db upgrade {header.schema_revision}) with the Kohtaamo version that wrote the "
            f"backup ({header.app_version})"
        )
    tables = {table.name: table for table in metadata.sorted_tables}
    unknown = sorted(set(header.tables) - set(tables))
    if unknown:
        raise BackupFileError(
            f"{path}: the backup has tables this Kohtaamo does not know: {', '.join(unknown)}"
        )
    filled = _tables_with_rows(connection, metadata)
    if filled and not replace:
        raise ImportRefused(
            f"the database is not empty ({', '.join(filled[:3])}{', …' if len(filled) > 3 else ''} "
            "hold rows): import into an empty, migrated database, or give --replace"
        )
    if filled:
        from ..models.audit import append_only_lifted

        # The backup's audit log replaces this database's, like every other table (migration 0008).
        with append_only_lifted(connection):
            for table in reversed(metadata.sorted_tables):
                connection.execute(table.delete())
    counts = _load_rows(connection, tables, path, header, progress)
    _reset_sequences(connection, metadata)
    return counts


def _load_rows(
    connection: Connection,
    tables: dict[str, Table],
    path: Path,
    header: Header,
    progress: Progress | None,
) -> dict[str, int]:
    counts: dict[str, int] = {}
    loader: _TableLoader | None = None
    ended = False
    for number, line in _lines(path):
        if number == 1:
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise BackupFileError(
                f"{path}:{number}: damaged line, not JSON ({error.msg})"
            ) from error
        if ended or not isinstance(record, dict):
            raise BackupFileError(
                f"{path}:{number}: unexpected line after the end of the backup"
                if ended
                else f"{path}:{number}: damaged line, not a JSON object"
            )
        if record.get("end") is True:
            ended = True
            continue
        name = record.get("table")
        if name not in tables:
            raise BackupFileError(f"{path}:{number}: unknown table {name!r}")
        if loader is None or loader.table.name != name:
            if name in counts:
                raise BackupFileError(f"{path}:{number}: rows of {name} are not together")
            if loader:
                counts[loader.table.name] = loader.finish()
            loader = _TableLoader(connection, tables[name], path)
        loader.add(number, record.get("row"))
        if progress and loader.count % PROGRESS_EVERY == 0:
            progress(name, loader.count, header.tables.get(name, 0))
    if loader:
        counts[loader.table.name] = loader.finish()
    if not ended:
        raise BackupFileError(
            f"{path}: cut short: the end line is missing (the file is incomplete)"
        )
    for name, expected in header.tables.items():
        if counts.get(name, 0) != expected:
            raise BackupFileError(
                f"{path}: {name}: the header says {expected} rows, the file has {counts.get(name, 0)}"
            )
    return {name: counts.get(name, 0) for name in tables}
