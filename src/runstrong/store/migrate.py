"""Keep the log's schema current with the Alembic migrations shipped inside the package.

Opening the log checks one row (the stored revision) and loads Alembic only
when something has to change, so everyday commands stay quick.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, Engine, exc, inspect, text

from runstrong.store.errors import StoreError, describe, unreadable
from runstrong.store.ownership import refuse_foreign

#: The newest migration; a test checks it matches the migrations folder.
HEAD = "0004"
#: Any fixed number: PostgreSQL's lock that lets one process migrate at a time.
_PG_LOCK_KEY = 7_400_314


def alembic_config(connection: Connection | None = None):
    """The packaged alembic.ini, optionally bound to an open connection."""
    from alembic.config import Config  # lazy: Alembic loads only when the schema must change

    ini = Path(str(resources.files("runstrong.store") / "alembic.ini"))
    config = Config(str(ini))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    """Every schema revision the shipped migrations know."""
    from alembic.script import ScriptDirectory  # lazy: as above, only when the schema changes

    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def stored_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database, None when it has none.

    Raises:
        StoreError: the database cannot be opened or read.
    """
    try:
        with engine.connect() as connection:
            refuse_foreign(connection, describe(engine.url))
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("select version_num from alembic_version")).scalar()
    except exc.OperationalError as err:
        if engine.dialect.name == "sqlite" and "not a database" not in str(err.orig):
            raise StoreError(
                f"cannot open the log at {describe(engine.url)}: {err.orig}",
                hint="check that the folder exists and is writable",
            ) from None
        if engine.dialect.name != "sqlite":
            raise StoreError(
                f"cannot reach the log database at {describe(engine.url)}",
                hint=f"is the server running? ({str(err.orig).strip().splitlines()[0]})",
            ) from None
        raise unreadable(describe(engine.url)) from None
    except exc.DatabaseError:
        raise unreadable(describe(engine.url)) from None


def ensure_current(engine: Engine) -> None:
    """Bring the schema to HEAD, or explain why it cannot be used.

    Raises:
        StoreError: the schema is newer than this runstrong knows, or the
            database is unreadable.
    """
    revision = stored_revision(engine)
    if revision == HEAD:
        return
    if revision is not None and revision not in known_revisions():
        raise StoreError(
            f"the log at {describe(engine.url)} was written by a newer runstrong "
            f"(schema {revision})",
            hint="upgrade runstrong to use it; the log was left untouched",
        )
    migrate(engine, "head")


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    """Upgrade (or downgrade) to `revision` while holding the database's write lock."""
    from alembic import command  # lazy: Alembic loads only when the schema must change

    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        config = alembic_config(connection)
        if down:
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)
