"""`runstrong db upgrade`, and how every log command opens the log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click
from sqlalchemy.exc import SQLAlchemyError

from runstrong.cli.errors import ExitStatus, UserError
from runstrong.store import DEFAULT_USER
from runstrong.store.accounts import find_user
from runstrong.store.database import database_url, describe, open_store
from runstrong.store.errors import InvalidEntry, StoreError
from runstrong.store.migrate import HEAD

if TYPE_CHECKING:
    from runstrong.store.database import Store


def acting_user() -> str:
    """Who the command acts for: `runstrong --user NAME` (or $RUNSTRONG_USER), else the
    local runner."""
    context = click.get_current_context(silent=True)
    name = context.find_root().params.get("user") if context is not None else None
    return name or DEFAULT_USER


@contextmanager
def opened_log(*, thorough: bool = False, as_user: bool = True) -> Iterator[Store]:
    """The open log, acting for the command's user; its problems become one clear error
    line instead of a traceback.

    Args:
        thorough: read all of a SQLite log first, so damage anywhere in it is found.
        as_user: act for `acting_user()`, who must exist (the local runner always does).
            Commands about the users themselves pass False.
    """
    try:
        store = open_store(thorough=thorough)
    except StoreError as err:
        raise UserError(str(err), hint=err.hint, status=ExitStatus.FAILURE) from None
    try:
        if as_user:
            store = _acting(store, acting_user())
        yield store
    except InvalidEntry as err:
        raise UserError(str(err), hint="nothing was written to the log") from None
    except SQLAlchemyError as err:
        where = describe(database_url())
        detail = str(getattr(err, "orig", err)).strip().splitlines()[0]
        raise UserError(f"the log at {where} failed: {detail}", status=ExitStatus.FAILURE) from None
    finally:
        store.close()


def _acting(store: Store, name: str) -> Store:
    """The store acting for `name`.

    Raises:
        UserError: no such user in the log (a typo must not start a new log).
    """
    if name != DEFAULT_USER and find_user(store, name) is None:
        raise UserError(
            f"there is no user {name!r} in the log at {describe(database_url())}",
            hint=f"'runstrong users add {name}' adds them; 'runstrong users list' shows who "
            "there is",
        )
    return store.acting_as(name)


@click.group()
def db() -> None:
    """Look after the log database."""


@db.command()
def upgrade() -> None:
    """Create the log, or bring its tables up to date with this runstrong."""
    with opened_log(thorough=True):
        click.echo(f"The log at {describe(database_url())} is up to date (schema {HEAD}).")
