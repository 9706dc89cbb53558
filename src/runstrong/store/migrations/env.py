"""Run migrations on the connection runstrong hands over, or on the configured database."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from runstrong.store.database import make_engine
from runstrong.store.schema import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    given = context.config.attributes.get("connection")
    if given is not None:
        _run(given)
        return

    engine = make_engine()
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


_main()
