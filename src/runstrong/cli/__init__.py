"""The `runstrong` command: a thin click layer over the importable modules.

Subcommands live in sibling modules and are imported only when run, so
`runstrong --help` stays fast however heavy a command's dependencies are.
"""

from __future__ import annotations

import importlib
import sys

import click

from runstrong.cli.errors import ExitStatus, UserError, report
from runstrong.settings import USER_VARIABLE

#: command name -> ("module:attribute" in runstrong.cli, one-line summary), in help order.
#: The summaries live here so that listing commands imports none of them.
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("play:play", "Play a workout step by step in the terminal, with countdowns and cues."),
    "serve": ("serve:serve", "Start the browser app: player, log and plan on phone or desktop."),
    "list": ("workouts:list_workouts", "List the workouts you can do."),
    "show": ("workouts:show", "Show a workout: blocks, exercises, doses and variations."),
    "timeline": ("workouts:timeline", "Every step of a session in order, with planned seconds."),
    "validate": ("workouts:validate", "Check workout files; report each problem with its line."),
    "schema": ("workouts:schema", "Print the JSON Schema of the workout format."),
    "exercises": ("workouts:exercises", "List the exercise catalog your workouts can use by id."),
    "import": ("importing:import_article_command", "Turn a workout article into a workout file."),
    "export": ("export:export", "Write a workout as JSON, Markdown, a card, FIT or .ics."),
    "log": ("log:log_session", "Record a session done away from the player, or amend the last."),
    "history": ("history:history", "Your recent sessions, newest first, with their ids."),
    "delete": ("history:delete_session", "Delete a session from the log by its id."),
    "stats": ("history:stats", "Weekly adherence, streak, volume and best load per exercise."),
    "next": ("history:next_session", "What to do next session, exercise by exercise, and why."),
    "chart": ("history:chart", "Chart an exercise's load over time, or weeks done and missed."),
    "export-log": (
        "log:export_log",
        "Write the log as CSV or JSON, or a session as a FIT activity.",
    ),
    "import-log": ("log:import_log", "Add sessions from a CSV or JSON export to the log."),
    "db": ("db:db", "Look after the log database (db upgrade)."),
    "users": ("users:users", "Add, list and remove the users of a shared log; set passwords."),
    "tokens": ("users:tokens", "API tokens for scripts: create one, list them, revoke one."),
    "plan": ("plan:plan", "Place strength sessions around the runs in your calendar."),
    "calendar": (
        "plan:calendar",
        "Show a calendar's events and how each was classified; the feed's address.",
    ),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attribute = COMMANDS[cmd_name][0].split(":")
        module = importlib.import_module(f"runstrong.cli.{module_name}")
        return getattr(module, attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, summary) for name, (_, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="runstrong", prog_name="runstrong")
@click.option(
    "--user",
    envvar=USER_VARIABLE,
    metavar="NAME",
    help=f"Act as this user of a shared log (default: the local runner; or ${USER_VARIABLE}).",
)
def cli(user: str | None) -> None:
    """Strength training for runners: workouts, a guided player, a log and a planner."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and turn every user-facing problem into a message and an exit status."""
    try:
        result = cli.main(args=argv, prog_name="runstrong", standalone_mode=False)
    except UserError as err:
        err.show()
        return int(err.exit_code)
    except click.UsageError as err:
        command = err.ctx.command_path if err.ctx else "runstrong"
        report(err.format_message(), hint=f"see '{command} --help'")
        return int(ExitStatus.BAD_INPUT)
    except click.ClickException as err:
        report(err.format_message())
        return int(err.exit_code)
    except click.Abort:
        report("aborted")
        return int(ExitStatus.FAILURE)
    except KeyboardInterrupt:
        return 130
    return result if isinstance(result, int) else int(ExitStatus.OK)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
