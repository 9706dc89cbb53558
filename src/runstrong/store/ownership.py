"""Whose database is this? runstrong writes only to an empty database or to its own log.

SQLite logs carry runstrong's mark in their header (PRAGMA application_id),
set when the log is created; a log written before the mark existed is
recognised by its alembic revision and gets marked. Everything else, another
program's file or a damaged one, is refused before any connection could
change it: the file is looked at read-only (as an immutable file when it has
no write-ahead log, so not even a -shm file appears), and only then opened
for writing, which switches it to WAL.

A PostgreSQL database is runstrong's when it records a runstrong schema
revision, and empty when it has no tables; otherwise it is someone else's.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, inspect, text

from runstrong.store.errors import StoreError

#: "RSLG" (runstrong log), in every SQLite log's header.
APPLICATION_ID = 0x52534C47
#: Revisions runstrong's migrations are numbered with; other projects' alembic ids look different.
_OUR_REVISION = re.compile(r"^\d{4}$")
_LEFT_ALONE = "it was left untouched; use another file or database for the log"


@dataclass(frozen=True)
class SqliteLog:
    """What a SQLite file holds, as far as runstrong is concerned.

    Attributes:
        marked: it carries runstrong's application id.
        revision: the schema revision it records, None for an empty file.
    """

    marked: bool
    revision: str | None


def inspect_sqlite(path: Path, *, thorough: bool) -> SqliteLog:
    """Look at a SQLite file without changing it, and refuse it unless it is empty or ours.

    Args:
        thorough: also read every page (PRAGMA quick_check), as before a migration.

    Raises:
        StoreError: the file is another program's, or damaged; it was not changed.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return SqliteLog(marked=False, revision=None)
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error:
        raise damaged(path) from None
    try:
        application_id = connection.execute("pragma application_id").fetchone()[0]
        tables = {row[0] for row in connection.execute("select name from sqlite_master")}
        revision = _revision(connection) if "alembic_version" in tables else None
        if thorough and connection.execute("pragma quick_check").fetchone()[0] != "ok":
            raise damaged(path)
    except sqlite3.Error:
        raise damaged(path) from None
    finally:
        connection.close()
    if application_id not in (0, APPLICATION_ID):
        raise StoreError(
            f"{path} belongs to another program (its application id is {application_id:#x})",
            hint=_LEFT_ALONE,
        )
    _refuse_foreign(str(path), tables, revision)
    return SqliteLog(marked=application_id == APPLICATION_ID, revision=revision)


def refuse_foreign(connection: Connection, where: str) -> None:
    """Refuse a database holding tables but no runstrong revision (checked on every open).

    Raises:
        StoreError: the database holds another program's tables.
    """
    tables = set(inspect(connection).get_table_names())
    revision = None
    if "alembic_version" in tables:
        revision = connection.execute(text("select version_num from alembic_version")).scalar()
    _refuse_foreign(where, tables, revision)


def mark_sqlite(connection: Connection) -> None:
    """Put runstrong's mark in the log's header (inside the caller's transaction)."""
    connection.exec_driver_sql(f"pragma application_id = {APPLICATION_ID}")


def damaged(where: Path | str) -> StoreError:
    return StoreError(
        f"{where} is damaged: SQLite cannot read all of it",
        hint="it was left untouched; restore it from a backup, or move it aside to start a new log",
    )


def _refuse_foreign(where: str, tables: set[str], revision: str | None) -> None:
    if revision is not None and not _OUR_REVISION.match(revision):
        raise StoreError(
            f"{where} is another program's database (its schema revision {revision[:40]!r} "
            "is not runstrong's)",
            hint=_LEFT_ALONE,
        )
    others = sorted(tables - {"alembic_version"} - _sqlite_internal(tables))
    if revision is None and others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise StoreError(
            f"{where} holds tables ({shown}) that runstrong did not create",
            hint=_LEFT_ALONE,
        )


def _sqlite_internal(tables: set[str]) -> set[str]:
    return {name for name in tables if name.startswith("sqlite_")}


def _revision(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("select version_num from alembic_version").fetchone()
    return str(row[0]) if row else None


def _read_only_uri(path: Path) -> str:
    """Read-only; immutable unless a write-ahead log holds newer pages than the file."""
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "immutable=1"
    return f"file:{quote(str(path.resolve()))}?{mode}"
