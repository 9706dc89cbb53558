"""How the CLI reports problems: one `runstrong: error:` line, a hint, and an exit status."""

from __future__ import annotations

from enum import IntEnum

import click


class ExitStatus(IntEnum):
    OK = 0
    FAILURE = 1
    BAD_INPUT = 2


class UserError(click.ClickException):
    """A problem with what the user asked for or gave us; never shown as a traceback."""

    exit_code = ExitStatus.BAD_INPUT

    def __init__(
        self, message: str, *, hint: str | None = None, status: ExitStatus = ExitStatus.BAD_INPUT
    ) -> None:
        super().__init__(message)
        self.hint = hint
        self.exit_code = status

    def show(self, file=None) -> None:
        report(self.format_message(), hint=self.hint)


def report(message: str, *, hint: str | None = None) -> None:
    """Print an error (and an optional hint) to stderr in the one house style."""
    for line in message.splitlines() or [""]:
        click.echo(f"runstrong: error: {line}", err=True)
    if hint:
        click.echo(f"  hint: {hint}", err=True)


def warn(message: str) -> None:
    """Print a warning to stderr: something was left out, and the command carried on."""
    for line in message.splitlines() or [""]:
        click.echo(f"runstrong: warning: {line}", err=True)
