"""What reading a calendar left out, and why.

Calendars are read the way calendar apps read them: an event that cannot be
read is skipped, named by its line, UID and what is wrong, and the rest of
the file is used. Only a file with no usable event at all is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

#: What to do about skipped events, said once under the warnings.
FIX_HINT = "fix or delete those events in your calendar app, then export the calendar again"
#: Warnings shown before "and N more"; a broken export can have thousands.
SHOWN = 20


@dataclass(frozen=True)
class ReadWarning:
    """One thing left out of a calendar: a skipped event when `title` is set, else a note.

    Attributes:
        where: "runs.ics line 12".
        problem: what is wrong, in words a runner can act on.
        title: the event's title ("" when it has none); None for a note about the file.
        uid: the event's UID, if it has one.
        description: the event's notes, to tell whether it was a run.
        day: the day a one-off event was on, when it could be read.
        repeats: the event repeats, so it may fall in any week.
    """

    where: str
    problem: str
    title: str | None = None
    uid: str = ""
    description: str = ""
    day: date | None = None
    repeats: bool = False

    @property
    def skipped_event(self) -> bool:
        return self.title is not None

    @property
    def subject(self) -> str:
        """ "event 'Intervals' (UID abc@example.org)": how messages name it."""
        named = f"event {_cut(self.title)!r}" if self.title else "an event with no title"
        return named + (f" (UID {_cut(self.uid)})" if self.uid else "")

    def __str__(self) -> str:
        if self.title is None:
            return f"{self.where}: {self.problem}"
        return f"{self.where}: {self.subject}: {self.problem}"

    @property
    def planned_without(self) -> str:
        """ "Intervals (runs.ics line 12, UID x): it has 2 DTSTART lines...; planned without it"."""
        uid = f", UID {_cut(self.uid)}" if self.uid else ""
        return f"{_cut(self.title or '(no title)')} ({self.where}{uid}): {self.problem}; " + (
            "planned without it"
        )

    @property
    def message(self) -> str:
        """The warning as shown while carrying on: "skipped runs.ics line 12: event ..."."""
        return f"skipped {self}" if self.skipped_event else str(self)


def warning_lines(
    warnings: Sequence[ReadWarning], *, shown: int = SHOWN, carrying_on: bool = False
) -> list[str]:
    """The warnings as lines, at most `shown` of them and then how many more there are.

    Args:
        carrying_on: the rest of the calendar is used, so say what was skipped.
    """
    lines = [w.message if carrying_on else str(w) for w in warnings[:shown]]
    if len(warnings) > shown:
        lines.append(f"... and {len(warnings) - shown:,} more")
    return lines


def _cut(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
