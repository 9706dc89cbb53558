"""`runstrong db upgrade`, and how every log command opens the log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click
from sqlalchemy.exc import SQLAlchemyError

from runstrong.cli.errors import ExitStatus, UserError
from runstrong.store.database import database_url, describe, open_store
from runstrong.store.errors import InvalidEntry, StoreError
from runstrong.store.migrate import HEAD

if TYPE_CHECKING:
    from runstrong.store.database import Store


@contextmanager
def opened_log(*, thorough: bool = False) -> Iterator[Store]:
    """The open log; its problems become one clear error line instead of a traceback.

    Args:
        thorough: read all of a SQLite log first, so damage anywhere in it is found.
    """
    try:
        store = open_store(thorough=thorough)
    except StoreError as err:
        raise UserError(str(err), hint=err.hint, status=ExitStatus.FAILURE) from None
    try:
        yield store
    except InvalidEntry as err:
        raise UserError(str(err), hint="nothing was written to the log") from None
    except SQLAlchemyError as err:
        where = describe(database_url())
        detail = str(getattr(err, "orig", err)).strip().splitlines()[0]
        raise UserError(f"the log at {where} failed: {detail}", status=ExitStatus.FAILURE) from None
    finally:
        store.close()


@click.group()
def db() -> None:
    """Look after the log database."""


@db.command()
def upgrade() -> None:
    """Create the log, or bring its tables up to date with this runstrong."""
    with opened_log(thorough=True):
        click.echo(f"The log at {describe(database_url())} is up to date (schema {HEAD}).")
