"""`runstrong users` and `runstrong tokens`: who may use a shared log, and scripts' tokens.

Passwords are asked for at a prompt (or read from standard input with
--password-stdin), never taken as an argument: arguments end up in shell
history and in the process list.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import click

from runstrong.cli.db import acting_user, opened_log
from runstrong.cli.errors import UserError
from runstrong.store.accounts import AccountError, add_user, list_users, remove_user, set_password
from runstrong.store.api_tokens import create_token, list_tokens, revoke_token
from runstrong.wording import plural

password_stdin_option = click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input instead of a prompt.",
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise UserError("no password on standard input", hint="send it as the first line")
        return line.rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _refused(err: AccountError) -> UserError:
    return UserError(str(err), hint=err.hint)


@click.group()
def users() -> None:
    """The users of a shared log: each has their own log, plan, workouts and tokens.

    Once a user exists, `runstrong serve` asks everyone to log in.
    """


@users.command("add")
@click.argument("name")
@click.option(
    "--admin/--no-admin",
    default=None,
    help="May add and remove users in the web app (default: only the first user).",
)
@password_stdin_option
def add(name: str, admin: bool | None, password_stdin: bool) -> None:
    """Add the user NAME (the built-in 'local' user keeps what it logged and gets a password)."""
    password = _password(password_stdin)
    with opened_log(as_user=False) as store:
        try:
            account = add_user(store, name, password, admin=admin)
        except AccountError as err:
            raise _refused(err) from None
    role = " (an admin)" if account.admin else ""
    click.echo(f"Added {account.name}{role}. They can log in to 'runstrong serve' now.")


@users.command("list")
def list_command() -> None:
    """Every user, whether they can log in, and how many sessions each has logged."""
    with opened_log(as_user=False) as store:
        found = list_users(store)
    if not found:
        click.echo("No users yet: 'runstrong users add NAME' adds one.")
        return
    for account in found:
        notes = [plural(account.sessions, "session")]
        if account.admin:
            notes.append("admin")
        if not account.can_log_in:
            notes.append("no password: cannot log in")
        click.echo(f"{account.name:<24} {', '.join(notes)}")


@users.command("remove")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask before removing.")
def remove(name: str, yes: bool) -> None:
    """Remove the user NAME with their whole log, plan and tokens."""
    with opened_log(as_user=False) as store:
        known = {account.name: account for account in list_users(store)}
        if name not in known:
            raise UserError(f"there is no user {name!r}", hint="'runstrong users list' shows them")
        logged = plural(known[name].sessions, "logged session")
        question = f"Remove {name} and their {logged}? This cannot be undone"
        if not yes and not click.confirm(question, default=False):
            click.echo("Nothing was removed.")
            return
        try:
            remove_user(store, name)
        except AccountError as err:
            raise _refused(err) from None
    click.echo(f"Removed {name} and their {logged}.")


@users.command("passwd")
@click.argument("name")
@password_stdin_option
def passwd(name: str, password_stdin: bool) -> None:
    """Set the password of NAME; browsers logged in as them must log in again."""
    password = _password(password_stdin)
    with opened_log(as_user=False) as store:
        try:
            set_password(store, name, password)
        except AccountError as err:
            raise _refused(err) from None
    click.echo(f"The password of {name} is changed.")


@click.group()
def tokens() -> None:
    """API tokens for scripts, sent as 'Authorization: Bearer TOKEN' (for 'runstrong --user')."""


@tokens.command("create")
@click.argument("label")
def create(label: str) -> None:
    """A new token called LABEL; it is shown once, so keep it now."""
    with opened_log() as store:
        try:
            secret = create_token(store, acting_user(), label, now=datetime.now(UTC))
        except AccountError as err:
            raise _refused(err) from None
    click.echo(secret)
    click.echo(f"That is the token {label!r} of {acting_user()}: it is not shown again.", err=True)


@tokens.command("list")
def list_tokens_command() -> None:
    """The user's tokens: id, label and when each was made (never the token itself)."""
    with opened_log() as store:
        found = list_tokens(store, acting_user())
    if not found:
        click.echo("No tokens yet: 'runstrong tokens create LABEL' makes one.")
    for token in found:
        click.echo(f"{token.id:>6}  {token.created_at.astimezone():%Y-%m-%d %H:%M}  {token.label}")


@tokens.command("revoke")
@click.argument("token_id", type=int, metavar="ID")
def revoke(token_id: int) -> None:
    """Revoke the token ID ('runstrong tokens list' shows ids); scripts using it are refused."""
    with opened_log() as store:
        if not revoke_token(store, acting_user(), token_id):
            raise UserError(
                f"{acting_user()} has no token {token_id}",
                hint="'runstrong tokens list' shows their tokens",
            )
    click.echo(f"Token {token_id} is revoked.")
