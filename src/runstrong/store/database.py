"""Open the log database: pick the URL, tune SQLite, and bring the schema up to date.

The same code serves SQLite (the default, one file in the data folder) and any
server SQLAlchemy speaks to, PostgreSQL in particular.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, exc, make_url
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from runstrong.settings import DATABASE_URL_VARIABLE, Settings
from runstrong.store import DEFAULT_USER
from runstrong.store.errors import StoreError, describe, unreadable
from runstrong.store.migrate import HEAD, ensure_current
from runstrong.store.ownership import inspect_sqlite, mark_sqlite

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000


def database_url(settings: Settings | None = None) -> URL:
    """Where the log is (`RUNSTRONG_DATABASE_URL`, else `runstrong.db` in the data folder).

    Raises:
        StoreError: the configured URL is not a database URL.
    """
    configured = (settings or Settings.from_env()).log_url
    try:
        return make_url(configured)
    except exc.ArgumentError:
        raise StoreError(
            f"{DATABASE_URL_VARIABLE} is not a database URL: {configured!r}",
            hint="for example postgresql+psycopg://user@host/dbname",
        ) from None


def log_exists(url: URL | None = None) -> bool:
    """Whether there is a log to read: the SQLite file exists, or a server is configured.

    Lets read-only callers (exports) skip the log without creating one.
    """
    url = url or database_url()
    if url.get_backend_name() != "sqlite":
        return True
    return bool(url.database) and Path(url.database).is_file()


def make_engine(url: URL | str | None = None) -> Engine:
    """An engine with the settings runstrong relies on (WAL, foreign keys, waits on locks).

    SQLite syncs the write-ahead log on every commit (synchronous=FULL): a set
    the player or the server has acknowledged survives a power cut.
    """
    url = make_url(url) if url is not None else database_url()
    if url.get_backend_name() != "sqlite":
        return _create(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        _check_sqlite_file(Path(url.database))
    engine = _create(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _tune_sqlite)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _create(url: URL, **options: object) -> Engine:
    """`create_engine`, with an unknown database kind or a missing driver explained."""
    try:
        return create_engine(url, **options)
    except (exc.NoSuchModuleError, ImportError) as err:
        raise StoreError(
            f"runstrong cannot talk to {describe(url)}: "
            f"no SQLAlchemy driver for {url.drivername!r} ({err})",
            hint="install that driver, or use sqlite:///PATH or postgresql+psycopg://...",
        ) from None


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite before the driver can touch it."""
    if path.is_file() and path.stat().st_size:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise unreadable(path)
    path.parent.mkdir(parents=True, exist_ok=True)


def _tune_sqlite(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" event decide how transactions start (see below).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _begin_immediate(connection) -> None:
    """Take SQLite's write lock up front so concurrent writers queue instead of failing."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass(frozen=True)
class Store:
    """An open log: the engine, a factory for ORM sessions, and the user it acts for.

    Queries about a runner's own things (their log, plan, sessions) are limited
    to `user`; a web server's shared store acts for nobody (None) until a
    request's user is known (`acting_as`).
    """

    engine: Engine
    sessions: sessionmaker[Session]
    user: str | None = DEFAULT_USER

    def acting_as(self, user: str) -> Store:
        """The same open log, acting for `user` (nothing is opened or copied)."""
        return replace(self, user=user)

    def owner(self, user: str | None = None) -> str:
        """`user` if given, else the user this store acts for.

        Raises:
            RuntimeError: neither names anyone (a bug: a query would have no owner).
        """
        found = user if user is not None else self.user
        if found is None:
            raise RuntimeError("this query needs the user it acts for")
        return found

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        """Close every connection to the database."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_store(url: URL | str | None = None, *, thorough: bool = False) -> Store:
    """Open the log, creating or upgrading its schema on first use.

    Only an empty database or runstrong's own log is written to; a SQLite file
    is looked at read-only first, and read in full before its schema changes.

    Args:
        thorough: read every page of a SQLite log before using it (`db upgrade`).

    Raises:
        StoreError: the database is damaged, foreign, newer than this runstrong,
            or cannot be reached; it was left as it was.
    """
    url = make_url(url) if url is not None else database_url()
    path = _sqlite_path(url)
    log = None
    if path is not None:
        _check_sqlite_file(path)
        log = inspect_sqlite(path, thorough=thorough)
        if not thorough and log.revision is not None and (not log.marked or log.revision != HEAD):
            log = inspect_sqlite(path, thorough=True)  # about to write: read all of it first
    engine = make_engine(url)
    try:
        ensure_current(engine)
        if log is not None and not log.marked:
            with engine.begin() as connection:
                mark_sqlite(connection)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, sessionmaker(engine, expire_on_commit=False))


def _sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite log, None for a server or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)
