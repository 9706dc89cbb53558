"""Next-session advice from the training log: the one place the log meets the progression rules.

`runstrong next`, the player's opening screen, the web app and the FIT export
all ask the same question; they all get the same answer from here.
"""

from __future__ import annotations

from datetime import date, datetime

from runstrong.progress.loads import Unit
from runstrong.progress.progression import Advice, advise_workout
from runstrong.store.database import Store
from runstrong.store.history import recent_entries_with
from runstrong.workouts.model import Workout

#: How many recent sessions the rules look at (two in a row, plus room for a break).
HISTORY = 4


def advice_from_log(
    store: Store,
    workout: Workout,
    *,
    today: date | None = None,
    unit: Unit | None = None,
    excluding: str | None = None,
) -> list[Advice]:
    """Advice per exercise from the latest logged sessions that did it, in any workout
    (catalog exercises keep their id everywhere, so their history follows them).

    Args:
        today: the day the advice is for (default: today, local time).
        unit: show loads in this unit (default: the unit each exercise was logged in).
        excluding: a session uid to leave out (the one being filled in).
    """
    sessions = recent_entries_with(
        store,
        exercise_ids=[exercise.id for exercise in workout.exercises()],
        limit=HISTORY + bool(excluding),
    )
    earlier = [entry for entry in sessions if entry.uid != excluding]
    when = today or datetime.now().astimezone().date()
    return advise_workout(workout, earlier, today=when, unit=unit)
